"""SMS senders: a small interface and a registry chosen by the MOTCUA_SMS_BACKEND setting.

A province plugs in its carrier's gateway by writing a class with ``send`` and naming it by dotted
path in MOTCUA_SMS_BACKEND. ``idempotency_key`` is the same for every attempt of one message, so a
gateway that supports it can drop a repeat after a crash between its acceptance and our commit.
"""

from django.conf import settings
from django.utils.module_loading import import_string

BACKENDS = {
    "console": "notifications.sms.backends.ConsoleSender",
    "file": "notifications.sms.backends.FileSender",
    "memory": "notifications.sms.backends.MemorySender",
    "failing": "notifications.sms.backends.FailingSender",
}


class SmsError(Exception):
    """The gateway refused or could not be reached; the message is retried later."""


class SmsSender:
    def send(self, phone: str, text: str, *, idempotency_key: str) -> None:  # pragma: no cover - interface
        raise NotImplementedError


def get_sender() -> SmsSender:
    name = settings.MOTCUA_SMS_BACKEND
    return import_string(BACKENDS.get(name, name))()
