import pytest
from django.urls import reverse

from accounts.models import User
from dossiers.domain.lifecycle import Action
from dossiers.services import perform
from dossiers.tests.factories import received_dossier

pytestmark = pytest.mark.django_db


def test_admin_shows_the_dossier_with_its_files_read_only(client):
    dossier = received_dossier()
    perform(dossier, dossier.received_by, Action.REJECT, comment="Lý do")
    client.force_login(User.objects.create_superuser("root", "root@example.com", "x"))
    assert (
        client.get(reverse("admin:dossiers_dossier_changelist"), {"inbox_role__exact": ""}).status_code == 200
    )
    page = client.get(reverse("admin:dossiers_dossier_change", args=[dossier.pk])).content.decode()
    assert "phieu-tu-choi" in page
