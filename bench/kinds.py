"""What the generator knows about a kind, read from its registered `Workflow` at run time.

Kinds are being added while this runs, so nothing here names a kind's states: a kind's life is
walked from its declaration — the simple paths from `initial` to a closed state — and each step is
classified by what the engine would do for it (交办 creates assignments, 签收 accepts the caller's
assignment, 答复 replies through it, a transition with `closes` ends the matter, a rating form sets
the rating). The generator then places every matter somewhere along one of those paths.
"""

from __future__ import annotations

import random
from bisect import bisect
from dataclasses import dataclass, field
from itertools import accumulate

# Share of the volume by kind in a city-wide deployment (12345 dominates); kinds not listed get
# DEFAULT_WEIGHT, so a kind registered tomorrow is generated too.
KNOWN_WEIGHTS = {"hotline": 72.0, "doc_in": 9.0, "petition": 7.0, "doc_out": 4.0, "supervision": 3.0}
DEFAULT_WEIGHT = 3.0
# How the creation line of the journal reads, by kind (what the kind's own service writes).
CREATION = {"supervision": ("register", "立项"), "hotline": ("create", "受理"), "petition": ("register", "登记"),
            "doc_in": ("register", "登记"), "doc_out": ("draft", "拟稿")}
# Kinds whose time limit lives in their own policy table rather than `Workflow.deadlines`: the
# statutory or usual limit (DOMAIN.md).
FALLBACK_RULES = {"hotline": "5 working days", "petition": "60 calendar days", "doc_in": "5 working days"}
SECRET_SHARE = {"doc_in": 0.06, "doc_out": 0.04, "supervision": 0.01}
# Transitions that are the unusual way out (退回、撤销、不予受理 …): rarely on a generated path.
UNUSUAL = ("reject", "cancel", "withdraw", "return", "void", "terminate", "merge", "refuse", "decline", "transfer",
           "not_accept", "dismiss", "duplicate", "invalid")

DISPATCH, ACCEPT, REPLY, OTHER = "dispatch", "accept", "reply", "other"


@dataclass(frozen=True)
class Step:
    name: str
    label: str
    source: str
    target: str
    role: str
    closes: bool
    rating: bool
    text: str  # which text goes in the journal comment: reply / reason / progress / comment


@dataclass
class KindPlan:
    kind: str
    label: str
    prefix: str
    owner_code: str
    weight: float
    initial: str
    states: dict[str, str]
    paths: list[list[Step]]
    path_cum: list[float]
    categories: list[str]
    category_cum: list[float]
    handle_rule: str
    owner_tasks: dict[str, str]
    custom_holders: bool
    rating_keys: list[str]
    rating_cum: list[float]
    satisfied: frozenset[str]
    reminder_before: str
    chase_every: str
    escalate_after: str
    creation: tuple[str, str]
    secret_share: float
    progress: Step | None = None
    extension: Step | None = None
    returns: Step | None = None
    detail_model: str = ""
    tails: dict[str, Step] = field(default_factory=dict)
    extras: dict = field(default_factory=dict)
    # The kind's statutory clocks the generator writes (matters.Clock): the duty clock whose rule is
    # the handling limit, (name, label, rule), and the first window opened on closing, if any.
    clock: tuple[str, str, str] | None = None
    window: tuple[str, str, str] | None = None

    def pick_path(self, rng: random.Random) -> list[Step]:
        if not self.paths:
            return []
        return self.paths[bisect(self.path_cum, rng.random() * self.path_cum[-1])]

    def pick_category(self, rng: random.Random) -> str:
        if not self.categories:
            return ""
        return self.categories[bisect(self.category_cum, rng.random() * self.category_cum[-1])]

    def pick_rating(self, rng: random.Random) -> str:
        return self.rating_keys[bisect(self.rating_cum, rng.random() * self.rating_cum[-1])]


def _fields(transition) -> set[str]:
    return set(transition.form.base_fields) if transition.form is not None else set()


def classify(transition, source: str, target: str) -> Step:
    from shuniu.matters.models import Assignment

    names = _fields(transition)
    states = tuple(transition.assignment_states or ())
    if "units" in names:
        role = DISPATCH
    elif transition.name == "accept" or (transition.assignment == "own" and states == (Assignment.Status.PENDING,)):
        role = ACCEPT
    elif transition.assignment == "own" and "reply" in names:
        role = REPLY
    else:
        role = OTHER
    text = ("reply" if "reply" in names else "reason" if "reason" in names
            else "progress" if transition.name == "report_progress" else "comment")
    return Step(transition.name, transition.label, source, target, role, bool(transition.closes), "rating" in names, text)


def simple_paths(workflow, limit: int = 40, depth: int = 12) -> list[list[Step]]:
    """Every path from `initial` to an end (a closed state or a closing transition) that visits no
    state twice and reopens nothing."""
    found: list[list[Step]] = []

    def walk(state: str, seen: frozenset, steps: list[Step]) -> None:
        if len(found) >= limit or len(steps) >= depth:
            return
        for t in workflow.transitions:
            if t.reopens or t.target is None or "*" in t.source or not t.starts_from(state) or t.target in seen:
                continue
            step = classify(t, state, t.target)
            steps.append(step)
            if t.closes or workflow.is_closed_state(t.target):
                found.append(list(steps))
            else:
                walk(t.target, seen | {t.target}, steps)
            steps.pop()

    walk(workflow.initial, frozenset({workflow.initial}), [])
    return found


