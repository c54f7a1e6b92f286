"""Staged intake: the portal accepts a message at once (query code, promised date) and the hotline
registers it in the background with that code and date. Without a broker the task runs
in-process, so in these tests the ticket exists right after the request unless `delay` is held."""

import datetime
import logging
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from shuniu.hotline.models import Ticket
from shuniu.matters.models import Attachment, Entry, Matter
from shuniu.portal import services, tasks
from shuniu.portal.models import Submission, SubmissionFile
from shuniu.workdays.services import compute_deadline

from .conftest import MESSAGE

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100
FORM = {k: ("on" if v is True else v) for k, v in MESSAGE.items() if k != "channel"}


@pytest.fixture
def held(monkeypatch):
    """The task queue holds what it is given (as with a broker whose worker has not run yet)."""
    calls = []
    monkeypatch.setattr(tasks.register_submissions, "delay", lambda *args, **kwargs: calls.append(args))
    return calls


@pytest.fixture
def failing(monkeypatch):
    """Registration fails inside its transaction, after the matter row was written."""

    def broken(*args, **kwargs):
        raise RuntimeError("磁盘已满")

    monkeypatch.setattr("shuniu.hotline.services._create_ticket", broken)


def _post(public, **fields):
    response = public.post("/api/v1/public/messages", {**MESSAGE, **fields}, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def _files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


# --- Accepted and registered at once (no broker) ------------------------------------------------


def test_the_ticket_carries_the_code_and_the_date_the_citizen_was_given(public):
    body = _post(public)
    submission = Submission.objects.get()
    ticket = Ticket.objects.select_related("matter").get()
    assert body["code"] == submission.query_code == ticket.query_code
    assert parse_datetime(body["due_at"]) == submission.due_at == ticket.matter.due_at
    assert ticket.matter.received_at == submission.received_at
    assert submission.due_at == compute_deadline(submission.received_at, "5 working days").due_at
    assert ticket.matter.due_uncertain == submission.due_uncertain
    assert (submission.status, submission.matter, submission.attempts) == ("registered", ticket.matter, 1)
    assert submission.registered_at is not None and submission.error == ""
    assert ticket.citizen_name == "王建华" and ticket.phone == "13912345678" and ticket.wants_public
    entry = ticket.matter.entries.get()
    assert (entry.action, entry.action_label, entry.actor) == ("register", "网上留言受理", None)


def test_the_promised_date_follows_the_policy_in_force(public):
    from shuniu.hotline.models import Policy

    _post(public)  # the rules as shipped, now remembered by this process
    Policy(handle_days=3).save()  # 系统管理 changes them: applies to the next message
    body = _post(public, phone="13800001111")
    submission = Submission.objects.get(query_code=body["code"])
    assert parse_datetime(body["due_at"]) == compute_deadline(submission.received_at, "3 working days").due_at
    assert Ticket.objects.get(query_code=body["code"]).matter.due_at == submission.due_at


def test_the_attachments_become_the_tickets_without_copying_the_files(public, settings):
    files = [SimpleUploadedFile("现场.png", PNG, "image/png")]
    response = public.post("/api/v1/public/messages", {**MESSAGE, "attachments": files}, format="multipart")
    assert response.status_code == 201
    stored = SubmissionFile.objects.get()
    attachment = Attachment.objects.get()
    assert attachment.file.name == stored.file.name and attachment.name == "现场.png"
    assert (attachment.size, attachment.content_type, attachment.entry.action) == (len(PNG), "image/png", "register")
    assert len(_files(Path(settings.MEDIA_ROOT))) == 1
    assert attachment.file.read() == PNG


def test_the_html_form_goes_through_the_same_intake(client, demo_office):
    response = client.post("/public/message/", FORM)
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert Ticket.objects.get().query_code == submission.query_code
    assert submission.query_code in client.get("/public/receipt/").content.decode()


# --- Bad input writes nothing ---------------------------------------------------------------


def test_bad_input_creates_neither_a_submission_nor_a_ticket(public, client, settings):
    assert public.post("/api/v1/public/messages", {**MESSAGE, "phone": "123"}, format="json").status_code == 400
    upload = SimpleUploadedFile("假图片.png", b"MZ" + b"\x00" * 50)
    response = public.post("/api/v1/public/messages", {**MESSAGE, "attachments": [upload]}, format="multipart")
    assert response.status_code == 400
    assert client.post("/public/message/", {**FORM, "title": ""}).status_code == 400
    assert Submission.objects.count() == SubmissionFile.objects.count() == 0
    assert Matter.objects.count() == Ticket.objects.count() == Entry.objects.count() == 0
    assert _files(Path(settings.MEDIA_ROOT)) == []


def test_a_failed_insert_leaves_no_file_behind(public, settings, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("数据库不可用")

    monkeypatch.setattr(Submission, "save", broken)
    files = [SimpleUploadedFile("现场.png", PNG, "image/png")]
    response = public.post("/api/v1/public/messages", {**MESSAGE, "attachments": files}, format="multipart")
    assert response.status_code == 500
    assert _files(Path(settings.MEDIA_ROOT)) == []


# --- Accepted, not registered yet ----------------------------------------------------------------


def test_a_pending_message_is_tracked_as_received(public, held):
    body = _post(public)
    assert held and Ticket.objects.count() == 0 and Submission.objects.get().status == "pending"
    response = public.get(f"/api/v1/public/messages/{body['code'].lower()}", {"phone": "5678"})
    assert response.status_code == 200
    tracked = response.json()
    assert parse_datetime(tracked.pop("due_at")) == parse_datetime(body["due_at"])
    assert parse_datetime(tracked.pop("received_at")) == Submission.objects.get().received_at
    assert tracked == {
        "code": body["code"], "type": "complaint", "type_label": "投诉", "title": "滨江小区夜间施工噪音扰民",
        "status": "received", "status_label": "已受理", "answered_at": None, "reply": "", "answer_unit": "",
        "rating": "", "rating_label": "", "can_rate": False,
    }


def test_a_pending_message_answers_wrong_digits_like_an_unknown_code(public, held):
    code = _post(public)["code"]
    wrong = public.get(f"/api/v1/public/messages/{code}", {"phone": "1234"})
    missing = public.get("/api/v1/public/messages/ZZZZZZZZZZ", {"phone": "5678"})
    assert wrong.status_code == missing.status_code == 404 and wrong.json() == missing.json()
    assert public.get(f"/api/v1/public/messages/{code}", {"phone": "56a8"}).status_code == 400


def test_the_tracking_page_shows_a_pending_message_without_personal_data(client, public, held):
    code = _post(public)["code"]
    page = client.get("/public/track/", {"code": code, "phone": "5678"}).content.decode()
    assert "已受理" in page and "滨江小区夜间施工噪音扰民" in page and 'id="rate-form"' not in page
    assert "王建华" not in page and "13912345678" not in page


def test_a_pending_message_cannot_be_rated(public, client, held):
    code = _post(public)["code"]
    response = public.post(f"/api/v1/public/messages/{code}/feedback", {"phone": "5678", "rating": "satisfied"},
                           format="json")
    assert response.status_code == 409
    assert response.json()["error"]["message"] == "您的留言已受理，正在登记转办，答复后方可评价"
    page = client.post("/public/track/rate/", {"code": code, "phone": "5678", "rating": "satisfied"})
    assert page.status_code == 409 and "正在登记转办" in page.content.decode()
    assert public.post(f"/api/v1/public/messages/{code}/feedback", {"phone": "0000", "rating": "satisfied"},
                       format="json").status_code == 404


def test_the_task_registers_what_is_pending(public, held):
    codes = [_post(public)["code"], _post(public, phone="13800001111", channel="mailbox")["code"]]
    assert Ticket.objects.count() == 0
    assert tasks.register_submissions() == "登记2件，失败0件，跳过0件"
    assert sorted(Ticket.objects.values_list("query_code", flat=True)) == sorted(codes)
    assert Ticket.objects.get(query_code=codes[1]).channel == "mailbox"
    assert set(Submission.objects.values_list("status", flat=True)) == {"registered"}
    body = public.get(f"/api/v1/public/messages/{codes[0]}", {"phone": "5678"}).json()
    assert body["status_label"] == "已受理" and body["code"] == codes[0]
    assert body["received_at"].endswith("+08:00") and body["due_at"].endswith("+08:00")  # as the receipt gave them
    # Registered: the ticket holds the message; the portal's copy keeps nothing personal.
    for submission in Submission.objects.all():
        assert set(submission.data) <= {"title", "type", "channel"} and submission.data["title"]


def test_with_a_broker_one_task_is_queued_after_the_commit_for_a_burst(public, settings, monkeypatch,
                                                                       django_capture_on_commit_callbacks):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setattr(services, "_queued_at", -services.QUEUE_WINDOW)
    queued = []
    monkeypatch.setattr(tasks.register_submissions, "apply_async", lambda *args, **kwargs: queued.append(kwargs))
    with django_capture_on_commit_callbacks() as callbacks:
        _post(public)
        _post(public, phone="13800001111")
        assert queued == []
    assert len(callbacks) == 1  # the second message is drained by the first one's task
    callbacks[0]()
    assert queued == [{"countdown": 2 * services.QUEUE_WINDOW}]
    assert Ticket.objects.count() == 0 and Submission.objects.filter(status="pending").count() == 2
    assert tasks.register_submissions() == "登记2件，失败0件，跳过0件"
    monkeypatch.setattr(services, "_queued_at", -services.QUEUE_WINDOW)  # a window later
    with django_capture_on_commit_callbacks() as callbacks:
        _post(public, phone="13800002222")
    assert len(callbacks) == 1


# --- Failures are kept and retried ------------------------------------------------------------------


def test_a_failed_registration_keeps_the_submission_and_is_retried_later(public, failing, caplog, monkeypatch):
    with caplog.at_level(logging.WARNING, logger="shuniu.portal"):
        body = _post(public)  # the citizen's message is accepted all the same
    submission = Submission.objects.get()
    assert (submission.status, submission.attempts, submission.matter) == ("failed", 1, None)
    assert submission.error.startswith("登记失败（系统错误）") and "磁盘已满" in submission.error
    assert submission.retry_at > timezone.now()
    assert Matter.objects.count() == Ticket.objects.count() == 0
    assert any(submission.query_code in r.getMessage() and "第1次登记失败" in r.getMessage() for r in caplog.records)
    tracked = public.get(f"/api/v1/public/messages/{body['code']}", {"phone": "5678"}).json()
    assert tracked["status_label"] == "已受理" and parse_datetime(tracked["due_at"]) == parse_datetime(body["due_at"])

    assert services.register_pending().registered == 0  # not before its retry time
    assert Submission.objects.get().attempts == 1

    monkeypatch.undo()
    Submission.objects.update(retry_at=timezone.now() - datetime.timedelta(seconds=1))
    assert services.register_pending().registered == 1
    submission.refresh_from_db()
    assert (submission.status, submission.attempts, submission.error) == ("registered", 2, "")
    assert Ticket.objects.get().query_code == body["code"]


def test_after_a_few_failures_it_waits_for_the_administrator(public, failing, monkeypatch, caplog):
    _post(public)
    for _attempt in range(services.MAX_ATTEMPTS - 1):
        Submission.objects.update(retry_at=timezone.now() - datetime.timedelta(seconds=1))
        with caplog.at_level(logging.ERROR, logger="shuniu.portal"):
            assert services.register_pending().failed == 1
    submission = Submission.objects.get()
    assert (submission.status, submission.attempts, submission.retry_at) == ("failed", services.MAX_ATTEMPTS, None)
    assert any("已停止自动重试" in r.getMessage() for r in caplog.records)
    assert services.register_pending().failed == 0 and Submission.objects.get().attempts == services.MAX_ATTEMPTS

    monkeypatch.undo()
    assert services.retry([submission]) == 1  # 系统管理's action; eager here, so registered at once
    submission.refresh_from_db()
    assert (submission.status, submission.attempts) == ("registered", 1)


def test_a_message_the_hotline_refuses_is_failed_with_the_reason_in_chinese(demo_office, held):
    submission = Submission.objects.create(
        query_code="ABCDEFGH23", received_at=timezone.now(), due_at=timezone.now() + datetime.timedelta(days=7),
        data={**MESSAGE, "title": ""})
    services.register_pending()
    submission.refresh_from_db()
    assert submission.status == "failed" and submission.error == "登记失败：标题：请填写标题"
    assert Matter.objects.count() == 0


# --- Never registered twice ---------------------------------------------------------------------


def test_two_drains_register_a_submission_once(public, held):
    _post(public)
    first, second = services.register_pending(), services.register_pending()
    assert (first.registered, second.registered) == (1, 0)
    assert Ticket.objects.count() == Matter.objects.count() == 1


def test_a_claimed_submission_is_left_to_the_drain_holding_it(public, held):
    _post(public)
    claimed = services._claim(10)
    assert len(claimed) == 1 and services._claim(10) == []
    assert services.register_pending().registered == 0
    # the holder was killed: once its claim has run out, the next drain takes the submission up
    Submission.objects.update(claimed_until=timezone.now() - datetime.timedelta(seconds=1))
    assert services.register_pending().registered == 1 and Ticket.objects.count() == 1


def test_a_late_second_registration_is_rolled_back(public, held):
    _post(public)
    claimed = services._claim(10)[0]
    stale = Submission.objects.get(pk=claimed.pk)
    assert services.register(claimed) == services.REGISTERED_NOW
    assert services.register(stale) == services.SKIPPED
    assert Ticket.objects.count() == Matter.objects.count() == 1
    assert Submission.objects.get().status == "registered"


# --- 系统管理 ---------------------------------------------------------------------------------------


def test_the_system_administrator_sees_the_queue_but_not_the_message(client_for, public, failing):
    code = _post(public)["code"]
    client = client_for("admin")
    page = client.get("/admin/portal/submission/").content.decode()
    assert code in page and "登记失败" in page
    assert "王建华" not in page and "滨江小区" not in page
    detail = client.get(f"/admin/portal/submission/{Submission.objects.get().pk}/change/").content.decode()
    assert "磁盘已满" in detail and "13912345678" not in detail and "滨江小区" not in detail
    for username in ("auditor", "secadmin", "rexian"):
        assert client_for(username).get("/admin/portal/submission/").status_code in (302, 403)


def test_the_system_administrator_puts_a_failed_message_back_in_the_queue(client_for, public, failing, monkeypatch):
    from shuniu.core.models import AuditEvent

    _post(public)
    monkeypatch.undo()
    submission = Submission.objects.get()
    response = client_for("admin").post("/admin/portal/submission/",
                                        {"action": "retry", "_selected_action": [submission.pk]})
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == "registered" and Ticket.objects.get().query_code == submission.query_code
    assert AuditEvent.objects.filter(action=AuditEvent.Action.ADMIN_CHANGE, detail__contains="重新登记").exists()


def test_a_code_already_taken_is_never_given_again(public, monkeypatch):
    on_a_ticket = _post(public)["code"]  # registered at once: a ticket holds this code
    monkeypatch.setattr(tasks.register_submissions, "delay", lambda: None)
    on_a_submission = _post(public, phone="13800001111")["code"]  # accepted, not registered yet
    codes = iter([on_a_ticket, on_a_submission, "23456789AB"])
    monkeypatch.setattr("shuniu.hotline.services.new_query_code", lambda: next(codes))
    assert _post(public, phone="13800002222")["code"] == "23456789AB"
    assert Submission.objects.filter(query_code="23456789AB", data__phone="13800002222").exists()
