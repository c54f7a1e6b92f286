"""`/api/v1/matters/`, `/api/v1/inbox`, `/api/v1/stats` — every kind through one contract (API.md)."""

from __future__ import annotations

import datetime

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import generics, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from shuniu.core.errors import ApiError
from shuniu.core.inputs import parse_id, parse_window_date

from . import clocks as matter_clocks
from . import services, stats
from .models import Assignment, Entry, Matter
from .rules import can_view, visible_matters
from .workflow import all_workflows, get_workflow


def engine_error(error: services.EngineError) -> ApiError:
    return ApiError(error.status, error.code, error.message, error.fields)


class AssignmentSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Assignment
        fields = ["unit", "unit_name", "role", "status", "status_label", "due_at", "accepted_at", "replied_at", "reply"]


class MatterSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(read_only=True)
    kind_label = serializers.CharField(read_only=True)
    overdue = serializers.SerializerMethodField()
    lead_unit = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Matter
        fields = ["id", "kind", "kind_label", "serial", "title", "status", "status_label", "urgency", "category",
                  "lead_unit", "received_at", "due_at", "due_uncertain", "closed_at", "overdue", "sla"]

    def get_overdue(self, matter) -> bool:
        return _overdue(matter)

    def to_representation(self, matter) -> dict:
        if type(self) is not MatterSerializer:
            return super().to_representation(matter)
        return matter_row(matter)


def matter_row(matter) -> dict:
    """A list row, built directly: a page of 50 through DRF's field machinery cost more than the
    database query behind it. Same keys and values as MatterSerializer's declared fields (tested)."""
    return {
        "id": matter.pk, "kind": matter.kind, "kind_label": matter.kind_label, "serial": matter.serial,
        "title": matter.title, "status": matter.status, "status_label": matter.status_label,
        "urgency": matter.urgency, "category": matter.category,
        "lead_unit": matter.lead_unit.code if matter.lead_unit_id else None,
        "received_at": _iso(matter.received_at), "due_at": _iso(matter.due_at),
        "due_uncertain": matter.due_uncertain, "closed_at": _iso(matter.closed_at),
        "overdue": _overdue(matter), "sla": matter.sla,
    }


def _overdue(matter) -> bool:
    return bool(matter.is_open and matter.due_at and matter.due_at < timezone.now())


_DATETIME = serializers.DateTimeField()


def _iso(value) -> str | None:
    return None if value is None else _DATETIME.to_representation(value)


class MatterDetailSerializer(MatterSerializer):
    assignments = AssignmentSerializer(many=True, read_only=True)
    content = serializers.CharField(read_only=True)
    detail = serializers.SerializerMethodField()
    version = serializers.IntegerField(read_only=True)
    clocks = serializers.SerializerMethodField()

    class Meta(MatterSerializer.Meta):
        fields = [*MatterSerializer.Meta.fields, "content", "version", "rating", "assignments", "clocks", "detail"]

    def get_overdue(self, matter) -> bool:
        """Past the matter's due date, or any running statutory clock past its own."""
        if _overdue(matter):
            return True
        return bool(matter.is_open and get_workflow(matter.kind).clocks and matter_clocks.overdue(matter))

    def get_clocks(self, matter) -> list[dict]:
        """The statutory clocks: name, label, due_at, paused, remaining (seconds; negative once past due)."""
        if not get_workflow(matter.kind).clocks:
            return []
        return [{"name": c["name"], "label": c["label"], "rule": c["rule"], "started_at": _iso(c["started_at"]),
                 "due_at": _iso(c["due_at"]), "paused": c["paused"], "state": c["state"],
                 "state_label": c["state_label"], "remaining": c["remaining"]}
                for c in matter_clocks.rows(matter)]

    def get_detail(self, matter) -> dict:
        workflow = get_workflow(matter.kind)
        return workflow.serialize_detail(matter)


class EntrySerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor_name")

    class Meta:
        model = Entry
        fields = ["at", "actor", "action", "action_label", "from_status", "to_status", "comment", "data"]


def _parse_date(value: str | None, name: str) -> datetime.date | None:
    if not value:
        return None
    try:
        return parse_window_date(value)
    except ValueError:
        raise ApiError(400, "invalid", f"日期格式不正确：{value}（应为YYYY-MM-DD，且在1949年至2100年之间）", {name: ["日期格式应为YYYY-MM-DD"]})


