"""接听登记: the operator's desk form, caller history and knowledge suggestions as they type."""

from shuniu.hotline.models import Article
from shuniu.matters.models import Matter

CALL = {
    "phone": "13912345678", "name": "王建华", "channel": "phone", "type": "complaint", "category": "environment",
    "urgency": "normal", "title": "滨江小区夜间施工噪音扰民",
    "content": "滨江小区旁的工地连续一周晚上十一点后仍在施工，噪音很大，严重影响居民休息。",
}


def test_the_desk_opens_with_the_phone_field_focused(client_for):
    page = client_for("rexian").get("/hotline/desk/").content.decode()
    assert 'name="phone"' in page and "autofocus" in page and 'accesskey="s"' in page
    assert "hx-get=\"/hotline/desk/history/\"" in page


def test_registering_a_call_returns_to_an_empty_desk_with_the_code(client_for):
    client = client_for("rexian")
    response = client.post("/hotline/desk/", {**CALL, "action": "register"})
    matter = Matter.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/hotline/desk/?last={matter.pk}"
    page = client.get(response["Location"]).content.decode()
    assert f"{matter.serial}已登记，查询码 {matter.ticket.query_code}。" in page
    assert 'id="last-ticket"' in page


def test_a_call_answered_from_the_knowledge_base_is_closed_at_once(client_for, demo_office):
    article = Article.objects.create(title="夜间施工许可如何查询", category="environment", answer="可登录生态环境局网站查询。")
    response = client_for("rexian").post("/hotline/desk/", {
        **CALL, "type": "consult", "action": "answer", "reply": "可登录生态环境局网站查询。", "article": article.pk})
    assert response.status_code == 302
    matter = Matter.objects.get()
    assert matter.status == "answered" and matter.ticket.answered_directly
    article.refresh_from_db()
    assert article.use_count == 1


def test_a_call_dispatched_from_the_desk(client_for):
    client_for("rexian").post("/hotline/desk/", {**CALL, "action": "dispatch", "lead_unit": "hbj"})
    matter = Matter.objects.get()
    assert matter.status == "dispatched" and matter.lead_unit.code == "hbj"


def test_dispatching_without_a_unit_writes_nothing(client_for):
    response = client_for("rexian").post("/hotline/desk/", {**CALL, "action": "dispatch", "lead_unit": ""})
    assert response.status_code == 400
    assert "派单须选择主办单位" in response.content.decode()
    assert Matter.objects.count() == 0


def test_answering_without_a_reply_writes_nothing(client_for):
    response = client_for("rexian").post("/hotline/desk/", {**CALL, "action": "answer", "reply": ""})
    assert response.status_code == 400 and "直接办结须填写答复内容" in response.content.decode()
    assert Matter.objects.count() == 0


def test_a_bad_phone_number_is_shown_beside_the_field_and_nothing_is_written(client_for):
    response = client_for("rexian").post("/hotline/desk/", {**CALL, "phone": "5551234", "action": "register"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "联系电话格式不正确" in page and 'value="5551234"' in page
    assert Matter.objects.count() == 0


def test_caller_history_lists_the_callers_earlier_tickets(client_for, make_ticket):
    first = make_ticket(phone="13912345678")
    make_ticket(phone="13800000000", title="其他来电人的诉求", content="其他来电人的诉求内容，与本号码无关。")
    page = client_for("rexian").get("/hotline/desk/history/", {"phone": "139 1234 5678"},
                                     HTTP_HX_REQUEST="true").content.decode()
    assert first.serial in page and "未办结，注意是否重复来电" in page
    assert "其他来电人的诉求" not in page


def test_caller_history_for_a_new_number_says_so(client_for):
    page = client_for("rexian").get("/hotline/desk/history/", {"phone": "13700000000"}).content.decode()
    assert "号码 13700000000 没有历史工单。" in page


def test_knowledge_suggestions_as_the_operator_types(client_for):
    Article.objects.create(title="住房公积金提取需要哪些材料", category="labour", answer="携带身份证到公积金中心办理。")
    page = client_for("rexian").get("/hotline/desk/knowledge/", {"title": "公积金怎么提取"}).content.decode()
    assert "住房公积金提取需要哪些材料" in page and "采用此答复" in page


def test_a_department_has_no_desk(client_for):
    client = client_for("hbj_staff")
    assert client.get("/hotline/desk/").status_code == 403
    assert client.post("/hotline/desk/", {**CALL, "action": "register"}).status_code == 403
    assert client.get("/hotline/desk/history/", {"phone": "13912345678"}).status_code == 403
    assert Matter.objects.count() == 0
