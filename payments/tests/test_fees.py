"""Fees computed on the server (payments.fees), exemptions (payments.exemptions), and fees paid at
submission holding the dossier at reception (dossiers.fee_facts, through dossiers.services.perform)."""

import subprocess

import pytest

from catalog.constants import PaymentTiming
from catalog.models import FormField
from catalog.tests.factories import FeeFactory
from core.roles import Role
from dossiers.documents import receipt_data, receipt_pdf
from dossiers.domain.errors import DomainError
from dossiers.domain.lifecycle import Action, State, TransitionRefused
from dossiers.models import Dossier, ProcessLogEntry
from dossiers.services import DossierNotFound, perform
from dossiers.tests.factories import OfficerFactory, received_dossier
from payments import services
from payments.exemptions import exempt_fees
from payments.fees import fees_for
from payments.models import FeeExemption, Payment
from payments.tests.test_services import pay_in_sandbox

# The messages are read in English (the source strings).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def renewal_procedure(procedure):
    """The fixture's procedure (fixed "Phí thẩm định" 1.250.000 ₫, "Lệ phí cấp" 135.000 ₫ described
    "Cấp mới" only) with an e-form choice choosing between two more lines."""
    FormField.objects.create(
        procedure=procedure, key="ly_do", label="Lý do", kind="choice", choices=["Cấp mới", "Cấp lại"]
    )
    FeeFactory(
        procedure=procedure,
        position=3,
        name="Lệ phí cấp mới",
        amount=200000,
        applies_when="Cấp lần đầu",
        condition_field="ly_do",
        condition_value="Cấp mới",
    )
    FeeFactory(
        procedure=procedure,
        position=4,
        name="Lệ phí cấp lại",
        amount=400000,
        applies_when="Cấp lại do mất, hỏng",
        condition_field="ly_do",
        condition_value="Cấp lại",
    )
    return procedure


def dossier_answering(counter, procedure, **answers):
    dossier = received_dossier(officer=counter, procedure=procedure)
    Dossier.objects.filter(pk=dossier.pk).update(form_data=answers)
    return Dossier.objects.get(pk=dossier.pk)


def lines(dossier):
    fees = fees_for(dossier)
    return [(line.name, line.amount, line.due, line.exemption) for line in fees.lines], fees.total


# --- Computing --------------------------------------------------------------------------------------


def test_a_line_is_chosen_by_the_e_form_answer(counter, renewal_procedure):
    renewal = dossier_answering(counter, renewal_procedure, ly_do="Cấp lại")
    assert lines(renewal) == (
        [("Phí thẩm định", 1250000, 1250000, ""), ("Lệ phí cấp lại", 400000, 400000, "")],
        1650000,
    )
    first = dossier_answering(counter, renewal_procedure, ly_do="Cấp mới")
    assert lines(first) == (
        [("Phí thẩm định", 1250000, 1250000, ""), ("Lệ phí cấp mới", 200000, 200000, "")],
        1450000,
    )
    # No answer (a counter dossier without e-form), or an answer no line names: only the fixed line.
    assert lines(dossier_answering(counter, renewal_procedure)) == (
        [("Phí thẩm định", 1250000, 1250000, "")],
        1250000,
    )
    assert lines(dossier_answering(counter, renewal_procedure, ly_do="Cấp đổi"))[1] == 1250000


# --- Exemptions -------------------------------------------------------------------------------------