def filter_matters(user, params) -> Matter.objects:
    """The list filters shared by the API, the UI list and the exports."""
    kind = params.get("kind")
    if kind and kind not in {w.kind for w in all_workflows()}:
        raise ApiError(400, "invalid", f"未知的事项类别：{kind}", {"kind": ["未知的事项类别"]})
    unit = None
    if params.get("unit"):
        from shuniu.org.models import Unit

        unit = Unit.objects.filter(code=params["unit"]).first()
        if unit is None:
            raise ApiError(400, "invalid", f"单位不存在：{params['unit']}", {"unit": ["单位不存在"]})
    qs = visible_matters(user, lead_unit_id=unit.pk if unit else None)
    if kind:
        qs = qs.filter(kind=kind)
    if params.get("status"):
        qs = qs.filter(status=params["status"])
    if unit:
        qs = qs.filter(lead_unit=unit)
    overdue = params.get("overdue")
    if overdue in ("true", "1"):
        qs = qs.filter(is_open=True, due_at__lt=timezone.now())
    elif overdue in ("false", "0"):
        qs = qs.exclude(is_open=True, due_at__lt=timezone.now())
    if params.get("open") in ("true", "1"):
        qs = qs.filter(is_open=True)
    date_from = _parse_date(params.get("from"), "from")
    date_to = _parse_date(params.get("to"), "to")
    if date_from:
        qs = qs.filter(received_at__gte=timezone.make_aware(datetime.datetime.combine(date_from, datetime.time.min)))
    if date_to:
        qs = qs.filter(received_at__lt=timezone.make_aware(datetime.datetime.combine(date_to + datetime.timedelta(days=1), datetime.time.min)))
    q = (params.get("q") or "").strip()[:100]
    if q:
        qs = qs.filter(title__icontains=q) if not q.upper().startswith(tuple(w.serial_prefix for w in all_workflows())) else qs.filter(serial=q.upper())
    return qs.order_by("-received_at", "-id")


LIST_PARAMS = [
    OpenApiParameter("kind", str, description="事项类别代码（各业务类别在其 workflow.py 中声明）"),
    OpenApiParameter("status", str), OpenApiParameter("unit", str, description="主办单位代码"),
    OpenApiParameter("overdue", bool), OpenApiParameter("q", str, description="标题关键词或编号"),
    OpenApiParameter("from", datetime.date), OpenApiParameter("to", datetime.date),
]


class MatterList(generics.ListAPIView):
    serializer_class = MatterSerializer

    @extend_schema(parameters=LIST_PARAMS)
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return (filter_matters(self.request.user, self.request.query_params).select_related("lead_unit")
                .only(*MATTER_ROW_FIELDS))


def _get_visible(request, pk) -> Matter:
    matter = get_object_or_404(
        Matter.objects.prefetch_related(Prefetch("assignments", queryset=Assignment.objects.select_related("unit"))),
        pk=pk,
    )
    if not can_view(request.user, matter):
        raise ApiError(404, "not_found", "事项不存在或您无权查看")
    services.note_read(matter, request.user, request)
    return matter


class MatterDetail(APIView):
    @extend_schema(responses=MatterDetailSerializer)
    def get(self, request, pk: int):
        return Response(MatterDetailSerializer(_get_visible(request, pk)).data)


class MatterJournal(APIView):
    @extend_schema(responses=EntrySerializer(many=True))
    def get(self, request, pk: int):
        matter = _get_visible(request, pk)
        return Response(EntrySerializer(matter.entries.order_by("at", "id"), many=True).data)


def _field_type(field) -> str:
    from django import forms

    for cls, name in ((forms.FileField, "file"), (forms.NullBooleanField, "boolean"), (forms.BooleanField, "boolean"),
                      (forms.DateTimeField, "datetime"), (forms.DateField, "date"), (forms.IntegerField, "integer"),
                      (forms.MultipleChoiceField, "multiple_choice"), (forms.ModelMultipleChoiceField, "multiple_choice"),
                      (forms.ChoiceField, "choice"), (forms.ModelChoiceField, "choice"), (forms.CharField, "text")):
        if isinstance(field, cls):
            return name
    return "list"  # the custom fields (承办单位 and the like) take a list of codes or objects


def _json_value(value):
    """A choice's value as JSON: a model choice's primary key, anything else as it is or as text."""
    value = getattr(value, "value", value)  # ModelChoiceIteratorValue
    return value if value is None or isinstance(value, str | int | float | bool) else str(value)


def field_schema(field) -> dict:
    """How a client fills one input of a transition: JSON only (labels, types, choices as values)."""
    schema = {"label": str(field.label or ""), "required": field.required, "type": _field_type(field)}
    if field.help_text:
        schema["help"] = str(field.help_text)
    if getattr(field, "max_length", None):
        schema["max_length"] = field.max_length
    if getattr(field, "choices", None) is not None:
        schema["choices"] = [{"value": _json_value(value), "label": str(label)} for value, label in field.choices]
    return schema


def transition_schema(transition) -> dict:
    fields = {}
    if transition.form is not None:
        fields = {name: field_schema(field) for name, field in transition.form.base_fields.items()}
    return {"name": transition.name, "label": transition.label, "fields": fields}


class MatterTransitions(APIView):
    @extend_schema(responses=inline_serializer("TransitionInfo", {"name": serializers.CharField(),
                                                                  "label": serializers.CharField(),
                                                                  "fields": serializers.DictField()}, many=True))
    def get(self, request, pk: int):
        matter = _get_visible(request, pk)
        return Response([transition_schema(t) for t in services.available_transitions(matter, request.user)])


