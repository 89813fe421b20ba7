"""Sign-in with the national identity (OpenID Connect) against a real provider on a loopback port."""

import pytest
import requests
from django.contrib.messages import get_messages
from django.urls import reverse

from accounts.models import User
from accounts.tests.oidc_provider import FakeProvider
from core.roles import Role

pytestmark = pytest.mark.django_db

PERSONAL_ID = "022190001234"
CLAIMS = {
    "sub": "vneid-42",
    "personal_id": PERSONAL_ID,
    "family_name": "Nguyễn Thị",
    "given_name": "Lan",
    "email": "lan@example.vn",
    "email_verified": True,
    "phone_number": "+84 912 345 678",
}


@pytest.fixture
def provider(settings):
    with FakeProvider() as provider:
        for name, value in provider.settings().items():
            setattr(settings, name, value)
        provider.claims = dict(CLAIMS)
        yield provider


def start(client, next_url=None):
    """Open the sign-in link; returns the provider's redirect back to the portal."""
    query = {"next": next_url} if next_url else {}
    to_provider = client.get(reverse("accounts:national_identity"), query)
    assert to_provider.status_code == 302
    back = requests.get(to_provider["Location"], allow_redirects=False, timeout=5)
    assert back.status_code == 302
    return back.headers["Location"].removeprefix("http://testserver")


def sign_in(client, next_url=None):
    return client.get(start(client, next_url))


def signed_in_user(client):
    return client.get(reverse("portal:my_dossiers")).wsgi_request.user


