"""督查督办 — the whole life of a supervision item on one screen.

  registered 已立项 ──dispatch 交办──▶ assigned 已交办 ──accept 签收 (lead)──▶ in_progress 办理中
      ▲                                   │ return 退回 (lead)                  │ report_progress 进展反馈
      └───────────────────────────────────┘                                     │ request_extension 申请延期
                                                                                ▼
              in_progress ──request_close 申请办结 (lead unit's head)──▶ close_review 办结审核
              close_review ──approve_close 审核办结 (督查科)──▶ closed 已办结
              close_review ──reject_close 退回重办 (督查科)──▶ in_progress (the lead works on)

Deadline 20 working days from dispatch unless a date is given; at most 2 extensions of at most
30 working days each. With a report cycle the lead unit's next progress report is due one cycle
after dispatch and after each report (`tasks.remind_progress_reports` reminds its liaison). An item
broken down into child items cannot be closed while a child is open.

State diagram of supervision (drawn by `shuniu kind_diagram supervision`; regenerate, do not edit):

  registered 已立项 (start)
  assigned 已交办
  in_progress 办理中
  close_review 办结审核
  closed 已办结 (closed)

  registered --dispatch 交办--> assigned
  assigned|in_progress --accept 签收--> in_progress | assigned
  assigned --return 退回--> registered | assigned
  assigned|in_progress --report_progress 进展反馈--> (state kept)
  assigned|in_progress --request_extension 申请延期--> (state kept)
  assigned|in_progress --approve_extension 批准延期--> (state kept)
  assigned|in_progress --reject_extension 不予延期--> (state kept)
  in_progress --request_close 申请办结--> close_review
  close_review --approve_close 审核办结--> closed
  close_review --reject_close 退回重办--> in_progress
  assigned|in_progress --chase 催办--> (state kept)
  registered|assigned|in_progress|close_review --instruct 批示--> (state kept)
"""

from __future__ import annotations

from dataclasses import replace

from shuniu.matters import common
from shuniu.matters.models import Assignment, Matter
from shuniu.matters.services import Context, Forbidden, Invalid, default_holders
from shuniu.matters.workflow import (
    CommentForm,
    Holder,
    ReplyForm,
    RequiredCommentForm,
    Transition,
    Workflow,
    register,
)
from shuniu.org.models import OfficeRole, Role

from .models import Source

REGISTERED, ASSIGNED, IN_PROGRESS, CLOSE_REVIEW, CLOSED = "registered", "assigned", "in_progress", "close_review", "closed"
OPEN = (REGISTERED, ASSIGNED, IN_PROGRESS, CLOSE_REVIEW)


def _today(ctx: Context):
    from django.utils import timezone

    return timezone.localtime(ctx.now).date()


def _schedule_report(ctx: Context, assignment: Assignment) -> None:
    """Set when the lead unit's next progress report is due, from today and the item's cycle."""
    due = ctx.matter.supervision.next_report_date(_today(ctx))
    if assignment.next_report_due != due:
        assignment.next_report_due = due
        assignment.save(update_fields=["next_report_due"])


def _lead_assignment(matter: Matter) -> Assignment | None:
    return matter.assignments.filter(role=Assignment.Role.LEAD, status__in=Assignment.ACTIVE).order_by("-id").first()


def _dispatch(ctx: Context) -> None:
    common.assign_units(ctx)
    lead = _lead_assignment(ctx.matter)
    if lead is not None:
        _schedule_report(ctx, lead)


def _report_progress(ctx: Context) -> None:
    a = ctx.assignment
    ctx.entry_data["unit"] = a.unit.code
    if a.role == Assignment.Role.LEAD:
        _schedule_report(ctx, a)


def _check_children_closed(matter: Matter) -> None:
    open_children = matter.children.filter(is_open=True).count()
    if open_children:
        raise Invalid(f"该事项分解的{open_children}项子事项尚未办结，不能办结")


