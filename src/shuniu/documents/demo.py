"""Demo 公文: outgoing documents in every state of the chain and incoming documents at every one of
the seven steps, spread over the last twelve months.

The texts are real: outgoing drafts are adapted from the policy documents in
`shared/data/policy_docs/sample50.tsv` (re-addressed from their province or city to this city's
government office), incoming documents are those documents as received, and the joint notice
of the reference document `shared/reference/govdoc-cn-sample/397` (发改办财金规〔2019〕860号)
arrives as incoming and is drafted again as a joint notice with the development and reform
commission. When the shared data is missing, only what it does not need is seeded — nothing is
made up in its place.

Every document lives through the services with the clock set to the moment of each step, so
journals, versions, numbers and statistics are real. Idempotent: a document whose title exists is
skipped.
"""

from __future__ import annotations

import csv
import datetime
import re
from pathlib import Path

from django.utils import timezone

from shuniu.core.history import clock_at
from shuniu.matters import services as engine
from shuniu.matters.models import Matter
from shuniu.matters.sweep import update_sla
from shuniu.notify.services import suppressed
from shuniu.org.models import User

from . import numbering, services
from .workflow import INCOMING, OUTGOING

SHARED = Path(__file__).resolve().parents[4] / "shared"
POLICY_DOCS = SHARED / "data" / "policy_docs" / "sample50.tsv"
REFERENCE = SHARED / "reference" / "govdoc-cn-sample" / "397" / "397.txt"
NUMBER = re.compile(r"[\u4e00-\u9fa5]{1,12}[〔\[(（]\d{4}[〕\])）]\d+号")
DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")
PLACES = re.compile(r"(北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|广西|"
                    r"海南|四川|贵州|云南|陕西|甘肃|青海|宁夏|新疆|内蒙古|西藏)(省|市|壮族自治区|自治区)?")
LOCALISE = [("全省", "全市"), ("我省", "我市"), ("本省", "本市"), ("省人民政府", "市人民政府"), ("省政府", "市政府"),
            ("省委", "市委"), ("本市市", "本市")]
CHECKLIST = {"text_ok": True, "policy_ok": True, "format_ok": True, "process_ok": True, "comment": "经核，文字、政策、格式、程序符合要求。"}

# Outgoing drafts: (title words in the source, type, sponsoring department, 主送, state reached, months ago
# [, co-issuing departments])
OUTGOING_PLANS = [
    ("推进教育现代化建设", "opinion", "jyj", "各区县人民政府、市政府各部门", "archived", 11),
    ("促进就业工作", "opinion", "rsj", "各区县人民政府、市政府各部门", "issued", 9),
    ("促进内外贸一体化发展", "opinion", "sww", "各区县人民政府、市政府各部门", "issued", 7),
    ("推进涉烟打假打私工作方案", "notice", "scj", "市市场监管局、市公安局、各区县人民政府", "issued", 5),
    ("盐业体制改革实施方案", "notice", "fgw", "市发展改革委、市市场监管局", "issued", 3),
    ("加强打击侵犯知识产权", "opinion", "scj", "各区县人民政府、市政府各部门", "issuing", 1),
    ("减灾救灾工作要点", "notice", "mzj", "市民政局、各区县人民政府", "printing", 1),
    ("粮食生产先进单位", "bulletin", "nyj", "各区县人民政府、市农业农村局", "numbering", 0),
    ("水土保持方案报告书", "reply", "swj", "市水务局", "rechecking", 0),
    ("国家技术创新示范企业申报推荐", "notice", "fgw", "市发展改革委、各区县人民政府", "signing", 0),
    ("公益性科研院所行业定额", "letter", "czj", "市财政局", "checking", 0),
    ("京沈铁路客运专线", "notice", "jtj", "市交通运输局、东城区人民政府", "unit_review", 0),
    ("立法计划", "notice", "", "市政府各部门", "draft", 0),
    ("境外资产负债及损益申报", "notice", "czj", "市财政局", "withdrawn", 2),
    ("5件规范性文件失效", "notice", "fgw", "市政府各部门", "countersigning", 0, ("fgw",)),
]
# Incoming documents (from the same files, as other offices sent them): title words, state, months ago.
INCOMING_PLANS = [
    ("售电公司准入与退出管理办法", "done", 10),
    ("食用菌育种创新基地", "done", 8),
    ("延长2020年矿业权人勘查开采公示信息填报期限", "replied", 4),
    ("广播电视村村通税收政策", "handling", 2),
    ("非煤矿山企业主要负责人考核", "to_assign", 1),
    ("哲学社会科学研究重大课题攻关项目", "to_instruct", 0),
    ("5件规范性文件失效", "to_propose", 0),
    ("房地产经纪人注册证书", "returned", 0),
    ("修订飞机经营性租赁", "to_review", 0),
]


