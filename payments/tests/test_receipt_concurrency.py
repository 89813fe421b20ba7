"""At the same moment (PostgreSQL: real concurrency): two clicks on "record the payment" record one;
two issues of one payment's receipt make one; two payments of one agency get numbers 1 and 2."""

import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from dossiers.models import DossierFile
from payments.counter import CounterPaymentRefused, record_counter_payment
from payments.models import Payment, ReceiptCounter
from payments.receipts import issue_receipt

from .test_receipts import paid_by_hand

pytestmark = pytest.mark.django_db(transaction=True)


def together(*calls):
    """Run ``calls`` at once, each in its own thread and connection; their results and errors."""
    barrier = threading.Barrier(len(calls))
    results, lock = [], threading.Lock()

    def run(call):
        try:
            barrier.wait(timeout=30)
            outcome = call()
        except Exception as error:  # returned to the test
            outcome = error
        finally:
            connections.close_all()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.fixture(autouse=True)
def _postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers: real concurrency needs PostgreSQL")


def test_two_clicks_record_one_counter_payment(awaiting_fees, counter):
    def record():
        return record_counter_payment(awaiting_fees, counter, method="cash", amount=1_250_000)

    results = together(record, record)
    assert sorted(type(result).__name__ for result in results) == ["CounterPaymentRefused", "Payment"]
    assert any(isinstance(result, CounterPaymentRefused) for result in results)
    assert Payment.objects.filter(state="paid").count() == 1
    assert DossierFile.objects.filter(kind="fee_receipt").count() == 1


def test_one_receipt_per_payment_and_consecutive_numbers_per_agency(awaiting_fees):
    first, second = paid_by_hand(awaiting_fees), paid_by_hand(awaiting_fees)
    results = together(
        lambda: issue_receipt(first.pk), lambda: issue_receipt(first.pk), lambda: issue_receipt(second.pk)
    )
    assert not [result for result in results if isinstance(result, Exception)], results
    assert DossierFile.objects.filter(kind="fee_receipt").count() == 2
    numbers = sorted(Payment.objects.values_list("receipt_number", flat=True))
    year = timezone.localdate().year % 100
    assert numbers == [f"MC-{year:02d}E 0000001", f"MC-{year:02d}E 0000002"]
    assert ReceiptCounter.objects.get().last_number == 2
