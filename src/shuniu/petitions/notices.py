"""The wording of the written notices and opinions a petition produces (告知书、意见书)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from .documents import Letter
from .models import Channel, DispatchMode, Outcome, Petition, ReviewDecision

REFUSAL_REASON = (
    "该信访事项已经复核终结。根据《信访工作条例》规定，信访人对复核意见不服，仍然以同一事实和理由提出信访请求的，"
    "各级机关、单位不再受理。"
)

_HOW = {
    Channel.LETTER: "来信反映",
    Channel.VISIT: "来访反映",
    Channel.ONLINE: "通过网上信访反映",
    Channel.PHONE: "来电反映",
    Channel.FAX: "以传真形式反映",
}

OUTCOME_SENTENCE = {
    Outcome.SUPPORT: "综上，本机关对你提出的信访请求予以支持。",
    Outcome.EXPLAIN: "综上，本机关对你反映的问题作如上解释说明。",
    Outcome.NOT_SUPPORT: "综上，本机关对你提出的信访请求不予支持。",
}


def cn_date(value) -> str:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return f"{value.year}年{value.month}月{value.day}日"


def _addressee(p: Petition) -> str:
    return f"{p.petitioner_name}等{p.people_count}人" if p.people_count > 1 else p.petitioner_name


def _intro(p: Petition) -> str:
    you = "你们" if p.people_count > 1 else "你"
    return f"{you}于{cn_date(p.matter.received_at)}{_HOW.get(p.channel, '反映')}的“{p.matter.title}”问题"


def _office(p: Petition) -> str:
    """The office on whose behalf the petition section acts (市政府办公室)."""
    owner = p.matter.owner_unit
    return owner.parent.name if owner.parent_id else owner.name


def _number(p: Petition) -> str:
    return f"信访编号：{p.matter.serial}"


def accept_notice(p: Petition, unit_name: str, at, comment: str, handle_due) -> Letter:
    how = "转送" if p.dispatch_mode == DispatchMode.FORWARD else "交办"
    body = [
        f"{_intro(p)}，经{_office(p)}信访科{how}本机关。经审查，该信访事项属于本机关职责范围，"
        f"符合受理条件，本机关于{cn_date(at)}决定予以受理。",
        f"本机关将在{cn_date(handle_due)}前（自受理之日起60日内）办结，并出具书面处理意见。",
    ]
    if comment:
        body.append(comment)
    body.append("特此告知。")
    return Letter("信访事项受理告知书", _number(p), _addressee(p), body, unit_name, timezone.localtime(at).date())


def decline_notice(p: Petition, unit_name: str, at, reason: str) -> Letter:
    body = [f"{_intro(p)}，经{_office(p)}信访科转送本机关。经审查，该信访事项不予受理，理由如下：", reason, "特此告知。"]
    return Letter("信访事项不予受理告知书", _number(p), _addressee(p), body, unit_name, timezone.localtime(at).date())


def extension_notice(p: Petition, unit_name: str, at, accepted_at, days: int, reason: str, new_due) -> Letter:
    body = [
        f"本机关于{cn_date(accepted_at)}受理{_intro(p)}。因以下原因，该信访事项不能在规定期限内办结：",
        reason,
        f"经本机关负责人批准，办理期限延长{days}日，本机关将在{cn_date(new_due)}前办结并出具书面处理意见。",
        "特此告知。",
    ]
    return Letter("信访事项延期办理告知书", _number(p), _addressee(p), body, unit_name, timezone.localtime(at).date())


def opinion(p: Petition, unit_name: str, at, accepted_at, outcome: str, text: str) -> Letter:
    body = [
        f"{_intro(p)}，本机关已于{cn_date(accepted_at)}依法受理。经调查核实，现将处理意见答复如下：",
        text,
        OUTCOME_SENTENCE[outcome],
        "如对本处理意见不服，可以自收到本意见书之日起30日内，向市人民政府请求复查（复查请求可向"
        f"{_office(p)}信访科提出）。",
    ]
    return Letter("信访事项处理意见书", _number(p), _addressee(p), body, unit_name, timezone.localtime(at).date())


def _decision_sentence(decision: str, outcome: str, what: str, by: str) -> str:
    if decision == ReviewDecision.UPHOLD:
        return f"维持{by}作出的{what}。"
    return f"变更{by}作出的{what}，处理结果变更为：{Outcome(outcome).label}。"


def review_opinion(p: Petition, at, lead_name: str, replied_at, requested_at, decision: str, outcome: str,
                   text: str) -> Letter:
    body = [
        f"你不服{lead_name}于{cn_date(replied_at)}出具的信访事项处理意见书，于{cn_date(requested_at)}提出复查请求。"
        "经复查，现提出复查意见如下：",
        text,
        _decision_sentence(decision, outcome, "处理意见", lead_name),
        "如对本复查意见不服，可以自收到本意见书之日起30日内，向上一级机关请求复核。",
    ]
    return Letter("信访事项复查意见书", _number(p), _addressee(p), body, _office(p), timezone.localtime(at).date())


def recheck_opinion(p: Petition, at, reviewed_at, requested_at, decision: str, outcome: str, text: str) -> Letter:
    body = [
        f"你不服{cn_date(reviewed_at)}出具的信访事项复查意见书，于{cn_date(requested_at)}提出复核请求。"
        "经复核，现提出复核意见如下：",
        text,
        _decision_sentence(decision, outcome, "复查意见", "复查机关"),
        "本复核意见为最终意见。根据《信访工作条例》规定，信访人对复核意见不服，仍然以同一事实和理由提出信访请求的，"
        "各级机关、单位不再受理。",
    ]
    return Letter("信访事项复核意见书", _number(p), _addressee(p), body, _office(p), timezone.localtime(at).date())


def refusal_notice(p: Petition, at, reason: str, concluded: Petition | None) -> Letter:
    body = [f"{_intro(p)}，本机关已登记。"]
    if concluded is not None:
        body.append(f"经查，你反映的问题已作为信访事项{concluded.matter.serial}办理，并已经复核终结。")
    body += [reason, "特此告知。"]
    return Letter("信访事项不再受理告知书", _number(p), _addressee(p), body, _office(p), timezone.localtime(at).date())
