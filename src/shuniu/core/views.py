"""The shell: login, logout, home, lockout page, error pages."""

from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from . import audit
from .forms import LoginForm
from .middleware import api_error
from .models import AuditEvent

LOCKOUT_MESSAGE = "登录失败次数过多，账户已被锁定{minutes}分钟。请稍后再试，或联系系统管理员解锁。"


def lockout_message() -> str:
    return LOCKOUT_MESSAGE.format(minutes=int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))


def locked_out(request, original_response=None, credentials=None):
    """django-axes calls this when a locked account tries again (web form or API)."""
    username = ""
    if credentials:
        username = str(credentials.get("username", ""))
    audit.record(AuditEvent.Action.LOCKED_OUT, request=request, username=username)
    if request.path.startswith("/api/"):
        return api_error(429, "account_locked", lockout_message())
    form = LoginForm(request)
    return render(request, "core/login.html", {"form": form, "locked_message": lockout_message()}, status=429)


ADMIN_PATH = "/admin/"
ADMIN_LOGIN_PATH = "/admin/login/"


def _safe(request, url: str) -> bool:
    return bool(url) and url_has_allowed_host_and_scheme(url, {request.get_host()}, require_https=request.is_secure())


@never_cache
@csrf_protect
def login_view(request):
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if request.user.is_authenticated:
        if request.path == ADMIN_LOGIN_PATH or next_url.startswith(ADMIN_PATH):
            # The admin sends signed-in people it refuses back here; tell them so, don't loop.
            if not request.user.has_perm("core.use_admin"):
                audit.record(AuditEvent.Action.DENIED, request=request, target=ADMIN_PATH, detail="core.use_admin")
                request.denial_audited = True
                raise PermissionDenied
            return redirect(next_url if _safe(request, next_url) else "admin:index")
        return redirect("home")
    form = LoginForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        auth.login(request, form.user)
        if form.otp_device is not None:
            otp_login(request, form.otp_device)
        return redirect(next_url if _safe(request, next_url) else "home")
    idle = request.session.pop("idle_logout", False)
    if idle:
        messages.info(request, f"您已超过{settings.SESSION_IDLE_MINUTES}分钟未操作，请重新登录。")
    return render(request, "core/login.html", {"form": form, "next": next_url})


@require_POST
def logout_view(request):
    auth.logout(request)
    messages.success(request, "您已安全退出。")
    return redirect("login")


@login_required
def home(request):
    user = request.user
    # Delegations still to come or in force; ended and revoked ones are history.
    current = {"revoked_at__isnull": True, "end_date__gte": timezone.localdate()}
    context = {
        "memberships": user.active_memberships(),
        "portfolio": user.portfolio.select_related("unit").order_by("unit__sort_order"),
        "delegations_received": user.delegations_received.filter(**current).select_related("principal"),
        "delegations_given": user.delegations_given.filter(**current).select_related("delegate"),
    }
    if user.is_business_user:
        from shuniu.core.home import home_panels

        context["panels"] = home_panels(request)
    return render(request, "core/home.html", context)


def permission_denied(request, exception=None):
    if request.path.startswith(ADMIN_PATH) and not getattr(request, "denial_audited", False):
        # An administrator reaching past their own duties (三员分立) is worth a line in the audit log.
        audit.record(AuditEvent.Action.DENIED, request=request, target=request.path[:200], detail="系统管理")
    if request.path.startswith("/api/"):
        return api_error(403, "permission_denied", "您没有执行此操作的权限")
    return render(request, "core/error.html", {"status": 403, "message": "您没有访问此页面的权限。"}, status=403)


def page_not_found(request, exception=None):
    if request.path.startswith("/api/"):
        return api_error(404, "not_found", "请求的资源不存在")
    return render(request, "core/error.html", {"status": 404, "message": "您访问的页面不存在。"}, status=404)


def server_error(request):
    if request.path.startswith("/api/"):
        return api_error(500, "server_error", "服务器内部错误，请稍后再试或联系系统管理员")
    return render(request, "core/error.html", {"status": 500, "message": "系统出现错误，请稍后再试。"}, status=500)


def csrf_failure(request, reason=""):
    """A stale or missing CSRF token, most often a login page left open past the idle timeout."""
    if request.path.startswith("/api/"):
        return api_error(403, "csrf_failed", "请求校验失败（CSRF），请刷新页面后重试")
    return render(
        request, "core/error.html", {"status": 403, "message": "页面已过期或请求来源无法验证，请刷新页面后重试。"}, status=403
    )


def bad_request(request, exception=None):
    if request.path.startswith("/api/"):
        return api_error(400, "bad_request", "请求格式不正确")
    return render(request, "core/error.html", {"status": 400, "message": "请求格式不正确。"}, status=400)


def health(request):
    return HttpResponse("ok", content_type="text/plain")
