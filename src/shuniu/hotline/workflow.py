"""12345 热线 — the whole life of a ticket on one screen (DOMAIN.md §5: 受理 → 调度 → 办理 → 回复 →
督办 → 办结 → 回访 → 评价). Transition names are the API contract (API.md "Hotline").

  registered 已受理 ──answer_directly──▶ answered 已答复 (热线直接办结)
      │  ▲  └──merge──▶ merged 已归并 (重复件并入未办结的原工单)
      │  └──────── return(主办单位, 派单后2个工作日内) ────────┐
      └──dispatch──▶ dispatched 已派单 ──accept(主办)──▶ in_progress 办理中
                                                     │ request_extension / approve_extension（限1次、≤10个工作日）
                                                     │ chase 催办
                                                     └──reply(主办)──▶ reply_review 答复待审核
      reply_review ──approve_reply──▶ answered 已答复（办结，答复在网站可查）
      reply_review ──reject_reply──▶ in_progress（退回承办单位重新答复）
      answered ──revisit──▶ revisited 已回访（满意度）
      answered / revisited ──reopen（评价不满意，按规则）──▶ in_progress 重办（直接办结件回到 registered）
      answered / revisited ──citizen_rating 群众评价（网上，系统流转，状态不变）

Deadlines, the return window, extension limits, duplicate rules and the reopen rule are the
office's `Policy` (hotline/models.py), read when each transition runs.

State diagram of hotline (drawn by `shuniu kind_diagram hotline`; regenerate, do not edit):

  registered 已受理 (start)
  dispatched 已派单
  in_progress 办理中
  reply_review 答复待审核
  answered 已答复 (closed)
  revisited 已回访 (closed)
  merged 已归并 (closed)

  registered --answer_directly 直接办结--> answered
  registered --dispatch 派单--> dispatched
  dispatched|in_progress --accept 签收--> in_progress | dispatched
  dispatched|in_progress --return 退回--> registered | dispatched | in_progress
  dispatched|in_progress --request_extension 申请延期--> (state kept)
  dispatched|in_progress --approve_extension 批准延期--> (state kept)
  dispatched|in_progress --reject_extension 不予延期--> (state kept)
  dispatched|in_progress --reply 答复--> reply_review | in_progress
  reply_review --approve_reply 审核通过--> answered
  reply_review --reject_reply 审核退回--> in_progress
  answered --revisit 回访--> revisited
  answered|revisited --reopen 重办--> in_progress | registered
  registered --merge 归并--> merged
  dispatched|in_progress --chase 催办--> (state kept)
  answered|revisited --citizen_rating 群众评价--> (state kept)
"""

from __future__ import annotations

import rules
from django.db.models import Q
from django.utils import timezone

from shuniu.core.inputs import is_id
from shuniu.matters import common
from shuniu.matters.models import Assignment, Feedback, Matter
from shuniu.matters.rules import has_assignment
from shuniu.matters.services import Conflict, Context, Invalid, default_holders, record_event
from shuniu.matters.workflow import (
    ExtensionForm,
    Holder,
    ReasonForm,
    RequiredCommentForm,
    Transition,
    Workflow,
    rating_form,
    register,
)
from shuniu.workdays.services import compute_deadline

from .forms import ApproveReplyForm, CitizenRatingForm, DirectAnswerForm, DispatchForm, MergeForm
from .models import Category, Policy, Ticket
from .rules import hotline_office, may_reopen

KIND = "hotline"
REGISTERED, DISPATCHED, IN_PROGRESS, REPLY_REVIEW = "registered", "dispatched", "in_progress", "reply_review"
ANSWERED, REVISITED, MERGED = "answered", "revisited", "merged"
OPEN = (REGISTERED, DISPATCHED, IN_PROGRESS, REPLY_REVIEW)
HANDLING = (DISPATCHED, IN_PROGRESS)

RATING_SCALE = {"satisfied": "满意", "basically_satisfied": "基本满意", "dissatisfied": "不满意"}


def _ticket(ctx: Context) -> Ticket:
    ticket = Ticket.objects.select_for_update().get(pk=ctx.matter.pk)
    ctx.matter.ticket = ticket  # the matter perform() returns carries the ticket as saved
    return ticket


def _answer_directly(ctx: Context) -> None:
    ticket = _ticket(ctx)
    ticket.answered_directly = True
    ticket.public_reply, ticket.answered_at = ctx.data["reply"], ctx.now
    ticket.publish_approved = ticket.wants_public
    ticket.save(update_fields=["answered_directly", "public_reply", "answered_at", "publish_approved"])


def _dispatch(ctx: Context) -> None:
    category = ctx.data.get("category")
    if category:
        ctx.matter.category = category
        ctx.entry_data["category"] = category
    due_at = ctx.data.get("due_at")
    if due_at:
        ctx.set_due(due_at)
    elif ctx.matter.due_at is None:
        deadline = ctx.deadline(Policy.current().handle_rule(ctx.matter.urgency), start=ctx.matter.received_at)
        ctx.set_due(deadline.due_at, deadline.uncertain)
    ctx.assign(ctx.data["units"])
    ctx.entry_data["due_at"] = timezone.localtime(ctx.matter.due_at).isoformat()


