"""One error shape for the whole API (API.md):
{"error": {"code": "...", "message": "<中文说明>", "fields": {"<field>": ["<中文>"]}}}"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response

from shuniu.core.errors import ApiError

__all__ = ["ApiError", "error_response", "exception_handler"]


DEFAULT_MESSAGES = {
    exceptions.NotAuthenticated: ("not_authenticated", "未登录或未提供身份令牌"),
    exceptions.AuthenticationFailed: ("authentication_failed", "身份令牌无效或已过期，请重新登录"),
    exceptions.PermissionDenied: ("permission_denied", "您没有执行此操作的权限"),
    exceptions.NotFound: ("not_found", "请求的资源不存在"),
    exceptions.MethodNotAllowed: ("method_not_allowed", "不支持该请求方法"),
    exceptions.NotAcceptable: ("not_acceptable", "不支持请求的响应格式"),
    exceptions.UnsupportedMediaType: ("unsupported_media_type", "不支持的请求内容类型，请使用JSON"),
    exceptions.Throttled: ("throttled", "请求过于频繁，请稍后再试"),
    exceptions.ParseError: ("parse_error", "请求内容不是有效的JSON"),
}


def _flatten(detail) -> list[str]:
    if isinstance(detail, dict):
        return [msg for value in detail.values() for msg in _flatten(value)]
    if isinstance(detail, list):
        return [msg for item in detail for msg in _flatten(item)]
    return [str(detail)]


def _fields(detail) -> dict:
    if isinstance(detail, dict):
        return {str(key): _flatten(value) for key, value in detail.items()}
    return {}


def error_response(status_code: int, code: str, message: str, fields: dict | None = None, headers=None) -> Response:
    body = {"error": {"code": code, "message": message}}
    if fields:
        body["error"]["fields"] = fields
    return Response(body, status=status_code, headers=headers)


def exception_handler(exc, context):
    if isinstance(exc, ApiError):
        return error_response(exc.status_code, exc.code, exc.message, exc.fields)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, DjangoValidationError):
        fields = exc.message_dict if hasattr(exc, "error_dict") else {}
        messages = [m for m in exc.messages]
        return error_response(422, "invalid", messages[0] if messages else "提交的数据不正确", fields)
    if isinstance(exc, exceptions.ValidationError):
        fields = _fields(exc.detail)
        non_field = fields.pop("non_field_errors", None)
        messages = non_field or _flatten(exc.detail)
        first = messages[0] if messages else "提交的数据不正确"
        summary = first if non_field or not fields else f"提交的数据有误：{first}"
        return error_response(400, "invalid", summary, fields)
    if isinstance(exc, exceptions.APIException):
        code, message = "error", "请求无法处理"
        for cls, (default_code, default_message) in DEFAULT_MESSAGES.items():
            if isinstance(exc, cls):
                code, message = default_code, default_message
                break
        headers = {}
        if isinstance(exc, exceptions.Throttled) and exc.wait:
            headers["Retry-After"] = str(int(exc.wait))
            message = f"请求过于频繁，请{int(exc.wait) + 1}秒后再试"
        if getattr(exc, "auth_header", None):
            headers["WWW-Authenticate"] = exc.auth_header
        status_code = exc.status_code
        if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
            status_code = status.HTTP_401_UNAUTHORIZED
            headers.setdefault("WWW-Authenticate", "Bearer")
        return error_response(status_code, code, message, headers=headers)
    return None
