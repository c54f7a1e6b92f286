"""公文: the detail tables of the two document kinds and their small value tables.

doc_out (发文) ─ OutgoingDocument: the 18 elements of 《党政机关公文处理工作条例》 as data
                ├ Recipient      主送/抄送 units, each with its 签收回执
                └ DraftVersion   every edit of the text (清稿 and marked changes between any two)
doc_in  (收文) ─ IncomingDocument: 来文单位, 发文字号, 收文日期, 拟办/批办 …
                └ Circulation    传阅: who has read (圈阅) and who has not
NumberSeries / NumberCounter — 发文字号 series per 机关代字 and year, gapless.
SignOffRule — who signs (签发) what; configurable by the system administrator.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from shuniu.matters.models import Matter
from shuniu.org.models import Secrecy, Unit


class DocType(models.TextChoices):
    """The 15 types (文种) of 条例 §8."""

    RESOLUTION = "resolution", "决议"
    DECISION = "decision", "决定"
    ORDER = "order", "命令（令）"
    COMMUNIQUE = "communique", "公报"
    ANNOUNCEMENT = "announcement", "公告"
    PUBLIC_NOTICE = "public_notice", "通告"
    OPINION = "opinion", "意见"
    NOTICE = "notice", "通知"
    BULLETIN = "bulletin", "通报"
    REPORT = "report", "报告"
    REQUEST = "request", "请示"
    REPLY = "reply", "批复"
    MOTION = "motion", "议案"
    LETTER = "letter", "函"
    MINUTES = "minutes", "纪要"


# The words a title must end with (标题 = 发文机关 + 事由 + 文种).
TITLE_ENDINGS = {DocType.ORDER: ("令", "命令")}


def title_endings(doc_type: str) -> tuple[str, ...]:
    return TITLE_ENDINGS.get(doc_type, (DocType(doc_type).label,))


class Direction(models.TextChoices):
    UPWARD = "upward", "上行文"
    DOWNWARD = "downward", "下行文"
    PARALLEL = "parallel", "平行文"


# Types whose direction is fixed by their nature; the rest default to downward and may be set.
FIXED_DIRECTION = {
    DocType.REPORT: Direction.UPWARD,
    DocType.REQUEST: Direction.UPWARD,
    DocType.MOTION: Direction.UPWARD,
    DocType.REPLY: Direction.DOWNWARD,
    DocType.LETTER: Direction.PARALLEL,
}

# Types that are published or recorded rather than addressed: no 主送机关 required.
UNADDRESSED_TYPES = {DocType.ANNOUNCEMENT, DocType.PUBLIC_NOTICE, DocType.COMMUNIQUE, DocType.ORDER,
                     DocType.MINUTES, DocType.RESOLUTION}

# 保守国家秘密法 (2024) §20: unless decided otherwise, at most 30 years 绝密, 20 机密, 10 秘密.
SECRECY_MAX_YEARS = {Secrecy.TOP_SECRET: 30, Secrecy.CONFIDENTIAL: 20, Secrecy.SECRET: 10}


class NumberSeries(models.Model):
    """A 发文字号 series: one 机关代字 of one issuing office (e.g. 市政办发, 市政办函)."""

    code = models.CharField("机关代字", max_length=20, unique=True, help_text="如：市政办发、市政办函")
    issuer = models.ForeignKey(Unit, verbose_name="发文机关", on_delete=models.PROTECT, related_name="number_series")
    doc_types = models.JSONField(
        "适用文种", default=list, blank=True,
        help_text="文种代码列表（如 [\"letter\"]）；留空表示该机关的通用发文字号",
    )
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "发文字号"
        verbose_name_plural = "发文字号"
        ordering = ["issuer__sort_order", "code"]

    def __str__(self) -> str:
        return f"{self.code}（{self.issuer.name}）"


class NumberCounter(models.Model):
    """The last number given in a series in a year. Only `numbering.allocate` writes it."""

    series = models.ForeignKey(NumberSeries, on_delete=models.PROTECT, related_name="counters")
    year = models.PositiveIntegerField("年度")
    last = models.PositiveIntegerField("已编至", default=0)

    class Meta:
        verbose_name = "发文编号计数"
        verbose_name_plural = "发文编号计数"
        constraints = [models.UniqueConstraint(fields=["series", "year"], name="doc_counter_series_year")]

    def __str__(self) -> str:
        return f"{self.series.code}〔{self.year}〕至{self.last}号"


class SignOffRule(models.Model):
    """签发: who signs a document. The first active rule that matches (by priority) decides.
    Shipped defaults: important and upward documents by the principal leader, the rest by the
    deputy in charge (分管) of the sponsoring department."""

    class Signer(models.TextChoices):
        PRINCIPAL = "principal", "主要领导"
        PORTFOLIO = "portfolio", "分管领导"
        OFFICE_DIRECTOR = "office_director", "办公室主任"

    name = models.CharField("规则名称", max_length=60)
    priority = models.PositiveIntegerField("优先级", default=100, help_text="数字小者优先")
    doc_type = models.CharField("文种", max_length=20, choices=DocType.choices, blank=True, help_text="留空表示任意文种")
    direction = models.CharField("行文方向", max_length=10, choices=Direction.choices, blank=True,
                                 help_text="留空表示任意方向")
    important_only = models.BooleanField("仅限重要公文", default=False)
    signer = models.CharField("签发人", max_length=20, choices=Signer.choices)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "签发规则"
        verbose_name_plural = "签发规则"
        ordering = ["priority", "id"]

    def __str__(self) -> str:
        return self.name


class OutgoingDocument(models.Model):
    """发文: a draft and, once issued, the document. Holds the 18 elements as data; the title
    (标题), the text (正文), 密级 and 紧急程度 live on the Matter."""

    matter = models.OneToOneField(Matter, on_delete=models.CASCADE, primary_key=True, related_name="outgoing")
    doc_type = models.CharField("文种", max_length=20, choices=DocType.choices)
    direction = models.CharField("行文方向", max_length=10, choices=Direction.choices, default=Direction.DOWNWARD)
    is_important = models.BooleanField("重要公文", default=False, help_text="重要公文由主要领导签发")
    drafting_unit = models.ForeignKey(Unit, verbose_name="拟稿单位", on_delete=models.PROTECT, related_name="+")
    series = models.ForeignKey(NumberSeries, verbose_name="机关代字", on_delete=models.PROTECT, related_name="documents")
    co_issuers = models.ManyToManyField(Unit, verbose_name="联合发文机关", blank=True, related_name="joint_documents")
    # 1 份号 · 2 密级和保密期限 (密级 on the Matter) · 3 紧急程度 (on the Matter)
    copy_number = models.CharField("份号", max_length=6, blank=True)
    secrecy_years = models.PositiveSmallIntegerField("保密期限（年）", null=True, blank=True)
    # 4 发文机关标志 · 5 发文字号 · 6 签发人
    issuer_mark = models.CharField("发文机关标志", max_length=200, blank=True)
    doc_number = models.CharField("发文字号", max_length=40, blank=True, db_index=True)
    number_year = models.PositiveIntegerField("编号年度", null=True, blank=True)
    number_seq = models.PositiveIntegerField("顺序号", null=True, blank=True)
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="签发领导", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    signer_name = models.CharField("签发人", max_length=100, blank=True)
    signed_at = models.DateTimeField("签发时间", null=True, blank=True)
    sign_opinion = models.TextField("签发意见", blank=True)
    signed_version = models.PositiveIntegerField("签发稿版本", null=True, blank=True)
    # 8 主送机关 · 10 附件说明 · 11 发文机关署名 · 12 成文日期 · 13 印章 · 14 附注 · 16 抄送机关
    main_to = models.CharField("主送机关", max_length=500, blank=True)
    attachment_notes = models.TextField("附件说明", blank=True, help_text="每行一个附件名称")
    signature = models.CharField("发文机关署名", max_length=300, blank=True, help_text="联合行文时每个机关一行")
    written_date = models.DateField("成文日期", null=True, blank=True)
    sealed = models.BooleanField("加盖印章", default=True)
    annotation = models.CharField("附注", max_length=300, blank=True)
    cc = models.CharField("抄送机关", max_length=500, blank=True)
    # 17 印发机关和印发日期; printing
    printer = models.CharField("印发机关", max_length=100, blank=True)
    print_date = models.DateField("印发日期", null=True, blank=True)
    copies = models.PositiveIntegerField("印制份数", null=True, blank=True)
    # The office's 核稿 checklist (文字、政策法规、格式、运转流程), as recorded by the checker.
    review_checklist = models.JSONField("核稿记录", default=dict, blank=True)
    issued_at = models.DateTimeField("核发时间", null=True, blank=True)
    archived = models.BooleanField("已归档", default=False)
    archived_at = models.DateTimeField("归档时间", null=True, blank=True)

    class Meta:
        verbose_name = "发文"
        verbose_name_plural = "发文"
        constraints = [
            models.UniqueConstraint(fields=["series", "number_year", "number_seq"], name="doc_out_number_unique",
                                    condition=models.Q(number_seq__isnull=False)),
        ]
        indexes = [models.Index(fields=["issued_at"], name="doc_out_issued")]

    def __str__(self) -> str:
        return self.doc_number or str(self.matter)

    @property
    def lead_issuer(self) -> Unit:
        return self.series.issuer

    @property
    def is_joint(self) -> bool:
        return self.co_issuers.exists()

    @property
    def is_upward(self) -> bool:
        return self.direction == Direction.UPWARD

    @property
    def secrecy_label(self) -> str:
        """密级和保密期限 as printed, e.g. 机密★10年."""
        level = self.matter.secrecy
        if not level:
            return ""
        label = Secrecy(level).label
        return f"{label}★{self.secrecy_years}年" if self.secrecy_years else label

    @property
    def layout(self) -> str:
        """Which GB/T 9704 format renders it: letter 信函格式, minutes 纪要格式, upward 上行文, downward."""
        if self.doc_type == DocType.LETTER:
            return "letter"
        if self.doc_type == DocType.MINUTES:
            return "minutes"
        if self.direction == Direction.UPWARD:
            return "upward"
        return "downward"

    def attachment_list(self) -> list[str]:
        return [line.strip() for line in self.attachment_notes.splitlines() if line.strip()]

    def signature_lines(self) -> list[str]:
        return [line.strip() for line in self.signature.splitlines() if line.strip()]


class Recipient(models.Model):
    """A unit a document is sent to. In-system units receive it as an incoming document and sign
    for it (签收回执); other recipients (e.g. the provincial government) are named only."""

    class Role(models.TextChoices):
        MAIN = "main", "主送"
        CC = "cc", "抄送"
        EXTRA = "extra", "分送"

    class Status(models.TextChoices):
        EXTERNAL = "external", "系统外单位"
        WAITING = "waiting", "待分发"
        SENT = "sent", "待签收"
        SIGNED = "signed", "已签收"
        RETURNED = "returned", "已退回"

    document = models.ForeignKey(OutgoingDocument, on_delete=models.CASCADE, related_name="recipients")
    role = models.CharField("方式", max_length=10, choices=Role.choices)
    unit = models.ForeignKey(Unit, verbose_name="单位", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    name = models.CharField("名称", max_length=100)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.WAITING)
    incoming = models.OneToOneField(Matter, verbose_name="收文", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="receipt")
    sent_at = models.DateTimeField("分发时间", null=True, blank=True)
    signed_at = models.DateTimeField("签收时间", null=True, blank=True)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="签收人", null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "发文对象"
        verbose_name_plural = "发文对象"
        ordering = ["document", "role", "id"]

    def __str__(self) -> str:
        return f"{self.get_role_display()}：{self.name}"


class DraftVersion(models.Model):
    """One saved state of a draft's text and elements. Versions are never changed or deleted."""

    document = models.ForeignKey(OutgoingDocument, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("版本号")
    title = models.CharField("标题", max_length=300)
    body = models.TextField("正文", blank=True)
    elements = models.JSONField("公文要素", default=dict, blank=True)
    status = models.CharField("所处环节", max_length=40)
    note = models.CharField("修改说明", max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="修改人", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("保存时间")

    class Meta:
        verbose_name = "文稿版本"
        verbose_name_plural = "文稿版本"
        ordering = ["document", "number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="draft_version_unique")]

    def __str__(self) -> str:
        return f"第{self.number}稿"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("文稿版本只能新增，不能修改")
        super().save(*args, **kwargs)


class IncomingDocument(models.Model):
    """收文: a document received, registered and handled (阅办)."""

    class Handling(models.TextChoices):
        ACTION = "action", "办件"
        READING = "reading", "阅件"

    matter = models.OneToOneField(Matter, on_delete=models.CASCADE, primary_key=True, related_name="incoming")
    issuer_name = models.CharField("来文单位", max_length=200)
    issuer_unit = models.ForeignKey(Unit, verbose_name="来文单位（系统内）", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    doc_number = models.CharField("发文字号", max_length=60, blank=True, db_index=True)
    doc_number_raw = models.CharField("原始文号", max_length=100, blank=True)
    doc_type = models.CharField("文种", max_length=20, choices=DocType.choices, blank=True)
    received_date = models.DateField("收文日期")
    copies = models.PositiveIntegerField("份数", default=1)
    source = models.ForeignKey(OutgoingDocument, verbose_name="来源发文", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="deliveries")
    handling = models.CharField("办理类型", max_length=10, choices=Handling.choices, blank=True)
    proposal = models.TextField("拟办意见", blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    proposed_at = models.DateTimeField("拟办时间", null=True, blank=True)
    instruction = models.TextField("批办意见", blank=True)
    instructed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="+")
    instructed_at = models.DateTimeField("批办时间", null=True, blank=True)
    return_reason = models.TextField("退回理由", blank=True)
    result = models.TextField("办结情况", blank=True)

    class Meta:
        verbose_name = "收文"
        verbose_name_plural = "收文"

    def __str__(self) -> str:
        return f"{self.doc_number} {self.matter.title}"


class Circulation(models.Model):
    """传阅: one leader's reading of an incoming document. 圈阅 (circled) counts as read and agreed."""

    document = models.ForeignKey(IncomingDocument, on_delete=models.CASCADE, related_name="circulations")
    reader = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="阅文人", on_delete=models.PROTECT,
                               related_name="circulations")
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")
    sent_at = models.DateTimeField("送阅时间")
    read_at = models.DateTimeField("阅文时间", null=True, blank=True)
    circled = models.BooleanField("圈阅", default=False)
    opinion = models.TextField("阅文意见", blank=True)

    class Meta:
        verbose_name = "传阅"
        verbose_name_plural = "传阅"
        ordering = ["document", "sent_at", "id"]
        constraints = [models.UniqueConstraint(fields=["document", "reader"], name="circulation_unique")]

    def __str__(self) -> str:
        return f"{self.reader}（{'已阅' if self.read_at else '未阅'}）"
