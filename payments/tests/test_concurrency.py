"""Two identical IPNs at the same moment record one payment (PostgreSQL: real concurrency)."""

import threading
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.db import connection, connections

from dossiers.domain.lifecycle import State
from dossiers.models import Dossier
from payments import sandbox, services
from payments.models import Payment, PaymentEvent


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_identical_ipns_record_one_payment(awaiting_fees, applicant):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers: real concurrency needs PostgreSQL")
    payment = services.start_payment(awaiting_fees, applicant).payment
    txn = sandbox.open_transaction(dict(parse_qsl(urlsplit(payment.redirect_url).query)))
    ipn = dict(parse_qsl(urlsplit(sandbox.ipn_url(_finished(txn))).query))
    barrier = threading.Barrier(2)
    answers, errors, lock = [], [], threading.Lock()

    def notify():
        try:
            barrier.wait(timeout=30)
            answer = services.handle_ipn("sandbox", ipn)
            with lock:
                answers.append(answer["RspCode"])
        except Exception as error:  # reported below
            with lock:
                errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=notify) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert not errors, errors
    assert sorted(answers) == ["00", "02"]
    assert Payment.objects.get().state == "paid"
    assert PaymentEvent.objects.filter(to_state="paid").count() == 1
    dossier = Dossier.objects.get(pk=awaiting_fees.pk)
    assert dossier.state == State.RECEIVED
    assert dossier.log.filter(action="pay_fees").count() == 1


def _finished(txn):
    sandbox.finish(txn, "success", "drop")
    txn.refresh_from_db()
    return txn
