"""A paper dossier that came by post (channel 3) is received with the post's item number on its envelope:
the counter's page and API ask for it, check it, keep it, and the dossier page and the receipt show it."""

import shutil
import subprocess

import pytest
from django.urls import reverse

from backoffice.tests.test_back_office_flows import reception_data
from dossiers.documents import receipt_pdf
from dossiers.domain.errors import DomainError
from dossiers.models import Dossier
from dossiers.services import Applicant, Reception, receive_at_counter
from dossiers.tests.test_api import bearer, reception_body

# The messages are read in English (the source strings).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
NUMBER = "EE123456785VN"  # S10: 11 − (1·8 + 2·6 + 3·4 + 4·2 + 5·3 + 6·5 + 7·9 + 8·7) mod 11 = 5


def ticked(procedure):
    return {f"component_{c.pk}": "on" for c in procedure.components.all()}


def test_the_counter_page_receives_a_postal_dossier_with_its_item_number(
    client, counter, procedure, tmp_path
):
    client.force_login(counter)
    data = reception_data(procedure, channel=3, tracking_number=" ee 1234 5678 5vn ", **ticked(procedure))
    response = client.post(reverse("backoffice:receive"), data)

    dossier = Dossier.objects.get()
    assert response.status_code == 302
    assert (dossier.channel, dossier.postal_tracking_number) == (3, NUMBER)
    page = client.get(reverse("backoffice:dossier", args=[dossier.code])).content.decode()
    assert f'<span class="code">{NUMBER}</span>' in page
    if shutil.which("pdftotext"):
        (tmp_path / "r.pdf").write_bytes(receipt_pdf(dossier))
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(tmp_path / "r.pdf"), "-"], capture_output=True, check=True
        ).stdout.decode()
        assert f"Qua dịch vụ bưu chính công ích (số hiệu bưu gửi {NUMBER})" in " ".join(text.split())


@pytest.mark.parametrize(
    ("channel", "number", "message"),
    [
        (3, "", "Write the post&#x27;s item number of the envelope the dossier came in."),
        (3, "EE12345678VN", "Write the post&#x27;s item number: two letters, nine digits and VN"),
        (3, "EE123456786VN", "The last digit of EE123456786VN does not match"),
        (1, NUMBER, "Only a dossier received by post has a postal item number."),
    ],
)
def test_the_counter_page_refuses_a_missing_or_wrong_number(
    client, counter, procedure, channel, number, message
):
    client.force_login(counter)
    data = reception_data(procedure, channel=channel, tracking_number=number, **ticked(procedure))
    response = client.post(reverse("backoffice:receive"), data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Dossier.objects.exists()


def test_the_api_receives_a_postal_dossier_with_its_item_number(client, counter, procedure):
    body = {**reception_body(procedure), "channel": 3, "tracking_number": NUMBER}
    response = client.post("/api/v1/dossiers", body, "application/json", **bearer(counter))

    assert response.status_code == 201, response.content
    assert (response.json()["channel"], response.json()["postal_tracking_number"]) == (3, NUMBER)
    assert Dossier.objects.get().postal_tracking_number == NUMBER


def test_the_api_refuses_a_postal_dossier_without_a_valid_number(client, counter, procedure):
    body = {**reception_body(procedure), "channel": 3, "tracking_number": "EE123456786VN"}
    response = client.post("/api/v1/dossiers", body, "application/json", **bearer(counter))

    assert response.status_code == 422
    message = "The last digit of EE123456786VN does not match: check the item number on the envelope."
    assert response.json()["errors"] == [{"field": "tracking_number", "message": message}]
    assert not Dossier.objects.exists()


def test_the_service_keeps_a_number_only_for_a_postal_dossier(counter, procedure):
    applicant = Applicant(name="Trần Văn Bình", id_number="022090001234")
    with pytest.raises(DomainError, match="Only a dossier received by post"):
        receive_at_counter(
            counter, Reception(procedure=procedure, applicant=applicant, tracking_number=NUMBER)
        )
    # History imported without numbers is still received (the page and the API require one).
    dossier = receive_at_counter(counter, Reception(procedure=procedure, applicant=applicant, channel=3))
    assert dossier.postal_tracking_number == ""
