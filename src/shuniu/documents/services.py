"""公文 operations. The views and the API call these; the transitions of workflow.py run the
`*_effect` functions inside the engine's `perform` (one transaction, one journal entry).

发文 (doc_out): `create_outgoing` (拟稿) and `edit_outgoing` (修改文稿, a new version each time);
the chain's effects check the filing rules (行文规则), lay out the review chain, record the
sign-off, allocate the 发文字号 and distribute the issued document to the recipients' 收文.
收文 (doc_in): `register_incoming` (签收登记) and the effects of its seven steps.
"""

from __future__ import annotations

import datetime
import re

from django.db import transaction
from django.utils import timezone

from shuniu.matters import services as engine
from shuniu.matters.common import assign_units
from shuniu.matters.models import Assignment, Matter, Party, ReviewStep, Urgency
from shuniu.matters.rules import current_review_step
from shuniu.matters.workflow import Holder
from shuniu.org.models import OFFICE_LEADER_ROLES, Membership, Portfolio, Role, Secrecy, Unit, User

from . import docnum, numbering, versions
from . import states as S
from .forms import SPLIT, IncomingForm, OutgoingForm, find_unit
from .models import (
    SECRECY_MAX_YEARS,
    UNADDRESSED_TYPES,
    Circulation,
    Direction,
    DocType,
    IncomingDocument,
    NumberSeries,
    OutgoingDocument,
    Recipient,
    SignOffRule,
    title_endings,
)
from .rules import OFFICE_CODE, SECRETS_ROOM_CODE, drafting_unit_for, registering_unit_for

# Group names used in 主送/抄送 that stand for every unit of a kind.
GROUP_NAMES = {
    "各区县人民政府": Unit.Kind.COUNTY,
    "各县区人民政府": Unit.Kind.COUNTY,
    "各县（区）人民政府": Unit.Kind.COUNTY,
    "各区（县）人民政府": Unit.Kind.COUNTY,
    "市政府各部门": Unit.Kind.DEPARTMENT,
    "市政府各委办局": Unit.Kind.DEPARTMENT,
    "市直各部门": Unit.Kind.DEPARTMENT,
    "市直各单位": Unit.Kind.DEPARTMENT,
}
# Phrases that make a 报告 a hidden 请示 (报告中不得夹带请示事项).
REQUEST_PHRASES = ("请批示", "请批准", "请予批准", "请审批", "请予审批", "请审定", "妥否，请", "当否，请")
PHONE = re.compile(r"\d{7,}|\d{3,4}-\d{7,8}")


def _invalid(problems: dict[str, list[str]]) -> engine.Invalid:
    first = next(iter(problems.values()))[0]
    return engine.Invalid(first, problems)


def _form_invalid(form) -> engine.Invalid:
    fields = engine.form_errors(form)
    labels = {name: str(field.label) for name, field in form.fields.items()}
    return engine.Invalid(engine.first_error(fields, labels), fields)


# --- Organisation lookups ----------------------------------------------------------------


def government_of(unit: Unit) -> Unit | None:
    for node in (unit, *unit.ancestors()):
        if node.kind == Unit.Kind.GOVERNMENT:
            return node
    return None


def subordinate_ids(issuer: Unit) -> set[int]:
    """Units below the issuing organ (下级机关). The government office issues on the government's
    behalf, so the government's departments and counties are below it too."""
    top = government_of(issuer) or issuer
    above = {issuer.pk, top.pk, *(u.pk for u in issuer.ancestors())}
    return top.descendant_ids() - above


def principal_leader() -> User | None:
    membership = (Membership.objects.filter(is_active=True, role=Role.PRINCIPAL_LEADER, person__is_active=True)
                  .select_related("person").order_by("unit__sort_order", "id").first())
    return membership.person if membership else None


def office_director() -> User | None:
    membership = (Membership.objects.filter(is_active=True, role=Role.OFFICE_DIRECTOR, unit__code=OFFICE_CODE,
                                            person__is_active=True)
                  .select_related("person").order_by("id").first())
    return membership.person if membership else None


