"""`{% unit_picker "lead_unit" value %}` — a UnitNamesInput in any template (lists' filters, the
dispatch forms), so no page asks for a unit code."""

from django import template

from shuniu.org.widgets import HANDLING_KINDS, UnitNamesInput

register = template.Library()


@register.simple_tag
def unit_picker(name, value=None, multiple=False, kinds="department,county", id="", label="", placeholder="输入单位名称搜索",
                css=""):
    kinds = tuple(k for k in str(kinds).split(",") if k) if kinds is not None else HANDLING_KINDS
    attrs = {"id": id or f"id_{name}"}
    if label:
        attrs["aria-label"] = label
    if css:
        attrs["class"] = css
    widget = UnitNamesInput(attrs, multiple=bool(multiple), kinds=kinds, placeholder=placeholder)
    return widget.render(name, value if value not in ("", None) else None)
