"""The written notices and opinions a petition produces, as .docx in the GB/T 9704-2012 信函格式
(the issuing body's red mark and double rules, the petition's number flush right, the petitioner
as 主送, the body in 3号仿宋, the issuer and date at the foot), laid out by `shuniu.core.gbt9704`.
`render_letter` builds the file; `issue` stores it on the matter and records it on the petition.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.utils import timezone
from docx import Document as DocxDocument

from shuniu.core.gbt9704 import OfficialDocument, Paragraph, render
from shuniu.matters.models import Attachment

from .models import Document

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass
class Letter:
    title: str
    number: str
    addressee: str
    paragraphs: list[str]
    issuer: str
    date: object  # datetime.date
    notes: list[str] = field(default_factory=list)  # 附注, printed in parentheses after the date


def render_letter(letter: Letter) -> bytes:
    body = []
    for text in letter.paragraphs:
        body.extend(Paragraph(line.strip()) for line in str(text).splitlines() if line.strip())
    return render(OfficialDocument(
        title=letter.title, issuer_mark=letter.issuer, doc_number=letter.number, main_to=letter.addressee,
        body=body, signature=letter.issuer, date=letter.date, note="；".join(letter.notes), layout="letter",
    ))


def read_text(content: bytes) -> str:
    """The paragraphs of a .docx as plain text (used to check what was issued)."""
    doc = DocxDocument(io.BytesIO(content))
    return "\n".join(p.text for p in doc.paragraphs)


def issue(ctx, petition, kind: str, letter: Letter) -> Document:
    """Render `letter`, store it as the matter's attachment and record it on the petition."""
    content = render_letter(letter)
    label = Document.Kind(kind).label
    filename = f"{label}（{ctx.matter.serial}）.docx"
    attachment = Attachment(
        matter=ctx.matter, name=filename, size=len(content), content_type=DOCX_TYPE,
        uploaded_by=ctx.by if ctx.by is not None and ctx.by.is_authenticated else None,
    )
    attachment.file.save(f"{ctx.matter.serial}-{kind}.docx", ContentFile(content), save=False)
    attachment.save()
    ctx.entry_data.setdefault("documents", []).append(label)
    return Document.objects.create(petition=petition, kind=kind, attachment=attachment, issued_by=letter.issuer,
                                   issued_at=ctx.now)


def today_local(ctx):
    return timezone.localtime(ctx.now).date()
