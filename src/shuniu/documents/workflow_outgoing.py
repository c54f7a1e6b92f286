"""发文 doc_out — the whole life of an outgoing document on one screen, with its effects
(《党政机关公文处理工作条例》 ch. 5; no 跳跃式审签, no 体外循环):

  draft 拟稿 ──submit──▶ unit_review 部门审核 ──approve──▶ checking 办公室核稿 ──review(逐项核对)──▶
     ▲                     │                                 │
     └───────return────────┴───────────return────────────────┴── (every review state; resubmission
                                                                   runs the whole chain again)
  ──▶ countersigning 会签 (co-issuers in parallel) ──countersign──▶ signing 签发 ──sign_off──▶
  rechecking 复核 ──recheck──▶ numbering 编号 ──number(发文字号)──▶ printing 印制 ──print──▶
       │ substantive change → signing (back to the signer)        │ send_back → rechecking
  issuing 核发 ──issue(分发给各收文单位)──▶ issued 已核发 ──archive──▶ archived 已归档
  draft ──withdraw──▶ withdrawn 已撤销 (only before a number is taken)

The effects run inside the engine's `perform` (one transaction, one journal entry). Drafting,
editing, the filing rules (行文规则) and the sign-off rule stay in `services.py`: the views and the
API call those directly.

State diagram of doc_out (drawn by `shuniu kind_diagram doc_out`; regenerate, do not edit):

  draft 拟稿 (start)
  unit_review 部门审核
  checking 办公室核稿
  countersigning 会签
  signing 待签发
  rechecking 复核
  numbering 待编号
  printing 待印制
  issuing 待核发
  issued 已核发 (closed)
  archived 已归档 (closed)
  withdrawn 已撤销 (closed)

  draft --submit 送审--> unit_review | checking | countersigning | signing
  unit_review --approve 审核同意--> checking | countersigning | signing
  checking --review 核稿--> signing | countersigning
  countersigning --countersign 会签--> signing | countersigning
  signing --sign_off 签发--> rechecking
  unit_review|checking|countersigning|signing --return 退回修改--> draft
  rechecking --recheck 复核--> numbering | signing
  numbering --number 编号--> printing
  printing --print 印制--> issuing
  printing|issuing --send_back 退回复核--> rechecking
  issuing --issue 核发--> issued
  issued --archive 归档--> archived
  draft --withdraw 撤销--> withdrawn
"""

from __future__ import annotations

from django.utils import timezone

from shuniu.matters import services as engine
from shuniu.matters.models import Matter, Party, ReviewStep, Urgency
from shuniu.matters.rules import is_current_reviewer
from shuniu.matters.workflow import CommentForm, Holder, RequiredCommentForm, Transition, Workflow, register
from shuniu.org.models import Unit

from . import numbering, versions
from . import states as S
from .forms import CheckForm, PrintForm, RecheckForm, SignOffForm
from .models import DocType, IncomingDocument, OutgoingDocument, Recipient
from .rules import SECRETS_ROOM_CODE, is_owner_staff, is_secrets_room_clerk
from .services import (
    _invalid,
    _issuers,
    default_printer,
    filing_problems,
    resolve_names,
    resolve_signer,
    review_chain,
)


def _move_to_current_step(ctx: engine.Context) -> None:
    step = ctx.matter.review_steps.filter(status=ReviewStep.Status.CURRENT).order_by("seq").first()
    if step is not None:
        ctx.move_to(S.STATE_OF_STEP[step.name])


# --- doc_out effects -----------------------------------------------------------------------


def submit_effect(ctx: engine.Context) -> None:
    """送审: the filing rules must hold; the chain is laid out from the start every time."""
    doc = ctx.matter.outgoing
    signer = resolve_signer(doc)
    problems = filing_problems(doc, stage="submit", signer=signer)
    if problems:
        raise _invalid(problems)
    doc.signer = signer
    doc.save(update_fields=["signer"])
    ctx.start_review(review_chain(doc, signer))
    last = versions.latest(doc)
    ctx.entry_data.update({"signer": signer.get_full_name(), "version": last.number if last else None})
    _move_to_current_step(ctx)


def approve_effect(ctx: engine.Context) -> None:
    """部门审核 and 会签: agree, and the chain moves to its next step."""
    ctx.decide_review(True, ctx.comment or "同意。")
    _move_to_current_step(ctx)


