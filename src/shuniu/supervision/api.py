"""`POST /api/v1/supervision/items` (立项并交办) and `POST /api/v1/supervision/items/{id}/breakdown` (分解).

Everything else about an item — reading it, its journal, its transitions — goes through the
generic `/api/v1/matters/` endpoints."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from shuniu.api.strict import require_types
from shuniu.matters import services as engine
from shuniu.matters.api import MatterDetailSerializer, engine_error
from shuniu.matters.models import Matter

from . import services
from .forms import ChildForm, ItemForm
from .models import ReportCycle, Source


def _plain(data) -> dict:
    """JSON bodies arrive as dicts; form bodies as QueryDicts whose lists need getlist."""
    if hasattr(data, "getlist"):
        plain = {key: data.get(key) for key in data}
        if "assist_units" in data:
            plain["assist_units"] = data.getlist("assist_units")
        return plain
    return dict(data) if isinstance(data, dict) else {}


def detail(matter: Matter) -> dict:
    """The `detail` object of `GET /api/v1/matters/{id}` for a supervision item."""
    item = getattr(matter, "supervision", None)
    if item is None:
        return {}
    return {
        "source": item.source,
        "source_label": item.get_source_display(),
        "source_ref": item.source_ref,
        "source_matter": matter.source_id,
        "instructed_by": item.instructed_by.username if item.instructed_by_id else None,
        "report_cycle": item.report_cycle,
        "report_interval_days": item.report_interval_days,
        "close_review_opinion": item.close_review_opinion,
        "parent": matter.parent_id,
        "children": list(matter.children.order_by("id").values_list("id", flat=True)),
    }


def _matter_body(matter: Matter) -> dict:
    return MatterDetailSerializer(Matter.objects.select_related("lead_unit").get(pk=matter.pk)).data


ItemInput = inline_serializer("SupervisionItemInput", {
    "title": serializers.CharField(),
    "content": serializers.CharField(required=False),
    "source": serializers.ChoiceField(choices=Source.choices),
    "source_ref": serializers.CharField(required=False),
    "source_matter": serializers.IntegerField(required=False),
    "instructed_by": serializers.CharField(required=False),
    "lead_unit": serializers.CharField(),
    "assist_units": serializers.ListField(child=serializers.CharField(), required=False),
    "due_date": serializers.DateField(required=False),
    "report_cycle": serializers.ChoiceField(choices=ReportCycle.choices, required=False),
    "report_interval_days": serializers.IntegerField(required=False),
    "urgency": serializers.CharField(required=False),
})


class CreateItem(APIView):
    @extend_schema(request=ItemInput, responses={201: MatterDetailSerializer})
    def post(self, request):
        data = _plain(request.data)
        require_types(ItemForm, data)
        try:
            matter = services.create_item(request.user, data)
        except engine.EngineError as error:
            raise engine_error(error) from None
        return Response(_matter_body(matter), status=status.HTTP_201_CREATED)


class BreakDown(APIView):
    @extend_schema(
        request=inline_serializer("SupervisionBreakdownInput", {"children": serializers.ListField(child=serializers.DictField())}),
        responses={201: MatterDetailSerializer(many=True)},
    )
    def post(self, request, pk: int):
        parent = Matter.objects.filter(pk=pk, kind="supervision").first()
        children = _plain(request.data).get("children")
        for child in children if isinstance(children, list) else []:
            require_types(ChildForm, child)
        try:
            if parent is None:
                raise engine.NotFound("督办事项不存在或您无权查看")
            created = services.break_down(parent, request.user, children)
        except engine.EngineError as error:
            raise engine_error(error) from None
        return Response([_matter_body(m) for m in created], status=status.HTTP_201_CREATED)
