"""Who may NOT act on a petition, and the department's own choices: 受理, 不予受理, 错送退回."""

from __future__ import annotations

import pytest

from shuniu.matters import services as engine
from shuniu.matters.models import Assignment
from shuniu.petitions.models import Document, Petition

from .conftest import T0, days, entries


def test_xinfang_cannot_accept_for_the_department(register, act):
    matter = register()
    act(matter, "dispatch", "xinfang", T0 + days(1), units=["hbj"], mode="assign")
    before = entries(matter)
    with pytest.raises(engine.Forbidden):
        act(matter, "accept", "xinfang", T0 + days(2), comment="")
    with pytest.raises(engine.Forbidden):
        act(matter, "decline", "xinfang", T0 + days(2), reason="不属于受理范围。")
    assert entries(matter) == before


def test_another_department_cannot_see_or_act(register, act):
    matter = register()
    act(matter, "dispatch", "xinfang", T0 + days(1), units=["hbj"], mode="assign")
    for name, data in (("accept", {"comment": ""}), ("return", {"reason": "非本单位职责"})):
        with pytest.raises(engine.NotFound):
            act(matter, name, "jtj_head", T0 + days(2), **data)
    assert matter.assignments.get().status == Assignment.Status.PENDING


def test_a_department_cannot_dispatch(register, act):
    matter = register()
    with pytest.raises(engine.NotFound):
        act(matter, "dispatch", "hbj_head", T0 + days(1), units=["hbj"], mode="assign")


def test_an_assisting_unit_cannot_reply_or_decline(register, act):
    matter = register()
    act(matter, "dispatch", "xinfang", T0 + days(1), units=[{"unit": "hbj", "role": "lead"}, {"unit": "zjj", "role": "assist"}],
        mode="assign")
    with pytest.raises(engine.Forbidden):
        act(matter, "decline", "zjj_staff", T0 + days(2), reason="不予受理。")
    matter = act(matter, "accept", "zjj_staff", T0 + days(2), comment="")
    assert matter.status == "dispatched"  # an assisting unit's 签收 does not start the 60 days
    matter = act(matter, "accept", "hbj_staff", T0 + days(3), comment="")
    assert matter.status == "handling"
    with pytest.raises(engine.Forbidden):
        act(matter, "reply", "zjj_staff", T0 + days(4), outcome="support", reply="同意。")


def test_office_sections_are_not_dispatch_targets(register, act):
    matter = register()
    with pytest.raises(engine.Invalid) as error:
        act(matter, "dispatch", "xinfang", T0 + days(1), units=["dck"], mode="assign")
    assert "督查科" in error.value.message


def test_decline_tells_the_petitioner_and_closes(register, act):
    matter = register()
    act(matter, "dispatch", "xinfang", T0 + days(1), units=["hbj"], mode="forward")
    matter = act(matter, "decline", "hbj_head", T0 + days(5),
                 reason="该事项已进入行政诉讼程序，应当依照法定程序处理。")
    assert matter.status == "declined"
    assert matter.is_open is False
    assert matter.closed_on_time is True
    assert Petition.objects.get(pk=matter.pk).decline_reason.startswith("该事项已进入行政诉讼程序")
    assert Document.objects.filter(petition_id=matter.pk, kind="decline_notice").exists()


def test_wrongly_sent_item_is_returned_within_5_working_days(register, act):
    matter = register()
    act(matter, "dispatch", "xinfang", T0 + days(1), units=["jtj"], mode="assign")  # Tue 3 March
    with pytest.raises(engine.Invalid) as error:
        act(matter, "return", "jtj_staff", T0 + days(9), reason="属于生态环境部门职责。")  # Wed 11 March: 6 working days
    assert "已超过退回时限" in error.value.message

    matter = act(matter, "return", "jtj_staff", T0 + days(8), reason="属于生态环境部门职责。")  # Tue 10 March
    assert matter.status == "registered"
    assert matter.lead_unit is None
    p = Petition.objects.get(pk=matter.pk)
    assert p.matter.clocks.filter(name="notice", state="cancelled").exists()
    assert p.matter.clocks.filter(name="forward", state="running").count() == 1
    # Forwarded again to the right department.
    matter = act(matter, "dispatch", "xinfang", T0 + days(8), units=["hbj"], mode="assign")
    assert matter.lead_unit.code == "hbj"
