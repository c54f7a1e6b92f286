"""信访 — the whole life of a petition on one screen (《信访工作条例》, calendar days unless said).

  registered 已登记 ──dispatch (≤15日)──▶ dispatched 已转送交办 ──accept (告知, ≤15日)──▶ handling 办理中
     │  ▲                                   │ return (错送异议, ≤5个工作日) → registered
     │  └───────────────────────────────────┘ decline 不予受理 (告知书) → declined
     ├─ refuse 不再受理 (same request after 复核) → refused
     └─ close_as_repeat 重复信访 → merged
  handling ──reply (处理意见书, ≤60日, one extension ≤30日)──▶ replied 已答复
  replied ──request_review (≤30日)──▶ reviewing 复查中 ──decide_review (≤30日)──▶ reviewed 已复查
  reviewed ──request_recheck (≤30日)──▶ rechecking 复核中 ──decide_recheck (≤30日)──▶ closed 复核终结

`replied`, `reviewed`, `closed`, `declined`, `refused`, `merged` are closed (办结); a 复查/复核 request
reopens the matter with its own clock. The clocks are the engine's (`clocks=` below, driven through
`ctx.clocks`); the matter's `due_at` is the duty clock running now, so the engine's sweep reminds,
chases and escalates against it.

State diagram of petition (drawn by `shuniu kind_diagram petition`; regenerate, do not edit):

  registered 已登记 (start)
  dispatched 已转送交办
  handling 办理中
  replied 已答复 (closed)
  reviewing 复查中
  reviewed 已复查 (closed)
  rechecking 复核中
  closed 复核终结 (closed)
  declined 不予受理 (closed)
  refused 不再受理 (closed)
  merged 重复信访已告知 (closed)

  registered --dispatch 转送交办--> dispatched
  dispatched|handling --accept 受理--> handling | dispatched
  dispatched --decline 不予受理--> declined
  dispatched --return 错送退回--> registered | dispatched
  handling --report_progress 进展反馈--> (state kept)
  handling --request_extension 申请延期--> (state kept)
  handling --approve_extension 批准延期--> (state kept)
  handling --reject_extension 不予延期--> (state kept)
  handling --reply 出具处理意见--> replied
  replied --request_review 登记复查申请--> reviewing
  reviewing --decide_review 出具复查意见--> reviewed
  reviewed --request_recheck 登记复核申请--> rechecking
  rechecking --decide_recheck 出具复核意见--> closed
  registered --refuse 不再受理--> refused
  registered --close_as_repeat 按重复信访告知--> merged
  dispatched|handling --chase 催办--> (state kept)
  registered|dispatched|handling|reviewing|rechecking --instruct 批示--> (state kept)
"""

from __future__ import annotations

import dataclasses

import rules
from django.db.models import Q
from django.utils import timezone

from shuniu.matters import common
from shuniu.matters.models import Assignment
from shuniu.matters.rules import has_assignment
from shuniu.matters.services import Context, Invalid
from shuniu.matters.workflow import (
    ClockSpec,
    CommentForm,
    Holder,
    RequiredCommentForm,
    Transition,
    Workflow,
    register,
)
from shuniu.org.models import Role, Unit

from . import documents, notices
from .forms import (
    DecisionForm,
    DeclineForm,
    DispatchForm,
    ExtensionForm,
    OpinionForm,
    RefuseForm,
    RepeatForm,
    RequestForm,
    ReturnForm,
)
from .models import Category, Document, Outcome, Petition, ReviewDecision

KIND = "petition"
REGISTERED, DISPATCHED, HANDLING, REPLIED = "registered", "dispatched", "handling", "replied"
REVIEWING, REVIEWED, RECHECKING, CLOSED = "reviewing", "reviewed", "rechecking", "closed"
DECLINED, REFUSED, MERGED = "declined", "refused", "merged"
OPEN = (REGISTERED, DISPATCHED, HANDLING, REVIEWING, RECHECKING)
DISPATCHABLE_KINDS = (Unit.Kind.DEPARTMENT, Unit.Kind.COUNTY, Unit.Kind.OTHER)


class Name:
    """The statutory clocks of a petition (declared below in `clocks=`)."""

    FORWARD, OBJECTION, NOTICE, HANDLE = "forward", "objection", "notice", "handle"
    REVIEW_REQUEST, REVIEW, RECHECK_REQUEST, RECHECK = "review_request", "review", "recheck_request", "recheck"


