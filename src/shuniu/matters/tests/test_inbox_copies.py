"""The inbox rows carry copies of the matter's 密级 and 紧急程度; they follow the matter whoever saves it."""

from shuniu.matters import services
from shuniu.matters.models import Matter, Todo


def test_raising_a_matters_secrecy_hides_its_inbox_row_from_uncleared_people(make_item, demo_office):
    item = make_item(lead="jtj")
    assert [t.matter_id for t in services.inbox(demo_office["jtj_staff"])] == [item.pk]
    matter = Matter.objects.get(pk=item.pk)
    matter.secrecy = 1  # 秘密, e.g. a draft's 密级 changed in its kind's own edit form
    matter.save()
    assert list(services.inbox(demo_office["jtj_staff"])) == []  # clearance 非密
    assert [t.matter_id for t in services.inbox(demo_office["jtj_head"])] == [item.pk]  # clearance 秘密
    assert set(Todo.objects.filter(matter=item).values_list("secrecy", flat=True)) == {1}


def test_a_changed_urgency_reorders_the_inbox(make_item, demo_office):
    _first, second = make_item(title="先登记"), make_item(title="后改为特急")
    assert [t.matter.title for t in services.inbox(demo_office["jtj_staff"])][0] == "先登记"
    matter = Matter.objects.get(pk=second.pk)
    matter.urgency = "very_urgent"
    matter.save()
    assert [t.matter.title for t in services.inbox(demo_office["jtj_staff"])] == ["后改为特急", "先登记"]


def test_rebuilt_rows_take_the_matters_secrecy(make_item, demo_office):
    item = make_item(lead="jtj")
    Matter.objects.filter(pk=item.pk).update(secrecy=2)
    services.rebuild_todos(Matter.objects.get(pk=item.pk))
    assert set(Todo.objects.filter(matter=item).values_list("secrecy", flat=True)) == {2}
    assert list(services.inbox(demo_office["jtj_head"])) == []  # clearance 秘密 < 机密