def portfolio_leader(unit: Unit | None) -> User | None:
    if unit is None:
        return None
    portfolio = (Portfolio.objects.filter(unit=unit, leader__is_active=True,
                                          leader__memberships__role=Role.DEPUTY_LEADER,
                                          leader__memberships__is_active=True)
                 .select_related("leader").order_by("id").first())
    return portfolio.leader if portfolio else None


def unit_head(unit: Unit) -> User | None:
    membership = (unit.memberships.filter(is_active=True, role=Role.HEAD, person__is_active=True)
                  .select_related("person").order_by("id").first())
    return membership.person if membership else None


# --- Recipients ---------------------------------------------------------------------------


def resolve_names(names: list[str]) -> list[tuple[str, Unit | None]]:
    """Each name as (display name, unit in the system or None). Group names expand to every unit."""
    resolved: list[tuple[str, Unit | None]] = []
    for name in names:
        kind = GROUP_NAMES.get(name)
        if kind:
            resolved.extend((u.name, u) for u in Unit.objects.filter(kind=kind, is_active=True).order_by("sort_order"))
            continue
        unit = find_unit(name)
        resolved.append((name if unit is None else unit.name, unit))
    return resolved


def _names(text: str) -> list[str]:
    return [n.strip() for n in SPLIT.split(text or "") if n.strip()]


def sync_recipients(doc: OutgoingDocument) -> None:
    """Rebuild the 主送/抄送 rows from the draft's text (before issue; 分送 rows are kept)."""
    doc.recipients.filter(role__in=[Recipient.Role.MAIN, Recipient.Role.CC]).delete()
    seen: set[int] = set()
    rows = []
    for role, text in ((Recipient.Role.MAIN, doc.main_to), (Recipient.Role.CC, doc.cc)):
        for name, unit in resolve_names(_names(text)):
            if unit is not None:
                if unit.pk in seen:
                    continue
                seen.add(unit.pk)
            rows.append(Recipient(document=doc, role=role, unit=unit, name=name[:100],
                                  status=Recipient.Status.WAITING if unit else Recipient.Status.EXTERNAL))
    Recipient.objects.bulk_create(rows)


# --- Drafting ----------------------------------------------------------------------------


def _issuers(doc: OutgoingDocument) -> list[Unit]:
    return [doc.lead_issuer, *doc.co_issuers.order_by("sort_order")]


def default_issuer_mark(doc: OutgoingDocument) -> str:
    names = [u.name for u in _issuers(doc)]
    if doc.doc_type == DocType.MINUTES:
        return f"{names[0]}会议纪要"
    return "\n".join(names)


def default_printer(doc: OutgoingDocument) -> str:
    """印发机关: the issuer's office (办公厅/室) prints; the office itself prints its own documents."""
    lead = doc.lead_issuer
    if lead.kind == Unit.Kind.GOVERNMENT:
        office = lead.children.filter(kind=Unit.Kind.OFFICE, is_active=True).first()
        if office:
            return office.name
    return lead.name


def _apply(doc: OutgoingDocument, clean: dict) -> None:
    """Copy validated form data onto the document and its matter (not saved)."""
    m = doc.matter
    m.title = clean["title"].strip()
    m.content = clean.get("body") or ""
    m.category = clean["doc_type"]
    m.urgency = clean.get("urgency") or Urgency.NORMAL
    m.secrecy = clean.get("secrecy") or Secrecy.NONE
    m.lead_unit = clean.get("sponsor")
    doc.doc_type = clean["doc_type"]
    doc.direction = clean["direction"]
    doc.is_important = bool(clean.get("is_important"))
    doc.copy_number = clean.get("copy_number") or ""
    doc.secrecy_years = clean.get("secrecy_years")
    doc.main_to = "、".join(clean.get("main_to") or [])
    doc.cc = "、".join(clean.get("cc") or [])
    doc.attachment_notes = clean.get("attachment_notes") or ""
    doc.annotation = clean.get("annotation") or ""
    doc.sealed = bool(clean.get("sealed"))
    doc.issuer_mark = clean.get("issuer_mark") or ""
    doc.signature = clean.get("signature") or ""
    doc.printer = clean.get("printer") or ""