def flash(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_off_without_a_client_id(client):
    assert client.get(reverse("accounts:national_identity")).status_code == 404
    assert client.get(reverse("accounts:national_identity_callback")).status_code == 404
    assert reverse("accounts:national_identity").encode() not in client.get(reverse("accounts:login")).content


def test_sign_in_pages_offer_the_provider(client, provider):
    for page in ("accounts:login", "accounts:register"):
        content = client.get(reverse(page), {"next": "/ho-so-cua-toi/"}).content.decode()
        assert f'href="{reverse("accounts:national_identity")}?next=/ho-so-cua-toi/"' in content
        assert "VNeID" in content


def test_first_sign_in_creates_a_citizen_account_from_the_claims(client, provider):
    response = sign_in(client, next_url="/ho-so-cua-toi/")
    assert response.status_code == 302 and response["Location"] == "/ho-so-cua-toi/"
    user = User.objects.get(personal_id=PERSONAL_ID)
    assert user.role == Role.CITIZEN and user.get_full_name() == "Nguyễn Thị Lan"
    assert (user.email, user.phone) == ("lan@example.vn", "0912345678")
    assert not user.has_usable_password()
    assert user.contact_confirmed  # verified by the national identity: no code to type
    assert signed_in_user(client) == user


def test_an_unconfirmed_registered_account_is_confirmed_by_the_national_identity(client, provider):
    User.objects.create_user(username="lan", personal_id=PERSONAL_ID, contact_confirmed_at=None)
    sign_in(client)
    assert User.objects.get(personal_id=PERSONAL_ID).contact_confirmed


def test_the_next_sign_in_uses_the_same_account_and_keeps_what_the_citizen_set(client, provider):
    registered = User.objects.create_user(
        username="lan", password="secret-pass-123", personal_id=PERSONAL_ID, first_name="Lan", phone=""
    )
    registered.email = "rieng@example.vn"
    registered.save()
    sign_in(client)
    client.logout()
    sign_in(client)
    assert User.objects.filter(personal_id=PERSONAL_ID).count() == 1
    registered.refresh_from_db()
    assert registered.email == "rieng@example.vn" and registered.first_name == "Lan"
    assert registered.phone == "0912345678"  # was empty: filled in from the provider
    assert registered.check_password("secret-pass-123")
    assert signed_in_user(client) == registered


def test_contact_details_of_another_account_are_not_taken(client, provider):
    User.objects.create_user(username="other", email="LAN@example.vn", phone="0912345678")
    sign_in(client)
    user = User.objects.get(personal_id=PERSONAL_ID)
    assert (user.email, user.phone) == ("", "")


def test_unverified_email_is_not_taken(client, provider):
    provider.claims["email_verified"] = False
    sign_in(client)
    assert User.objects.get(personal_id=PERSONAL_ID).email == ""


@pytest.mark.parametrize(
    ("claims", "fragment"),
    [
        ({"personal_id": None}, "không chia sẻ số định danh cá nhân"),
        ({"personal_id": "12345"}, "có đúng 12 chữ số"),
        ({"personal_id": "999190001234"}, "không phải là mã tỉnh"),
    ],
)
def test_without_a_valid_personal_id_nobody_is_signed_in(client, provider, claims, fragment):
    provider.claims.update(claims)
    response = sign_in(client)
    assert response["Location"] == reverse("accounts:login")
    assert not User.objects.exists()
    assert not signed_in_user(client).is_authenticated
    [message] = flash(response)
    assert fragment in message, message


def test_an_officers_account_is_not_reached(client, provider):
    User.objects.create_user(username="canbo", personal_id=PERSONAL_ID, role=Role.SPECIALIST)
    response = sign_in(client)
    assert response["Location"] == reverse("accounts:login")
    assert "tài khoản công vụ" in flash(response)[0]
    assert not signed_in_user(client).is_authenticated
    assert User.objects.count() == 1


def test_a_token_issued_to_another_client_is_refused(client, provider):
    provider.audience = "another-portal"
    response = sign_in(client)
    assert response["Location"] == reverse("accounts:login")
    assert not User.objects.exists() and not signed_in_user(client).is_authenticated


def test_a_replayed_callback_signs_nobody_in(client, provider):
    back = start(client)
    assert client.get(back).status_code == 302
    client.logout()
    replay = client.get(back)
    assert replay.status_code == 302 and replay["Location"] == reverse("accounts:login")
    assert not signed_in_user(client).is_authenticated


def test_a_callback_from_another_browser_is_refused(client, provider):
    back = start(client)
    from django.test import Client

    stranger = Client()
    response = stranger.get(back)
    assert response["Location"] == reverse("accounts:login")
    assert not signed_in_user(stranger).is_authenticated


def test_cancelling_at_the_provider_says_so(client, provider):
    client.get(reverse("accounts:national_identity"))
    response = client.get(reverse("accounts:national_identity_callback"), {"error": "access_denied"})
    assert response["Location"] == reverse("accounts:login")
    assert "đã bị hủy" in flash(response)[0]


def test_an_unreachable_provider_is_explained(client, provider, settings):
    back = start(client)
    settings.OIDC_OP_TOKEN_ENDPOINT = "http://127.0.0.1:9/token"  # nothing listens on the discard port
    response = client.get(back)
    assert response["Location"] == reverse("accounts:login")
    assert "không kết nối được" in flash(response)[0]


def test_next_outside_the_portal_is_ignored(client, provider):
    response = sign_in(client, next_url="https://evil.example/")
    assert response.status_code == 302 and response["Location"] == reverse("portal:home")


def test_two_simultaneous_first_sign_ins_end_in_one_account(client, provider, monkeypatch):
    from accounts.national_identity import NationalIdentityBackend

    original = NationalIdentityBackend.filter_users_by_claims

    def too_late(self, claims):
        found = original(self, claims)
        if not found:  # the other sign-in creates the account right after this one looked
            User.objects.create_user(username="first", personal_id=PERSONAL_ID)
        return found

    monkeypatch.setattr(NationalIdentityBackend, "filter_users_by_claims", too_late)
    sign_in(client)
    assert User.objects.filter(personal_id=PERSONAL_ID).count() == 1
    assert signed_in_user(client).username == "first"
