"""A result returned by post, in Chromium: the counter officer creates the shipment and prints its label,
the states arrive (entered by hand, then the carrier's signed webhook), the applicant follows them on
their timeline, and "delivered" closes the dossier as returned."""

import hashlib
import hmac
import json

import pytest

from backoffice.tests.e2e.test_one_stop_flow_e2e import sign_in
from documents.tests.pdf_text import pdf_text
from dossiers.domain.lifecycle import State
from dossiers.models import Dossier
from portal.tests.e2e.conftest import shot, shot_of_pdf
from postal.models import Shipment

from ..conftest import RECEIVER

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SECRET = "bi-mat-chung-cua-buu-dien"  # postal/tests/conftest.py's MOTCUA_POSTAL_WEBHOOK_SECRET


def test_a_result_returned_by_post(
    live_server, new_page, by_post_through_the_steps, counter, owner, tmp_path
):
    by_post = by_post_through_the_steps
    counter.username = "tiepnhan"
    counter.save()
    page = sign_in(new_page, live_server, "tiepnhan")
    page.goto(f"{live_server.url}/can-bo/ho-so/{by_post.code}/")

    create = page.locator(f"form[action$='/ho-so/{by_post.code}/buu-gui/']")
    # The tariff's postal fee (within the province), collected on delivery, is offered.
    assert create.locator("input[name=postal_fee]").input_value() == "25000"
    assert create.locator("input[name=cod_amount]").input_value() == "25000"
    assert "25.000 ₫" in page.locator("#postal-fee").inner_text()
    create.scroll_into_view_if_needed()
    shot(page, "backoffice-shipment-form-desktop")
    create.locator("input[name=cod_amount]").fill("0")
    create.locator("button[type=submit]").click()
    page.wait_for_load_state()

    shipment = Shipment.objects.get(dossier=by_post)
    section = page.locator("#postal")
    assert shipment.order_number in section.inner_text()
    label_link = section.locator("a[href$='/nhan.pdf']")
    label = page.request.get(live_server.url + label_link.get_attribute("href"))
    assert label.ok and label.headers["content-type"] == "application/pdf"
    text = pdf_text(label.body(), tmp_path)
    assert RECEIVER in text and shipment.order_number in text
    shot_of_pdf(new_page(), label.body(), "backoffice-shipment-label", tmp_path)

    section.locator("details > summary").click()
    section.locator("select[name=state]").select_option("in_transit")
    section.locator("input[name=note]").fill("Đã gửi tại bưu cục Hoàn Kiếm")
    section.locator("form[action*='/buu-gui/'] button[type=submit]").click()
    page.wait_for_load_state()
    assert Shipment.objects.get(pk=shipment.pk).state == "in_transit"
    shot(page, "backoffice-shipment-desktop")

    # The carrier reports the delivery to its webhook, signed.
    body = json.dumps({"order_number": shipment.order_number, "state": "delivered", "note": "Người nhận ký"})
    signature = hmac.new(SECRET.encode(), body.encode(), hashlib.sha256).hexdigest()
    answer = page.request.post(
        f"{live_server.url}/buu-chinh/webhook/",
        data=body,
        headers={"Content-Type": "application/json", "X-Postal-Signature": signature},
    )
    assert answer.status == 200 and answer.json()["state"] == "delivered"
    assert Dossier.objects.get(pk=by_post.pk).state == State.RETURNED

    citizen_page = new_page()
    citizen_page.goto(f"{live_server.url}/accounts/login/?next=/ho-so-cua-toi/{by_post.pk}/")
    citizen_page.fill("#id_username", owner.username)
    citizen_page.fill("#id_password", "secret-pass-123")
    citizen_page.locator("main form button[type=submit]").click()
    citizen_page.wait_for_url(f"**/ho-so-cua-toi/{by_post.pk}/")
    timeline = citizen_page.locator("ol.timeline").inner_text()
    for state in ("created", "in_transit", "delivered"):
        assert shipment.events.filter(state=state).exists()
    assert timeline.count(shipment.order_number) == 3  # created, in transit, delivered
    shot(citizen_page, "portal-shipment-timeline-desktop")