def _return(ctx: Context) -> None:
    policy = Policy.current()
    assignment = ctx.assignment
    limit = compute_deadline(assignment.assigned_at, f"{policy.return_window_days} working days")
    if ctx.now > limit.due_at:
        raise Invalid(f"已超过退回时限（派单后{policy.return_window_days}个工作日内），不能退回，请与市长公开电话办公室协调")
    is_lead = assignment.role == Assignment.Role.LEAD
    common.return_effect(ctx)
    if is_lead:
        # The whole ticket goes back to the hotline office to be dispatched again.
        ctx.cancel_assignments()


def _request_extension(ctx: Context) -> None:
    policy = Policy.current()
    if ctx.assignment.extension_count >= policy.max_extensions:
        raise Invalid(f"延期次数已达上限（每件最多延期{policy.max_extensions}次），不能再申请延期")
    if ctx.data["days"] > policy.extension_max_days:
        message = f"延期不能超过{policy.extension_max_days}个工作日"
        raise Invalid(message, {"days": [message]})
    common.request_extension_effect(ctx)


def _lead_reply(matter: Matter) -> str:
    lead = matter.assignments.filter(role=Assignment.Role.LEAD, status=Assignment.Status.REPLIED).order_by("-id").first()
    return lead.reply if lead else ""


def _approve_reply(ctx: Context) -> None:
    text = (ctx.data.get("reply") or "").strip() or _lead_reply(ctx.matter)
    if not text:
        raise Invalid("承办单位尚未答复，无可审核的答复内容")
    ticket = _ticket(ctx)
    ticket.public_reply, ticket.answered_at = text, ctx.now
    ticket.publish_approved = ticket.wants_public and ctx.data.get("publish", True)
    ticket.save(update_fields=["public_reply", "answered_at", "publish_approved"])
    ctx.entry_data["edited"] = bool((ctx.data.get("reply") or "").strip())
    if ctx.matter.lead_unit_id:
        ctx.notify_unit(ctx.matter.lead_unit_id, f"答复已审核通过：{ctx.matter.title}", "答复已反馈来电（信）人。")


def _reject_reply(ctx: Context) -> None:
    common.reopen_lead(ctx)


def _revisit(ctx: Context) -> None:
    # The office's call-back counts over a citizen's web rating made before it (both are kept).
    ctx.add_feedback(ctx.data["rating"], ctx.data.get("comment", ""), channel="phone")
    ticket = _ticket(ctx)
    ticket.revisited_at = ctx.now
    ticket.save(update_fields=["revisited_at"])
    ctx.entry_data["rating"] = ctx.data["rating"]


CITIZEN = "来信（电）人"


def _citizen_rating(ctx: Context) -> None:
    """网上评价: the citizen rates the approved answer on the portal, once per answer. Both ratings
    are kept (Feedback rows, channel "web" and "phone"); the office's 回访 counts when it was made,
    else the citizen's own. The state stays as it is."""
    ticket = _ticket(ctx)
    if ticket.citizen_rated_at is not None:
        raise Conflict("您已评价过本次答复，感谢您的参与")
    rating, comment = ctx.data["rating"], ctx.data.get("comment", "")
    if ticket.revisited_at is None:
        ctx.add_feedback(rating, comment, channel="web")
        counts = True
    else:
        Feedback.objects.create(matter=ctx.matter, rating=rating, comment=comment, channel="web", at=ctx.now)
        counts = False
    ticket.citizen_rated_at = ctx.now
    ticket.save(update_fields=["citizen_rated_at"])
    ctx.entry_data.update({"rating": rating, "channel": "web", "counts": counts})
    if counts and rating in Policy.current().reopen_ratings:
        ctx.notify_unit(ctx.matter.owner_unit_id, f"群众评价{RATING_SCALE[rating]}：{ctx.matter.title}",
                        comment or "来信人在网上评价答复。")


def _reopen(ctx: Context) -> None:
    policy = Policy.current()
    ticket = _ticket(ctx)
    ticket.reopen_count += 1
    ticket.revisited_at = ticket.citizen_rated_at = None
    deadline = ctx.deadline(policy.handle_rule(ctx.matter.urgency))
    ctx.set_due(deadline.due_at, deadline.uncertain)
    ctx.entry_data.update({"rating": ctx.matter.rating, "due_at": timezone.localtime(deadline.due_at).isoformat()})
    lead = ctx.matter.assignments.filter(role=Assignment.Role.LEAD).exclude(status=Assignment.Status.CANCELLED).order_by("-id").first()
    if ticket.answered_directly or lead is None:
        ticket.answered_directly = False
        ctx.move_to(REGISTERED)
    else:
        common.reopen_lead(ctx)
        Assignment.objects.filter(pk=lead.pk).update(due_at=deadline.due_at, due_uncertain=deadline.uncertain,
                                                     reminded_at=None, chased_at=None, escalated_at=None)
    ticket.save(update_fields=["reopen_count", "revisited_at", "citizen_rated_at", "answered_directly"])


