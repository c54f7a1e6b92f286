"""Configured approval chains (审核流程): per kind, optionally per unit, by role or by person.

A kind asks `configured_steps(kind, unit)`; when the office has configured a chain for that kind
(the unit's own chain first, else the kind-wide one) it replaces the kind's built-in default."""

from __future__ import annotations

from shuniu.org.models import Unit

from .models import ReviewChain


def find_chain(kind: str, unit: Unit | None) -> ReviewChain | None:
    chains = ReviewChain.objects.filter(kind=kind, is_active=True).prefetch_related("steps")
    if unit is not None:
        own = chains.filter(unit=unit).first()
        if own is not None:
            return own
    return chains.filter(unit__isnull=True).first()


def configured_steps(kind: str, unit: Unit | None) -> list[dict] | None:
    """The chain as `Context.start_review` steps; a step without a unit or person is for `unit`
    (the unit whose matter it is) in the step's role."""
    chain = find_chain(kind, unit)
    if chain is None:
        return None
    steps = []
    for step in chain.steps.order_by("seq", "id"):
        spec = {"seq": step.seq, "name": step.name}
        if step.person_id:
            spec["person"] = step.person
        else:
            spec["unit"] = step.unit or unit
            spec["role"] = step.role
        steps.append(spec)
    return steps or None