def check_effect(ctx: engine.Context) -> None:
    """核稿 with its recorded checklist."""
    doc = ctx.matter.outgoing
    doc.review_checklist = {
        "items": {label: bool(ctx.data.get(name)) for name, label in CheckForm.ITEMS.items()},
        "by": ctx.by.get_full_name(), "at": ctx.now.isoformat(), "opinion": ctx.comment,
    }
    doc.save(update_fields=["review_checklist"])
    ctx.entry_data["checklist"] = doc.review_checklist["items"]
    approve_effect(ctx)


def return_effect(ctx: engine.Context) -> None:
    """退回修改: back to the drafter; resubmitting runs the whole chain again (no 体外循环)."""
    ctx.decide_review(False, ctx.comment)
    ctx.notify_unit(ctx.matter.owner_unit, f"文稿退回：{ctx.matter.title}", ctx.comment)


def sign_off_effect(ctx: engine.Context) -> None:
    """签发: the signer's opinion, name and full date are recorded; 圈阅 (no opinion) is consent."""
    doc = ctx.matter.outgoing
    opinion = ctx.comment or "圈阅同意。"
    ctx.comment = opinion
    ctx.decide_review(True, opinion)
    last = versions.latest(doc)
    doc.signer_name = ctx.by.get_full_name()
    doc.signed_at = ctx.now
    doc.sign_opinion = opinion
    doc.written_date = timezone.localtime(ctx.now).date()
    doc.signed_version = last.number if last else None
    doc.save(update_fields=["signer_name", "signed_at", "sign_opinion", "written_date", "signed_version"])
    ctx.entry_data.update({"signer": doc.signer_name, "version": doc.signed_version})
    ctx.notify_unit(ctx.matter.owner_unit, f"已签发：{ctx.matter.title}", f"{doc.signer_name}签发：{opinion}")


def changed_since_sign_off(doc: OutgoingDocument) -> bool:
    if doc.signed_version is None:
        return False
    signed = doc.versions.filter(number=doc.signed_version).first()
    last = versions.latest(doc)
    return signed is not None and last is not None and (signed.title != last.title or signed.body != last.body)


def recheck_effect(ctx: engine.Context) -> None:
    """复核: a substantive change (any change of title or text after 签发 is one) goes back to the signer."""
    doc = ctx.matter.outgoing
    substantive = bool(ctx.data.get("substantive")) or changed_since_sign_off(doc)
    ctx.entry_data["substantive"] = substantive
    if substantive:
        ctx.start_review([{"seq": 1, "name": S.STEP_SIGN, "person": doc.signer}])
        ctx.move_to(S.SIGNING)
        ctx.notify_person(doc.signer, f"复核发现实质性修改，请重新签发：{ctx.matter.title}", ctx.comment)
    else:
        ctx.move_to(S.NUMBERING)
        _hand_to_secrets_room(ctx)


def _hand_to_secrets_room(ctx: engine.Context) -> None:
    """A classified 发文 reaching 编号 becomes the 机要室's too (编号、印制、核发): it sees the
    document from now on and is told. Non-classified documents stay with the drafting section."""
    if not ctx.matter.secrecy:
        return
    room = Unit.objects.filter(code=SECRETS_ROOM_CODE, is_active=True).first()
    if room is None:
        return
    engine.add_party(ctx.matter, unit=room, relation=Party.Relation.PRINTER)
    ctx.notify_unit(room, f"涉密公文待编号印制：{ctx.matter.title}", "请按涉密公文管理规定编号、印制、核发。")


SECRETS_ROOM_TASKS = {S.NUMBERING: "涉密公文编号", S.PRINTING: "涉密公文印制", S.ISSUING: "涉密公文核发"}


def outgoing_holders(matter: Matter) -> list[Holder]:
    """The engine's, and for a classified 发文 from 编号 on the 机要室 too (我的待办)."""
    holders = engine.default_holders(matter)
    if matter.secrecy and matter.status in SECRETS_ROOM_TASKS:
        room = Unit.objects.filter(code=SECRETS_ROOM_CODE, is_active=True).values_list("pk", flat=True).first()
        if room is not None:
            holders.append(Holder(task=SECRETS_ROOM_TASKS[matter.status], unit_id=room, due_at=matter.due_at))
    return holders


