"""Password rules required of government systems (等保): at least 8 characters, with letters,
digits and a symbol; every message in Chinese."""

import re

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's rule with our own message: Django 5.2.19 changed the message's msgid and its
    shipped Chinese catalogue no longer matches, so the stock message comes out in English."""

    def get_error_message(self) -> str:
        return f"密码长度不足，至少需要{self.min_length}个字符。"

    def get_help_text(self) -> str:
        return f"密码至少{self.min_length}个字符。"


class ComplexityValidator:
    def validate(self, password: str, user=None) -> None:
        missing = []
        if not re.search(r"[A-Za-z]", password):
            missing.append("字母")
        if not re.search(r"\d", password):
            missing.append("数字")
        if not re.search(r"[^A-Za-z0-9]", password):
            missing.append("特殊符号")
        if missing:
            raise ValidationError(
                "密码必须同时包含字母、数字和特殊符号，当前缺少：%(missing)s。",
                code="password_too_simple",
                params={"missing": "、".join(missing)},
            )

    def get_help_text(self) -> str:
        return "密码须同时包含字母、数字和特殊符号。"
