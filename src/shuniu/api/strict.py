"""JSON types for the forms behind the API: a list is not a title, "maybe" is not a yes.

A form reads form-encoded text; JSON brings lists, objects, numbers and booleans, which Django's
fields would turn into text (`['a', 'b']` stored as a title) or truthiness. Each endpoint that hands
a JSON object to a form first asks `require_types(FormClass, data)`: 400 with the fields named."""

from __future__ import annotations

from shuniu.core.inputs import json_type_errors

from .errors import ApiError


def require_types(form_class, data) -> None:
    errors = json_type_errors(form_class, data)
    if errors:
        first = next(iter(errors.values()))[0]
        raise ApiError(400, "invalid", f"提交的数据有误：{first}", errors)


def require_object(data) -> dict:
    """The body must be a JSON object (or a form); a list, a string or a number is refused."""
    if not hasattr(data, "get"):
        raise ApiError(400, "invalid", "请求内容应为JSON对象")
    return data
