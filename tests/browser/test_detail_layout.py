"""The label/value grid of the detail cards (.sn-fields) in Chromium: every value sits beside its
own label, whichever optional fields are left out — the 公文要素 of a 发文 without 签发意见 and the
基本情况 of a closed matter were scrambled (labels pushed into value columns, values onto the
next line) while they used Bootstrap columns."""

import re

import pytest

pytestmark = pytest.mark.browser

GRID = """(dl) => Array.from(dl.children).map((el) => {
  const box = el.getBoundingClientRect();
  return {tag: el.tagName, text: el.innerText.trim(), x: box.left, top: box.top, right: box.right};
})"""


def assert_pairs_aligned(page, selector: str) -> list[dict]:
    cells = page.locator(selector).evaluate(GRID)
    assert cells and len(cells) % 2 == 0, cells
    pairs = list(zip(cells[::2], cells[1::2], strict=True))
    label_columns = sorted({round(dt["x"]) for dt, _dd in pairs})
    assert len(label_columns) <= 2, f"labels in more than two columns: {label_columns}"
    first_label = min(label_columns)
    for dt, dd in pairs:
        assert (dt["tag"], dd["tag"]) == ("DT", "DD"), (dt, dd)
        assert abs(dd["top"] - dt["top"]) < 3, f"{dt['text']}：值不在标签同一行"
        assert dd["x"] >= dt["right"], f"{dt['text']}：值不在标签右侧"
    return [(dt["text"], round(dt["x"]) == first_label) for dt, _dd in pairs]


@pytest.fixture
def series(seeded_office):
    from shuniu.documents.numbering import ensure_default_series

    ensure_default_series()


def test_document_elements_and_basic_facts_keep_labels_beside_values(page, live_server, login, series):
    login(page, live_server, "mishu")
    page.goto(f"{live_server.url}/documents/outgoing/new/")
    page.get_by_label("文种").select_option("notice")
    page.get_by_label("标题").fill("市政府办公室关于做好元旦期间安全生产工作的通知")
    page.get_by_label("主送机关").fill("各区人民政府，市政府各部门")
    page.get_by_label("正文").fill("为做好元旦期间安全生产工作，现就有关事项通知如下。")
    page.get_by_role("button", name="保存文稿").click()
    page.wait_for_load_state("domcontentloaded")
    assert re.search(r"/matters/\d+/$", page.url)

    # 公文要素 of a draft: no 签发意见 (nor 附件说明) — the next long fields start a line of their own.
    labels = dict(assert_pairs_aligned(page, "#outgoing-detail dl"))
    assert "签发意见" not in labels
    assert labels["主送机关"] and labels["抄送机关"] and labels["文种"]

    # 基本情况 of a closed matter: 办结时间 present, 催办次数 absent, then the long 内容.
    from django.utils import timezone

    from shuniu.matters.models import Matter

    matter_id = int(re.search(r"/matters/(\d+)/$", page.url).group(1))
    Matter.objects.filter(pk=matter_id).update(closed_at=timezone.now())  # only what the page shows
    page.reload()
    labels = dict(assert_pairs_aligned(page, "section:has(> h2:text-is('基本情况')) dl"))
    assert "办结时间" in labels and "催办次数" not in labels
    assert labels["内容"], "the long 内容 starts a line of its own"
