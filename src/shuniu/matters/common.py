"""Transition building blocks shared by the kinds: the assignment life (签收、退回、延期、进展反馈、
答复), chasing (催办) and leader instructions (批示). A kind's `workflow.py` calls these factories
with its own states, so the same rule is written once."""

from __future__ import annotations

import rules
from django.utils import timezone

from shuniu.org.models import Role
from shuniu.workdays.services import DeadlineRule

from .models import Assignment
from .rules import has_assignment, in_owner_unit, is_office_leader, is_portfolio_leader, is_principal_leader
from .services import Context, Invalid
from .workflow import (
    ChaseForm,
    CommentForm,
    ExtensionForm,
    ProgressForm,
    ReasonForm,
    ReplyForm,
    RequiredCommentForm,
    Transition,
    UnitsForm,
)

# Unit roles allowed to speak for their unit on an assignment.
UNIT_ACTORS = (Role.HEAD, Role.HANDLER, Role.LIAISON)
office_staff = in_owner_unit | is_office_leader


def assign_units(ctx: Context) -> None:
    """交办: create assignments with the given or the kind's default deadline."""
    due_date = ctx.data.get("due_date")
    if due_date:
        ctx.set_due(ctx.due_from_date(due_date))
    elif ctx.matter.due_at is None and "handle" in ctx.workflow.deadlines:
        deadline = ctx.deadline(ctx.workflow.deadlines["handle"])
        ctx.set_due(deadline.due_at, deadline.uncertain)
    ctx.assign(ctx.data["units"])


def assign(source, target, *, label="交办", guard=office_staff, name="dispatch") -> Transition:
    return Transition(name, label, tuple(source), target, guard, form=UnitsForm, effect=assign_units,
                      help="选择主办单位（只能一个）和协办单位，时限留空按规定自动计算")


def accept_effect(ctx: Context) -> None:
    a = ctx.assignment
    a.status, a.accepted_at = Assignment.Status.ACCEPTED, ctx.now
    a.save(update_fields=["status", "accepted_at"])
    ctx.entry_data["unit"] = a.unit.code
    if a.role != Assignment.Role.LEAD and ctx.transition.also:
        ctx.stay()


def accept(source, target, *, stay: str | None = None, label="签收") -> Transition:
    """签收 by an assigned unit. The lead's acceptance moves the matter to `target`; with `stay`
    given, an assisting unit's acceptance leaves the matter where it is."""
    return Transition("accept", label, tuple(source), target,
                      has_assignment(Assignment.Status.PENDING, unit_roles=UNIT_ACTORS), form=CommentForm,
                      effect=accept_effect, assignment="own", assignment_states=(Assignment.Status.PENDING,),
                      also=(stay,) if stay else ())


def return_effect(ctx: Context) -> None:
    a = ctx.assignment
    a.status, a.return_reason = Assignment.Status.RETURNED, ctx.data["reason"]
    a.save(update_fields=["status", "return_reason"])
    ctx.entry_data["unit"] = a.unit.code
    ctx.notify_unit(ctx.matter.owner_unit, f"退回：{ctx.matter.title}", f"{a.unit.name}退回：{a.return_reason}")
    if a.role == Assignment.Role.LEAD:
        ctx.matter.lead_unit = None
    elif ctx.transition.also:
        ctx.stay()


def return_assignment(source, target, *, stay: str | None = None, window: str | None = None,
                      label="退回") -> Transition:
    """退回 with a reason by an assigned unit (e.g. 非本单位职责). A lead's return sends the
    matter back to `target` for re-dispatch; `window` (a rule like "2 working days") limits how long
    after assignment a unit may still return it."""

    def effect(ctx: Context) -> None:
        if window:
            limit = ctx.deadline(window, start=ctx.assignment.assigned_at)
            if ctx.now > limit.due_at:
                raise Invalid(f"已超过退回时限（交办后{DeadlineRule.parse(window).label}内），不能退回，请与主管科室协调")
        return_effect(ctx)

    return Transition("return", label, tuple(source), target, has_assignment(unit_roles=UNIT_ACTORS),
                      form=ReasonForm, effect=effect, assignment="own", also=(stay,) if stay else (), style="secondary")


