"""A citizen pays a level-4 dossier's fees in the sandbox, clicked as a person clicks it: the IPN goes
over a real socket from the worker to the live server, and the dossier proceeds."""

import pytest
from django.urls import reverse

from catalog.tests.factories import procedure_with_details
from core.roles import Role
from dossiers.domain.lifecycle import Action, State
from dossiers.models import Dossier
from dossiers.services import perform
from dossiers.tests.factories import OfficerFactory, received_dossier
from dossiers.tests.test_submission import citizen
from notifications.tests.worker import run_worker_once
from payments.models import Payment
from portal.tests.e2e.conftest import shot
from portal.tests.e2e.test_catalog_e2e import check_accessibility

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def dossier_awaiting_fees_of_a_signed_in_citizen(live_server, page) -> Dossier:
    """A level-4 dossier whose fees (1.250.000 ₫) the counter asked; its applicant signed in, on its page."""
    counter = OfficerFactory(role=Role.COUNTER_OFFICER)
    procedure = procedure_with_details(agencies=[counter.agency], service_level=4)
    applicant = citizen()
    dossier = received_dossier(officer=counter, procedure=procedure)
    Dossier.objects.filter(pk=dossier.pk).update(applicant_user=applicant)
    dossier = perform(Dossier.objects.get(pk=dossier.pk), counter, Action.REQUEST_FEES)

    page.goto(f"{live_server.url}/accounts/login/?next=/ho-so-cua-toi/{dossier.pk}/")
    page.fill("#id_username", "congdan")
    page.fill("#id_password", "secret-pass-123")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/ho-so-cua-toi/{dossier.pk}/")
    assert "1.250.000 ₫" in page.locator("#thanh-toan").inner_text()
    return dossier


def test_a_citizen_pays_in_the_sandbox_comes_back_paid_and_the_dossier_proceeds(live_server, page, settings):
    settings.MOTCUA_PUBLIC_URL = live_server.url
    dossier = dossier_awaiting_fees_of_a_signed_in_citizen(live_server, page)
    shot(page, "payment-dossier-desktop")

    page.locator("#pay-online").click()
    page.wait_for_url("**/thanh-toan/sandbox/paymentv2/vpcpay.html?*")
    assert page.locator("#sandbox-amount").inner_text() == "1.250.000 ₫"
    check_accessibility(page, "the sandbox's payment page")
    shot(page, "payment-sandbox-desktop")
    page.locator("#outcome-success").check()
    page.locator("#ipn-now").check()
    page.locator("main form button[type=submit]").click()

    page.wait_for_url("**/thanh-toan/sandbox/ket-qua/?*")
    assert page.locator("#payment-result").get_attribute("data-state") == "pending"
    assert Payment.objects.get().state == "pending"  # the return itself marks nothing paid

    run_worker_once()  # the sandbox's server calls the portal's IPN, over HTTP

    page.reload()
    assert page.locator("#payment-result").get_attribute("data-state") == "paid"
    check_accessibility(page, "the payment's return page")
    shot(page, "payment-paid-desktop")
    with page.expect_download() as download:
        page.locator("#download-receipt").click()
    receipt = open(download.value.path(), "rb").read()  # noqa: SIM115 -- the download's own file
    assert receipt.startswith(b"%PDF") and b"/ByteRange" in receipt  # the e-receipt, sealed
    assert (
        download.value.suggested_filename.endswith(".pdf") and "bien-lai" in download.value.suggested_filename
    )
    assert Payment.objects.get().receipt_number.endswith(" 0000001")
    page.locator(f"main a[href='{reverse('portal:my_dossier', args=[dossier.pk])}']").click()
    page.wait_for_url(f"**/ho-so-cua-toi/{dossier.pk}/")
    assert page.locator("#thanh-toan [data-state='paid']").count() == 1
    assert page.locator("#pay-online").count() == 0
    assert page.locator("#thanh-toan a.download-receipt").count() == 1
    assert Dossier.objects.get(pk=dossier.pk).state == State.RECEIVED
