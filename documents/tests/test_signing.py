"""Signing and verification (documents.signing): PAdES B-B, B-T, B-LT with the pkcs12 and remote signers,
checked by our verification, by poppler's pdfsig, pdftotext and zbarimg."""

import io
import shutil
import subprocess

import pytest
from django.test import override_settings
from fpdf import FPDF
from pyhanko.pdf_utils.reader import PdfFileReader

from documents.forms.layout import font_path
from documents.signing import SigningParty, SigningUnavailable, sign_pdf, verify_pdf
from documents.signing.devserver import DevSigningServer
from documents.signing.pki import create_dev_pki
from documents.signing.providers import password_for

from .pdf_text import pdf_text

CODE = "000.00.04.G18"
AGENCY = "Sở Tư pháp tỉnh Quảng Ninh"
OTHER_CODE = "000.00.12.H47"
BODY = "Quyết định cấp Giấy phép xây dựng nhà ở riêng lẻ cho bà Nguyễn Thị Hồng Nhung"
PASSWORD = "test-pki-password"
TOKEN = "test-bearer-token"
URL = "https://dichvucong.example.vn/xac-thuc/8f3a2c"
LEADER = SigningParty(CODE, AGENCY, signer_name="Trần Văn Đức", signer_title="Phó Giám đốc")


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    """The dev PKI (its certificates name the loopback server's CRL) and the signing server over it."""
    directory = tmp_path_factory.mktemp("pki")
    with DevSigningServer(directory, PASSWORD, token=TOKEN) as server:
        create_dev_pki(
            directory, [(CODE, AGENCY), (OTHER_CODE, "Sở Xây dựng")], PASSWORD, crl_url=server.url + "/crl"
        )
        with override_settings(
            MOTCUA_SIGNER="pkcs12",
            MOTCUA_SIGNING_PKCS12_DIR=directory,
            MOTCUA_SIGNING_PKCS12_PASSWORD=PASSWORD,
            MOTCUA_SIGNING_PKCS12_AGENCY_PASSWORDS={},
            MOTCUA_SIGNING_TRUST_ROOTS=[str(directory / "root.pem")],
            MOTCUA_SIGNING_TSA_URL="",
            MOTCUA_SIGNING_EMBED_VALIDATION=False,
            MOTCUA_REMOTE_SIGNER_URL=server.url,
            MOTCUA_REMOTE_SIGNER_TOKEN=TOKEN,
            MOTCUA_SIGNING_TIMEOUT_SECONDS=5,
        ):
            yield server


@pytest.fixture(scope="module")
def document():
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", "", str(font_path("")))
    pdf.set_font("DejaVu", size=12)
    pdf.multi_cell(0, 8, BODY)
    return bytes(pdf.output())


@pytest.fixture(scope="module")
def signed(pki, document):
    return sign_pdf(document, LEADER, reason="Phê duyệt kết quả", verification_url=URL)


def pdfsig(pdf: bytes, tmp_path) -> str:
    if shutil.which("pdfsig") is None:
        pytest.skip("pdfsig not installed (apt-get install poppler-utils)")
    path = tmp_path / "signed.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdfsig", str(path)], capture_output=True, timeout=20, text=True).stdout


def tampered(pdf: bytes) -> bytes:
    """One byte of the signed revision changed: a letter of fpdf2's producer string."""
    at = pdf.index(b"/Producer (") + len(b"/Producer (")
    return pdf[:at] + bytes([pdf[at] ^ 0x01]) + pdf[at + 1 :]


def only_signature(pdf):
    verification = verify_pdf(pdf)
    assert len(verification.signatures) == 1
    return verification, verification.signatures[0]


def test_a_signed_result_is_valid_trusted_and_whole(signed):
    verification, check = only_signature(signed)
    assert verification.ok
    assert (check.intact, check.valid, check.trusted, check.covers_whole_document) == (True, True, True, True)
    assert (check.signer_name, check.organization) == ("Trần Văn Đức", AGENCY)
    assert check.reason == "Phê duyệt kết quả"
    assert check.timestamped is False  # B-B: no timestamp authority configured
    assert check.revocation_checked is False


