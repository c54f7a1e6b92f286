"""The layers: the shell (core, org, notify, workdays) and the engine (matters) name no kind and
import neither a kind nor the API layer. A kind plugs in through core.registry (docs/new-kind.md)."""

import ast
import re
from pathlib import Path

from django.apps import apps

from shuniu.matters.workflow import all_workflows

SRC = Path(__file__).resolve().parents[2]  # src/shuniu
LOWER = ("core", "org", "notify", "workdays", "matters")


def kind_apps() -> set[str]:
    """Every app that registers a workflow with the engine."""
    found = set()
    for config in apps.get_app_configs():
        if config.name.startswith("shuniu.") and config.label != "matters" and (Path(config.path) / "workflow.py").exists():
            found.add(config.label)
    return found


def lower_files():
    for layer in LOWER:
        for path in (SRC / layer).rglob("*"):
            if "tests" in path.parts or path.suffix not in (".py", ".html"):
                continue
            yield path
    for layer in ("core", "matters"):
        yield from (SRC / "templates" / layer).rglob("*.html")


def test_kinds_are_found():
    assert {"hotline", "petitions", "supervision", "documents"} <= kind_apps()


def test_lower_layers_import_no_kind_and_not_the_api():
    forbidden = {f"shuniu.{label}" for label in kind_apps()} | {"shuniu.api", "shuniu.portal"}
    offenders = []
    for path in lower_files():
        if path.suffix != ".py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                if any(name == f or name.startswith(f + ".") for f in forbidden):
                    offenders.append(f"{path.relative_to(SRC)}:{node.lineno} {name}")
    assert not offenders, offenders


def test_core_and_the_engine_name_no_kind():
    names = kind_apps() | {w.kind for w in all_workflows()}
    pattern = re.compile(r"\b(" + "|".join(sorted(map(re.escape, names))) + r")\b")
    offenders = [f"{path.relative_to(SRC)}:{number}: {line.strip()}"
                 for path in lower_files()
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if pattern.search(line)]
    assert not offenders, offenders
