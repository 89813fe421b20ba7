"""The public verification of a signed result (/xac-thuc/<id> and its API): our record, the check of the
stored file, a visitor's copy compared, the content only with the QR code's token."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dossiers.domain.lifecycle import Action
from dossiers.models import DossierFile
from dossiers.services import perform, prepare_result_draft
from dossiers.signing import verification_path
from dossiers.tests.test_result_drafts import at_the_specialist, read, team  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed(team, at_the_specialist):  # noqa: F811
    prepare_result_draft(at_the_specialist, team["specialist"])
    perform(at_the_specialist, team["specialist"], Action.FORWARD)
    perform(at_the_specialist, team["leader"], Action.APPROVE)
    return at_the_specialist.files.get(kind=DossierFile.Kind.RESULT)


def test_the_qr_link_says_valid_and_lets_its_holder_download(client, signed):
    page = client.get(verification_path(signed))
    assert page.status_code == 200
    html = page.content.decode()
    assert "<strong>Hợp lệ</strong>" in html
    assert "Phạm Thị Hoa" in html and signed.dossier.agency.name in html
    assert signed.sha256 in html if signed.sha256 else True
    download = client.get(f"/xac-thuc/{signed.public_id}/tai-ve/?t={signed.access_token}")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == read(signed)


def test_without_the_token_only_metadata_is_shown(client, signed):
    page = client.get(verification_path(signed, with_token=False))
    assert page.status_code == 200
    assert "tai-ve" not in page.content.decode()
    assert client.get(f"/xac-thuc/{signed.public_id}/tai-ve/").status_code == 404
    assert client.get(f"/xac-thuc/{signed.public_id}/tai-ve/?t=wrong").status_code == 404


def test_an_unknown_or_unsigned_document_is_not_found(client, signed):
    assert client.get("/xac-thuc/not-a-uuid/").status_code == 404
    assert client.get("/xac-thuc/00000000-0000-4000-8000-000000000000/").status_code == 404
    draft = signed.dossier.files.get(kind=DossierFile.Kind.RESULT_DRAFT)
    assert client.get(f"/xac-thuc/{draft.public_id}/").status_code == 404  # never signed


def test_a_visitor_copy_is_compared_with_the_record(client, signed):
    genuine = read(signed)
    page = client.post(verification_path(signed), {"tep": SimpleUploadedFile("kq.pdf", genuine)})
    assert "Bản này là bản thật" in page.content.decode()
    position = len(genuine) // 3
    tampered = genuine[:position] + bytes([genuine[position] ^ 0x01]) + genuine[position + 1 :]
    page = client.post(verification_path(signed), {"tep": SimpleUploadedFile("kq.pdf", tampered)})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Bản này không phải văn bản cơ quan đã ban hành" in html
    page = client.post(verification_path(signed), {})
    assert page.status_code == 422 and "Chọn tệp PDF cần kiểm tra." in page.content.decode()


def test_the_api_gives_the_same_verdict(client, signed):
    answer = client.get(f"/api/v1/documents/{signed.public_id}/verification")
    assert answer.status_code == 200
    body = answer.json()
    assert (body["valid"], body["intact"], body["trusted"]) == (True, True, True)
    assert body["signer_name"] == "Phạm Thị Hoa" and body["dossier_code"] == signed.dossier.code
    assert len(body["sha256"]) == 64 and len(body["signatures"]) == 1
    assert client.get("/api/v1/documents/nope/verification").status_code == 404


def test_a_stored_file_changed_behind_our_back_is_not_valid(client, signed):
    content = read(signed)
    with signed.file.storage.open(signed.file.name, "wb") as handle:
        handle.write(content[:-10] + b"%%EOF\n%x\n")
    page = client.get(verification_path(signed))
    assert "<strong>Không hợp lệ</strong>" in page.content.decode()
    assert client.get(f"/api/v1/documents/{signed.public_id}/verification").json()["valid"] is False
