"""Online submission by a citizen: drafts, uploads, submission, supplements, withdrawal."""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from accounts.models import User
from catalog.constants import PublicationState
from catalog.models import FormField
from catalog.tests.factories import AgencyFactory, procedure_with_details
from core.roles import Role
from documents.tests.samples import MINIMAL_PDF
from dossiers import submission
from dossiers.constants import Channel, ResultDelivery
from dossiers.domain.errors import DomainError
from dossiers.domain.lifecycle import Action, State
from dossiers.models import Dossier, DossierFile, ProcessLogEntry
from dossiers.services import Applicant, DossierNotFound, appointment_for, perform, province_calendar
from dossiers.submission import SubmissionInvalid
from dossiers.tests.factories import OfficerFactory
from notifications.tests.worker import run_worker_once

pytestmark = pytest.mark.django_db
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
MONDAY_9AM = datetime(2026, 3, 2, 9, 0, tzinfo=HANOI)
QUANG_NINH, AN_SINH = 22, 7090  # a ward of today's Quảng Ninh (vietnam-provinces codes)
PDF = MINIMAL_PDF


def pdf(name="to-khai.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def png(name="trang-1.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def forged(name="giay-to.pdf"):
    return SimpleUploadedFile(
        name, b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200, content_type="application/pdf"
    )


def citizen(username="congdan", **extra):
    values = {
        "first_name": "Lan",
        "last_name": "Nguyễn Thị",
        "email": "lan@example.com",
        "phone": "0912345678",
        "personal_id": "022190001234",
        "role": Role.CITIZEN,
    }
    values.update(extra)
    return User.objects.create_user(username=username, password="secret-pass-123", **values)


@pytest.fixture
def procedure():
    procedure = procedure_with_details(service_level=4)
    FormField.objects.create(procedure=procedure, order=1, key="birth_date", label="Ngày sinh", kind="date")
    FormField.objects.create(
        procedure=procedure,
        order=2,
        key="kind",
        label="Loại phiếu",
        kind="choice",
        choices=["Phiếu số 1", "Phiếu số 2"],
    )
    FormField.objects.create(
        procedure=procedure, order=3, key="copies", label="Số lượng", kind="number", required=False
    )
    return procedure


@pytest.fixture
def user():
    return citizen()


@pytest.fixture
def draft(user, procedure):
    return submission.start_draft(user, procedure)


def complete(draft, user):
    """Answer the e-form and attach the required component: the draft is ready to submit."""
    submission.save_draft(draft, user, form_data={"birth_date": "25/03/1990", "kind": "Phiếu số 1"})
    required = draft.procedure.components.get(required=True)
    submission.attach_file(draft, user, required, pdf())
    return draft


# ── drafts ──────────────────────────────────────────────────────────────────────────────────────────


def test_start_draft_prefills_the_applicant_from_the_account(user, procedure):
    draft = submission.start_draft(user, procedure)
    assert draft.state == State.DRAFT and draft.code is None and draft.channel == Channel.ONLINE
    assert draft.applicant_user == user and draft.agency == procedure.agencies.get()
    assert draft.applicant_name == "Nguyễn Thị Lan"
    assert draft.applicant_id_number == "022190001234"
    assert (draft.applicant_phone, draft.applicant_email) == ("0912345678", "lan@example.com")


@pytest.mark.usefixtures("english")
def test_start_draft_refuses_below_level_3_unpublished_and_officers(user):
    with pytest.raises(DomainError, match="counter"):
        submission.start_draft(user, procedure_with_details(service_level=2))
    suspended = procedure_with_details(publication_state=PublicationState.SUSPENDED)
    with pytest.raises(DomainError, match="not published"):
        submission.start_draft(user, suspended)
    officer = OfficerFactory()
    with pytest.raises(DomainError, match="citizen"):
        submission.start_draft(officer, procedure_with_details(agencies=[officer.agency]))
    assert not Dossier.objects.exists()


def test_start_draft_with_several_agencies_needs_a_valid_choice(user):
    first, second, other = AgencyFactory(), AgencyFactory(), AgencyFactory()
    procedure = procedure_with_details(agencies=[first, second])
    with pytest.raises(SubmissionInvalid) as refused:
        submission.start_draft(user, procedure)
    assert "agency" in refused.value.errors
    with pytest.raises(SubmissionInvalid):
        submission.start_draft(user, procedure, agency=other)
    assert submission.start_draft(user, procedure, agency=second).agency == second


def test_save_draft_cleans_and_merges_answers(draft, user):
    submission.save_draft(draft, user, form_data={"birth_date": "25/03/1990", "copies": "1.500"})
    submission.save_draft(draft, user, form_data={"kind": "Phiếu số 2", "copies": ""})
    draft.refresh_from_db()
    assert draft.form_data == {"birth_date": "1990-03-25", "kind": "Phiếu số 2"}


@pytest.mark.usefixtures("english")
def test_save_draft_names_every_bad_field_and_saves_nothing(draft, user):
    submission.save_draft(draft, user, form_data={"kind": "Phiếu số 1"})
    with pytest.raises(SubmissionInvalid) as refused:
        submission.save_draft(
            draft,
            user,
            applicant=Applicant(name="Lan", id_number="123", phone="12", email="not-an-email"),
            form_data={"birth_date": "31/02/1990", "kind": "Phiếu số 9", "copies": "abc"},
            result_delivery="pigeon",
        )
    errors = refused.value.errors
    assert set(errors) == {
        "applicant_id_number",
        "applicant_phone",
        "applicant_email",
        "birth_date",
        "kind",
        "copies",
        "result_delivery",
    }
    assert "12 digits" in errors["applicant_id_number"][0]
    assert "31/02/1990" in errors["birth_date"][0]
    draft.refresh_from_db()
    assert draft.form_data == {"kind": "Phiếu số 1"} and draft.applicant_name == "Nguyễn Thị Lan"


def test_delivery_by_post_with_a_structured_address(draft, user):
    address = {"province_code": QUANG_NINH, "ward_code": AN_SINH, "street": "Số 5 phố Lê Thánh Tông"}
    submission.save_draft(draft, user, result_delivery=ResultDelivery.POST, delivery_address=address)
    draft.refresh_from_db()
    assert draft.result_delivery == ResultDelivery.POST
    assert draft.delivery_address.startswith("Số 5 phố Lê Thánh Tông, ")
    assert "Quảng Ninh" in draft.delivery_address
    assert draft.form_data[submission.DELIVERY_ADDRESS_KEY]["ward_code"] == AN_SINH
    with pytest.raises(SubmissionInvalid) as refused:
        submission.save_draft(draft, user, delivery_address={"province_code": 1, "ward_code": AN_SINH})
    assert "delivery_address" in refused.value.errors


def test_online_delivery_only_at_level_4(user):
    level3 = procedure_with_details(service_level=3)
    assert submission.delivery_options(level3) == ["counter", "post"]
    draft = submission.start_draft(user, level3)
    with pytest.raises(SubmissionInvalid):
        submission.save_draft(draft, user, result_delivery=ResultDelivery.ONLINE)


def test_another_citizen_cannot_touch_the_draft(draft, user, procedure):
    other = citizen("other", personal_id="001085000001")
    component = procedure.components.first()
    calls = [
        lambda: submission.save_draft(draft, other, form_data={"kind": "Phiếu số 1"}),
        lambda: submission.attach_file(draft, other, component, pdf()),
        lambda: submission.submit(draft, other),
        lambda: submission.withdraw(draft, other, reason="x"),
        lambda: submission.delete_draft(draft, other),
        lambda: submission.own_dossier(other, draft.pk),
    ]
    for call in calls:
        with pytest.raises(DossierNotFound):
            call()
    upload = submission.attach_file(draft, user, component, pdf())
    with pytest.raises(DossierNotFound):
        submission.remove_file(draft, other, upload.pk)
    assert list(submission.citizen_dossiers(other)) == []
    officer = OfficerFactory(agency=draft.agency)
    with pytest.raises(DossierNotFound):
        submission.save_draft(draft, officer, form_data={})


# ── files ───────────────────────────────────────────────────────────────────────────────────────────


def test_several_files_per_component_and_remove(draft, user, procedure):
    component = procedure.components.get(required=True)
    first = submission.attach_file(draft, user, component, png("trang-1.png"))
    second = submission.attach_file(draft, user, component, pdf("trang-2.pdf"))
    assert (first.content_type, second.content_type) == ("image/png", "application/pdf")
    assert first.original_name == "trang-1.png" and first.uploaded_by == user
    components = submission.components_with_files(draft)
    assert [f.pk for f in components[0].uploaded] == [first.pk, second.pk]
    submission.remove_file(draft, user, first.pk)
    assert list(draft.files.values_list("pk", flat=True)) == [second.pk]


@pytest.mark.usefixtures("english")
def test_forged_upload_is_refused_and_nothing_else_is_lost(draft, user, procedure):
    submission.save_draft(draft, user, form_data={"birth_date": "25/03/1990", "kind": "Phiếu số 2"})
    component = procedure.components.get(required=True)
    kept = submission.attach_file(draft, user, component, pdf())
    with pytest.raises(SubmissionInvalid) as refused:
        submission.attach_file(draft, user, component, forged("giay-to.pdf"))
    [message] = refused.value.errors[submission.component_key(component)]
    assert "giay-to.pdf" in message and "PDF, JPEG or PNG" in message
    draft.refresh_from_db()
    assert draft.form_data == {"birth_date": "1990-03-25", "kind": "Phiếu số 2"}
    assert list(draft.files.all()) == [kept]
    assert kept.file.storage.exists(kept.file.name)


def test_file_of_another_procedure_component_is_refused(draft, user):
    foreign = procedure_with_details().components.first()
    with pytest.raises(SubmissionInvalid):
        submission.attach_file(draft, user, foreign, pdf())


# ── submission ──────────────────────────────────────────────────────────────────────────────────────


def test_submit_with_missing_parts_names_each_of_them(draft, user, procedure):
    submission.save_draft(draft, user, result_delivery=ResultDelivery.POST)
    with pytest.raises(SubmissionInvalid) as refused:
        submission.submit(draft, user, now=MONDAY_9AM)
    required = procedure.components.get(required=True)
    optional = procedure.components.get(required=False)
    errors = refused.value.errors
    assert set(errors) == {"birth_date", "kind", submission.component_key(required), "delivery_address"}
    assert submission.component_key(optional) not in errors
    draft.refresh_from_db()
    assert draft.state == State.DRAFT and draft.code is None


def test_submit_gives_code_appointment_log_and_receipt(draft, user, procedure):
    complete(draft, user)
    dossier = submission.submit(draft, user, now=MONDAY_9AM)
    dossier.refresh_from_db()
    assert dossier.state == State.SUBMITTED
    assert dossier.code == f"{dossier.agency.code}-260302-0001"
    assert dossier.submitted_at == MONDAY_9AM
    expected = appointment_for(procedure, MONDAY_9AM, province_calendar())
    assert dossier.appointment_at == expected == dossier.original_appointment_at
    entry = dossier.log.get()
    assert (entry.action, entry.from_state, entry.to_state) == ("submit", "draft", "submitted")
    assert entry.actor == user and entry.actor_role == "citizen"
    # The receipt is rendered by the worker, queued in the same transaction (dossiers.receipts).
    assert not dossier.files.filter(kind=DossierFile.Kind.RECEIPT).exists()
    run_worker_once()
    receipt = dossier.files.get(kind=DossierFile.Kind.RECEIPT)
    with receipt.file.open("rb") as stored:
        assert stored.read(5) == b"%PDF-"
    with pytest.raises(DomainError):
        submission.save_draft(dossier, user, form_data={"kind": "Phiếu số 2"})
    with pytest.raises(DomainError):
        submission.submit(dossier, user)


def test_codes_are_gap_free_and_a_failed_submission_leaves_nothing(user, procedure, monkeypatch):
    first, second = submission.start_draft(user, procedure), submission.start_draft(user, procedure)
    complete(first, user)
    complete(second, user)

    def broken_queue(*args, **kwargs):
        raise OSError("database gone")

    monkeypatch.setattr(submission.receipts, "queue_receipt", broken_queue)
    with pytest.raises(OSError):
        submission.submit(first, user, now=MONDAY_9AM)
    first.refresh_from_db()
    assert first.state == State.DRAFT and first.code is None and first.submitted_at is None
    assert not ProcessLogEntry.objects.exists()
    monkeypatch.undo()
    assert submission.submit(second, user, now=MONDAY_9AM).code.endswith("-260302-0001")
    assert submission.submit(first, user, now=MONDAY_9AM).code.endswith("-260302-0002")


def test_counter_receives_the_submitted_dossier_keeping_the_appointment(draft, user):
    complete(draft, user)
    dossier = submission.submit(draft, user, now=MONDAY_9AM)
    officer = OfficerFactory(agency=dossier.agency)
    received = perform(dossier, officer, Action.RECEIVE, now=datetime(2026, 3, 3, 8, 0, tzinfo=HANOI))
    assert received.appointment_at == dossier.appointment_at and received.state == State.RECEIVED


def test_citizen_dossiers_lists_own_newest_first_without_extra_queries(
    user, procedure, django_assert_num_queries
):
    older = submission.start_draft(user, procedure)
    newer = submission.start_draft(user, procedure)
    submission.start_draft(citizen("other", personal_id="001085000001"), procedure)
    with django_assert_num_queries(1):
        rows = [(d.pk, d.procedure.code, d.agency.code) for d in submission.citizen_dossiers(user)]
    assert [pk for pk, *_ in rows] == [newer.pk, older.pk]


def test_delete_draft(draft, user, procedure, django_capture_on_commit_callbacks):
    upload = submission.attach_file(draft, user, procedure.components.first(), pdf())
    name = upload.file.name
    with django_capture_on_commit_callbacks(execute=True):
        submission.delete_draft(draft, user)
    assert not Dossier.objects.filter(pk=draft.pk).exists()
    assert not upload.file.storage.exists(name)


# ── after submission ────────────────────────────────────────────────────────────────────────────────


@pytest.fixture
def awaiting_supplement(draft, user):
    complete(draft, user)
    dossier = submission.submit(draft, user, now=MONDAY_9AM)
    officer = OfficerFactory(agency=dossier.agency)
    return perform(
        dossier,
        officer,
        Action.REQUEST_SUPPLEMENT,
        supplement_items=[{"name": "Bản sao giấy tờ tùy thân", "reason": "Ảnh mờ"}],
        now=datetime(2026, 3, 2, 14, 0, tzinfo=HANOI),
    )


def test_answer_supplement_needs_a_new_file_or_a_comment(awaiting_supplement, user, procedure):
    dossier = awaiting_supplement
    with pytest.raises(SubmissionInvalid) as refused:
        submission.answer_supplement(dossier, user)
    assert submission.GENERAL in refused.value.errors
    sent = dossier.files.get(kind=DossierFile.Kind.COMPONENT)
    with pytest.raises(DomainError):
        submission.remove_file(dossier, user, sent.pk)  # already sent with the dossier
    optional = procedure.components.get(required=False)
    upload = submission.attach_file(dossier, user, optional, png())
    assert upload.supplement_request == dossier.supplement_requests.get()
    answered = submission.answer_supplement(
        dossier, user, comment="Gửi lại bản rõ", now=datetime(2026, 3, 3, 9, 0, tzinfo=HANOI)
    )
    assert answered.state == State.SUBMITTED
    assert answered.log.last().action == Action.SUPPLEMENT
    with pytest.raises(DomainError):
        submission.remove_file(answered, user, upload.pk)  # sent with the supplement


def test_withdraw_needs_a_reason(draft, user):
    complete(draft, user)
    dossier = submission.submit(draft, user, now=MONDAY_9AM)
    with pytest.raises(SubmissionInvalid) as refused:
        submission.withdraw(dossier, user, reason="  ")
    assert "reason" in refused.value.errors
    withdrawn = submission.withdraw(dossier, user, reason="Nộp nhầm thủ tục")
    assert withdrawn.state == State.WITHDRAWN
    assert withdrawn.log.last().comment == "Nộp nhầm thủ tục"


def test_a_draft_without_a_code_still_has_a_readable_name(draft):
    assert draft.code is None
    assert str(draft.pk) in str(draft)
    assert repr(draft)


@pytest.mark.usefixtures("english")
def test_files_are_limited_per_document_and_in_total(draft, user, procedure, settings, monkeypatch):
    component = procedure.components.get(required=True)
    monkeypatch.setattr(submission, "MAX_FILES_PER_COMPONENT", 2)
    submission.attach_file(draft, user, component, pdf("1.pdf"))
    submission.attach_file(draft, user, component, pdf("2.pdf"))
    with pytest.raises(SubmissionInvalid) as refused:
        submission.attach_file(draft, user, component, pdf("3.pdf"))
    assert "At most 2 files per document" in refused.value.errors[submission.component_key(component)][0]

    other = procedure.components.get(required=False)
    settings.MOTCUA_DOSSIER_MAX_BYTES = 3 * len(PDF)  # two stored, a third fits, a fourth does not
    submission.attach_file(draft, user, other, pdf("4.pdf"))
    with pytest.raises(SubmissionInvalid) as refused:
        submission.attach_file(draft, user, other, pdf("5.pdf"))
    assert "may total" in refused.value.errors[submission.component_key(other)][0]
    assert draft.files.count() == 3  # what was kept before stays
