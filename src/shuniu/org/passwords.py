"""Password complexity required of government systems (等保): letters, digits and a symbol."""

import re

from django.core.exceptions import ValidationError


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