def report_effect(ctx: Context) -> None:
    ctx.entry_data["unit"] = ctx.assignment.unit.code


def report_progress(source) -> Transition:
    return Transition("report_progress", "进展反馈", tuple(source), None,
                      has_assignment(Assignment.Status.ACCEPTED, unit_roles=UNIT_ACTORS), form=ProgressForm,
                      effect=report_effect, assignment="own", assignment_states=(Assignment.Status.ACCEPTED,), style="secondary")


def request_extension_effect(ctx: Context) -> None:
    a = ctx.assignment
    if a.extension == Assignment.Extension.REQUESTED:
        raise Invalid("已有延期申请正在审批，请勿重复申请")
    limit = ctx.workflow.max_extensions
    if limit is not None and a.extension_count >= limit:
        raise Invalid("延期次数已达上限，不能再申请延期")
    if "extension_max" in ctx.workflow.deadlines:
        most = ctx.workflow.rule("extension_max")
        if ctx.data["days"] > most.amount:
            raise Invalid(f"延期不能超过{most.label}", {"days": [f"最多延期{most.label}"]})
    a.extension, a.extension_days, a.extension_reason = Assignment.Extension.REQUESTED, ctx.data["days"], ctx.data["reason"]
    a.save(update_fields=["extension", "extension_days", "extension_reason"])
    ctx.entry_data.update({"unit": a.unit.code, "days": ctx.data["days"]})
    ctx.notify_unit(ctx.matter.owner_unit, f"延期申请：{ctx.matter.title}", f"{a.unit.name}申请延期{a.extension_days}个工作日：{a.extension_reason}")


def request_extension(source) -> Transition:
    return Transition("request_extension", "申请延期", tuple(source), None,
                      has_assignment(unit_roles=UNIT_ACTORS), form=ExtensionForm, effect=request_extension_effect,
                      assignment="own", style="secondary")


def _pending_extension(ctx: Context) -> Assignment:
    a = ctx.matter.assignments.filter(extension=Assignment.Extension.REQUESTED).first()
    if a is None:
        raise Invalid("没有待审批的延期申请")
    ctx.assignment = a
    return a


def approve_extension_effect(ctx: Context) -> None:
    from shuniu.workdays.services import compute_deadline

    a = _pending_extension(ctx)
    base = a.due_at or ctx.now
    deadline = compute_deadline(base, f"{a.extension_days} working days")
    a.due_at, a.due_uncertain = deadline.due_at, deadline.uncertain
    a.extension, a.extension_count = Assignment.Extension.APPROVED, a.extension_count + 1
    a.reminded_at = a.chased_at = a.escalated_at = None
    a.save()
    if a.role == Assignment.Role.LEAD or ctx.matter.due_at is None or deadline.due_at > ctx.matter.due_at:
        ctx.set_due(deadline.due_at, deadline.uncertain)
        ctx.matter.reminded_at = ctx.matter.escalated_at = None
    ctx.entry_data.update({"unit": a.unit.code, "days": a.extension_days, "due_at": deadline.due_at.isoformat()})
    ctx.notify_unit(a.unit, f"延期已批准：{ctx.matter.title}", f"办理时限延至{timezone.localtime(deadline.due_at):%Y年%m月%d日}。")


def reject_extension_effect(ctx: Context) -> None:
    a = _pending_extension(ctx)
    a.extension = Assignment.Extension.REJECTED
    a.save(update_fields=["extension"])
    ctx.entry_data["unit"] = a.unit.code
    ctx.notify_unit(a.unit, f"延期未批准：{ctx.matter.title}", ctx.comment)


