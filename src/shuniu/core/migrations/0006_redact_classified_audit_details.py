"""Audit rows written before `redact_classified` named a classified matter by its title
(“秘密：<title>”); the auditor has no clearance, so they are rewritten to “查阅秘密级事项 SW2026-000123”.
Only the detail of `read_restricted` rows changes; who, when, from where and which matter stay as written."""

from django.db import migrations

LEVELS = ("秘密", "机密", "绝密")


def redact(apps, schema_editor):
    AuditEvent = apps.get_model("core", "AuditEvent")
    for event in AuditEvent.objects.filter(action="read_restricted").only("pk", "detail", "target").iterator():
        level, sep, _title = event.detail.partition("：")
        if sep and level in LEVELS:
            AuditEvent.objects.filter(pk=event.pk).update(detail=f"查阅{level}级事项 {event.target}")


class Migration(migrations.Migration):
    dependencies = [("core", "0005_auditevent_token_revoked")]
    operations = [migrations.RunPython(redact, migrations.RunPython.noop)]
