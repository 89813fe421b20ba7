"""The payments' background tasks: the periodic reconciliation (self-renewing, like the outbox's
sweep) and the sandbox's IPN, sent from the worker as a gateway's server would send it."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task


@task()
def reconcile_payments() -> dict:
    """Reconcile the payments pending too long, then plan the next run."""
    from .receipts import issue_missing
    from .services import reconcile_pending

    report = {**reconcile_pending(), **issue_missing()}
    with transaction.atomic():
        schedule_reconciliation(
            timezone.now() + timedelta(minutes=settings.MOTCUA_PAYMENT_RECONCILE_EVERY_MINUTES)
        )
    return report


def schedule_reconciliation(when) -> bool:
    """Plan a reconciliation at ``when`` unless one is already waiting; returns whether one was planned."""
    from django_tasks_db.models import DBTaskResult

    if DBTaskResult.objects.filter(status="READY", task_path=reconcile_payments.module_path).exists():
        return False
    reconcile_payments.using(run_after=when).enqueue()
    return True


@task(priority=10)
def sandbox_send_ipn(transaction_id: int) -> str:
    from .models import SandboxTransaction
    from .sandbox import send_ipn

    txn = SandboxTransaction.objects.filter(pk=transaction_id).first()
    return send_ipn(txn) if txn is not None else ""


@task(queue_name="documents")
def issue_fee_receipt(payment_id: int) -> str:
    """Issue a paid payment's e-receipt (``payments.receipts``; planned when the payment is confirmed).
    A signer that cannot sign now raises: the task fails, and the download views issue it later."""
    from .receipts import issue_receipt

    return issue_receipt(payment_id).original_name
