"""The result drafted at the handling step from the procedure's template (or uploaded), reviewed by the
leader, signed by approving it; every version kept; the signed result verifiable."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from catalog.models import FormField, ResultTemplate
from core.roles import Role
from documents.signing import verify_pdf
from documents.tests.pdf_text import pdf_text
from documents.tests.samples import MINIMAL_PDF
from dossiers.constants import ResultDelivery
from dossiers.domain.errors import DomainError
from dossiers.domain.lifecycle import Action
from dossiers.models import Dossier, DossierFile, ProcessLogEntry
from dossiers.result_drafts import NoResultTemplate
from dossiers.services import perform, prepare_result_draft
from dossiers.tests.factories import OfficerFactory, received_dossier

pytestmark = pytest.mark.django_db

BODY = (
    "Điều 1. Cấp giấy phép lái xe hạng {eform.hang} cho Ông/Bà {applicant_name}, "
    "số định danh {personal_id}.\n"
    "Lý do cấp: {eform.ly_do}.\n"
    "Điều 2. Quyết định có hiệu lực từ ngày {issued_date}."
)


def read(stored: DossierFile) -> bytes:
    with stored.file.open("rb") as handle:
        return handle.read()


@pytest.fixture
def team():
    counter = OfficerFactory(role=Role.COUNTER_OFFICER)
    return {
        "counter": counter,
        "specialist": OfficerFactory(
            role=Role.SPECIALIST, agency=counter.agency, last_name="Lê Văn", first_name="Chuyên"
        ),
        "leader": OfficerFactory(
            role=Role.LEADER, agency=counter.agency, last_name="Phạm Thị", first_name="Hoa"
        ),
    }


@pytest.fixture
def at_the_specialist(team):
    """A dossier at the specialist's step of a procedure with a result template and two e-form fields."""
    dossier = received_dossier(officer=team["counter"], name="Trần Thị Bích Ngọc", id_number="001199023456")
    procedure = dossier.procedure
    FormField.objects.create(procedure=procedure, key="hang", label="Hạng", kind="text", order=1)
    FormField.objects.create(procedure=procedure, key="ly_do", label="Lý do", kind="text", order=2)
    Dossier.objects.filter(pk=dossier.pk).update(
        form_data={"hang": "B", "ly_do": "Cấp mới"}, result_delivery=ResultDelivery.ONLINE
    )
    ResultTemplate.objects.create(
        procedure=procedure,
        layout=ResultTemplate.Layout.DECISION,
        title="QUYẾT ĐỊNH",
        subject="Về việc cấp giấy phép lái xe cho {applicant_name}",
        body=BODY,
        signer_title="KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
    )
    perform(dossier, team["counter"], Action.ASSIGN)
    perform(dossier, team["counter"], Action.FORWARD)
    dossier.refresh_from_db()
    return dossier


def drafts(dossier):
    return list(dossier.files.filter(kind=DossierFile.Kind.RESULT_DRAFT).order_by("version"))


def test_the_draft_is_the_template_filled_with_the_dossier_and_its_answers(team, at_the_specialist, tmp_path):
    draft = prepare_result_draft(at_the_specialist, team["specialist"], comment="Đã đối chiếu bản gốc")
    assert (draft.kind, draft.version, draft.content_type) == ("result_draft", 1, "application/pdf")
    text = pdf_text(read(draft), tmp_path)
    assert "QUYẾT ĐỊNH Về việc cấp giấy phép lái xe cho Trần Thị Bích Ngọc" in text
    assert (
        "Điều 1. Cấp giấy phép lái xe hạng B cho Ông/Bà Trần Thị Bích Ngọc, số định danh 001199023456."
        in text
    )
    assert "Lý do cấp: Cấp mới." in text
    assert "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC" in text
    entry = ProcessLogEntry.objects.filter(dossier=at_the_specialist).latest("id")
    assert (entry.action, entry.actor_id) == ("draft_result", team["specialist"].pk)
    assert entry.comment == "Dự thảo kết quả, phiên bản 1: Đã đối chiếu bản gốc"
    at_the_specialist.refresh_from_db()
    assert (at_the_specialist.state, at_the_specialist.step_index) == ("in_progress", 1)  # no transition


def test_without_a_template_the_draft_must_be_uploaded(team, at_the_specialist):
    ResultTemplate.objects.filter(procedure=at_the_specialist.procedure).delete()
    log = ProcessLogEntry.objects.filter(dossier=at_the_specialist).count()
    with pytest.raises(NoResultTemplate):
        prepare_result_draft(at_the_specialist, team["specialist"])
    upload = SimpleUploadedFile("du-thao.pdf", MINIMAL_PDF, content_type="application/pdf")
    draft = prepare_result_draft(at_the_specialist, team["specialist"], upload=upload)
    assert (draft.original_name, read(draft)) == ("du-thao.pdf", MINIMAL_PDF)
    assert ProcessLogEntry.objects.filter(dossier=at_the_specialist).count() == log + 1


