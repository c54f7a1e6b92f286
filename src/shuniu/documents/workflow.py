"""公文 — the whole life of an outgoing and of an incoming document, each on one screen.

发文 doc_out (《党政机关公文处理工作条例》 ch. 5; no 跳跃式审签, no 体外循环):

  draft 拟稿 ──submit──▶ unit_review 部门审核 ──approve──▶ checking 办公室核稿 ──review(逐项核对)──▶
     ▲                     │                                 │
     └───────return────────┴───────────return────────────────┴── (every review state; resubmission
                                                                   runs the whole chain again)
  ──▶ countersigning 会签 (co-issuers in parallel) ──countersign──▶ signing 签发 ──sign_off──▶
  rechecking 复核 ──recheck──▶ numbering 编号 ──number(发文字号)──▶ printing 印制 ──print──▶
       │ substantive change → signing (back to the signer)        │ send_back → rechecking
  issuing 核发 ──issue(分发给各收文单位)──▶ issued 已核发 ──archive──▶ archived 已归档
  draft ──withdraw──▶ withdrawn 已撤销 (only before a number is taken)

收文 doc_in (the seven steps: 签收 登记 初审 承办 传阅 催办 答复/办结):

  to_sign 待签收 ──sign──▶ to_register 待登记 ──register──▶ to_review 待初审 ──review──▶ to_propose 待拟办
                                                              └──reject(退回)──▶ returned
  to_propose ──propose(拟办, 呈批领导)──▶ to_instruct 待批办 ──instruct(批办)──▶ to_assign 待分办
  to_assign ──assign(承办: 主办/协办, 时限)──▶ handling 承办中 ──reply(主办)──▶ replied ──finish──▶ done
  to_assign ──finish──▶ done (阅件)          circulate 传阅 / mark_read 阅文(圈阅) / chase 催办 alongside
"""

from shuniu.matters import common
from shuniu.matters.rules import is_current_reviewer
from shuniu.matters.workflow import CommentForm, RequiredCommentForm, Transition, Workflow, register

from . import services
from . import states as S
from .forms import (
    AssignForm,
    CheckForm,
    CirculateForm,
    FinishForm,
    InstructForm,
    PrintForm,
    ProposeForm,
    ReadForm,
    RecheckForm,
    RegisterForm,
    RejectForm,
    SignOffForm,
)
from .models import DocType
from .rules import is_owner_staff, is_unread_reader


def _outgoing_detail(matter) -> dict:
    from .api import outgoing_detail

    return outgoing_detail(matter)