def _request_close(ctx: Context) -> None:
    if ctx.assignment.role != Assignment.Role.LEAD:
        raise Forbidden("只有主办单位可以申请办结")
    _check_children_closed(ctx.matter)
    common.reply_effect(ctx)


def _approve_close(ctx: Context) -> None:
    _check_children_closed(ctx.matter)
    ctx.matter.supervision.close_review_opinion = ctx.comment
    ctx.matter.supervision.save(update_fields=["close_review_opinion"])
    ctx.matter.assignments.exclude(next_report_due=None).update(next_report_due=None)
    lead = ctx.matter.lead_unit
    if lead:
        ctx.notify_unit(lead, f"办结审核通过：{ctx.matter.title}", ctx.comment or "经督查科审核，同意办结。")


def _reject_close(ctx: Context) -> None:
    ctx.matter.supervision.close_review_opinion = ctx.comment
    ctx.matter.supervision.save(update_fields=["close_review_opinion"])
    common.reopen_lead(ctx)
    lead = _lead_assignment(ctx.matter)
    if lead is not None:
        _schedule_report(ctx, lead)


def holders(matter: Matter) -> list[Holder]:
    """我的待办: the units' own work, and 督查科's when the item waits for it (办结审核, 重新交办)."""
    if not matter.is_open:
        return []
    if matter.status == CLOSE_REVIEW:
        return [Holder(task="办结审核", unit_id=matter.owner_unit_id, due_at=matter.due_at)]
    found = default_holders(matter)
    if matter.status == REGISTERED:
        found = [h for h in found if h.unit_id != matter.owner_unit_id]
        found.insert(0, Holder(task="重新交办", unit_id=matter.owner_unit_id, due_at=matter.due_at))
    return found


WORKFLOW = register(Workflow(
    kind="supervision",
    label="督查督办",
    serial_prefix="DB",
    owner_unit="",
    owner_role=OfficeRole.SUPERVISING,  # 督查机构: whichever unit the system administrator marks so
    states={
        REGISTERED: "已立项",
        ASSIGNED: "已交办",
        IN_PROGRESS: "办理中",
        CLOSE_REVIEW: "办结审核",
        CLOSED: "已办结",
    },
    initial=REGISTERED,
    closed_states=(CLOSED,),
    deadlines={"handle": "20 working days", "extension_max": "30 working days"},
    max_extensions=2,
    categories=dict(Source.choices),
    transitions=[
        replace(common.assign([REGISTERED], ASSIGNED, label="交办"), effect=_dispatch),
        common.accept([ASSIGNED, IN_PROGRESS], IN_PROGRESS, stay=ASSIGNED),
        common.return_assignment([ASSIGNED], REGISTERED, stay=ASSIGNED),
        replace(common.report_progress([ASSIGNED, IN_PROGRESS]), effect=_report_progress),
        common.request_extension([ASSIGNED, IN_PROGRESS]),
        *common.extension_decisions([ASSIGNED, IN_PROGRESS], guard=common.office_staff),
        Transition("request_close", "申请办结", (IN_PROGRESS,), CLOSE_REVIEW,
                   common.has_assignment(Assignment.Status.ACCEPTED, roles=(Assignment.Role.LEAD,), unit_roles=(Role.HEAD,)),
                   form=ReplyForm, effect=_request_close, assignment="own",
                   assignment_states=(Assignment.Status.ACCEPTED,), style="success",
                   help="由主办单位负责人审定办理结果后报送督查科办结审核"),
        Transition("approve_close", "审核办结", (CLOSE_REVIEW,), CLOSED, common.office_staff, form=CommentForm,
                   effect=_approve_close, closes=True, style="success"),
        Transition("reject_close", "退回重办", (CLOSE_REVIEW,), IN_PROGRESS, common.office_staff,
                   form=RequiredCommentForm, effect=_reject_close, style="danger"),
        common.chase([ASSIGNED, IN_PROGRESS]),
        common.instruct(OPEN),
    ],
    detail_model="supervision.SupervisionItem",
    detail_template="supervision/_detail.html",
    detail_serializer="shuniu.supervision.api.detail",
    holders=holders,
))
