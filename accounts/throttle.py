"""Brute-force protection for sign-in and password-reset requests.

Policy: after ``IDENTIFIER_LIMIT`` failures for one login name within ``WINDOW``, or ``ADDRESS_LIMIT``
from one client address, further attempts are refused until the oldest counted failure leaves the
window. A successful sign-in clears the name's failures. The rule (:func:`retry_at`) is a plain function
over the failure times; the rest stores them (accounts.LoginAttempt).
"""

from collections.abc import Sequence
from datetime import datetime, timedelta

from django.utils import timezone

WINDOW = timedelta(minutes=15)
IDENTIFIER_LIMIT = 5
ADDRESS_LIMIT = 30


def retry_at(failures: Sequence[datetime], now: datetime, *, limit: int, window: timedelta = WINDOW):
    """When attempts may resume, or None when they may go on now.

    ``failures`` are the recorded failure times (any order). Locked while ``limit`` or more of them lie
    within ``window`` before ``now``; it opens when enough of them have aged out.
    """
    recent = sorted(t for t in failures if now - window < t <= now)
    if len(recent) < limit:
        return None
    # Attempts resume when only limit - 1 failures remain in the window.
    return recent[len(recent) - limit] + window


def normalize_identifier(identifier: str) -> str:
    return (identifier or "").strip().lower()


def locked_until(identifier: str, address: str, now: datetime | None = None):
    """When ``identifier`` / ``address`` may try again, or None (two indexed queries)."""
    from .models import LoginAttempt

    now = now or timezone.now()
    since = now - WINDOW
    by_name = LoginAttempt.objects.filter(identifier=normalize_identifier(identifier), at__gt=since)
    by_address = LoginAttempt.objects.filter(address=address, at__gt=since)
    moments = [
        retry_at(list(by_name.values_list("at", flat=True)), now, limit=IDENTIFIER_LIMIT),
        retry_at(list(by_address.values_list("at", flat=True)), now, limit=ADDRESS_LIMIT),
    ]
    moments = [m for m in moments if m is not None]
    return max(moments) if moments else None


def record_failure(identifier: str, address: str, now: datetime | None = None) -> None:
    from .models import LoginAttempt

    now = now or timezone.now()
    LoginAttempt.objects.create(identifier=normalize_identifier(identifier), address=address, at=now)
    # Old rows are of no use: keep the table small.
    LoginAttempt.objects.filter(at__lt=now - 4 * WINDOW).delete()


def clear(identifier: str) -> None:
    from .models import LoginAttempt

    LoginAttempt.objects.filter(identifier=normalize_identifier(identifier)).delete()