LEAD = Assignment.Role.LEAD


def _petition(ctx: Context) -> Petition:
    return Petition.objects.select_related("repeat_of").get(matter=ctx.matter)


def unit_name(unit: Unit) -> str:
    """How a unit signs a letter to a petitioner (市生态环境局, 东城区)."""
    return unit.short_name or unit.name


def _lead(ctx: Context) -> Assignment | None:
    return (ctx.matter.assignments.filter(role=LEAD).exclude(status=Assignment.Status.CANCELLED)
            .select_related("unit").order_by("-id").first())


# --- 转送/交办 ---------------------------------------------------------------------------


def _dispatch(ctx: Context) -> None:
    wrong = [u.name for u, _role in ctx.data["units"] if u.kind not in DISPATCHABLE_KINDS]
    if wrong:
        raise Invalid(f"信访事项应转送、交办至有权处理的部门或县区，不能转交：{'、'.join(wrong)}",
                      {"units": ["请选择市直部门或县区"]})
    p = _petition(ctx)
    ctx.clocks.stop(Name.FORWARD)
    notice = ctx.clocks.start(Name.NOTICE)
    ctx.clocks.start(Name.OBJECTION)
    ctx.assign(ctx.data["units"], due_at=notice.due_at, due_uncertain=notice.due_uncertain)
    p.dispatch_mode = ctx.data["mode"]
    p.save(update_fields=["dispatch_mode"])
    ctx.entry_data["mode"] = p.get_dispatch_mode_display()


# --- 受理 / 不予受理 / 错送异议 --------------------------------------------------------------


def _accept(ctx: Context) -> None:
    common.accept_effect(ctx)
    a = ctx.assignment
    if a.role != LEAD:
        return
    p = _petition(ctx)
    ctx.clocks.stop(Name.NOTICE)
    ctx.clocks.cancel(Name.OBJECTION, "已受理")
    handle = ctx.clocks.start(Name.HANDLE)
    a.due_at, a.due_uncertain = handle.due_at, handle.due_uncertain
    a.reminded_at = a.chased_at = a.escalated_at = None
    a.save(update_fields=["due_at", "due_uncertain", "reminded_at", "chased_at", "escalated_at"])
    documents.issue(ctx, p, Document.Kind.ACCEPT_NOTICE,
                    notices.accept_notice(p, unit_name(a.unit), ctx.now, ctx.comment, handle.due_at))
    ctx.notify_unit(ctx.matter.owner_unit, f"已受理：{ctx.matter.title}",
                    f"{a.unit.name}已受理，应于{timezone.localtime(handle.due_at):%Y年%m月%d日}前办结。")


def _decline(ctx: Context) -> None:
    a = ctx.assignment
    p = _petition(ctx)
    ctx.clocks.stop(Name.NOTICE)
    ctx.clocks.cancel(Name.OBJECTION, "不予受理")
    p.decline_reason = ctx.data["reason"]
    p.save(update_fields=["decline_reason"])
    ctx.entry_data["unit"] = a.unit.code
    documents.issue(ctx, p, Document.Kind.DECLINE_NOTICE, notices.decline_notice(p, unit_name(a.unit), ctx.now, p.decline_reason))
    ctx.notify_unit(ctx.matter.owner_unit, f"不予受理：{ctx.matter.title}", f"{a.unit.name}：{p.decline_reason}")


_return_base = common.return_assignment([DISPATCHED], REGISTERED, stay=DISPATCHED, window="5 working days",
                                        label="错送退回")


def _return(ctx: Context) -> None:
    _return_base.effect(ctx)
    if ctx.assignment.role != LEAD:
        return
    ctx.cancel_assignments()
    ctx.clocks.cancel(Name.NOTICE, "错送退回")
    ctx.clocks.stop(Name.OBJECTION, note="已提出异议")
    ctx.clocks.start(Name.FORWARD, note="错送退回后重新转送交办")


# --- 延期 ----------------------------------------------------------------------------------


@rules.predicate
def extension_requested(user, matter) -> bool:
    return matter.assignments.filter(role=LEAD, extension=Assignment.Extension.REQUESTED).exists()


