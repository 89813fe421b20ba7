"""Confirming a self-registered account's phone or e-mail with a one-time code.

After registration the account is signed in but *unconfirmed* (``User.contact_confirmed_at`` empty)
until its owner types the 6-digit code sent to the phone by SMS (or, without a phone, to the e-mail).
Until then it cannot start or submit an online dossier (``dossiers.submission`` refuses).

Policy:

* the code is random (``secrets``), valid for ``VALID_FOR``; only a keyed hash (HMAC-SHA256 under the
  SECRET_KEY, with a salt per code) is stored, so the table alone does not give it away;
* ``MAX_WRONG`` wrong codes end it: a new one must be asked for; a new one replaces the old;
* a new code at most once per ``RESEND_GAP`` and ``HOURLY_LIMIT`` per hour per account (the rule of
  :func:`accounts.throttle.retry_at`, over the codes sent, which are kept an hour for that);
* the code is checked against the destination it was sent to: a phone or e-mail changed since needs
  a new code.

Sending is synchronous, since the person is waiting for it: e-mail through Django's mail backend; SMS
through a transport that the notifications app (above this one in the layers) installs at start-up
with :func:`use_sms_transport`. A provider's failure is :class:`CodeNotSent`, and that code is
forgotten (it does not count against the limits).
"""

import math
import secrets
import smtplib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.formats import time_format
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError

from .models import ContactCode, User
from .throttle import retry_at

CODE_LENGTH = 6
VALID_FOR = timedelta(minutes=10)
MAX_WRONG = 5
RESEND_GAP = timedelta(seconds=60)
HOURLY_LIMIT = 5
HOUR = timedelta(hours=1)
_KEY_SALT = "motcua.accounts.contact-code"

SMS, EMAIL = ContactCode.Channel.SMS, ContactCode.Channel.EMAIL


class CodeRefused(DomainError):
    """The typed code does not confirm the account (wrong, expired, used up, or none sent)."""


class ResendRefused(DomainError):
    """Too soon for another code."""


class CodeNotSent(DomainError):
    """The SMS gateway or the mail server did not take the message."""


#: ``transport(phone, text, idempotency_key=...)``, raising CodeNotSent; installed by notifications.
_sms_transport: Callable[..., None] | None = None


def use_sms_transport(transport: Callable[..., None] | None) -> None:
    global _sms_transport
    _sms_transport = transport


# ── where the code goes ─────────────────────────────────────────────────────────────────────────────


def channels(user: User) -> list[str]:
    """The channels the account can receive a code by, the preferred first: SMS, then e-mail."""
    return [channel for channel, value in ((SMS, user.phone), (EMAIL, user.email)) if value]


def destination(user: User, channel: str) -> str:
    return user.phone if channel == SMS else user.email


def masked(channel: str, value: str) -> str:
    """A phone or e-mail as shown on the page: enough to recognise it, not to read it off a screen."""
    if channel == SMS:
        return f"{value[:3]}••••{value[-3:]}" if len(value) > 6 else value
    name, _at, domain = value.partition("@")
    return f"{name[:1]}•••@{domain}" if domain else value


# ── sending ─────────────────────────────────────────────────────────────────────────────────────────


def _hash(salt: str, code: str) -> str:
    return salted_hmac(_KEY_SALT, f"{salt}:{code}", algorithm="sha256").hexdigest()


def next_code_at(user: User, now: datetime | None = None) -> datetime | None:
    """When the account may ask for a new code, or None when it may now."""
    now = now or timezone.now()
    sent = list(
        ContactCode.objects.filter(user=user, created_at__gt=now - HOUR).values_list("created_at", flat=True)
    )
    moments = [
        retry_at(sent, now, limit=1, window=RESEND_GAP),
        retry_at(sent, now, limit=HOURLY_LIMIT, window=HOUR),
    ]
    moments = [moment for moment in moments if moment is not None]
    return max(moments) if moments else None


@dataclass(frozen=True)
class Sent:
    channel: str
    destination: str

    @property
    def shown(self) -> str:
        return masked(self.channel, self.destination)


