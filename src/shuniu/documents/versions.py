"""Draft versions: every edit keeps the whole text and elements (DraftVersion), so any two can be
compared — the 清稿 (clean text of one version) and the marked changes between two (修改痕迹).

Chinese has no spaces between words, so the text is compared character by character within
each paragraph, and paragraphs are matched first so a moved paragraph reads as one change."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from shuniu.org.models import Secrecy

from .models import DocType, DraftVersion, OutgoingDocument

# The elements a version records, with their labels, in the order of the 条例.
ELEMENT_LABELS = {
    "copy_number": "份号",
    "secrecy": "密级",
    "secrecy_years": "保密期限（年）",
    "urgency": "紧急程度",
    "issuer_mark": "发文机关标志",
    "doc_type": "文种",
    "direction": "行文方向",
    "is_important": "重要公文",
    "main_to": "主送机关",
    "attachment_notes": "附件说明",
    "signature": "发文机关署名",
    "sealed": "加盖印章",
    "annotation": "附注",
    "cc": "抄送机关",
    "printer": "印发机关",
    "co_issuers": "联合发文机关",
    "sponsor": "主办部门",
}


def snapshot(doc: OutgoingDocument) -> dict:
    m = doc.matter
    return {
        "copy_number": doc.copy_number,
        "secrecy": Secrecy(m.secrecy).label,
        "secrecy_years": doc.secrecy_years,
        "urgency": m.get_urgency_display(),
        "issuer_mark": doc.issuer_mark,
        "doc_type": DocType(doc.doc_type).label,
        "direction": doc.get_direction_display(),
        "is_important": "是" if doc.is_important else "否",
        "main_to": doc.main_to,
        "attachment_notes": doc.attachment_notes,
        "signature": doc.signature,
        "sealed": "是" if doc.sealed else "否",
        "annotation": doc.annotation,
        "cc": doc.cc,
        "printer": doc.printer,
        "co_issuers": "、".join(u.name for u in doc.co_issuers.order_by("sort_order")),
        "sponsor": m.lead_unit.name if m.lead_unit_id else "",
    }


def latest(doc: OutgoingDocument) -> DraftVersion | None:
    return doc.versions.order_by("-number").first()


def differs(doc: OutgoingDocument, version: DraftVersion | None) -> bool:
    if version is None:
        return True
    return (version.title != doc.matter.title or version.body != doc.matter.content
            or version.elements != snapshot(doc))


def save_version(doc: OutgoingDocument, by, now, note: str = "") -> DraftVersion | None:
    """Keep the draft as it is now, if it differs from the last version. Returns the new version."""
    last = latest(doc)
    if not differs(doc, last):
        return None
    return DraftVersion.objects.create(
        document=doc, number=(last.number + 1) if last else 1, title=doc.matter.title, body=doc.matter.content,
        elements=snapshot(doc), status=doc.matter.status, note=note[:200],
        created_by=by if by is not None and by.is_authenticated else None, created_at=now,
    )


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in (text or "").splitlines() if p.strip()]


def _mark_inline(old: str, new: str) -> str:
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    out = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out.append(escape(old[a1:a2]))
            continue
        if a2 > a1:
            out.append(f"<del>{escape(old[a1:a2])}</del>")
        if b2 > b1:
            out.append(f"<ins>{escape(new[b1:b2])}</ins>")
    return "".join(out)


def marked_text(old: str, new: str) -> SafeString:
    """HTML of `new` with deletions (<del>) and insertions (<ins>) against `old`, paragraph by paragraph."""
    old_paras, new_paras = _paragraphs(old), _paragraphs(new)
    matcher = difflib.SequenceMatcher(None, old_paras, new_paras, autojunk=False)
    html = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            html.extend(f"<p>{escape(p)}</p>" for p in new_paras[b1:b2])
        elif op == "replace" and a2 - a1 == b2 - b1:
            html.extend(f"<p>{_mark_inline(o, n)}</p>" for o, n in zip(old_paras[a1:a2], new_paras[b1:b2], strict=True))
        else:
            html.extend(f'<p class="sn-removed"><del>{escape(p)}</del></p>' for p in old_paras[a1:a2])
            html.extend(f'<p class="sn-added"><ins>{escape(p)}</ins></p>' for p in new_paras[b1:b2])
    return mark_safe("".join(html))  # noqa: S308 — every piece of text above is escaped


def compare(old: DraftVersion, new: DraftVersion) -> dict:
    """Everything that changed from `old` to `new`: title, text (marked) and elements."""
    changes = []
    for key, label in ELEMENT_LABELS.items():
        before, after = old.elements.get(key), new.elements.get(key)
        if before != after:
            changes.append(FieldChange(label, "" if before is None else str(before), "" if after is None else str(after)))
    return {
        "title_changed": old.title != new.title,
        "title": marked_text(old.title, new.title),
        "body": marked_text(old.body, new.body),
        "body_changed": old.body != new.body,
        "fields": changes,
        "substantive": old.title != new.title or old.body != new.body,
    }