def _request_extension(ctx: Context) -> None:
    a = ctx.assignment
    handle = ctx.clocks.running(Name.HANDLE)
    if a.extension == Assignment.Extension.REQUESTED:
        raise Invalid("已有延期申请正在审批，请勿重复申请")
    if a.extension_count or (handle and handle.extensions):
        raise Invalid("信访事项只能延期一次，本件已经延期，不能再次申请")
    if handle is None or ctx.now > handle.due_at:
        raise Invalid("办理期限已届满，不能再申请延期，请尽快办结")
    a.extension, a.extension_days, a.extension_reason = Assignment.Extension.REQUESTED, ctx.data["days"], ctx.data["reason"]
    a.save(update_fields=["extension", "extension_days", "extension_reason"])
    ctx.entry_data.update({"unit": a.unit.code, "days": a.extension_days})
    ctx.notify_unit(a.unit, f"延期申请待审批：{ctx.matter.title}",
                    f"申请延期{a.extension_days}日：{a.extension_reason}", roles=(Role.HEAD,))


def _pending_extension(ctx: Context) -> Assignment:
    a = ctx.matter.assignments.filter(role=LEAD, extension=Assignment.Extension.REQUESTED).select_related("unit").first()
    if a is None:
        raise Invalid("没有待审批的延期申请")
    ctx.assignment = a
    return a


def _approve_extension(ctx: Context) -> None:
    a = _pending_extension(ctx)
    p = _petition(ctx)
    handle = ctx.clocks.running(Name.HANDLE)
    if handle is None:
        raise Invalid("本件不在办理期限内，不能延期")
    handle = ctx.clocks.extend(Name.HANDLE, a.extension_days)
    a.due_at, a.due_uncertain = handle.due_at, handle.due_uncertain
    a.extension, a.extension_count = Assignment.Extension.APPROVED, a.extension_count + 1
    a.reminded_at = a.chased_at = a.escalated_at = None
    a.save()
    p.extension_reason = a.extension_reason
    p.save(update_fields=["extension_reason"])
    accepted_at = handle.started_at
    documents.issue(ctx, p, Document.Kind.EXTENSION_NOTICE, notices.extension_notice(
        p, unit_name(a.unit), ctx.now, accepted_at, a.extension_days, a.extension_reason, handle.due_at))
    ctx.entry_data.update({"unit": a.unit.code, "days": a.extension_days, "due_at": handle.due_at.isoformat()})
    ctx.notify_unit(ctx.matter.owner_unit, f"已批准延期：{ctx.matter.title}",
                    f"{a.unit.name}延期{a.extension_days}日，办理期限延至{timezone.localtime(handle.due_at):%Y年%m月%d日}。")


def _reject_extension(ctx: Context) -> None:
    a = _pending_extension(ctx)
    a.extension = Assignment.Extension.REJECTED
    a.save(update_fields=["extension"])
    ctx.entry_data["unit"] = a.unit.code


# --- 处理意见 ------------------------------------------------------------------------------


def _reply(ctx: Context) -> None:
    a = ctx.assignment
    p = _petition(ctx)
    a.status, a.reply, a.replied_at = Assignment.Status.REPLIED, ctx.data["reply"], ctx.now
    if a.extension == Assignment.Extension.REQUESTED:
        a.extension = Assignment.Extension.NONE
    a.save(update_fields=["status", "reply", "replied_at", "extension"])
    handle = ctx.clocks.stop(Name.HANDLE)
    ctx.clocks.start(Name.REVIEW_REQUEST)
    p.outcome, p.opinion = ctx.data["outcome"], ctx.data["reply"]
    p.save(update_fields=["outcome", "opinion"])
    accepted_at = handle.started_at if handle else (a.accepted_at or ctx.now)
    documents.issue(ctx, p, Document.Kind.OPINION,
                    notices.opinion(p, unit_name(a.unit), ctx.now, accepted_at, p.outcome, p.opinion))
    ctx.entry_data.update({"unit": a.unit.code, "outcome": Outcome(p.outcome).label})
    ctx.notify_unit(ctx.matter.owner_unit, f"已出具处理意见：{ctx.matter.title}",
                    f"{a.unit.name}：{Outcome(p.outcome).label}。{p.opinion[:150]}")


# --- 复查 / 复核 --------------------------------------------------------------------------


