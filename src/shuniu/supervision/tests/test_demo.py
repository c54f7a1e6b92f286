"""The demo seeder: about 200 items in every state over 12 months, idempotent."""

from shuniu.matters.models import Entry, Matter
from shuniu.supervision import demo
from shuniu.supervision.models import Bulletin
from shuniu.supervision.workflow import WORKFLOW


def test_demo_seeds_items_in_every_state_with_a_years_history_and_is_idempotent(demo_office):
    demo.seed(password="Shuniu@2026")  # how long it takes is a question for bench/, not for a test

    items = Matter.objects.filter(kind="supervision")
    assert 195 <= items.count() <= 210
    assert set(items.values_list("status", flat=True)) == set(WORKFLOW.states)
    assert items.filter(is_open=False, closed_on_time=False).exists()  # closed late
    assert items.filter(is_open=False, closed_on_time=True).count() > 50
    assert items.filter(is_open=True, sla="overdue").exists()
    assert items.filter(parent__isnull=False).count() == 3
    assert len(set(items.values_list("lead_unit__code", flat=True))) >= 20
    assert Entry.objects.filter(matter__kind="supervision", action="report_progress").count() > 100
    oldest = min(items.values_list("received_at", flat=True))
    newest = max(Entry.objects.filter(matter__kind="supervision").values_list("at", flat=True))
    assert (newest - oldest).days >= 330
    assert Bulletin.objects.count() == 2  # the last two quarters

    before = (items.count(), Entry.objects.count(), Bulletin.objects.count())
    demo.seed(password="Shuniu@2026")
    assert (items.count(), Entry.objects.count(), Bulletin.objects.count()) == before
