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
