"""A document as GB/T 9704-2012 output, through the one writer in `shuniu.core.gbt9704`.

- `official_document(doc)` maps a draft's 18 elements to the writer's OfficialDocument, choosing the
  format: 下行文, 上行文 (with 签发人), 信函格式 (函) or 纪要格式 (纪要);
- `render_for(matter, "docx"|"pdf")`: the .docx at once; the PDF converted by LibreOffice
  (headless) in a background task and kept per version, when LibreOffice is installed;
- the 阅办卡 (document handling card) of an incoming document, as data and as .docx.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from shuniu.core import convert, gbt9704
from shuniu.matters.models import Assignment, Matter, ReviewStep, Urgency

from . import states as S
from .models import DocType, OutgoingDocument

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_TYPE = "application/pdf"
ATTENDANCE = re.compile(r"^(出席|请假|列席)[：:]\s*(.+)$")
URGENCY_PRINTED = {Urgency.URGENT: "加急", Urgency.VERY_URGENT: "特急"}


class RenderError(Exception):
    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def _names(text: str) -> list[str]:
    from .forms import SPLIT

    return [n.strip() for n in SPLIT.split(text or "") if n.strip()]


def _signers(doc: OutgoingDocument) -> list[str]:
    """签发人 of an upward document: the signer, then each co-issuer's (their 会签 leaders)."""
    names = [doc.signer_name or (doc.signer.get_full_name() if doc.signer_id else "")]
    steps = doc.matter.review_steps.filter(name=S.STEP_COUNTERSIGN, status=ReviewStep.Status.APPROVED)
    latest_round = steps.order_by("-round").values_list("round", flat=True).first()
    for step in steps.filter(round=latest_round).select_related("decided_by").order_by("seq", "id"):
        if step.decided_by_id:
            names.append(step.decided_by.get_full_name())
    return [n for n in names if n]


def official_document(doc: OutgoingDocument) -> gbt9704.OfficialDocument:
    m = doc.matter
    layout = doc.layout
    lines = [line for line in m.content.splitlines() if line.strip()]
    attendance = []
    if layout == "minutes":
        while lines and ATTENDANCE.match(lines[-1].strip()):
            match = ATTENDANCE.match(lines.pop().strip())
            attendance.insert(0, (match[1], match[2]))
    marks = [line.strip() for line in doc.issuer_mark.splitlines() if line.strip()]
    issuer_mark, joint_mark = "", []
    if layout in ("letter", "minutes"):
        issuer_mark = "".join(marks)
    elif len(marks) == 1:
        issuer_mark = f"{marks[0]}文件"
    else:
        joint_mark = marks
    return gbt9704.OfficialDocument(
        title=m.title,
        issuer_mark=issuer_mark,
        joint_mark=joint_mark,
        layout={"letter": "letter", "minutes": "minutes"}.get(layout, "document"),
        doc_number=doc.doc_number,
        main_to=doc.main_to,
        body=[gbt9704.Paragraph(line) for line in lines],
        attachment_names=doc.attachment_list(),
        signature="" if layout == "minutes" else "\n".join(doc.signature_lines()),
        date=None if layout == "minutes" else doc.written_date,
        note=doc.annotation,
        copy_to=_names(doc.cc),
        printer=doc.printer if layout != "letter" else "",
        print_date=doc.print_date if layout != "letter" else None,
        copy_number=doc.copy_number if (doc.copy_number and m.secrecy) else "",
        secrecy=doc.secrecy_label,
        urgency=URGENCY_PRINTED.get(m.urgency, ""),
        signers=_signers(doc) if layout == "upward" else [],
        attendance=attendance,
    )


def outgoing_docx(doc: OutgoingDocument) -> bytes:
    return gbt9704.render(official_document(doc))


def _filename(doc: OutgoingDocument, ext: str) -> str:
    name = doc.doc_number or f"{doc.matter.serial}（{DocType(doc.doc_type).label}稿）"
    return f"{name}.{ext}"


def source_document(matter: Matter) -> OutgoingDocument:
    """The outgoing document a page or API call renders: the matter's own, or the issued document an
    incoming item was delivered from."""
    if matter.kind == "doc_out":
        return matter.outgoing
    source = getattr(matter, "incoming", None) and matter.incoming.source
    if source is None:
        raise RenderError(422, "no_layout", "该收文来自系统外，没有可生成的版式文件，请查看原件附件")
    return source


# --- PDF through LibreOffice ---------------------------------------------------------------


def libreoffice() -> str | None:
    return convert.libreoffice()


def pdf_path(doc: OutgoingDocument) -> Path:
    from . import versions

    last = versions.latest(doc)
    stamp = f"{doc.matter.pk}-v{last.number if last else 0}-{doc.matter.version}"
    return Path(settings.DATA_DIR) / "renders" / f"{stamp}.pdf"


def for_libreoffice(docx: bytes) -> bytes:
    """The .docx as LibreOffice should lay it out. Word and WPS honour the 28-characters-a-line grid
    (w:docGrid linesAndChars with a negative w:charSpace); LibreOffice widens every character to two
    grid cells instead (about 14 a line), so for the PDF the grid keeps its line pitch only."""
    source = io.BytesIO(docx)
    target = io.BytesIO()
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = re.sub(rb'<w:docGrid([^>]*?)w:type="linesAndChars"([^>]*?)/>',
                              lambda m: re.sub(rb'\s*w:charSpace="-?\d+"', b"",
                                               b'<w:docGrid' + m.group(1) + b'w:type="lines"' + m.group(2) + b"/>"),
                              data)
            zout.writestr(item, data)
    return target.getvalue()


