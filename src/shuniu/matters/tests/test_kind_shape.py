"""One shape for every kind (docs/new-kind.md): effects in the kind's workflow modules, inputs in
its forms.py (or the engine's shared forms), the API `detail` function in its api.py."""

import pytest
from django.utils.module_loading import import_string

from shuniu.matters.workflow import all_workflows

KINDS = sorted(all_workflows(), key=lambda w: w.kind)


def _app(workflow) -> str:
    return workflow.detail_model.split(".")[0] if workflow.detail_model else ""


@pytest.mark.parametrize("workflow", KINDS, ids=lambda w: w.kind)
def test_effects_are_declared_in_the_kinds_workflow_modules(workflow):
    app = _app(workflow)
    for transition in workflow.transitions:
        if transition.effect is None:
            continue
        module = transition.effect.__module__
        allowed = module == "shuniu.matters.common" or module.startswith(f"shuniu.{app}.workflow")
        assert allowed, f"{workflow.kind}.{transition.name}: effect in {module}"


@pytest.mark.parametrize("workflow", KINDS, ids=lambda w: w.kind)
def test_transition_inputs_are_forms_of_the_kind_or_the_engine(workflow):
    app = _app(workflow)
    for transition in workflow.transitions:
        if transition.form is None:
            continue
        module = transition.form.__module__
        assert module in ("shuniu.matters.workflow", f"shuniu.{app}.forms"), f"{workflow.kind}.{transition.name}: {module}"


@pytest.mark.parametrize("workflow", KINDS, ids=lambda w: w.kind)
def test_the_api_detail_function_lives_in_the_kinds_api(workflow):
    assert workflow.detail_serializer.startswith(f"shuniu.{_app(workflow)}.api."), workflow.detail_serializer
    assert callable(import_string(workflow.detail_serializer))