def _request_within(ctx: Context, p: Petition, window_name: str, what: str, since: str) -> None:
    window = ctx.clocks.running(window_name)
    if window is None:
        raise Invalid(f"本件不能申请{what}")
    if ctx.now > window.due_at:
        raise Invalid(
            f"已超过{what}申请期限：信访人应当自收到{since}之日起30日内请求{what}"
            f"（本件期限已于{timezone.localtime(window.due_at):%Y年%m月%d日}届满），该{what}请求不予受理"
        )
    ctx.clocks.stop(window_name)


def _request_review(ctx: Context) -> None:
    p = _petition(ctx)
    _request_within(ctx, p, Name.REVIEW_REQUEST, "复查", "处理意见书")
    ctx.clocks.start(Name.REVIEW)
    p.review_reason = ctx.data["reason"]
    p.save(update_fields=["review_reason"])
    lead = _lead(ctx)
    if lead:
        ctx.notify_unit(lead.unit, f"信访人申请复查：{ctx.matter.title}", p.review_reason[:200])


def _decide(ctx: Context, p: Petition) -> tuple[str, str]:
    decision = ctx.data["decision"]
    outcome = ctx.data.get("outcome") or p.outcome
    ctx.comment = ctx.data["opinion"]
    if decision == ReviewDecision.CHANGE:
        if outcome == p.outcome:
            raise Invalid("变更原处理意见的，变更后的处理结果应与原处理结果不同", {"outcome": ["应与原处理结果不同"]})
        p.outcome = outcome
    return decision, outcome


def _decide_review(ctx: Context) -> None:
    p = _petition(ctx)
    decision, outcome = _decide(ctx, p)
    review = ctx.clocks.stop(Name.REVIEW)
    ctx.clocks.start(Name.RECHECK_REQUEST)
    p.review_decision, p.review_opinion = decision, ctx.data["opinion"]
    p.save(update_fields=["outcome", "review_decision", "review_opinion"])
    lead = _lead(ctx)
    reply = ctx.clocks.latest(Name.REVIEW_REQUEST)
    documents.issue(ctx, p, Document.Kind.REVIEW_OPINION, notices.review_opinion(
        p, ctx.now, unit_name(lead.unit) if lead else "原办理机关", reply.started_at if reply else ctx.now,
        review.started_at if review else ctx.now, decision, outcome, p.review_opinion))
    ctx.entry_data.update({"decision": ReviewDecision(decision).label, "outcome": Outcome(p.outcome).label})
    if lead:
        ctx.notify_unit(lead.unit, f"复查意见：{ctx.matter.title}", ReviewDecision(decision).label)


def _request_recheck(ctx: Context) -> None:
    p = _petition(ctx)
    _request_within(ctx, p, Name.RECHECK_REQUEST, "复核", "复查意见书")
    ctx.clocks.start(Name.RECHECK)
    p.recheck_reason = ctx.data["reason"]
    p.save(update_fields=["recheck_reason"])


def _decide_recheck(ctx: Context) -> None:
    p = _petition(ctx)
    decision, outcome = _decide(ctx, p)
    recheck = ctx.clocks.stop(Name.RECHECK)
    p.recheck_decision, p.recheck_opinion = decision, ctx.data["opinion"]
    p.save(update_fields=["outcome", "recheck_decision", "recheck_opinion"])
    reviewed = ctx.clocks.latest(Name.RECHECK_REQUEST)
    documents.issue(ctx, p, Document.Kind.RECHECK_OPINION, notices.recheck_opinion(
        p, ctx.now, reviewed.started_at if reviewed else ctx.now, recheck.started_at if recheck else ctx.now,
        decision, outcome, p.recheck_opinion))
    ctx.entry_data.update({"decision": ReviewDecision(decision).label, "outcome": Outcome(p.outcome).label})
    lead = _lead(ctx)
    if lead:
        ctx.notify_unit(lead.unit, f"复核终结：{ctx.matter.title}", ReviewDecision(decision).label)


# --- 不再受理 / 重复信访 ---------------------------------------------------------------------


def concluded_in_chain(p: Petition) -> Petition | None:
    """Another petition of the same matter (same chain) that was concluded by 复核, if any."""
    root = p.root
    return (Petition.objects.filter(Q(pk=root.pk) | Q(repeat_of=root), matter__status=CLOSED).exclude(pk=p.pk)
            .select_related("matter").order_by("matter__closed_at").first())


