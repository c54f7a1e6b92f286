"""12345 热线 / 市长公开电话 / 市长信箱: the detail of a ticket (one row per Matter of kind
"hotline"), the knowledge base the operators answer from, and the office's configurable rules."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from shuniu.matters.models import Matter


class Channel(models.TextChoices):
    PHONE = "phone", "电话"
    WEB = "web", "网上留言"
    MAILBOX = "mailbox", "市长信箱"
    API = "api", "平台接口"
    MEDIA = "media", "媒体曝光"


PUBLIC_CHANNELS = (Channel.WEB, Channel.MAILBOX)


class TicketType(models.TextChoices):
    CONSULT = "consult", "咨询"
    HELP = "help", "求助"
    COMPLAINT = "complaint", "投诉"
    REPORT = "report", "举报"
    SUGGEST = "suggest", "建议"


class Category(models.TextChoices):
    """Subject areas (诉求分类). The first seven are those of the city's message data."""

    URBAN_RURAL = "urban_rural", "城乡建设"
    ENVIRONMENT = "environment", "环境保护"
    TRANSPORT = "transport", "交通运输"
    EDUCATION = "education", "教育文体"
    LABOUR = "labour", "劳动和社会保障"
    COMMERCE = "commerce", "商贸旅游"
    HEALTH = "health", "卫生计生"
    PUBLIC_SECURITY = "public_security", "公共安全"
    CIVIL_AFFAIRS = "civil_affairs", "民政事务"
    AGRICULTURE = "agriculture", "农业农村"
    MARKET = "market", "市场监管"
    CITY_MANAGEMENT = "city_management", "城市管理"
    WATER = "water", "水务"
    OTHER = "other", "其他"


# The department a category normally goes to (派单建议); the operator decides.
CATEGORY_ROUTES = {
    Category.URBAN_RURAL: "zjj",
    Category.ENVIRONMENT: "hbj",
    Category.TRANSPORT: "jtj",
    Category.EDUCATION: "jyj",
    Category.LABOUR: "rsj",
    Category.COMMERCE: "sww",
    Category.HEALTH: "wjw",
    Category.PUBLIC_SECURITY: "gaj",
    Category.CIVIL_AFFAIRS: "mzj",
    Category.AGRICULTURE: "nyj",
    Category.MARKET: "scj",
    Category.CITY_MANAGEMENT: "cgj",
    Category.WATER: "swj",
}


class Ticket(models.Model):
    """工单: who wrote or called, through which channel, and what the citizen is told."""

    matter = models.OneToOneField(Matter, on_delete=models.CASCADE, primary_key=True, related_name="ticket")
    channel = models.CharField("来源渠道", max_length=10, choices=Channel.choices)
    type = models.CharField("诉求类型", max_length=10, choices=TicketType.choices)
    citizen_name = models.CharField("诉求人姓名", max_length=50)
    phone = models.CharField("联系电话", max_length=20, db_index=True)
    address = models.CharField("联系地址", max_length=200, blank=True)
    wants_public = models.BooleanField("同意公开", default=False, help_text="诉求人同意在网站公开其留言及答复（姓名、电话隐去）")
    query_code = models.CharField("查询码", max_length=12, unique=True)
    external_ref = models.CharField("外部编号", max_length=64, blank=True, db_index=True,
                                    help_text="上级平台工单号或媒体报道出处")
    keywords = models.TextField("关键词", blank=True, help_text="分词结果，用于重复件识别")
    merged_into = models.ForeignKey(
        Matter, verbose_name="归并至", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_tickets"
    )
    answered_directly = models.BooleanField("热线直接办结", default=False)
    public_reply = models.TextField("答复群众内容", blank=True)
    answered_at = models.DateTimeField("答复群众时间", null=True, blank=True)
    publish_approved = models.BooleanField("审核同意公开", default=False)
    revisited_at = models.DateTimeField("回访时间", null=True, blank=True)
    citizen_rated_at = models.DateTimeField("群众网上评价时间", null=True, blank=True)
    reopen_count = models.PositiveIntegerField("重办次数", default=0)

    class Meta:
        verbose_name = "热线工单"
        verbose_name_plural = "热线工单"
        indexes = [models.Index(fields=["publish_approved", "-answered_at"], name="ticket_public_answers")]

    def __str__(self) -> str:
        return str(self.matter)

    @property
    def is_published(self) -> bool:
        return self.wants_public and self.publish_approved and bool(self.public_reply)

    @property
    def phone_last4(self) -> str:
        digits = "".join(c for c in self.phone if c.isdigit())
        return digits[-4:]


