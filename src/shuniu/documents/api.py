"""`/api/v1/documents/…` (API.md "Documents"): create a draft, register a received document, edit a
draft, compare versions, render the GB/T 9704 layout, the 阅办卡 and statistics. The chain's
steps are transitions of the generic `/api/v1/matters/{id}/transitions/{name}`."""

from __future__ import annotations

import datetime

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.response import Response
from rest_framework.views import APIView

from shuniu.api.errors import ApiError
from shuniu.api.strict import require_types
from shuniu.core.inputs import is_id, parse_id, parse_window_date
from shuniu.matters import services as engine
from shuniu.matters.api import MatterDetailSerializer, engine_error
from shuniu.matters.models import Matter
from shuniu.matters.rules import can_view

from . import rendering, services, stats, versions
from .forms import IncomingForm, OutgoingForm
from .models import Direction, DocType


def _date(value) -> str | None:
    return value.isoformat() if value else None


def outgoing_detail(matter: Matter) -> dict:
    doc = matter.outgoing
    last = versions.latest(doc)
    return {
        "doc_type": doc.doc_type,
        "doc_type_label": DocType(doc.doc_type).label,
        "direction": doc.direction,
        "direction_label": Direction(doc.direction).label,
        "is_important": doc.is_important,
        "drafting_unit": doc.drafting_unit.code,
        "sponsor_unit": matter.lead_unit.code if matter.lead_unit_id else None,
        "issuer_units": [doc.lead_issuer.code, *doc.co_issuers.order_by("sort_order").values_list("code", flat=True)],
        "series": doc.series.code,
        "doc_number": doc.doc_number,
        "copy_number": doc.copy_number,
        "secrecy": matter.secrecy,
        "secrecy_years": doc.secrecy_years,
        "secrecy_label": doc.secrecy_label,
        "urgency": matter.urgency,
        "issuer_mark": doc.issuer_mark,
        "signer": doc.signer.username if doc.signer_id else None,
        "signer_name": doc.signer_name,
        "signed_at": doc.signed_at.isoformat() if doc.signed_at else None,
        "sign_opinion": doc.sign_opinion,
        "title": matter.title,
        "main_to": doc.main_to,
        "body": matter.content,
        "attachment_notes": doc.attachment_list(),
        "signature": doc.signature_lines(),
        "written_date": _date(doc.written_date),
        "sealed": doc.sealed,
        "annotation": doc.annotation,
        "cc": doc.cc,
        "printer": doc.printer,
        "print_date": _date(doc.print_date),
        "copies": doc.copies,
        "review_checklist": doc.review_checklist,
        "issued_at": doc.issued_at.isoformat() if doc.issued_at else None,
        "archived": doc.archived,
        "layout": doc.layout,
        "version": last.number if last else None,
        "recipients": [
            {"role": r.role, "name": r.name, "unit": r.unit.code if r.unit_id else None, "status": r.status,
             "status_label": r.get_status_display(), "sent_at": r.sent_at.isoformat() if r.sent_at else None,
             "signed_at": r.signed_at.isoformat() if r.signed_at else None,
             "signed_by": r.signed_by.get_full_name() if r.signed_by_id else None}
            for r in doc.recipients.select_related("unit", "signed_by")
        ],
    }


def incoming_detail(matter: Matter) -> dict:
    detail = matter.incoming
    return {
        "issuer": detail.issuer_name,
        "issuer_unit": detail.issuer_unit.code if detail.issuer_unit_id else None,
        "doc_number": detail.doc_number,
        "doc_number_raw": detail.doc_number_raw,
        "doc_type": detail.doc_type,
        "received_date": _date(detail.received_date),
        "copies": detail.copies,
        "handling": detail.handling,
        "proposal": detail.proposal,
        "proposed_by": detail.proposed_by.get_full_name() if detail.proposed_by_id else None,
        "instruction": detail.instruction,
        "instructed_by": detail.instructed_by.get_full_name() if detail.instructed_by_id else None,
        "return_reason": detail.return_reason,
        "result": detail.result,
        "source": detail.source.matter.serial if detail.source_id else None,
        "circulation": [
            {"reader": c.reader.username, "reader_name": c.reader.get_full_name(),
             "sent_at": c.sent_at.isoformat(), "read_at": c.read_at.isoformat() if c.read_at else None,
             "circled": c.circled, "opinion": c.opinion}
            for c in detail.circulations.select_related("reader")
        ],
    }


