"""Batch 签收 and batch 催办 from the lists: each ticked matter goes through the engine's own
transition (`services.perform`: its guard, its form, its journal entry, its own transaction), so a
batch does nothing a clerk could not do one matter at a time. One refusal does not stop the others;
every item reports what happened to it."""

from __future__ import annotations

from dataclasses import dataclass

from shuniu.core.inputs import parse_id

from . import services
from .models import Matter
from .rules import can_view
from .workflow import ChaseForm

ACTIONS = {"accept": "签收", "chase": "催办"}
MAX_ITEMS = 200
DEFAULT_COMMENT = {"accept": "", "chase": str(ChaseForm.base_fields["comment"].initial)}


@dataclass
class Outcome:
    matter_id: int
    serial: str
    title: str
    done: bool
    message: str


def parse_ids(values) -> list[int]:
    """The ticked ids, in order, once each; anything that is not an id is dropped."""
    ids: list[int] = []
    for value in values:
        pk = parse_id(str(value).strip())
        if pk is not None and pk not in ids:
            ids.append(pk)
    return ids


def available_actions(user) -> dict[str, str]:
    """The batch buttons a business user sees; whether each matter allows it is the engine's answer."""
    return dict(ACTIONS) if getattr(user, "is_business_user", False) else {}


def run(user, action: str, ids: list[int], comment: str = "") -> list[Outcome]:
    if action not in ACTIONS:
        raise services.Invalid("不支持的批量操作")
    if not ids:
        raise services.Invalid("请先勾选要处理的事项")
    if len(ids) > MAX_ITEMS:
        raise services.Invalid(f"一次最多批量处理{MAX_ITEMS}件，请分批操作")
    data = {"comment": comment if comment.strip() else DEFAULT_COMMENT[action]}
    known = {m.pk: m for m in Matter.objects.filter(pk__in=ids)}
    outcomes = []
    for pk in ids:
        matter = known.get(pk)
        if matter is None or not can_view(user, matter):
            outcomes.append(Outcome(pk, "", "", False, "事项不存在或您无权查看"))
            continue
        try:
            matter = services.perform(pk, action, user, data)
        except services.EngineError as error:
            outcomes.append(Outcome(pk, matter.serial, matter.title, False, error.message))
        else:
            outcomes.append(Outcome(pk, matter.serial, matter.title, True, f"已{ACTIONS[action]}"))
    return outcomes
