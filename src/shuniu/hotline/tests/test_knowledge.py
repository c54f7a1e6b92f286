"""知识库: searching by the words of a question (jieba), and who keeps the articles."""

import pytest

from shuniu.hotline.models import Article
from shuniu.hotline.services import search_knowledge


@pytest.fixture
def articles(demo_office):
    make = Article.objects.create
    return {
        "fund": make(title="住房公积金提取需要哪些材料", category="labour", keywords="公积金 提取",
                     answer="提取住房公积金需携带身份证、银行卡及相关证明材料到公积金管理中心办理。"),
        "school": make(title="小学入学报名时间", category="education", keywords="入学 报名",
                       answer="每年6月中旬开始网上报名，具体以教育局公告为准。"),
        "old": make(title="公积金贷款额度如何计算", category="labour", answer="按缴存余额和缴存年限计算。",
                    is_published=False),
    }


def test_a_question_in_other_words_finds_the_article(articles):
    found = search_knowledge("我想咨询一下怎么提取公积金")
    assert found[0] == articles["fund"]
    assert articles["school"] not in found


def test_a_disabled_article_is_not_offered_to_operators(articles):
    assert articles["old"] not in search_knowledge("公积金贷款")
    assert articles["old"] in search_knowledge("公积金贷款", published_only=False)


def test_search_can_be_limited_to_a_category(articles):
    assert search_knowledge("报名", category="labour") == []
    assert search_knowledge("报名", category="education") == [articles["school"]]


def test_the_hotline_office_adds_an_article(client_for):
    response = client_for("rexian").post("/hotline/knowledge/new/", {
        "title": "新生儿医保如何办理", "category": "health", "answer": "新生儿出生后90日内可在医保窗口办理参保。",
        "keywords": "新生儿 医保", "is_published": "on",
    })
    article = Article.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/hotline/knowledge/{article.pk}/"
    assert article.updated_by.username == "rexian"


def test_an_article_without_an_answer_is_refused_in_chinese(client_for):
    response = client_for("rexian").post("/hotline/knowledge/new/", {"title": "问题", "category": "health", "answer": ""})
    assert response.status_code == 400
    assert "请填写标准答复" in response.content.decode()
    assert Article.objects.count() == 0


def test_a_department_reads_the_knowledge_base_but_cannot_change_it(client_for, articles):
    client = client_for("hbj_staff")
    assert client.get("/hotline/knowledge/?q=公积金").status_code == 200
    assert client.get(f"/hotline/knowledge/{articles['fund'].pk}/").status_code == 200
    assert client.get(f"/hotline/knowledge/{articles['old'].pk}/").status_code == 404
    assert client.post("/hotline/knowledge/new/", {"title": "x", "category": "health", "answer": "y"}).status_code == 403
    assert client.get(f"/hotline/knowledge/{articles['fund'].pk}/edit/").status_code == 403


def test_the_audit_administrator_cannot_read_the_knowledge_base(client_for, articles):
    assert client_for("auditor").get("/hotline/knowledge/").status_code == 403


def test_the_knowledge_page_lists_matches(client_for, articles):
    page = client_for("rexian").get("/hotline/knowledge/?q=提取公积金").content.decode()
    assert "住房公积金提取需要哪些材料" in page and "小学入学报名时间" not in page


def test_the_api_searches_the_knowledge_base(api_client_for, articles):
    response = api_client_for("rexian").get("/api/v1/hotline/knowledge", {"q": "公积金提取"})
    assert response.status_code == 200
    body = response.json()
    assert body["items"][0]["title"] == "住房公积金提取需要哪些材料" and body["items"][0]["category_label"] == "劳动和社会保障"