def _choose_series(clean: dict) -> NumberSeries:
    issuers = clean.get("issuers") or []
    lead = issuers[0] if issuers else Unit.objects.filter(code=OFFICE_CODE).first()
    if lead is None:
        raise engine.Invalid("请指定发文机关", {"issuer_units": ["请指定发文机关"]})
    code = (clean.get("series") or "").strip()
    if code:
        series = NumberSeries.objects.filter(code=code, is_active=True).select_related("issuer").first()
        if series is None:
            raise engine.Invalid(f"机关代字“{code}”不存在或已停用", {"series": ["机关代字不存在或已停用"]})
        if series.issuer_id != lead.pk:
            raise engine.Invalid(f"机关代字“{code}”属于{series.issuer.name}，与主办发文机关{lead.name}不符",
                                 {"series": ["机关代字与发文机关不符"]})
        return series
    series = numbering.series_for(lead, clean["doc_type"])
    if series is None:
        raise engine.Invalid(f"{lead.name}尚未设置发文字号（机关代字），请联系系统管理员",
                             {"issuer_units": ["发文机关尚未设置发文字号"]})
    return series


def create_outgoing(by: User, data, files=None, *, received_at=None) -> Matter:
    """拟稿: a new draft in the drafter's section, with its first version."""
    if not by.has_perm("documents.draft_outgoing"):
        raise engine.Forbidden("只有市政府办公室各科室工作人员可以拟稿")
    form = OutgoingForm(data)
    if not form.is_valid():
        raise _form_invalid(form)
    clean = form.cleaned_data
    _check_clearance(by, clean)
    series = _choose_series(clean)
    drafting_unit = drafting_unit_for(by)
    with transaction.atomic():
        matter, ctx = engine.create_matter(
            "doc_out", by, title=clean["title"], content=clean.get("body") or "", category=clean["doc_type"],
            urgency=clean["urgency"], secrecy=clean.get("secrecy") or 0, owner_unit=drafting_unit,
            received_at=received_at,
        )
        doc = OutgoingDocument(matter=matter, drafting_unit=drafting_unit, series=series)
        _apply(doc, clean)
        doc.save()
        doc.co_issuers.set(clean["issuers"][1:])
        _fill_defaults(doc)
        doc.save()
        sync_recipients(doc)
        versions.save_version(doc, by, ctx.now, note=clean.get("note") or "初稿")
        ctx.entry_data["version"] = 1
        engine.finish_creation(ctx, "draft", "拟稿")
        if files:
            engine.save_files(matter, matter.entries.order_by("-id").first(), by, files)
    return matter


def _fill_defaults(doc: OutgoingDocument) -> None:
    if not doc.issuer_mark:
        doc.issuer_mark = default_issuer_mark(doc)
    if not doc.signature and doc.doc_type != DocType.MINUTES:
        doc.signature = "\n".join(u.name for u in _issuers(doc))
    if not doc.printer:
        doc.printer = default_printer(doc)


def _check_clearance(by: User, clean: dict) -> None:
    if (clean.get("secrecy") or 0) > by.clearance:
        raise engine.Invalid("公文密级不能高于您的涉密等级", {"secrecy": ["密级高于您的涉密等级"]})


def _fixed_changes(doc: OutgoingDocument, clean: dict, series: NumberSeries) -> list[str]:
    changed = []
    if clean["doc_type"] != doc.doc_type:
        changed.append("doc_type")
    if clean["direction"] != doc.direction:
        changed.append("direction")
    if bool(clean.get("is_important")) != doc.is_important:
        changed.append("is_important")
    if clean["issuers"] and [u.pk for u in clean["issuers"]] != [u.pk for u in _issuers(doc)]:
        changed.append("issuer_units")
    if series.pk != doc.series_id:
        changed.append("series")
    sponsor = clean.get("sponsor")
    if (sponsor.pk if sponsor else None) != doc.matter.lead_unit_id:
        changed.append("sponsor_unit")
    return changed


