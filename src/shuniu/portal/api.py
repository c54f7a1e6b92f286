"""`/api/v1/public/…` — citizens' messages without an account (API.md "Citizens"). Rate-limited per IP."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from shuniu.api.errors import ApiError
from shuniu.api.pagination import PagePagination
from shuniu.api.strict import require_types
from shuniu.hotline.forms import MessageForm
from shuniu.matters.services import EngineError

from . import services
from .throttles import (
    MAX_REQUEST_BYTES,
    BrowseThrottle,
    FeedbackThrottle,
    LookupThrottle,
    SubmitThrottle,
    content_length,
)


def _engine_error(error: EngineError) -> ApiError:
    return ApiError(error.status, error.code, error.message, error.fields)


def _refuse_oversized(request) -> None:
    if content_length(request) > MAX_REQUEST_BYTES:
        raise ApiError(413, "too_large", "提交内容过大：附件合计不能超过15MB")


def _data(request) -> dict:
    data = request.data
    if not hasattr(data, "get"):
        raise ApiError(400, "invalid", "请求内容应为JSON对象")
    return data


class PublicEndpoint(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]


MESSAGE_INPUT = inline_serializer("PublicMessageInput", {
    "channel": serializers.ChoiceField(choices=["web", "mailbox"], required=False),
    "type": serializers.ChoiceField(choices=["consult", "help", "complaint", "report", "suggest"]),
    "title": serializers.CharField(max_length=100), "content": serializers.CharField(max_length=5000),
    "name": serializers.CharField(max_length=30), "phone": serializers.CharField(),
    "address": serializers.CharField(required=False), "wants_public": serializers.BooleanField(required=False),
})
RECEIPT = inline_serializer("PublicMessageReceipt", {"code": serializers.CharField(), "due_at": serializers.DateTimeField()})


class PublicMessages(PublicEndpoint):
    """POST: a citizen's message → its query code and the promised answer date, at once; the hotline
    ticket is registered in the background with that code and date (portal.services.submit).
    GET: answered messages the senders allowed to publish, names and phones masked."""

    def get_throttles(self):
        return [SubmitThrottle()] if self.request.method == "POST" else [BrowseThrottle()]

    @extend_schema(request=MESSAGE_INPUT, responses={201: RECEIPT})
    def post(self, request):
        _refuse_oversized(request)
        try:
            data = _data(request)
            require_types(MessageForm, data)
            submission = services.submit(data, request.FILES or None)
        except EngineError as error:
            raise _engine_error(error)
        return Response({"code": submission.query_code, "due_at": timezone.localtime(submission.due_at)},
                        status=status.HTTP_201_CREATED)

    @extend_schema(operation_id="public_messages_list", responses=inline_serializer("PublicAnswersPage", {
        "count": serializers.IntegerField(), "next": serializers.CharField(allow_null=True),
        "items": inline_serializer("PublicAnswer", {
            "serial": serializers.CharField(), "type": serializers.CharField(), "type_label": serializers.CharField(),
            "title": serializers.CharField(), "content": serializers.CharField(), "name": serializers.CharField(),
            "phone": serializers.CharField(), "received_at": serializers.DateTimeField(),
            "answered_at": serializers.DateTimeField(), "reply": serializers.CharField(),
            "answer_unit": serializers.CharField(),
        }, many=True),
    }))
    def get(self, request):
        paginator = PagePagination()
        page = paginator.paginate_queryset(services.published(), request, view=self)
        return paginator.get_paginated_response([services.public_item(t) for t in page])


TRACK = inline_serializer("PublicMessageStatus", {
    "code": serializers.CharField(), "type": serializers.CharField(), "type_label": serializers.CharField(),
    "title": serializers.CharField(), "status": serializers.CharField(), "status_label": serializers.CharField(),
    "received_at": serializers.DateTimeField(), "due_at": serializers.DateTimeField(),
    "answered_at": serializers.DateTimeField(allow_null=True), "reply": serializers.CharField(),
    "answer_unit": serializers.CharField(), "rating": serializers.CharField(), "rating_label": serializers.CharField(),
    "can_rate": serializers.BooleanField(),
})


class PublicMessageStatus(PublicEndpoint):
    throttle_classes = [LookupThrottle]

    @extend_schema(parameters=[OpenApiParameter("phone", str, required=True, description="联系电话后四位")],
                   responses={200: TRACK})
    def get(self, request, code: str):
        try:
            ticket = services.find(code, request.query_params.get("phone"))
        except EngineError as error:
            raise _engine_error(error)
        return Response(services.view(ticket).as_dict())


class PublicFeedback(PublicEndpoint):
    throttle_classes = [FeedbackThrottle]

    @extend_schema(request=inline_serializer("PublicFeedbackInput", {
        "phone": serializers.CharField(), "comment": serializers.CharField(required=False),
        "rating": serializers.ChoiceField(choices=["satisfied", "basically_satisfied", "dissatisfied"]),
    }), responses={201: TRACK})
    def post(self, request, code: str):
        _refuse_oversized(request)
        data = _data(request)
        try:
            services.rate(code, data.get("phone"), str(data.get("rating") or ""), str(data.get("comment") or ""))
            ticket = services.find(code, data.get("phone"))
        except EngineError as error:
            raise _engine_error(error)
        return Response(services.view(ticket).as_dict(), status=status.HTTP_201_CREATED)
