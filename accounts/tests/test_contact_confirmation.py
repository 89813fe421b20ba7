"""Registration confirms the phone (by SMS) or the e-mail with a one-time code."""

import re
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from accounts import confirmation
from accounts.models import ContactCode, User
from accounts.tests.test_registration_and_login import registration
from core.roles import Role
from notifications.sms.backends import MemorySender

pytestmark = pytest.mark.django_db

CONFIRM = "/accounts/xac-nhan/"


@pytest.fixture(autouse=True)
def _empty_sms_outbox():
    MemorySender.outbox.clear()
    yield
    MemorySender.outbox.clear()


@pytest.fixture
def english(client, english):
    """The pages in English too (the language cookie), since these tests read the messages' wording."""
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    yield


def code_in(text: str) -> str:
    return re.search(r"\b(\d{6})\b", text).group(1)


def last_sms_code() -> str:
    return code_in(MemorySender.outbox[-1]["text"])


def flash(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def register(client, **changes):
    data = registration(next="/ho-so-cua-toi/", **changes)
    response = client.post("/accounts/dang-ky/?next=/ho-so-cua-toi/", data)
    assert response.status_code == 302, response.content.decode()
    return response


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def test_registration_sends_one_code_by_sms_when_a_phone_is_given(client):
    response = register(client)
    assert response["Location"] == f"{CONFIRM}?next=%2Fho-so-cua-toi%2F"
    assert len(MemorySender.outbox) == 1 and mail.outbox == []
    assert MemorySender.outbox[0]["to"] == "0912345678"
    assert re.search(r"\b\d{6}\b", MemorySender.outbox[0]["text"])
    user = User.objects.get()
    assert not user.contact_confirmed
    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert 'inputmode="numeric"' in html and 'autocomplete="one-time-code"' in html
    assert "091••••678" in html  # shown masked
    assert 'name="next" value="/ho-so-cua-toi/"' in html


def test_without_a_phone_the_code_goes_by_email(client):
    register(client, phone="")
    assert MemorySender.outbox == []
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["lan@example.vn"]
    assert code_in(mail.outbox[0].subject) == code_in(mail.outbox[0].body)


def test_the_code_is_not_stored_in_clear(client):
    register(client)
    code = last_sms_code()
    record = ContactCode.objects.get()
    assert code not in record.code_hash and code not in record.salt
    assert code not in " ".join(str(value) for value in ContactCode.objects.values().get().values())


def test_the_right_code_confirms_and_goes_on_to_next(client):
    register(client)
    response = client.post(CONFIRM, {"code": last_sms_code(), "next": "/ho-so-cua-toi/"})
    assert response.status_code == 302 and response["Location"] == "/ho-so-cua-toi/"
    user = User.objects.get()
    assert user.contact_confirmed
    assert not ContactCode.objects.exists()
    # Confirmed: the page sends on.
    assert client.get(CONFIRM).status_code == 302


def test_spaces_in_the_typed_code_are_ignored(client):
    register(client)
    code = last_sms_code()
    client.post(CONFIRM, {"code": f"{code[:3]} {code[3:]}"})
    assert User.objects.get().contact_confirmed


def test_a_wrong_code_is_refused_with_a_message_and_counts(client, english):
    register(client)
    response = client.post(CONFIRM, {"code": wrong(last_sms_code())})
    assert response.status_code == 400
    html = response.content.decode()
    assert "error-summary" in html and "The code is not right" in html and "tries left: 4" in html
    assert ContactCode.objects.get().failed_attempts == 1
    assert not User.objects.get().contact_confirmed
    response = client.post(CONFIRM, {"code": "12ab"})
    assert response.status_code == 400 and "Type the 6 digits" in response.content.decode()
    assert ContactCode.objects.get().failed_attempts == 1  # not a guess: not counted


def test_after_five_wrong_codes_even_the_right_one_is_refused(client, english):
    register(client)
    code = last_sms_code()
    for _try in range(confirmation.MAX_WRONG):
        client.post(CONFIRM, {"code": wrong(code)})
    response = client.post(CONFIRM, {"code": code})
    assert response.status_code == 400 and "ask for a new code" in response.content.decode()
    assert not User.objects.get().contact_confirmed
    # A new code works.
    with freeze_time(timezone.now() + timedelta(seconds=61)):
        client.post(CONFIRM, {"resend": "1"})
        client.post(CONFIRM, {"code": last_sms_code()})
    assert User.objects.get().contact_confirmed


def test_a_code_expires_after_ten_minutes(client, english):
    start = timezone.now()
    with freeze_time(start):
        register(client)
    code = last_sms_code()
    with freeze_time(start + timedelta(minutes=10, seconds=1)):
        response = client.post(CONFIRM, {"code": code})
    assert response.status_code == 400 and "expired" in response.content.decode()
    assert not User.objects.get().contact_confirmed
    with freeze_time(start + timedelta(minutes=9, seconds=59)):
        client.post(CONFIRM, {"code": code})
    assert User.objects.get().contact_confirmed


def test_a_new_code_replaces_the_old_one(client):
    start = timezone.now()
    with freeze_time(start):
        register(client)
    first = last_sms_code()
    with freeze_time(start + timedelta(seconds=61)):
        client.post(CONFIRM, {"resend": "1"})
        second = last_sms_code()
        if first != second:
            client.post(CONFIRM, {"code": first})
            assert not User.objects.get().contact_confirmed
        client.post(CONFIRM, {"code": second})
    assert User.objects.get().contact_confirmed


def test_resend_is_limited_to_one_a_minute_and_five_an_hour(client, english):
    start = timezone.now()
    with freeze_time(start):
        register(client)  # the first code counts
        response = client.post(CONFIRM, {"resend": "1"})
        assert response.status_code == 302
        assert any("Wait" in message and "seconds" in message for message in flash(response))
    assert len(MemorySender.outbox) == 1
    for minute in range(1, 5):
        with freeze_time(start + timedelta(minutes=minute)):
            client.post(CONFIRM, {"resend": "1"})
    assert len(MemorySender.outbox) == 5
    with freeze_time(start + timedelta(minutes=30)):
        response = client.post(CONFIRM, {"resend": "1"})
        assert any("5 codes in the last hour" in message for message in flash(response))
    assert len(MemorySender.outbox) == 5
    with freeze_time(start + timedelta(minutes=60, seconds=1)):  # the first one left the hour
        client.post(CONFIRM, {"resend": "1"})
    assert len(MemorySender.outbox) == 6


def test_the_code_can_be_sent_by_email_instead(client):
    start = timezone.now()
    with freeze_time(start):
        register(client)
    assert 'value="email"' in client.get(CONFIRM).content.decode()
    with freeze_time(start + timedelta(seconds=61)):
        client.post(CONFIRM, {"resend": "1", "channel": "email"})
        assert len(mail.outbox) == 1
        client.post(CONFIRM, {"code": code_in(mail.outbox[0].subject)})
    assert User.objects.get().contact_confirmed


def test_a_changed_phone_needs_a_new_code(client, english):
    register(client)
    code = last_sms_code()
    User.objects.update(phone="0987654321")
    response = client.post(CONFIRM, {"code": code})
    assert response.status_code == 400 and "has changed" in response.content.decode()


def test_a_failing_gateway_is_explained_and_the_code_forgotten(client, settings, english):
    settings.MOTCUA_SMS_BACKEND = "failing"
    response = register(client)
    assert any("could not be sent" in message for message in flash(response))
    assert not ContactCode.objects.exists()  # does not count against the limits
    settings.MOTCUA_SMS_BACKEND = "memory"
    client.post(CONFIRM, {"resend": "1"})
    assert len(MemorySender.outbox) == 1


def test_the_page_needs_a_signed_in_account(client):
    response = client.get(CONFIRM)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_accounts_made_otherwise_are_confirmed():
    assert User.objects.create_user(username="a", role=Role.CITIZEN).contact_confirmed
    assert User.objects.create_user(username="b", role=Role.SPECIALIST).contact_confirmed
    assert User.objects.create_superuser(username="c", password="x").contact_confirmed


def test_the_account_page_says_the_contact_is_not_confirmed(client):
    register(client)
    for page in ("accounts:profile", "portal:my_dossiers"):
        assert CONFIRM in client.get(reverse(page)).content.decode()
    client.post(CONFIRM, {"code": last_sms_code()})
    for page in ("accounts:profile", "portal:my_dossiers"):
        assert CONFIRM not in client.get(reverse(page)).content.decode()


def _profile(user, **changes):
    data = {
        "full_name": user.get_full_name() or "Nguyễn Thị Lan",
        "email": user.email,
        "phone": user.phone,
        "address_province": "",
        "address_ward": "",
        "address_street": "",
    }
    data.update(changes)
    return data


def test_a_changed_phone_on_the_account_page_must_be_confirmed_again(client):
    register(client)
    client.post(CONFIRM, {"code": last_sms_code()})
    user = User.objects.get()
    # The name alone changes nothing.
    client.post(reverse("accounts:profile"), _profile(user, full_name="Nguyễn Thị Lan Anh"))
    assert User.objects.get().contact_confirmed
    MemorySender.outbox.clear()
    response = client.post(reverse("accounts:profile"), _profile(user, phone="0987654321"))
    assert response.status_code == 302 and response["Location"].startswith(CONFIRM)
    assert not User.objects.get().contact_confirmed
    assert MemorySender.outbox[-1]["to"] == "0987654321"  # the code goes to the new number
    client.post(CONFIRM, {"code": last_sms_code()})
    assert User.objects.get().contact_confirmed


def test_a_changed_email_must_be_confirmed_again(client):
    register(client, phone="")
    client.post(CONFIRM, {"code": code_in(mail.outbox[-1].body)})
    user = User.objects.get()
    client.post(reverse("accounts:profile"), _profile(user, email="lan.moi@example.vn"))
    assert not User.objects.get().contact_confirmed
    assert mail.outbox[-1].to == ["lan.moi@example.vn"]


def test_registrations_from_one_address_are_limited(client):
    from django.utils import translation

    from accounts.throttle import REGISTRATION_LIMIT

    with translation.override("vi"):  # logging out drops the language cookie: the page is Vietnamese
        message = translation.gettext(
            "Too many accounts were opened from your network. Try again in an hour."
        )

    for number in range(REGISTRATION_LIMIT):
        client.logout()
        register(
            client,
            email=f"lan{number}@example.vn",
            phone=f"09123456{number:02d}",
            personal_id=f"0221900012{number:02d}",
        )
    client.logout()
    data = registration(email="lan99@example.vn", phone="0912345699", personal_id="022190001299")
    refused = client.post("/accounts/dang-ky/", data)
    assert refused.status_code == 429
    assert message in refused.content.decode()
    assert not User.objects.filter(email="lan99@example.vn").exists()
    # Another address may still register.
    other = client.post("/accounts/dang-ky/", data, REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 302
