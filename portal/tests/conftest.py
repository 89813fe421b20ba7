import pytest
from django.core.management import call_command


@pytest.fixture(scope="session", autouse=True)
def _compiled_translations():
    """The .mo files are not committed: compile them once so pages render in Vietnamese."""
    call_command("compile_translations", verbosity=0)
