"""The officer's dossier page (create, print, enter a state) and the citizen's timeline."""

import pytest
from django.urls import reverse
from django.utils import translation

from core.roles import Role
from dossiers.domain.lifecycle import State
from dossiers.models import Dossier
from dossiers.tests.factories import OfficerFactory
from postal.models import Shipment
from postal.services import create_shipment
from postal.timeline import _sentence

pytestmark = pytest.mark.django_db


def test_the_counter_officer_creates_the_shipment_prints_the_label_and_enters_a_state(
    client, by_post, counter
):
    client.force_login(counter)
    page = client.get(reverse("backoffice:dossier", args=[by_post.code])).content.decode()
    assert f'action="{reverse("backoffice:shipment", args=[by_post.code])}"' in page

    response = client.post(
        reverse("backoffice:shipment", args=[by_post.code]), {"cod_amount": "0", "postal_fee": "25000"}
    )

    assert response.status_code == 302
    shipment = Shipment.objects.get(dossier=by_post)
    assert shipment.postal_fee == 25000
    page = client.get(reverse("backoffice:dossier", args=[by_post.code])).content.decode()
    label_url = reverse("backoffice:shipment_label", args=[by_post.code, shipment.pk])
    assert label_url in page
    assert f'action="{reverse("backoffice:shipment", args=[by_post.code])}"' not in page  # one open shipment
    label = client.get(label_url)
    assert (label.status_code, label["Content-Type"]) == (200, "application/pdf")
    assert label.content.startswith(b"%PDF")

    track = reverse("backoffice:shipment_track", args=[by_post.code, shipment.pk])
    client.post(track, {"state": "handed_to_post", "note": "Gửi tại bưu cục"})
    client.post(track, {"state": "delivered", "note": ""})

    assert Shipment.objects.get(pk=shipment.pk).state == "delivered"
    assert Dossier.objects.get(pk=by_post.pk).state == State.RETURNED


def test_other_roles_and_agencies_cannot(client, by_post, counter):
    shipment = create_shipment(by_post, counter)
    Shipment.objects.filter(pk=shipment.pk).update(state="returned_to_sender")  # a new one may be made
    specialist = OfficerFactory(role=Role.SPECIALIST, agency=counter.agency)
    client.force_login(specialist)
    page = client.get(reverse("backoffice:dossier", args=[by_post.code])).content.decode()
    assert f'action="{reverse("backoffice:shipment", args=[by_post.code])}"' not in page
    assert "/nhan.pdf" in page and 'name="state"' not in page  # prints the label, enters no state
    Shipment.objects.filter(pk=shipment.pk).update(state="in_transit")
    page = client.get(reverse("backoffice:dossier", args=[by_post.code])).content.decode()
    assert 'name="state"' not in page
    assert client.post(reverse("backoffice:shipment", args=[by_post.code]), {}).status_code == 404
    client.force_login(OfficerFactory(role=Role.COUNTER_OFFICER))
    response = client.post(
        reverse("backoffice:shipment", args=[by_post.code]), {"cod_amount": "0", "postal_fee": "0"}
    )
    assert response.status_code == 404
    assert Shipment.objects.count() == 1


def test_the_tracking_states_show_on_the_citizen_s_timeline(client, by_post, counter, owner):
    client.force_login(counter)
    client.post(reverse("backoffice:shipment", args=[by_post.code]), {"cod_amount": "0", "postal_fee": "0"})
    shipment = Shipment.objects.get(dossier=by_post)
    client.post(
        reverse("backoffice:shipment_track", args=[by_post.code, shipment.pk]), {"state": "in_transit"}
    )

    client.force_login(owner)
    page = client.get(reverse("portal:my_dossier", args=[by_post.pk])).content.decode()

    with translation.override("vi"):  # the page's language, whatever the .po says today
        created, in_transit = (_sentence(state, shipment.order_number) for state in ("created", "in_transit"))
    assert shipment.order_number in created
    assert page.index("Đã có kết quả") < page.index(created) < page.index(in_transit)
