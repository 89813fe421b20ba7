"""Fixtures shared by every app's tests."""

import pytest
from django.core.management import call_command
from django.utils import translation


@pytest.fixture(autouse=True)
def _vietnamese_by_default(settings):
    settings.LANGUAGE_CODE = "vi"


@pytest.fixture(autouse=True)
def _fresh_search_vocabulary():
    """Each test's catalog has its own vocabulary: none kept in memory from another test's."""
    from catalog.search_index import forget_vocabulary

    forget_vocabulary()


@pytest.fixture(scope="session", autouse=True)
def _compiled_translations(request):
    """The .mo files are not committed: compile them once so pages render in Vietnamese."""
    if request.config.pluginmanager.hasplugin("django"):
        call_command("compile_translations", verbosity=0)


@pytest.fixture
def english(settings):
    """For tests that read a message's wording: the English source strings, not the translation, in
    the code they call and in the pages the test client gets."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
