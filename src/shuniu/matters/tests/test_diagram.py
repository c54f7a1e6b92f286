"""A kind's state diagram cannot drift from its declarations: the diagram `shuniu kind_diagram`
draws must stand in the declaring module's docstring and in the kind's docs page, and nothing
there may name a transition that is no longer declared."""

import importlib
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from shuniu.matters import diagram
from shuniu.matters.workflow import Transition, Workflow, all_workflows

DOCS = Path(__file__).resolve().parents[4] / "docs"
EDGE = re.compile(r"^\s*\S+ --\S+ .*--> ")


def diagram_block(text: str, kind: str) -> list[str]:
    """The lines of `text` under the heading of `kind`'s diagram, up to the next diagram heading."""
    lines = text.splitlines()
    heading = f"State diagram of {kind} "
    start = next((i for i, line in enumerate(lines) if line.strip().startswith(heading)), None)
    if start is None:
        return []
    block = []
    for line in lines[start + 1:]:
        if line.strip().startswith("State diagram of "):
            break
        block.append(line.strip())
    return block


def drift(workflow: Workflow, text: str) -> list[str]:
    drawn = [line.strip() for line in diagram.text(workflow).splitlines()[1:] if line.strip()]
    block = diagram_block(text, workflow.kind)
    if not block:
        return [f"no diagram of {workflow.kind}"]
    missing = [f"missing: {line}" for line in drawn if line not in block]
    stale = [f"not declared: {line}" for line in block if EDGE.match(line) and line not in drawn]
    return missing + stale


def docs_page(workflow: Workflow) -> Path:
    return DOCS / f"{workflow.module.split('.')[1]}.md"


@pytest.mark.parametrize("workflow", all_workflows(), ids=lambda w: w.kind)
def test_the_workflow_docstring_holds_the_kinds_diagram(workflow):
    assert not drift(workflow, importlib.import_module(workflow.module).__doc__ or "")


@pytest.mark.parametrize("workflow", all_workflows(), ids=lambda w: w.kind)
def test_the_kinds_docs_page_holds_its_diagram(workflow):
    assert not drift(workflow, docs_page(workflow).read_text(encoding="utf-8"))


def test_a_transition_missing_from_the_diagram_is_caught():
    workflow = all_workflows()[0]
    doc = importlib.import_module(workflow.module).__doc__
    extra = Transition(name="leap", label="越级", source=(workflow.initial,), target=workflow.initial, guard=None)
    grown = Workflow(**{**{f: getattr(workflow, f) for f in ("kind", "label", "serial_prefix", "owner_unit", "states",
                                                                "initial", "closed_states", "owner_role")},
                        "transitions": [*workflow.transitions, extra]})
    assert drift(grown, doc) == [f"missing: {workflow.initial} --leap 越级--> {workflow.initial}"]
    shrunk = Workflow(**{**{f: getattr(grown, f) for f in ("kind", "label", "serial_prefix", "owner_unit", "states",
                                                             "initial", "closed_states", "owner_role")},
                         "transitions": workflow.transitions[1:]})
    assert any(line.startswith("not declared:") for line in drift(shrunk, doc))


def test_the_command_draws_every_format():
    kind = all_workflows()[0].kind
    for fmt, marker in (("text", "State diagram of"), ("mermaid", "stateDiagram-v2"), ("dot", "digraph")):
        out = StringIO()
        call_command("kind_diagram", kind, "--format", fmt, stdout=out)
        assert marker in out.getvalue()
    with pytest.raises(CommandError, match="未知的事项类别"):
        call_command("kind_diagram", "no_such_kind", stdout=StringIO())