def current_values(doc: OutgoingDocument) -> dict:
    """The draft as form data (to prefill the edit page and to merge partial API edits)."""
    m = doc.matter
    return {
        "doc_type": doc.doc_type, "direction": doc.direction, "is_important": doc.is_important,
        "title": m.title, "body": m.content, "main_to": doc.main_to, "cc": doc.cc,
        "issuer_units": [u.code for u in _issuers(doc)], "series": doc.series.code,
        "sponsor_unit": m.lead_unit.code if m.lead_unit_id else "", "secrecy": m.secrecy,
        "secrecy_years": doc.secrecy_years, "copy_number": doc.copy_number, "urgency": m.urgency,
        "issuer_mark": doc.issuer_mark, "signature": doc.signature, "attachment_notes": doc.attachment_notes,
        "annotation": doc.annotation, "sealed": "true" if doc.sealed else "false", "printer": doc.printer,
    }


def may_edit(user: User, matter: Matter) -> bool:
    """修改文稿: the drafting section while drafting and at 复核; during review, whoever holds the
    current step (核稿人改稿, 领导改稿)."""
    from .rules import is_owner_staff

    if matter.kind != "doc_out" or matter.status not in S.EDITABLE_STATES:
        return False
    if matter.status in (S.DRAFT, S.RECHECKING):
        return is_owner_staff(user, matter)
    return current_review_step(user, matter) is not None


# Fields fixed once the draft has been submitted: they decide the chain and the number.
FIXED_AFTER_SUBMIT = ("doc_type", "direction", "is_important", "issuer_units", "series", "sponsor_unit")


def edit_outgoing(matter: Matter | int, by: User, data, *, version: int | None = None) -> versions.DraftVersion:
    """修改文稿: change the draft; the change is kept as a new version and journaled."""
    matter_id = matter.pk if isinstance(matter, Matter) else matter
    from shuniu.matters.rules import can_view

    with transaction.atomic():
        locked = Matter.objects.select_for_update().filter(pk=matter_id, kind="doc_out").first()
        if locked is None or not can_view(by, locked):
            raise engine.NotFound("公文不存在或您无权查看")
        if version is not None and int(version) != locked.version:
            raise engine.Conflict("该文稿已被他人处理，请刷新页面后再修改")
        if locked.status not in S.EDITABLE_STATES:
            raise engine.Conflict(f"公文当前环节为“{locked.status_label}”，已不能修改文稿")
        if not may_edit(by, locked):
            raise engine.Forbidden("您不是当前环节的办理人，不能修改文稿")
        doc = locked.outgoing
        current = current_values(doc)
        if hasattr(data, "getlist"):
            # A whole form from the edit page; fields shown read-only after 送审 are not posted.
            merged = {name: data.get(name) for name in OutgoingForm.base_fields}
            if locked.status != S.DRAFT:
                merged.update({name: current[name] for name in FIXED_AFTER_SUBMIT})
        else:
            # The API may send only the fields that change.
            merged = {**current, **{k: v for k, v in dict(data).items() if k in OutgoingForm.base_fields}}
        form = OutgoingForm(merged)
        if not form.is_valid():
            raise _form_invalid(form)
        clean = form.cleaned_data
        _check_clearance(by, clean)
        series = _choose_series(clean)
        if locked.status != S.DRAFT:
            changed = _fixed_changes(doc, clean, series)
            if changed:
                labels = "、".join(str(OutgoingForm.base_fields[n].label) for n in changed)
                raise engine.Invalid(f"送审后不能更改{labels}；如需更改，请退回拟稿人修改",
                                     {n: ["送审后不能更改"] for n in changed})
        doc.series = series
        _apply(doc, clean)
        if clean["issuers"]:
            doc.co_issuers.set(clean["issuers"][1:])
        _fill_defaults(doc)
        now = timezone.now()
        doc.save()
        new = versions.save_version(doc, by, now, note=clean.get("note") or "")
        if new is None:
            raise engine.Invalid("文稿没有改动")
        sync_recipients(doc)
        locked.version += 1
        locked.save()
        engine.record_event(locked, by, "edit", "修改文稿", comment=clean.get("note") or "",
                            data={"version": new.number})
        return new


# --- Filing rules (行文规则) ----------------------------------------------------------------


