"""E-receipts: issued once a payment is received (planned in the confirming transaction, issued by the
worker or on first download), numbered per agency and year without gaps, sealed by the collecting
agency, downloaded by the applicant and reprinted by the officer through authorized views."""

from datetime import datetime
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.roles import Role
from documents.tests.pdf_text import pdf_text
from dossiers.models import DossierFile
from dossiers.signing import DocumentNotSigned
from dossiers.tests.factories import OfficerFactory
from notifications.tests.worker import run_worker_once
from payments import receipts, services
from payments.models import Payment, ReceiptCounter
from payments.receipts import ReceiptRefused, issue_receipt, series_for

from .test_services import pay_in_sandbox

pytestmark = pytest.mark.django_db


def paid_online(dossier, applicant):
    payment = services.start_payment(dossier, applicant).payment
    assert services.handle_ipn("sandbox", pay_in_sandbox(payment))["RspCode"] == "00"
    payment.refresh_from_db()
    return payment


def paid_by_hand(dossier, amount=1_250_000, **fields):
    """A payment received, written directly (for the numbering: any paid payment gets a receipt)."""
    now = timezone.now()
    return Payment.objects.create(
        dossier=dossier,
        amount=amount,
        fee_lines=[{"fee_id": None, "name": "Phí thẩm định", "amount": amount}],
        gateway="counter",
        method="cash",
        txn_ref=f"T{Payment.objects.count() + 1:05d}{dossier.pk}",
        state="paid",
        created_at=now,
        expires_at=now,
        paid_at=now,
        **fields,
    )


def test_a_confirmed_payment_plans_its_receipt_which_the_worker_issues_sealed_and_numbered(
    awaiting_fees, applicant, tmp_path
):
    payment = paid_online(awaiting_fees, applicant)
    planned = DBTaskResult.objects.filter(task_path="payments.tasks.issue_fee_receipt")
    assert planned.count() == 1 and payment.receipt is None  # planned, not made inside the IPN

    run_worker_once()

    payment.refresh_from_db()
    year = timezone.localtime(payment.paid_at).year
    assert payment.receipt_number == f"{series_for(year)} 0000001"
    stored = payment.receipt
    assert (stored.kind, stored.dossier_id, stored.content_type) == (
        "fee_receipt",
        awaiting_fees.pk,
        "application/pdf",
    )
    assert stored.signed_at is not None and stored.public_id is not None and stored.access_token
    assert stored.signer_name == awaiting_fees.agency.name
    pdf = stored.file.read()
    assert b"/ByteRange" in pdf and b"/Sig" in pdf  # a PAdES signature
    text = pdf_text(pdf, tmp_path)
    for expected in (
        "BIÊN LAI THU PHÍ, LỆ PHÍ",
        f"Ký hiệu: {series_for(year)}",
        "Số: 0000001",
        f"Người nộp: {awaiting_fees.applicant_name}",
        "Phí thẩm định 1.250.000",
        "Số tiền bằng chữ: Một triệu hai trăm năm mươi nghìn đồng",
        "Thanh toán trực tuyến qua cổng thử nghiệm (sandbox)",
        f"Mã tham chiếu: {payment.txn_ref}",
        f"Mã giao dịch: {payment.gateway_transaction_no}",
    ):
        assert expected in text, expected

    # Once: issuing again gives the same file and takes no number.
    assert issue_receipt(payment.pk) == stored
    assert ReceiptCounter.objects.get(agency=awaiting_fees.agency).last_number == 1
    assert DossierFile.objects.filter(kind="fee_receipt").count() == 1


