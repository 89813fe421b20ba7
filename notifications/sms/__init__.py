"""SMS senders: the first kind of outside party behind the plugin registry (``core.plugins``).

The provider is chosen by MOTCUA_SMS_BACKEND: an id registered in ``notifications.sms.backends``
(``file``, ``console``, ``memory``, ``failing``), or the dotted path of a province's own
:class:`SmsSender` subclass for its carrier's gateway. ``idempotency_key`` is the same for every attempt
of one message, so a gateway that supports it can drop a repeat after a crash between its acceptance
and our commit.
"""

from core.plugins import Plugin, Registry


class SmsError(Exception):
    """The gateway refused or could not be reached; the message is retried later."""


class SmsSender(Plugin):
    """Sends one text message; raises :class:`SmsError` when the gateway refuses or is unreachable."""

    def send(self, phone: str, text: str, *, idempotency_key: str) -> None:  # pragma: no cover - interface
        raise NotImplementedError


sms_senders: Registry[SmsSender] = Registry(
    "SMS sender", SmsSender, setting="MOTCUA_SMS_BACKEND", providers="notifications.sms.backends"
)


def get_sender() -> SmsSender:
    """The SMS sender the settings chose."""
    return sms_senders.configured()
