"""The forms need neither Django nor a database: these tests also run with ``-p no:django``."""

import pytest


@pytest.fixture(autouse=True)
def _vietnamese_by_default():
    """Shadows the project-wide fixture of the same name, which needs pytest-django's ``settings``."""
