"""Let the domain tests run without a database, and even without pytest-django (``-p no:django``)."""

import os

import django
import pytest
from django.conf import settings


def _plain_django_setup():
    """Minimal settings for the translation machinery when pytest-django does not set Django up."""
    if not settings.configured and not os.environ.get("DJANGO_SETTINGS_MODULE"):
        settings.configure(
            USE_I18N=True, USE_TZ=True, TIME_ZONE="Asia/Ho_Chi_Minh", LANGUAGE_CODE="en", INSTALLED_APPS=[]
        )
    django.setup()


@pytest.fixture(autouse=True, scope="session")
def _django_without_database(request):
    if not request.config.pluginmanager.hasplugin("django"):
        _plain_django_setup()


@pytest.fixture(autouse=True)
def _vietnamese_by_default(request):
    """Overrides the project-wide fixture, which needs pytest-django's ``settings`` fixture."""
    if request.config.pluginmanager.hasplugin("django"):
        request.getfixturevalue("settings").LANGUAGE_CODE = "vi"


# Imported inside: the domain tests run without Django's apps (see above).
@pytest.fixture
def counter():
    from core.roles import Role
    from dossiers.tests.factories import OfficerFactory

    return OfficerFactory(role=Role.COUNTER_OFFICER)


@pytest.fixture
def procedure(counter):
    from catalog.tests.factories import procedure_with_details

    return procedure_with_details(agencies=[counter.agency])
