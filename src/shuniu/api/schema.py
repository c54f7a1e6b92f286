"""The OpenAPI document says what the API does (issue #11): every operation lists the error
answers it can give, in the one error shape of API.md, and the statuses a client must handle.

Wired as a drf-spectacular postprocessing hook (settings.SPECTACULAR_SETTINGS)."""

from __future__ import annotations

ERROR_SCHEMA = {
    "type": "object",
    "description": "错误应答：code为英文错误代码，message为中文说明，fields为各字段的中文说明",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {
                "code": {"type": "string", "example": "invalid"},
                "message": {"type": "string", "example": "提交的数据有误：标题应为文本"},
                "fields": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
            },
        },
    },
}

DESCRIPTIONS = {
    "400": "请求内容或参数不正确（含空字符、嵌套过深、类型错误、日期超出1949年至2100年等）",
    "401": "未登录或身份令牌无效",
    "403": "无权执行此操作",
    "404": "资源不存在或无权查看",
    "409": "事项状态已变化（他人已处理或版本号不一致），请刷新后重试",
    "413": "请求内容超过上限（JSON 2MB）",
    "415": "不支持的请求内容类型",
    "429": "请求过于频繁或账户已锁定",
}


def _error(status: str) -> dict:
    return {"description": DESCRIPTIONS[status],
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def _statuses(path: str, method: str, operation: dict) -> list[str]:
    public = operation.get("security") == [{}] or not operation.get("security")
    writes = method in ("post", "put", "patch")
    statuses = ["400"]
    if not public:
        statuses += ["401", "403"]
    if "{" in path or not public:
        statuses.append("404")
    if writes and not public:
        statuses.append("409")
    if writes:
        statuses += ["413", "415"]
    if public:
        statuses.append("429")
    return statuses


def postprocess(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            for status in _statuses(path, method, operation):
                responses.setdefault(status, _error(status))
            for status, response in responses.items():
                # An error an operation declares with only a description (OpenApiResponse) has the
                # one error body too.
                if status.startswith("4") and "content" not in response:
                    response["content"] = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    return result
