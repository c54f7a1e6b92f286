"""Notifications: in-app for everyone concerned, e-mail where there is an address, SMS for chasing,
never for the three administrators, and only after the change is committed."""

from django.core import mail
from django.test import override_settings

from shuniu.notify.adapters import ConsoleSMS
from shuniu.notify.models import Message
from shuniu.notify.services import Notice, deliver_notices, mark_read, queue_notices, unread_count
from shuniu.org.models import Unit


def test_unit_notice_reaches_every_active_member_in_app_and_by_email(demo_office):
    jtj = Unit.objects.get(code="jtj")
    sent = deliver_notices([Notice("新交办：推进公交线网优化", "请及时签收", "info", "/matters/1/", unit_id=jtj.pk).__dict__])
    assert sent == 3
    assert set(Message.objects.values_list("recipient__username", flat=True)) == {"jtj_head", "jtj_staff", "jtj_liaison"}
    assert sorted(m.to[0] for m in mail.outbox) == ["jtj_head@shuniu.gov.demo", "jtj_liaison@shuniu.gov.demo",
                                                     "jtj_staff@shuniu.gov.demo"]
    assert mail.outbox[0].subject == "【枢纽】新交办：推进公交线网优化"


def test_role_limited_notice_reaches_only_that_role(demo_office):
    jtj = Unit.objects.get(code="jtj")
    deliver_notices([Notice("进展反馈提醒", unit_id=jtj.pk, roles=("liaison",)).__dict__])
    assert list(Message.objects.values_list("recipient__username", flat=True)) == ["jtj_liaison"]


@override_settings(SHUNIU_SMS_ADAPTER="shuniu.notify.adapters.ConsoleSMS")
def test_chasing_also_goes_by_sms_to_people_with_a_phone(demo_office):
    ConsoleSMS.sent.clear()
    staff = demo_office["jtj_staff"]
    staff.phone = "13912345678"
    staff.save()
    deliver_notices([Notice("催办：推进公交线网优化", level="chase", person_id=staff.pk).__dict__])
    assert ConsoleSMS.sent == [("13912345678", "【枢纽】催办：推进公交线网优化")]
    ConsoleSMS.sent.clear()
    deliver_notices([Notice("普通通知", level="info", person_id=staff.pk).__dict__])
    assert ConsoleSMS.sent == []


def test_administrators_never_receive_business_notices(demo_office):
    deliver_notices([Notice("业务通知", person_id=demo_office["admin"].pk).__dict__])
    assert Message.objects.count() == 0


def test_notices_wait_for_commit(demo_office, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        queue_notices([Notice("待提交", person_id=demo_office["mayor"].pk)])
    assert Message.objects.count() == 0 and len(callbacks) == 1
    callbacks[0]()
    assert Message.objects.filter(recipient=demo_office["mayor"]).count() == 1


def test_unread_count_and_mark_read(demo_office, client_for):
    mayor = demo_office["mayor"]
    deliver_notices([Notice("一", person_id=mayor.pk).__dict__, Notice("二", person_id=mayor.pk).__dict__])
    assert unread_count(mayor) == 2
    page = client_for("mayor").get("/").content.decode()
    assert 'id="sn-unread">2<' in page
    assert mark_read(mayor) == 2 and unread_count(mayor) == 0
