"""`/api/v1/petitions` (API.md "Petitions"): register a petition (POST) and list petitions (GET).
Every later step goes through the generic `/api/v1/matters/{id}/transitions/{name}`."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from shuniu.api.pagination import PagePagination
from shuniu.api.strict import require_types
from shuniu.matters import services as engine
from shuniu.matters.api import MatterDetailSerializer, engine_error
from shuniu.matters.models import Matter

from . import services
from .forms import RegisterForm
from .models import Category, Channel

PetitionInput = inline_serializer("PetitionInput", {
    "channel": serializers.ChoiceField(choices=Channel.choices),
    "petitioner_name": serializers.CharField(),
    "petitioner_phone": serializers.CharField(required=False),
    "petitioner_id_number": serializers.CharField(required=False),
    "petitioner_address": serializers.CharField(required=False),
    "people_count": serializers.IntegerField(required=False),
    "title": serializers.CharField(),
    "content": serializers.CharField(),
    "category": serializers.ChoiceField(choices=Category.choices),
    "repeat_of": serializers.CharField(required=False),
    "new_facts": serializers.BooleanField(required=False),
})

PETITION_ROW = {
    "id": serializers.IntegerField(), "serial": serializers.CharField(), "title": serializers.CharField(),
    "status": serializers.CharField(), "status_label": serializers.CharField(), "channel": serializers.CharField(),
    "channel_label": serializers.CharField(), "category": serializers.CharField(),
    "category_label": serializers.CharField(), "petitioner_name": serializers.CharField(),
    "petitioner_phone": serializers.CharField(), "people_count": serializers.IntegerField(),
    "is_group": serializers.BooleanField(), "repeat_of": serializers.CharField(allow_null=True),
    "repeat_total": serializers.IntegerField(), "lead_unit": serializers.CharField(allow_null=True),
    "received_at": serializers.DateTimeField(), "due_at": serializers.DateTimeField(allow_null=True),
    "overdue": serializers.BooleanField(),
}
# GET answers a page (API.md): {"count", "items", "next"}, like every list.
PetitionPage = inline_serializer("PaginatedPetitionRowList", {
    "count": serializers.IntegerField(), "items": inline_serializer("PetitionRow", PETITION_ROW, many=True),
    "next": serializers.URLField(allow_null=True, required=False),
})

LIST_PARAMS = [
    OpenApiParameter("channel", str, enum=Channel.values), OpenApiParameter("category", str, enum=Category.values),
    OpenApiParameter("status", str), OpenApiParameter("group", bool, description="仅集体访"),
    OpenApiParameter("repeat", bool, description="仅重复信访"), OpenApiParameter("overdue", bool),
    OpenApiParameter("q", str, description="标题关键词或编号"),
]


def detail(matter: Matter) -> dict:
    """The `detail` object of `GET /api/v1/matters/{id}` for a petition."""
    return services.serialize(matter.petition)


class Petitions(APIView):
    @extend_schema(parameters=LIST_PARAMS, responses=PetitionPage)
    def get(self, request):
        try:
            petitions = services.filter_petitions(request.user, request.query_params)
        except engine.EngineError as error:
            raise engine_error(error)
        paginator = PagePagination()
        page = paginator.paginate_queryset(petitions, request, view=self)
        reveal = request.user.has_perm("petitions.see_personal_data_in_lists")
        return paginator.get_paginated_response([services.list_row(p, reveal) for p in page])

    @extend_schema(request=PetitionInput, responses={201: MatterDetailSerializer})
    def post(self, request):
        data = request.data if isinstance(request.data, dict) else None
        if data is None:
            raise engine_error(engine.Invalid("请求内容应为JSON对象"))
        require_types(RegisterForm, data)
        data = {k: ("" if v is None else v) for k, v in data.items()}
        try:
            matter = services.register_petition(request.user, data)
        except engine.EngineError as error:
            raise engine_error(error)
        return Response(MatterDetailSerializer(Matter.objects.get(pk=matter.pk)).data, status=status.HTTP_201_CREATED)
