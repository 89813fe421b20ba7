"""On a phone, a citizen photographs a document page by page; the agency receives one PDF of it.

Three JPEG photos (made here: a red, a green and a blue page) are taken one after the other with the
camera input, previewed in order, one extra page is removed with the keyboard, and the pages are sent:
the dossier then holds ONE three-page PDF for that component, in the order taken, and the counter
officer's dossier page lists it.
"""

import io

import pikepdf
import pytest
from PIL import Image

from catalog.tests.factories import procedure_with_details
from core.roles import Role
from dossiers import submission
from dossiers.models import Dossier, DossierFile
from dossiers.tests.factories import OfficerFactory
from dossiers.tests.test_submission import citizen
from portal.tests.e2e.conftest import MOBILE, shot
from portal.tests.e2e.test_catalog_e2e import check_accessibility
from portal.tests.e2e.test_citizen_flow_e2e import officer_page, open_dossier, submit_main_form

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

COLOURS = {"red": (220, 30, 30), "green": (30, 160, 60), "blue": (30, 60, 200), "gray": (128, 128, 128)}


def camera_photo(name: str, colour: str) -> dict:
    """What a phone's camera hands the page: a portrait JPEG."""
    buffer = io.BytesIO()
    Image.new("RGB", (900, 1200), COLOURS[colour]).save(buffer, "JPEG", quality=85)
    return {"name": name, "mimeType": "image/jpeg", "buffer": buffer.getvalue()}


def announced(page, selector: str, count: int) -> str:
    """The polite live region's text once it says ``count`` pages (it is filled just after a change)."""
    page.wait_for_function(
        "([selector, count]) => document.querySelector(selector).textContent.includes(count)",
        arg=[selector, str(count)],
    )
    return page.locator(selector).inner_text()


def page_colours(content: bytes) -> list[tuple[int, int, int]]:
    with pikepdf.open(io.BytesIO(content)) as document:
        colours = []
        for page in document.pages:
            (image,) = page.get_images().values()
            picture = pikepdf.PdfImage(image).as_pil_image().convert("RGB")
            colours.append(picture.getpixel((picture.width // 2, picture.height // 2)))
        return colours


def near(pixel, colour, tolerance=30) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=True))


def test_three_photos_become_one_three_page_pdf_of_the_component(live_server, new_page):
    counter = OfficerFactory(username="tiepnhan", role=Role.COUNTER_OFFICER)
    procedure = procedure_with_details(agencies=[counter.agency], service_level=4)
    component = procedure.components.get(required=True)
    applicant = citizen()
    draft = submission.start_draft(applicant, procedure)
    key = submission.component_key(component)

    page = new_page(viewport=MOBILE)
    page.goto(f"{live_server.url}/accounts/login/?next=/ho-so-cua-toi/nhap/{draft.pk}/giay-to/")
    page.fill("#id_username", applicant.username)
    page.fill("#id_password", "secret-pass-123")
    submit_main_form(page)
    page.wait_for_url(f"**/ho-so-cua-toi/nhap/{draft.pk}/giay-to/")

    camera = page.locator(f"#{key}-photos")
    preview = page.locator(f"#{key}-photos-pages")
    assert camera.get_attribute("capture") == "environment"  # the script opens the back camera
    assert preview.is_hidden()
    # One page per use of the camera, as on a phone; each use adds to the earlier pages.
    for number, colour in enumerate(("red", "green", "blue", "gray"), start=1):
        camera.set_input_files(files=[camera_photo(f"IMG_000{number}.jpg", colour)])
    assert preview.locator("li").count() == 4
    assert page.evaluate(f"document.getElementById('{key}-photos').files.length") == 4
    assert announced(page, f"#{key}-photos-status", 4).endswith(": 4")

    # The fourth photo was a mistake: removed with the keyboard, the focus stays in the list.
    remove_fourth = preview.locator("li").nth(3).locator("button")
    remove_fourth.focus()
    page.keyboard.press("Enter")
    assert preview.locator("li").count() == 3
    assert page.evaluate("document.activeElement.classList.contains('capture__remove')")
    assert announced(page, f"#{key}-photos-status", 3).endswith(": 3")
    captions = preview.locator(".capture__caption").all_inner_texts()
    assert [caption[-1] for caption in captions] == ["1", "2", "3"]
    assert preview.locator("img").count() == 3
    assert page.evaluate(
        "[...document.querySelectorAll('.capture__thumbnail')].every(i => i.naturalWidth > 0)"
    )
    shot(page, "citizen-phone-capture-mobile")
    check_accessibility(page, "documents step with photographed pages")
    page.set_viewport_size({"width": 320, "height": 700})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.set_viewport_size(MOBILE)

    page.locator(f"#{key} form.upload-form button[type=submit]").click()
    page.wait_for_load_state()
    (stored,) = DossierFile.objects.filter(dossier=draft, component=component)
    assert stored.content_type == "application/pdf"
    assert stored.original_name == submission.photographed_name(component)
    with stored.file.open("rb") as handle:
        content = handle.read()
    colours = page_colours(content)
    assert len(colours) == 3
    assert [
        near(got, COLOURS[name]) for got, name in zip(colours, ("red", "green", "blue"), strict=True)
    ] == [
        True,
        True,
        True,
    ]
    assert stored.original_name in page.inner_text(f"#{key}")
    assert page.locator(f"#{key}-photos-pages li").count() == 0  # a new page: nothing left to send

    # The rest of the draft, then submit.
    page.locator("main .form-actions a.button").click()
    page.wait_for_load_state()
    page.check("[name=result_delivery][value=online]")
    submit_main_form(page)
    page.locator("main form button.button--large").click()
    page.wait_for_load_state()
    dossier = Dossier.objects.exclude(code=None).get(pk=draft.pk)

    officer = officer_page(new_page, live_server, "tiepnhan")
    open_dossier(officer, dossier.code)
    assert stored.original_name in officer.inner_text("main")
