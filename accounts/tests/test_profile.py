"""My account: contact details and address (prefilled into online dossiers), and personal API keys."""

import pytest
from django.urls import reverse

from accounts.models import ApiToken, User

pytestmark = pytest.mark.django_db
QUANG_NINH, AN_SINH = 22, 7090


@pytest.fixture
def citizen(client):
    user = User.objects.create_user(
        username="lan", password="secret-pass-123", first_name="Nguyễn Thị Lan", email="lan@example.vn"
    )
    client.force_login(user)
    return user


def details(**changes):
    values = {
        "full_name": "Nguyễn Thị Lan",
        "email": "lan@example.vn",
        "phone": "0912 345 678",
        "address_province": str(QUANG_NINH),
        "address_ward": str(AN_SINH),
        "address_street": "Tổ 3, khu 5",
    }
    values.update(changes)
    return values


def test_needs_sign_in(client):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_details_and_address_are_saved(client, citizen):
    response = client.post(reverse("accounts:profile"), details())
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert (citizen.phone, citizen.province_code, citizen.ward_code) == ("0912345678", QUANG_NINH, AN_SINH)
    assert citizen.street == "Tổ 3, khu 5"
    page = client.get(reverse("accounts:profile")).content.decode()
    assert f'<option value="{AN_SINH}" selected>' in page


def test_bad_input_is_explained_and_nothing_is_saved(client, citizen):
    User.objects.create_user(username="other", phone="0987654321")
    response = client.post(
        reverse("accounts:profile"), details(phone="0987654321", address_ward="1", email="not-an-email")
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'href="#id_phone"' in page and 'href="#id_address_ward"' in page and 'href="#id_email"' in page
    assert 'value="Tổ 3, khu 5"' in page  # what was typed is kept
    citizen.refresh_from_db()
    assert citizen.phone == "" and citizen.street == ""


def test_an_account_keeps_a_way_to_reach_it(client, citizen):
    response = client.post(reverse("accounts:profile"), details(email="", phone=""))
    assert response.status_code == 400
    citizen.refresh_from_db()
    assert citizen.email == "lan@example.vn"


def test_address_is_prefilled_into_a_new_online_dossier(client, citizen):
    from dossiers.submission import applicant_from_account

    client.post(reverse("accounts:profile"), details())
    citizen.refresh_from_db()
    applicant = applicant_from_account(citizen)
    assert (applicant.province_code, applicant.ward_code) == (QUANG_NINH, AN_SINH)


def test_a_key_is_shown_once_and_works_for_the_api(client, citizen):
    new_key = {"name": "Phần mềm kế toán", "valid_days": 30}
    response = client.post(reverse("accounts:api_token_create"), new_key)
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    secret = response.context["new_secret"]
    assert secret in response.content.decode()
    assert secret not in client.get(reverse("accounts:profile")).content.decode()
    token = ApiToken.objects.get(user=citizen)
    assert token.expires_at is not None and secret.startswith(token.prefix)
    api = client.__class__()
    assert api.get("/api/v1/me/dossiers", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200


def test_a_revoked_key_stops_working_and_others_keys_cannot_be_revoked(client, citizen):
    client.post(reverse("accounts:api_token_create"), {"name": "A", "valid_days": 30})
    token = ApiToken.objects.get(user=citizen)
    stranger = User.objects.create_user(username="stranger", password="secret-pass-123")
    other = client.__class__()
    other.force_login(stranger)
    assert other.post(reverse("accounts:api_token_revoke", args=[token.pk])).status_code == 404
    assert client.post(reverse("accounts:api_token_revoke", args=[token.pk])).status_code == 302
    assert not ApiToken.objects.exists()


def test_keys_are_limited(client, citizen):
    for number in range(5):
        client.post(reverse("accounts:api_token_create"), {"name": f"K{number}", "valid_days": 30})
    response = client.post(reverse("accounts:api_token_create"), {"name": "K6", "valid_days": 30})
    assert response.status_code == 400 and ApiToken.objects.count() == 5


def test_a_key_needs_a_name_and_a_known_validity(client, citizen):
    response = client.post(reverse("accounts:api_token_create"), {"name": "", "valid_days": 7})
    assert response.status_code == 400 and not ApiToken.objects.exists()


def test_one_person_one_account_even_when_two_registrations_race(client):
    from accounts.forms import RegistrationForm

    form = RegistrationForm(
        {
            "applicant_type": 1,
            "full_name": "Trần Văn Nam",
            "personal_id": "022090001234",
            "email": "nam@example.vn",
            "password1": "mat-khau-dai-123",
            "password2": "mat-khau-dai-123",
        }
    )
    assert form.is_valid(), form.errors
    User.objects.create_user(username="first", personal_id="022090001234")  # the other request won
    assert form.save() is None
    assert "personal_id" in form.errors and User.objects.count() == 1


@pytest.mark.parametrize(("role", "landing"), [("citizen", "/ho-so-cua-toi/"), ("specialist", "/can-bo/")])
def test_sign_in_without_next_lands_where_the_person_works(client, role, landing):
    from dossiers.tests.factories import OfficerFactory

    if role == "citizen":
        User.objects.create_user(username="lan2", password="secret-pass-123", email="lan2@example.vn")
        login = "lan2@example.vn"
    else:
        OfficerFactory(username="cv", role=role)
        login = "cv"
    response = client.post(reverse("accounts:login"), {"username": login, "password": "secret-pass-123"})
    assert response.status_code == 302 and response["Location"] == landing
    page = client.get(landing).content.decode()
    assert 'aria-current="page"' in page