def _document(request, pk: int, kind: str | None = None) -> Matter:
    matter = get_object_or_404(Matter.objects.select_related("owner_unit", "lead_unit"), pk=pk,
                               kind__in=[kind] if kind else ["doc_out", "doc_in"])
    if not can_view(request.user, matter):
        raise ApiError(404, "not_found", "公文不存在或您无权查看")
    services.note_read(matter, request.user, request)
    return matter


def _payload(request):
    return request.data if hasattr(request.data, "getlist") or isinstance(request.data, dict) else {}


DRAFT_FIELDS = inline_serializer("OutgoingDraft", {
    "doc_type": serializers.ChoiceField(choices=DocType.choices), "title": serializers.CharField(),
    "body": serializers.CharField(), "main_to": serializers.ListField(child=serializers.CharField()),
    "cc": serializers.ListField(child=serializers.CharField(), required=False),
    "secrecy": serializers.IntegerField(required=False), "secrecy_years": serializers.IntegerField(required=False),
    "copy_number": serializers.CharField(required=False), "urgency": serializers.CharField(required=False),
    "issuer_units": serializers.ListField(child=serializers.CharField(), required=False),
    "sponsor_unit": serializers.CharField(required=False), "is_important": serializers.BooleanField(required=False),
})


class OutgoingCreate(APIView):
    @extend_schema(request=DRAFT_FIELDS, responses={201: MatterDetailSerializer})
    def post(self, request):
        require_types(OutgoingForm, _payload(request))
        try:
            matter = services.create_outgoing(request.user, _payload(request), request.FILES or None)
        except engine.EngineError as error:
            raise engine_error(error)
        return Response(MatterDetailSerializer(Matter.objects.get(pk=matter.pk)).data, status=status.HTTP_201_CREATED)


class OutgoingEdit(APIView):
    @extend_schema(request=DRAFT_FIELDS, responses=MatterDetailSerializer)
    def patch(self, request, pk: int):
        payload = _payload(request)
        # A form-encoded PATCH is read like JSON: only the fields sent change.
        data = {key: payload.get(key) for key in payload} if hasattr(payload, "getlist") else dict(payload)
        version = data.pop("version", None)
        require_types(OutgoingForm, data)
        try:
            if version is not None and parse_id(version) is None:
                raise engine.Invalid("version 必须是整数", {"version": ["必须是整数"]})
            services.edit_outgoing(pk, request.user, data, version=version)
        except engine.EngineError as error:
            raise engine_error(error)
        return Response(MatterDetailSerializer(Matter.objects.get(pk=pk)).data)


class OutgoingVersions(APIView):
    @extend_schema(responses=inline_serializer("DraftVersion", {
        "number": serializers.IntegerField(), "title": serializers.CharField(), "status": serializers.CharField(),
        "note": serializers.CharField(), "created_by": serializers.CharField(allow_null=True), "created_at": serializers.DateTimeField(),
    }, many=True))
    def get(self, request, pk: int):
        matter = _document(request, pk, "doc_out")
        return Response([
            {"number": v.number, "title": v.title, "status": v.status, "note": v.note,
             "created_by": v.created_by.get_full_name() if v.created_by_id else None,
             "created_at": v.created_at.isoformat()}
            for v in matter.outgoing.versions.select_related("created_by")
        ])