def test_an_upload_that_is_not_a_pdf_is_refused_and_nothing_is_kept(team, at_the_specialist):
    upload = SimpleUploadedFile("du-thao.pdf", b"MZ\x90\x00" + b"\x00" * 100, content_type="application/pdf")
    with pytest.raises(DomainError):
        prepare_result_draft(at_the_specialist, team["specialist"], upload=upload)
    assert drafts(at_the_specialist) == []


def test_only_the_specialist_or_the_leader_drafts_and_only_during_processing(team, at_the_specialist):
    with pytest.raises(DomainError, match="chuyên viên"):
        prepare_result_draft(at_the_specialist, team["counter"])
    received = received_dossier(officer=team["counter"])
    with pytest.raises(DomainError):
        prepare_result_draft(received, OfficerFactory(role=Role.SPECIALIST, agency=team["counter"].agency))
    assert drafts(at_the_specialist) == [] and drafts(received) == []


def test_approving_signs_the_newest_draft_and_sending_back_keeps_every_version(
    team, at_the_specialist, tmp_path
):
    dossier = at_the_specialist
    first = prepare_result_draft(dossier, team["specialist"])
    perform(dossier, team["specialist"], Action.FORWARD)
    perform(dossier, team["leader"], Action.SEND_BACK, comment="Sửa lý do")
    Dossier.objects.filter(pk=dossier.pk).update(form_data={"hang": "B", "ly_do": "Cấp lại do mất"})
    second = prepare_result_draft(dossier, team["specialist"])
    perform(dossier, team["specialist"], Action.FORWARD)
    perform(dossier, team["leader"], Action.APPROVE)

    assert [d.pk for d in drafts(dossier)] == [first.pk, second.pk]
    result = dossier.files.get(kind=DossierFile.Kind.RESULT)
    assert (result.version, result.signer_name, result.signer_title) == (
        2,
        "Phạm Thị Hoa",
        "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
    )
    assert result.signed_at is not None and len(result.access_token) >= 32
    signed = read(result)
    verification = verify_pdf(signed)
    assert verification.ok, verification
    assert verification.signatures[0].signer_name  # the agency's certificate
    text = pdf_text(signed, tmp_path)
    assert "Lý do cấp: Cấp lại do mất." in text and "Cấp mới" not in text
    logged = list(ProcessLogEntry.objects.filter(dossier=dossier).values_list("action", flat=True))
    assert logged.count("draft_result") == 2

    # The result was signed at approval: it is issued online without another upload.
    issued = perform(dossier, team["leader"], Action.ISSUE_RESULT)
    assert issued.state == "result_issued"
    assert dossier.files.filter(kind=DossierFile.Kind.RESULT).count() == 1


def test_a_changed_byte_breaks_the_signature_for_pdfsig_and_pyhanko(team, at_the_specialist, tmp_path):
    from documents.tests.test_signing import pdfsig

    prepare_result_draft(at_the_specialist, team["specialist"])
    perform(at_the_specialist, team["specialist"], Action.FORWARD)
    perform(at_the_specialist, team["leader"], Action.APPROVE)
    signed = read(at_the_specialist.files.get(kind=DossierFile.Kind.RESULT))
    assert "Signature Validation: Signature is Valid." in pdfsig(signed, tmp_path)
    position = len(signed) // 3
    tampered = signed[:position] + bytes([signed[position] ^ 0x01]) + signed[position + 1 :]
    assert not verify_pdf(tampered).ok
    assert "Signature is Valid" not in pdfsig(tampered, tmp_path)


def test_the_officers_api_drafts_from_the_template_or_from_a_pdf(client, team, at_the_specialist):
    import base64

    from dossiers.tests.test_api import bearer

    url = f"/api/v1/dossiers/{at_the_specialist.code}/result-draft"
    answer = client.post(url, {"comment": "Bản đầu"}, "application/json", **bearer(team["specialist"]))
    assert answer.status_code == 200, answer.content
    assert answer.json()["log"][-1]["action"] == "draft_result"
    pdf = {"name": "du-thao-2.pdf", "content_base64": base64.b64encode(MINIMAL_PDF).decode()}
    answer = client.post(url, {"document": pdf}, "application/json", **bearer(team["specialist"]))
    assert answer.status_code == 200
    assert [d.version for d in drafts(at_the_specialist)] == [1, 2]
    refused = client.post(url, {}, "application/json", **bearer(team["counter"]))
    assert refused.status_code == 409 and refused.json()["message"]
    bad = client.post(
        url, {"document": {"content_base64": "%%%"}}, "application/json", **bearer(team["leader"])
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "document"
