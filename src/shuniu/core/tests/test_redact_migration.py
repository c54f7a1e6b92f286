"""Audit rows written before the fix lose the classified title they carried (migration 0006)."""

from importlib import import_module

from django.apps import apps

from shuniu.core.models import AuditEvent

redact = import_module("shuniu.core.migrations.0006_redact_classified_audit_details").redact


def test_old_rows_naming_a_secret_title_are_rewritten_by_serial(db):
    old = AuditEvent.objects.create(action="read_restricted", username="jtj_head", target="SW2026-000123",
                                    detail="秘密：关于某项敏感工作的请示")
    other = AuditEvent.objects.create(action="export", username="duban", target="统计表", detail="秘密：不是查阅记录")
    redact(apps, None)
    old.refresh_from_db()
    other.refresh_from_db()
    assert old.detail == "查阅秘密级事项 SW2026-000123"
    assert other.detail == "秘密：不是查阅记录"