def _refuse(ctx: Context) -> None:
    p = _petition(ctx)
    concluded = concluded_in_chain(p)
    if concluded is None:
        raise Invalid("只有同一信访事项已经复核终结、信访人仍以同一事实和理由提出的，才能决定不再受理")
    ctx.clocks.stop(Name.FORWARD)
    p.refusal_reason = ctx.data["reason"]
    p.save(update_fields=["refusal_reason"])
    documents.issue(ctx, p, Document.Kind.REFUSAL_NOTICE, notices.refusal_notice(p, ctx.now, p.refusal_reason, concluded))
    ctx.entry_data["concluded"] = concluded.matter.serial


def _close_as_repeat(ctx: Context) -> None:
    p = _petition(ctx)
    if p.repeat_of_id is None:
        raise Invalid("本件未关联原信访事项，不能按重复信访办结")
    if concluded_in_chain(p) is not None:
        raise Invalid("同一信访事项已经复核终结，应当决定不再受理")
    ctx.clocks.stop(Name.FORWARD)
    ctx.entry_data["repeat_of"] = p.repeat_of.matter.serial


# --- Who holds the matter now (我的待办) ------------------------------------------------------


def holders(matter) -> list[Holder]:
    if not matter.is_open:
        return []
    owner = matter.owner_unit_id
    if matter.status == REGISTERED:
        return [Holder("转送交办", unit_id=owner, due_at=matter.due_at)]
    if matter.status == REVIEWING:
        return [Holder("复查", unit_id=owner, due_at=matter.due_at)]
    if matter.status == RECHECKING:
        return [Holder("复核", unit_id=owner, due_at=matter.due_at)]
    result = []
    for a in matter.assignments.filter(status__in=Assignment.ACTIVE):
        if a.status == Assignment.Status.PENDING:
            task = "受理告知" if a.role == LEAD else "签收（协办）"
        else:
            task = "办理" if a.role == LEAD else "协办"
        result.append(Holder(task, unit_id=a.unit_id, due_at=a.due_at))
        if a.extension == Assignment.Extension.REQUESTED:
            result.append(Holder("审批延期申请", unit_id=a.unit_id, roles=(Role.HEAD,), due_at=a.due_at))
    return result or [Holder(matter.status_label, unit_id=owner, due_at=matter.due_at)]


# --- The declaration ------------------------------------------------------------------------

lead_pending = has_assignment(Assignment.Status.PENDING, roles=(LEAD,), unit_roles=common.UNIT_ACTORS)
lead_handling = has_assignment(Assignment.Status.ACCEPTED, roles=(LEAD,), unit_roles=common.UNIT_ACTORS)
lead_head = has_assignment(Assignment.Status.ACCEPTED, roles=(LEAD,), unit_roles=(Role.HEAD,))


