"""The postal fee (postal.tariff): a province-wide tariff, quoted at the delivery step, on the summary and
the dossier pages, and carried to the shipment as its postal fee and cash-on-delivery amount."""

import pytest
from django.urls import reverse

from dossiers import submission
from dossiers.models import Dossier
from portal.tests.test_submission_pages import QUANG_NINH, browser, citizen, draft, procedure, url  # noqa: F401
from postal.orders import receiver_block
from postal.services import create_shipment
from postal.tariff import Tariff, postal_fee

# The pages are read in English (the source strings).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
HA_NOI, HOAN_KIEM = 1, 70  # the agency of conftest's ``counter`` is in Hà Nội
AN_SINH = 7090  # a ward of Quảng Ninh


@pytest.fixture(autouse=True)
def _tariff(settings):
    settings.MOTCUA_POSTAL_FEE_WITHIN_PROVINCE = 22_000
    settings.MOTCUA_POSTAL_FEE_OTHER_PROVINCE = 38_000


@pytest.mark.parametrize(
    ("sender", "receiver", "fee"),
    [(1, 1, 22_000), (1, 22, 38_000), (None, 22, 22_000), (1, None, 22_000)],
)
def test_the_tariff_charges_by_the_province_of_the_address(sender, receiver, fee):
    assert Tariff(within_province=22_000, other_province=38_000).fee(sender, receiver) == fee


def post_to_quang_ninh(dossier):
    structured = {"province_code": QUANG_NINH, "ward_code": AN_SINH, "street": "Số 5 Lê Thánh Tông"}
    form_data = {**(dossier.form_data or {}), submission.DELIVERY_ADDRESS_KEY: structured}
    Dossier.objects.filter(pk=dossier.pk).update(form_data=form_data)
    dossier.refresh_from_db()
    return dossier


def test_the_fee_and_the_order_use_the_delivery_address_chosen(by_post):
    assert postal_fee(by_post) == 22_000  # no address chosen: the applicant's own, in Hà Nội
    assert (receiver_block(by_post)["province_code"], receiver_block(by_post)["ward_code"]) == (
        HA_NOI,
        HOAN_KIEM,
    )

    dossier = post_to_quang_ninh(by_post)

    assert postal_fee(dossier) == 38_000
    assert (receiver_block(dossier)["province_code"], receiver_block(dossier)["ward_code"]) == (
        QUANG_NINH,
        AN_SINH,
    )


def test_no_fee_when_the_result_is_not_posted(by_post):
    Dossier.objects.filter(pk=by_post.pk).update(result_delivery="counter")
    by_post.refresh_from_db()
    assert postal_fee(by_post) is None


def test_the_shipment_carries_the_fee_collected_on_delivery(by_post, counter):
    shipment = create_shipment(post_to_quang_ninh(by_post), counter)

    assert (shipment.postal_fee, shipment.cod_amount) == (38_000, 38_000)
    assert (shipment.order.payload["postal_fee"], shipment.order.payload["cod_amount"]) == (38_000, 38_000)
    assert shipment.receiver["province_code"] == QUANG_NINH


def test_the_officer_may_change_the_amounts(by_post, counter):
    shipment = create_shipment(by_post, counter, cod_amount=0, postal_fee=30_000)
    assert (shipment.postal_fee, shipment.cod_amount) == (30_000, 0)


def test_the_officers_page_shows_the_fee_and_offers_it_in_the_shipment_form(client, by_post, counter):
    client.force_login(counter)
    page = client.get(reverse("backoffice:dossier", args=[by_post.code])).content.decode()

    assert '<dd id="postal-fee">22.000 ₫, paid to the postman on delivery</dd>' in page
    assert 'name="postal_fee" value="22000"' in page and 'name="cod_amount" value="22000"' in page


def test_the_citizens_dossier_page_shows_the_fee(client, by_post, owner):
    client.force_login(owner)
    page = client.get(reverse("portal:my_dossier", args=[by_post.pk])).content.decode()
    assert '<dd id="postal-fee">22.000 ₫, paid to the postman on delivery</dd>' in page


def test_the_delivery_step_shows_the_tariff_and_the_summary_the_fee(browser, draft):  # noqa: F811
    page = browser.get(url("portal:draft_delivery", draft)).content.decode()
    assert (
        "Postal fee: 22.000 ₫ to an address in the agency's province, 38.000 ₫ elsewhere, "
        "paid to the postman on delivery." in page
    )
    draft.agency.province_code = HA_NOI
    draft.agency.save()
    response = browser.post(
        url("portal:draft_delivery", draft),
        {
            "result_delivery": "post",
            "delivery_province": str(QUANG_NINH),
            "delivery_ward": str(AN_SINH),
            "delivery_street": "Số 5 Lê Thánh Tông",
        },
    )
    assert response.status_code == 302

    summary = browser.get(url("portal:draft_summary", draft)).content.decode()
    assert '<dd id="postal-fee">38.000 ₫, paid to the postman on delivery</dd>' in summary
