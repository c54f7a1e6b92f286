"""`shuniu kind_diagram <kind> [--format text|mermaid|dot]`: draw a kind's state diagram from its
declared transitions. `dot -Tsvg` turns the dot form into SVG."""

from django.core.management.base import BaseCommand, CommandError

from shuniu.matters.diagram import FORMATS, draw
from shuniu.matters.workflow import all_workflows, get_workflow


class Command(BaseCommand):
    help = "根据已声明的流转绘制事项类别的状态图（文本、Mermaid 或 Graphviz dot）。"

    def add_arguments(self, parser):
        parser.add_argument("kind", help="事项类别代码")
        parser.add_argument("--format", choices=sorted(FORMATS), default="text")

    def handle(self, *args, **options):
        try:
            workflow = get_workflow(options["kind"])
        except LookupError:
            known = "、".join(w.kind for w in all_workflows())
            raise CommandError(f"未知的事项类别：{options['kind']}（可选：{known}）") from None
        self.stdout.write(draw(workflow, options["format"]))
