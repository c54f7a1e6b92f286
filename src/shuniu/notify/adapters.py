"""SMS / webhook adapters. Choose one with SHUNIU_SMS_ADAPTER (a dotted class path)."""

import json
import logging
import urllib.request

from django.conf import settings

log = logging.getLogger("shuniu.notify")


class ConsoleSMS:
    """Development: write the text message to the log instead of sending it."""

    sent: list[tuple[str, str]] = []

    def send(self, phone: str, text: str) -> None:
        ConsoleSMS.sent.append((phone, text))
        log.info("SMS to %s: %s", phone, text)


class WebhookSMS:
    """Production: POST {"phone", "text"} as JSON to SHUNIU_WEBHOOK_URL (the intranet SMS gateway)."""

    def send(self, phone: str, text: str) -> None:
        body = json.dumps({"phone": phone, "text": text}, ensure_ascii=False).encode()
        request = urllib.request.Request(
            settings.SHUNIU_WEBHOOK_URL, data=body, headers={"Content-Type": "application/json"}, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                response.read()
        except OSError:
            log.exception("SMS webhook failed for %s", phone)
