"""Demo 12345 热线 and 市长信箱: real citizens' messages and the government's real replies (2020
泰迪杯 "智慧政务" data, `shared/data/tipdm2020/`), received over the last 12 months, routed to the
demo departments by subject, in every state — waiting to be dispatched, dispatched, in progress
(some extended, some overdue), replied and waiting for review, answered, called back and rated,
reopened after a dissatisfied rating, returned by a wrong department, merged as duplicates,
answered directly by the hotline from the knowledge base — plus a knowledge base built from the
real answers to consultations.

Where things come from:
- messages with replies (`messages_with_replies.tsv`): title, text and the reply, word for word;
  the message's subject is its label in `titles.tsv` when the title is there, otherwise the label
  a naive Bayes classifier trained on the 7,266 labelled titles of `titles.tsv` gives it;
- open messages (`messages_with_votes.tsv`, no reply yet): the recent, unanswered tickets;
- citizens' names and phone numbers are generated (the data is anonymised), and the handling
  times are the real ones scaled to the demo office's 5-working-day rule.

Every ticket lives its life through the services (journals, deadlines and statistics are real),
each step run with the clock set to the moment it happened. Notifications of that history are not
sent. Idempotent: a message already loaded (by its `external_ref`, TIPDM-<id>) is skipped. If the
data files are missing, nothing is seeded for the hotline and the command says so.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import math
import os
import random
from collections import Counter, defaultdict
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from shuniu.core.history import clock_at
from shuniu.matters import services as engine
from shuniu.matters.models import Matter
from shuniu.matters.sweep import update_sla
from shuniu.notify.services import suppressed
from shuniu.org.models import Unit, User

from . import services as hotline_services
from . import text
from .models import CATEGORY_ROUTES, Article, Category, Channel, Ticket
from .workflow import WORKFLOW

SEED = 12345
REPLIED_COUNT = 300  # messages with their real replies
OPEN_COUNT = 50  # recent messages still being handled
DUPLICATES = 6  # second messages on the same matter, merged
KNOWLEDGE_COUNT = 24

LABELS = {
    "城乡建设": Category.URBAN_RURAL,
    "环境保护": Category.ENVIRONMENT,
    "交通运输": Category.TRANSPORT,
    "教育文体": Category.EDUCATION,
    "劳动和社会保障": Category.LABOUR,
    "商贸旅游": Category.COMMERCE,
    "卫生计生": Category.HEALTH,
}
# A department that does not handle the subject, for the few tickets dispatched wrongly and returned.
WRONG_UNIT = {"zjj": "cgj", "hbj": "jtj", "jtj": "zjj", "jyj": "rsj", "rsj": "mzj", "sww": "scj", "wjw": "scj"}
CHANNEL_CYCLE = [Channel.PHONE] * 8 + [Channel.WEB] * 6 + [Channel.MAILBOX] * 4 + [Channel.MEDIA, Channel.API]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "建国 秀兰 志强 丽华 海燕 国庆 春梅 伟 芳 敏 静 军 磊 洋 艳 勇 杰 娟 涛 明 超 秀英 霞 平 刚 桂英 文 华 红 鹏 玉兰 飞 玲 斌 宇 浩 凯 晨 欣怡 子轩 梓涵 一鸣 思远 佳怡 俊杰 雨萱 晓东 建华 德明".split()
RATINGS = ["satisfied"] * 14 + ["basically_satisfied"] * 4 + ["dissatisfied"] * 2


def data_dir() -> Path:
    """`SHUNIU_SHARED_DATA`, else `<repository>/../shared/data`."""
    configured = os.environ.get("SHUNIU_SHARED_DATA")
    if configured:
        return Path(configured)
    return settings.PACKAGE_DIR.parent.parent.parent / "shared" / "data"


# --- Reading the data ----------------------------------------------------------------------


def _read(path: Path) -> list[dict]:
    csv.field_size_limit(10**8)
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _parse_time(value: str) -> datetime.datetime | None:
    value = (value or "").strip()
    for fmt in ("%Y/%m/%d %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M"):
        try:
            return datetime.datetime.strptime(value, fmt)
        except ValueError:
            continue
    return None


class _Classifier:
    """Multinomial naive Bayes over jieba words, trained on the labelled titles."""

    def __init__(self, rows: list[dict]):
        self.exact = {}
        self.words: dict[str, Counter] = defaultdict(Counter)
        self.docs = Counter()
        for row in rows:
            label = LABELS.get((row.get("label") or "").strip())
            title = (row.get("text") or "").strip()
            if not label or not title:
                continue
            self.exact[title] = label
            self.docs[label] += 1
            self.words[label].update(text.tokens(title, limit=30))
        self.vocabulary = len({w for counter in self.words.values() for w in counter}) or 1
        self.totals = {label: sum(counter.values()) for label, counter in self.words.items()}
        self.doc_total = sum(self.docs.values()) or 1

    def __call__(self, title: str, body: str) -> str:
        if title in self.exact:
            return self.exact[title]
        if not self.docs:
            return Category.OTHER
        # Trained on titles, so it reads titles (82 % right on a held-out fifth of titles.tsv);
        # the start of the text only helps when the title says almost nothing.
        words = text.tokens(title, limit=40)
        if len(words) < 2:
            words += text.tokens(body[:80], limit=20)
        best, best_score = Category.OTHER, -math.inf
        for label, count in self.docs.items():
            score = math.log(count / self.doc_total)
            counter, total = self.words[label], self.totals[label]
            score += sum(math.log((counter[w] + 1) / (total + self.vocabulary)) for w in words)
            if score > best_score:
                best, best_score = label, score
        return best


def _ticket_type(title: str) -> str:
    if "举报" in title:
        return "report"
    if "投诉" in title:
        return "complaint"
    if "建议" in title:
        return "suggest"
    if any(word in title for word in ("求助", "救助", "帮忙", "帮助")):
        return "help"
    if any(word in title for word in ("咨询", "请问", "能否", "是否", "何时", "如何", "怎么办理")) or title.endswith(("吗", "吗？", "？")):
        return "consult"
    return "complaint"


def _citizen(key: str) -> tuple[str, str]:
    digest = int(hashlib.sha256(key.encode()).hexdigest(), 16)
    name = SURNAMES[digest % len(SURNAMES)] + GIVEN[(digest // 97) % len(GIVEN)]
    phone = f"1{'3578'[digest % 4]}{(digest // 7) % 10}{(digest // 11) % 10 ** 8:08d}"
    return name, phone


def _clean(value: str, limit: int) -> str:
    return " ".join((value or "").split())[:limit]


# --- Timeline ------------------------------------------------------------------------------


def _office_time(moment: datetime.datetime, rng: random.Random) -> datetime.datetime:
    """The next moment in office hours (8:30–17:30) at or after `moment`."""
    local = timezone.localtime(moment)
    if local.hour < 8 or (local.hour == 8 and local.minute < 30):
        local = local.replace(hour=8, minute=30 + rng.randint(0, 50) // 2, second=0)
    elif local.hour >= 17 and local.minute >= 30 or local.hour >= 18:
        local = (local + datetime.timedelta(days=1)).replace(hour=8, minute=30 + rng.randint(0, 25), second=0)
    return local


class _Life:
    """One ticket's story: (moment, transition, who, inputs) run in order with the clock set."""

    def __init__(self, now: datetime.datetime, people: dict[str, User]):
        self.now, self.people = now, people

    def do(self, moment: datetime.datetime, matter: Matter, name: str, user: str, payload: dict) -> Matter:
        if moment >= self.now:
            raise _NotYet
        with clock_at(moment):
            return engine.perform(matter, name, self.people[user], payload)


