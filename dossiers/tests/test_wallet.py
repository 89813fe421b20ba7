"""The document wallet: what it holds, who may open it, what a component accepts from it, and reuse at
submission (the same stored file, never a copy), with its refusals."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import User
from catalog.tests.factories import DossierComponentFactory, procedure_with_details
from core.roles import Role
from documents.tests.samples import MINIMAL_PDF
from dossiers import submission, wallet
from dossiers.domain.errors import DomainError
from dossiers.domain.lifecycle import State
from dossiers.models import Dossier, DossierFile
from dossiers.submission import SubmissionInvalid
from dossiers.tests.factories import OfficerFactory
from dossiers.tests.wallet_data import digitized_component, issued_result

pytestmark = pytest.mark.django_db
LAN, BINH = "022190001234", "022090005678"


def citizen(username="lan", personal_id=LAN, **extra):
    values = {
        "first_name": "Lan",
        "last_name": "Nguyễn Thị",
        "personal_id": personal_id,
        "role": Role.CITIZEN,
    }
    values.update(extra)
    return User.objects.create_user(username=username, password="secret-pass-123", **values)


@pytest.fixture
def licence():
    """The driving-licence procedure (its result goes to the wallet) and the exchange procedure, whose
    component "copy of the licence in use" accepts it."""
    officer = OfficerFactory()
    issuing = procedure_with_details(code="1.002809", name="Cấp giấy phép lái xe", agencies=[officer.agency])
    exchange = procedure_with_details(code="1.002810", name="Đổi giấy phép lái xe", agencies=[officer.agency])
    copy = DossierComponentFactory(
        procedure=exchange, name="Bản sao giấy phép lái xe đang sử dụng", position=3
    )
    copy.accepts_results_of.set([issuing])
    return officer, issuing, exchange, copy


# What the wallet holds ---------------------------------------------------------------------------------
def test_the_wallet_holds_signed_results_of_finished_dossiers_and_digitized_components(licence):
    officer, issuing, exchange, copy = licence
    returned = issued_result(LAN, issuing, officer=officer, state=State.RETURNED)
    ready = issued_result(LAN, issuing, officer=officer, state=State.RESULT_ISSUED)
    issued_result(LAN, issuing, officer=officer, signed=False)  # unsigned: not in the wallet
    issued_result(LAN, issuing, officer=officer, state=State.IN_PROGRESS)  # not issued yet
    issued_result(BINH, issuing, officer=officer)  # someone else's
    scanned = digitized_component(LAN, issuing.components.get(position=1), officer=officer)

    documents = list(wallet.wallet_documents(LAN))

    assert documents == [scanned, ready, returned]  # newest first
    assert documents[1].dossier.procedure == issuing  # which procedure issued it
    assert list(wallet.wallet_documents("")) == []


def test_online_uploads_and_reused_files_are_not_wallet_documents(licence):
    officer, issuing, exchange, copy = licence
    lan = citizen()
    result = issued_result(LAN, issuing, officer=officer)
    draft = submission.start_draft(lan, exchange)
    uploaded = submission.attach_file(draft, lan, exchange.components.get(position=1), pdf())
    reused = submission.attach_from_wallet(draft, lan, copy, result.pk)

    assert list(wallet.wallet_documents(LAN)) == [result]
    assert {uploaded.pk, reused.pk}.isdisjoint(d.pk for d in wallet.wallet_documents(LAN))


def test_the_wallet_is_read_in_one_query(licence, django_assert_num_queries):
    officer, issuing, exchange, copy = licence
    for _ in range(3):
        issued_result(LAN, issuing, officer=officer)
    digitized_component(LAN, issuing.components.get(position=1), officer=officer)

    with django_assert_num_queries(1):
        documents = list(wallet.wallet_documents(LAN))
        names = [
            (d.dossier.procedure.name, d.dossier.agency.name, d.component and d.component.name)
            for d in documents
        ]

    assert len(names) == 4


# Who may open it ---------------------------------------------------------------------------------------
def test_only_a_citizen_s_confirmed_account_opens_its_own_wallet():
    assert wallet.holder_of(citizen()) == LAN
    organization = citizen("cty", personal_id="", applicant_type=2, tax_code="0101234567")
    assert wallet.holder_of(organization) == "0101234567"
    assert wallet.holder_of(citizen("moi", personal_id=BINH, contact_confirmed_at=None)) == ""
    assert wallet.holder_of(OfficerFactory(personal_id="022190009999")) == ""
    assert wallet.holder_of(citizen("khong-so", personal_id="")) == ""

    class Anonymous:
        is_authenticated = False

    assert wallet.holder_of(Anonymous()) == ""


# What a component accepts ------------------------------------------------------------------------------
def test_a_component_accepts_results_of_its_procedures_and_the_same_component_digitized(licence):
    officer, issuing, exchange, copy = licence
    result = issued_result(LAN, issuing, officer=officer)
    same = digitized_component(LAN, copy, officer=officer)
    other = digitized_component(LAN, issuing.components.get(position=1), officer=officer)
    form = exchange.components.get(position=1)  # "Tờ khai đề nghị": issuing's position 1 has the same name

    assert wallet.documents_accepted_for(copy, LAN) == [same, result]
    assert wallet.documents_accepted_for(form, LAN) == [other]
    assert wallet.documents_accepted_for(exchange.components.get(position=2), LAN) == []
    assert wallet.documents_accepted_for(copy, BINH) == []


def test_accepted_documents_of_all_components_in_two_queries(licence, django_assert_num_queries):
    officer, issuing, exchange, copy = licence
    result = issued_result(LAN, issuing, officer=officer)
    scanned = digitized_component(LAN, issuing.components.get(position=1), officer=officer)
    components = list(exchange.components.order_by("position"))

    with django_assert_num_queries(2):
        found = wallet.accepted_by_component(components, LAN)

    assert found == {components[0].pk: [scanned], copy.pk: [result]}


# Reuse at submission -----------------------------------------------------------------------------------
def pdf():
    return SimpleUploadedFile("to-khai.pdf", MINIMAL_PDF, content_type="application/pdf")


def test_a_wallet_document_is_attached_as_the_same_stored_file_and_counts_as_supplied(licence, english):
    officer, issuing, exchange, copy = licence
    lan = citizen()
    result = issued_result(LAN, issuing, officer=officer)
    draft = submission.start_draft(lan, exchange)
    assert f"component-{copy.pk}" in submission.submission_errors(draft)

    reused = submission.attach_from_wallet(draft, lan, copy, str(result.pk))

    assert (reused.dossier, reused.component, reused.reused_from) == (draft, copy, result)
    assert (reused.file.name, reused.sha256, reused.size) == (result.file.name, result.sha256, result.size)
    assert (reused.digitized, reused.kind) == (False, DossierFile.Kind.COMPONENT)
    assert f"component-{copy.pk}" not in submission.submission_errors(draft)
    with pytest.raises(SubmissionInvalid) as twice:
        submission.attach_from_wallet(draft, lan, copy, result.pk)
    assert twice.value.errors == {
        f"component-{copy.pk}": ["This document from your wallet is attached already."]
    }


def test_removing_a_reused_file_keeps_the_wallet_s_stored_file(licence, django_capture_on_commit_callbacks):
    officer, issuing, exchange, copy = licence
    lan = citizen()
    result = issued_result(LAN, issuing, officer=officer)
    draft = submission.start_draft(lan, exchange)
    reused = submission.attach_from_wallet(draft, lan, copy, result.pk)

    with django_capture_on_commit_callbacks(execute=True):
        submission.remove_file(draft, lan, reused.pk)

    assert not DossierFile.objects.filter(pk=reused.pk).exists()
    with result.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_deleting_a_draft_keeps_the_wallet_s_stored_file(licence, django_capture_on_commit_callbacks):
    officer, issuing, exchange, copy = licence
    lan = citizen()
    result = issued_result(LAN, issuing, officer=officer)
    draft = submission.start_draft(lan, exchange)
    submission.attach_from_wallet(draft, lan, copy, result.pk)

    with django_capture_on_commit_callbacks(execute=True):
        submission.delete_draft(draft, lan)

    assert not Dossier.objects.filter(pk=draft.pk).exists()
    assert result.file.storage.exists(result.file.name)


@pytest.mark.parametrize(
    "case", ["someone_else_s", "not_accepted", "unsigned", "not_a_number", "missing", "other_procedure"]
)
def test_a_document_outside_the_wallet_or_not_accepted_is_refused(licence, case, english):
    officer, issuing, exchange, copy = licence
    lan = citizen()
    draft = submission.start_draft(lan, exchange)
    component = copy
    if case == "someone_else_s":
        document_id = issued_result(BINH, issuing, officer=officer).pk
    elif case == "not_accepted":
        document_id = issued_result(LAN, exchange, officer=officer).pk  # the exchange's own result
    elif case == "unsigned":
        document_id = issued_result(LAN, issuing, officer=officer, signed=False).pk
    elif case == "not_a_number":
        document_id = "1 OR 1=1"
    elif case == "missing":
        document_id = 987654
    else:  # a component of another procedure
        document_id = issued_result(LAN, issuing, officer=officer).pk
        component = issuing.components.get(position=2)

    with pytest.raises(SubmissionInvalid) as refused:
        submission.attach_from_wallet(draft, lan, component, document_id)

    message = {
        "other_procedure": "This document is not part of this procedure.",
    }.get(
        case,
        "This document is not in your document wallet, or “Bản sao giấy phép lái xe đang sử dụng” does not "
        "accept it.",
    )
    assert refused.value.errors == {f"component-{component.pk}": [message]}
    assert not draft.files.exists()


def test_an_unconfirmed_account_cannot_reuse_even_its_own_id(licence):
    officer, issuing, exchange, copy = licence
    lan = citizen(contact_confirmed_at=None)
    result = issued_result(LAN, issuing, officer=officer)
    draft = Dossier.objects.create(
        procedure=exchange, agency=officer.agency, channel=2, applicant_user=lan, applicant_id_number=LAN
    )
    with pytest.raises(SubmissionInvalid):
        submission.attach_from_wallet(draft, lan, copy, result.pk)


def test_a_sent_dossier_takes_no_wallet_document(licence):
    officer, issuing, exchange, copy = licence
    lan = citizen()
    result = issued_result(LAN, issuing, officer=officer)
    draft = submission.start_draft(lan, exchange)
    Dossier.objects.filter(pk=draft.pk).update(state=State.IN_PROGRESS, step_index=1)
    with pytest.raises(DomainError):
        submission.attach_from_wallet(draft, lan, copy, result.pk)
