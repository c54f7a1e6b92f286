"""JSON bodies the API reads, and the ones it refuses before they reach a view (API.md):
larger than 2 MB → 413; nested deeper than 32 levels, a lone surrogate or a NUL character in any
string, bytes that are not UTF-8 → 400. Every refusal in the API's error shape, in Chinese."""

from __future__ import annotations

import json
import re

from rest_framework.parsers import JSONParser

from .errors import ApiError

MAX_JSON_BYTES = 2 * 1024 * 1024
MAX_JSON_DEPTH = 32
# A lone surrogate cannot be stored as UTF-8; a NUL cannot be stored in PostgreSQL text.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def too_large() -> ApiError:
    return ApiError(413, "payload_too_large", f"请求内容超过{MAX_JSON_BYTES // 1024 // 1024}MB上限")


def _refuse(message: str) -> ApiError:
    return ApiError(400, "parse_error", message)


def _check(value) -> None:
    """Walk the parsed value without recursion: depth, and the characters of every key and string."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            if _UNSTORABLE.search(item):
                raise _refuse("请求内容含有不允许的字符（空字符或不成对的代理字符）")
            continue
        if isinstance(item, dict | list):
            if depth > MAX_JSON_DEPTH:
                raise _refuse(f"请求内容的嵌套层数超过{MAX_JSON_DEPTH}层")
            children = [*item.keys(), *item.values()] if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)


class StrictJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        if stream is None:
            return {}
        raw = stream.read(MAX_JSON_BYTES + 1)
        if len(raw) > MAX_JSON_BYTES:
            raise too_large()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise _refuse("请求内容不是有效的UTF-8编码") from None
        try:
            value = json.loads(text, parse_constant=_no_constant)
        except RecursionError:
            raise _refuse(f"请求内容的嵌套层数超过{MAX_JSON_DEPTH}层") from None
        except ValueError:  # JSONDecodeError, NaN/Infinity, an integer of thousands of digits
            raise _refuse("请求内容不是有效的JSON") from None
        _check(value)
        return value


def _no_constant(name: str):
    raise ValueError(f"{name} is not JSON")
