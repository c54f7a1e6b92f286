"""账户安全: every signed-in person may change their password and manage two-factor login."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from . import account, tokens
from .forms import PasswordChangeForm


@login_required
def security(request):
    form = PasswordChangeForm(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        account.password_changed(request, form)
        messages.success(request, "密码已修改，其他设备上的接口令牌已失效。")
        return redirect("core:account")
    if getattr(request, "axes_locked_out", False):
        # Too many wrong old passwords: the account is locked like a login; the session ends too,
        # and django-axes answers with the lockout page.
        logout(request)
        return redirect("login")
    device = account.confirmed_device(request.user)
    context = {"form": form, "device": device, "tokens": list(tokens.live(request.user)),
               "token_limit": tokens.limit()}
    if device is None and request.GET.get("setup") == "1":
        context["setup"] = account.provisioning(account.pending_device(request.user))
    return render(request, "core/account.html", context, status=400 if form.errors else 200)


@require_POST
@login_required
def otp_confirm(request):
    if account.confirm_device(request, request.POST.get("token", "")):
        messages.success(request, "双因素认证已启用，今后登录需输入动态口令。")
        return redirect("core:account")
    messages.error(request, "动态口令错误或已过期，请重新输入。")
    return redirect("/core/account/?setup=1")


@require_POST
@login_required
def otp_disable(request):
    error = account.disable(request, request.POST.get("password", ""), request.POST.get("token", ""))
    if error:
        messages.error(request, error)
    else:
        messages.success(request, "双因素认证已停用。")
    return redirect("core:account")


@require_POST
@login_required
def token_revoke(request, key):
    if tokens.revoke(request.user, key, request):
        messages.success(request, "接口令牌已吊销，使用该令牌的程序将无法再访问。")
    else:
        messages.error(request, "令牌不存在或已失效。")
    return redirect(f"{reverse('core:account')}#tokens")
