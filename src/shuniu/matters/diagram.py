"""A kind's state diagram drawn from its declared transitions (`shuniu kind_diagram <kind>`).

The text form is pasted into the kind's `workflow.py` docstring and its docs page; a test
(matters/tests/test_diagram.py) fails when either no longer holds the diagram the declarations
draw, so a transition cannot be added, removed or retargeted without the diagram following."""

from __future__ import annotations

from .workflow import Transition, Workflow

KEPT = "(state kept)"


def _sources(workflow: Workflow, t: Transition) -> list[str]:
    if "*" in t.source:
        return [s for s in workflow.states if not workflow.is_closed_state(s)]
    return list(t.source)


def _targets(t: Transition) -> list[str | None]:
    targets: list[str | None] = [t.target]
    targets += [s for s in t.also if s != t.target]
    return targets


def text(workflow: Workflow) -> str:
    """One line per state and per transition: `sources --name 标签--> target | other targets`."""
    lines = [f"State diagram of {workflow.kind} (drawn by `shuniu kind_diagram {workflow.kind}`; regenerate, do not edit):", ""]
    for code, label in workflow.states.items():
        marks = [m for m, on in (("start", code == workflow.initial), ("closed", workflow.is_closed_state(code))) if on]
        lines.append(f"  {code} {label}" + (f" ({', '.join(marks)})" if marks else ""))
    lines.append("")
    for t in workflow.transitions:
        source = "*" if "*" in t.source else "|".join(t.source)
        target = " | ".join(KEPT if x is None else x for x in _targets(t))
        lines.append(f"  {source} --{t.name} {t.label}--> {target}")
    return "\n".join(lines)


def _edges(workflow: Workflow):
    for t in workflow.transitions:
        for source in _sources(workflow, t):
            for target in _targets(t):
                yield source, target or source, f"{t.label} {t.name}"


def mermaid(workflow: Workflow) -> str:
    lines = ["stateDiagram-v2"]
    lines += [f'    state "{label}" as {code}' for code, label in workflow.states.items()]
    lines.append(f"    [*] --> {workflow.initial}")
    lines += [f"    {source} --> {target}: {label}" for source, target, label in _edges(workflow)]
    lines += [f"    {code} --> [*]" for code in workflow.closed_states]
    return "\n".join(lines)


def dot(workflow: Workflow) -> str:
    lines = [f'digraph "{workflow.kind}" {{', '    rankdir=LR;', '    node [shape=box, style=rounded, fontname="Noto Sans CJK SC"];']
    for code, label in workflow.states.items():
        extra = ", peripheries=2" if workflow.is_closed_state(code) else ""
        lines.append(f'    {code} [label="{label}\\n{code}"{extra}];')
    lines += [f'    {source} -> {target} [label="{label}"];' for source, target, label in _edges(workflow)]
    lines.append("}")
    return "\n".join(lines)


FORMATS = {"text": text, "mermaid": mermaid, "dot": dot}


def draw(workflow: Workflow, fmt: str = "text") -> str:
    return FORMATS[fmt](workflow)
