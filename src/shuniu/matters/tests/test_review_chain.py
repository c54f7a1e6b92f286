"""Approval chains: steps in order, none skipped; parallel 会签; a return voids the round;
a leader's delegate acts in their place during the delegation."""

import datetime

import pytest
from django.utils import timezone

from shuniu.matters import services
from shuniu.org.models import Delegation


def _submit(review_kind, users):
    matter = review_kind()
    return services.perform(matter, "submit", users["duban"], {})


def test_a_later_reviewer_cannot_act_before_the_earlier_step(review_kind, demo_office):
    matter = _submit(review_kind, demo_office)
    for username in ("mayor", "jtj_head"):
        with pytest.raises(services.Forbidden):
            services.perform(matter, "approve", demo_office[username], {})
    services.perform(matter, "approve", demo_office["director"], {"comment": "核稿无误"})
    with pytest.raises(services.Forbidden):
        services.perform(matter, "approve", demo_office["mayor"], {})


def test_countersign_waits_for_every_parallel_unit(review_kind, demo_office):
    matter = _submit(review_kind, demo_office)
    services.perform(matter, "approve", demo_office["director"], {})
    with pytest.raises(services.Forbidden):  # only the heads countersign
        services.perform(matter, "approve", demo_office["jtj_staff"], {})
    services.perform(matter, "approve", demo_office["jtj_head"], {"comment": "同意"})
    with pytest.raises(services.Forbidden):
        services.perform(matter, "approve", demo_office["mayor"], {})
    services.perform(matter, "approve", demo_office["hbj_head"], {"comment": "同意"})
    matter = services.perform(matter, "approve", demo_office["mayor"], {"comment": "同意印发"})
    assert matter.status == "approved"
    steps = list(matter.review_steps.values_list("name", "status", "decided_by__username"))
    assert steps == [("核稿", "approved", "director"), ("会签", "approved", "jtj_head"),
                     ("会签", "approved", "hbj_head"), ("签发", "approved", "mayor")]


def test_return_voids_the_round_and_resubmission_starts_again(review_kind, demo_office):
    matter = _submit(review_kind, demo_office)
    matter = services.perform(matter, "return", demo_office["director"], {"comment": "请修改标题"})
    assert matter.status == "draft"
    assert set(matter.review_steps.exclude(name="核稿").values_list("status", flat=True)) == {"void"}
    matter = services.perform(matter, "submit", demo_office["duban"], {})
    assert matter.review_steps.filter(round=2, status="current").get().name == "核稿"


def test_reviewers_get_the_step_in_their_inbox(review_kind, demo_office):
    matter = _submit(review_kind, demo_office)
    assert [t.task for t in services.inbox(demo_office["director"])] == ["核稿"]
    services.perform(matter, "approve", demo_office["director"], {})
    assert [t.task for t in services.inbox(demo_office["jtj_head"])] == ["会签"]
    assert list(services.inbox(demo_office["jtj_staff"])) == []  # the step is for the head


def test_delegate_signs_for_the_away_leader_and_the_journal_says_so(review_kind, demo_office):
    today = timezone.localdate()
    Delegation.objects.create(principal=demo_office["mayor"], delegate=demo_office["vmayor1"],
                              start_date=today - datetime.timedelta(days=1), end_date=today + datetime.timedelta(days=1))
    matter = _submit(review_kind, demo_office)
    for who in ("director", "jtj_head", "hbj_head"):
        services.perform(matter, "approve", demo_office[who], {})
    assert [t.task for t in services.inbox(demo_office["vmayor1"])] == ["签发"]
    with pytest.raises(services.Forbidden):
        services.perform(matter, "approve", demo_office["vmayor2"], {})
    matter = services.perform(matter, "approve", demo_office["vmayor1"], {"comment": "同意"})
    assert matter.status == "approved"
    assert matter.entries.last().actor_name == f"{demo_office['vmayor1'].name}（代{demo_office['mayor'].name}）"


def test_files_a_transition_generates_are_kept_with_its_journal_entry(review_kind, demo_office):
    matter = _submit(review_kind, demo_office)
    entry = matter.entries.get(action="submit")
    attachment = entry.attachments.get()
    assert attachment.name == "送审单.txt" and attachment.file.read().decode() == f"送审：{matter.title}"
