from portal.tests.e2e.conftest import browser, new_page, page  # noqa: F401  (shared Chromium fixtures)
