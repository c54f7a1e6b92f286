"""`/api/v1/hotline/…` — intake by operators and outside platforms, the knowledge base, duplicate
suggestions and the hotline metrics. Transitions go through the generic
`/api/v1/matters/{id}/transitions/{name}` (API.md "Hotline")."""

from __future__ import annotations

import datetime

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from shuniu.api.errors import ApiError
from shuniu.api.pagination import PagePagination
from shuniu.api.strict import require_types
from shuniu.core.inputs import parse_window_date
from shuniu.matters.api import MatterDetailSerializer, stats_body
from shuniu.matters.models import Matter, Urgency
from shuniu.matters.rules import can_view
from shuniu.matters.services import EngineError

from . import metrics, services
from .forms import TicketForm
from .models import Ticket
from .workflow import KIND


def detail(matter: Matter) -> dict:
    """The `detail` object of `GET /api/v1/matters/{id}` for a hotline ticket."""
    ticket = Ticket.objects.filter(pk=matter.pk).select_related("merged_into").first()
    if ticket is None:
        return {}
    return {
        "channel": ticket.channel, "type": ticket.type, "citizen_name": ticket.citizen_name, "phone": ticket.phone,
        "address": ticket.address, "wants_public": ticket.wants_public, "query_code": ticket.query_code,
        "external_ref": ticket.external_ref, "merged_into": ticket.merged_into.serial if ticket.merged_into else None,
        "merged": list(matter.merged_tickets.values_list("matter__serial", flat=True)),
        "answered_directly": ticket.answered_directly, "public_reply": ticket.public_reply,
        "answered_at": ticket.answered_at, "published": ticket.is_published, "revisited_at": ticket.revisited_at,
        "reopen_count": ticket.reopen_count,
    }


def _engine_error(error: EngineError) -> ApiError:
    return ApiError(error.status, error.code, error.message, error.fields)


TICKET_INPUT = inline_serializer("HotlineTicketInput", {
    "channel": serializers.ChoiceField(choices=["phone", "web", "mailbox", "api", "media"], required=False),
    "type": serializers.ChoiceField(choices=["consult", "help", "complaint", "report", "suggest"]),
    "category": serializers.CharField(), "urgency": serializers.ChoiceField(choices=Urgency.choices, required=False),
    "title": serializers.CharField(max_length=100), "content": serializers.CharField(max_length=5000),
    "name": serializers.CharField(required=False), "phone": serializers.CharField(),
    "address": serializers.CharField(required=False), "wants_public": serializers.BooleanField(required=False),
    "external_ref": serializers.CharField(required=False), "received_at": serializers.DateTimeField(required=False),
})


class Tickets(APIView):
    """POST: a ticket taken by an operator or passed on by an outside platform → the matter (201)."""

    @extend_schema(request=TICKET_INPUT, responses={201: MatterDetailSerializer})
    def post(self, request):
        data = request.data
        if not hasattr(data, "get"):
            raise ApiError(400, "invalid", "请求内容应为JSON对象")
        require_types(TicketForm, data)
        try:
            matter = services.register_ticket(request.user, data, files=request.FILES or None)
        except EngineError as error:
            raise _engine_error(error)
        return Response(MatterDetailSerializer(Matter.objects.get(pk=matter.pk)).data, status=status.HTTP_201_CREATED)


class Duplicates(APIView):
    """GET: open tickets that look like the same request (same phone or very similar text)."""

    @extend_schema(responses=inline_serializer("HotlineDuplicate", {
        "id": serializers.IntegerField(), "serial": serializers.CharField(), "title": serializers.CharField(),
        "status": serializers.CharField(), "score": serializers.FloatField(), "same_phone": serializers.BooleanField(),
        "reason": serializers.CharField(),
    }, many=True))
    def get(self, request, pk: int):
        matter = get_object_or_404(Matter, pk=pk, kind=KIND)
        if not can_view(request.user, matter):
            raise ApiError(404, "not_found", "工单不存在或您无权查看")
        return Response([
            {"id": d.matter.pk, "serial": d.matter.serial, "title": d.matter.title, "status": d.matter.status,
             "score": d.score, "same_phone": d.same_phone, "reason": d.reason}
            for d in services.duplicates_of(matter) if can_view(request.user, d.matter)
        ])


