from portal.tests.e2e.conftest import browser, csp_violations, new_page, page  # noqa: F401  (shared fixtures)
