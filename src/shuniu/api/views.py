"""Authentication and organisation endpoints. Kind apps add their own `api.py` modules."""

from axes.exceptions import AxesBackendPermissionDenied
from django.contrib.auth import authenticate
from django.db.models import Prefetch
from django.utils import timezone
from django_otp import devices_for_user, match_token
from drf_spectacular.utils import extend_schema
from knox.models import AuthToken
from rest_framework import generics
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from shuniu.core import audit
from shuniu.core.models import AuditEvent
from shuniu.core.views import lockout_message
from shuniu.org.models import Membership, Unit, User

from . import serializers
from .errors import ApiError


class TokenView(APIView):
    """POST /api/v1/auth/token {"username", "password"} → {"token", "expiry"}."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(request=serializers.TokenRequestSerializer, responses=serializers.TokenResponseSerializer)
    def post(self, request):
        data = serializers.TokenRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        username, password = data.validated_data["username"], data.validated_data["password"]
        try:
            user = authenticate(request._request, username=username, password=password)
        except AxesBackendPermissionDenied:
            raise ApiError(429, "account_locked", lockout_message()) from None
        if getattr(request._request, "axes_locked_out", False):
            raise ApiError(429, "account_locked", lockout_message())
        if user is None:
            raise ApiError(401, "invalid_credentials", "用户名或密码错误")
        if any(devices_for_user(user, confirmed=True)):
            token = (data.validated_data.get("otp_token") or "").strip()
            if not token:
                raise ApiError(401, "otp_required", "该账户已启用双因素认证，请提供动态口令 otp_token")
            if match_token(user, token) is None:
                raise ApiError(401, "otp_invalid", "动态口令错误或已过期")
        instance, token = AuthToken.objects.create(user)
        audit.record(AuditEvent.Action.TOKEN_ISSUED, request=request._request, user=user)
        return Response({"token": token, "expiry": timezone.localtime(instance.expiry).isoformat()})


class UnitList(generics.ListAPIView):
    """GET /api/v1/org/units — every active unit: code, name, kind, parent."""

    serializer_class = serializers.UnitSerializer
    queryset = Unit.objects.filter(is_active=True).select_related("parent").order_by("sort_order", "code")


class PersonList(generics.ListAPIView):
    """GET /api/v1/org/people?unit=<code>&q=<name> — active people with their posts."""

    serializer_class = serializers.PersonSerializer

    def get_queryset(self):
        people = User.objects.filter(is_active=True).prefetch_related(
            Prefetch("memberships", queryset=Membership.objects.select_related("unit"))
        )
        unit = self.request.query_params.get("unit")
        if unit:
            people = people.filter(memberships__unit__code=unit, memberships__is_active=True).distinct()
        q = self.request.query_params.get("q")
        if q:
            people = people.filter(name__icontains=q[:50])
        return people.order_by("username")
