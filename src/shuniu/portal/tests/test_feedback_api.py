"""`POST /api/v1/public/messages/{code}/feedback`: the citizen rates the answer, once."""

import pytest

from shuniu.hotline.models import Ticket
from shuniu.matters.models import Entry, Feedback


def test_the_citizen_rates_the_approved_answer(public, submit, answer):
    code = submit()
    answer(code)
    response = public.post(f"/api/v1/public/messages/{code}/feedback",
                           {"phone": "5678", "rating": "basically_satisfied", "comment": "处理及时"}, format="json")
    assert response.status_code == 201
    assert response.json()["rating"] == "basically_satisfied" and response.json()["rating_label"] == "基本满意"
    assert response.json()["can_rate"] is False
    matter = Ticket.objects.get(query_code=code).matter
    assert matter.rating == "basically_satisfied" and matter.status == "answered"
    feedback = Feedback.objects.get(matter=matter)
    assert (feedback.channel, feedback.comment, feedback.by) == ("web", "处理及时", None)
    entry = matter.entries.get(action="citizen_rating")
    assert entry.action_label == "群众评价" and entry.actor_name == "来信（电）人"


def test_a_message_cannot_be_rated_before_it_is_answered(public, submit):
    code = submit()
    response = public.post(f"/api/v1/public/messages/{code}/feedback", {"phone": "5678", "rating": "satisfied"},
                           format="json")
    assert response.status_code == 409
    assert response.json()["error"]["message"] == "该留言尚未答复，答复后方可评价"
    assert Feedback.objects.count() == 0


def test_an_answer_is_rated_once(public, submit, answer):
    code = submit()
    answer(code)
    url = f"/api/v1/public/messages/{code}/feedback"
    assert public.post(url, {"phone": "5678", "rating": "satisfied"}, format="json").status_code == 201
    response = public.post(url, {"phone": "5678", "rating": "dissatisfied"}, format="json")
    assert response.status_code == 409 and response.json()["error"]["message"] == "您已评价过本次答复，感谢您的参与"
    assert Feedback.objects.count() == 1


def test_wrong_digits_cannot_rate(public, submit, answer):
    code = submit()
    answer(code)
    response = public.post(f"/api/v1/public/messages/{code}/feedback", {"phone": "0000", "rating": "dissatisfied"},
                           format="json")
    assert response.status_code == 404 and Feedback.objects.count() == 0


@pytest.mark.parametrize("rating", ["", "very_good", None])
def test_an_unknown_rating_is_refused_in_chinese(public, submit, answer, rating):
    code = submit()
    answer(code)
    data = {"phone": "5678"} if rating is None else {"phone": "5678", "rating": rating}
    response = public.post(f"/api/v1/public/messages/{code}/feedback", data, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "评价结果不正确，应为满意、基本满意或不满意"
    assert Entry.objects.filter(action="citizen_rating").count() == 0


def test_a_dissatisfied_rating_makes_reopening_possible(public, submit, answer, demo_office):
    from shuniu.matters.services import available_transitions

    code = submit()
    matter = answer(code)
    public.post(f"/api/v1/public/messages/{code}/feedback", {"phone": "5678", "rating": "dissatisfied"}, format="json")
    matter.refresh_from_db()
    assert "reopen" in {t.name for t in available_transitions(matter, demo_office["rexian"])}


def test_a_long_comment_is_refused(public, submit, answer):
    code = submit()
    answer(code)
    response = public.post(f"/api/v1/public/messages/{code}/feedback",
                           {"phone": "5678", "rating": "satisfied", "comment": "好" * 501}, format="json")
    assert response.status_code == 400 and response.json()["error"]["message"] == "评价意见不能超过500个字"


def test_the_citizen_rating_is_an_engine_transition_that_keeps_the_state(public, submit, answer):
    code = submit()
    matter = answer(code)
    version = matter.version
    public.post(f"/api/v1/public/messages/{code}/feedback", {"phone": "5678", "rating": "satisfied"}, format="json")
    matter.refresh_from_db()
    entry = matter.entries.get(action="citizen_rating")
    assert (entry.from_status, entry.to_status, entry.actor) == ("answered", "answered", None)
    assert matter.version == version + 1 and matter.status == "answered"


def test_no_person_can_take_the_citizens_rating(demo_office, submit, answer):
    from shuniu.matters import services

    matter = answer(submit())
    with pytest.raises(services.Forbidden):
        services.perform(matter, "citizen_rating", demo_office["rexian"], {"rating": "satisfied"})
    assert "citizen_rating" not in {t.name for t in services.available_transitions(matter, demo_office["rexian"])}
    assert Feedback.objects.count() == 0


def test_the_call_back_counts_over_the_web_rating_and_both_are_kept(public, submit, answer, demo_office):
    from shuniu.matters.services import perform

    code = submit()
    matter = answer(code)
    perform(matter, "revisit", demo_office["rexian"], {"rating": "satisfied"})
    response = public.post(f"/api/v1/public/messages/{code}/feedback", {"phone": "5678", "rating": "dissatisfied"},
                           format="json")
    assert response.status_code == 201 and response.json()["rating"] == "dissatisfied"
    matter.refresh_from_db()
    assert matter.rating == "satisfied", "the office's 回访 counts when it was made"
    assert sorted(Feedback.objects.filter(matter=matter).values_list("channel", "rating")) == [
        ("phone", "satisfied"), ("web", "dissatisfied")]
    assert matter.entries.get(action="citizen_rating").data["counts"] is False


def test_a_call_back_after_the_web_rating_takes_over(public, submit, answer, demo_office):
    from shuniu.matters.services import perform

    code = submit()
    matter = answer(code)
    public.post(f"/api/v1/public/messages/{code}/feedback", {"phone": "5678", "rating": "dissatisfied"}, format="json")
    matter.refresh_from_db()
    assert matter.rating == "dissatisfied", "without a 回访 the citizen's rating counts"
    perform(matter, "revisit", demo_office["rexian"], {"rating": "basically_satisfied"})
    matter.refresh_from_db()
    assert matter.rating == "basically_satisfied"
    assert public.get(f"/api/v1/public/messages/{code}?phone=5678").json()["rating"] == "dissatisfied"
