"""How a kind declares its life: states, transitions, guards, inputs, deadline rules.

A kind app's own `workflow.py` builds one `Workflow` and calls `register(...)`. The engine
(`services.perform`) is the only code that changes a matter's state; it reads these
declarations, so the whole life of a kind stays on one screen in its `workflow.py`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import rules
from django import forms
from django.utils.module_loading import import_string

from shuniu.core.caching import ProcessCache
from shuniu.core.inputs import WindowDateField, is_id
from shuniu.workdays.services import DeadlineRule

if TYPE_CHECKING:
    from .models import Matter
    from .services import Context


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    source: tuple[str, ...]
    target: str | None
    guard: rules.Predicate
    # Other states the effect may move to instead of `target` (ctx.move_to), e.g. accept by the
    # lead unit starts handling while an assisting unit's accept leaves the state as it is.
    also: tuple[str, ...] = ()
    form: type[forms.Form] | None = None
    effect: Callable[[Context], None] | None = None
    # "own": the caller acts through their unit's assignment in one of `assignment_states`.
    assignment: str | None = None
    assignment_states: tuple[str, ...] = ()
    closes: bool = False
    reopens: bool = False
    style: str = "primary"  # button colour in the UI: primary / secondary / danger / success
    help: str = ""
    # Performed by no logged-in person (a citizen on the portal, a timer): `perform(by=None,
    # actor_label=…)` only; never offered to a user, and a user's call is refused.
    system: bool = False

    def starts_from(self, status: str) -> bool:
        return status in self.source or "*" in self.source


@dataclass(frozen=True)
class Holder:
    """Who must act next on an open matter; becomes a Todo row (我的待办)."""

    task: str
    unit_id: int | None = None
    person_id: int | None = None
    roles: tuple[str, ...] = ()
    due_at: Any = None


@dataclass(frozen=True)
class ClockSpec:
    """A statutory clock a kind declares (`Workflow.clocks`); effects drive it through `ctx.clocks`.

    `rule`: "20 working days", "60 calendar days", "3 months", "2 hours", "30 minutes" (or 中文).
    `window`: time in which someone *may* act (复查申请期限); never binds the due date nor is chased.
    `binds_due`: the matter's `due_at` is the earliest due date of its running binding clocks
    (default: every duty clock binds). A duty clock that does not bind is reminded and chased on its
    own by the sweep (e.g. an assisting unit's 1-month view inside the lead's 3 months).
    `max_extensions` / `extension_max`: how many extensions, and how much in total (a rule).
    `remind_before`: the 临期提醒 span for this clock (default: the kind's).
    """

    name: str
    label: str
    rule: str
    window: bool = False
    binds_due: bool | None = None
    max_extensions: int | None = None
    extension_max: str = ""
    remind_before: str = ""

    @property
    def binds(self) -> bool:
        return (not self.window) if self.binds_due is None else (self.binds_due and not self.window)


@dataclass
class Workflow:
    kind: str
    label: str
    serial_prefix: str
    owner_unit: str  # code of the office section that runs matters of this kind ("" with owner_role)
    states: dict[str, str]
    initial: str
    transitions: list[Transition]
    closed_states: tuple[str, ...] = ()
    deadlines: dict[str, str] = field(default_factory=dict)  # name → rule text, e.g. {"handle": "5 working days"}
    rating_scale: dict[str, str] = field(
        default_factory=lambda: {"satisfied": "满意", "basically_satisfied": "基本满意", "dissatisfied": "不满意"}
    )
    satisfied_ratings: tuple[str, ...] = ("satisfied", "basically_satisfied")
    max_extensions: int | None = None  # how many extensions one assignment may get; None = no limit
    reminder_before: str = "1 working days"  # 临期提醒: how long before a deadline
    chase_every: str = "1 working days"  # 自动催办: how often while overdue
    escalate_after: str = "3 working days"  # 升级督办: how long overdue before the supervising office is told
    categories: dict[str, str] = field(default_factory=dict)
    # States in which the owner section must act, with the inbox label (e.g. {"close_review": "办结审核"}).
    # Without it, the owner section gets the matter whenever nobody else holds it.
    owner_tasks: dict[str, str] = field(default_factory=dict)
    holders: Callable[[Matter], list[Holder]] | None = None
    detail_model: str = ""  # "app_label.Model" one-to-one detail table, if any
    detail_template: str = ""  # a partial shown on the matter page above the journal, e.g. "<app>/_detail.html"
    # Dotted path of the kind's `api.detail`-style function: the `detail` object of GET /matters/{id}.
    detail_serializer: str = ""
    print_template: str = ""  # the printed form (发文稿纸, 工单, 登记单) at /matters/<id>/print/; a generic one otherwise
    url_name: str = "matters:detail"
    # An office role (org.OfficeRole, e.g. "supervising") instead of a unit code: the section is the
    # unit the system administrator marked with that role, so no kind hard-codes the office's codes.
    owner_role: str = ""
    module: str = field(default="", compare=False)  # set by register(): the declaring module
    clocks: list[ClockSpec] = field(default_factory=list)  # statutory clocks (matters/clocks.py)

    def __post_init__(self) -> None:
        if not (self.owner_unit or self.owner_role):
            raise ValueError(f"{self.kind}: owner_unit or owner_role is required")
        names = [t.name for t in self.transitions]
        if len(names) != len(set(names)):
            raise ValueError(f"{self.kind}: duplicate transition names")
        known = set(self.states)
        for t in self.transitions:
            unknown = {s for s in t.source if s != "*"} - known
            targets = {x for x in (t.target, *t.also) if x is not None}
            if unknown or targets - known:
                raise ValueError(f"{self.kind}.{t.name}: unknown state {unknown or targets - known}")
        for rule in (*self.deadlines.values(), self.reminder_before, self.chase_every, self.escalate_after):
            DeadlineRule.parse(rule)
        self._by_name = {t.name: t for t in self.transitions}
        if self.clocks:
            from .clocks import parse_rule

            for spec in self.clocks:
                for text in (spec.rule, spec.extension_max, spec.remind_before):
                    if text:
                        parse_rule(text)
        self._clocks = {spec.name: spec for spec in self.clocks}
        if len(self._clocks) != len(self.clocks):
            raise ValueError(f"{self.kind}: duplicate clock names")

    def clock_spec(self, name: str) -> ClockSpec:
        try:
            return self._clocks[name]
        except KeyError:
            raise LookupError(f"{self.kind}: no clock named {name}") from None

    def owner_section(self):
        """The unit that runs matters of this kind: the one holding `owner_role`, else `owner_unit`."""
        from shuniu.org.models import Unit
        from shuniu.org.services import office_unit

        if self.owner_role:
            return office_unit(self.owner_role)
        return Unit.objects.filter(code=self.owner_unit).first()

    def serialize_detail(self, matter: Matter) -> dict:
        """The kind's `detail` object for the API (empty when the kind declares none)."""
        if not self.detail_serializer:
            return {}
        return import_string(self.detail_serializer)(matter)

    def transition(self, name: str) -> Transition | None:
        return self._by_name.get(name)

    def state_label(self, status: str) -> str:
        return self.states.get(status, status)

    def rule(self, name: str) -> DeadlineRule:
        return DeadlineRule.parse(self.deadlines[name])

    def span(self, name: str) -> str:
        """A chasing span ("reminder_before", "chase_every", "escalate_after"): the office's own
        setting (KindPolicy, system administration) when there is one, else the declared default."""
        return kind_policy(self.kind).get(name) or getattr(self, name)

    def is_closed_state(self, status: str) -> bool:
        return status in self.closed_states


def _load_kind_policy(kind: str) -> dict:
    from .models import KindPolicy

    row = KindPolicy.objects.filter(kind=kind).values("reminder_before", "chase_every", "escalate_after").first()
    return {name: rule for name, rule in (row or {}).items() if rule}


# The office's 催办规则 are read on every transition (for the 临期 flag) and change a few times a
# year: kept per process for a minute, dropped at once in the process that saves them (apps.py).
KIND_POLICIES = ProcessCache(60.0, _load_kind_policy)


def kind_policy(kind: str) -> dict:
    """The office's own spans for `kind` (name → rule text; empty ones left out)."""
    return KIND_POLICIES.get(kind)


_REGISTRY: dict[str, Workflow] = {}


def register(workflow: Workflow) -> Workflow:
    # The module that declares the kind: its docstring holds the kind's state diagram (matters/diagram.py).
    workflow.module = sys._getframe(1).f_globals.get("__name__", "")
    _REGISTRY[workflow.kind] = workflow
    return workflow


def get_workflow(kind: str) -> Workflow:
    try:
        return _REGISTRY[kind]
    except KeyError:
        raise LookupError(f"未知的事项类别：{kind}") from None


def all_workflows() -> list[Workflow]:
    return list(_REGISTRY.values())


# --- Inputs shared by many transitions ---------------------------------------------------


class CommentForm(forms.Form):
    comment = forms.CharField(label="意见", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class RequiredCommentForm(forms.Form):
    comment = forms.CharField(label="意见", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label="理由", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class ReplyForm(forms.Form):
    reply = forms.CharField(label="答复意见", max_length=10000, widget=forms.Textarea(attrs={"rows": 6}))


class ProgressForm(forms.Form):
    comment = forms.CharField(label="进展情况", max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))


class ChaseForm(forms.Form):
    comment = forms.CharField(
        label="催办意见", max_length=1000, widget=forms.Textarea(attrs={"rows": 2}),
        initial="请抓紧办理，按时限办结并反馈。",
    )


class ExtensionForm(forms.Form):
    days = forms.IntegerField(label="延期天数（工作日）", min_value=1, max_value=60)
    reason = forms.CharField(label="延期理由", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


def rating_form(scale: dict[str, str]) -> type[forms.Form]:
    class RatingForm(forms.Form):
        rating = forms.ChoiceField(label="评价", choices=list(scale.items()))
        comment = forms.CharField(label="评价意见", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    return RatingForm


class UnitsField(forms.Field):
    """A list of {"unit": code, "role": lead|assist|joint}. Accepts the API's list of objects, a list
    of codes (the first is the lead), or the UI's `lead_unit` + `assist_units` fields (see UnitsForm)."""

    default_error_messages = {
        "invalid": "承办单位格式不正确",
        "unknown": "承办单位不存在：%(codes)s",
        "no_lead": "必须指定且只能指定一个主办单位",
        "duplicate": "同一单位不能重复交办",
        "bad_role": "承办方式只能是主办、协办或会办",
    }

    def to_python(self, value):
        from shuniu.org.models import Unit

        if value in (None, "", []):
            return []
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, list | tuple):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        items = []
        for index, item in enumerate(value):
            if isinstance(item, str | int):
                items.append({"unit": str(item), "role": "lead" if index == 0 else "assist"})
            elif isinstance(item, dict) and "unit" in item:
                items.append({"unit": str(item["unit"]), "role": str(item.get("role") or "lead")})
            else:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        if any(i["role"] not in ("lead", "assist", "joint") for i in items):
            raise forms.ValidationError(self.error_messages["bad_role"], code="bad_role")
        codes = [i["unit"] for i in items]
        if len(set(codes)) != len(codes):
            raise forms.ValidationError(self.error_messages["duplicate"], code="duplicate")
        found = {}
        for unit in Unit.objects.filter(is_active=True).filter(code__in=[c for c in codes if not is_id(c)]):
            found[unit.code] = unit
        for unit in Unit.objects.filter(is_active=True, pk__in=[int(c) for c in codes if is_id(c)]):
            found[str(unit.pk)] = unit
        missing = [c for c in codes if c not in found]
        if missing:
            raise forms.ValidationError(self.error_messages["unknown"], code="unknown", params={"codes": "、".join(missing)})
        if sum(1 for i in items if i["role"] == "lead") != 1:
            raise forms.ValidationError(self.error_messages["no_lead"], code="no_lead")
        return [(found[i["unit"]], i["role"]) for i in items]


class UnitsForm(forms.Form):
    units = UnitsField(label="承办单位", required=True, error_messages={"required": "请选择承办单位"})
    due_date = WindowDateField(label="办理时限", required=False, help_text="留空则按规定时限自动计算")
    comment = forms.CharField(label="交办意见", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, data=None, *args, **kwargs):
        # The UI posts lead_unit + assist_units; fold them into `units` before validation.
        if data is not None and "units" not in data and "lead_unit" in data:
            data = data.copy()
            lead = data.get("lead_unit")
            assists = data.getlist("assist_units") if hasattr(data, "getlist") else data.get("assist_units", [])
            units = ([{"unit": lead, "role": "lead"}] if lead else []) + [
                {"unit": a, "role": "assist"} for a in assists if a and a != lead
            ]
            data = {k: data.get(k) for k in data}
            data["units"] = units
        super().__init__(data, *args, **kwargs)

    def clean_due_date(self):
        from django.utils import timezone

        due = self.cleaned_data.get("due_date")
        if due and due < timezone.localdate():
            raise forms.ValidationError("办理时限不能早于今天")
        return due
