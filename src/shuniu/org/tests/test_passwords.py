"""Password rules (等保): Argon2, at least 8 characters, letters + digits + a symbol, in Chinese."""

import re

import pytest
from django.contrib.auth.hashers import get_hasher
from django.contrib.auth.password_validation import password_validators_help_texts, validate_password
from django.core.exceptions import ValidationError
from django.utils import translation

from shuniu.org.models import User


def messages_for(password: str, user=None) -> str:
    with translation.override("zh-hans"), pytest.raises(ValidationError) as caught:
        validate_password(password, user)
    return " ".join(caught.value.messages)


def test_argon2_is_the_hasher_actually_used(db):
    user = User(username="newcomer", name="新同志")
    user.set_password("Xinmima#2026")
    user.save()
    assert get_hasher().algorithm == "argon2"
    assert user.password.startswith("argon2$argon2id$")
    assert user.check_password("Xinmima#2026")


def test_password_shorter_than_8_is_refused_in_chinese(db):
    assert "密码长度不足，至少需要8个字符。" in messages_for("Ab1#xyz")


@pytest.mark.parametrize(
    ("password", "missing"),
    [
        ("abcdefgh", "数字、特殊符号"),
        ("12345678#", "字母"),
        ("Abcdefg123", "特殊符号"),
        ("Abcdefg#$", "数字"),
    ],
)
def test_password_without_letters_digits_and_a_symbol_is_refused(db, password, missing):
    assert f"密码必须同时包含字母、数字和特殊符号，当前缺少：{missing}。" in messages_for(password)


def test_password_too_like_the_username_is_refused_in_chinese(db):
    user = User(username="zhangsanfeng", name="张三丰")
    assert "相似" in messages_for("zhangsanfeng#1", user)


def test_a_strong_password_passes(db):
    validate_password("Lanse-Gaoshan-57!")
    validate_password("换个Tq7#vLp2!mZe")


WEAK = "密码强度不足，容易被猜中"


@pytest.mark.parametrize("password", ["aaaaaaa1!", "Qwerty@123", "xinxi@2026A", "Zx9!Zx9!", "Shuniu@2026"])
def test_guessable_passwords_that_meet_the_composition_rules_are_refused(db, password):
    assert WEAK in messages_for(password)


def test_the_persons_name_in_pinyin_and_the_office_name_are_no_strength(demo_office):
    mayor = demo_office["mayor"]  # 李正华
    assert WEAK in messages_for("Lizhenghua@1970", mayor)
    assert WEAK in messages_for("Lzh#Qr7!", mayor)
    assert WEAK in messages_for("Zhengfu#bangongshi1", mayor)
    validate_password("Mayor@Qingshan-Lake9", mayor)


def test_the_rules_are_explained_in_chinese():
    with translation.override("zh-hans"):
        texts = password_validators_help_texts()
    assert texts[:3] == ["密码至少8个字符。", "密码须同时包含字母、数字和特殊符号。",
                         "密码不得容易被猜中，不要使用登录名、单位名称、姓名拼音、年份或键盘顺序。"]
    assert all(re.search(r"[\u4e00-\u9fff]", text) for text in texts)
