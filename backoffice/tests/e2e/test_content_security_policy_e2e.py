"""The Content-Security-Policy holds on every main page, as each kind of person opens them in Chromium.

The shared ``new_page`` fixture fails a test on any violation the browser reports (an inline script,
an inline style without the nonce, a foreign source); here every main page is opened on purpose, and
the scripts it relies on are checked to have run (htmx loaded, the small enhancement script applied).
"""

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache

from catalog.tests.factories import procedure_with_details
from core.roles import Role
from dossiers.tests.factories import OfficerFactory, received_dossier
from dossiers.tests.test_submission import citizen
from portal.tests.e2e.test_catalog_e2e import check_accessibility

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _signed_in(new_page, live_server, username, password="secret-pass-123"):
    page = new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    return page


def _visit(page, url):
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    assert response.status < 400, (url, response.status)
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy, url
    assert page.evaluate("typeof window.htmx") == "object", f"htmx did not load on {url}"


def test_no_page_breaks_the_policy(live_server, new_page, csp_violations):
    cache.clear()  # the look-up's per-address limit, spent by earlier tests of this process
    counter = OfficerFactory(username="tiepnhan", role=Role.COUNTER_OFFICER)
    procedure = procedure_with_details(service_level=4, agencies=[counter.agency])
    dossier = received_dossier(counter, procedure)
    applicant = citizen()
    base = live_server.url

    anonymous = new_page()
    for path in (
        "/",
        "/thu-tuc/",
        f"/thu-tuc/{procedure.code}/",
        "/tra-cuu/",
        f"/tra-cuu/?ma={dossier.code}",
        "/accounts/login/",
        "/accounts/dang-ky/",
    ):
        _visit(anonymous, base + path)
    anonymous.goto(f"{base}/tra-cuu/?ma={dossier.code}")  # as from the receipt's QR code
    assert anonymous.locator("#lookup-ma").input_value() == dossier.code
    assert anonymous.locator(".error-summary").count() == 0  # nothing refused before a try
    anonymous.fill("#lookup-so", "022301004567")
    anonymous.locator("main form.lookup-form button[type=submit]").click()
    anonymous.wait_for_load_state("networkidle")
    assert "022301004567" not in anonymous.url  # the identifier travels in the POST only
    assert dossier.procedure.name in anonymous.inner_text("main")
    check_accessibility(anonymous, "look-up page with a result")
    # The filter panel is opened on a wide screen by the static script, not by an inline one.
    anonymous.goto(base + "/thu-tuc/")
    assert anonymous.locator("#more-filters").get_attribute("open") is not None

    person = _signed_in(new_page, live_server, applicant.username)
    for path in ("/ho-so-cua-toi/", "/accounts/tai-khoan/", f"/nop-ho-so/{procedure.code}/"):
        _visit(person, base + path)

    office = _signed_in(new_page, live_server, "tiepnhan")
    for path in ("/can-bo/", "/can-bo/tiep-nhan/", f"/can-bo/ho-so/{dossier.code}/", "/can-bo/so-theo-doi/"):
        _visit(office, base + path)
    office.goto(f"{base}/can-bo/ho-so/{dossier.code}/")
    check_accessibility(office, "officer's dossier page")
    # The "show the components" button only serves browsers without JavaScript: the script removed it.
    office.goto(base + "/can-bo/tiep-nhan/")
    assert office.locator("[data-no-js]").count() == 0

    keeper = OfficerFactory(username="danhmuc", role=Role.CATALOG_OFFICER, is_staff=True)
    keeper.user_permissions.add(*Permission.objects.filter(content_type__app_label="catalog"))
    admin = _signed_in(new_page, live_server, "danhmuc")
    for path in ("/admin/", f"/admin/catalog/procedure/{procedure.pk}/change/"):
        response = admin.goto(base + path)
        admin.wait_for_load_state("networkidle")
        assert response.status == 200, path
    assert csp_violations == []
