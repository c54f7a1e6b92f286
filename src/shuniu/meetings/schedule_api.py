"""`GET/POST /api/v1/schedule` and `GET /api/v1/schedule/week` (API.md "Kinds to come"). What a
caller reads is what the week view shows them: details for the leader's own staff and the office,
only “有安排” for everybody else."""

from __future__ import annotations

import datetime

from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from shuniu.api.errors import ApiError
from shuniu.api.strict import require_object, require_types
from shuniu.core.inputs import parse_window_date

from . import schedule_export as export
from . import schedule_services as services
from .models import Category
from .rules import keeps_schedule_of
from .schedule_forms import ScheduleForm, leaders

MAX_DAYS = 366

class EntryOutput(serializers.Serializer):
    id = serializers.IntegerField(allow_null=True, help_text="他人日程仅显示“有安排”时为空")
    leader = serializers.CharField()
    leader_name = serializers.CharField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    busy = serializers.BooleanField()
    title = serializers.CharField()
    place = serializers.CharField()
    category = serializers.ChoiceField(choices=Category.choices, allow_null=True)
    category_label = serializers.CharField()
    leaves_city = serializers.BooleanField(allow_null=True)
    note = serializers.CharField()
    cancelled = serializers.BooleanField()
    conflict = serializers.BooleanField()

    class Meta:
        ref_name = "ScheduleEntry"


EntryInput = inline_serializer("ScheduleEntryInput", {
    "leader": serializers.CharField(help_text="领导的用户名"),
    "starts_at": serializers.DateTimeField(),
    "ends_at": serializers.DateTimeField(),
    "title": serializers.CharField(),
    "place": serializers.CharField(required=False),
    "category": serializers.ChoiceField(choices=Category.choices),
    "leaves_city": serializers.BooleanField(required=False),
    "note": serializers.CharField(required=False),
})


def _date(params, name: str, label: str) -> datetime.date | None:
    try:
        return parse_window_date(params.get(name))
    except ValueError as error:
        message = str(error) if "之间" in str(error) else "应为YYYY-MM-DD格式的日期"
        raise ApiError(400, "invalid", f"{label}有误：{message}", {name: [message]}) from None


def _leader(params):
    username = params.get("leader")
    if not username:
        return None
    leader = leaders().filter(username=username).first() if isinstance(username, str) else None
    if leader is None:
        raise ApiError(400, "invalid", "领导不存在", {"leader": ["领导不存在"]})
    return leader


class Schedule(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("from", str, description="起始日期 YYYY-MM-DD（默认本周一）"),
                    OpenApiParameter("to", str, description="截止日期 YYYY-MM-DD（含，默认起始日后6天）"),
                    OpenApiParameter("leader", str, description="领导的用户名")],
        responses={200: EntryOutput(many=True)},
    )
    def get(self, request):
        if not request.user.has_perm("meetings.view_schedule"):
            raise ApiError(403, "permission_denied", "您没有查看领导日程的权限")
        params = request.query_params
        start = _date(params, "from", "起始日期") or services.week_start(timezone.localdate())
        end = _date(params, "to", "截止日期") or start + datetime.timedelta(days=6)
        if end < start:
            raise ApiError(400, "invalid", "截止日期不能早于起始日期", {"to": ["截止日期不能早于起始日期"]})
        if (end - start).days >= MAX_DAYS:
            raise ApiError(400, "invalid", "查询范围不能超过一年", {"to": ["查询范围不能超过一年"]})
        return Response(services.entries_in(request.user, start, end, _leader(params)))

    @extend_schema(request=EntryInput, responses={201: inline_serializer("ScheduleSaved", {
        "entry": EntryOutput(), "conflicts": EntryOutput(many=True)})})
    def post(self, request):
        data = require_object(request.data)
        if not request.user.has_perm("meetings.keep_schedule"):
            raise ApiError(403, "permission_denied", services.NOT_ALLOWED)
        require_types(ScheduleForm, data)
        form = ScheduleForm(data)
        if not form.is_valid():
            fields = {k: [str(m) for m in v] for k, v in form.errors.items()}
            first = next(iter(fields.values()))[0]
            raise ApiError(400, "invalid", f"提交的数据有误：{first}", fields)
        if not keeps_schedule_of(request.user, form.cleaned_data["leader"]):
            raise ApiError(403, "permission_denied", services.NOT_ALLOWED)
        saved = services.add_entry(request.user, form.cleaned_data)
        viewer = services.Viewer(request.user)
        clash = {saved.entry.pk} if saved.conflicts else set()
        return Response({"entry": services.present(saved.entry, viewer, clash),
                         "conflicts": [services.present(e, viewer, {e.pk}) for e in saved.conflicts]},
                        status=status.HTTP_201_CREATED)


class ScheduleWeek(APIView):
    def perform_content_negotiation(self, request, force=False):
        # `?format=docx|xlsx` names the export (API.md), not one of DRF's renderers.
        renderer = self.get_renderers()[0]
        return renderer, renderer.media_type

    @extend_schema(
        parameters=[OpenApiParameter("date", str, description="该周内任一日期 YYYY-MM-DD（默认今天）"),
                    OpenApiParameter("format", str, enum=["json", "docx", "xlsx"], description="周安排导出格式")],
        responses={(200, "application/json"): inline_serializer("ScheduleWeekOutput", {
            "title": serializers.CharField(), "start": serializers.DateField(), "end": serializers.DateField(),
            "entries": EntryOutput(many=True)}),
            (200, "application/octet-stream"): bytes},
    )
    def get(self, request):
        if not request.user.has_perm("meetings.view_schedule"):
            raise ApiError(403, "permission_denied", "您没有查看领导日程的权限")
        fmt = request.query_params.get("format") or "json"
        if fmt not in ("json", "docx", "xlsx"):
            raise ApiError(400, "invalid", "导出格式应为docx或xlsx", {"format": ["导出格式应为docx或xlsx"]})
        monday = services.week_start(_date(request.query_params, "date", "日期") or timezone.localdate())
        grid = services.week_grid(request.user, monday, list(leaders()))
        title = export.title_for(grid["start"], grid["end"])
        if fmt == "json":
            entries = [item for row in grid["rows"] for cell in row["cells"] for item in cell]
            return Response({"title": title, "start": grid["start"], "end": grid["end"], "entries": entries})
        from urllib.parse import quote

        from .schedule_views import DOCX, XLSX

        body = export.week_docx(grid) if fmt == "docx" else export.week_xlsx(grid)
        response = HttpResponse(body, content_type=DOCX if fmt == "docx" else XLSX)
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(title + '.' + fmt)}"
        return response

