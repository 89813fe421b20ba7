"""The citizen's online submission and the counter's reception walked with the keyboard only.

Tab moves, Enter follows links and submits, Space ticks, opens the file chooser and picks a radio
button; text is typed, and a select takes its own arrow keys. At every stop of the Tab key the
focused element must show a visible focus indicator (WCAG 2.4.7): an outline or a ring.
"""

import pytest

from core.roles import Role
from documents.tests.samples import MINIMAL_PDF
from dossiers.models import Dossier
from dossiers.tests.factories import OfficerFactory
from dossiers.tests.test_submission import citizen, procedure  # noqa: F401  (fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "secret-pass-123"

_FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {visible: false, what: "body"};
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const ring = style.boxShadow && style.boxShadow !== "none";
  const box = el.getBoundingClientRect();
  return {
    visible: (outline || ring) && box.width > 0 && box.height > 0,
    what: el.tagName + (el.id ? "#" + el.id : "") + (el.name ? "[" + el.name + "]" : "") + " " +
      (el.textContent || "").trim().slice(0, 40),
  };
}"""


def tab_to(page, selector: str, *, limit: int = 120) -> None:
    """Press Tab until ``selector`` has the focus (unless it has it already, e.g. autofocus), checking the
    focus is visible at every stop. Past the last element the focus leaves the page for the browser's
    own controls (the body is then the active element) before coming round again."""
    focused = "(selector) => document.activeElement.matches(selector)"
    if page.evaluate(focused, selector):
        return
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = page.evaluate(_FOCUS)
        if focus["what"] == "body":
            continue
        assert focus["visible"], f"focus not visible on {focus['what']} (looking for {selector})"
        if page.evaluate(focused, selector):
            return
    raise AssertionError(f"{selector} never got the focus in {limit} presses of Tab")


def press_and_wait(page, key: str) -> None:
    with page.expect_navigation():
        page.keyboard.press(key)
    page.wait_for_load_state()


def sign_in(page, base: str, username: str, next_path: str) -> None:
    page.goto(f"{base}/accounts/login/?next={next_path}")
    tab_to(page, "#id_username")
    page.keyboard.type(username)
    tab_to(page, "#id_password")
    page.keyboard.type(PASSWORD)
    press_and_wait(page, "Enter")


def choose_file(page, selector: str, name: str) -> None:
    """Space on the focused file input opens the chooser. Playwright starts intercepting the chooser
    without waiting for the browser to confirm it (``setFileChooserInterceptedNoReply``), so on a loaded
    machine the first press can beat it and open the native one unseen: press again, still focused."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    tab_to(page, selector)
    for attempt in range(3):
        try:
            with page.expect_file_chooser(timeout=5000 * (attempt + 1)) as chooser:
                page.keyboard.press("Space")
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
    chooser.value.set_files(files=[{"name": name, "mimeType": "application/pdf", "buffer": MINIMAL_PDF}])


def test_a_citizen_submits_online_with_the_keyboard_only(live_server, new_page, procedure):  # noqa: F811
    applicant = citizen()
    page = new_page()
    base = live_server.url
    sign_in(page, base, applicant.username, f"/nop-ho-so/{procedure.code}/")

    tab_to(page, "main form button.button--large")  # start a new online dossier
    press_and_wait(page, "Enter")
    assert "/thong-tin/" in page.url

    tab_to(page, "[name=eform_birth_date]")
    page.keyboard.type("25031990")  # as a phone keypad types it
    tab_to(page, "[name=eform_kind]")
    page.keyboard.press("Space")  # the first choice, "Phiếu số 1"
    tab_to(page, "[name=eform_birth_date]", limit=200)  # round again, then Enter in a field
    press_and_wait(page, "Enter")
    assert "/giay-to/" in page.url, page.inner_text("main")

    required = procedure.components.get(required=True)
    choose_file(page, f"#component-{required.pk}-input", "to-khai.pdf")
    tab_to(page, f"#component-{required.pk} form.upload-form button[type=submit]")
    press_and_wait(page, "Enter")
    assert "to-khai.pdf" in page.inner_text(f"#component-{required.pk}")
    tab_to(page, "main .form-actions a.button")
    press_and_wait(page, "Enter")

    tab_to(page, "[name=result_delivery]")
    page.keyboard.press("Space")
    press_and_wait(page, "Enter")
    assert "/kiem-tra/" in page.url, page.inner_text("main")

    tab_to(page, "main form button.button--large")  # submit the dossier
    press_and_wait(page, "Enter")
    dossier = Dossier.objects.exclude(code=None).get()
    assert dossier.code in page.inner_text("main")
    assert dossier.form_data["kind"] == "Phiếu số 1" and dossier.form_data["birth_date"] == "1990-03-25"


def test_the_counter_receives_a_dossier_with_the_keyboard_only(live_server, new_page, procedure):  # noqa: F811
    counter = OfficerFactory(username="tiepnhan", role=Role.COUNTER_OFFICER, agency=procedure.agencies.get())
    page = new_page()
    base = live_server.url
    sign_in(page, base, counter.username, "/can-bo/tiep-nhan/")
    assert "/can-bo/tiep-nhan/" in page.url

    tab_to(page, "#id_procedure")
    page.keyboard.press("ArrowDown")  # a select's own keys: the first procedure after "---------"
    page.wait_for_selector("#components fieldset")  # the checklist follows (htmx)
    required = procedure.components.get(required=True)
    tab_to(page, f"#id_component_{required.pk}")
    page.keyboard.press("Space")
    choose_file(page, f"#id_scans_{required.pk}", "don.pdf")
    tab_to(page, "#id_applicant_name")
    page.keyboard.type("Trần Văn Bình")
    tab_to(page, "#id_id_number")
    page.keyboard.type("022301004567")
    tab_to(page, "#id_phone")
    page.keyboard.type("0987654321")
    tab_to(page, "form button.button:not(.button--secondary)[type=submit]")
    press_and_wait(page, "Enter")

    dossier = Dossier.objects.get(applicant_name="Trần Văn Bình")
    assert dossier.code and dossier.state == "received", page.inner_text("main")
    assert dossier.files.filter(component=required).count() == 1