def _merge(ctx: Context) -> None:
    code = ctx.data["into"].strip().upper()
    query = Q(serial=code) | Q(pk=int(code)) if is_id(code) else Q(serial=code)
    target = Matter.objects.select_for_update().filter(query, kind=KIND).first()
    if target is None:
        raise Invalid(f"工单{code}不存在", {"into": ["工单不存在"]})
    if target.pk == ctx.matter.pk:
        raise Invalid("不能归并到本工单", {"into": ["不能归并到本工单"]})
    if not target.is_open:
        raise Invalid(f"工单{target.serial}已办结，不能归并，请作为新诉求派单办理", {"into": ["原工单已办结"]})
    ticket = _ticket(ctx)
    ticket.merged_into = target
    ticket.save(update_fields=["merged_into"])
    ctx.entry_data["merged_into"] = target.serial
    record_event(target, ctx.by, "merge_in", "归并重复件", comment=f"{ctx.matter.serial}：{ctx.matter.title}",
                 data={"merged": ctx.matter.serial})


def holders(matter: Matter):
    """Open tickets wait for the units handling them; answered ones wait for the call-back."""
    if matter.is_open:
        return default_holders(matter)
    if matter.status == ANSWERED:
        return [Holder(task="回访", unit_id=matter.owner_unit_id)]
    return []


WORKFLOW = register(Workflow(
    kind=KIND,
    label="12345热线",
    serial_prefix="RX",
    owner_unit="rxb",
    states={
        REGISTERED: "已受理",
        DISPATCHED: "已派单",
        IN_PROGRESS: "办理中",
        REPLY_REVIEW: "答复待审核",
        ANSWERED: "已答复",
        REVISITED: "已回访",
        MERGED: "已归并",
    },
    initial=REGISTERED,
    closed_states=(ANSWERED, REVISITED, MERGED),
    rating_scale=RATING_SCALE,
    satisfied_ratings=("satisfied", "basically_satisfied"),
    categories=dict(Category.choices),
    owner_tasks={REGISTERED: "受理分办", REPLY_REVIEW: "答复审核"},
    holders=holders,
    transitions=[
        Transition("answer_directly", "直接办结", (REGISTERED,), ANSWERED, hotline_office, form=DirectAnswerForm,
                   effect=_answer_directly, closes=True, style="success",
                   help="咨询类等可依据知识库当场答复的，由热线直接办结"),
        Transition("dispatch", "派单", (REGISTERED,), DISPATCHED, hotline_office, form=DispatchForm,
                   effect=_dispatch, help="选择主办单位（只能一个）和协办单位；时限留空按紧急程度规定计算"),
        common.accept(HANDLING, IN_PROGRESS, stay=DISPATCHED),
        Transition("return", "退回", HANDLING, REGISTERED, has_assignment(unit_roles=common.UNIT_ACTORS),
                   form=ReasonForm, effect=_return, assignment="own", also=HANDLING, style="secondary",
                   help="非本单位职责的，在派单后规定时限内说明理由退回"),
        Transition("request_extension", "申请延期", HANDLING, None, has_assignment(unit_roles=common.UNIT_ACTORS),
                   form=ExtensionForm, effect=_request_extension, assignment="own", style="secondary"),
        *common.extension_decisions(HANDLING, guard=hotline_office),
        common.reply(HANDLING, REPLY_REVIEW, stay=IN_PROGRESS),
        Transition("approve_reply", "审核通过", (REPLY_REVIEW,), ANSWERED, hotline_office, form=ApproveReplyForm,
                   effect=_approve_reply, closes=True, style="success",
                   help="审核通过后答复即反馈来电（信）人，网上留言可凭查询码查看"),
        Transition("reject_reply", "审核退回", (REPLY_REVIEW,), IN_PROGRESS, hotline_office, form=RequiredCommentForm,
                   effect=_reject_reply, style="danger", help="答复不规范或未解决诉求的，退回承办单位重新办理"),
        Transition("revisit", "回访", (ANSWERED,), REVISITED, hotline_office, form=rating_form(RATING_SCALE),
                   effect=_revisit, style="success"),
        Transition("reopen", "重办", (ANSWERED, REVISITED), IN_PROGRESS, hotline_office & may_reopen,
                   form=RequiredCommentForm, effect=_reopen, reopens=True, also=(REGISTERED,), style="danger",
                   help="群众评价不满意的，按规则退回重新办理"),
        Transition("merge", "归并", (REGISTERED,), MERGED, hotline_office, form=MergeForm, effect=_merge,
                   closes=True, style="secondary", help="同一诉求的重复件并入未办结的原工单，两件内容和记录均保留"),
        common.chase(HANDLING),
        Transition("citizen_rating", "群众评价", (ANSWERED, REVISITED), None, rules.always_allow,
                   form=CitizenRatingForm, effect=_citizen_rating, system=True,
                   help="来信（电）人在网站凭查询码评价答复，每次答复限评一次"),
    ],
    detail_model="hotline.Ticket",
    detail_template="hotline/_detail.html",
    print_template="hotline/print.html",
    detail_serializer="shuniu.hotline.api.detail",
))
