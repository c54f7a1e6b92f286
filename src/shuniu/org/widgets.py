"""UnitNamesInput: a unit picker that searches by name (Tom Select on a <select>, fed by
`/org/units/search/`). The clerk types part of a name (交通, 环保, 东城) and picks; the form still
receives unit codes, which nobody has to know or type.

Without JavaScript it is an ordinary <select> holding every unit of the kinds asked for."""

from __future__ import annotations

import re

from django import forms
from django.db.models import Q
from django.urls import reverse

from .models import Unit

HANDLING_KINDS = ("department", "county")
SPLIT = re.compile(r"[、，,；;\n]+")


def unit_options(kinds=HANDLING_KINDS):
    """(code, name, 简称) of the active units of these kinds, in display order."""
    units = Unit.objects.filter(is_active=True)
    if kinds:
        units = units.filter(kind__in=kinds)
    return [(u.code, u.name, u.short_name) for u in units.order_by("sort_order", "code")]


class UnitNamesInput(forms.SelectMultiple):
    """Pick one unit (multiple=False) or several, by name. Values are unit codes; a value may also be
    given as a list or as text separated by 、 (what the API and older forms send)."""


    def __init__(self, attrs=None, *, multiple: bool = True, kinds=HANDLING_KINDS, placeholder: str = "输入单位名称搜索"):
        super().__init__(attrs)
        self.multiple, self.kinds, self.placeholder = multiple, tuple(kinds or ()), placeholder

    @property
    def allow_multiple_selected(self):  # Django reads this to decide on `multiple` and on value_from_datadict
        return self.multiple

    def get_context(self, name, value, attrs):
        units = unit_options(self.kinds)
        self._short = {code: short for code, _name, short in units}
        self.choices = ([] if self.multiple else [("", "")]) + [(code, name) for code, name, _short in units]
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        classes = widget_attrs.get("class", "").split()
        widget_attrs["class"] = " ".join(dict.fromkeys(["form-select", *classes, "sn-unit-picker"]))
        widget_attrs["data-search-url"] = reverse("org:unit_search") + ("?kinds=" + ",".join(self.kinds) if self.kinds else "")
        widget_attrs["data-placeholder"] = self.placeholder
        return context

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if getattr(self, "_short", {}).get(value):
            option["attrs"]["data-short"] = self._short[value]  # searchable by 简称 too
        return option

    def format_value(self, value):
        """Selected codes, from codes, names or 简称, given as a list or as 、-separated text."""
        if value in (None, ""):
            return []
        tokens = SPLIT.split(value) if isinstance(value, str) else [str(v) for v in value]
        tokens = [t.strip() for t in tokens if t and t.strip()]
        known = {}
        for unit in Unit.objects.filter(Q(code__in=tokens) | Q(name__in=tokens) | Q(short_name__in=tokens)):
            for key in (unit.code, unit.name, unit.short_name):
                known.setdefault(key, unit.code)
        return [known.get(t, t) for t in tokens]
