"""The hotline's list and a ticket's page (the engine's generic page with the hotline partial)."""

from shuniu.matters.services import perform


def test_the_list_shows_tickets_the_user_may_see(client_for, make_ticket, dispatched):
    waiting = make_ticket(title="咨询公积金提取手续", type="consult")
    to_hbj = dispatched(lead="hbj", title="化工厂排放异味", phone="13700000002")
    office = client_for("rexian").get("/hotline/").content.decode()
    assert waiting.serial in office and to_hbj.serial in office
    hbj = client_for("hbj_staff").get("/hotline/").content.decode()
    assert to_hbj.serial in hbj and waiting.serial not in hbj
    jtj = client_for("jtj_staff").get("/hotline/").content.decode()
    assert to_hbj.serial not in jtj and "没有符合条件的工单" in jtj


def test_the_list_filters_by_tab_and_phone(client_for, make_ticket, dispatched):
    waiting = make_ticket(title="咨询公积金提取手续", type="consult", phone="13711112222")
    handling = dispatched(title="化工厂排放异味", phone="13700000002")
    client = client_for("rexian")
    page = client.get("/hotline/", {"tab": "todo"}).content.decode()
    assert waiting.serial in page and handling.serial not in page
    page = client.get("/hotline/", {"q": "13700000002"}).content.decode()
    assert handling.serial in page and waiting.serial not in page


def test_the_ticket_page_shows_the_citizen_and_suggests_merging_a_duplicate(client_for, make_ticket):
    first = make_ticket()
    second = make_ticket(title="滨江小区工地半夜施工")
    page = client_for("rexian").get(f"/matters/{second.pk}/").content.decode()
    assert 'id="hotline-ticket"' in page and "13912345678" in page and second.ticket.query_code in page
    assert 'id="duplicate-suggestions"' in page and first.serial in page
    assert "一般派至：<strong>生态环境局</strong>" in page
    assert 'id="do-merge"' in page and 'id="do-dispatch"' in page and 'id="do-answer_directly"' in page


def test_a_departments_ticket_page_offers_accept_and_return_only(client_for, dispatched):
    ticket = dispatched()
    page = client_for("hbj_staff").get(f"/matters/{ticket.pk}/").content.decode()
    assert 'id="do-accept"' in page and 'id="do-return"' in page
    assert 'id="do-approve_reply"' not in page and 'id="duplicate-suggestions"' not in page


def test_the_merged_ticket_shows_on_the_original(client_for, make_ticket, demo_office):
    first = make_ticket()
    second = make_ticket(title="滨江小区工地半夜施工")
    perform(second, "merge", demo_office["rexian"], {"into": first.serial})
    page = client_for("rexian").get(f"/matters/{first.pk}/").content.decode()
    assert 'id="merged-tickets"' in page and second.serial in page and "归并重复件" in page


def test_a_consultation_waiting_in_the_office_shows_knowledge_base_answers(client_for, make_ticket):
    from shuniu.hotline.models import Article

    Article.objects.create(title="住房公积金提取需要哪些材料", category="labour", answer="携带身份证到公积金中心办理。")
    question = make_ticket(type="consult", category="labour", title="咨询住房公积金提取手续",
                           content="想提取住房公积金用于装修，需要准备什么材料？")
    page = client_for("rexian").get(f"/matters/{question.pk}/").content.decode()
    assert 'id="knowledge-suggestions"' in page and "采用此答复直接办结" in page
    complaint = make_ticket(phone="13700000009", title="公积金中心窗口排队太久", content="公积金中心窗口排队两个小时还没办上业务。")
    assert 'id="knowledge-suggestions"' not in client_for("rexian").get(f"/matters/{complaint.pk}/").content.decode()