def filing_problems(doc: OutgoingDocument, *, stage: str = "submit", signer: User | None = None) -> dict:
    """Every filing rule the draft breaks, as {field: [Chinese message]} (empty when it may go on)."""
    problems: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        problems.setdefault(field, []).append(message)

    m = doc.matter
    lead = doc.lead_issuer
    if lead.kind == Unit.Kind.SECTION:
        add("issuer_units", "机关内设机构除办公厅（室）外不得对外正式行文")
    endings = title_endings(doc.doc_type)
    if not m.title.endswith(endings):
        add("title", f"标题应当由发文机关、事由和文种组成，并以文种“{endings[0]}”结尾")
    if not m.content.strip():
        add("body", "正文不能为空")
    main_names = _names(doc.main_to)
    if doc.doc_type not in UNADDRESSED_TYPES and not main_names:
        add("main_to", "请填写主送机关")
    if stage == "submit" and signer is None and doc.direction != Direction.UPWARD:
        add("signer", "未能确定签发领导，请系统管理员检查签发规则和领导任职")
    if doc.direction == Direction.UPWARD:
        if stage == "submit" and signer is None:
            add("signer", "上行文应当标注签发人，但未能确定签发领导（主要负责人），请先设置")
        if stage == "number" and not doc.signer_name:
            add("signer", "上行文应当标注签发人，该文尚未签发")
        main = resolve_names(main_names)
        if len(main) > 1:
            add("main_to", "请示应当一文一事，只能主送一个上级机关" if doc.doc_type == DocType.REQUEST
                else "上行文只能主送一个上级机关，不得多头主送")
        below = subordinate_ids(lead)
        lower_main = [name for name, unit in main if unit is not None and unit.pk in below]
        if lower_main:
            add("main_to", f"上行文应当主送上级机关，{'、'.join(lower_main)}是下级机关")
        lower_cc = [name for name, unit in resolve_names(_names(doc.cc)) if unit is not None and unit.pk in below]
        if lower_cc:
            add("cc", f"上行文不得抄送下级机关：{'、'.join(lower_cc)}")
    if doc.doc_type == DocType.REQUEST and not PHONE.search(doc.annotation):
        add("annotation", "请示应当在附注处注明联系人姓名和电话")
    if doc.doc_type == DocType.REPORT:
        found = [p for p in REQUEST_PHRASES if p in m.content]
        if found:
            add("body", f"报告中不得夹带请示事项（出现“{found[0]}”），请示事项应当另行请示")
    if m.secrecy:
        level = Secrecy(m.secrecy)
        if not doc.copy_number:
            add("copy_number", "涉密公文应当标注份号")
        if not doc.secrecy_years:
            add("secrecy_years", "涉密公文应当标注保密期限")
        elif doc.secrecy_years > SECRECY_MAX_YEARS[level]:
            add("secrecy_years", f"{level.label}级公文的保密期限最长为{SECRECY_MAX_YEARS[level]}年")
    elif doc.secrecy_years:
        add("secrecy_years", "非涉密公文不标注保密期限")
    issuers = _issuers(doc)
    if len(issuers) > 1:
        mark = doc.issuer_mark
        missing = [u.name for u in issuers if u.name not in mark and (u.short_name or u.name) not in mark]
        if missing:
            add("issuer_mark", f"联合行文应当列明全部发文机关，发文机关标志中缺少：{'、'.join(missing)}")
        if doc.doc_type != DocType.MINUTES:
            lines = doc.signature_lines()
            missing = [u.name for u in issuers if u.name not in lines and (u.short_name or u.name) not in lines]
            if missing:
                add("signature", f"联合行文应当列明全部发文机关，发文机关署名中缺少：{'、'.join(missing)}")
    return problems


# --- Sign-off rule and the review chain -------------------------------------------------------


def _signer_of(kind: str, doc: OutgoingDocument) -> User | None:
    if kind == SignOffRule.Signer.PRINCIPAL:
        return principal_leader()
    if kind == SignOffRule.Signer.OFFICE_DIRECTOR:
        return office_director()
    # 分管领导: of the department the document concerns (主办部门), else of the drafting section.
    return portfolio_leader(doc.matter.lead_unit) or portfolio_leader(doc.drafting_unit)