def convert_to_pdf(docx: bytes, binary: str | None = None, timeout: int = 180) -> bytes:
    binary = binary or libreoffice()
    if binary is None:
        raise RenderError(422, "pdf_unavailable", "生成PDF需要在服务器上安装LibreOffice，请先下载.docx文件")
    try:
        return convert.to_pdf(for_libreoffice(docx), ".docx", binary=binary, timeout=timeout)
    except convert.ConversionError as error:
        raise RenderError(422, error.code, error.message) from error


def write_pdf(matter_id: int) -> str:
    """The background task's work: convert the current version and keep it beside the others."""
    doc = OutgoingDocument.objects.select_related("matter").get(pk=matter_id)
    path = pdf_path(doc)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".part")
        partial.write_bytes(convert_to_pdf(outgoing_docx(doc)))
        partial.replace(path)
    return str(path)


def render_for(matter: Matter, fmt: str):
    """(content, content type, file name) — or None while the PDF is still being made."""
    doc = source_document(matter)
    if fmt == "docx":
        return outgoing_docx(doc), DOCX_TYPE, _filename(doc, "docx")
    if libreoffice() is None:
        raise RenderError(422, "pdf_unavailable",
                          "生成PDF需要在服务器上安装LibreOffice（libreoffice --headless），请先下载.docx文件")
    path = pdf_path(doc)
    if not path.exists():
        from .tasks import render_pdf

        render_pdf.delay(doc.pk)
    if path.exists():
        return path.read_bytes(), PDF_TYPE, _filename(doc, "pdf")
    return None


# --- 阅办卡 ---------------------------------------------------------------------------------


def _when(value) -> str:
    return f"{timezone.localtime(value):%Y-%m-%d %H:%M}" if value else ""


def card_data(matter: Matter) -> dict:
    """Everything the 阅办卡 shows: particulars, 拟办, 批办, 承办, 传阅, 催办, 办结 and the journal."""
    detail = matter.incoming
    assignments = matter.assignments.select_related("unit").order_by("role", "id")
    entries = matter.entries.order_by("at", "id")
    return {
        "serial": matter.serial,
        "title": matter.title,
        "issuer": detail.issuer_name,
        "doc_number": detail.doc_number,
        "received": f"{detail.received_date:%Y-%m-%d}",
        "secrecy": matter.get_secrecy_display(),
        "urgency": matter.get_urgency_display(),
        "copies": detail.copies,
        "status": matter.status_label,
        "handling": detail.get_handling_display() if detail.handling else "",
        "proposal": detail.proposal,
        "proposed_by": detail.proposed_by.get_full_name() if detail.proposed_by_id else "",
        "proposed_at": _when(detail.proposed_at),
        "instruction": detail.instruction,
        "instructed_by": detail.instructed_by.get_full_name() if detail.instructed_by_id else "",
        "instructed_at": _when(detail.instructed_at),
        "due": _when(matter.due_at),
        "assignments": [
            {"unit": a.unit.name, "role": a.get_role_display(), "status": a.get_status_display(),
             "due": _when(a.due_at), "reply": a.reply or a.return_reason}
            for a in assignments if a.status != Assignment.Status.CANCELLED
        ],
        "circulation": [
            {"reader": c.reader.get_full_name(), "sent": _when(c.sent_at), "read": _when(c.read_at),
             "state": ("圈阅" if c.circled else "已阅") if c.read_at else "未阅", "opinion": c.opinion}
            for c in detail.circulations.select_related("reader")
        ],
        "chases": [{"at": _when(e.at), "by": e.actor_name, "comment": e.comment}
                   for e in entries if e.action == "chase"],
        "result": detail.result,
        "closed": _when(matter.closed_at),
        "journal": [{"at": _when(e.at), "by": e.actor_name, "action": e.action_label, "comment": e.comment}
                    for e in entries],
    }


def card_docx(matter: Matter) -> bytes:
    data = card_data(matter)
    office = matter.owner_unit.name
    rows = [
        ["收文编号", data["serial"]], ["来文单位", data["issuer"]], ["发文字号", data["doc_number"] or "—"],
        ["标题", data["title"]], ["收文日期", data["received"]],
        ["密级 / 紧急程度 / 份数", f"{data['secrecy']} / {data['urgency']} / {data['copies']}"],
        ["拟办意见", "\n".join(filter(None, [data["proposal"], f"{data['proposed_by']} {data['proposed_at']}".strip()]))],
        ["领导批办", "\n".join(filter(None, [data["instruction"], f"{data['instructed_by']} {data['instructed_at']}".strip()]))],
        ["承办情况", "\n".join(f"{a['unit']}（{a['role']}）{a['status']} 时限{a['due'] or '—'} {a['reply']}".strip()
                            for a in data["assignments"]) or "—"],
        ["传阅情况", "\n".join(f"{c['reader']}：{c['state']} {c['read']} {c['opinion']}".strip()
                            for c in data["circulation"]) or "—"],
        ["催办情况", "\n".join(f"{c['at']} {c['by']}：{c['comment']}" for c in data["chases"]) or "—"],
        ["办结情况", "\n".join(filter(None, [data["result"], data["closed"]])) or data["status"]],
    ]
    journal = [[e["at"], e["by"], e["action"], e["comment"]] for e in data["journal"]]
    card = gbt9704.OfficialDocument(
        title=f"{office}收文阅办卡",
        body=[
            gbt9704.Table(header=["项目", "内容"], rows=rows, widths_mm=[36, 120], align=["center", "left"]),
            gbt9704.Paragraph("办理记录", level="plain"),
            gbt9704.Table(header=["时间", "办理人", "环节", "意见"], rows=journal, widths_mm=[34, 28, 24, 70],
                          align=["center", "center", "center", "left"]),
        ],
    )
    return gbt9704.render(card)
