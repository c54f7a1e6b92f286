import pytest

from shuniu.workdays.services import DeadlineRule


@pytest.mark.parametrize(
    "text, amount, unit",
    [
        ("20 working days", 20, "working_days"),
        ("1 working day", 1, "working_days"),
        ("60 calendar days", 60, "calendar_days"),
        ("15 days", 15, "calendar_days"),
        ("3 months", 3, "months"),
        ("1 month", 1, "months"),
        ("2 hours", 2, "hours"),
        ("  20  Working Days ", 20, "working_days"),
    ],
)
def test_rule_parses_english(text, amount, unit):
    assert DeadlineRule.parse(text) == DeadlineRule(amount, unit)


@pytest.mark.parametrize(
    "text, amount, unit",
    [
        ("20个工作日", 20, "working_days"),
        ("5工作日", 5, "working_days"),
        ("20个工作日内", 20, "working_days"),
        ("60日", 60, "calendar_days"),
        ("60天", 60, "calendar_days"),
        ("60个自然日", 60, "calendar_days"),
        ("3个月", 3, "months"),
        ("2小时", 2, "hours"),
        ("2个小时", 2, "hours"),
        ("十五日", 15, "calendar_days"),
        ("二十个工作日", 20, "working_days"),
        ("三个月", 3, "months"),
        ("一百二十日", 120, "calendar_days"),
        ("２０个工作日", 20, "working_days"),
    ],
)
def test_rule_parses_chinese(text, amount, unit):
    assert DeadlineRule.parse(text) == DeadlineRule(amount, unit)


@pytest.mark.parametrize(
    "rule, label",
    [
        (DeadlineRule(20, "working_days"), "20个工作日"),
        (DeadlineRule(60, "calendar_days"), "60日"),
        (DeadlineRule(3, "months"), "3个月"),
        (DeadlineRule(2, "hours"), "2小时"),
    ],
)
def test_rule_reads_in_chinese_and_parses_back(rule, label):
    assert rule.label == label
    assert str(rule) == label
    assert DeadlineRule.parse(str(rule)) == rule


@pytest.mark.parametrize(
    "text", ["", "二十", "20", "3月", "soon", "20 weeks", "0个工作日", "-5日", "二三日", "2.5小时"]
)
def test_unrecognised_rule_is_refused_in_chinese(text):
    with pytest.raises(ValueError) as error:
        DeadlineRule.parse(text)
    assert "无法识别期限" in str(error.value)
    assert "20个工作日" in str(error.value)


def test_rule_refuses_unknown_unit_and_non_positive_amount():
    with pytest.raises(ValueError, match="期限单位“weeks”无效"):
        DeadlineRule(2, "weeks")
    with pytest.raises(ValueError, match="应为正整数"):
        DeadlineRule(0, "working_days")
    with pytest.raises(ValueError, match="应为正整数"):
        DeadlineRule(True, "hours")


def test_rule_is_immutable_data():
    rule = DeadlineRule(20, "working_days")
    with pytest.raises(AttributeError):
        rule.amount = 30
    assert {rule, DeadlineRule.parse("20个工作日")} == {rule}