def number_effect(ctx: engine.Context) -> None:
    """编号: the 发文字号 is taken now, once; a document that has one keeps it."""
    doc = ctx.matter.outgoing
    problems = filing_problems(doc, stage="number")
    if problems:
        raise _invalid(problems)
    if doc.number_seq is None:
        year = timezone.localtime(ctx.now).year
        doc.number_seq = numbering.allocate(doc.series, year)
        doc.number_year = year
        doc.doc_number = numbering.format_number(doc.series.code, year, doc.number_seq)
        doc.save(update_fields=["number_seq", "number_year", "doc_number"])
    ctx.entry_data["doc_number"] = doc.doc_number
    ctx.comment = ctx.comment or f"发文字号：{doc.doc_number}"


def print_effect(ctx: engine.Context) -> None:
    """印制: copies and the distribution list (主送、抄送 and any 分送)."""
    doc = ctx.matter.outgoing
    doc.copies = ctx.data["copies"]
    doc.print_date = timezone.localtime(ctx.now).date()
    if not doc.printer:
        doc.printer = default_printer(doc)
    doc.save(update_fields=["copies", "print_date", "printer"])
    existing = set(doc.recipients.exclude(unit=None).values_list("unit_id", flat=True))
    added = []
    for name, unit in resolve_names(ctx.data.get("extra_units") or []):
        if unit is None:
            raise engine.Invalid(f"分送单位不存在：{name}", {"extra_units": [f"分送单位不存在：{name}"]})
        if unit.pk in existing:
            continue
        existing.add(unit.pk)
        added.append(Recipient(document=doc, role=Recipient.Role.EXTRA, unit=unit, name=unit.name))
    Recipient.objects.bulk_create(added)
    ctx.entry_data.update({"copies": doc.copies, "extra_units": [r.unit.code for r in added]})


def send_back_effect(ctx: engine.Context) -> None:
    """退回复核: a fault found while printing or issuing goes back to 复核 (the number is kept)."""
    ctx.notify_unit(ctx.matter.owner_unit, f"退回复核：{ctx.matter.title}", ctx.comment)


def receiving_owner(unit: Unit) -> Unit:
    """Who keeps a unit's 收文: the office's 机要室 for the government and its office, else the unit."""
    if unit.kind in (Unit.Kind.GOVERNMENT, Unit.Kind.OFFICE, Unit.Kind.SECTION):
        return Unit.objects.filter(code="jys").first() or unit
    return unit


def issue_effect(ctx: engine.Context) -> None:
    """核发: each recipient in the system receives the document as 收文 waiting to be signed for."""
    doc = ctx.matter.outgoing
    m = ctx.matter
    doc.issued_at = ctx.now
    doc.save(update_fields=["issued_at"])
    issuer_name = "、".join(doc.signature_lines()) or "、".join(u.name for u in _issuers(doc))
    attachments = list(m.attachments.all())
    delivered = []
    for receipt in doc.recipients.filter(status=Recipient.Status.WAITING).select_related("unit"):
        owner = receiving_owner(receipt.unit)
        incoming, in_ctx = engine.create_matter(
            "doc_in", ctx.by, title=m.title, content=m.content, category=doc.doc_type, urgency=m.urgency,
            secrecy=m.secrecy, received_at=ctx.now, owner_unit=owner, status=S.TO_SIGN, source=m,
        )
        IncomingDocument.objects.create(
            matter=incoming, issuer_name=issuer_name[:200], issuer_unit=doc.lead_issuer, doc_number=doc.doc_number,
            doc_number_raw=doc.doc_number, doc_type=doc.doc_type, received_date=timezone.localtime(ctx.now).date(),
            source=doc,
        )
        for item in attachments:
            incoming.attachments.create(file=item.file.name, name=item.name, size=item.size,
                                        content_type=item.content_type, uploaded_by=item.uploaded_by)
        in_ctx.notify_unit(owner, f"新收文待签收：{m.title}", f"{issuer_name}{doc.doc_number}，请及时签收。",
                           level="warning" if m.urgency != Urgency.NORMAL else "info")
        engine.finish_creation(in_ctx, "deliver", "分发")
        receipt.incoming, receipt.status, receipt.sent_at = incoming, Recipient.Status.SENT, ctx.now
        receipt.save(update_fields=["incoming", "status", "sent_at"])
        delivered.append(receipt.unit.code)
    ctx.entry_data.update({"doc_number": doc.doc_number, "delivered": delivered})


