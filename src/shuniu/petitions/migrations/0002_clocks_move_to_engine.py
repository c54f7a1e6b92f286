"""信访 moves onto the engine's clocks: every petitions.Clock row becomes a matters.Clock row (same
matter, name, start, due date, state, extension), then the petitions table goes."""

from django.db import migrations

LABELS = {
    "forward": "登记转送交办", "objection": "错送异议", "notice": "告知受理与否", "handle": "办理",
    "review_request": "复查申请", "review": "复查", "recheck_request": "复核申请", "recheck": "复核",
}
WINDOWS = ("objection", "review_request", "recheck_request")
# The rule was stored as its Chinese label ("15日", "5个工作日"); the engine keeps amount and unit.
UNITS = (("个工作日", "workdays"), ("个月", "months"), ("小时", "hours"), ("日", "days"))


def _split(rule: str) -> tuple[int, str]:
    for suffix, unit in UNITS:
        if rule.endswith(suffix) and rule[: -len(suffix)].isdigit():
            return int(rule[: -len(suffix)]), unit
    raise ValueError(f"unknown petition clock rule {rule!r}")


def forward(apps, schema_editor):
    Old = apps.get_model("petitions", "Clock")
    New = apps.get_model("matters", "Clock")
    batch = []
    for old in Old.objects.order_by("id").iterator(chunk_size=2000):
        amount, unit = _split(old.rule)
        batch.append(New(
            matter_id=old.petition_id, name=old.name, label=LABELS.get(old.name, old.name), window=old.name in WINDOWS,
            unit=unit, amount=amount, started_at=old.started_at, due_at=old.due_at, due_uncertain=old.due_uncertain,
            stopped_at=old.stopped_at, state=old.status, extensions=1 if old.extended_days else 0,
            extended=old.extended_days, note=old.note,
        ))
        if len(batch) >= 2000:
            New.objects.bulk_create(batch)
            batch = []
    New.objects.bulk_create(batch)


def backward(apps, schema_editor):
    Old = apps.get_model("petitions", "Clock")
    New = apps.get_model("matters", "Clock")
    names = {label: unit for unit, label in UNITS}
    batch = []
    for new in New.objects.filter(matter__kind="petition").order_by("id").iterator(chunk_size=2000):
        batch.append(Old(
            petition_id=new.matter_id, name=new.name, rule=f"{new.amount}{names.get(new.unit, '日')}",
            started_at=new.started_at, due_at=new.due_at, due_uncertain=new.due_uncertain, stopped_at=new.stopped_at,
            status="running" if new.state == "paused" else new.state, extended_days=new.extended, note=new.note,
        ))
    Old.objects.bulk_create(batch)
    New.objects.filter(matter__kind="petition").delete()


class Migration(migrations.Migration):

    dependencies = [
        ("petitions", "0001_initial"),
        ("matters", "0005_clocks"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
        migrations.DeleteModel(name="Clock"),
    ]
