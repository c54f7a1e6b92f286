"""核发: every recipient unit in the system receives the issued document as 收文 and signs for it;
the sender sees who has (签收回执)."""

import pytest

from shuniu.documents.models import Recipient
from shuniu.matters import services as engine
from shuniu.matters.models import Matter
from shuniu.matters.rules import can_view


def test_each_recipient_unit_receives_the_document_to_sign_for(make_draft, advance):
    issued = advance(make_draft(main_to="市交通运输局、各区县人民政府", cc="市公安局、省交通运输厅"), "issued")
    receipts = {r.name: r for r in issued.outgoing.recipients.all()}
    assert set(receipts) == {"交通运输局", "东城区", "西城区", "临江县", "公安局", "省交通运输厅"}
    assert receipts["省交通运输厅"].status == Recipient.Status.EXTERNAL and receipts["省交通运输厅"].incoming is None
    incoming = receipts["交通运输局"].incoming
    assert incoming.kind == "doc_in" and incoming.status == "to_sign"
    assert incoming.owner_unit.code == "jtj" and incoming.source_id == issued.pk
    assert incoming.incoming.doc_number == issued.outgoing.doc_number
    assert incoming.incoming.issuer_name == "市政府办公室"
    assert Matter.objects.filter(kind="doc_in", source=issued).count() == 5


def test_the_recipient_signs_and_the_sender_sees_the_receipt(make_draft, advance, act, office):
    issued = advance(make_draft(main_to="市交通运输局、市公安局"), "issued")
    jtj = issued.outgoing.recipients.get(unit__code="jtj")
    assert can_view(office["jtj_staff"], jtj.incoming)
    assert not can_view(office["gaj_staff"], jtj.incoming)
    act(jtj.incoming, "sign", "jtj_staff", {})
    jtj.refresh_from_db()
    assert jtj.status == Recipient.Status.SIGNED and jtj.signed_by.username == "jtj_staff"
    gaj = issued.outgoing.recipients.get(unit__code="gaj")
    assert gaj.status == Recipient.Status.SENT and gaj.signed_at is None


def test_another_unit_cannot_sign_for_it(make_draft, advance, act):
    issued = advance(make_draft(main_to="市交通运输局"), "issued")
    incoming = issued.outgoing.recipients.get(unit__code="jtj").incoming
    with pytest.raises(engine.NotFound):
        act(incoming, "sign", "hbj_staff", {})


def test_the_office_itself_receives_through_its_confidential_office(make_draft, advance, act):
    issued = advance(make_draft(main_to="市交通运输局", cc="市人民政府"), "issued")
    receipt = issued.outgoing.recipients.get(unit__code="szf")
    assert receipt.incoming.owner_unit.code == "jys"
    act(receipt.incoming, "sign", "jiyao", {})


def test_extra_units_added_at_printing_are_distributed_too(make_draft, advance, act):
    draft = advance(make_draft(main_to="市交通运输局"), "printing")
    act(draft, "print", "mishu", {"copies": 20, "extra_units": "hbj、swj"})
    act(draft, "issue", "mishu", {})
    assert set(draft.outgoing.recipients.filter(role="extra").values_list("unit__code", flat=True)) == {"hbj", "swj"}
    assert Matter.objects.filter(kind="doc_in", source=draft).count() == 3


def test_an_unknown_extra_unit_is_refused(make_draft, advance, act):
    draft = advance(make_draft(main_to="市交通运输局"), "printing")
    with pytest.raises(engine.Invalid) as caught:
        act(draft, "print", "mishu", {"copies": 20, "extra_units": "市档案馆"})
    assert caught.value.message == "分送单位不存在：市档案馆"
    draft.refresh_from_db()
    assert draft.status == "printing"


def test_a_classified_document_reaches_only_cleared_readers(make_draft, advance, office):
    issued = advance(make_draft(main_to="市交通运输局", secrecy=1, secrecy_years=5, copy_number="12"), "issued")
    incoming = issued.outgoing.recipients.get(unit__code="jtj").incoming
    assert incoming.secrecy == 1
    assert can_view(office["jtj_head"], incoming)
    assert not can_view(office["jtj_staff"], incoming)
