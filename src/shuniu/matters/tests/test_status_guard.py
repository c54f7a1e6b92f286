"""`Matter.status` changes only through the engine: every other write is refused."""

import pytest

from shuniu.matters import services
from shuniu.matters.models import Matter, StatusWriteRefused, engine_writes_status


def test_assigning_status_and_saving_is_refused(make_item):
    item = make_item(lead="jtj")
    item.status = "closed"
    with pytest.raises(StatusWriteRefused):
        item.save()
    assert Matter.objects.get(pk=item.pk).status == "assigned"
    assert item.entries.filter(to_status="closed").count() == 0


def test_update_of_status_is_refused(make_item):
    item = make_item(lead="jtj")
    with pytest.raises(StatusWriteRefused):
        Matter.objects.filter(pk=item.pk).update(status="closed")
    with pytest.raises(StatusWriteRefused):
        item.lead_unit.led_matters.update(status="closed")
    assert Matter.objects.get(pk=item.pk).status == "assigned"


def test_creating_a_matter_outside_the_engine_is_refused(make_item):
    item = make_item(lead="jtj")
    with pytest.raises(StatusWriteRefused):
        Matter.objects.create(kind=item.kind, serial="DB2026-999999", title="绕过引擎", status="closed",
                              owner_unit=item.owner_unit, received_at=item.received_at)


def test_other_fields_save_and_update_as_before(make_item):
    item = make_item(lead="jtj")
    item.title = "新标题"
    item.save()
    Matter.objects.filter(pk=item.pk).update(urgency="urgent")
    refreshed = Matter.objects.get(pk=item.pk)
    assert (refreshed.title, refreshed.urgency) == ("新标题", "urgent")
    refreshed.save()  # unchanged status is no status write


def test_the_engine_moves_the_state_and_an_explicit_bypass_is_allowed(make_item, demo_office):
    item = make_item(lead="jtj")
    item = services.perform(item, "accept", demo_office["jtj_head"], {})
    assert item.status == "in_progress"
    item.refresh_from_db()
    item.save()  # the instance the engine returned saves again without complaint
    with engine_writes_status():
        Matter.objects.filter(pk=item.pk).update(status="assigned")
    assert Matter.objects.get(pk=item.pk).status == "assigned"
