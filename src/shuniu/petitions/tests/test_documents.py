"""The written notices and opinions (.docx, GB/T 9704 layout) read back with what was decided."""

from __future__ import annotations

import io

from docx import Document as Docx

from shuniu.petitions.documents import read_text
from shuniu.petitions.models import Document

from .conftest import T0, days


def issued(matter, kind) -> Document:
    return Document.objects.select_related("attachment").get(petition_id=matter.pk, kind=kind)


def test_opinion_docx_reads_back_with_the_outcome(replied):
    matter = replied()
    doc = issued(matter, "opinion")
    content = doc.attachment.file.read()
    text = read_text(content)
    assert "信访事项处理意见书" in text
    assert "王建华：" in text
    assert "经现场检查，该厂废气排放符合国家标准" in text
    assert "本机关对你提出的信访请求不予支持" in text
    assert "30日内" in text and "请求复查" in text
    assert "生态环境局" in text
    assert matter.serial in text
    assert doc.attachment.name == f"信访事项处理意见书（{matter.serial}）.docx"
    assert doc.attachment.matter_id == matter.pk


def test_opinion_docx_uses_the_gbt9704_page(replied):
    matter = replied()
    section = Docx(io.BytesIO(issued(matter, "opinion").attachment.file.read())).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = [round(m.mm, 1) for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)]
    assert margins == [37.0, 35.0, 28.0, 26.0]
    # 信函格式: the issuing department's mark heads the first page.
    assert section.first_page_header.paragraphs[0].text == "市生态环境局"


def test_support_and_explanation_outcomes_are_worded(handling, act):
    supported = act(handling(), "reply", "hbj_staff", T0 + days(20), outcome="support", reply="已责令企业停产整改。")
    assert "予以支持" in read_text(issued(supported, "opinion").attachment.file.read())
    explained = act(handling(title="咨询噪声监测标准", content="请问居民区夜间噪声限值是多少，如何申请监测？"),
                    "reply", "hbj_staff", T0 + days(20), outcome="explain", reply="居民区夜间噪声限值为45分贝。")
    assert "作如上解释说明" in read_text(issued(explained, "opinion").attachment.file.read())


def test_recheck_opinion_says_it_is_final(replied, act):
    matter = replied()
    act(matter, "request_review", "xinfang", T0 + days(20), reason="不服处理意见。")
    act(matter, "decide_review", "xinfang", T0 + days(30), decision="uphold", opinion="经复查，维持原处理意见。")
    act(matter, "request_recheck", "xinfang", T0 + days(40), reason="不服复查意见。")
    matter = act(matter, "decide_recheck", "xinfang", T0 + days(50), decision="uphold", opinion="经复核，维持复查意见。")
    text = read_text(issued(matter, "recheck_opinion").attachment.file.read())
    assert "经复核，维持复查意见" in text
    assert "不再受理" in text
    assert "最终意见" in text
