"""收文 doc_in — the whole life of an incoming document on one screen, with its effects
(the seven steps: 签收 登记 初审 承办 传阅 催办 答复/办结):

  to_sign 待签收 ──sign──▶ to_register 待登记 ──register──▶ to_review 待初审 ──review──▶ to_propose 待拟办
                                                              └──reject(退回)──▶ returned
  to_propose ──propose(拟办, 呈批领导)──▶ to_instruct 待批办 ──instruct(批办)──▶ to_assign 待分办
  to_assign ──assign(承办: 主办/协办, 时限)──▶ handling 承办中 ──reply(主办)──▶ replied ──finish──▶ done
  to_assign ──finish──▶ done (阅件)          circulate 传阅 / mark_read 阅文(圈阅) / chase 催办 alongside

A 收文 comes from 核发 of a 发文 in the system (workflow_outgoing.issue_effect) or is registered
on paper (`services.register_incoming`).

State diagram of doc_in (drawn by `shuniu kind_diagram doc_in`; regenerate, do not edit):

  to_sign 待签收 (start)
  to_register 待登记
  to_review 待初审
  to_propose 待拟办
  to_instruct 待批办
  to_assign 待分办
  handling 承办中
  replied 已反馈待办结
  done 已办结 (closed)
  returned 已退回 (closed)

  to_sign --sign 签收--> to_register
  to_register --register 登记--> to_review
  to_review --review 初审通过--> to_propose
  to_review --reject 退回--> returned
  to_propose --propose 拟办--> to_instruct
  to_instruct --instruct 批办--> to_assign
  to_assign --assign 承办--> handling
  handling --accept 承办签收--> handling
  handling --return 退回--> to_assign | handling
  handling --report_progress 进展反馈--> (state kept)
  handling --request_extension 申请延期--> (state kept)
  handling --approve_extension 批准延期--> (state kept)
  handling --reject_extension 不予延期--> (state kept)
  handling --reply 反馈办理结果--> replied | handling
  to_assign|handling|replied --circulate 传阅--> (state kept)
  to_assign|handling|replied|done --mark_read 阅文--> (state kept)
  handling --chase 催办--> (state kept)
  to_assign|replied --finish 办结--> done
"""

from __future__ import annotations

from django.utils import timezone

from shuniu.matters import common
from shuniu.matters import services as engine
from shuniu.matters.common import assign_units
from shuniu.matters.models import Assignment, Matter, Party, Urgency
from shuniu.matters.rules import is_current_reviewer
from shuniu.matters.workflow import CommentForm, Holder, Transition, Workflow, register
from shuniu.org.models import OFFICE_LEADER_ROLES, Role, Unit, User

from . import docnum
from . import states as S
from .forms import (
    AssignForm,
    CirculateForm,
    FinishForm,
    InstructForm,
    ProposeForm,
    ReadForm,
    RegisterForm,
    RejectForm,
)
from .models import Circulation, DocType, IncomingDocument, Recipient
from .rules import is_owner_staff, is_unread_reader


def sign_effect(ctx: engine.Context) -> None:
    """签收: the sender's receipt (签收回执) is marked signed."""
    receipt = Recipient.objects.filter(incoming=ctx.matter).select_related("document__matter").first()
    if receipt is not None:
        receipt.status, receipt.signed_at, receipt.signed_by = Recipient.Status.SIGNED, ctx.now, ctx.by
        receipt.save(update_fields=["status", "signed_at", "signed_by"])
        sender = receipt.document.matter
        ctx.notify_unit(sender.owner_unit, f"已签收：{sender.title}",
                        f"{ctx.matter.owner_unit.name}已于{timezone.localtime(ctx.now):%Y年%m月%d日 %H:%M}签收。")


def register_effect(ctx: engine.Context) -> None:
    """登记: check and complete the particulars (文号 normalised)."""
    detail = ctx.matter.incoming
    raw = (ctx.data.get("doc_number") or "").strip()
    if raw:
        detail.doc_number_raw, detail.doc_number = raw, docnum.normalise(raw)
    if ctx.data.get("doc_type"):
        detail.doc_type = ctx.data["doc_type"]
        ctx.matter.category = detail.doc_type
    if ctx.data.get("copies"):
        detail.copies = ctx.data["copies"]
    detail.save()
    ctx.entry_data["doc_number"] = detail.doc_number


