"""Where a kind plugs in. Core reads this registry and names no kind.

Each app calls these functions from its `hooks.py`, which its `AppConfig.ready()` imports:

    add_nav("会议", "mykind:list", perm="core.use_business", order=70)
    add_panel("mykind", "matters/_kind_panel.html", my_panel, home_of=staff_of("mykind"))
    add_seeder("mykind", "shuniu.mykind.demo.seed", after=("org", "workdays"))
    add_stats_page("会议统计", "mykind:stats", perm="core.use_business")
    add_kind_hooks("mykind", search_fields=("title", "meeting__place"), cockpit=my_figures)

The consumers are the main menu (core.navigation), the home page (core.home), `shuniu seed_demo`,
the statistics page's list of kind statistics (matters) and whatever searches or summarises
across kinds. A registration under a name already taken replaces the earlier one, so importing a
`hooks.py` twice changes nothing. Checklist for a new kind: docs/new-kind.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.module_loading import import_string

Predicate = Callable[[Any], bool]  # user -> bool (a django-rules predicate is one)


def _allowed(user, perm: str | None, visible: Predicate | None) -> bool:
    if perm and not user.has_perm(perm):
        return False
    return visible is None or bool(visible(user))


@dataclass(frozen=True)
class NavEntry:
    label: str
    url_name: str
    perm: str | None = None  # the permission the page itself checks: nobody sees a link they cannot open
    visible: Predicate | None = None  # a further test for whose menu it belongs in
    order: int = 100

    def shown_to(self, user) -> bool:
        return _allowed(user, self.perm, self.visible)


@dataclass(frozen=True)
class Panel:
    """A home-page panel: `context(request)` returns the panel's dict (or None: nothing to show)."""

    name: str
    template: str
    context: Callable[[Any], dict | None]
    perm: str | None = None
    visible: Predicate | None = None
    # The people whose home this panel is (the operators of a 12345 desk, a 信访 section …): shown
    # to them first, above everybody's 我的待办. None: a panel for everyone it is shown to.
    home_of: Predicate | None = None
    order: int = 100

    def place_for(self, user) -> str | None:
        """"home" (the panel leads this person's home page), "shown", or None (not for them)."""
        if self.home_of and self.home_of(user):
            return "home"
        if self.home_of and self.perm is None and self.visible is None:
            return None  # a panel for the people whose home it is, and for them only
        return "shown" if _allowed(user, self.perm, self.visible) else None


@dataclass(frozen=True)
class Seeder:
    name: str
    path: str  # dotted path of `seed(password, stdout)`; idempotent
    after: tuple[str, ...] = ()
    last: bool = False  # runs after every other seeder (deadline states, statistics over all of them)


@dataclass(frozen=True)
class StatsPage:
    label: str
    url_name: str
    perm: str | None = None
    visible: Predicate | None = None
    order: int = 100

    def shown_to(self, user) -> bool:
        return _allowed(user, self.perm, self.visible)


@dataclass(frozen=True)
class KindHooks:
    """What a kind offers to cross-kind features: the fields a search looks in (Matter lookups,
    e.g. "ticket__caller_phone") and a cockpit function (user -> list of {label, value, url})."""

    kind: str
    search_fields: tuple[str, ...] = ()
    cockpit: Callable[[Any], list[dict]] | None = None
    extra: dict = field(default_factory=dict)


_NAV: dict[str, NavEntry] = {}
_PANELS: dict[str, Panel] = {}
_SEEDERS: dict[str, Seeder] = {}
_STATS: dict[str, StatsPage] = {}
_KINDS: dict[str, KindHooks] = {}


def add_nav(label: str, url_name: str, *, perm: str | None = None, visible: Predicate | None = None,
            order: int = 100) -> NavEntry:
    entry = NavEntry(label, url_name, perm, visible, order)
    _NAV[url_name] = entry
    return entry


def add_panel(name: str, template: str, context: Callable[[Any], dict | None], *, perm: str | None = None,
              visible: Predicate | None = None, home_of: Predicate | None = None, order: int = 100) -> Panel:
    panel = Panel(name, template, context, perm, visible, home_of, order)
    _PANELS[name] = panel
    return panel


def add_seeder(name: str, path: str, *, after: Iterable[str] = (), last: bool = False) -> Seeder:
    seeder = Seeder(name, path, tuple(after), last)
    _SEEDERS[name] = seeder
    return seeder


def add_stats_page(label: str, url_name: str, *, perm: str | None = None, visible: Predicate | None = None,
                   order: int = 100) -> StatsPage:
    page = StatsPage(label, url_name, perm, visible, order)
    _STATS[url_name] = page
    return page


def add_kind_hooks(kind: str, *, search_fields: Iterable[str] = (), cockpit: Callable | None = None,
                   **extra) -> KindHooks:
    hooks = KindHooks(kind, tuple(search_fields), cockpit, extra)
    _KINDS[kind] = hooks
    return hooks


def add_permission_labels(labels: dict[str, str]) -> None:
    """The Chinese names of an app's permissions, shown on the audit and admin pages instead of
    their codes (core.permissions.permission_label)."""
    from .permissions import PERMISSION_LABELS

    PERMISSION_LABELS.update(labels)


# --- Readers --------------------------------------------------------------------------------


def nav_entries() -> list[NavEntry]:
    return sorted(_NAV.values(), key=lambda e: e.order)


def panels() -> list[Panel]:
    return sorted(_PANELS.values(), key=lambda p: p.order)


def stats_pages() -> list[StatsPage]:
    return sorted(_STATS.values(), key=lambda p: p.order)


def kind_hooks(kind: str) -> KindHooks:
    return _KINDS.get(kind) or KindHooks(kind)


def all_kind_hooks() -> list[KindHooks]:
    return list(_KINDS.values())


def seeders() -> list[Seeder]:
    """Every seeder in an order that honours `after` (registration order among equals); `last` ones at the end."""
    pending = dict(_SEEDERS)
    done: list[Seeder] = []
    while pending:
        others_first = any(not s.last for s in pending.values())
        ready = [s for s in pending.values() if not set(s.after) & pending.keys() and not (s.last and others_first)]
        if not ready:
            raise ValueError(f"演示数据载入顺序存在循环依赖：{', '.join(sorted(pending))}")
        done.append(pending.pop(ready[0].name))
    return done


def run_seeder(seeder: Seeder, **kwargs) -> None:
    import_string(seeder.path)(**kwargs)
