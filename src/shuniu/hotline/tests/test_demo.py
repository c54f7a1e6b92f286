"""The demo hotline loads the real messages and replies, in every state, once."""

import io

import pytest

from shuniu.hotline import demo
from shuniu.hotline.models import Article, Ticket
from shuniu.matters.models import Matter

needs_data = pytest.mark.skipif(not (demo.data_dir() / "tipdm2020" / "messages_with_replies.tsv").exists(),
                                reason="shared/data/tipdm2020 不在本机")


@needs_data
def test_the_demo_loads_real_replies_and_is_idempotent(demo_office):
    out = io.StringIO()
    demo.seed("Shuniu@2026", out, replied_count=24, open_count=8)
    tickets = Matter.objects.filter(kind="hotline")
    assert tickets.count() >= 30 and "12345热线：新增" in out.getvalue()
    states = set(tickets.values_list("status", flat=True))
    assert {"registered", "dispatched", "in_progress", "answered", "revisited", "merged"} <= states
    rows = {row["id"]: row for row in demo._read(demo.data_dir() / "tipdm2020" / "messages_with_replies.tsv")}
    answered = Ticket.objects.filter(external_ref__startswith="TIPDM-", answered_directly=False, matter__status="revisited",
                                     matter__ticket__reopen_count=0).exclude(external_ref__startswith="TIPDM-V").first()
    assert answered.public_reply == rows[answered.external_ref.removeprefix("TIPDM-")]["reply"].strip()
    assert Article.objects.exists()
    before = (tickets.count(), Article.objects.count())
    demo.seed("Shuniu@2026", io.StringIO(), replied_count=24, open_count=8)
    assert (Matter.objects.filter(kind="hotline").count(), Article.objects.count()) == before


def test_without_the_data_files_nothing_is_seeded_and_the_command_says_so(demo_office, monkeypatch, tmp_path):
    monkeypatch.setenv("SHUNIU_SHARED_DATA", str(tmp_path))
    out = io.StringIO()
    demo.seed("Shuniu@2026", out)
    assert "未找到群众留言数据" in out.getvalue() and "未载入热线演示数据" in out.getvalue()
    assert Matter.objects.filter(kind="hotline").count() == 0


def test_the_ticket_type_is_read_from_the_title():
    assert demo._ticket_type("咨询A市公积金提取手续") == "consult"
    assert demo._ticket_type("举报某公司非法集资") == "report"
    assert demo._ticket_type("建议增设公交线路") == "suggest"
    assert demo._ticket_type("A3区潇楚南路洋湖段怎么还没修好") == "complaint"