class OutgoingDiff(APIView):
    @extend_schema(parameters=[OpenApiParameter("from", int), OpenApiParameter("to", int)],
                   responses=inline_serializer("DraftDiff", {
                       "from": serializers.IntegerField(), "to": serializers.IntegerField(),
                       "substantive": serializers.BooleanField(), "title_html": serializers.CharField(),
                       "body_html": serializers.CharField(), "fields": serializers.ListField(child=serializers.DictField()),
                   }))
    def get(self, request, pk: int):
        matter = _document(request, pk, "doc_out")
        numbers = {}
        for name in ("from", "to"):
            value = request.query_params.get(name, "")
            if not is_id(value):
                raise ApiError(400, "invalid", f"参数{name}应为版本号", {name: ["应为版本号"]})
            numbers[name] = int(value)
        found = {v.number: v for v in matter.outgoing.versions.filter(number__in=numbers.values())}
        missing = [str(n) for n in numbers.values() if n not in found]
        if missing:
            raise ApiError(404, "not_found", f"版本不存在：第{'、'.join(missing)}稿")
        result = versions.compare(found[numbers["from"]], found[numbers["to"]])
        return Response({
            "from": numbers["from"], "to": numbers["to"], "substantive": result["substantive"],
            "title_html": str(result["title"]), "body_html": str(result["body"]),
            "fields": [{"label": c.label, "old": c.old, "new": c.new} for c in result["fields"]],
        })


class IncomingCreate(APIView):
    @extend_schema(request=inline_serializer("IncomingRegistration", {
        "issuer": serializers.CharField(), "doc_number": serializers.CharField(required=False),
        "title": serializers.CharField(), "body": serializers.CharField(required=False),
        "received_at": serializers.DateTimeField(required=False), "urgency": serializers.CharField(required=False),
        "secrecy": serializers.IntegerField(required=False), "doc_type": serializers.CharField(required=False),
    }), responses={201: MatterDetailSerializer})
    def post(self, request):
        require_types(IncomingForm, _payload(request))
        try:
            matter = services.register_incoming(request.user, _payload(request), request.FILES or None)
        except engine.EngineError as error:
            raise engine_error(error)
        return Response(MatterDetailSerializer(Matter.objects.get(pk=matter.pk)).data, status=status.HTTP_201_CREATED)


def file_response(content: bytes, content_type: str, filename: str) -> HttpResponse:
    from shuniu.matters.exports import quote_filename

    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote_filename(filename)}"
    return response


