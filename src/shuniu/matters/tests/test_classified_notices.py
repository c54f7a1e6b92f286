"""A classified matter is named by its serial only to anyone without clearance: in-app, e-mail, SMS,
and in the audit log the auditor (no clearance) reads."""

import datetime

from django.core import mail
from django.test import override_settings
from django.utils import timezone

from shuniu.core.models import AuditEvent
from shuniu.matters.models import Assignment, Matter
from shuniu.matters.sweep import sweep
from shuniu.notify.adapters import ConsoleSMS
from shuniu.notify.models import Message

TITLE = "推进城区公交线网优化"


@override_settings(SHUNIU_SMS_ADAPTER="shuniu.notify.adapters.ConsoleSMS")
def test_chase_of_a_secret_matter_names_it_by_serial_to_the_uncleared(make_item, demo_office,
                                                                       django_capture_on_commit_callbacks):
    item = make_item(lead="jtj", title=TITLE)
    past = timezone.now() - datetime.timedelta(hours=1)
    Matter.objects.filter(pk=item.pk).update(secrecy=1, due_at=past)  # 秘密
    Assignment.objects.filter(matter=item).update(due_at=past)
    staff = demo_office["jtj_staff"]  # not cleared
    staff.phone = "13912345678"
    staff.save()
    ConsoleSMS.sent.clear()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sweep()

    redacted = f"秘密级事项 {item.serial}"
    seen = Message.objects.get(recipient=staff, level="chase")
    assert seen.title == redacted and TITLE not in seen.body
    staff_mail = next(m for m in mail.outbox if m.to == [staff.email])
    assert staff_mail.subject == f"【枢纽】{redacted}" and TITLE not in staff_mail.body
    assert ConsoleSMS.sent == [("13912345678", f"【枢纽】{redacted}")]
    # The head of the unit is cleared for 秘密 and reads the title.
    assert TITLE in Message.objects.get(recipient=demo_office["jtj_head"], level="chase").title
    ConsoleSMS.sent.clear()


def test_audit_row_of_a_classified_read_carries_no_title(make_item, client_for):
    item = make_item(lead="jtj", title=TITLE)
    Matter.objects.filter(pk=item.pk).update(secrecy=1)
    assert client_for("jtj_head").get(f"/matters/{item.pk}/").status_code == 200
    row = AuditEvent.objects.get(action="read_restricted", target=item.serial)
    assert TITLE not in row.detail and f"秘密级事项 {item.serial}" in row.detail
    page = client_for("auditor").get("/core/audit/").content.decode()
    assert item.serial in page and TITLE not in page
