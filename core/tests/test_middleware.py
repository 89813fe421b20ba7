import pytest

from catalog.tests.factories import ProcedureFactory

pytestmark = pytest.mark.django_db


def test_pages_open_in_vietnamese_whatever_the_browser_says(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "vi"


def test_language_switch_still_chooses_english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert client.get("/").headers["Content-Language"] == "en"


def test_api_clients_choose_with_accept_language(client):
    ProcedureFactory(code="1.000321")
    response = client.get("/api/v1/procedures/9.999999", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["message"].startswith("There is no published procedure")


@pytest.mark.django_db
def test_an_api_answer_has_django_csps_policy_and_a_token_callers_one_is_not_cached(client):
    from csp.utils import build_policy

    from accounts.api_auth import issue_token
    from dossiers.tests.test_submission import citizen

    public = client.get("/api/v1/procedures")
    assert public["Content-Security-Policy"] == build_policy()
    assert "no-store" not in public.get("Cache-Control", "")
    _token, secret = issue_token(citizen(), "test")
    signed_in = client.get("/api/v1/me/dossiers", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert signed_in.status_code == 200 and "no-store" in signed_in["Cache-Control"]
    assert signed_in["Content-Security-Policy"] == build_policy()
