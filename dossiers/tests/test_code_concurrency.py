"""Dossier codes stay unique and gap-free under concurrent receptions and rollbacks."""

import threading
from datetime import UTC, datetime

import pytest
from django.db import connection, connections, transaction

from catalog.tests.factories import procedure_with_details
from dossiers.domain.codes import format_dossier_code
from dossiers.services import allocate_code

from .factories import OfficerFactory, received_dossier

NOW = datetime(2026, 3, 5, 2, 0, tzinfo=UTC)  # 09:00 in Việt Nam, a Thursday


def _sequence(code: str) -> int:
    return int(code.rsplit("-", 1)[1])


@pytest.mark.django_db(transaction=True)
def test_concurrent_receptions_get_unique_gap_free_codes():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers: real concurrency needs PostgreSQL")
    officer = OfficerFactory()
    procedure = procedure_with_details(agencies=[officer.agency])
    threads_count, per_thread = 8, 5
    barrier = threading.Barrier(threads_count)
    codes, errors, lock = [], [], threading.Lock()

    def work():
        try:
            barrier.wait(timeout=30)
            for _ in range(per_thread):
                dossier = received_dossier(officer=officer, procedure=procedure, now=NOW)
                with lock:
                    codes.append(dossier.code)
        except Exception as error:  # reported below
            with lock:
                errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    assert len(codes) == len(set(codes)) == threads_count * per_thread
    assert sorted(_sequence(c) for c in codes) == list(range(1, threads_count * per_thread + 1))


@pytest.mark.django_db(transaction=True)
def test_rolled_back_reception_gives_its_number_back():
    officer = OfficerFactory()
    first = received_dossier(officer=officer, now=NOW)
    assert _sequence(first.code) == 1

    with pytest.raises(RuntimeError), transaction.atomic():
        taken = allocate_code(officer.agency, NOW)
        assert _sequence(taken) == 2
        raise RuntimeError("the reception fails after the code was allocated")

    second = received_dossier(officer=officer, now=NOW)
    assert second.code == format_dossier_code(officer.agency.code, datetime(2026, 3, 5).date(), 2)
