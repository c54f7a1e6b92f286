"""Incoming 发文字号 as they arrive are normalised to 机关代字〔年份〕序号号."""

import io

import pytest
from django.core.management import call_command

from shuniu.documents import docnum


@pytest.mark.parametrize(("raw", "canonical"), [
    ("晋政办发[2008]50号", "晋政办发〔2008〕50号"),
    ("晋政发(2006)23号", "晋政发〔2006〕23号"),
    ("晋政发（2006）23号", "晋政发〔2006〕23号"),
    ("豫政 〔2020〕9号", "豫政〔2020〕9号"),
    ("发文字号：渝府发〔2023〕15号", "渝府发〔2023〕15号"),
    ("发文字号:晋政办函〔2023〕50号", "晋政办函〔2023〕50号"),
    ("粤府办〔2002〕1２号", "粤府办〔2002〕12号"),
    ("渝府办发〔 2022 〕96 号", "渝府办发〔2022〕96号"),
    ("渝府办发〔2023〕44号\u200b", "渝府办发〔2023〕44号"),
    ("晋政发〔2014〕号16", "晋政发〔2014〕16号"),
    ("沪发改价费〔2009〕009号", "沪发改价费〔2009〕9号"),
    ("市政办发〔2026〕第12号", "市政办发〔2026〕12号"),
    ("的通知沪教委基〔2023〕9号", "沪教委基〔2023〕9号"),
    ("渝府发〔2000〕48号〔〕", "渝府发〔2000〕48号"),
])
def test_messy_numbers_become_the_canonical_form(raw, canonical):
    assert docnum.normalise(raw) == canonical


def test_orders_and_numbered_announcements_keep_their_own_form():
    assert docnum.parse("发文字号：山西省人民政府令第193号").canonical == "山西省人民政府令第193号"
    assert docnum.parse("财政部公告2015年第3号").canonical == "财政部公告2015年第3号"
    assert docnum.parse("渝府令〔2023〕358号").canonical == "渝府令〔2023〕358号"


@pytest.mark.parametrize("raw", ["", "发文字号：", "关于做好春运工作的通知", "市政办发〔1850〕3号", "市政办发〔2026〕0号"])
def test_text_that_is_not_a_document_number_is_not_read_as_one(raw):
    assert docnum.parse(raw) is None


def test_unreadable_input_is_kept_tidied_not_thrown_away():
    assert docnum.normalise("  见附件 ") == "见附件"


@pytest.mark.skipif(not docnum.SHARED_TSV.exists(), reason="shared/data/docnum/doc_numbers.tsv 不在本机")
def test_the_parser_reads_nearly_every_real_number_in_the_shared_data():
    measured = docnum.measure(docnum.read_tsv(docnum.SHARED_TSV))
    assert measured.total > 25000
    assert measured.rate >= 0.99
    assert measured.standard - measured.already_canonical > 3000  # many really needed normalising


def test_rate_command_prints_the_rate_of_a_file(tmp_path):
    data = tmp_path / "numbers.tsv"
    data.write_text("source\tdoc_number\nA\t晋政发(2006)23号\nB\t无文号\nC\t\n", encoding="utf-8")
    out = io.StringIO()
    call_command("docnum_rate", str(data), stdout=out)
    text = out.getvalue()
    assert "识别：1/2，识别率 50.00%" in text
    assert "未识别：无文号" in text
