"""Chromium through Playwright's sync API, for the end-to-end tests.

Uses Debian's /usr/bin/chromium (never `playwright install`); the tests are skipped when it is missing.
"""

import base64
import os
import subprocess
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API runs an event loop in this thread while it is started, so Django would
    # refuse the tests' own ORM calls (creating data, flushing the database) as "async unsafe".
    # Allow them only while the browser is up: module scope stops it before other tests run.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


# Reports every Content-Security-Policy violation of the page to the console, where the fixture
# collects it (Playwright injects this before any of the page's own scripts, whatever the policy).
_REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture
def csp_violations():
    """What the pages opened by ``new_page`` reported as Content-Security-Policy violations."""
    return []


@pytest.fixture
def new_page(browser, csp_violations):
    """Open pages in fresh contexts (Vietnamese browser, desktop size unless told otherwise).

    Every page of every end-to-end test is checked for Content-Security-Policy violations: none may be
    reported to the console while the test runs (security finding 9: no inline script, no foreign source).
    """
    contexts = []

    def open_page(viewport=None, **options):
        options.setdefault("locale", "vi-VN")
        options.setdefault("timezone_id", "Asia/Ho_Chi_Minh")
        if viewport == MOBILE:
            options.setdefault("device_scale_factor", 2)
            options.setdefault("is_mobile", True)
            options.setdefault("has_touch", True)
        context = browser.new_context(viewport=viewport or DESKTOP, **options)
        context.set_default_timeout(15_000)
        context.add_init_script(_REPORT_CSP_VIOLATIONS)
        contexts.append(context)
        page = context.new_page()
        page.on("console", lambda message: _collect_csp_violation(message, page, csp_violations))
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert not csp_violations, "Content-Security-Policy violations:\n" + "\n".join(csp_violations)


def _collect_csp_violation(message, page, violations):
    if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
        violations.append(f"{page.url}: {message.text}")


@pytest.fixture
def page(new_page):
    return new_page()


SCREENSHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"


def shot(page, name):
    """Save the page as docs/screenshots/<name>.png when MOTCUA_SCREENSHOTS is set (`make screenshots`):
    the README's pictures are refreshed on purpose, not by every test run."""
    if os.environ.get("MOTCUA_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def shot_of_pdf(page, pdf: bytes, name: str, tmp_path) -> None:
    """``shot`` of a PDF's first page (headless Chromium shows no PDF): drawn by pdftoppm, then shown
    as an image on a blank page of the same browser."""
    if not os.environ.get("MOTCUA_SCREENSHOTS"):
        return
    (tmp_path / "shot.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "150", "-singlefile", "shot.pdf", "shot"], cwd=tmp_path, check=True
    )
    image = base64.b64encode((tmp_path / "shot.png").read_bytes()).decode()
    page.set_content(
        f'<body style="margin:16px;background:#eee"><img src="data:image/png;base64,{image}"></body>'
    )
    shot(page, name)