class _NotYet(Exception):
    """The story has reached today: the ticket stays as it is."""


def _register(moment, data: dict, people) -> Matter:
    with clock_at(moment):
        if data["channel"] in (Channel.WEB, Channel.MAILBOX):
            public = {k: v for k, v in data.items() if k not in ("category", "urgency", "external_ref")}
            matter = hotline_services.register_ticket(None, public, public=True, received_at=moment)
            Ticket.objects.filter(pk=matter.pk).update(external_ref=data["external_ref"])
            Matter.objects.filter(pk=matter.pk).update(category=data["category"])
            matter.category = data["category"]
        else:
            matter = hotline_services.register_ticket(people["rexian"], {**data, "received_at": None}, received_at=moment)
    return matter


def _live(life: _Life, matter: Matter, plan: dict, rng: random.Random) -> None:
    """Take a registered ticket through the steps its plan reaches before today."""
    received, unit = matter.received_at, plan["unit"]
    staff = f"{unit}_staff"
    t = received + datetime.timedelta(minutes=rng.randint(8, 40))
    if plan["direct"]:
        life.do(t, matter, "answer_directly", "rexian", {"reply": plan["reply"]})
        _after_answer(life, matter, t, plan, rng)
        return
    t = _office_time(t + datetime.timedelta(minutes=rng.randint(20, 180)), rng)
    if plan["returned"]:
        wrong = WRONG_UNIT.get(unit, "cgj")
        life.do(t, matter, "dispatch", "rexian", {"units": [{"unit": wrong, "role": "lead"}]})
        t = _office_time(t + datetime.timedelta(hours=rng.randint(2, 20)), rng)
        life.do(t, matter, "return", f"{wrong}_staff",
                {"reason": f"经核实，该诉求不属于我局职责范围，建议转{plan['unit_name']}办理。"})
        t = _office_time(t + datetime.timedelta(minutes=rng.randint(30, 120)), rng)
    units = [{"unit": unit, "role": "lead"}]
    if plan["assist"]:
        units.append({"unit": plan["assist"], "role": "assist"})
    life.do(t, matter, "dispatch", "rexian", {"units": units, "category": plan["category"]})
    t = _office_time(t + datetime.timedelta(hours=rng.randint(1, 20)), rng)
    life.do(t, matter, "accept", staff, {})
    if plan["assist"]:
        life.do(t + datetime.timedelta(minutes=35), matter, "accept", f"{plan['assist']}_staff", {})
    reply_at = _office_time(received + plan["delay"], rng)
    if plan["extension"]:
        ask = _office_time(t + (reply_at - t) / 3, rng)
        life.do(ask, matter, "request_extension", staff,
                {"days": plan["extension"], "reason": "该事项涉及多个部门协调和现场核查，需延期办理。"})
        life.do(_office_time(ask + datetime.timedelta(hours=rng.randint(2, 20)), rng), matter, "approve_extension",
                "rexian", {"comment": "同意延期，请在延期时限内办结答复。"})
    if reply_at <= t:
        reply_at = t + datetime.timedelta(hours=2)
    life.do(reply_at, matter, "reply", staff, {"reply": plan["reply"]})
    t = _office_time(reply_at + datetime.timedelta(hours=rng.randint(1, 26)), rng)
    if plan["rejected"]:
        life.do(t, matter, "reject_reply", "rexian", {"comment": "答复未针对来信人反映的具体问题，请补充核查情况后重新答复。"})
        t = _office_time(t + datetime.timedelta(days=rng.randint(1, 3)), rng)
        life.do(t, matter, "reply", staff, {"reply": plan["reply"]})
        t = _office_time(t + datetime.timedelta(hours=rng.randint(1, 8)), rng)
    if plan["hold_review"]:
        return  # replied recently: waiting for the hotline office's review
    life.do(t, matter, "approve_reply", "rexian", {})
    _after_answer(life, matter, t, plan, rng)


