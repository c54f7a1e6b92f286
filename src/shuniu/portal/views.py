"""The public portal (no account): write to the 12345 hotline or the 市长信箱, track a message by
its query code, rate the answer, read answered messages. Mobile-first pages in Chinese; the same
per-IP limits as the public API."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from shuniu.hotline.forms import PUBLIC_FILE_MAX_COUNT, MessageForm
from shuniu.hotline.models import Channel, Ticket
from shuniu.matters.services import EngineError

from . import services, throttles

RECEIPT_KEY = "portal_receipt"
CHANNEL_PAGES = {
    Channel.WEB: ("网上留言", "12345政务服务便民热线网上留言"),
    Channel.MAILBOX: ("市长信箱", "市长信箱"),
}


def _too_many(request, wait: int):
    return render(request, "portal/limited.html", {"wait": wait}, status=429)


def home(request):
    wait = throttles.check(request, throttles.BrowseThrottle)
    if wait:
        return _too_many(request, wait)
    return render(request, "portal/home.html", {"answers": services.published()[:5]})


def write(request, channel: str):
    """留言 / 写信: the form, its Chinese validation, then the query code (via a redirect, so a
    refresh does not send the message twice)."""
    short, heading = CHANNEL_PAGES[channel]
    form = MessageForm(request.POST or None, initial={"channel": channel})
    status = 200
    if request.method == "POST":
        wait = throttles.check(request, throttles.SubmitThrottle)
        if wait:
            return _too_many(request, wait)
        if throttles.content_length(request) > throttles.MAX_REQUEST_BYTES:
            form.is_valid()
            form.add_error(None, "提交内容过大：附件合计不能超过15MB")
            status = 400
        else:
            data = request.POST.copy()
            data["channel"] = channel
            try:
                submission = services.submit(data, request.FILES)
            except EngineError as error:
                form.is_valid()
                for field, errors in error.fields.items():
                    target = field if field in form.fields else None
                    for message in errors:
                        if target is None or target not in form.errors:
                            form.add_error(target, message)
                if not form.errors:
                    form.add_error(None, error.message)
                status = 400
            else:
                request.session[RECEIPT_KEY] = {
                    "code": submission.query_code, "channel": short, "due_at": submission.due_at.isoformat(),
                }
                return redirect("portal:receipt")
    return render(request, "portal/write.html", {
        "form": form, "channel": channel, "short": short, "heading": heading, "max_files": PUBLIC_FILE_MAX_COUNT,
    }, status=status)


def receipt(request):
    data = request.session.get(RECEIPT_KEY)
    if not data:
        return redirect("portal:home")
    return render(request, "portal/receipt.html", {**data, "due_at": parse_datetime(data["due_at"])})


def track(request):
    """查询: code + the phone's last four digits. A wrong code and wrong digits look the same."""
    code = (request.GET.get("code") or "").strip().upper()
    phone = (request.GET.get("phone") or "").strip()
    context = {"code": code, "phone": phone}
    if not (code or phone):
        return render(request, "portal/track.html", context)
    wait = throttles.check(request, throttles.LookupThrottle)
    if wait:
        return _too_many(request, wait)
    try:
        ticket = services.find(code, phone)
    except EngineError as error:
        context["error"] = error.message
        return render(request, "portal/track.html", context, status=error.status)
    context["result"] = services.view(ticket)
    return render(request, "portal/track.html", context)


@require_POST
def rate(request):
    code = (request.POST.get("code") or "").strip().upper()
    phone = (request.POST.get("phone") or "").strip()
    wait = throttles.check(request, throttles.FeedbackThrottle)
    if wait:
        return _too_many(request, wait)
    context = {"code": code, "phone": phone}
    try:
        ticket = services.find(code, phone)
    except EngineError as error:
        context["error"] = error.message
        return render(request, "portal/track.html", context, status=error.status)
    try:
        services.rate(code, phone, request.POST.get("rating", ""), request.POST.get("comment", ""))
    except EngineError as error:
        context.update(error=error.message, result=services.view(ticket), comment=request.POST.get("comment", ""))
        return render(request, "portal/track.html", context, status=error.status)
    return redirect(f"{reverse('portal:track')}?{urlencode({'code': code, 'phone': phone, 'rated': 1})}")


def answers(request):
    wait = throttles.check(request, throttles.BrowseThrottle)
    if wait:
        return _too_many(request, wait)
    page = Paginator(services.published(), 20).get_page(request.GET.get("page"))
    return render(request, "portal/answers.html", {"page": page, "items": [services.public_item(t) for t in page]})


def answer_detail(request, serial: str):
    wait = throttles.check(request, throttles.BrowseThrottle)
    if wait:
        return _too_many(request, wait)
    ticket = services.published().filter(matter__serial=serial.upper()).first()
    if not isinstance(ticket, Ticket):
        raise Http404("该留言不存在或未公开")
    return render(request, "portal/answer_detail.html", {"item": services.public_item(ticket)})
