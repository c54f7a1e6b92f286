"""Template helpers shared by every module."""

from django import forms, template

register = template.Library()


@register.filter
def bs(field):
    """Render a bound form field with Bootstrap classes (keeps templates free of widget plumbing)."""
    widget = field.field.widget
    css = "form-select" if isinstance(widget, forms.Select | forms.SelectMultiple) else "form-control"
    if isinstance(widget, forms.CheckboxInput):
        css = "form-check-input"
    if field.errors:
        css += " is-invalid"
    attrs = {"class": css}
    if isinstance(widget, forms.DateInput) or isinstance(field.field, forms.DateField):
        return field.as_widget(attrs={**attrs, "type": "date"})
    return field.as_widget(attrs=attrs)


@register.filter
def percent(value):
    return "—" if value is None else f"{value * 100:.1f}%"