def send_code(user: User, *, channel: str | None = None, now: datetime | None = None) -> Sent:
    """Make a new code for ``user`` and send it (by ``channel``, else the preferred one).

    Raises ResendRefused when the limits say wait, CodeNotSent when the provider fails (that code is
    then forgotten) or the account has nowhere to send it.
    """
    available = channels(user)
    if channel not in available:
        channel = available[0] if available else None
    if channel is None:
        raise CodeNotSent(_("Your account has no phone number or e-mail: add one on your account page."))
    code = "".join(secrets.choice("0123456789") for _digit in range(CODE_LENGTH))
    salt = secrets.token_hex(16)
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()  # one request at a time per account
        now = now or timezone.now()
        wait_until = next_code_at(user, now)
        if wait_until is not None:
            raise _too_soon(wait_until, now)
        ContactCode.objects.filter(user=user, created_at__lt=now - HOUR).delete()
        record = ContactCode.objects.create(
            user=user,
            channel=channel,
            destination=destination(user, channel),
            salt=salt,
            code_hash=_hash(salt, code),
            created_at=now,
            expires_at=now + VALID_FOR,
        )
    # Sent after the commit: the code exists when it arrives, and no lock is held while the provider
    # answers.
    try:
        _deliver(record, code)
    except CodeNotSent:
        record.delete()
        raise
    return Sent(channel=channel, destination=record.destination)


def _too_soon(wait_until: datetime, now: datetime) -> ResendRefused:
    seconds = max(math.ceil((wait_until - now).total_seconds()), 1)
    if seconds <= RESEND_GAP.total_seconds():
        return ResendRefused(
            _("A code was sent a moment ago. Wait %(seconds)s seconds before asking for a new one."),
            {"seconds": seconds},
        )
    return ResendRefused(
        _("You have asked for %(count)s codes in the last hour. Ask again after %(time)s."),
        {"count": HOURLY_LIMIT, "time": time_format(timezone.localtime(wait_until), "H:i")},
    )


def _deliver(record: ContactCode, code: str) -> None:
    minutes = int(VALID_FOR.total_seconds() // 60)
    portal = settings.MOTCUA_BRANDING["portal_name"]
    if record.channel == SMS:
        text = _(
            "%(portal)s: your confirmation code is %(code)s, valid for %(minutes)s minutes. "
            "Do not give it to anyone."
        ) % {"portal": portal, "code": code, "minutes": minutes}
        if _sms_transport is None:
            raise CodeNotSent(_("Text messages cannot be sent at the moment. Try again later."))
        _sms_transport(record.destination, str(text), idempotency_key=f"contact-code-{record.pk}")
        return
    subject = _("Your confirmation code: %(code)s") % {"code": code}
    body = _(
        "Hello,\n\nTo confirm your e-mail address on %(portal)s, type this code on the confirmation "
        "page: %(code)s\n\nIt is valid for %(minutes)s minutes. Never give it to anyone, not even "
        "someone who says they are an officer. If you did not register, ignore this message.\n\n"
        "%(portal)s"
    ) % {"portal": portal, "code": code, "minutes": minutes}
    try:
        EmailMessage(str(subject), str(body), to=[record.destination]).send()
    except (smtplib.SMTPException, OSError) as error:
        raise CodeNotSent(
            _("The e-mail could not be sent at the moment. Try again in a few minutes.")
        ) from error


# ── confirming ──────────────────────────────────────────────────────────────────────────────────────


def confirm(user: User, typed: str, *, now: datetime | None = None) -> None:
    """Confirm the account with the code it was sent; CodeRefused says why not (a wrong code counts)."""
    typed = "".join((typed or "").split())
    refusal = None
    with transaction.atomic():
        now = now or timezone.now()
        record = (
            ContactCode.objects.select_for_update().filter(user=user).order_by("-created_at", "-pk").first()
        )
        if record is None or record.used_at is not None:
            refusal = CodeRefused(_("No code is waiting for this account: ask for a new code."))
        elif record.failed_attempts >= MAX_WRONG:
            refusal = CodeRefused(_("Too many wrong codes: ask for a new code."))
        elif now >= record.expires_at:
            refusal = CodeRefused(_("This code has expired: ask for a new code."))
        elif destination(user, record.channel) != record.destination:
            refusal = CodeRefused(
                _("Your phone number or e-mail has changed since the code was sent: ask for a new code.")
            )
        elif not constant_time_compare(_hash(record.salt, typed), record.code_hash):
            # Saved, not rolled back: the refusal is raised only once the transaction is over.
            record.failed_attempts += 1
            record.save(update_fields=["failed_attempts"])
            left = MAX_WRONG - record.failed_attempts
            if left:
                refusal = CodeRefused(
                    _("The code is not right. Check it and try again (tries left: %(count)s)."),
                    {"count": left},
                )
            else:
                refusal = CodeRefused(
                    _("The code is not right, and that was the last try: ask for a new code.")
                )
        else:
            user.contact_confirmed_at = now
            user.save(update_fields=["contact_confirmed_at"])
            ContactCode.objects.filter(user=user).delete()
    if refusal is not None:
        raise refusal