def _clock(moment: datetime.datetime):
    """Run the services as if it were `moment`, 40 seconds later at each call (keeps steps in order)."""
    return clock_at(moment, step=datetime.timedelta(seconds=40))


def _rows() -> list[dict]:
    if not POLICY_DOCS.exists():
        return []
    csv.field_size_limit(10**9)
    with open(POLICY_DOCS, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


ANNOUNCEMENT = re.compile(r"^(?P<issuer>.+?公告)(?P<year>\d{4})年第(?P<n>\d+)号（(?P<title>关于.+)）$")


def _clean_title(title: str) -> str:
    title = re.sub(r"^\[[^\]]*\]|^（已废止）", "", title).replace("\u3000", "").strip()
    inner = re.search(r"《(.+)》$", title)
    if inner and NUMBER.match(title):  # “自然资矿保函〔2020〕5号《…关于…的函》”: the number, then the title
        title = inner[1]
    return re.sub(r"\s+", "", title)


def _parts(body: str) -> tuple[str, str, list[str]]:
    """(own document number, 主送 line, paragraphs) of a flattened web-page text."""
    body = re.sub(r"字号：\s*大\s*中\s*小", " ", body).replace("\\", "")
    pieces = [p.strip() for p in re.split(r"[ \u3000\u2002]+", body) if p.strip()]
    start = next((i for i, p in enumerate(pieces) if p.endswith(("：", ":")) and len(p) > 4), None)
    if start is None:
        return "", "", []
    number = next((m[0] for p in pieces[:start] if (m := NUMBER.search(p))), "")
    paragraphs = []
    for piece in pieces[start + 1:]:
        if DATE.match(piece) or piece.startswith(("扫描二维码", "本文链接", "附件：", "（联系人")):
            break
        if paragraphs and not re.match(r"^[一二三四五六七八九十]+、|^（[一二三四五六七八九十]+）|^\d+[.．]|^第[一二三四五六七八九十]+[章条]",
                                       piece) and not paragraphs[-1].endswith(("。", "：", "；")) and len(piece) < 40:
            paragraphs[-1] += piece
        else:
            paragraphs.append(piece)
    return number, pieces[start], [p for p in paragraphs if len(p) > 1]


def _localise(text: str) -> str:
    text = PLACES.sub("本市", text)
    for old, new in LOCALISE:
        text = text.replace(old, new)
    return text


def _find(rows: list[dict], words: str) -> dict | None:
    return next((r for r in rows if words in r["Title"] or words in r["Body"][:400]), None)


class _Seeder:
    def __init__(self, now: datetime.datetime, people: dict[str, User]):
        self.now, self.people = now, people

    def moment(self, months_ago: float, day_offset: int = 0) -> datetime.datetime:
        local = timezone.localtime(self.now) - datetime.timedelta(days=int(months_ago * 30.4) + 14 - day_offset)
        moment = local.replace(hour=9, minute=0, second=0, microsecond=0)
        while moment.weekday() >= 5:
            moment -= datetime.timedelta(days=1)
        return min(moment, self.now - datetime.timedelta(hours=2))

    def act(self, matter: Matter, name: str, who: str, data: dict | None = None) -> Matter:
        return engine.perform(matter.pk, name, self.people[who], data or {})

    # 发文
    def outgoing(self, title: str, data: dict, state: str, months_ago: float, countersigners=()) -> Matter | None:
        if Matter.objects.filter(kind="doc_out", title=title).exists():
            return None
        start = self.moment(months_ago)
        with _clock(start), suppressed():
            matter = services.create_outgoing(self.people["mishu"], {**data, "title": title})
        signer = None
        steps = [("submit", "mishu", {}), ("approve", "deputy_director", {"comment": "同意，请办公室核稿。"}),
                 ("review", "director", CHECKLIST),
                 *[("countersign", who, {"comment": "同意会签。"}) for who in countersigners],
                 ("sign_off", None, {"comment": "同意印发。"}), ("recheck", "mishu", {}), ("number", "mishu", {}),
                 ("print", "mishu", {"copies": 40}), ("issue", "mishu", {}), ("archive", "mishu", {})]
        order = ["draft", "unit_review", "checking", "countersigning", "signing", "rechecking", "numbering",
                 "printing", "issuing", "issued", "archived"]
        if state == "withdrawn":
            with _clock(start + datetime.timedelta(days=1)), suppressed():
                self.act(matter, "withdraw", "mishu", {"comment": "相关内容已并入其他文件，本文不再印发。"})
            return matter
        for day, (name, who, payload) in enumerate(steps, start=1):
            matter.refresh_from_db()
            if matter.status == state or order.index(matter.status) >= order.index(state):
                break
            if name == "sign_off":
                signer = matter.outgoing.signer.username
                who = signer
            with _clock(min(start + datetime.timedelta(days=day), self.now - datetime.timedelta(minutes=30))), suppressed():
                self.act(matter, name, who, payload)
        return matter

    # 收文
    def incoming(self, data: dict, state: str, months_ago: float) -> Matter | None:
        if Matter.objects.filter(kind="doc_in", title=data["title"]).exists():
            return None
        start = self.moment(months_ago)
        with _clock(start), suppressed():
            matter = services.register_incoming(self.people["jiyao"], {**data, "received_at": start})
        self.advance_incoming(matter, state, start, office=True)
        return matter

    def advance_incoming(self, matter: Matter, state: str, start: datetime.datetime, office: bool) -> None:
        staff = "jiyao" if office else f"{matter.owner_unit.code}_staff"
        leader = "vmayor1" if office else f"{matter.owner_unit.code}_head"
        due = timezone.localtime(start).date() + datetime.timedelta(days=14)
        plan = [
            ("sign", staff, {}), ("register", staff, {}), ("review", staff, {"comment": "符合收文要求。"}),
            ("propose", staff, {"handling": "action" if office else "reading", "leader": leader,
                                "comment": "拟请领导阅示，交有关单位研究办理。" if office else "拟请局领导阅示，由相关科室办理。"}),
            ("instruct", leader, {"comment": "同意拟办意见，请抓好落实。"}),
        ]
        if office:
            plan += [("assign", staff, {"units": [{"unit": "fgw", "role": "lead"}, {"unit": "czj", "role": "assist"}],
                                        "due_date": due.isoformat(), "comment": "请按领导批办意见办理。"}),
                     ("circulate", staff, {"readers": ["mayor", "vmayor1"]}),
                     ("mark_read", "mayor", {}),
                     ("accept", "fgw_staff", {}),
                     ("reply", "fgw_head", {"reply": "已组织研究，结合我市实际提出贯彻落实意见，报市政府审定。"}),
                     ("finish", staff, {"comment": "承办单位已办理完毕，同意办结。"})]
        else:
            plan += [("finish", staff, {"comment": "已传达学习，按要求抓好落实。"})]
        order = list(INCOMING.states)
        if state == "returned":
            plan = [("reject", staff, {"reason": "来文不属于本机关办理范围，请径送有关主管部门。"})]
        for day, (name, who, payload) in enumerate(plan, start=1):
            matter.refresh_from_db()
            if matter.status == state or (state in order and order.index(matter.status) >= order.index(state)):
                break
            transition = INCOMING.transition(name)
            if not transition.starts_from(matter.status) and transition.target is not None:
                continue
            when = min(start + datetime.timedelta(days=day), self.now - datetime.timedelta(minutes=30))
            with _clock(when), suppressed():
                self.act(matter, name, who, payload)


def _outgoing_data(row: dict, doc_type: str, sponsor: str, main_to: str) -> tuple[str, dict] | None:
    title = _clean_title(row["Title"])
    if "关于" not in title:
        return None
    _number, _main, paragraphs = _parts(row["Body"])
    if len(paragraphs) < 2:
        return None
    subject = title[title.index("关于"):]
    subject = re.sub(r"(的)?(实施意见|意见|通知|通报|批复|函)$", "", subject)
    ending = {"opinion": "的实施意见", "notice": "的通知", "bulletin": "的通报", "reply": "的批复", "letter": "的函"}[doc_type]
    new_title = f"市政府办公室{_localise(subject)}{ending}"
    body = "\n".join(_localise(p) for p in paragraphs[:14])
    data = {"doc_type": doc_type, "body": body, "main_to": main_to, "sponsor_unit": sponsor}
    return new_title, data


def _incoming_data(row: dict) -> dict | None:
    title = _clean_title(row["Title"])
    number, _main, paragraphs = _parts(row["Body"])
    announcement = ANNOUNCEMENT.match(title)
    if announcement:  # “海关总署公告2016年第8号（关于…的公告）”
        title, number = announcement["title"], f"{announcement['issuer']}{announcement['year']}年第{announcement['n']}号"
        paragraphs = paragraphs or [p for p in re.split(r"[ \u3000]+", row["Body"]) if len(p) > 8][:20]
    if not paragraphs:
        return None
    issuer = title[: title.index("关于")].strip("、，") if "关于" in title and title.index("关于") > 1 else ""
    if announcement:
        issuer = announcement["issuer"].removesuffix("公告")
    number = number or (NUMBER.search(row["Title"])[0] if NUMBER.search(row["Title"]) else "")
    doc_type = next((code for code, word in (("notice", "通知"), ("reply", "批复"), ("letter", "函"), ("opinion", "意见"))
                     if title.endswith(word)), "")
    return {"issuer": issuer or row["main_issuer"], "doc_number": number, "title": title,
            "body": "\n".join(paragraphs[:20]), "doc_type": doc_type or ("announcement" if announcement else ""),
            "urgency": "normal", "secrecy": 0}


def _reference() -> tuple[dict, str] | None:
    if not REFERENCE.exists():
        return None
    lines = [line.strip() for line in REFERENCE.read_text(encoding="utf-8").splitlines() if line.strip()]
    title, main_to = lines[3], lines[4].rstrip("：")
    body = lines[5:-3]
    incoming = {"issuer": "国家发展改革委办公厅、税务总局办公厅", "doc_number": lines[2], "title": title,
                "body": f"{main_to}：\n" + "\n".join(body), "doc_type": "notice", "urgency": "normal", "secrecy": 0}
    return incoming, "\n".join(_localise(p) for p in body)


def seed(password: str, stdout=None) -> None:
    numbering.ensure_default_series()
    services.install_default_sign_off_rules()
    people = {u.username: u for u in User.objects.all()}
    if "mishu" not in people or "jiyao" not in people:
        return
    now = timezone.now()
    seeder = _Seeder(now, people)
    rows = _rows()
    made_out = made_in = 0
    drafts = []  # (months ago, title, data, state, countersigners), numbered in the order they are issued
    for words, doc_type, sponsor, main_to, state, months_ago, *joint_with in OUTGOING_PLANS:
        row = _find(rows, words)
        prepared = _outgoing_data(row, doc_type, sponsor, main_to) if row else None
        if prepared is not None:
            title, data = prepared
            co = joint_with[0] if joint_with else ()
            if co:
                data["issuer_units"] = ["szfb", *co]
            drafts.append((months_ago, title, data, state, tuple(f"{code}_head" for code in co)))
    reference = _reference()
    if reference:
        incoming, body = reference
        if seeder.incoming(incoming, "done", 6):
            made_in += 1
        joint = {"doc_type": "notice", "body": body, "main_to": "各区县人民政府、市政府各部门", "sponsor_unit": "fgw",
                 "issuer_units": ["szfb", "fgw"]}
        drafts.append((5, "市政府办公室、市发展改革委关于加强个人所得税纳税信用建设的通知", joint, "issued", ("fgw_head",)))
    made = []
    for months_ago, title, data, state, countersigners in sorted(drafts, key=lambda d: -d[0]):
        matter = seeder.outgoing(title, data, state, months_ago, countersigners=countersigners)
        if matter is not None:
            made.append(matter.pk)
    made_out = len(made)
    for words, state, months_ago in INCOMING_PLANS:
        row = _find(rows, words)
        data = _incoming_data(row) if row else None
        if data and seeder.incoming(data, state, months_ago):
            made_in += 1
    # The departments work on what they received: some signed for and handled, some still waiting.
    for index, item in enumerate(Matter.objects.filter(kind="doc_in", status="to_sign", source_id__in=made)
                                 .exclude(owner_unit__code="jys").order_by("received_at", "id")):
        if index % 3 == 2:
            continue
        state = "done" if item.received_at < now - datetime.timedelta(days=180) else ("to_register", "to_review")[index % 3]
        seeder.advance_incoming(item, state, item.received_at, office=False)
    for workflow in (OUTGOING, INCOMING):
        update_sla(workflow, now)
    if stdout:
        stdout.write(f"公文：新增发文{made_out}件、收文{made_in}件"
                     f"{'' if rows else '（未找到 shared/data/policy_docs/sample50.tsv，未生成据此起草的公文）'}。")
