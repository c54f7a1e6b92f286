"""Engine test helpers: supervision is the reference kind, plus a small test kind for review chains."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from shuniu.matters import workflow as wf
from shuniu.matters.rules import in_owner_unit, is_current_reviewer
from shuniu.matters.services import Context, create_matter, finish_creation
from shuniu.matters.workflow import CommentForm, Transition, Workflow


@pytest.fixture
def make_item(demo_office):
    """make_item(lead="jtj", assist=(), **fields) → a dispatched supervision item registered by duban."""
    from shuniu.supervision.services import create_item

    def make(lead="jtj", assist=(), title="推进城区公交线网优化", due_date=None, **extra):
        data = {"title": title, "content": "按照市政府常务会议议定事项办理。", "source": "meeting", "lead_unit": lead,
                "assist_units": list(assist), "report_cycle": "none", **extra}
        if due_date:
            data["due_date"] = due_date.isoformat()
        return create_item(demo_office["duban"], data)

    return make


def _start_chain(ctx: Context) -> None:
    from shuniu.org.models import Unit, User

    ctx.attach("送审单.txt", f"送审：{ctx.matter.title}".encode(), "text/plain")
    ctx.start_configured_review(Unit.objects.get(code="jtj"), [
        {"seq": 1, "name": "核稿", "person": User.objects.get(username="director")},
        {"seq": 2, "name": "会签", "unit": Unit.objects.get(code="jtj"), "role": "head"},
        {"seq": 2, "name": "会签", "unit": Unit.objects.get(code="hbj"), "role": "head"},
        {"seq": 3, "name": "签发", "person": User.objects.get(username="mayor")},
    ])


def _approve(ctx: Context) -> None:
    if ctx.decide_review(True, ctx.comment):
        ctx.move_to("approved")


def _return(ctx: Context) -> None:
    ctx.decide_review(False, ctx.comment)


@pytest.fixture
def review_kind(demo_office):
    """A kind whose life is one approval chain: 核稿 → 会签(jtj, hbj in parallel) → 签发."""
    workflow = wf.register(Workflow(
        kind="review_test", label="审核测试", serial_prefix="RT", owner_unit="dck",
        states={"draft": "拟稿", "reviewing": "审核中", "approved": "已签发"}, initial="draft",
        closed_states=("approved",),
        transitions=[
            Transition("submit", "送审", ("draft",), "reviewing", in_owner_unit, form=CommentForm, effect=_start_chain),
            Transition("approve", "同意", ("reviewing",), "reviewing", is_current_reviewer, form=CommentForm,
                       effect=_approve, also=("approved",)),
            Transition("return", "退回", ("reviewing",), "draft", is_current_reviewer, form=CommentForm, effect=_return),
        ],
    ))

    def make(by=None):
        matter, ctx = create_matter("review_test", by or demo_office["duban"], title="关于加强冬季安全生产工作的通知")
        return finish_creation(ctx)

    yield make
    wf._REGISTRY.pop(workflow.kind, None)


def days_ago(n: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=n)
