"""No main page scrolls sideways on a phone: 320, 360, 390 and 430 px wide, for the citizen and for the
officer, and none at 640 px with the text at 200 % (WCAG 1.4.10, reflow). Long codes wrap.

The measure is the document's scroll width: wider than the window means the reader must pan sideways
to read a line (on the receipt page that cut off the dossier code citizens are told to keep).
"""

import pytest
from django.core.cache import cache

from catalog.tests.factories import procedure_with_details
from core.roles import Role
from dossiers import submission
from dossiers.tests.factories import OfficerFactory, received_dossier
from dossiers.tests.test_submission import citizen, complete

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE_WIDTHS = (320, 360, 390, 430)
PASSWORD = "secret-pass-123"


def _sign_in(page, base, username):
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def _overflows(page, base, paths, width) -> list[str]:
    found = []
    for path in paths:
        response = page.goto(base + path)
        page.wait_for_load_state("networkidle")
        assert response.status < 400, (path, response.status)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            widest = page.evaluate(
                """(width) => [...document.querySelectorAll('main *, header *, footer *')]
                    .filter((el) => el.getBoundingClientRect().right > width + 1)
                    .slice(0, 3).map((el) => el.tagName + '.' + el.className + ' ' + Math.round(
                        el.getBoundingClientRect().right))""",
                width,
            )
            found.append(f"{path} at {width} px: {scroll_width} px wide ({widest})")
    return found


@pytest.fixture
def pages():
    cache.clear()  # the look-up's per-address limit
    counter = OfficerFactory(username="tiepnhan", role=Role.COUNTER_OFFICER)
    counter.set_password(PASSWORD)
    counter.save()
    procedure = procedure_with_details(
        service_level=4,
        agencies=[counter.agency],
        name="Cấp Giấy chứng nhận đủ điều kiện kinh doanh xăng dầu và các sản phẩm dầu mỏ khác theo quy định",
    )
    received = received_dossier(counter, procedure)
    applicant = citizen()
    draft = submission.start_draft(applicant, procedure)
    complete(draft, applicant)
    online = submission.submit(draft, applicant)
    second = submission.start_draft(applicant, procedure)
    anonymous = [
        "/",
        "/thu-tuc/",
        f"/thu-tuc/?q={procedure.name[:20]}",
        f"/thu-tuc/{procedure.code}/",
        f"/tra-cuu/?ma={received.code}",
        "/accounts/login/",
        "/accounts/dang-ky/",
    ]
    citizen_paths = [
        "/ho-so-cua-toi/",
        f"/ho-so-cua-toi/{online.pk}/",
        f"/ho-so-cua-toi/da-nop/{online.pk}/",
        f"/nop-ho-so/{procedure.code}/",
        f"/ho-so-cua-toi/nhap/{second.pk}/thong-tin/",
        f"/ho-so-cua-toi/nhap/{second.pk}/giay-to/",
        f"/ho-so-cua-toi/nhap/{second.pk}/nhan-ket-qua/",
        f"/ho-so-cua-toi/nhap/{second.pk}/kiem-tra/",
        "/accounts/tai-khoan/",
        "/tai-khoan/kho-du-lieu/",
    ]
    officer_paths = [
        "/can-bo/",
        "/can-bo/tiep-nhan/",
        f"/can-bo/ho-so/{received.code}/",
        f"/can-bo/ho-so/{online.code}/",
        "/can-bo/so-theo-doi/",
    ]
    return {
        "anonymous": (None, anonymous),
        "citizen": (applicant, citizen_paths),
        "officer": (counter, officer_paths),
    }


@pytest.mark.parametrize("who", ["anonymous", "citizen", "officer"])
def test_no_main_page_scrolls_sideways_on_a_phone(live_server, new_page, pages, who):
    user, paths = pages[who]
    overflowing = []
    for width in PHONE_WIDTHS:
        page = new_page(viewport={"width": width, "height": 800}, is_mobile=True, has_touch=True)
        if user is not None:
            _sign_in(page, live_server.url, user.username)
        overflowing += _overflows(page, live_server.url, paths, width)
    assert not overflowing, "\n".join(overflowing)


@pytest.mark.parametrize("who", ["anonymous", "citizen", "officer"])
def test_pages_reflow_at_640_px_with_the_text_at_200_percent(live_server, new_page, pages, who):
    user, paths = pages[who]
    page = new_page(viewport={"width": 640, "height": 800})
    page.add_init_script(
        "document.addEventListener('DOMContentLoaded', () => {"
        " document.documentElement.style.fontSize = '200%'; });"
    )
    if user is not None:
        _sign_in(page, live_server.url, user.username)
    assert not (overflowing := _overflows(page, live_server.url, paths, 640)), "\n".join(overflowing)
