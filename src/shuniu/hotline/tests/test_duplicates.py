"""重复件: the same phone or very similar text within the window is suggested for 归并; merging
keeps both texts and both journals."""

import datetime

import pytest
from django.utils import timezone

from shuniu.hotline.services import duplicates_of, find_duplicates
from shuniu.hotline.text import keywords, similarity
from shuniu.matters import services
from shuniu.matters.services import perform

NOISE = {"title": "滨江小区夜间施工噪音扰民", "content": "滨江小区旁的工地连续一周晚上十一点后仍在施工，噪音很大，严重影响居民休息。"}
NOISE_AGAIN = {"title": "滨江小区旁工地夜间施工噪音太大", "content": "滨江小区旁边的工地每天晚上十一点以后还在施工，噪音扰民，居民无法休息。"}
ROAD = {"title": "潇楚南路修路工期太长影响出行", "content": "潇楚南路从去年开始修，到现在都快一年了，一直不怎么动工，严重影响出行和店面生意。"}


def test_similar_texts_score_high_and_different_texts_low():
    assert similarity(keywords(**NOISE), keywords(**NOISE_AGAIN)) >= 0.6
    assert similarity(keywords(**NOISE), keywords(**ROAD)) < 0.2
    assert similarity("", keywords(**NOISE)) == 0.0


def test_a_second_call_from_the_same_phone_is_suggested(make_ticket):
    first = make_ticket(**ROAD, phone="13700001111")
    second = make_ticket(**NOISE, phone="13700001111")
    [suggestion] = duplicates_of(second)
    assert suggestion.matter == first and suggestion.same_phone and suggestion.reason.startswith("同一联系电话")
    assert second.entries.get().data["duplicates"] == [first.serial]


def test_a_very_similar_message_from_another_phone_is_suggested(make_ticket):
    first = make_ticket(**NOISE, phone="13700001111")
    second = make_ticket(**NOISE_AGAIN, phone="13800002222")
    [suggestion] = duplicates_of(second)
    assert suggestion.matter == first and not suggestion.same_phone and suggestion.score >= 0.6
    assert "内容相似度" in suggestion.reason


def test_an_unrelated_message_from_another_phone_is_not_suggested(make_ticket):
    make_ticket(**NOISE, phone="13700001111")
    assert duplicates_of(make_ticket(**ROAD, phone="13800002222")) == []


def test_a_ticket_older_than_the_window_is_not_suggested(make_ticket, policy):
    old = timezone.now() - datetime.timedelta(days=8)
    make_ticket(**NOISE, phone="13700001111", received_at=old.isoformat())
    assert duplicates_of(make_ticket(**NOISE, phone="13700001111")) == []
    policy(duplicate_window_days=10)
    assert len(duplicates_of(make_ticket(**NOISE, phone="13700001111"))) == 2


def test_a_closed_ticket_is_not_suggested(answered, make_ticket):
    answered(**NOISE, phone="13700001111")
    assert duplicates_of(make_ticket(**NOISE, phone="13700001111")) == []


def test_the_similarity_threshold_is_configurable(make_ticket, policy):
    make_ticket(**NOISE, phone="13700001111")
    policy(duplicate_similarity=1.0)
    assert find_duplicates(phone="13800002222", keywords=keywords(**NOISE_AGAIN)) == []


def test_merging_keeps_both_texts_and_journals_both(make_ticket, demo_office):
    first = perform(make_ticket(**NOISE), "dispatch", demo_office["rexian"], {"units": [{"unit": "hbj"}]})
    second = make_ticket(**NOISE_AGAIN, phone="13800002222")
    merged = perform(second, "merge", demo_office["rexian"], {"into": first.serial, "comment": "同一事项。"})
    assert merged.status == "merged" and not merged.is_open
    assert merged.ticket.merged_into == first
    assert merged.content == NOISE_AGAIN["content"]
    first.refresh_from_db()
    assert first.content == NOISE["content"] and first.is_open
    assert merged.entries.last().data["merged_into"] == first.serial
    entry = first.entries.get(action="merge_in")
    assert entry.action_label == "归并重复件" and entry.data == {"merged": second.serial}
    assert list(first.merged_tickets.values_list("matter__serial", flat=True)) == [second.serial]


def test_merging_into_an_unknown_ticket_is_refused_in_chinese(make_ticket, demo_office):
    ticket = make_ticket()
    with pytest.raises(services.Invalid) as error:
        perform(ticket, "merge", demo_office["rexian"], {"into": "RX2026-999999"})
    assert error.value.message == "工单RX2026-999999不存在"
    ticket.refresh_from_db()
    assert ticket.status == "registered"


def test_a_ticket_cannot_be_merged_into_itself(make_ticket, demo_office):
    ticket = make_ticket()
    with pytest.raises(services.Invalid) as error:
        perform(ticket, "merge", demo_office["rexian"], {"into": ticket.serial})
    assert error.value.message == "不能归并到本工单"


def test_a_ticket_cannot_be_merged_into_a_closed_one(answered, make_ticket, demo_office):
    closed = answered()
    with pytest.raises(services.Invalid) as error:
        perform(make_ticket(), "merge", demo_office["rexian"], {"into": closed.serial})
    assert "已办结，不能归并" in error.value.message


def test_only_the_hotline_office_merges(make_ticket, dispatched, demo_office):
    target = dispatched()
    second = make_ticket(**NOISE_AGAIN, phone="13800002222")
    with pytest.raises(services.NotFound):
        perform(second, "merge", demo_office["hbj_staff"], {"into": target.serial})