def _after_answer(life: _Life, matter: Matter, answered: datetime.datetime, plan: dict, rng: random.Random) -> None:
    if plan["citizen_rating"]:
        moment = answered + datetime.timedelta(hours=rng.randint(3, 60))
        if moment >= life.now:
            raise _NotYet
        with clock_at(moment):
            hotline_services.record_citizen_rating(matter, plan["citizen_rating"], plan["citizen_comment"])
    if not plan["revisit"]:
        return
    t = _office_time(answered + datetime.timedelta(days=rng.randint(1, 3)), rng)
    life.do(t, matter, "revisit", "rexian", {"rating": plan["rating"], "comment": plan["revisit_comment"]})
    if plan["reopen"]:
        t = _office_time(t + datetime.timedelta(hours=rng.randint(1, 6)), rng)
        life.do(t, matter, "reopen", "rexian", {"comment": "来电人对办理结果不满意，经研判诉求合理，退回重办。"})
        t = _office_time(t + datetime.timedelta(days=rng.randint(2, 4)), rng)
        life.do(t, matter, "reply", f"{plan['unit']}_staff",
                {"reply": "经再次现场核查并与来电人沟通，已督促责任单位落实整改措施，来电人表示认可。"})
        t = _office_time(t + datetime.timedelta(hours=rng.randint(1, 10)), rng)
        life.do(t, matter, "approve_reply", "rexian", {})
        t = _office_time(t + datetime.timedelta(days=1), rng)
        life.do(t, matter, "revisit", "rexian", {"rating": "basically_satisfied", "comment": "重办后问题基本解决。"})