def archive_effect(ctx: engine.Context) -> None:
    doc = ctx.matter.outgoing
    doc.archived, doc.archived_at = True, ctx.now
    doc.save(update_fields=["archived", "archived_at"])


def withdraw_effect(ctx: engine.Context) -> None:
    """撤销: only a draft not yet numbered may be withdrawn, so no 发文字号 is ever lost."""
    ctx.matter.review_steps.filter(status__in=[ReviewStep.Status.WAITING, ReviewStep.Status.CURRENT]).update(
        status=ReviewStep.Status.VOID)


OUTGOING = register(Workflow(
    kind="doc_out",
    label="发文",
    serial_prefix="FW",
    owner_unit="mc1",
    states=S.OUT_STATES,
    initial=S.DRAFT,
    closed_states=(S.ISSUED, S.ARCHIVED, S.WITHDRAWN),
    categories=dict(DocType.choices),
    transitions=[
        Transition("submit", "送审", (S.DRAFT,), S.UNIT_REVIEW, is_owner_staff, form=CommentForm,
                   effect=submit_effect, also=tuple(S.REVIEW_STATES),
                   help="送审前自动检查行文规则；送审后按部门审核、办公室核稿、会签、签发的顺序逐级办理"),
        Transition("approve", "审核同意", (S.UNIT_REVIEW,), S.CHECKING, is_current_reviewer, form=CommentForm,
                   effect=approve_effect, also=(S.COUNTERSIGNING, S.SIGNING), style="success"),
        Transition("review", "核稿", (S.CHECKING,), S.SIGNING, is_current_reviewer, form=CheckForm,
                   effect=check_effect, also=(S.COUNTERSIGNING,), style="success",
                   help="逐项核对文字、政策法规、格式、运转流程后提交"),
        Transition("countersign", "会签", (S.COUNTERSIGNING,), S.SIGNING, is_current_reviewer, form=CommentForm,
                   effect=approve_effect, also=(S.COUNTERSIGNING,), style="success"),
        Transition("sign_off", "签发", (S.SIGNING,), S.RECHECKING, is_current_reviewer, form=SignOffForm,
                   effect=sign_off_effect, style="success"),
        Transition("return", "退回修改", tuple(S.REVIEW_STATES), S.DRAFT, is_current_reviewer,
                   form=RequiredCommentForm, effect=return_effect, style="secondary"),
        Transition("recheck", "复核", (S.RECHECKING,), S.NUMBERING, is_owner_staff, form=RecheckForm,
                   effect=recheck_effect, also=(S.SIGNING,),
                   help="签发后对标题、正文有改动的，视为实质性修改，退回签发人重新签发"),
        # From 编号 on, a classified 发文 is also the 机要室's to number, print and issue.
        Transition("number", "编号", (S.NUMBERING,), S.PRINTING, is_owner_staff | is_secrets_room_clerk,
                   form=CommentForm, effect=number_effect, help="登记编号，取得发文字号"),
        Transition("print", "印制", (S.PRINTING,), S.ISSUING, is_owner_staff | is_secrets_room_clerk, form=PrintForm,
                   effect=print_effect),
        Transition("send_back", "退回复核", (S.PRINTING, S.ISSUING), S.RECHECKING, is_owner_staff | is_secrets_room_clerk,
                   form=RequiredCommentForm, effect=send_back_effect, style="secondary",
                   help="印制、核发中发现问题退回复核；已取得的发文字号保留不变"),
        Transition("issue", "核发", (S.ISSUING,), S.ISSUED, is_owner_staff | is_secrets_room_clerk, form=CommentForm,
                   effect=issue_effect, closes=True, style="success",
                   help="核发后系统内的主送、抄送、分送单位即收到此文，签收情况见签收回执"),
        Transition("archive", "归档", (S.ISSUED,), S.ARCHIVED, is_owner_staff, form=CommentForm,
                   effect=archive_effect, style="secondary"),
        Transition("withdraw", "撤销", (S.DRAFT,), S.WITHDRAWN, is_owner_staff, form=RequiredCommentForm,
                   effect=withdraw_effect, closes=True, style="danger"),
    ],
    holders=outgoing_holders,
    detail_model="documents.OutgoingDocument",
    detail_template="documents/_outgoing_detail.html",
    print_template="documents/print_outgoing.html",
    detail_serializer="shuniu.documents.api.outgoing_detail",
))