@rules.predicate
def has_pending_extension(user, matter) -> bool:
    """批准/不予延期 only appear while a unit's extension request waits for a decision."""
    return matter.assignments.filter(extension=Assignment.Extension.REQUESTED).exists()


def extension_decisions(source, guard=office_staff) -> list[Transition]:
    guard = guard & has_pending_extension
    return [
        Transition("approve_extension", "批准延期", tuple(source), None, guard, form=CommentForm,
                   effect=approve_extension_effect, style="success"),
        Transition("reject_extension", "不予延期", tuple(source), None, guard, form=RequiredCommentForm,
                   effect=reject_extension_effect, style="danger"),
    ]


def reply_effect(ctx: Context) -> None:
    a = ctx.assignment
    a.status, a.reply, a.replied_at = Assignment.Status.REPLIED, ctx.data["reply"], ctx.now
    a.save(update_fields=["status", "reply", "replied_at"])
    ctx.entry_data["unit"] = a.unit.code
    if a.role != Assignment.Role.LEAD and ctx.transition.also:
        ctx.stay()
    else:
        ctx.notify_unit(ctx.matter.owner_unit, f"已答复待审核：{ctx.matter.title}", a.reply[:200])


def reply(source, target, *, stay: str | None = None, label="答复", name="reply") -> Transition:
    """答复 by an assigned unit (the lead's reply moves the matter on; an assisting unit's reply is
    its view to the lead)."""
    return Transition(name, label, tuple(source), target,
                      has_assignment(Assignment.Status.ACCEPTED, unit_roles=UNIT_ACTORS), form=ReplyForm,
                      effect=reply_effect, assignment="own", assignment_states=(Assignment.Status.ACCEPTED,),
                      also=(stay,) if stay else (), style="success")


def reopen_lead(ctx: Context) -> None:
    """Send the lead unit back to work: its assignment is active again."""
    lead = ctx.matter.assignments.filter(role=Assignment.Role.LEAD).exclude(status=Assignment.Status.CANCELLED).order_by("-id").first()
    if lead is not None:
        lead.status, lead.finished_at = Assignment.Status.ACCEPTED, None
        lead.save(update_fields=["status", "finished_at"])
        ctx.notify_unit(lead.unit, f"退回重办：{ctx.matter.title}", ctx.comment, level="chase")


def chase_effect(ctx: Context) -> None:
    active = list(ctx.matter.assignments.filter(status__in=Assignment.ACTIVE).select_related("unit"))
    if not active:
        raise Invalid("该事项没有正在办理的单位，无需催办")
    for a in active:
        a.chased_at, a.chase_count = ctx.now, a.chase_count + 1
        a.save(update_fields=["chased_at", "chase_count"])
        ctx.notify_unit(a.unit, f"催办：{ctx.matter.title}", ctx.comment, level="chase")
    ctx.matter.chased_at, ctx.matter.chase_count = ctx.now, ctx.matter.chase_count + 1
    ctx.entry_data["units"] = [a.unit.code for a in active]


def chase(source, guard=office_staff | is_portfolio_leader | is_principal_leader) -> Transition:
    return Transition("chase", "催办", tuple(source), None, guard, form=ChaseForm, effect=chase_effect, style="warning")


def instruct_effect(ctx: Context) -> None:
    for a in ctx.matter.assignments.filter(status__in=Assignment.ACTIVE):
        ctx.notify_unit(a.unit, f"领导批示：{ctx.matter.title}", ctx.comment)
    ctx.notify_unit(ctx.matter.owner_unit, f"领导批示：{ctx.matter.title}", ctx.comment)


def instruct(source) -> Transition:
    """领导批示: a leader's written instruction on an open matter, sent to everyone handling it."""
    return Transition("instruct", "批示", tuple(source), None, is_portfolio_leader | is_principal_leader | is_office_leader,
                      form=RequiredCommentForm, effect=instruct_effect, style="danger")