def _plan(index: int, row: dict, category: str, rng: random.Random, *, open_only: bool) -> dict:
    unit = CATEGORY_ROUTES.get(category, "zjj")
    kind = _ticket_type(row["title"])
    real = None
    posted, replied = _parse_time(row.get("time", "")), _parse_time(row.get("reply_time", ""))
    if posted and replied and replied > posted:
        real = replied - posted
    # The real handling time, scaled to a 5-working-day rule: most on time, some late.
    delay = real * 0.45 if real else datetime.timedelta(days=rng.uniform(2, 9))
    delay = max(datetime.timedelta(hours=6), min(delay, datetime.timedelta(days=24)))
    rating = rng.choice(RATINGS)
    revisit = not open_only and rng.random() < 0.82
    channel = CHANNEL_CYCLE[index % len(CHANNEL_CYCLE)]
    citizen_rating = ""
    if not open_only and channel in (Channel.WEB, Channel.MAILBOX) and rng.random() < 0.45:
        citizen_rating = rng.choice(RATINGS)
    extension = 0
    if delay > datetime.timedelta(days=8) and rng.random() < 0.5:
        extension = rng.choice((5, 7, 10))
    return {
        "unit": unit, "unit_name": Unit.objects.get(code=unit).name, "category": category,
        "direct": not open_only and kind == "consult" and rng.random() < 0.35,
        "returned": rng.random() < 0.05, "assist": "cgj" if unit == "zjj" and rng.random() < 0.12 else "",
        "delay": delay if not open_only else datetime.timedelta(days=365), "extension": extension,
        "rejected": rng.random() < 0.06,
        "reply": row.get("reply", "").strip()[:10000], "revisit": revisit, "rating": rating,
        "revisit_comment": {"satisfied": "对办理结果满意。", "basically_satisfied": "问题已基本解决。",
                            "dissatisfied": "问题没有得到解决。"}[rating],
        "reopen": revisit and rating == "dissatisfied" and kind != "consult" and rng.random() < 0.6,
        "citizen_rating": citizen_rating, "citizen_comment": "感谢及时答复。" if citizen_rating == "satisfied" else "",
        "channel": channel, "type": kind,
    }


def _ticket_data(row: dict, plan: dict, ref: str, rng: random.Random) -> dict:
    name, phone = _citizen(ref)
    title = _clean(row["title"], 100)
    if len(title) < 4:
        title = (title + "的问题")[:100]
    content = (row.get("detail") or "").strip()[:5000]
    if len(content) < 10:
        content = f"{title}。{content}"
    urgency = "normal"
    roll = rng.random()
    if roll < 0.01:
        urgency = "very_urgent"
    elif roll < 0.05:
        urgency = "urgent"
    return {
        "channel": plan["channel"], "type": plan["type"], "category": plan["category"], "urgency": urgency,
        "title": title, "content": content, "name": name, "phone": phone, "address": "",
        "wants_public": plan["channel"] in (Channel.WEB, Channel.MAILBOX) and rng.random() < 0.7,
        "external_ref": ref,
    }


