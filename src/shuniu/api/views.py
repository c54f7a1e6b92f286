"""Authentication and organisation endpoints. Kind apps add their own `api.py` modules."""

from django.contrib.auth import authenticate, user_logged_in, user_login_failed
from django.utils import timezone
from django_otp import devices_for_user, match_token
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from knox.models import AuthToken
from rest_framework import generics
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from shuniu.core import tokens
from shuniu.core.views import lockout_message
from shuniu.org import services as org_services
from shuniu.org.models import Unit

from . import serializers
from .errors import ApiError


def _refuse_if_locked(request) -> None:
    """django-axes flags the request once the account is (or has just become) locked."""
    if getattr(request, "axes_locked_out", False):
        raise ApiError(429, "account_locked", lockout_message())


class TokenView(APIView):
    """POST /api/v1/auth/token {"username", "password", "otp_token"?} → {"token", "expiry"}.

    Wrong credentials: 401 `invalid_credentials`; too many failures: 429 `account_locked`;
    an account with two-factor authentication also needs `otp_token`."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(request=serializers.TokenRequestSerializer, responses={
        200: serializers.TokenResponseSerializer,
        401: OpenApiResponse(description="用户名或密码错误（invalid_credentials），或缺少、错误的动态口令（otp_required、otp_invalid）"),
        409: OpenApiResponse(description="该账户有效令牌已达上限（too_many_tokens），请先注销不用的令牌"),
    })
    def post(self, request):
        data = serializers.TokenRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        username, password = data.validated_data["username"], data.validated_data["password"]
        django_request = request._request
        user = authenticate(django_request, username=username, password=password)
        _refuse_if_locked(django_request)
        if user is None:
            raise ApiError(401, "invalid_credentials", "用户名或密码错误")
        if any(devices_for_user(user, confirmed=True)):
            token = (data.validated_data.get("otp_token") or "").strip()
            if not token:
                raise ApiError(401, "otp_required", "该账户已启用双因素认证，请提供动态口令 otp_token")
            if match_token(user, token) is None:
                user_login_failed.send(sender=__name__, credentials={"username": username}, request=django_request)
                _refuse_if_locked(django_request)
                raise ApiError(401, "otp_invalid", "动态口令错误或已过期")
        # A token is a login: the audit log records it and the failed-attempt counter is reset.
        user_logged_in.send(sender=user.__class__, request=django_request, user=user)
        try:
            instance, token = tokens.issue(user, django_request)
        except tokens.TooManyTokens as error:
            raise ApiError(409, "too_many_tokens", error.message) from None
        return Response({"token": token, "expiry": timezone.localtime(instance.expiry).isoformat()})


def _token_row(instance, current) -> dict:
    return {
        "key": instance.token_key,
        "created": timezone.localtime(instance.created).isoformat(),
        "expiry": timezone.localtime(instance.expiry).isoformat() if instance.expiry else None,
        "current": current is not None and instance.pk == getattr(current, "pk", None),
    }


class TokenList(APIView):
    """GET /api/v1/auth/tokens — the caller's own live tokens (key, created, expiry, current), newest first."""

    @extend_schema(responses=serializers.TokenInfoSerializer(many=True))
    def get(self, request):
        current = request.auth if isinstance(request.auth, AuthToken) else None
        return Response([_token_row(t, current) for t in tokens.live(request.user)])


class TokenRevoke(APIView):
    """DELETE /api/v1/auth/tokens/{key} — end one of the caller's own tokens (204); another's key is 404."""

    @extend_schema(responses={204: None})
    def delete(self, request, key):
        if not tokens.revoke(request.user, key, request._request):
            raise ApiError(404, "not_found", "令牌不存在或已失效")
        return Response(status=204)


class UnitList(generics.ListAPIView):
    """GET /api/v1/org/units — every active unit: code, name, kind, parent (the parent's code)."""

    serializer_class = serializers.UnitSerializer
    queryset = Unit.objects.filter(is_active=True).select_related("parent").order_by("sort_order", "code")


@extend_schema(
    parameters=[
        OpenApiParameter("unit", OpenApiTypes.STR, description="单位代码，如 jtj：只列出在该单位任职的人员"),
        OpenApiParameter("q", OpenApiTypes.STR, description="按姓名或用户名查找"),
    ]
)
class PersonList(generics.ListAPIView):
    """GET /api/v1/org/people?unit=<code>&q=<name> — active people with their current posts."""

    serializer_class = serializers.PersonSerializer

    def get_queryset(self):
        params = self.request.query_params
        return org_services.search_people(params.get("q", "").strip()[:50], params.get("unit", "").strip()[:32])
