"""Two identical "delivered" reports at the same instant record one event and one return (PostgreSQL)."""

import threading

import pytest
from django.db import connection, connections

from dossiers.domain.lifecycle import State
from dossiers.models import Dossier
from postal.models import ShipmentEvent
from postal.services import create_shipment, record_tracking


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_identical_reports_record_one_delivery(by_post, counter):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers: real concurrency needs PostgreSQL")
    shipment = create_shipment(by_post, counter)
    barrier = threading.Barrier(2)
    changed, errors, lock = [], [], threading.Lock()

    def report():
        try:
            barrier.wait(timeout=30)
            recorded = record_tracking(shipment, "delivered", source="carrier", raw={"state": "delivered"})
            with lock:
                changed.append(recorded.changed)
        except Exception as error:  # reported below
            with lock:
                errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=report) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert not errors, errors
    assert sorted(changed) == [False, True]
    assert ShipmentEvent.objects.filter(shipment=shipment, state="delivered").count() == 1
    dossier = Dossier.objects.get(pk=by_post.pk)
    assert dossier.state == State.RETURNED
    assert dossier.log.filter(action="return_result").count() == 1
