"""The result drafted from the template by the specialist, read and approved (signed) by the leader,
downloaded by the citizen; its QR code, decoded by zbarimg, leads to a page saying it is valid."""

import shutil
import subprocess

import pytest

from backoffice.tests.e2e.test_one_stop_flow_e2e import sign_in, take
from catalog.models import ResultTemplate
from core.roles import Role
from documents.signing import verify_pdf
from dossiers.constants import ResultDelivery
from dossiers.domain.lifecycle import Action
from dossiers.models import Dossier
from dossiers.services import perform
from dossiers.tests.factories import OfficerFactory
from dossiers.tests.test_submission import citizen
from portal.tests.e2e.conftest import shot, shot_of_pdf
from portal.tests.test_my_dossiers import procedure, submitted  # noqa: F401  (fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def qr_payloads(pdf: bytes, tmp_path) -> list[str]:
    """The QR codes of the PDF's last page, as a phone's camera reads them (rendered, then decoded)."""
    if not (shutil.which("pdftoppm") and shutil.which("zbarimg")):
        pytest.skip("pdftoppm and zbarimg are needed (poppler-utils, zbar-tools)")
    (tmp_path / "result.pdf").write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "200",
            "-singlefile",
            "-l",
            "9",
            str(tmp_path / "result.pdf"),
            str(tmp_path / "p"),
        ],
        check=True,
        timeout=60,
    )
    out = subprocess.run(
        ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(tmp_path / "p.png")],
        capture_output=True,
        timeout=60,
    )
    return [line for line in out.stdout.decode().splitlines() if line]


def test_drafted_reviewed_signed_downloaded_and_verified(
    live_server,
    new_page,
    procedure,  # noqa: F811
    tmp_path,
    settings,
):
    settings.MOTCUA_PUBLIC_URL = live_server.url
    owner = citizen()
    dossier = submitted(owner, procedure)
    Dossier.objects.filter(pk=dossier.pk).update(result_delivery=ResultDelivery.ONLINE)
    ResultTemplate.objects.create(
        procedure=procedure,
        title="GIẤY PHÉP",
        subject="Cấp cho {applicant_name}",
        body="Điều 1. Cấp giấy phép cho Ông/Bà {applicant_name}, số định danh {personal_id}.",
        signer_title="GIÁM ĐỐC",
    )
    agency = dossier.agency
    counter = OfficerFactory(username="tiepnhan", agency=agency, role=Role.COUNTER_OFFICER)
    OfficerFactory(
        username="chuyenvien", agency=agency, role=Role.SPECIALIST, last_name="Lê Văn", first_name="An"
    )
    OfficerFactory(
        username="lanhdao", agency=agency, role=Role.LEADER, last_name="Phạm Thị", first_name="Hoa"
    )
    for action in (Action.RECEIVE, Action.ASSIGN, Action.FORWARD):
        perform(Dossier.objects.get(pk=dossier.pk), counter, action)

    # The specialist drafts the result from the procedure's template and sends it to the leader.
    page = sign_in(new_page, live_server, "chuyenvien")
    page.goto(f"{live_server.url}/can-bo/ho-so/{dossier.code}/")
    page.get_by_role("button", name="Lập dự thảo kết quả từ mẫu của thủ tục").click()
    page.wait_for_load_state()
    assert "phiên bản 1" in page.inner_text("#result")
    take(page, "forward")

    # The leader reads the draft on the dossier's page, then approves: that signs it.
    page = sign_in(new_page, live_server, "lanhdao")
    page.goto(f"{live_server.url}/can-bo/ho-so/{dossier.code}/")
    preview = page.locator("iframe#draft-preview")
    assert preview.is_visible()
    draft_response = page.request.get(live_server.url + preview.get_attribute("src"))
    assert draft_response.ok and draft_response.body().startswith(b"%PDF-")
    shot(page, "backoffice-draft-result-desktop")
    take(page, "approve")
    assert "Đã ký bởi Phạm Thị Hoa" in page.inner_text("#result")
    take(page, "issue_result")

    # The citizen downloads the signed result from their dossier's page.
    citizen_page = new_page()
    citizen_page.goto(f"{live_server.url}/accounts/login/?next=/ho-so-cua-toi/")
    citizen_page.fill("#id_username", owner.username)
    citizen_page.fill("#id_password", "secret-pass-123")
    citizen_page.locator("main form button[type=submit]").click()
    citizen_page.wait_for_load_state()
    citizen_page.get_by_role("link", name=dossier.code).first.click()
    with citizen_page.expect_download() as download:
        citizen_page.get_by_role("link", name="Tải kết quả").click()
    pdf = tmp_path / "downloaded.pdf"
    download.value.save_as(pdf)
    signed = pdf.read_bytes()
    verification = verify_pdf(signed)
    assert verification.ok, verification
    shot_of_pdf(new_page(), signed, "signed-result", tmp_path)

    # Its QR code leads to the verification page, which says it is valid.
    urls = qr_payloads(signed, tmp_path)
    assert len(urls) == 1 and urls[0].startswith(f"{live_server.url}/xac-thuc/")
    check = new_page()
    check.goto(urls[0])
    assert check.locator("#verdict strong").inner_text() == "Hợp lệ"
    assert "Phạm Thị Hoa" in check.inner_text("#signature-record")
    shot(check, "verification-page")