def reject_effect(ctx: engine.Context) -> None:
    """初审退回: not for this office, or type, format or filing rules wrong — with reasons."""
    detail = ctx.matter.incoming
    detail.return_reason = ctx.data["reason"]
    detail.save(update_fields=["return_reason"])
    receipt = Recipient.objects.filter(incoming=ctx.matter).select_related("document__matter").first()
    if receipt is not None:
        receipt.status = Recipient.Status.RETURNED
        receipt.save(update_fields=["status"])
        ctx.notify_unit(receipt.document.matter.owner_unit, f"来文被退回：{ctx.matter.title}",
                        f"{ctx.matter.owner_unit.name}退回，理由：{detail.return_reason}", level="warning")


def _may_instruct(person: User, matter: Matter) -> bool:
    """Who may be asked to 批办: for the office's 收文, the government's leaders and the office's
    directors; for a department's or county's, its head."""
    owner = matter.owner_unit
    if owner.kind in (Unit.Kind.SECTION, Unit.Kind.OFFICE, Unit.Kind.GOVERNMENT):
        return person.has_role(Role.PRINCIPAL_LEADER, Role.DEPUTY_LEADER, *OFFICE_LEADER_ROLES)
    return person.memberships.filter(unit=owner, role=Role.HEAD, is_active=True).exists()


def propose_effect(ctx: engine.Context) -> None:
    """拟办: the office proposes how to handle it and which leader should instruct (批办)."""
    leader = ctx.data["leader"]
    if not _may_instruct(leader, ctx.matter):
        raise engine.Invalid(f"{leader.get_full_name()}不能批办本单位收文", {"leader": ["所选领导不能批办该文"]})
    if leader.clearance < ctx.matter.secrecy:
        raise engine.Invalid(f"{leader.get_full_name()}的涉密等级不足，不能呈批该文件", {"leader": ["涉密等级不足"]})
    detail = ctx.matter.incoming
    detail.handling, detail.proposal = ctx.data["handling"], ctx.comment
    detail.proposed_by, detail.proposed_at = ctx.by, ctx.now
    detail.save(update_fields=["handling", "proposal", "proposed_by", "proposed_at"])
    ctx.start_review([{"seq": 1, "name": S.STEP_INSTRUCT, "person": leader}])
    ctx.entry_data.update({"leader": leader.get_full_name(), "handling": detail.get_handling_display()})
    ctx.notify_person(leader, f"请批办：{ctx.matter.title}", ctx.comment)


def instruct_effect(ctx: engine.Context) -> None:
    """批办: the leader's instruction (无领导签批的不办)."""
    ctx.decide_review(True, ctx.comment)
    detail = ctx.matter.incoming
    detail.instruction, detail.instructed_by, detail.instructed_at = ctx.comment, ctx.by, ctx.now
    detail.save(update_fields=["instruction", "instructed_by", "instructed_at"])
    ctx.notify_unit(ctx.matter.owner_unit, f"领导已批办：{ctx.matter.title}", ctx.comment)


def assign_effect(ctx: engine.Context) -> None:
    """承办: units (one lead) and a deadline; an urgent document must be given one explicitly."""
    if ctx.matter.urgency != Urgency.NORMAL and not ctx.data.get("due_date"):
        raise engine.Invalid("紧急公文必须明确办理时限", {"due_date": ["紧急公文必须明确办理时限"]})
    assign_units(ctx)


def circulate_effect(ctx: engine.Context) -> None:
    """传阅: to leaders cleared for the document's 密级."""
    detail = ctx.matter.incoming
    created = []
    for reader in ctx.data["readers"]:
        if reader.clearance < ctx.matter.secrecy:
            raise engine.Invalid(f"{reader.get_full_name()}的涉密等级不足，不能传阅该文件",
                                 {"readers": [f"{reader.get_full_name()}涉密等级不足"]})
        _circ, new = Circulation.objects.get_or_create(
            document=detail, reader=reader, defaults={"sent_by": ctx.by, "sent_at": ctx.now})
        if new:
            engine.add_party(ctx.matter, person=reader, relation=Party.Relation.READER)
            ctx.notify_person(reader, f"请阅：{ctx.matter.title}", ctx.comment)
            created.append(reader.get_full_name())
    if not created:
        raise engine.Invalid("所选领导均已在传阅名单中", {"readers": ["所选领导均已在传阅名单中"]})
    ctx.entry_data["readers"] = created


def read_effect(ctx: engine.Context) -> None:
    """阅文: with an opinion, or 圈阅 (no opinion) — read and agreed."""

    circulation = (ctx.matter.incoming.circulations.filter(reader_id__in=ctx.by.acting_ids(), read_at__isnull=True)
                   .order_by("id").first())
    if circulation.reader_id != ctx.by.pk:
        ctx.entry_data["_acting_for"] = circulation.reader.get_full_name()
    circulation.read_at, circulation.opinion = ctx.now, ctx.comment
    circulation.circled = not ctx.comment
    circulation.save(update_fields=["read_at", "opinion", "circled"])
    ctx.entry_data["circled"] = circulation.circled
    ctx.comment = ctx.comment or "圈阅（已阅同意）"