def _incoming_detail(matter) -> dict:
    from .api import incoming_detail

    return incoming_detail(matter)


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
                   effect=services.submit_effect, also=tuple(S.REVIEW_STATES),
                   help="送审前自动检查行文规则；送审后按部门审核、办公室核稿、会签、签发的顺序逐级办理"),
        Transition("approve", "审核同意", (S.UNIT_REVIEW,), S.CHECKING, is_current_reviewer, form=CommentForm,
                   effect=services.approve_effect, also=(S.COUNTERSIGNING, S.SIGNING), style="success"),
        Transition("review", "核稿", (S.CHECKING,), S.SIGNING, is_current_reviewer, form=CheckForm,
                   effect=services.check_effect, also=(S.COUNTERSIGNING,), style="success",
                   help="逐项核对文字、政策法规、格式、运转流程后提交"),
        Transition("countersign", "会签", (S.COUNTERSIGNING,), S.SIGNING, is_current_reviewer, form=CommentForm,
                   effect=services.approve_effect, also=(S.COUNTERSIGNING,), style="success"),
        Transition("sign_off", "签发", (S.SIGNING,), S.RECHECKING, is_current_reviewer, form=SignOffForm,
                   effect=services.sign_off_effect, style="success"),
        Transition("return", "退回修改", tuple(S.REVIEW_STATES), S.DRAFT, is_current_reviewer,
                   form=RequiredCommentForm, effect=services.return_effect, style="secondary"),
        Transition("recheck", "复核", (S.RECHECKING,), S.NUMBERING, is_owner_staff, form=RecheckForm,
                   effect=services.recheck_effect, also=(S.SIGNING,),
                   help="签发后对标题、正文有改动的，视为实质性修改，退回签发人重新签发"),
        Transition("number", "编号", (S.NUMBERING,), S.PRINTING, is_owner_staff, form=CommentForm,
                   effect=services.number_effect, help="登记编号，取得发文字号"),
        Transition("print", "印制", (S.PRINTING,), S.ISSUING, is_owner_staff, form=PrintForm,
                   effect=services.print_effect),
        Transition("send_back", "退回复核", (S.PRINTING, S.ISSUING), S.RECHECKING, is_owner_staff,
                   form=RequiredCommentForm, effect=services.send_back_effect, style="secondary",
                   help="印制、核发中发现问题退回复核；已取得的发文字号保留不变"),
        Transition("issue", "核发", (S.ISSUING,), S.ISSUED, is_owner_staff, form=CommentForm,
                   effect=services.issue_effect, closes=True, style="success",
                   help="核发后系统内的主送、抄送、分送单位即收到此文，签收情况见签收回执"),
        Transition("archive", "归档", (S.ISSUED,), S.ARCHIVED, is_owner_staff, form=CommentForm,
                   effect=services.archive_effect, style="secondary"),
        Transition("withdraw", "撤销", (S.DRAFT,), S.WITHDRAWN, is_owner_staff, form=RequiredCommentForm,
                   effect=services.withdraw_effect, closes=True, style="danger"),
    ],
    detail_model="documents.OutgoingDocument",
    detail_template="documents/_outgoing_detail.html",
    print_template="documents/print_outgoing.html",
    detail_serializer=_outgoing_detail,
))


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
    holders=services.incoming_holders,
    transitions=[
        Transition("sign", "签收", (S.TO_SIGN,), S.TO_REGISTER, is_owner_staff, form=CommentForm,
                   effect=services.sign_effect, style="success"),
        Transition("register", "登记", (S.TO_REGISTER,), S.TO_REVIEW, is_owner_staff, form=RegisterForm,
                   effect=services.register_effect),
        Transition("review", "初审通过", (S.TO_REVIEW,), S.TO_PROPOSE, is_owner_staff, form=CommentForm,
                   style="success", help="审核是否应由本机关办理，文种、格式、行文规则是否符合要求"),
        Transition("reject", "退回", (S.TO_REVIEW,), S.RETURNED, is_owner_staff, form=RejectForm,
                   effect=services.reject_effect, closes=True, style="danger"),
        Transition("propose", "拟办", (S.TO_PROPOSE,), S.TO_INSTRUCT, is_owner_staff, form=ProposeForm,
                   effect=services.propose_effect),
        Transition("instruct", "批办", (S.TO_INSTRUCT,), S.TO_ASSIGN, is_current_reviewer, form=InstructForm,
                   effect=services.instruct_effect, style="success"),
        Transition("assign", "承办", (S.TO_ASSIGN,), S.HANDLING, is_owner_staff, form=AssignForm,
                   effect=services.assign_effect, help="确定主办、协办单位和办理时限"),
        common.accept([S.HANDLING], S.HANDLING, label="承办签收"),
        common.return_assignment([S.HANDLING], S.TO_ASSIGN, stay=S.HANDLING, window="2 working days"),
        common.report_progress([S.HANDLING]),
        common.request_extension([S.HANDLING]),
        *common.extension_decisions([S.HANDLING], guard=is_owner_staff),
        common.reply([S.HANDLING], S.REPLIED, stay=S.HANDLING, label="反馈办理结果"),
        Transition("circulate", "传阅", (S.TO_ASSIGN, S.HANDLING, S.REPLIED), None, is_owner_staff,
                   form=CirculateForm, effect=services.circulate_effect, style="secondary"),
        Transition("mark_read", "阅文", (S.TO_ASSIGN, S.HANDLING, S.REPLIED, S.DONE), None, is_unread_reader,
                   form=ReadForm, effect=services.read_effect, style="success", help="不填写意见即为圈阅"),
        common.chase([S.HANDLING], guard=is_owner_staff),
        Transition("finish", "办结", (S.TO_ASSIGN, S.REPLIED), S.DONE, is_owner_staff, form=FinishForm,
                   effect=services.finish_effect, closes=True, style="success"),
    ],
    detail_model="documents.IncomingDocument",
    detail_template="documents/_incoming_detail.html",
    detail_serializer=_incoming_detail,
))