def test_pdfsig_accepts_the_signature(signed, tmp_path):
    report = pdfsig(signed, tmp_path)
    assert "  - Signature Validation: Signature is Valid." in report
    assert f"Signer Certificate Common Name: {AGENCY}" in report
    assert "Total document signed" in report
    # No NSS certificate database (certutil) on this machine: pdfsig cannot be told to trust the dev
    # root, so its certificate verdict is not asserted; our own verification checks the chain.


def test_one_changed_byte_fails_both(signed, tmp_path):
    copy = tampered(signed)
    verification, check = only_signature(copy)
    assert not verification.ok
    assert check.intact is False
    assert verification.sha256 != verify_pdf(signed).sha256
    report = pdfsig(copy, tmp_path)
    assert "Signature is Valid." not in report
    assert "  - Signature Validation: Digest Mismatch." in report


def test_the_text_and_the_signature_block_extract_exactly(signed, tmp_path):
    text = pdf_text(signed, tmp_path)
    assert BODY in text
    assert f"Ký bởi: {AGENCY}" in text
    assert "Phó Giám đốc: Trần Văn Đức" in text
    assert "Thời gian ký: " in text
    assert "Quét mã QR để xác thực văn bản" in text


def test_the_qr_code_leads_to_the_verification_url(signed, tmp_path):
    if shutil.which("zbarimg") is None or shutil.which("pdftoppm") is None:
        pytest.skip("zbarimg or pdftoppm not installed")
    (tmp_path / "signed.pdf").write_bytes(signed)
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "150",
            "-png",
            "-singlefile",
            str(tmp_path / "signed.pdf"),
            str(tmp_path / "page"),
        ],
        check=True,
        timeout=30,
    )
    out = subprocess.run(
        ["zbarimg", "-q", "--raw", str(tmp_path / "page.png")], capture_output=True, text=True, timeout=30
    ).stdout
    assert out.strip() == URL


def test_a_seal_has_no_person(pki, document, tmp_path):
    sealed = sign_pdf(document, SigningParty(CODE, AGENCY), reason="Biên nhận hồ sơ")
    _, check = only_signature(sealed)
    assert check.signer_name == AGENCY
    text = pdf_text(sealed, tmp_path)
    assert "Quét mã QR" not in text
    assert "Phó Giám đốc" not in text


def test_b_t_carries_a_valid_timestamp(pki, document, settings):
    settings.MOTCUA_SIGNING_TSA_URL = pki.url + "/tsa"
    verification, check = only_signature(sign_pdf(document, LEADER, reason="Phê duyệt", verification_url=URL))
    assert verification.ok
    assert check.timestamped is True


def test_b_lt_embeds_the_validation_data(pki, document, settings):
    settings.MOTCUA_SIGNING_TSA_URL = pki.url + "/tsa"
    settings.MOTCUA_SIGNING_EMBED_VALIDATION = True
    signed_lt = sign_pdf(document, LEADER, reason="Phê duyệt", verification_url=URL)
    dss = PdfFileReader(io.BytesIO(signed_lt)).root["/DSS"]
    assert len(dss["/CRLs"]) >= 1
    assert len(dss["/Certs"]) >= 2
    verification, check = only_signature(signed_lt)
    assert verification.ok
    assert (check.timestamped, check.revocation_checked, check.covers_whole_document) == (True, True, True)


def test_b_lt_falls_back_when_revocation_is_unreachable(pki, document, settings, tmp_path):
    settings.MOTCUA_SIGNING_EMBED_VALIDATION = True
    directory = tmp_path / "pki"
    create_dev_pki(directory, [(CODE, AGENCY)], PASSWORD, crl_url="http://127.0.0.1:9/crl")
    settings.MOTCUA_SIGNING_PKCS12_DIR = directory
    settings.MOTCUA_SIGNING_TRUST_ROOTS = [str(directory / "root.pem")]
    signed_bb = sign_pdf(document, LEADER, reason="Phê duyệt")
    assert "/DSS" not in PdfFileReader(io.BytesIO(signed_bb)).root
    assert verify_pdf(signed_bb).ok