# The shipped rules, as migration 0002 writes them (a migration keeps its own frozen copy). They
# apply as they are while the table is empty (a fresh database whose rows were flushed, or an
# office that deleted every rule); deactivating rules instead leaves the principal leader.
DEFAULT_SIGN_OFF_RULES = [
    ("重要公文由主要领导签发", 10, "", "", True, SignOffRule.Signer.PRINCIPAL),
    ("上行文由主要领导签发", 20, "", Direction.UPWARD, False, SignOffRule.Signer.PRINCIPAL),
    ("其他公文由分管领导签发", 100, "", "", False, SignOffRule.Signer.PORTFOLIO),
]


def install_default_sign_off_rules() -> int:
    """Write the shipped rules into an empty table so the system administrator can edit them
    (migration 0002 does this on a new database; the demo seeder repeats it). Returns rows written."""
    if SignOffRule.objects.exists():
        return 0
    SignOffRule.objects.bulk_create(
        SignOffRule(name=name, priority=priority, doc_type=doc_type, direction=direction,
                    important_only=important_only, signer=signer)
        for name, priority, doc_type, direction, important_only, signer in DEFAULT_SIGN_OFF_RULES
    )
    return len(DEFAULT_SIGN_OFF_RULES)


def _sign_off_rules() -> list[SignOffRule]:
    rules = list(SignOffRule.objects.filter(is_active=True).order_by("priority", "id"))
    if rules or SignOffRule.objects.exists():
        return rules
    return [SignOffRule(name=name, priority=priority, doc_type=doc_type, direction=direction,
                        important_only=important_only, signer=signer)
            for name, priority, doc_type, direction, important_only, signer in DEFAULT_SIGN_OFF_RULES]


def resolve_signer(doc: OutgoingDocument) -> User | None:
    """签发人 by the first matching SignOffRule (administrator-configurable). When that rule's
    leader cannot be found, an upward document has no signer (and may not go on: 行文规则), any
    other document goes to the principal leader."""
    for rule in _sign_off_rules():
        if rule.doc_type and rule.doc_type != doc.doc_type:
            continue
        if rule.direction and rule.direction != doc.direction:
            continue
        if rule.important_only and not doc.is_important:
            continue
        person = _signer_of(rule.signer, doc)
        if person is not None or doc.direction == Direction.UPWARD:
            return person
        break
    return None if doc.direction == Direction.UPWARD else principal_leader()


def review_chain(doc: OutgoingDocument, signer: User) -> list[dict]:
    """部门审核 → 办公室核稿 → 会签 (every co-issuer in parallel) → 签发. No step can be left out."""
    steps = []
    if unit_head(doc.drafting_unit) is not None:
        steps.append({"seq": 1, "name": S.STEP_UNIT_REVIEW, "unit": doc.drafting_unit, "role": Role.HEAD})
    else:
        # The office's sections have no head of their own in small offices: the deputy director
        # in charge of them reviews (else the director).
        posts = Membership.objects.filter(is_active=True, unit__code=OFFICE_CODE, person__is_active=True)
        reviewer = next((post.person for role in (Role.OFFICE_DEPUTY_DIRECTOR, Role.OFFICE_DIRECTOR)
                         for post in posts.filter(role=role).select_related("person").order_by("id")[:1]), None)
        if reviewer is None:
            raise engine.Invalid("拟稿科室没有负责人，办公室也未设置主任、副主任，无法安排部门审核")
        steps.append({"seq": 1, "name": S.STEP_UNIT_REVIEW, "person": reviewer})
    office = Unit.objects.filter(code=OFFICE_CODE).first()
    if office is None or office_director() is None:
        raise engine.Invalid("未设置办公室主任，无法安排核稿")
    steps.append({"seq": 2, "name": S.STEP_CHECK, "unit": office, "role": Role.OFFICE_DIRECTOR})
    for unit in doc.co_issuers.order_by("sort_order"):
        if unit_head(unit) is None:
            raise engine.Invalid(f"联合发文机关{unit.name}没有负责人，无法会签")
        steps.append({"seq": 3, "name": S.STEP_COUNTERSIGN, "unit": unit, "role": Role.HEAD})
    steps.append({"seq": 4, "name": S.STEP_SIGN, "person": signer})
    return steps


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
    from .forms import CheckForm

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


