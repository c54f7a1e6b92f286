"""`shuniu docnum_rate [path]`: how many real 发文字号 the normaliser reads (shared/data/docnum)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from shuniu.documents import docnum


class Command(BaseCommand):
    help = "统计发文字号规范化程序对真实文号数据（doc_numbers.tsv）的识别率。"

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="TSV 文件（含 doc_number 列），默认 ../shared/data/docnum/doc_numbers.tsv")
        parser.add_argument("--show-failures", type=int, default=20, help="列出未能识别的文号条数")

    def handle(self, *args, **options):
        path = Path(options["path"]) if options["path"] else docnum.SHARED_TSV
        if not path.exists():
            raise CommandError(f"找不到文号数据文件：{path}")
        m = docnum.measure(docnum.read_tsv(path))
        counted = m.total - m.blank
        self.stdout.write(f"文号总数：{m.total}（空白 {m.blank}）")
        self.stdout.write(f"识别：{m.parsed}/{counted}，识别率 {m.rate:.2%}")
        self.stdout.write(f"  其中“机关代字〔年份〕序号号”：{m.standard}；原文已是规范写法：{m.already_canonical}；"
                          f"经规范化改写：{m.standard - m.already_canonical}")
        self.stdout.write(f"  令、公告等其他编号形式：{m.parsed - m.standard}")
        for raw in m.failures[: options["show_failures"]]:
            self.stdout.write(f"  未识别：{raw}")
