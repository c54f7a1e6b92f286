"""Document test helpers: the demo office with its 发文字号 series, a draft factory and a driver that
takes a draft along the chain with the right person at each step."""

from __future__ import annotations

import pytest

from shuniu.matters import services as engine
from shuniu.matters.workflow import get_workflow

NOTICE_BODY = (
    "为切实做好2026年春运期间交通运输保障工作，确保人民群众平安有序出行，经市政府同意，现就有关事项通知如下。\n"
    "一、提高思想认识\n"
    "各地各部门要充分认识春运工作的重要性，压实属地责任、部门监管责任和企业主体责任。\n"
    "二、强化运力保障\n"
    "（一）科学安排运力。交通运输部门要会同有关单位加强客流监测，及时增开班次。\n"
    "（二）加强应急值守。春运期间实行24小时值班和领导带班制度。"
)


def notice_data(**overrides) -> dict:
    data = {
        "doc_type": "notice",
        "title": "市政府办公室关于做好2026年春运交通运输保障工作的通知",
        "body": NOTICE_BODY,
        "main_to": "各区县人民政府、市政府各部门",
        "sponsor_unit": "jtj",
        "urgency": "normal",
    }
    data.update(overrides)
    return data


@pytest.fixture
def office(demo_office):
    from shuniu.documents.numbering import ensure_default_series

    ensure_default_series()
    return demo_office


@pytest.fixture
def make_draft(office):
    """make_draft(by="mishu", **fields) → a new doc_out matter."""
    from shuniu.documents.services import create_outgoing

    def make(by="mishu", **overrides):
        return create_outgoing(office[by], notice_data(**overrides))

    return make


@pytest.fixture
def act(office):
    """act(matter, "approve", "deputy_director", {...}) → the matter after the transition."""

    def do(matter, name, username, data=None):
        return engine.perform(matter.pk if hasattr(matter, "pk") else matter, name, office[username], data or {})

    return do


CHECKLIST = {"text_ok": True, "policy_ok": True, "format_ok": True, "process_ok": True, "comment": "已核。"}


@pytest.fixture
def advance(act):
    """advance(matter, until="numbering", signer="vmayor2", countersigners=()) — the chain with the
    right people: mishu submits, deputy_director reviews, director checks, co-issuers' heads
    countersign, the signer signs off, mishu rechecks, numbers, prints and issues."""

    def run(matter, until, signer="vmayor2", countersigners=()):
        steps = [
            ("submit", "mishu", {}),
            ("approve", "deputy_director", {"comment": "同意。"}),
            ("review", "director", CHECKLIST),
            *[("countersign", who, {"comment": "同意会签。"}) for who in countersigners],
            ("sign_off", signer, {"comment": "同意印发。"}),
            ("recheck", "mishu", {}),
            ("number", "mishu", {}),
            ("print", "mishu", {"copies": 60}),
            ("issue", "mishu", {}),
        ]
        workflow = get_workflow("doc_out")
        matter.refresh_from_db()
        start = next(i for i, (name, _who, _data) in enumerate(steps)
                     if workflow.transition(name).starts_from(matter.status))
        for name, who, data in steps[start:]:
            matter.refresh_from_db()
            if matter.status == until:
                return matter
            matter = act(matter, name, who, data)
        matter.refresh_from_db()
        return matter

    return run