class FileFormatNegotiation(DefaultContentNegotiation):
    """API.md's `?format=docx|pdf` names the file to produce, not DRF's response renderer: errors and
    other answers stay JSON."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class Render(APIView):
    content_negotiation_class = FileFormatNegotiation

    @extend_schema(parameters=[OpenApiParameter("format", str, enum=["docx", "pdf"])], responses={
        (200, DOCX): OpenApiTypes.BINARY, (200, "application/pdf"): OpenApiTypes.BINARY,
        (202, "application/json"): inline_serializer("RenderPending", {
            "status": serializers.ChoiceField(choices=["pending"]), "message": serializers.CharField()}),
        422: OpenApiResponse(description="无法生成版式文件：系统外来文没有版式（no_layout），"
                                         "或服务器未安装LibreOffice无法生成PDF（pdf_unavailable）"),
    })
    def get(self, request, pk: int):
        fmt = request.query_params.get("format", "docx")
        if fmt not in ("docx", "pdf"):
            raise ApiError(400, "invalid", "format 只能是 docx 或 pdf", {"format": ["只能是docx或pdf"]})
        matter = _document(request, pk)
        try:
            result = rendering.render_for(matter, fmt)
        except rendering.RenderError as error:
            raise ApiError(error.status, error.code, error.message)
        if result is None:
            return Response({"status": "pending", "message": "PDF正在生成，请稍后重新请求"}, status=202)
        return file_response(*result)


def _texts(*names: str) -> dict:
    return {name: serializers.CharField(allow_blank=True) for name in names}


# 阅办卡 as JSON (rendering.card_data): every time is "YYYY-MM-DD HH:MM" or "" when it has not happened.
CARD = inline_serializer("HandlingCard", {
    **_texts("serial", "title", "issuer", "doc_number", "received", "secrecy", "urgency", "status", "handling",
             "proposal", "proposed_by", "proposed_at", "instruction", "instructed_by", "instructed_at", "due",
             "result", "closed"),
    "copies": serializers.IntegerField(),
    "assignments": inline_serializer("HandlingCardAssignment", _texts("unit", "role", "status", "due", "reply"),
                                     many=True),
    "circulation": inline_serializer("HandlingCardReading", _texts("reader", "sent", "read", "state", "opinion"),
                                     many=True),
    "chases": inline_serializer("HandlingCardChase", _texts("at", "by", "comment"), many=True),
    "journal": inline_serializer("HandlingCardEntry", _texts("at", "by", "action", "comment"), many=True),
})


class HandlingCard(APIView):
    content_negotiation_class = FileFormatNegotiation

    @extend_schema(parameters=[OpenApiParameter("format", str, enum=["docx", "json"])],
                   responses={(200, "application/json"): CARD, (200, DOCX): OpenApiTypes.BINARY})
    def get(self, request, pk: int):
        matter = _document(request, pk, "doc_in")
        if request.query_params.get("format", "docx") == "json":
            return Response(rendering.card_data(matter))
        return file_response(rendering.card_docx(matter), DOCX, f"阅办卡-{matter.serial}.docx")


OUTGOING_COUNTS = {"issued": serializers.IntegerField(), "previous_year": serializers.IntegerField(),
                   "change": serializers.IntegerField(help_text="与上年同期相比的增减（负数为减少）")}


class Stats(APIView):
    @extend_schema(parameters=[OpenApiParameter("from", datetime.date), OpenApiParameter("to", datetime.date),
                               OpenApiParameter("group_by", str, enum=list(stats.GROUPS))],
                   responses=inline_serializer("DocumentStats", {
                       "group_by": serializers.CharField(), "from": serializers.DateField(), "to": serializers.DateField(),
                       "outgoing": inline_serializer("DocumentStatsOutgoingRow", {
                           "key": serializers.CharField(), "label": serializers.CharField(), **OUTGOING_COUNTS}, many=True),
                       "outgoing_total": inline_serializer("DocumentStatsOutgoingTotal", OUTGOING_COUNTS),
                       "incoming": inline_serializer("DocumentStatsIncomingRow", {
                           "key": serializers.CharField(allow_null=True), "label": serializers.CharField(allow_null=True),
                           **{name: serializers.IntegerField()
                              for name in ("received", "closed", "closed_late", "overdue_open")},
                           "avg_handling_hours": serializers.FloatField(allow_null=True)}, many=True),
                   }))
    def get(self, request):
        params = request.query_params
        today = timezone.localdate()
        try:
            date_from = parse_window_date(params["from"]) if params.get("from") else today.replace(month=1, day=1)
            date_to = parse_window_date(params["to"]) if params.get("to") else today
        except ValueError:
            raise ApiError(400, "invalid", "日期格式不正确（应为YYYY-MM-DD，且在1949年至2100年之间）", {"from": ["日期格式应为YYYY-MM-DD"]})
        if date_from > date_to:
            raise ApiError(400, "invalid", "开始日期不能晚于结束日期", {"from": ["开始日期不能晚于结束日期"]})
        group_by = params.get("group_by") or "unit"
        if group_by not in stats.GROUPS:
            raise ApiError(400, "invalid", "group_by 只能是 unit、type 或 month", {"group_by": ["取值不正确"]})
        return Response(stats.report(request.user, date_from, date_to, group_by))