def test_receipts_are_numbered_per_agency_and_year_without_gaps(awaiting_fees):
    first, second = paid_by_hand(awaiting_fees), paid_by_hand(awaiting_fees)
    no_signer = mock.patch.object(receipts, "sign_document", side_effect=DocumentNotSigned("no certificate"))
    with no_signer, pytest.raises(DocumentNotSigned):
        issue_receipt(first.pk)
    assert not DossierFile.objects.filter(kind="fee_receipt").exists()  # nothing kept, number given back
    issue_receipt(second.pk)
    issue_receipt(first.pk)
    first.refresh_from_db(), second.refresh_from_db()
    year = timezone.localdate().year
    assert (second.receipt_number, first.receipt_number) == (
        f"{series_for(year)} 0000001",
        f"{series_for(year)} 0000002",
    )

    from catalog.tests.factories import procedure_with_details
    from dossiers.tests.factories import received_dossier

    officer = OfficerFactory(role=Role.COUNTER_OFFICER)
    elsewhere = received_dossier(officer=officer, procedure=procedure_with_details(agencies=[officer.agency]))
    assert issue_receipt(paid_by_hand(elsewhere).pk).original_name.endswith(f"{series_for(year)}-0000001.pdf")

    # The series is the year's: a receipt of another year starts again at 1.
    next_year = timezone.make_aware(datetime(year + 1, 1, 2, 9))
    late = paid_by_hand(awaiting_fees)
    Payment.objects.filter(pk=late.pk).update(paid_at=next_year)
    issue_receipt(late.pk, now=next_year)
    late.refresh_from_db()
    assert late.receipt_number == f"{series_for(year + 1)} 0000001"


def test_no_receipt_for_money_not_received(awaiting_fees, applicant):
    pending = services.start_payment(awaiting_fees, applicant).payment
    with pytest.raises(ReceiptRefused):
        issue_receipt(pending.pk)
    assert not ReceiptCounter.objects.exists()


def test_the_applicant_downloads_their_receipt_and_nobody_else_does(client, awaiting_fees, applicant):
    payment = paid_online(awaiting_fees, applicant)
    url = reverse("payments:receipt", args=[payment.pk])
    assert client.get(url).status_code == 302  # to sign in

    from dossiers.tests.test_submission import citizen

    client.force_login(citizen("nguoikhac", first_name="Khác", last_name="Người", personal_id="022190007777"))
    assert client.get(url).status_code == 404

    client.force_login(applicant)
    response = client.get(url)  # the worker has not run: issued on the first download
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"] and "bien-lai" in response["Content-Disposition"]
    assert b"".join(response.streaming_content if response.streaming else [response.content]).startswith(
        b"%PDF"
    )
    page = client.get(reverse("portal:my_dossier", args=[awaiting_fees.pk]))
    assert url in page.content.decode()


def test_the_officer_reprints_it_from_the_dossier_page_an_officer_of_another_agency_cannot(
    client, awaiting_fees, applicant, counter
):
    payment = paid_online(awaiting_fees, applicant)
    url = reverse("backoffice:fee_receipt", args=[awaiting_fees.code, payment.pk])
    client.force_login(OfficerFactory(role=Role.COUNTER_OFFICER))  # another agency
    assert client.get(url).status_code == 404
    client.force_login(counter)
    page = client.get(reverse("backoffice:dossier", args=[awaiting_fees.code]))
    assert url in page.content.decode()
    assert client.get(url).status_code == 200
    payment.refresh_from_db()
    assert payment.receipt is not None
    assert client.get(url).status_code == 200
    assert ReceiptCounter.objects.get().last_number == 1


def test_a_receipt_whose_signing_failed_is_issued_by_the_next_periodic_run(awaiting_fees, applicant):
    payment = paid_online(awaiting_fees, applicant)
    with mock.patch.object(receipts, "sign_document", side_effect=DocumentNotSigned("signer down")):
        run_worker_once()  # the planned task fails
        assert receipts.issue_missing() == {"receipts_failed": 1}
    payment.refresh_from_db()
    assert payment.receipt is None

    from payments.tasks import reconcile_payments

    assert reconcile_payments.call() == {"receipts_issued": 1}
    payment.refresh_from_db()
    assert payment.receipt.kind == "fee_receipt"
    assert receipts.issue_missing() == {}
