"""Template helpers for the document pages and partials."""

from django import template

register = template.Library()


@register.filter
def may_edit_document(matter, user) -> bool:
    from shuniu.documents.services import may_edit

    return may_edit(user, matter)


@register.simple_tag
def pdf_available() -> bool:
    from shuniu.documents.rendering import libreoffice

    return libreoffice() is not None
