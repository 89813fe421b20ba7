from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from freezegun import freeze_time

from accounts import throttle
from accounts.models import LoginAttempt, User

pytestmark = pytest.mark.django_db

PASSWORD = "Mot-cua-2026!"


def registration(**changes):
    data = {
        "applicant_type": "1",
        "full_name": "Nguyễn Thị Lan",
        "personal_id": "022190001234",
        "email": "Lan@Example.vn",
        "phone": "+84 912 345 678",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(changes)
    return data


def test_a_citizen_registers_and_is_signed_in(client):
    response = client.post("/accounts/dang-ky/?next=/ho-so-cua-toi/", registration(next="/ho-so-cua-toi/"))
    # Signed in, then asked for the code sent to the phone, before going on to ``next``.
    assert response.status_code == 302
    assert response["Location"] == "/accounts/xac-nhan/?next=%2Fho-so-cua-toi%2F"
    user = User.objects.get()
    assert user.contact_confirmed_at is None
    assert (user.email, user.phone, user.personal_id, user.role) == (
        "lan@example.vn",
        "0912345678",
        "022190001234",
        "citizen",
    )
    assert client.get("/ho-so-cua-toi/").status_code == 200


def test_an_organization_registers_with_its_tax_code(client):
    response = client.post(
        "/accounts/dang-ky/",
        registration(
            applicant_type="2",
            personal_id="",
            organization_name="Công ty TNHH Hạ Long",
            tax_code="5700100256",
        ),
    )
    assert response.status_code == 302
    user = User.objects.get()
    assert user.applicant_type == 2 and user.tax_code == "5700100256" and user.personal_id == ""


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"personal_id": "12345"}, "personal_id"),
        ({"personal_id": "999190001234"}, "personal_id"),  # not a province code
        ({"personal_id": ""}, "personal_id"),
        ({"email": "", "phone": ""}, "phone"),
        ({"phone": "12345"}, "phone"),
        ({"password2": "khac-hoan-toan-1"}, "password2"),
        ({"password1": "12345678", "password2": "12345678"}, "password1"),
        ({"applicant_type": "2", "personal_id": "", "tax_code": "12"}, "tax_code"),
    ],
)
def test_bad_input_is_explained_and_typed_values_are_kept(client, changes, field):
    response = client.post("/accounts/dang-ky/", registration(**changes))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert "Nguyễn Thị Lan" in response.content.decode()  # nothing typed is lost
    assert not User.objects.exists()


def test_duplicates_are_refused(client):
    client.post("/accounts/dang-ky/", registration())
    client.logout()
    again = client.post("/accounts/dang-ky/", registration(email="lan@example.vn", phone="0912 345 678"))
    errors = again.context["form"].errors
    assert {"email", "phone", "personal_id"} <= set(errors)
    assert User.objects.count() == 1


@pytest.mark.parametrize("login", ["lan@example.vn", "LAN@EXAMPLE.VN", "0912345678", "+84912345678", "lan"])
def test_sign_in_with_email_phone_or_username(client, login):
    User.objects.create_user("lan", password=PASSWORD, email="lan@example.vn", phone="0912345678")
    response = client.post("/accounts/login/", {"username": login, "password": PASSWORD})
    assert response.status_code == 302, login


def test_repeated_failures_lock_the_login_then_it_opens_again(client):
    User.objects.create_user("lan", password=PASSWORD, phone="0912345678")
    start = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
    with freeze_time(start) as clock:
        for _ in range(throttle.IDENTIFIER_LIMIT):
            response = client.post("/accounts/login/", {"username": "0912345678", "password": "sai"})
            assert response.status_code == 200
            clock.tick(timedelta(seconds=10))
        locked = client.post("/accounts/login/", {"username": "0912345678", "password": PASSWORD})
        assert locked.status_code == 200 and not locked.wsgi_request.user.is_authenticated
        assert "09:15" in locked.content.decode()  # the time to try again (Việt Nam time)
        clock.move_to(start + throttle.WINDOW + timedelta(minutes=1))
        opened = client.post("/accounts/login/", {"username": "0912345678", "password": PASSWORD})
        assert opened.status_code == 302
    assert not LoginAttempt.objects.exists()  # cleared on success


def test_retry_rule():
    now = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    minute = timedelta(minutes=1)
    assert throttle.retry_at([now - minute] * 4, now, limit=5) is None
    failures = [now - 5 * minute, now - 4 * minute, now - 3 * minute, now - 2 * minute, now - minute]
    assert throttle.retry_at(failures, now, limit=5) == now - 5 * minute + throttle.WINDOW
    old = [now - throttle.WINDOW - minute] * 10
    assert throttle.retry_at(old, now, limit=5) is None


def test_password_reset_by_email_works_once(client):
    user = User.objects.create_user("lan", password=PASSWORD, email="lan@example.vn")
    response = client.post("/accounts/quen-mat-khau/", {"email": "lan@example.vn"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/dat-lai-mat-khau/" in line)
    path = link.split("://", 1)[1].split("/", 1)[1]
    form = client.get("/" + path, follow=True)
    assert form.status_code == 200 and form.context["validlink"]
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": "Moi-hon-2026!", "new_password2": "Moi-hon-2026!"}
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Moi-hon-2026!")
    reused = client.get("/" + path, follow=True)
    assert not reused.context["validlink"]


@pytest.mark.django_db
def test_signing_out_returns_to_the_portal(client):
    User.objects.create_user("lan", password=PASSWORD)
    client.post("/accounts/login/", {"username": "lan", "password": PASSWORD})
    response = client.post("/accounts/logout/")
    assert response.status_code == 302 and response["Location"] == "/"