def finish_effect(ctx: engine.Context) -> None:
    """办结: a 阅件 once instructed; a 办件 once the lead unit has reported back."""
    detail = ctx.matter.incoming
    assignments = ctx.matter.assignments.exclude(status__in=[Assignment.Status.CANCELLED, Assignment.Status.RETURNED])
    if assignments.filter(status__in=Assignment.ACTIVE, role=Assignment.Role.LEAD).exists():
        raise engine.Invalid("主办单位尚未反馈办理结果，不能办结")
    if ctx.matter.status == S.TO_ASSIGN and detail.handling == IncomingDocument.Handling.ACTION:
        raise engine.Invalid("该文为办件，请先交承办单位办理")
    detail.result = ctx.comment
    detail.save(update_fields=["result"])


def incoming_holders(matter: Matter) -> list[Holder]:
    """Who must act next on a 收文: the engine's defaults plus every leader yet to read it (传阅)."""
    holders = engine.default_holders(matter) if matter.is_open else []
    if hasattr(matter, "incoming"):
        for circulation in matter.incoming.circulations.filter(read_at__isnull=True):
            holders.append(Holder(task="传阅", person_id=circulation.reader_id, due_at=matter.due_at))
    return holders


INCOMING = register(Workflow(
    kind="doc_in",
    label="收文",
    serial_prefix="SW",
    owner_unit="jys",
    states=S.IN_STATES,
    initial=S.TO_SIGN,
    closed_states=(S.DONE, S.RETURNED),
    # Local practice (configurable): a document is handled within 3 working days unless the
    # office sets another deadline; urgent documents always get an explicit one (assign_effect).
    deadlines={"handle": "3 working days", "extension_max": "10 working days"},
    max_extensions=1,
    categories=dict(DocType.choices),
    holders=incoming_holders,
    transitions=[
        Transition("sign", "签收", (S.TO_SIGN,), S.TO_REGISTER, is_owner_staff, form=CommentForm,
                   effect=sign_effect, style="success"),
        Transition("register", "登记", (S.TO_REGISTER,), S.TO_REVIEW, is_owner_staff, form=RegisterForm,
                   effect=register_effect),
        Transition("review", "初审通过", (S.TO_REVIEW,), S.TO_PROPOSE, is_owner_staff, form=CommentForm,
                   style="success", help="审核是否应由本机关办理，文种、格式、行文规则是否符合要求"),
        Transition("reject", "退回", (S.TO_REVIEW,), S.RETURNED, is_owner_staff, form=RejectForm,
                   effect=reject_effect, closes=True, style="danger"),
        Transition("propose", "拟办", (S.TO_PROPOSE,), S.TO_INSTRUCT, is_owner_staff, form=ProposeForm,
                   effect=propose_effect),
        Transition("instruct", "批办", (S.TO_INSTRUCT,), S.TO_ASSIGN, is_current_reviewer, form=InstructForm,
                   effect=instruct_effect, style="success"),
        Transition("assign", "承办", (S.TO_ASSIGN,), S.HANDLING, is_owner_staff, form=AssignForm,
                   effect=assign_effect, help="确定主办、协办单位和办理时限"),
        common.accept([S.HANDLING], S.HANDLING, label="承办签收"),
        common.return_assignment([S.HANDLING], S.TO_ASSIGN, stay=S.HANDLING, window="2 working days"),
        common.report_progress([S.HANDLING]),
        common.request_extension([S.HANDLING]),
        *common.extension_decisions([S.HANDLING], guard=is_owner_staff),
        common.reply([S.HANDLING], S.REPLIED, stay=S.HANDLING, label="反馈办理结果"),
        Transition("circulate", "传阅", (S.TO_ASSIGN, S.HANDLING, S.REPLIED), None, is_owner_staff,
                   form=CirculateForm, effect=circulate_effect, style="secondary"),
        Transition("mark_read", "阅文", (S.TO_ASSIGN, S.HANDLING, S.REPLIED, S.DONE), None, is_unread_reader,
                   form=ReadForm, effect=read_effect, style="success", help="不填写意见即为圈阅"),
        common.chase([S.HANDLING], guard=is_owner_staff),
        Transition("finish", "办结", (S.TO_ASSIGN, S.REPLIED), S.DONE, is_owner_staff, form=FinishForm,
                   effect=finish_effect, closes=True, style="success"),
    ],
    detail_model="documents.IncomingDocument",
    detail_template="documents/_incoming_detail.html",
    detail_serializer="shuniu.documents.api.incoming_detail",
))
