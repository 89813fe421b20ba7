import pytest  # noqa: E402

from portal.tests.e2e.conftest import browser, csp_violations, new_page, page  # noqa: F401  (shared fixtures)


@pytest.fixture
def province(transactional_db):
    """Committed, for the live server's thread to see (the module-wide one is never committed)."""
    from stats.tests.conftest import build_march

    return build_march()