def test_the_remote_signer_gives_the_same_kind_of_file(pki, document, settings, tmp_path):
    settings.MOTCUA_SIGNER = "remote"
    settings.MOTCUA_SIGNING_TSA_URL = pki.url + "/tsa"
    remote = sign_pdf(document, LEADER, reason="Phê duyệt kết quả", verification_url=URL)
    verification, check = only_signature(remote)
    assert verification.ok
    assert (check.signer_name, check.organization, check.timestamped) == ("Trần Văn Đức", AGENCY, True)
    assert "  - Signature Validation: Signature is Valid." in pdfsig(remote, tmp_path)
    assert BODY in pdf_text(remote, tmp_path)
    assert verify_pdf(tampered(remote)).signatures[0].intact is False


def test_the_remote_signer_with_a_wrong_token_is_unavailable(pki, document, settings):
    settings.MOTCUA_SIGNER = "remote"
    settings.MOTCUA_REMOTE_SIGNER_TOKEN = "wrong"
    with pytest.raises(SigningUnavailable, match=r"Sở Tư pháp tỉnh Quảng Ninh.*HTTP 401"):
        sign_pdf(document, LEADER, reason="Phê duyệt")


def test_the_remote_signer_unreachable_is_unavailable(pki, document, settings, english):
    settings.MOTCUA_SIGNER = "remote"
    settings.MOTCUA_REMOTE_SIGNER_URL = "http://127.0.0.1:9"
    with pytest.raises(SigningUnavailable, match="cannot be reached"):
        sign_pdf(document, LEADER, reason="Phê duyệt")


def test_an_untrusted_root_is_not_trusted(signed, settings, tmp_path):
    other = tmp_path / "other"
    create_dev_pki(other, [], "x")
    settings.MOTCUA_SIGNING_TRUST_ROOTS = [str(other / "root.pem")]
    verification, check = only_signature(signed)
    assert (check.intact, check.valid, check.trusted) == (True, True, False)
    assert not verification.ok


def test_a_missing_certificate_is_unavailable(pki, document, english):
    with pytest.raises(SigningUnavailable, match="Sở Nội vụ has no signing certificate yet"):
        sign_pdf(document, SigningParty("000.00.99.H99", "Sở Nội vụ"), reason="Biên nhận")


def test_a_wrong_password_is_unavailable(pki, document, settings, english):
    settings.MOTCUA_SIGNING_PKCS12_PASSWORD = "wrong"
    with pytest.raises(
        SigningUnavailable, match="certificate of Sở Tư pháp tỉnh Quảng Ninh cannot be opened"
    ):
        sign_pdf(document, LEADER, reason="Phê duyệt")


def test_an_agency_may_have_its_own_password(settings):
    settings.MOTCUA_SIGNING_PKCS12_PASSWORD = "common"
    settings.MOTCUA_SIGNING_PKCS12_AGENCY_PASSWORDS = {"000_00_04_G18": "own"}
    assert (password_for(CODE), password_for(OTHER_CODE)) == ("own", "common")


def test_not_a_pdf_and_an_unsigned_pdf_say_so(document, pki, english):
    garbage = verify_pdf(b"not a pdf at all")
    assert (garbage.ok, garbage.signatures, garbage.problem) == (False, (), "The file is not a readable PDF.")
    unsigned = verify_pdf(document)
    assert (unsigned.ok, unsigned.problem) == (False, "The file carries no digital signature.")


def test_the_dev_pki_keeps_what_exists_and_adds_the_missing(tmp_path):
    first = create_dev_pki(tmp_path, [(CODE, AGENCY)], PASSWORD)
    root = (tmp_path / "root.pem").read_bytes()
    p12 = (tmp_path / f"{CODE}.p12").read_bytes()
    second = create_dev_pki(tmp_path, [(CODE, AGENCY), (OTHER_CODE, "Sở Xây dựng")], PASSWORD)
    assert (first.created, second.created, second.kept) == ((CODE,), (OTHER_CODE,), (CODE,))
    assert (tmp_path / "root.pem").read_bytes() == root
    assert (tmp_path / f"{CODE}.p12").read_bytes() == p12
