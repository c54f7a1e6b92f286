"""Two people act at once: one wins, the other gets a conflict (HTTP 409), nothing is lost."""

import threading

import pytest
from django.db import connection

from shuniu.matters import services
from shuniu.matters.models import Entry


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_transitions_one_wins_and_the_other_gets_409(make_item, demo_office):
    item = make_item()
    services.perform(item, "accept", demo_office["jtj_staff"], {})
    services.perform(item, "request_close", demo_office["jtj_head"], {"reply": "已完成"})
    barrier = threading.Barrier(2)
    outcomes = []

    def act(name, username, data):
        try:
            barrier.wait()
            services.perform(item.pk, name, demo_office[username], data)
            outcomes.append(("ok", name))
        except services.EngineError as error:
            outcomes.append((error.status, name))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=act, args=("approve_close", "duban", {"comment": "同意"})),
        threading.Thread(target=act, args=("reject_close", "director", {"comment": "退回补充材料"})),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(o[0] for o in outcomes if o[0] != "ok") == [409]
    assert len([o for o in outcomes if o[0] == "ok"]) == 1
    winner = next(o[1] for o in outcomes if o[0] == "ok")
    item.refresh_from_db()
    assert item.status == ("closed" if winner == "approve_close" else "in_progress")
    assert Entry.objects.filter(matter=item, action__in=["approve_close", "reject_close"]).count() == 1


@pytest.mark.django_db(transaction=True)
def test_api_answers_409_with_chinese_message_when_the_state_moved_on(make_item, demo_office, api_client_for):
    item = make_item()
    client = api_client_for("jtj_staff")
    assert client.post(f"/api/v1/matters/{item.pk}/transitions/accept", {}, format="json").status_code == 200
    response = client.post(f"/api/v1/matters/{item.pk}/transitions/accept", {}, format="json")
    assert response.status_code == 409  # the unit's task has been taken: a conflict, not a refusal
    assert response.json()["error"]["code"] == "conflict"
    second = api_client_for("duban").post(f"/api/v1/matters/{item.pk}/transitions/dispatch",
                                          {"units": [{"unit": "jtj", "role": "lead"}]}, format="json")
    assert second.status_code == 409
    assert second.json()["error"]["code"] == "conflict"
    assert "不能执行“交办”" in second.json()["error"]["message"]


@pytest.mark.django_db(transaction=True)
def test_a_transition_does_not_hold_up_another_matter_of_the_same_kind(make_item, demo_office, monkeypatch):
    """Locking a matter must not lock what it joins (its owner unit, shared by every matter of the
    kind): while one transition is in progress, another on a different matter goes through."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's; SQLite runs one writer at a time by design")
    first, second = make_item(title="推进城区公交线网优化"), make_item(title="推进老旧小区改造")
    inside, release = threading.Event(), threading.Event()
    original = services.rebuild_todos

    def held_rebuild(matter):  # runs inside perform's transaction, with the matter locked
        original(matter)
        if matter.pk == first.pk:
            inside.set()
            release.wait(20)

    monkeypatch.setattr(services, "rebuild_todos", held_rebuild)
    errors = []

    def hold_first():
        try:
            services.perform(first.pk, "accept", demo_office["jtj_staff"], {})
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    holder = threading.Thread(target=hold_first)
    holder.start()
    try:
        assert inside.wait(20)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '3s'")
        services.perform(second.pk, "accept", demo_office["jtj_staff"], {})  # would time out if serialised
        second.refresh_from_db()
        assert second.status == "in_progress"
    finally:
        release.set()
        holder.join(30)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = 0")
    assert errors == []
