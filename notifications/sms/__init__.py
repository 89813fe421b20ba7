"""SMS senders: the first kind of outside party behind the plugin registry (``core.plugins``).

The provider is chosen by MOTCUA_SMS_BACKEND: an id registered in ``notifications.sms.backends``
(``file``, ``console``, ``memory``, ``failing``), or the dotted path of a province's own
:class:`SmsSender` subclass for its carrier's gateway. ``idempotency_key`` is the same for every attempt
of one message, so a gateway that supports it can drop a repeat after a crash between its acceptance
and our commit.
"""

import logging

from core.plugins import Plugin, Registry

logger = logging.getLogger(__name__)


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


def send_contact_code(phone: str, text: str, *, idempotency_key: str) -> None:
    """The SMS transport of ``accounts.confirmation`` (installed at start-up): sent now, not through the
    outbox, since the person waits for the code; a failure is that module's CodeNotSent."""
    from django.utils.translation import gettext_lazy as _

    from accounts.confirmation import CodeNotSent

    try:
        get_sender().send(phone, text, idempotency_key=idempotency_key)
    except Exception as error:  # a province's gateway may fail in its own way: the person is told
        logger.warning("confirmation code not sent by SMS: %s", error)
        raise CodeNotSent(
            _("The text message could not be sent at the moment. Try again in a few minutes.")
        ) from error
