"""Attachment preview in the matter page: images and PDF as they are, a Word file as PDF through
the core converter (LibreOffice) when the server has it; anything else is downloaded.

What a file is comes from its first bytes, not its name: an upload called `x.pdf` that is not a PDF
is not shown inline. Converted previews are kept under DATA_DIR/previews, one per attachment."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from shuniu.core import convert

from .models import Attachment

IMAGE_TYPES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}
OFFICE_SUFFIXES = {".docx", ".doc", ".wps"}
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _head(item: Attachment, size: int = 16) -> bytes:
    with item.file.open("rb") as handle:
        return handle.read(size)


def kind_of(item: Attachment) -> tuple[str, str]:
    """("image"|"pdf"|"office"|"", content type) by the file's own bytes."""
    try:
        head = _head(item)
    except OSError:
        return "", ""
    for magic, content_type in IMAGE_TYPES.items():
        if head.startswith(magic):
            return "image", content_type
    if head.startswith(b"%PDF-"):
        return "pdf", "application/pdf"
    suffix = Path(item.name).suffix.lower()
    if suffix in OFFICE_SUFFIXES and (head.startswith(ZIP_MAGIC) or head.startswith(OLE_MAGIC)):
        return "office", "application/pdf"
    return "", ""


def can_convert() -> bool:
    return convert.libreoffice() is not None


def office_pdf(item: Attachment) -> bytes:
    """The Word attachment as PDF (converted once, then kept). Raises convert.ConversionError."""
    path = Path(settings.DATA_DIR) / "previews" / f"{item.pk}.pdf"
    if path.exists():
        return path.read_bytes()
    with item.file.open("rb") as handle:
        content = handle.read()
    pdf = convert.to_pdf(content, Path(item.name).suffix.lower() or ".docx", timeout=60)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")
    partial.write_bytes(pdf)
    partial.replace(path)
    return pdf
