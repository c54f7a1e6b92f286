"""The demo petitions: every state the office meets, over the last 12 months, loaded once."""

from __future__ import annotations

import datetime

from django.utils import timezone

from shuniu.matters.models import Matter
from shuniu.petitions import demo
from shuniu.petitions.models import Document, Petition


def test_demo_petitions_cover_the_life_and_load_once(demo_office, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    demo.seed(password="Shuniu@2026")
    petitions = Matter.objects.filter(kind="petition")
    count = petitions.count()
    assert count == len(demo.CASES)

    states = set(petitions.values_list("status", flat=True))
    assert {"registered", "dispatched", "handling", "replied", "reviewing", "reviewed", "rechecking", "closed",
            "declined", "refused", "merged"} <= states
    assert Petition.objects.filter(is_group=True, people_count=12).exists()
    assert Petition.objects.filter(repeat_of__isnull=False).count() >= 3
    assert Petition.objects.filter(repeat_count__gte=2).exists()
    assert petitions.filter(is_open=True, due_at__lt=timezone.now()).count() >= 3
    assert petitions.filter(is_open=False).count() >= 10
    oldest = petitions.order_by("received_at").first().received_at
    assert timezone.now() - oldest > datetime.timedelta(days=300)
    assert Document.objects.filter(kind="opinion").count() >= 10
    assert Document.objects.filter(kind="extension_notice").exists()
    refused = petitions.get(status="refused")
    assert "不再受理" in refused.petition.refusal_reason

    demo.seed(password="Shuniu@2026")
    assert Matter.objects.filter(kind="petition").count() == count