class Article(models.Model):
    """知识库: a standard answer the operators give to a common question (直接办结)."""

    title = models.CharField("问题", max_length=200)
    category = models.CharField("分类", max_length=40, choices=Category.choices)
    answer = models.TextField("标准答复")
    keywords = models.CharField("关键词", max_length=300, blank=True, help_text="以空格分隔，便于检索")
    source_unit = models.CharField("答复口径来源单位", max_length=100, blank=True)
    is_published = models.BooleanField("启用", default=True)
    use_count = models.PositiveIntegerField("引用次数", default=0)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="维护人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "知识库条目"
        verbose_name_plural = "知识库"
        ordering = ["category", "-use_count", "title"]
        indexes = [models.Index(fields=["is_published", "category"], name="article_cat")]

    def __str__(self) -> str:
        return self.title


class ReopenRule(models.TextChoices):
    DISSATISFIED = "dissatisfied", "仅“不满意”可重办"
    NOT_SATISFIED = "not_satisfied", "“不满意”和“基本满意”均可重办"


class Policy(models.Model):
    """热线办理规则 (local practice, DOMAIN.md §5): one row, edited by the system administrator in
    系统管理. Read at each transition, so a change applies to the next action taken."""

    handle_days = models.PositiveIntegerField(
        "一般件办理时限（工作日）", default=5, validators=[MinValueValidator(1), MaxValueValidator(60)])
    urgent_hours = models.PositiveIntegerField(
        "加急件办理时限（小时）", default=24, validators=[MinValueValidator(1), MaxValueValidator(240)])
    very_urgent_hours = models.PositiveIntegerField(
        "特急件办理时限（小时）", default=2, validators=[MinValueValidator(1), MaxValueValidator(72)])
    return_window_days = models.PositiveIntegerField(
        "退回时限（派单后工作日）", default=2, validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text="承办单位认为不属本单位职责的，应在派单后此期限内退回")
    max_extensions = models.PositiveIntegerField(
        "延期次数上限", default=1, validators=[MaxValueValidator(5)])
    extension_max_days = models.PositiveIntegerField(
        "单次延期最长（工作日）", default=10, validators=[MinValueValidator(1), MaxValueValidator(60)])
    duplicate_window_days = models.PositiveIntegerField(
        "重复件识别范围（日）", default=7, validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text="此期限内同一号码或内容高度相似的未办结工单，提示归并")
    duplicate_similarity = models.FloatField(
        "内容相似度阈值", default=0.6, validators=[MinValueValidator(0.1), MaxValueValidator(1.0)],
        help_text="0.1～1.0，越大越严格")
    reopen_rule = models.CharField("重办条件", max_length=20, choices=ReopenRule.choices, default=ReopenRule.DISSATISFIED)
    max_reopens = models.PositiveIntegerField("重办次数上限", default=1, validators=[MaxValueValidator(5)])

    class Meta:
        verbose_name = "热线办理规则"
        verbose_name_plural = "热线办理规则"

    def __str__(self) -> str:
        return "热线办理规则"

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def current(cls) -> Policy:
        """The rules in force; the shipped defaults until an administrator saves a row."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)

    def handle_rule(self, urgency: str) -> str:
        """The deadline rule for a ticket of this urgency, counted from 受理."""
        if urgency == "very_urgent":
            return f"{self.very_urgent_hours} hours"
        if urgency == "urgent":
            return f"{self.urgent_hours} hours"
        return f"{self.handle_days} working days"

    @property
    def reopen_ratings(self) -> tuple[str, ...]:
        if self.reopen_rule == ReopenRule.NOT_SATISFIED:
            return ("dissatisfied", "basically_satisfied")
        return ("dissatisfied",)
