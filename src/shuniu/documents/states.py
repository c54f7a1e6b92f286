"""The states of the two document kinds (shared by workflow.py, services.py and the views)."""

# 发文 doc_out
DRAFT = "draft"
UNIT_REVIEW = "unit_review"
CHECKING = "checking"
COUNTERSIGNING = "countersigning"
SIGNING = "signing"
RECHECKING = "rechecking"
NUMBERING = "numbering"
PRINTING = "printing"
ISSUING = "issuing"
ISSUED = "issued"
ARCHIVED = "archived"
WITHDRAWN = "withdrawn"

OUT_STATES = {
    DRAFT: "拟稿",
    UNIT_REVIEW: "部门审核",
    CHECKING: "办公室核稿",
    COUNTERSIGNING: "会签",
    SIGNING: "待签发",
    RECHECKING: "复核",
    NUMBERING: "待编号",
    PRINTING: "待印制",
    ISSUING: "待核发",
    ISSUED: "已核发",
    ARCHIVED: "已归档",
    WITHDRAWN: "已撤销",
}

# The review chain's step names and the state each one is in.
STEP_UNIT_REVIEW, STEP_CHECK, STEP_COUNTERSIGN, STEP_SIGN = "部门审核", "核稿", "会签", "签发"
STATE_OF_STEP = {STEP_UNIT_REVIEW: UNIT_REVIEW, STEP_CHECK: CHECKING, STEP_COUNTERSIGN: COUNTERSIGNING,
                 STEP_SIGN: SIGNING}
REVIEW_STATES = (UNIT_REVIEW, CHECKING, COUNTERSIGNING, SIGNING)
# Where the text may still be edited (each edit is a new version); after 编号 it is fixed.
EDITABLE_STATES = (DRAFT, *REVIEW_STATES, RECHECKING)

# 收文 doc_in
TO_SIGN = "to_sign"
TO_REGISTER = "to_register"
TO_REVIEW = "to_review"
TO_PROPOSE = "to_propose"
TO_INSTRUCT = "to_instruct"
TO_ASSIGN = "to_assign"
HANDLING = "handling"
REPLIED = "replied"
DONE = "done"
RETURNED = "returned"

IN_STATES = {
    TO_SIGN: "待签收",
    TO_REGISTER: "待登记",
    TO_REVIEW: "待初审",
    TO_PROPOSE: "待拟办",
    TO_INSTRUCT: "待批办",
    TO_ASSIGN: "待分办",
    HANDLING: "承办中",
    REPLIED: "已反馈待办结",
    DONE: "已办结",
    RETURNED: "已退回",
}
STEP_INSTRUCT = "批办"