def _knowledge(rows: list[dict], classify, people) -> int:
    """The knowledge base: the real answers to consultations, by subject."""
    existing = set(Article.objects.values_list("title", flat=True))
    chosen, seen_categories, seen_titles = [], Counter(), set()
    for row in rows:
        title = _clean(row.get("title", ""), 200)
        reply = (row.get("reply") or "").strip()
        if _ticket_type(title) != "consult" or len(reply) < 80 or title in seen_titles:
            continue
        seen_titles.add(title)
        category = classify(title, row.get("detail", ""))
        if seen_categories[category] >= 4:
            continue
        seen_categories[category] += 1
        chosen.append((title, category, reply))
        if len(chosen) >= KNOWLEDGE_COUNT:
            break
    names = dict(Unit.objects.values_list("code", "name"))
    Article.objects.bulk_create([
        Article(title=title, category=category, answer=reply[:5000], keywords=" ".join(text.tokens(title, limit=8)),
                source_unit=names.get(CATEGORY_ROUTES.get(category, ""), ""), updated_by=people.get("rexian"),
                use_count=(len(title) * 7) % 23)
        for title, category, reply in chosen if title not in existing
    ])
    return len([title for title, _c, _r in chosen if title not in existing])


def seed(password: str, stdout=None, *, replied_count: int = REPLIED_COUNT, open_count: int = OPEN_COUNT) -> None:
    folder = data_dir() / "tipdm2020"
    replies_path, votes_path, titles_path = (folder / name for name in
                                             ("messages_with_replies.tsv", "messages_with_votes.tsv", "titles.tsv"))
    if not replies_path.exists():
        if stdout:
            stdout.write(f"12345热线：未找到群众留言数据 {replies_path}，未载入热线演示数据。"
                         "（可用环境变量 SHUNIU_SHARED_DATA 指定 shared/data 目录）")
        return
    now = timezone.now()
    people = {u.username: u for u in User.objects.filter(is_active=True)}
    classify = _Classifier(_read(titles_path) if titles_path.exists() else [])
    replied_rows = [r for r in _read(replies_path) if r.get("id") and r.get("title") and r.get("reply")]
    replied_rows.sort(key=lambda r: int(r["id"]) if r["id"].isdigit() else 0)
    step = max(1, len(replied_rows) // max(replied_count, 1))
    replied = replied_rows[::step][:replied_count]
    open_rows = []
    if votes_path.exists() and open_count:
        votes = [r for r in _read(votes_path) if r.get("id") and r.get("title") and len(r.get("detail") or "") >= 10]
        open_rows = votes[:: max(1, len(votes) // open_count)][:open_count]
    existing = set(Ticket.objects.filter(external_ref__startswith="TIPDM-").values_list("external_ref", flat=True))

    created = 0
    life = _Life(now, people)
    with suppressed():
        articles = _knowledge(replied_rows, classify, people)
        # Answered messages across the last twelve months; recent messages still open over the last
        # three weeks. Registered oldest first, so serials follow time.
        stories = [(365 - 362 * i / max(len(replied) - 1, 1), row, f"TIPDM-{row['id']}", False)
                   for i, row in enumerate(replied)]
        stories += [(21 - 20.5 * i / max(len(open_rows) - 1, 1), row, f"TIPDM-V{row['id']}", True)
                    for i, row in enumerate(open_rows)]
        stories.sort(key=lambda story: -story[0])
        for index, (days_ago, row, ref, open_only) in enumerate(stories):
            created += _one(life, row, ref, index, classify, now, days_ago, existing, open_only=open_only)
        created += _duplicates(life, people, now, existing)
    update_sla(WORKFLOW, timezone.now())
    if stdout:
        total = Matter.objects.filter(kind="hotline").count()
        by_state = Counter(Matter.objects.filter(kind="hotline").values_list("status", flat=True))
        states = "，".join(f"{WORKFLOW.state_label(s)} {n}" for s, n in sorted(by_state.items(), key=lambda x: -x[1]))
        stdout.write(f"12345热线：新增 {created} 件，共 {total} 件工单（{states}）；知识库新增 {articles} 条。")


def _one(life, row, ref, index, classify, now, days_ago, existing, *, open_only: bool) -> int:
    if ref in existing:
        return 0
    rng = random.Random(f"{SEED}-{ref}")
    category = classify(row["title"].strip(), row.get("detail", ""))
    plan = _plan(index, row, category, rng, open_only=open_only)
    plan["hold_review"] = not open_only and days_ago < 20 and index % 2 == 0
    if plan["hold_review"]:
        plan["direct"] = False
    posted = _parse_time(row.get("time", ""))
    received = now - datetime.timedelta(days=days_ago)
    if posted:
        received = timezone.localtime(received).replace(hour=posted.hour, minute=posted.minute, second=posted.second)
    if plan["channel"] == Channel.PHONE:
        received = _office_time(received, rng)
    received = min(received, now - datetime.timedelta(minutes=30))
    if plan["hold_review"]:
        plan["delay"] = min(plan["delay"], (now - received) * 0.5)
    data = _ticket_data(row, plan, ref, rng)
    with transaction.atomic():
        try:
            matter = _register(received, data, life.people)
        except engine.Invalid:
            return 0  # a message the intake rules refuse (e.g. too short) is left out, not bent to fit
        try:
            if open_only:
                _live_open(life, matter, plan, rng, index)
            else:
                _live(life, matter, plan, rng)
        except _NotYet:
            pass
    return 1


def _live_open(life: _Life, matter: Matter, plan: dict, rng: random.Random, index: int) -> None:
    """The recent tickets: some wait for dispatch, some for acceptance, some are being handled."""
    stage = index % 4
    if stage == 0:
        return
    t = _office_time(matter.received_at + datetime.timedelta(minutes=rng.randint(30, 200)), rng)
    life.do(t, matter, "dispatch", "rexian", {"units": [{"unit": plan["unit"], "role": "lead"}]})
    if stage == 1:
        return
    t = _office_time(t + datetime.timedelta(hours=rng.randint(1, 20)), rng)
    life.do(t, matter, "accept", f"{plan['unit']}_staff", {})
    if stage == 3 and rng.random() < 0.4:
        life.do(_office_time(t + datetime.timedelta(days=1), rng), matter, "request_extension", f"{plan['unit']}_staff",
                {"days": 5, "reason": "需会同街道开展现场核查，申请延期办理。"})


def _duplicates(life: _Life, people, now, existing) -> int:
    """A few callers write again about a matter still open: the second message is merged."""
    created = 0
    targets = (Matter.objects.filter(kind="hotline", is_open=True, status__in=["dispatched", "in_progress"],
                                     ticket__external_ref__startswith="TIPDM-V")
               .select_related("ticket").order_by("-received_at")[:DUPLICATES])
    for target in targets:
        ref = f"{target.ticket.external_ref}-2"
        if ref in existing:
            continue
        rng = random.Random(f"{SEED}-{ref}")
        received = min(target.received_at + datetime.timedelta(days=rng.randint(1, 3), hours=rng.randint(1, 5)),
                       now - datetime.timedelta(hours=1))
        data = {
            "channel": Channel.PHONE, "type": target.ticket.type, "category": target.category, "urgency": "normal",
            "title": f"再次反映：{target.title}"[:100], "content": f"此前已反映过，至今未见处理，再次反映。{target.content}"[:5000],
            "name": target.ticket.citizen_name, "phone": target.ticket.phone, "address": target.ticket.address,
            "wants_public": False, "external_ref": ref,
        }
        with transaction.atomic():
            matter = _register(received, data, people)
            try:
                life.do(received + datetime.timedelta(minutes=rng.randint(5, 30)), matter, "merge", "rexian",
                        {"into": target.serial, "comment": "同一来电人就同一事项再次来电，归并办理。"})
            except _NotYet:
                pass
        created += 1
    return created