def test_an_officer_exempts_one_line_with_a_reason_logged(counter, renewal_procedure):
    dossier = dossier_answering(counter, renewal_procedure, ly_do="Cấp lại")
    line = renewal_procedure.fees.get(name="Lệ phí cấp lại")
    exemption = exempt_fees(dossier, counter, reason="Người có công với cách mạng", fee_id=line.pk)

    assert (exemption.whole, exemption.fee_name, exemption.by) == (False, "Lệ phí cấp lại", counter)
    assert lines(dossier) == (
        [
            ("Phí thẩm định", 1250000, 1250000, ""),
            ("Lệ phí cấp lại", 400000, 0, "Người có công với cách mạng"),
        ],
        1250000,
    )
    entry = ProcessLogEntry.objects.filter(dossier=dossier).order_by("-id").first()
    assert (entry.action, entry.actor, entry.from_state, entry.to_state) == (
        "exempt_fees",
        counter,
        "received",
        "received",
    )
    assert entry.comment == "Lệ phí cấp lại: Người có công với cách mạng"
    # What a payment keeps of the lines sums to what is charged.
    assert [line.as_json() for line in fees_for(dossier).lines][1] == {
        "fee_id": line.pk,
        "name": "Lệ phí cấp lại",
        "amount": 0,
        "listed_amount": 400000,
        "exemption": "Người có công với cách mạng",
    }


def test_an_exemption_from_all_the_fees_leaves_nothing_to_pay(counter, renewal_procedure):
    dossier = dossier_answering(counter, renewal_procedure, ly_do="Cấp mới")
    exempt_fees(dossier, counter, reason="Hộ nghèo (Điều 5 Nghị định 10)")
    assert lines(dossier) == (
        [
            ("Phí thẩm định", 1250000, 0, "Hộ nghèo (Điều 5 Nghị định 10)"),
            ("Lệ phí cấp mới", 200000, 0, "Hộ nghèo (Điều 5 Nghị định 10)"),
        ],
        0,
    )
    with pytest.raises(DomainError):
        exempt_fees(dossier, counter, reason="again")
    assert FeeExemption.objects.count() == 1


def test_exemptions_refused_change_nothing(counter, renewal_procedure, applicant):
    dossier = dossier_answering(counter, renewal_procedure, ly_do="Cấp lại")
    Dossier.objects.filter(pk=dossier.pk).update(applicant_user=applicant)
    fixed = renewal_procedure.fees.get(name="Phí thẩm định")
    not_charged = renewal_procedure.fees.get(name="Lệ phí cấp mới")
    elsewhere = OfficerFactory(role=Role.COUNTER_OFFICER)  # another agency
    log_rows = ProcessLogEntry.objects.count()

    with pytest.raises(DomainError, match="officer of the dossier's agency"):
        exempt_fees(dossier, applicant, reason="Tôi xin miễn", fee_id=fixed.pk)
    with pytest.raises(DossierNotFound):
        exempt_fees(dossier, elsewhere, reason="Miễn", fee_id=fixed.pk)
    with pytest.raises(DomainError, match="reason"):
        exempt_fees(dossier, counter, reason="   ", fee_id=fixed.pk)
    with pytest.raises(DomainError, match="not charged"):
        exempt_fees(dossier, counter, reason="Miễn", fee_id=not_charged.pk)
    Payment.objects.create(
        dossier=dossier,
        amount=1650000,
        gateway="sandbox",
        txn_ref="261201PAIDREF01",
        state="paid",
        created_at=dossier.received_at,
        expires_at=dossier.received_at,
    )
    with pytest.raises(DomainError, match="paid"):
        exempt_fees(dossier, counter, reason="Miễn", fee_id=fixed.pk)
    assert FeeExemption.objects.count() == 0
    assert ProcessLogEntry.objects.count() == log_rows
    assert fees_for(dossier).total == 1650000


# --- Paid at submission -----------------------------------------------------------------------------


@pytest.fixture
def at_submission(procedure):
    procedure.payment_timing = PaymentTiming.AT_SUBMISSION
    procedure.save()
    return procedure


def test_a_dossier_paying_at_submission_is_not_assigned_until_paid(counter, at_submission):
    dossier = received_dossier(officer=counter, procedure=at_submission)
    with pytest.raises(TransitionRefused) as refused:
        perform(dossier, counter, Action.ASSIGN)
    assert refused.value.reason == "fees_unpaid"
    assert "paid at submission" in str(refused.value.message % refused.value.params)
    assert Dossier.objects.get(pk=dossier.pk).state == State.RECEIVED
    # The button is not offered either.
    from dossiers.access import actions_for

    assert Action.ASSIGN not in actions_for(counter, dossier, list(dossier.steps.all()))

    Payment.objects.create(
        dossier=dossier,
        amount=1250000,
        gateway="sandbox",
        txn_ref="261201PAIDREF02",
        state="paid",
        created_at=dossier.received_at,
        expires_at=dossier.received_at,
    )
    assert perform(dossier, counter, Action.ASSIGN).state == State.IN_PROGRESS