WORKFLOW = register(Workflow(
    kind=KIND,
    label="信访",
    serial_prefix="XF",
    owner_unit="xfk",
    states={
        REGISTERED: "已登记",
        DISPATCHED: "已转送交办",
        HANDLING: "办理中",
        REPLIED: "已答复",
        REVIEWING: "复查中",
        REVIEWED: "已复查",
        RECHECKING: "复核中",
        CLOSED: "复核终结",
        DECLINED: "不予受理",
        REFUSED: "不再受理",
        MERGED: "重复信访已告知",
    },
    initial=REGISTERED,
    closed_states=(REPLIED, REVIEWED, CLOSED, DECLINED, REFUSED, MERGED),
    clocks=[
        ClockSpec(Name.FORWARD, "登记转送交办", "15 calendar days"),
        ClockSpec(Name.OBJECTION, "错送异议", "5 working days", window=True),
        ClockSpec(Name.NOTICE, "告知受理与否", "15 calendar days"),
        ClockSpec(Name.HANDLE, "办理", "60 calendar days", max_extensions=1, extension_max="30 calendar days"),
        ClockSpec(Name.REVIEW_REQUEST, "复查申请", "30 calendar days", window=True),
        ClockSpec(Name.REVIEW, "复查", "30 calendar days"),
        ClockSpec(Name.RECHECK_REQUEST, "复核申请", "30 calendar days", window=True),
        ClockSpec(Name.RECHECK, "复核", "30 calendar days"),
    ],
    max_extensions=1,
    reminder_before="3 calendar days",
    categories=dict(Category.choices),
    transitions=[
        Transition("dispatch", "转送交办", (REGISTERED,), DISPATCHED, common.office_staff, form=DispatchForm,
                   effect=_dispatch, help="登记之日起15日内转送、交办有权处理的部门或县区；主办单位只能一个"),
        Transition("accept", "受理", (DISPATCHED, HANDLING), HANDLING,
                   has_assignment(Assignment.Status.PENDING, unit_roles=common.UNIT_ACTORS), form=CommentForm,
                   effect=_accept, assignment="own", assignment_states=(Assignment.Status.PENDING,),
                   also=(DISPATCHED,), style="success",
                   help="主办单位受理后自动出具受理告知书，60日办理期限开始计算；协办单位为签收"),
        Transition("decline", "不予受理", (DISPATCHED,), DECLINED, lead_pending, form=DeclineForm, effect=_decline,
                   assignment="own", assignment_states=(Assignment.Status.PENDING,), closes=True, style="danger",
                   help="属于本单位职责但依法不予受理的（如应通过诉讼、仲裁、行政复议等途径解决），出具不予受理告知书"),
        dataclasses.replace(_return_base, effect=_return, form=ReturnForm,
                            help="不属于本单位职责的，自转交之日起5个工作日内提出异议并退回信访科"),
        common.report_progress([HANDLING]),
        Transition("request_extension", "申请延期", (HANDLING,), None, lead_handling, form=ExtensionForm,
                   effect=_request_extension, assignment="own", assignment_states=(Assignment.Status.ACCEPTED,),
                   style="secondary", help="情况复杂的，经本单位负责人批准可延期一次，最长30日，并告知信访人延期理由"),
        Transition("approve_extension", "批准延期", (HANDLING,), None, lead_head & extension_requested,
                   form=CommentForm, effect=_approve_extension, style="success",
                   help="由承办单位负责人批准；批准后自动出具延期办理告知书"),
        Transition("reject_extension", "不予延期", (HANDLING,), None, lead_head & extension_requested,
                   form=RequiredCommentForm, effect=_reject_extension, style="danger"),
        Transition("reply", "出具处理意见", (HANDLING,), REPLIED, lead_handling, form=OpinionForm, effect=_reply,
                   assignment="own", assignment_states=(Assignment.Status.ACCEPTED,), closes=True, style="success",
                   help="出具信访事项处理意见书（支持/解释说明/不予支持），信访人可在30日内请求复查"),
        Transition("request_review", "登记复查申请", (REPLIED,), REVIEWING, common.office_staff, form=RequestForm,
                   effect=_request_review, reopens=True, style="secondary",
                   help="信访人自收到处理意见书之日起30日内请求复查；复查机关30日内提出复查意见"),
        Transition("decide_review", "出具复查意见", (REVIEWING,), REVIEWED, common.office_staff, form=DecisionForm,
                   effect=_decide_review, closes=True, style="success"),
        Transition("request_recheck", "登记复核申请", (REVIEWED,), RECHECKING, common.office_staff, form=RequestForm,
                   effect=_request_recheck, reopens=True, style="secondary",
                   help="信访人自收到复查意见书之日起30日内请求复核；30日内提出复核意见"),
        Transition("decide_recheck", "出具复核意见", (RECHECKING,), CLOSED, common.office_staff, form=DecisionForm,
                   effect=_decide_recheck, closes=True, style="success",
                   help="复核意见为最终意见；此后同一事实和理由的信访请求不再受理"),
        Transition("refuse", "不再受理", (REGISTERED,), REFUSED, common.office_staff, form=RefuseForm, effect=_refuse,
                   closes=True, style="danger", help="同一信访事项已经复核终结、信访人仍以同一事实和理由提出的"),
        Transition("close_as_repeat", "按重复信访告知", (REGISTERED,), MERGED, common.office_staff, form=RepeatForm,
                   effect=_close_as_repeat, closes=True, style="secondary",
                   help="原信访事项正在办理期限内的，告知信访人等待处理意见，不再重复转交"),
        common.chase([DISPATCHED, HANDLING]),
        common.instruct(OPEN),
    ],
    holders=holders,
    detail_model="petitions.Petition",
    detail_template="petitions/_detail.html",
    print_template="petitions/print.html",
    detail_serializer="shuniu.petitions.api.detail",
))
