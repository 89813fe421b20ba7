"""Counter reception through the API checks the received components like the reception page."""

import pytest

from catalog.tests.factories import procedure_with_details
from dossiers.models import Dossier, ReceivedComponent
from dossiers.tests.test_api import bearer

pytestmark = pytest.mark.django_db


def receive(client, counter, procedure, components):
    body = {
        "procedure": procedure.code,
        "channel": 1,
        "applicant": {"name": "Nguyễn Thị Hồng Nhung", "id_number": "022301004567", "phone": "0912345678"},
    }
    if components is not None:
        body["components"] = components
    return client.post("/api/v1/dossiers", body, "application/json", **bearer(counter))


def parts(procedure):
    required = procedure.components.get(required=True)
    optional = procedure.components.get(required=False)
    return required, optional


@pytest.mark.parametrize("components", [None, [], "optional only"])
def test_a_missing_required_component_is_a_422_on_its_field(client, counter, procedure, components):
    required, optional = parts(procedure)
    if components == "optional only":
        components = [optional.pk]
    response = receive(client, counter, procedure, components)
    assert response.status_code == 422, response.content
    errors = response.json()["errors"]
    assert [e["field"] for e in errors] == [f"component-{required.pk}"]
    assert required.name in errors[0]["message"]
    assert not Dossier.objects.exists() and not ReceivedComponent.objects.exists()


def test_a_component_of_another_procedure_is_refused(client, counter, procedure):
    required, _ = parts(procedure)
    stranger = procedure_with_details().components.first()
    response = receive(client, counter, procedure, [required.pk, stranger.pk])
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert [e["field"] for e in errors] == ["components"]
    assert str(stranger.pk) in errors[0]["message"]
    assert not Dossier.objects.exists()


def test_the_checklist_is_kept_and_printed_as_received(client, counter, procedure):
    required, optional = parts(procedure)
    response = receive(client, counter, procedure, [required.pk])
    assert response.status_code == 201, response.content
    dossier = Dossier.objects.get()
    assert list(dossier.received_components.values_list("component", "name", "originals", "copies")) == [
        (required.pk, required.name, required.originals, required.copies)
    ]
    both = receive(client, counter, procedure, [optional.pk, required.pk, required.pk])
    assert both.status_code == 201
    second = Dossier.objects.get(code=both.json()["code"])
    assert list(second.received_components.values_list("component", flat=True)) == [required.pk, optional.pk]