def path_weight(path: list[Step]) -> float:
    weight = 3.0 if any(s.role == DISPATCH for s in path) else 1.0
    if any(s.role == REPLY for s in path):
        weight *= 2.0
    roles = [s.role for s in path]
    for needed, before in ((ACCEPT, DISPATCH), (REPLY, ACCEPT)):
        if needed in roles and before not in roles[: roles.index(needed)]:
            weight *= 0.01  # the engine's guards would refuse it (a reply needs an accepted assignment)
    for step in path:
        if any(word in step.name for word in UNUSUAL):
            weight *= 0.05
    return weight / (1 + 0.1 * len(path))


def _category_weights(keys: list[str]) -> list[float]:
    # Real category mixes are skewed: the first categories a kind lists are the common ones.
    return [1.0 / (1 + 0.35 * index) for index in range(len(keys))]


def _handle_rule(workflow) -> str:
    """The kind's handling time limit, or "-" when it has none."""
    deadlines = workflow.deadlines or {}
    if "handle" in deadlines:
        return deadlines["handle"]
    clock = _handle_clock(workflow)
    if clock is not None:
        return clock[2]
    if workflow.kind in FALLBACK_RULES:
        return FALLBACK_RULES[workflow.kind]
    for name, rule in deadlines.items():
        if "extension" not in name and "return" not in name and "window" not in name:
            return rule
    return "-"


def _handle_clock(workflow) -> tuple[str, str, str] | None:
    """The duty clock that is the kind's handling limit: the one named "handle", else the first binding one."""
    specs = [c for c in getattr(workflow, "clocks", []) if not c.window]
    spec = next((c for c in specs if c.name == "handle"), None) or next((c for c in specs if c.binds), None)
    return (spec.name, spec.label, spec.rule) if spec else None


def _window_clock(workflow) -> tuple[str, str, str] | None:
    spec = next((c for c in getattr(workflow, "clocks", []) if c.window and "review" in c.name), None)
    return (spec.name, spec.label, spec.rule) if spec else None


def tails(workflow) -> dict[str, Step]:
    """What usually follows closing (e.g. 回访 after 已答复): a transition from one closed state to another."""
    found = {}
    for state in workflow.closed_states:
        for t in workflow.transitions:
            if (t.starts_from(state) and "*" not in t.source and not t.reopens and t.target
                    and t.target != state and workflow.is_closed_state(t.target) and state not in found):
                found[state] = classify(t, state, t.target)
    return found


def owner_code(workflow) -> str:
    """The code of the section that runs the kind (a kind may name an office role instead of a code)."""
    if workflow.owner_unit:
        return workflow.owner_unit
    section = workflow.owner_section()
    return section.code if section else ""


def plan(workflow) -> KindPlan:
    paths = simple_paths(workflow)
    weights = [path_weight(p) for p in paths]
    categories = list(workflow.categories or {})
    ratings = list(workflow.rating_scale or {"satisfied": "满意"})
    rating_weights = [0.72, 0.18, 0.10][: len(ratings)] + [0.05] * max(0, len(ratings) - 3)
    extra_steps = {}
    for t in workflow.transitions:
        if t.name in ("report_progress", "request_extension", "return") and t.source:
            source = next((s for s in t.source if s != "*"), workflow.initial)
            extra_steps[t.name] = classify(t, source, t.target or source)
    return KindPlan(
        kind=workflow.kind, label=workflow.label, prefix=workflow.serial_prefix, owner_code=owner_code(workflow),
        weight=KNOWN_WEIGHTS.get(workflow.kind, DEFAULT_WEIGHT), initial=workflow.initial, states=dict(workflow.states),
        paths=paths, path_cum=list(accumulate(weights)), categories=categories,
        category_cum=list(accumulate(_category_weights(categories))), handle_rule=_handle_rule(workflow),
        owner_tasks=dict(workflow.owner_tasks or {}), custom_holders=workflow.holders is not None,
        rating_keys=ratings, rating_cum=list(accumulate(rating_weights)),
        satisfied=frozenset(workflow.satisfied_ratings), reminder_before=workflow.reminder_before,
        chase_every=workflow.chase_every, escalate_after=workflow.escalate_after,
        creation=CREATION.get(workflow.kind, ("create", "登记")), secret_share=SECRET_SHARE.get(workflow.kind, 0.0),
        progress=extra_steps.get("report_progress"), extension=extra_steps.get("request_extension"),
        returns=extra_steps.get("return"), detail_model=workflow.detail_model or "", tails=tails(workflow),
        clock=_handle_clock(workflow), window=_window_clock(workflow),
    )


def describe(plans: list[KindPlan]) -> str:
    lines = []
    total = sum(p.weight for p in plans)
    for p in plans:
        weights = [b - a for a, b in zip([0.0, *p.path_cum[:-1]], p.path_cum, strict=True)]
        main = max(zip(weights, p.paths, strict=True), default=(0, []), key=lambda pair: pair[0])[1]
        route = " → ".join(s.name for s in main) or "(no path to a closed state)"
        route += "".join(f" (then {t.name})" for t in p.tails.values())
        route += f"; limit {p.handle_rule}"
        lines.append(f"  {p.kind:<12} {p.weight / total:6.1%}  {len(p.paths)} paths, main: {route}"
                     f"{'  [own holders, run on a stand-in]' if p.custom_holders else ''}")
    return "\n".join(lines)
