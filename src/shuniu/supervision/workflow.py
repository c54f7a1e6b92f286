"""督查督办 — the whole life of a supervision item on one screen.

  registered 已立项 ──dispatch──▶ assigned 已交办 ──accept(lead)──▶ in_progress 办理中
      ▲                              │ return(lead)                    │ report_progress / request_extension
      └──────────────────────────────┘                                 ▼
                                        in_progress ──request_close──▶ close_review 办结审核
                                        close_review ──approve_close──▶ closed 已办结
                                        close_review ──reject_close──▶ in_progress (重办)
"""

from shuniu.matters import common
from shuniu.org.models import Role
from shuniu.matters.models import Assignment
from shuniu.matters.services import Context
from shuniu.matters.workflow import (
    CommentForm,
    ReplyForm,
    RequiredCommentForm,
    Transition,
    Workflow,
    register,
)

from .models import Source

REGISTERED, ASSIGNED, IN_PROGRESS, CLOSE_REVIEW, CLOSED = "registered", "assigned", "in_progress", "close_review", "closed"
OPEN = (REGISTERED, ASSIGNED, IN_PROGRESS, CLOSE_REVIEW)


def _approve_close(ctx: Context) -> None:
    ctx.matter.supervision.close_review_opinion = ctx.comment
    ctx.matter.supervision.save(update_fields=["close_review_opinion"])
    lead = ctx.matter.lead_unit
    if lead:
        ctx.notify_unit(lead, f"办结审核通过：{ctx.matter.title}", ctx.comment or "经督查科审核，同意办结。")


def _reject_close(ctx: Context) -> None:
    ctx.matter.supervision.close_review_opinion = ctx.comment
    ctx.matter.supervision.save(update_fields=["close_review_opinion"])
    common.reopen_lead(ctx)


def _request_close(ctx: Context) -> None:
    if ctx.assignment.role != Assignment.Role.LEAD:
        from shuniu.matters.services import Forbidden

        raise Forbidden("只有主办单位可以申请办结")
    common._reply(ctx)


WORKFLOW = register(Workflow(
    kind="supervision",
    label="督查督办",
    serial_prefix="DB",
    owner_unit="dck",
    states={
        REGISTERED: "已立项",
        ASSIGNED: "已交办",
        IN_PROGRESS: "办理中",
        CLOSE_REVIEW: "办结审核",
        CLOSED: "已办结",
    },
    initial=REGISTERED,
    closed_states=(CLOSED,),
    owner_tasks={REGISTERED: "交办", CLOSE_REVIEW: "办结审核"},
    deadlines={"handle": "20 working days", "extension_max": "30 working days"},
    max_extensions=2,
    categories=dict(Source.choices),
    transitions=[
        common.assign([REGISTERED], ASSIGNED, label="交办"),
        common.accept([ASSIGNED, IN_PROGRESS], IN_PROGRESS, stay=ASSIGNED),
        common.return_assignment([ASSIGNED], REGISTERED, stay=ASSIGNED),
        common.report_progress([ASSIGNED, IN_PROGRESS]),
        common.request_extension([ASSIGNED, IN_PROGRESS]),
        *common.extension_decisions([ASSIGNED, IN_PROGRESS]),
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
))
