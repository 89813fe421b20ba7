import sys
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from . import SmsError, SmsSender, sms_senders


@sms_senders.register("console")
class ConsoleSender(SmsSender):
    label = "Printed on the console (development)"
    fake = True

    def send(self, phone, text, *, idempotency_key):
        sys.stdout.write(f"SMS to {phone} [{idempotency_key}]\n{text}\n\n")
        sys.stdout.flush()


@sms_senders.register("file")
class FileSender(SmsSender):
    """One text file per message under MOTCUA_SMS_FILE_PATH (var/sms in development)."""

    label = "Text files under var/sms (development)"
    fake = True

    def send(self, phone, text, *, idempotency_key):
        folder = Path(settings.MOTCUA_SMS_FILE_PATH)
        folder.mkdir(parents=True, exist_ok=True)
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        # Named by the idempotency key: a repeated attempt rewrites the same file.
        path = folder / f"{stamp}-{idempotency_key}.txt"
        for existing in folder.glob(f"*-{idempotency_key}.txt"):
            path = existing
        path.write_text(f"To: {phone}\n\n{text}\n", encoding="utf-8")


@sms_senders.register("memory")
class MemorySender(SmsSender):
    """For tests: messages collect in ``MemorySender.outbox`` like django.core.mail.outbox (every
    attempt, repeats included: tests count them)."""

    label = "In memory (tests)"
    fake = True

    outbox: list[dict] = []

    def send(self, phone, text, *, idempotency_key):
        MemorySender.outbox.append({"to": phone, "text": text, "key": idempotency_key})


@sms_senders.register("failing")
class FailingSender(SmsSender):
    """For tests and drills: a gateway that is down."""

    label = "A gateway that is down (tests, drills)"
    fake = True

    def send(self, phone, text, *, idempotency_key):
        raise SmsError("SMS gateway unavailable")
