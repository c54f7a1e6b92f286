"""Reading 发文字号 as they arrive from other offices and turning them into the canonical form.

Real numbers come typed by hand and copied from web pages: `晋政办发[2008]50号`,
`晋政发(2006)23号`, `豫政 〔2020〕9号`, `发文字号：渝府发〔2023〕15号`, full-width digits, zero-width
spaces, the number after 号. The canonical form is 机关代字〔year〕sequence号 (六角括号, no 第, no
zero padding). Two other real shapes are kept as they are written, tidied: orders (`山西省人民政府令
第193号`) and numbered announcements (`财政部公告2015年第3号`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone

# Every bracket seen around the year in the wild, mapped to the 六角括号.
OPEN_BRACKETS = "〔[(（［【﹝〘{｛<〈《「"
CLOSE_BRACKETS = "〕])）］】﹞〙}｝>〉》」"
PREFIXES = re.compile(r"^(发文字号|文件字号|文号|字号)\s*[:：]?\s*")
# Text glued in front by copying from a title or a sentence: “…的通知沪教委基〔2023〕9号”, “依据沪财发…”.
LEADING_NOISE = re.compile(
    r"^(?:.*的(?:通知|批复|函|意见|决定|通报|报告|请示|公告|通告|规定|办法)|依据|根据|按照|号)(?=[^\d])"
)
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)

STANDARD = re.compile(
    rf"^(?P<agency>[^\d{re.escape(OPEN_BRACKETS)}]*?[^\d\s{re.escape(OPEN_BRACKETS)}])"
    rf"[{re.escape(OPEN_BRACKETS)}](?P<year>\d{{4}})[{re.escape(CLOSE_BRACKETS)}]"
    r"(?:第)?(?P<seq>\d+)号?$"
)
# 〔2014〕号16: the sequence typed after 号.
SEQ_AFTER_HAO = re.compile(
    rf"^(?P<agency>[^\d{re.escape(OPEN_BRACKETS)}]+)[{re.escape(OPEN_BRACKETS)}](?P<year>\d{{4}})"
    rf"[{re.escape(CLOSE_BRACKETS)}]号(?P<seq>\d+)$"
)
# 晋政发2008年50号 / 晋政发2008-50号: no brackets at all.
NO_BRACKETS = re.compile(r"^(?P<agency>[^\d]+?[^\d年])(?P<year>(?:19|20)\d{2})(?:年|-)(?P<seq>\d+)号$")
ORDER = re.compile(r"^(?P<agency>[^\d]*令)(?:[（(]?(?P<year>\d{4})年)?第(?P<seq>\d+)号[）)]?$")
ANNOUNCEMENT = re.compile(r"^(?P<agency>[^\d]*?)(?P<year>\d{4})年第(?P<seq>\d+)号$")


@dataclass(frozen=True)
class DocNumber:
    agency: str  # 机关代字 (or the issuer's name for orders and announcements)
    year: int | None
    seq: int
    form: str  # "standard" 机关代字〔年〕号, "order" 令第N号, "announcement" 年第N号

    @property
    def canonical(self) -> str:
        if self.form == "standard":
            return f"{self.agency}〔{self.year}〕{self.seq}号"
        if self.form == "order":
            return f"{self.agency}第{self.seq}号" if self.year is None else f"{self.agency}（{self.year}年第{self.seq}号）"
        return f"{self.agency}{self.year}年第{self.seq}号"


def _clean(raw: str) -> str:
    text = unicodedata.normalize("NFKC", raw or "")
    # NFKC turns 〔〕 into neither ASCII nor anything else; it does turn full-width digits and
    # brackets into ASCII, which the patterns accept alike.
    text = text.translate(INVISIBLE)
    text = re.sub(r"\s+", "", text)
    text = PREFIXES.sub("", text)
    # Empty bracket pairs left over from a template (渝府发〔2000〕48号〔〕).
    text = re.sub(rf"[{re.escape(OPEN_BRACKETS)}][{re.escape(CLOSE_BRACKETS)}]", "", text)
    text = LEADING_NOISE.sub("", text)
    return text.strip("。.,，;；")


def _plausible_year(year: int) -> bool:
    return 1949 <= year <= timezone.localdate().year + 1


def parse(raw: str) -> DocNumber | None:
    """The document number in `raw`, or None when it is not a recognisable 发文字号."""
    text = _clean(raw)
    if not text:
        return None
    for pattern in (STANDARD, SEQ_AFTER_HAO, NO_BRACKETS):
        match = pattern.match(text)
        if match:
            year, seq = int(match["year"]), int(match["seq"])
            agency = match["agency"]
            if _plausible_year(year) and seq > 0:
                return DocNumber(agency, year, seq, "standard")
    match = ORDER.match(text)
    if match and int(match["seq"]) > 0:
        year = int(match["year"]) if match["year"] else None
        if year is None or _plausible_year(year):
            return DocNumber(match["agency"], year, int(match["seq"]), "order")
    match = ANNOUNCEMENT.match(text)
    if match and match["agency"] and _plausible_year(int(match["year"])) and int(match["seq"]) > 0:
        return DocNumber(match["agency"], int(match["year"]), int(match["seq"]), "announcement")
    return None


def normalise(raw: str) -> str:
    """The canonical number, or the tidied input when it cannot be read (nothing is thrown away)."""
    parsed = parse(raw)
    return parsed.canonical if parsed else _clean(raw)


# The real numbers shipped beside the repository (shared/data/docnum), used by the tests and
# `shuniu docnum_rate` when present.
SHARED_TSV = Path(__file__).resolve().parents[4] / "shared" / "data" / "docnum" / "doc_numbers.tsv"


@dataclass
class Measurement:
    total: int
    blank: int
    parsed: int
    standard: int
    already_canonical: int
    failures: list[str]

    @property
    def rate(self) -> float:
        """Share of non-blank numbers read, 0..1."""
        counted = self.total - self.blank
        return self.parsed / counted if counted else 0.0


def measure(numbers) -> Measurement:
    total = blank = parsed = standard = already = 0
    failures: list[str] = []
    for raw in numbers:
        total += 1
        if not _clean(raw):
            blank += 1
            continue
        result = parse(raw)
        if result is None:
            failures.append(raw)
            continue
        parsed += 1
        if result.form == "standard":
            standard += 1
            already += raw.strip() == result.canonical
    return Measurement(total, blank, parsed, standard, already, failures)


def read_tsv(path) -> list[str]:
    """The `doc_number` column of a TSV such as shared/data/docnum/doc_numbers.tsv."""
    import csv

    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [row.get("doc_number") or "" for row in reader]