ARTICLE_FIELDS = {
    "id": serializers.IntegerField(), "title": serializers.CharField(), "category": serializers.CharField(),
    "category_label": serializers.CharField(), "answer": serializers.CharField(), "keywords": serializers.CharField(),
    "source_unit": serializers.CharField(), "updated_at": serializers.DateTimeField(),
}
METRIC_ROW = {
    "key": serializers.CharField(), "label": serializers.CharField(),
    **{name: serializers.IntegerField() for name in metrics.COUNTS},
    **{name: serializers.FloatField(allow_null=True) for name in
       ("on_time_rate", "satisfaction_rate", "direct_rate", "revisit_rate")},
}


class Knowledge(APIView):
    """GET ?q=&category=: knowledge-base articles, best match first."""

    @extend_schema(parameters=[OpenApiParameter("q", str), OpenApiParameter("category", str)],
                   responses=inline_serializer("KnowledgePage", {
                       "count": serializers.IntegerField(), "items": inline_serializer("KnowledgeArticle", ARTICLE_FIELDS, many=True),
                       "next": serializers.CharField(allow_null=True)}))
    def get(self, request):
        if not request.user.has_perm("hotline.view_knowledge"):
            raise ApiError(403, "permission_denied", "您无权查阅知识库")
        articles = services.search_knowledge(request.query_params.get("q", ""), request.query_params.get("category", ""),
                                             limit=200)
        paginator = PagePagination()
        page = paginator.paginate_queryset(articles, request, view=self)
        return paginator.get_paginated_response([
            {"id": a.pk, "title": a.title, "category": a.category, "category_label": a.get_category_display(),
             "answer": a.answer, "keywords": a.keywords, "source_unit": a.source_unit, "updated_at": a.updated_at}
            for a in page
        ])


def _date(value: str | None, name: str) -> datetime.date | None:
    if not value:
        return None
    try:
        return parse_window_date(value)
    except ValueError:
        raise ApiError(400, "invalid", f"日期格式不正确：{value}（应为YYYY-MM-DD，且在1949年至2100年之间）", {name: ["日期格式应为YYYY-MM-DD"]})


def metrics_params(params):
    group_by = params.get("group_by") or "unit"
    if group_by not in metrics.GROUPS:
        raise ApiError(400, "invalid", "group_by 只能是 unit、category 或 month", {"group_by": ["取值不正确"]})
    date_from, date_to = _date(params.get("from"), "from"), _date(params.get("to"), "to")
    if date_from and date_to and date_from > date_to:
        raise ApiError(400, "invalid", "开始日期不能晚于结束日期", {"from": ["开始日期不能晚于结束日期"]})
    return group_by, date_from, date_to


class Metrics(APIView):
    """GET ?from=&to=&group_by=unit|category|month → 按时办结率, 满意率, 直接办结率, 回访率 per row."""

    @extend_schema(parameters=[
        OpenApiParameter("from", str, description="YYYY-MM-DD"), OpenApiParameter("to", str, description="YYYY-MM-DD"),
        OpenApiParameter("group_by", str, enum=list(metrics.GROUPS)),
    ], responses=inline_serializer("HotlineMetrics", {
        "group_by": serializers.CharField(),
        "items": inline_serializer("HotlineMetricRow", {**METRIC_ROW, "unit": serializers.CharField(
            required=False, allow_null=True, help_text="单位代码；热线直接办结及未派单一行为null")},
                                   many=True),
        "total": inline_serializer("HotlineMetricTotal", METRIC_ROW),
    }))
    def get(self, request):
        if not request.user.has_perm("hotline.view_metrics"):
            raise ApiError(403, "permission_denied", "您无权查看热线统计")
        group_by, date_from, date_to = metrics_params(request.query_params)
        rows = metrics.query(user=request.user, date_from=date_from, date_to=date_to, group_by=group_by)
        return Response(stats_body(rows, group_by, metrics.total(rows)))
