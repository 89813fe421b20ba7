"""The sign-in limit counts per account, atomically (security finding 3).

Before: the limit counted typed strings, so one account's username, its phone written four ways and
its e-mail gave 24 guesses from one address, after which the right password still signed in; and 20
concurrent wrong attempts were all checked against the password while only 14 were counted.
"""

import threading

import pytest
from django.db import close_old_connections, connection
from django.test import Client

from accounts import throttle
from accounts.models import LoginAttempt, User

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-dung-123"
SPELLINGS = [
    "lan",
    "0912345678",
    "0912 345 678",
    "+84912345678",
    "84912345678",
    "091.234.5678",
    "LAN@Example.VN",
]


@pytest.fixture
def account():
    return User.objects.create_user("lan", password=PASSWORD, email="lan@example.vn", phone="0912345678")


def _sign_in(client, login, password):
    return client.post("/accounts/login/", {"username": login, "password": password})


def test_every_spelling_of_one_account_counts_against_it(client, account):
    for attempt in range(throttle.IDENTIFIER_LIMIT):
        response = _sign_in(client, SPELLINGS[attempt % len(SPELLINGS)], "sai")
        assert response.status_code == 200 and not response.wsgi_request.user.is_authenticated
    for login in SPELLINGS:
        locked = _sign_in(client, login, PASSWORD)  # even the right password, in any spelling
        assert not locked.wsgi_request.user.is_authenticated, login
        assert [e.code for e in locked.context["form"].errors.as_data()["__all__"]] == ["locked"]
    assert set(LoginAttempt.objects.values_list("identifier", flat=True)) == {f"account:{account.pk}"}


def test_unknown_logins_are_limited_like_accounts_and_reveal_nothing(client, account):
    unknown, known = [], []
    for _ in range(throttle.IDENTIFIER_LIMIT + 1):
        unknown.append(_sign_in(client, "Nobody@Example.vn", "sai"))
    for _ in range(throttle.IDENTIFIER_LIMIT + 1):
        known.append(_sign_in(client, "lan@example.vn", "sai"))
    # The same answers, in the same order: a wrong password, then the lock.
    codes = [[e.code for e in r.context["form"].errors.as_data()["__all__"]] for r in unknown]
    assert codes == [[e.code for e in r.context["form"].errors.as_data()["__all__"]] for r in known]
    assert codes[-1] == ["locked"] and codes[0] == ["invalid_login"]
    # Spellings of an unknown login count together too.
    assert throttle.account_key("NOBODY@example.VN ") == throttle.account_key("nobody@example.vn")
    assert throttle.account_key("+84 988 000 111") == throttle.account_key("0988000111")


def test_the_per_address_limit_still_holds(client, settings):
    for number in range(throttle.ADDRESS_LIMIT):
        _sign_in(client, f"khach{number}@example.vn", "sai")
    User.objects.create_user("lan", password=PASSWORD)
    assert not _sign_in(client, "lan", PASSWORD).wsgi_request.user.is_authenticated
    other_address = Client(REMOTE_ADDR="10.9.9.9")
    assert _sign_in(other_address, "lan", PASSWORD).status_code == 302


def test_a_success_clears_the_account_and_not_the_others(client, account):
    User.objects.create_user("binh", password=PASSWORD)
    for _ in range(2):
        _sign_in(client, "lan", "sai")
        _sign_in(client, "binh", "sai")
    assert _sign_in(client, "0912345678", PASSWORD).status_code == 302
    assert list(LoginAttempt.objects.values_list("identifier", flat=True).distinct()) == [
        throttle.account_key("binh")
    ]


@pytest.mark.django_db(transaction=True)
def test_concurrent_wrong_attempts_cannot_slip_past_the_count(account):
    """20 attempts at once: at most the limit are ever checked against the password, and all that were
    checked are counted (PostgreSQL: advisory locks; SQLite serializes every writing transaction)."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers: real concurrency needs PostgreSQL")
    checked = []
    original = User.check_password

    def counting_check(user, raw):
        checked.append(raw)
        return original(user, raw)

    barrier = threading.Barrier(20)
    answers = []

    def attempt():
        try:
            client = Client()
            barrier.wait(timeout=30)
            answers.append(_sign_in(client, "lan", "sai").status_code)
        finally:
            close_old_connections()

    User.check_password = counting_check
    try:
        threads = [threading.Thread(target=attempt) for _ in range(20)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    finally:
        User.check_password = original
    assert len(answers) == 20 and set(answers) == {200}
    assert len(checked) <= throttle.IDENTIFIER_LIMIT, (len(checked), connection.vendor)
    assert (
        LoginAttempt.objects.filter(identifier=f"account:{account.pk}").count() == throttle.IDENTIFIER_LIMIT
    )
