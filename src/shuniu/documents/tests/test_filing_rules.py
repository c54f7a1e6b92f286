"""行文规则: a draft that breaks one is refused at 送审 with a Chinese message, and nothing is written."""

import pytest

from shuniu.documents import services
from shuniu.documents.models import NumberSeries
from shuniu.matters import services as engine
from shuniu.matters.models import Entry, ReviewStep
from shuniu.org.models import Membership, Unit

REQUEST = {
    "doc_type": "request",
    "title": "市政府办公室关于申请召开全市春运工作电视电话会议的请示",
    "body": "为部署春运工作，拟于1月8日召开全市春运工作电视电话会议。妥否，请批示。",
    "main_to": "市人民政府",
    "annotation": "联系人：褚文博，电话：0791-86881234",
    "sponsor_unit": "jtj",
}


def refused(matter, act, message):
    entries = Entry.objects.filter(matter=matter).count()
    with pytest.raises(engine.Invalid) as caught:
        act(matter, "submit", "mishu", {})
    assert message in caught.value.message
    matter.refresh_from_db()
    assert matter.status == "draft"
    assert not ReviewStep.objects.filter(matter=matter).exists()
    assert Entry.objects.filter(matter=matter).count() == entries
    return caught.value


def test_a_well_formed_request_is_accepted_and_goes_to_the_principal_leader(make_draft, act):
    draft = make_draft(**REQUEST)
    act(draft, "submit", "mishu", {})
    draft.refresh_from_db()
    assert draft.status == "unit_review"
    assert draft.outgoing.signer.username == "mayor"


def test_an_upward_document_needs_a_signer(make_draft, act):
    Membership.objects.filter(role="principal_leader").update(is_active=False)
    draft = make_draft(**REQUEST)
    error = refused(draft, act, "上行文应当标注签发人")
    assert "signer" in error.fields


def test_a_request_goes_to_one_principal_recipient_only(make_draft, act):
    draft = make_draft(**{**REQUEST, "main_to": "市人民政府、省人民政府"})
    error = refused(draft, act, "请示应当一文一事，只能主送一个上级机关")
    assert error.fields["main_to"]


def test_an_upward_document_is_not_copied_to_subordinates(make_draft, act):
    draft = make_draft(**{**REQUEST, "cc": "市交通运输局"})
    refused(draft, act, "上行文不得抄送下级机关：交通运输局")


def test_an_upward_document_is_not_addressed_to_a_subordinate(make_draft, act):
    draft = make_draft(**{**REQUEST, "doc_type": "report", "title": "市政府办公室关于春运准备情况的报告",
                          "body": "现将春运准备情况报告如下。", "main_to": "市交通运输局"})
    refused(draft, act, "上行文应当主送上级机关，交通运输局是下级机关")


def test_a_report_must_not_hide_a_request(make_draft, act):
    draft = make_draft(**{**REQUEST, "doc_type": "report", "title": "市政府办公室关于春运准备情况的报告"})
    refused(draft, act, "报告中不得夹带请示事项")


def test_a_request_names_a_contact_and_phone_in_the_annotation(make_draft, act):
    draft = make_draft(**{**REQUEST, "annotation": "联系人：褚文博"})
    refused(draft, act, "请示应当在附注处注明联系人姓名和电话")


def test_a_classified_document_needs_a_copy_number(make_draft, act):
    draft = make_draft(secrecy=1, secrecy_years=5)
    refused(draft, act, "涉密公文应当标注份号")


def test_a_classified_document_needs_a_secrecy_term(make_draft, act):
    draft = make_draft(secrecy=1, copy_number="000001")
    refused(draft, act, "涉密公文应当标注保密期限")


def test_a_secret_document_is_kept_secret_at_most_ten_years(make_draft, act):
    draft = make_draft(secrecy=1, copy_number="1", secrecy_years=15)
    refused(draft, act, "秘密级公文的保密期限最长为10年")
    assert draft.outgoing.copy_number == "000001"


@pytest.mark.parametrize(("level", "years", "message"), [
    (2, 21, "机密级公文的保密期限最长为20年"),
    (3, 30, None),
    (2, 20, None),
])
def test_secrecy_terms_have_statutory_maxima(make_draft, level, years, message):
    draft = make_draft()
    draft.secrecy = level
    draft.save(update_fields=["secrecy"])
    doc = draft.outgoing
    doc.copy_number, doc.secrecy_years = "000001", years
    problems = services.filing_problems(doc, signer=draft.created_by)
    assert (problems.get("secrecy_years") or [None])[0] == message


def test_an_unclassified_document_has_no_secrecy_term(make_draft, act):
    draft = make_draft(secrecy_years=5)
    refused(draft, act, "非涉密公文不标注保密期限")


def test_a_joint_document_lists_every_co_issuer(make_draft, act):
    draft = make_draft(issuer_units=["szfb", "czj", "jtj"], signature="市政府办公室\n财政局")
    refused(draft, act, "联合行文应当列明全部发文机关，发文机关署名中缺少：交通运输局")


def test_a_joint_document_with_every_issuer_is_countersigned_by_each(make_draft, act):
    draft = make_draft(issuer_units=["szfb", "czj", "jtj"])
    assert draft.outgoing.signature_lines() == ["市政府办公室", "财政局", "交通运输局"]
    act(draft, "submit", "mishu", {})
    steps = ReviewStep.objects.filter(matter=draft, name="会签")
    assert sorted(s.unit.code for s in steps) == ["czj", "jtj"]
    assert {s.seq for s in steps} == {3}


def test_the_title_ends_with_the_document_type(make_draft, act):
    draft = make_draft(title="市政府办公室关于做好春运交通运输保障工作")
    refused(draft, act, "并以文种“通知”结尾")


def test_an_addressed_document_needs_a_principal_recipient(make_draft, act):
    draft = make_draft(main_to="")
    refused(draft, act, "请填写主送机关")


def test_an_empty_text_is_refused(make_draft, act):
    draft = make_draft(body="")
    refused(draft, act, "正文不能为空")


def test_an_internal_section_does_not_issue_documents_externally(make_draft, act):
    NumberSeries.objects.create(code="市政办督", issuer=Unit.objects.get(code="dck"))
    draft = make_draft(issuer_units=["dck"])
    refused(draft, act, "机关内设机构除办公厅（室）外不得对外正式行文")


def test_a_request_is_always_upward(office):
    with pytest.raises(engine.Invalid) as caught:
        services.create_outgoing(office["mishu"], {**REQUEST, "direction": "downward"})
    assert caught.value.message == "行文方向：请示只能作为上行文"


def test_a_drafter_cannot_classify_above_their_clearance(office):
    with pytest.raises(engine.Invalid) as caught:
        services.create_outgoing(office["mishu"], {**REQUEST, "secrecy": 2})
    assert caught.value.message == "公文密级不能高于您的涉密等级"
