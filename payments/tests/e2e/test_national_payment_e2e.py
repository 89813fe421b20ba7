"""A citizen pays through the fake national payment platform, clicked as a person clicks it: INIT, its
page with the receipt block, the callback over a real socket from the worker to the live server, and
the dossier proceeds."""

import pytest

from dossiers.domain.lifecycle import State
from dossiers.models import Dossier
from notifications.tests.worker import run_worker_once
from payments.models import Payment
from portal.tests.e2e.test_catalog_e2e import check_accessibility

from .test_payment_e2e import dossier_awaiting_fees_of_a_signed_in_citizen

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_citizen_pays_through_the_national_platform_and_the_dossier_proceeds(live_server, page, settings):
    settings.MOTCUA_PUBLIC_URL = live_server.url
    settings.MOTCUA_PAYMENT_GATEWAY = "national-sandbox"
    dossier = dossier_awaiting_fees_of_a_signed_in_citizen(live_server, page)

    page.locator("#pay-online").click()
    page.wait_for_url("**/thanh-toan/national-sandbox/pay/*/")
    assert page.locator("#sandbox-amount").inner_text() == "1.250.000 ₫"
    assert page.locator("#sandbox-dossier").inner_text() == dossier.code
    assert page.locator("#sandbox-fee-lines").inner_text() == "Phí thẩm định: 1.250.000 ₫"
    check_accessibility(page, "the national sandbox's payment page")
    page.locator("#outcome-success").check()
    page.locator("#ipn-now").check()
    page.locator("main form button[type=submit]").click()

    page.wait_for_url("**/thanh-toan/national-sandbox/ket-qua/?*")
    assert page.locator("#payment-result").get_attribute("data-state") == "pending"

    run_worker_once()  # the fake platform's server posts its callback to the portal, over HTTP

    page.reload()
    assert page.locator("#payment-result").get_attribute("data-state") == "paid"
    assert Payment.objects.get().gateway == "national-sandbox"
    assert Dossier.objects.get(pk=dossier.pk).state == State.RECEIVED
