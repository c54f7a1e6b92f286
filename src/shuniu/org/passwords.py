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


# Words an attacker tries first in a Chinese government office, whoever the person is.
OFFICE_WORDS = (
    "shuniu", "zhengfu", "bangongshi", "bangongting", "bangong", "renmin", "xinxi", "xinxihua", "zhongguo",
    "china", "admin", "gov", "mima", "woaini", "duban", "dubanshi", "xinfang", "rexian",
)
YEARS = re.compile(r"(?:19|20)\d\d")
MIN_SCORE = 3


def _pinyin_words(text: str) -> list[str]:
    """“李正华” → ["lizhenghua", "lzh", "zhenghua", "li"]: the ways a name is typed in Latin letters."""
    from pypinyin import Style, lazy_pinyin

    text = "".join(ch for ch in text if "\u4e00" <= ch <= "\u9fff")
    if not text:
        return []
    syllables = lazy_pinyin(text, style=Style.NORMAL)
    words = ["".join(syllables), "".join(s[0] for s in syllables if s)]
    if len(syllables) > 1:
        words += ["".join(syllables[1:]), syllables[0]]
    return words


def context_words(user=None) -> list[str]:
    """The login, the office's and the person's units' names, the person's name in pinyin, the year."""
    from django.utils import timezone

    year = timezone.localdate().year
    words = [*OFFICE_WORDS, str(year), str(year - 1), str(year + 1)]
    names = []
    try:
        from .models import Unit

        names += list(Unit.objects.filter(office_role="general_office").values_list("name", "short_name"))
    except Exception:  # noqa: BLE001 - no database yet (checks, migrations): the fixed words still apply
        pass
    if user is not None:
        words += [w for w in (getattr(user, "username", ""), getattr(user, "email", "").split("@")[0]) if w]
        words += _pinyin_words(getattr(user, "name", "") or "")
        if getattr(user, "pk", None):
            names += list(user.memberships.values_list("unit__name", "unit__short_name"))
    for pair in names:
        for name in pair:
            words += _pinyin_words(name or "")
    return [w.lower() for w in dict.fromkeys(words) if len(w) >= 2]


class StrengthValidator:
    """A real strength estimate (zxcvbn) on top of the composition rules: “Qwerty@123” has letters,
    digits and a symbol and is still among the first passwords an attacker tries.

    Scored twice: as typed, and with every context word and year taken out — what is left must be
    hard to guess by itself, since an attacker who knows the office tries its words first."""

    def __init__(self, min_score: int = MIN_SCORE):
        self.min_score = min_score

    def score(self, password: str, user=None) -> int:
        from zxcvbn import zxcvbn

        words = context_words(user)
        score = zxcvbn(password[:100], user_inputs=words)["score"]
        rest = password
        for word in sorted(words, key=len, reverse=True):
            if len(word) >= 3:
                rest = re.sub(re.escape(word), "", rest, flags=re.IGNORECASE)
        rest = YEARS.sub("", rest)
        if rest != password:
            score = min(score, zxcvbn(rest[:100], user_inputs=words)["score"] if rest else 0)
        return score

    def validate(self, password: str, user=None) -> None:
        if self.score(password, user) < self.min_score:
            raise ValidationError(
                "密码强度不足，容易被猜中（如常见密码、键盘顺序、重复字符，或含登录名、单位名称、姓名拼音、年份）。"
                "请使用更长且无规律的密码，例如由几个不相关的词和符号组成。",
                code="password_too_weak",
            )

    def get_help_text(self) -> str:
        return "密码不得容易被猜中，不要使用登录名、单位名称、姓名拼音、年份或键盘顺序。"
