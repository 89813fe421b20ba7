"""Two identical IPNs (callbacks) at the same moment record one payment (PostgreSQL: real concurrency),
for VNPay's protocol and the national platform's."""

import threading
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.db import connection, connections

from dossiers.domain.lifecycle import State
from dossiers.models import Dossier
from payments import national_sandbox, sandbox, services
from payments.models import Payment, PaymentEvent, SandboxTransaction


def twice_at_once(call) -> list:
    """Run ``call()`` in two threads released together; their results (errors fail the test)."""
    barrier = threading.Barrier(2)
    results, errors, lock = [], [], threading.Lock()

    def run():
        try:
            barrier.wait(timeout=30)
            result = call()
            with lock:
                results.append(result)
        except Exception as error:  # reported below
            with lock:
                errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return results


def assert_paid_once(dossier):
    assert Payment.objects.get().state == "paid"
    assert PaymentEvent.objects.filter(to_state="paid").count() == 1
    dossier = Dossier.objects.get(pk=dossier.pk)
    assert dossier.state == State.RECEIVED
    assert dossier.log.filter(action="pay_fees").count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_identical_ipns_record_one_payment(awaiting_fees, applicant):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers: real concurrency needs PostgreSQL")
    payment = services.start_payment(awaiting_fees, applicant).payment
    txn = sandbox.open_transaction(dict(parse_qsl(urlsplit(payment.redirect_url).query)))
    sandbox.finish(txn, "success", "drop")
    txn.refresh_from_db()
    ipn = dict(parse_qsl(urlsplit(sandbox.ipn_url(txn)).query))

    answers = twice_at_once(lambda: services.handle_ipn("sandbox", ipn)["RspCode"])

    assert sorted(answers) == ["00", "02"]
    assert_paid_once(awaiting_fees)


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_identical_national_callbacks_record_one_payment(
    awaiting_fees, applicant, gateway_web, settings
):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers: real concurrency needs PostgreSQL")
    settings.MOTCUA_PAYMENT_GATEWAY = national_sandbox.GATEWAY_ID
    payment = services.start_payment(awaiting_fees, applicant).payment
    txn = SandboxTransaction.objects.get(txn_ref=payment.txn_ref)
    national_sandbox.finish(txn, "success", "drop")
    txn.refresh_from_db()
    message = national_sandbox.callback_message(txn)

    answers = twice_at_once(lambda: services.handle_ipn(national_sandbox.GATEWAY_ID, message)["MoTaLoi"])

    assert sorted(answers) == ["Giao dich da duoc ghi nhan truoc do", "Thanh cong"]
    assert_paid_once(awaiting_fees)
