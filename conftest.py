"""Fixtures shared by every app's tests."""

import pytest


@pytest.fixture(autouse=True)
def _vietnamese_by_default(settings):
    settings.LANGUAGE_CODE = "vi"
