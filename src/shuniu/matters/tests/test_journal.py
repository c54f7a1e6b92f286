"""The journal: every change has its entry, in order, and nothing edits or deletes one."""

import pytest

from shuniu.matters import services
from shuniu.matters.models import Entry


def _run_full_life(make_item, users):
    item = make_item(assist=["cgj"])
    steps = [
        ("accept", "jtj_staff", {}),
        ("accept", "cgj_staff", {}),
        ("report_progress", "jtj_staff", {"comment": "完成线网调研"}),
        ("chase", "duban", {"comment": "请加快进度"}),
        ("request_close", "jtj_head", {"reply": "已完成"}),
        ("reject_close", "duban", {"comment": "补充佐证材料"}),
        ("request_close", "jtj_head", {"reply": "已完成，附佐证材料"}),
        ("approve_close", "duban", {"comment": "同意办结"}),
    ]
    for name, user, data in steps:
        item = services.perform(item, name, users[user], data)
    return item, steps


def test_every_change_has_its_entry_in_order(make_item, demo_office):
    item, steps = _run_full_life(make_item, demo_office)
    entries = list(Entry.objects.filter(matter=item).order_by("at", "id"))
    assert [e.action for e in entries] == ["register", "dispatch", *[s[0] for s in steps]]
    for before, after in zip(entries, entries[1:], strict=False):
        assert after.from_status == before.to_status, f"{after.action} does not continue from {before.action}"
    assert entries[-1].to_status == item.status == "closed"
    assert item.version == 1 + 1 + len(steps)  # created, dispatched, then each step
    assert {e.actor_name for e in entries if e.action == "accept"} == {demo_office["jtj_staff"].name, demo_office["cgj_staff"].name}


def test_entry_records_comment_and_submitted_fields(make_item, demo_office):
    item = make_item()
    services.perform(item, "accept", demo_office["jtj_staff"], {})
    services.perform(item, "request_extension", demo_office["jtj_staff"], {"days": 5, "reason": "需征求意见"})
    entry = item.entries.get(action="request_extension")
    assert entry.comment == "需征求意见"
    assert entry.data == {"unit": "jtj", "days": 5}
    assert entry.actor_unit.code == "jtj"


def test_entries_cannot_be_edited_or_deleted(make_item):
    entry = make_item().entries.first()
    entry.comment = "篡改"
    with pytest.raises(RuntimeError):
        entry.save()
    with pytest.raises(RuntimeError):
        entry.delete()