class PerformTransition(APIView):
    @extend_schema(request=inline_serializer("TransitionInput", {"comment": serializers.CharField(required=False)}),
                   responses=MatterDetailSerializer)
    def post(self, request, pk: int, name: str):
        data = request.data if isinstance(request.data, dict) else {}
        version = data.get("version")
        try:
            if version is not None and parse_id(version) is None:
                raise services.Invalid("version 必须是整数", {"version": ["必须是整数"]})
            matter = services.perform(pk, name, request.user, dict(data), request.FILES or None, version=version)
        except services.EngineError as error:
            raise engine_error(error)
        return Response(MatterDetailSerializer(Matter.objects.get(pk=matter.pk)).data)


class TodoSerializer(serializers.Serializer):
    task = serializers.CharField()
    due_at = serializers.DateTimeField(allow_null=True)
    matter = MatterSerializer()

    def to_representation(self, todo) -> dict:
        # Built directly, as the list rows are (same keys and values as the declared fields; tested).
        return {"task": todo.task, "due_at": _iso(todo.due_at), "matter": matter_row(todo.matter)}


# What a list row shows (MatterSerializer.to_representation): read only these columns, not the
# matters' whole text, for a page of 50.
MATTER_ROW_FIELDS = ("id", "kind", "serial", "title", "status", "urgency", "category", "lead_unit__code",
                     "received_at", "due_at", "due_uncertain", "closed_at", "is_open", "sla")
INBOX_ROW_FIELDS = ("id", "task", "due_at", *(f"matter__{name}" for name in MATTER_ROW_FIELDS))


class Inbox(generics.ListAPIView):
    serializer_class = TodoSerializer

    def get_queryset(self):
        return services.inbox(self.request.user)

    def list(self, request, *args, **kwargs):
        # The page is chosen on the inbox rows alone (an index-only walk, however deep the page),
        # then only its rows are read with their matters: the same items in the same order.
        queryset = self.get_queryset()
        ids = self.paginate_queryset(queryset.values_list("pk", flat=True))
        rows = {todo.pk: todo for todo in queryset.filter(pk__in=list(ids)).select_related(None)
                .select_related("matter__lead_unit").only(*INBOX_ROW_FIELDS)}
        page = [rows[pk] for pk in ids if pk in rows]
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


STAT_ROW = {
    "key": serializers.CharField(), "label": serializers.CharField(),
    **{name: serializers.IntegerField() for name in ("received", "closed", "closed_on_time", "overdue_open")},
    **{name: serializers.FloatField(allow_null=True) for name in
       ("on_time_rate", "satisfaction_rate", "avg_handling_hours")},
}


class Stats(APIView):
    @extend_schema(parameters=[
        OpenApiParameter("kind", str), OpenApiParameter("from", datetime.date), OpenApiParameter("to", datetime.date),
        OpenApiParameter("group_by", str, enum=["unit", "category", "month", "kind"]),
    ], responses=inline_serializer("MatterStats", {
        "group_by": serializers.CharField(),
        "items": inline_serializer("MatterStatRow", {**STAT_ROW, "unit": serializers.CharField(
            required=False, allow_null=True, help_text="单位代码（按单位分组时）；无主办单位一行为null")}, many=True),
        "total": inline_serializer("MatterStatTotal", STAT_ROW),
    }))
    def get(self, request):
        params = request.query_params
        kind = params.get("kind") or None
        if kind and kind not in {w.kind for w in all_workflows()}:
            raise ApiError(400, "invalid", f"未知的事项类别：{kind}", {"kind": ["未知的事项类别"]})
        group_by = params.get("group_by") or "unit"
        if group_by not in stats.GROUPS:
            raise ApiError(400, "invalid", "group_by 只能是 unit、category、month 或 kind", {"group_by": ["取值不正确"]})
        date_from, date_to = _parse_date(params.get("from"), "from"), _parse_date(params.get("to"), "to")
        if date_from and date_to and date_from > date_to:
            raise ApiError(400, "invalid", "开始日期不能晚于结束日期", {"from": ["开始日期不能晚于结束日期"]})
        rows = stats.query(user=request.user, kind=kind, date_from=date_from, date_to=date_to, group_by=group_by)
        return Response(stats_body(rows, group_by, stats.total(rows)))


def stats_body(rows, group_by: str, total) -> dict:
    """The statistics answer shared by every rate endpoint: rows (with the unit code when grouped by
    unit) and the total row."""
    codes = stats.unit_codes() if group_by == "unit" else {}
    items = []
    for row in rows:
        item = row.as_dict()
        if group_by == "unit":
            item["unit"] = codes.get(row.key)
        items.append(item)
    return {"group_by": group_by, "items": items, "total": total.as_dict()}