# --- 收文 ----------------------------------------------------------------------------------


def register_incoming(by: User, data, files=None, *, received_at=None) -> Matter:
    """签收登记 of a document received on paper or from outside the system."""
    if not by.has_perm("documents.register_incoming"):
        raise engine.Forbidden("只有收文单位的工作人员可以登记收文")
    form = IncomingForm(data)
    if not form.is_valid():
        raise _form_invalid(form)
    clean = form.cleaned_data
    now = timezone.now()
    received = clean.get("received_at") or received_at or now
    if received > now + datetime.timedelta(minutes=5):
        raise engine.Invalid("收文时间不能晚于当前时间", {"received_at": ["收文时间不能晚于当前时间"]})
    secrecy = clean.get("secrecy") or 0
    if secrecy > by.clearance:
        raise engine.Invalid("您的涉密等级低于该文件密级，不能登记，请交机要人员办理",
                             {"secrecy": ["涉密等级不足"]})
    owner = registering_unit_for(by)
    raw = (clean.get("doc_number") or "").strip()
    number = docnum.normalise(raw) if raw else ""
    if number:
        duplicate = (IncomingDocument.objects.filter(doc_number=number, issuer_name=clean["issuer"].strip(),
                                                     matter__owner_unit=owner)
                     .exclude(matter__status=S.RETURNED).select_related("matter").first())
        if duplicate:
            raise engine.Invalid(f"该文件已登记（收文编号{duplicate.matter.serial}），请勿重复登记",
                                 {"doc_number": ["该文件已登记"]})
    with transaction.atomic():
        matter, ctx = engine.create_matter(
            "doc_in", by, title=clean["title"], content=clean.get("body") or "", category=clean.get("doc_type") or "",
            urgency=clean["urgency"], secrecy=secrecy, received_at=received, owner_unit=owner, status=S.TO_REVIEW,
        )
        IncomingDocument.objects.create(
            matter=matter, issuer_name=clean["issuer"].strip(), issuer_unit=find_unit(clean["issuer"]),
            doc_number=number, doc_number_raw=raw, doc_type=clean.get("doc_type") or "",
            received_date=timezone.localtime(received).date(), copies=clean.get("copies") or 1,
        )
        ctx.entry_data.update({"doc_number": number, "issuer": clean["issuer"].strip()})
        engine.finish_creation(ctx, "register", "签收登记")
        if files:
            engine.save_files(matter, matter.entries.order_by("-id").first(), by, files)
    return matter


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


SECRETS_ROOM_TASKS = {S.NUMBERING: "涉密公文编号", S.PRINTING: "涉密公文印制", S.ISSUING: "涉密公文核发"}


def outgoing_holders(matter: Matter) -> list[Holder]:
    """The engine's, and for a classified 发文 from 编号 on the 机要室 too (我的待办)."""
    holders = engine.default_holders(matter)
    if matter.secrecy and matter.status in SECRETS_ROOM_TASKS:
        room = Unit.objects.filter(code=SECRETS_ROOM_CODE, is_active=True).values_list("pk", flat=True).first()
        if room is not None:
            holders.append(Holder(task=SECRETS_ROOM_TASKS[matter.status], unit_id=room, due_at=matter.due_at))
    return holders


def incoming_holders(matter: Matter) -> list[Holder]:
    """Who must act next on a 收文: the engine's defaults plus every leader yet to read it (传阅)."""
    holders = engine.default_holders(matter) if matter.is_open else []
    if hasattr(matter, "incoming"):
        for circulation in matter.incoming.circulations.filter(read_at__isnull=True):
            holders.append(Holder(task="传阅", person_id=circulation.reader_id, due_at=matter.due_at))
    return holders


def note_read(matter: Matter, user: User, request=None) -> None:
    """Every read of a classified document is journaled and audited (the engine does both)."""
    engine.note_read(matter, user, request)
