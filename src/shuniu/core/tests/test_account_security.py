"""A person's own account security page: password change and two-factor login, each audited."""

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.models import AuthToken

from shuniu.core.models import AuditEvent


def _code(device):
    return str(totp(device.bin_key, device.step, device.t0, device.digits, device.drift)).zfill(device.digits)


def test_change_password_keeps_the_session_ends_api_tokens_and_is_audited(client_for, demo_office):
    user = demo_office["jtj_staff"]
    AuthToken.objects.create(user)
    client = client_for("jtj_staff")
    response = client.post("/core/account/", {"old_password": "Shuniu@2026", "new_password1": "Lanse-Gaoshan-57!",
                                              "new_password2": "Lanse-Gaoshan-57!"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Lanse-Gaoshan-57!")
    assert client.get("/").status_code == 200
    assert not AuthToken.objects.filter(user=user).exists()
    assert AuditEvent.objects.filter(action="password_changed", username="jtj_staff").exists()


def test_weak_new_password_is_refused_in_chinese_and_nothing_changes(client_for, demo_office):
    response = client_for("jtj_staff").post("/core/account/", {"old_password": "Shuniu@2026",
                                                               "new_password1": "abcdefgh", "new_password2": "abcdefgh"})
    assert response.status_code == 400
    assert "特殊符号" in response.content.decode()
    demo_office["jtj_staff"].refresh_from_db()
    assert demo_office["jtj_staff"].check_password("Shuniu@2026")
    assert not AuditEvent.objects.filter(action="password_changed").exists()


def test_guessable_new_password_is_refused_on_the_change_form(client_for, demo_office):
    response = client_for("jtj_staff").post("/core/account/", {"old_password": "Shuniu@2026",
                                                               "new_password1": "Qwerty@123", "new_password2": "Qwerty@123"})
    assert response.status_code == 400 and "密码强度不足" in response.content.decode()
    demo_office["jtj_staff"].refresh_from_db()
    assert demo_office["jtj_staff"].check_password("Shuniu@2026")


def test_guessing_the_old_password_on_the_change_form_locks_the_account(client_for, demo_office):
    from django.test import Client

    client = client_for("jtj_staff")
    for _ in range(4):
        response = client.post("/core/account/", {"old_password": "Guess#2026x", "new_password1": "Lanse-Gaoshan-57!",
                                                  "new_password2": "Lanse-Gaoshan-57!"})
        assert response.status_code == 400
    assert AuditEvent.objects.filter(action="login_failed", username="jtj_staff").count() == 4
    response = client.post("/core/account/", {"old_password": "Guess#2026x", "new_password1": "Lanse-Gaoshan-57!",
                                              "new_password2": "Lanse-Gaoshan-57!"})
    assert response.status_code == 429 and "账户已被锁定" in response.content.decode()
    assert client.get("/").status_code == 302  # the session that guessed is over
    login = Client().post("/login/", {"username": "jtj_staff", "password": "Shuniu@2026"})
    assert login.status_code == 429  # and the right password does not open the account until the cool-off


def test_enabling_two_factor_needs_a_valid_code_then_login_asks_for_it(client_for, demo_office):
    client = client_for("mayor")
    page = client.get("/core/account/?setup=1").content.decode()
    assert "动态口令二维码" in page and 'id="otp-secret"' in page
    device = TOTPDevice.objects.get(user=demo_office["mayor"], confirmed=False)
    client.post("/core/account/otp/confirm/", {"token": "000000" if _code(device) != "000000" else "111111"})
    assert not TOTPDevice.objects.filter(user=demo_office["mayor"], confirmed=True).exists()
    # django-otp throttles a device after a wrong code; let the back-off pass.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0, throttling_failure_timestamp=None)
    client.post("/core/account/otp/confirm/", {"token": _code(device)})
    assert TOTPDevice.objects.filter(user=demo_office["mayor"], confirmed=True).exists()
    assert AuditEvent.objects.filter(action="otp_enabled", username="mayor").exists()
    from django.test import Client

    login = Client().post("/login/", {"username": "mayor", "password": "Shuniu@2026"})
    assert "请输入动态口令" in login.content.decode()


def test_disabling_two_factor_needs_password_and_code(client_for, demo_office):
    device = TOTPDevice.objects.create(user=demo_office["mayor"], name="动态口令", confirmed=True)
    client = client_for("mayor")
    client.post("/core/account/otp/disable/", {"password": "wrong", "token": _code(device)})
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
    client.post("/core/account/otp/disable/", {"password": "Shuniu@2026", "token": _code(device)})
    assert not TOTPDevice.objects.filter(user=demo_office["mayor"]).exists()
    assert AuditEvent.objects.filter(action="otp_disabled", username="mayor").exists()


def test_account_page_requires_login():
    from django.test import Client

    assert Client().get("/core/account/").status_code == 302
