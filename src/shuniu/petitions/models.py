"""信访: the detail of a petition (one row per Matter of kind "petition").

Petition ─┬ repeat_of   the first petition of the same matter (重复访 link), with the count on it
          └ Document    the written notices and opinions issued (告知书、处理意见书、复查/复核意见书)
"""

from __future__ import annotations

from django.db import models

from shuniu.matters.models import Attachment, Matter

GROUP_VISIT_SIZE = 5  # 走访人数达到5人的，按集体访登记（条例：多人走访推选不超过5名代表）


class Channel(models.TextChoices):
    LETTER = "letter", "来信"
    VISIT = "visit", "来访"
    ONLINE = "online", "网上信访"
    PHONE = "phone", "来电"
    FAX = "fax", "传真"


class Category(models.TextChoices):
    SUGGESTION = "suggestion", "建议意见"
    ACCUSATION = "accusation", "检举控告"
    CLAIM = "claim", "申诉求决"


class Outcome(models.TextChoices):
    SUPPORT = "support", "支持"
    EXPLAIN = "explain", "解释说明"
    NOT_SUPPORT = "not_support", "不予支持"


class ReviewDecision(models.TextChoices):
    UPHOLD = "uphold", "维持原处理意见"
    CHANGE = "change", "变更原处理意见"


class DispatchMode(models.TextChoices):
    FORWARD = "forward", "转送"
    ASSIGN = "assign", "交办"


class Petition(models.Model):
    matter = models.OneToOneField(Matter, on_delete=models.CASCADE, primary_key=True, related_name="petition")
    channel = models.CharField("信访形式", max_length=10, choices=Channel.choices)
    petitioner_name = models.CharField("信访人", max_length=50)
    petitioner_phone = models.CharField("联系电话", max_length=20, blank=True, db_index=True)
    petitioner_id_number = models.CharField("身份证号码", max_length=18, blank=True, db_index=True)
    petitioner_address = models.CharField("住址", max_length=200, blank=True)
    people_count = models.PositiveIntegerField("来访人数", default=1)
    is_group = models.BooleanField("集体访", default=False, db_index=True)
    repeat_of = models.ForeignKey(
        "self", verbose_name="首次信访", null=True, blank=True, on_delete=models.PROTECT, related_name="repeats",
        help_text="同一事项的首次信访；本件为重复信访",
    )
    repeat_seq = models.PositiveIntegerField("重复信访序次", default=0, help_text="0 表示首次信访")
    repeat_count = models.PositiveIntegerField("重复信访次数", default=0, help_text="首次信访上记录此后重复信访的次数")
    repeat_basis = models.CharField("重复认定依据", max_length=20, blank=True)
    new_facts = models.BooleanField("有新的事实和理由", default=False)
    dispatch_mode = models.CharField("转交方式", max_length=10, choices=DispatchMode.choices, blank=True)
    outcome = models.CharField("处理结果", max_length=20, choices=Outcome.choices, blank=True)
    opinion = models.TextField("处理意见", blank=True)
    decline_reason = models.TextField("不予受理理由", blank=True)
    refusal_reason = models.TextField("不再受理理由", blank=True)
    extension_reason = models.TextField("延期理由", blank=True)
    review_reason = models.TextField("复查请求", blank=True)
    review_decision = models.CharField("复查结论", max_length=10, choices=ReviewDecision.choices, blank=True)
    review_opinion = models.TextField("复查意见", blank=True)
    recheck_reason = models.TextField("复核请求", blank=True)
    recheck_decision = models.CharField("复核结论", max_length=10, choices=ReviewDecision.choices, blank=True)
    recheck_opinion = models.TextField("复核意见", blank=True)

    class Meta:
        verbose_name = "信访事项"
        verbose_name_plural = "信访事项"

    def __str__(self) -> str:
        return str(self.matter)

    @property
    def root(self) -> Petition:
        return self.repeat_of or self

    @property
    def chain(self) -> list[Petition]:
        """Every petition of the same matter, the first one first."""
        root = self.root
        return [root, *root.repeats.select_related("matter").order_by("repeat_seq", "matter__received_at")]

    @property
    def pending_extension(self):
        """The lead unit's extension request awaiting its head's approval, if any."""
        return self.matter.assignments.filter(role="lead", extension="requested").select_related("unit").first()

    @property
    def repeat_total(self) -> int:
        """How many times this matter has been brought, this chain included (首次 + 重复)."""
        return self.root.repeat_count + 1


class Document(models.Model):
    """A written notice or opinion issued on a petition, kept as the .docx actually issued."""

    class Kind(models.TextChoices):
        ACCEPT_NOTICE = "accept_notice", "信访事项受理告知书"
        DECLINE_NOTICE = "decline_notice", "信访事项不予受理告知书"
        EXTENSION_NOTICE = "extension_notice", "信访事项延期办理告知书"
        OPINION = "opinion", "信访事项处理意见书"
        REVIEW_OPINION = "review_opinion", "信访事项复查意见书"
        RECHECK_OPINION = "recheck_opinion", "信访事项复核意见书"
        REFUSAL_NOTICE = "refusal_notice", "信访事项不再受理告知书"

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField("文书", max_length=20, choices=Kind.choices)
    attachment = models.OneToOneField(Attachment, on_delete=models.PROTECT, related_name="+")
    issued_by = models.CharField("出具单位", max_length=100)
    issued_at = models.DateTimeField("出具时间")

    class Meta:
        verbose_name = "信访文书"
        verbose_name_plural = "信访文书"
        ordering = ["petition", "issued_at", "id"]

    def __str__(self) -> str:
        return self.get_kind_display()
