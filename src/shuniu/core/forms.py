from django import forms
from django.contrib.auth import authenticate, user_login_failed
from django.contrib.auth import forms as auth_forms
from django_otp import devices_for_user, match_token


class LoginForm(forms.Form):
    username = forms.CharField(label="用户名", max_length=150, widget=forms.TextInput(attrs={"autofocus": True}))
    password = forms.CharField(label="密码", strip=False, widget=forms.PasswordInput)
    otp_token = forms.CharField(
        label="动态口令", required=False, max_length=8, help_text="已启用双因素认证的账户请填写6位动态口令"
    )

    error_messages = {
        "invalid_login": "用户名或密码错误。",
        "inactive": "该账户已停用，请联系系统管理员。",
        "otp_required": "该账户已启用双因素认证，请输入动态口令。",
        "otp_invalid": "动态口令错误或已过期。",
    }

    def __init__(self, request=None, *args, **kwargs):
        self.request = request
        self.user = None
        self.otp_device = None
        super().__init__(*args, **kwargs)

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if not username or not password:
            return self.cleaned_data
        user = authenticate(self.request, username=username, password=password)
        if user is None:
            raise forms.ValidationError(self.error_messages["invalid_login"], code="invalid_login")
        if not user.is_active:
            raise forms.ValidationError(self.error_messages["inactive"], code="inactive")
        if any(devices_for_user(user, confirmed=True)):
            token = (self.cleaned_data.get("otp_token") or "").strip()
            if not token:
                raise forms.ValidationError(self.error_messages["otp_required"], code="otp_required")
            device = match_token(user, token)
            if device is None:
                # A wrong one-time code is a failed login: audited, and counted towards the lockout.
                user_login_failed.send(sender=__name__, credentials={"username": username}, request=self.request)
                raise forms.ValidationError(self.error_messages["otp_invalid"], code="otp_invalid")
            self.otp_device = device
        self.user = user
        return self.cleaned_data


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    """The old password is checked as a login is: a wrong guess is audited and counts toward the lockout,
    so a session left open cannot be used to guess the password."""

    def __init__(self, request, *args, **kwargs):
        self.request = request
        super().__init__(request.user, *args, **kwargs)

    def clean_old_password(self):
        old_password = self.cleaned_data["old_password"]
        user = authenticate(self.request, username=self.user.get_username(), password=old_password)
        if user is None or user.pk != self.user.pk:
            raise forms.ValidationError(self.error_messages["password_incorrect"], code="password_incorrect")
        return old_password
