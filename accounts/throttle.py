"""Brute-force protection for sign-in and password-reset requests.

Policy: after ``IDENTIFIER_LIMIT`` failures for one *account* within ``WINDOW``, or ``ADDRESS_LIMIT``
from one client address, further attempts are refused until the oldest counted failure leaves the
window. A successful sign-in clears the account's failures.

* **Per account, not per typed string.** The login is resolved to the account it names first
  (:func:`account_key`): the username, the e-mail in any case and the phone in any of its spellings
  all count against one account. A login that names no account is counted by its normalized form, and
  is limited exactly like an account, so the answer never tells whether an account exists.
* **Counted before the password is checked.** :func:`begin_attempt` records the attempt and checks the
  limits in one transaction, holding a lock per account and per address (PostgreSQL: transaction-level
  advisory locks; SQLite: the write lock every transaction takes, ``transaction_mode=IMMEDIATE``).
  Concurrent attempts queue on it, so at most ``IDENTIFIER_LIMIT`` passwords are ever checked in a
  window, however many requests arrive at once. A successful sign-in then removes the account's rows.

django-axes was considered (the issue asked for it): it checks the lockout before authenticating and
records the failure afterwards, in separate statements, so concurrent attempts all pass the check;
its maintainers keep that as a known limitation ("Lockout doesn't kick in if spamming requests
quickly", jazzband/django-axes#592). The rule (:func:`retry_at`) is a plain function over the failure
times; the rest stores them (accounts.LoginAttempt).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.utils import timezone

from .identity import normalize_phone

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
    """A typed login that names no account, as it is counted: e-mail and username in lower case, a
    phone number as its 10 digits."""
    identifier = (identifier or "").strip()
    return normalize_phone(identifier) or identifier.lower()


def account_key(login: str) -> str:
    """What failures of ``login`` are counted under: ``account:<id>`` for the one account it names
    (by username, e-mail or phone, as sign-in resolves it), else ``login:<normalized login>``."""
    from .backends import login_candidates

    candidates = login_candidates(login)
    if len(candidates) == 1:
        return f"account:{candidates[0].pk}"
    return f"login:{normalize_identifier(login)}"[:254]


@dataclass(frozen=True)
class Attempt:
    """A sign-in attempt, already counted as a failure until :func:`succeeded` says otherwise."""

    key: str
    locked_until: datetime | None = None


def _serialize(keys: list[str]) -> None:
    """Make concurrent attempts on the same keys wait for each other until the transaction ends."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for key in sorted(set(keys)):  # one order for everyone: no deadlock
                cursor.execute(
                    "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [f"motcua-login:{key}"]
                )
    # SQLite: the transaction already holds the database's write lock (transaction_mode=IMMEDIATE).


def _locked_until(key: str, address: str, now: datetime):
    from .models import LoginAttempt

    since = now - WINDOW
    by_key = LoginAttempt.objects.filter(identifier=key, at__gt=since).values_list("at", flat=True)
    by_address = LoginAttempt.objects.filter(address=address, at__gt=since).values_list("at", flat=True)
    moments = [
        retry_at(list(by_key), now, limit=IDENTIFIER_LIMIT),
        retry_at(list(by_address), now, limit=ADDRESS_LIMIT),
    ]
    moments = [m for m in moments if m is not None]
    return max(moments) if moments else None


def begin_attempt(login: str, address: str, now: datetime | None = None) -> Attempt:
    """Count an attempt of ``login`` from ``address``, unless the account or the address is locked:
    then nothing is counted and ``locked_until`` says until when (check it before the password)."""
    from .models import LoginAttempt

    key = account_key(login)
    with transaction.atomic():
        _serialize([key, f"address:{address}"])
        # Read the clock once the lock is held: an attempt that waited must count those recorded
        # meanwhile, which carry later times than the moment it arrived.
        now = now or timezone.now()
        until = _locked_until(key, address, now)
        if until is not None:
            return Attempt(key=key, locked_until=until)
        LoginAttempt.objects.create(identifier=key, address=address, at=now)
        # Old rows are of no use: keep the table small.
        LoginAttempt.objects.filter(at__lt=now - 4 * WINDOW).delete()
    return Attempt(key=key)


def succeeded(attempt: Attempt) -> None:
    """The password was right: the account's failures (and this attempt) are forgotten."""
    from .models import LoginAttempt

    LoginAttempt.objects.filter(identifier=attempt.key).delete()


#: Accounts opened from one client address per ``REGISTRATION_WINDOW``: enough for a family or a
#: service center's help desk, not for a script filling the table with accounts.
REGISTRATION_LIMIT = 10
REGISTRATION_WINDOW = timedelta(hours=1)
_REGISTRATION = "registration"


def begin_registration(address: str, now: datetime | None = None) -> datetime | None:
    """Count a registration from ``address``; or, past the limit, count nothing and say until when
    registrations from there are refused (the rule of :func:`retry_at`, held by the address's lock)."""
    from .models import LoginAttempt

    with transaction.atomic():
        _serialize([f"{_REGISTRATION}:{address}"])
        now = now or timezone.now()
        recent = LoginAttempt.objects.filter(
            identifier=_REGISTRATION, address=address, at__gt=now - REGISTRATION_WINDOW
        ).values_list("at", flat=True)
        until = retry_at(list(recent), now, limit=REGISTRATION_LIMIT, window=REGISTRATION_WINDOW)
        if until is None:
            LoginAttempt.objects.create(identifier=_REGISTRATION, address=address, at=now)
    return until