def test_a_refunded_payment_does_not_count_and_an_exempted_dossier_proceeds(counter, at_submission):
    dossier = received_dossier(officer=counter, procedure=at_submission)
    Payment.objects.create(
        dossier=dossier,
        amount=1250000,
        gateway="sandbox",
        txn_ref="261201REFUND003",
        state="refunded",
        created_at=dossier.received_at,
        expires_at=dossier.received_at,
    )
    with pytest.raises(TransitionRefused):
        perform(dossier, counter, Action.ASSIGN)
    exempt_fees(dossier, counter, reason="Miễn theo Điều 5")
    assert perform(dossier, counter, Action.ASSIGN).state == State.IN_PROGRESS


def test_fees_on_request_do_not_hold_the_dossier(counter, procedure):
    assert procedure.payment_timing == PaymentTiming.ON_REQUEST
    dossier = received_dossier(officer=counter, procedure=procedure)
    assert perform(dossier, counter, Action.ASSIGN).state == State.IN_PROGRESS


def test_paying_at_submission_online_then_the_dossier_can_be_assigned(counter, at_submission, applicant):
    dossier = received_dossier(officer=counter, procedure=at_submission)
    Dossier.objects.filter(pk=dossier.pk).update(applicant_user=applicant)
    dossier.refresh_from_db()
    assert services.online_payment_offered(dossier)

    payment = services.start_payment(dossier, applicant).payment
    assert payment.amount == 1250000
    assert services.handle_ipn("sandbox", pay_in_sandbox(payment))["RspCode"] == "00"

    payment.refresh_from_db()
    assert payment.state == "paid"
    assert payment.events.last().note == ""  # expected: not "paid while no longer awaiting fees"
    dossier.refresh_from_db()
    assert dossier.state == State.RECEIVED
    assert not services.online_payment_offered(dossier)  # paid: no second payment
    assert perform(dossier, counter, Action.ASSIGN).state == State.IN_PROGRESS


# --- The receipt ------------------------------------------------------------------------------------


def test_the_receipt_lists_the_fee_lines_and_the_total(counter, renewal_procedure, tmp_path):
    dossier = dossier_answering(counter, renewal_procedure, ly_do="Cấp lại")
    exempt_fees(
        dossier, counter, reason="Hộ nghèo", fee_id=renewal_procedure.fees.get(name="Lệ phí cấp lại").pk
    )
    data = receipt_data(dossier)
    assert [(fee.name, fee.amount, fee.due, fee.exemption) for fee in data.fees] == [
        ("Phí thẩm định", 1250000, 1250000, ""),
        ("Lệ phí cấp lại", 400000, 0, "Hộ nghèo"),
    ]
    path = tmp_path / "receipt.pdf"
    path.write_bytes(receipt_pdf(dossier))
    text = " ".join(
        subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout.split()
    )
    assert "7. Phí, lệ phí: Phí thẩm định: 1.250.000 đồng; Lệ phí cấp lại: 0 đồng (miễn: Hộ nghèo)." in text
    assert "Tổng số tiền phải nộp: 1.250.000 đồng" in text


def test_fees_requested_and_recorded_paid_at_the_counter_release_the_dossier(counter, at_submission):
    dossier = received_dossier(officer=counter, procedure=at_submission)
    perform(dossier, counter, Action.REQUEST_FEES)
    dossier = perform(dossier, counter, Action.PAY_FEES, comment="Biên lai số 0012")
    assert dossier.state == State.RECEIVED
    assert perform(dossier, counter, Action.ASSIGN).state == State.IN_PROGRESS
