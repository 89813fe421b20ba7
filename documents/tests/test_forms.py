"""The seven one-stop forms, read back with poppler's pdftotext (and the receipt's QR code with zbarimg).

Plain pytest, no database: ``pytest documents -p no:django`` runs them.
"""

import functools
import re
import shutil
import subprocess
import unicodedata
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from documents.forms import (
    HandOff,
    render_apology,
    render_control_sheet,
    render_receipt,
    render_rejection,
    render_stop_notice,
    render_supplement_request,
    render_tracking_book,
)
from documents.forms.formatting import VN_TZ, date_line, fmt_clock, fmt_date, fmt_datetime

from . import samples

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
HEADER_WORDS = [NATION, MOTTO, "UBND TỈNH QUẢNG NINH", "SỞ TƯ PHÁP"]


def _need(*tools: str) -> None:
    missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed (apt-get install poppler-utils zbar-tools)")


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def _pdftotext(pdf: bytes, tmp_path: Path, *, layout: bool) -> str:
    _need("pdftotext")
    source = tmp_path / "form.pdf"
    source.write_bytes(pdf)
    args = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(source), "-"]
    return subprocess.run(args, check=True, capture_output=True, timeout=20).stdout.decode("utf-8")


def _read(pdf: bytes, tmp_path: Path) -> dict[str, str]:
    """pdftotext's output in both modes, as extracted (pages separated by form feeds)."""
    return {mode: _pdftotext(pdf, tmp_path, layout=mode == "layout") for mode in ("layout", "raw")}


def _assert_contains(pdf: bytes, tmp_path: Path, everywhere: list[str], raw_only: list[str] = ()) -> dict:
    """``everywhere`` must read back in both pdftotext modes; ``raw_only`` (text inside multi-line table
    cells, which -layout interleaves with the neighbouring columns) in reading order only.
    Whitespace is collapsed on both sides: headings and paragraphs wrap."""
    extracted = _read(pdf, tmp_path)
    texts = {mode: _normalise(text) for mode, text in extracted.items()}
    for mode, text in texts.items():
        for expected in everywhere:
            assert _normalise(expected) in text, f"{expected!r} missing from pdftotext ({mode})"
    for expected in raw_only:
        assert _normalise(expected) in texts["raw"], f"{expected!r} missing from pdftotext (raw)"
    return extracted


def _pdfinfo(pdf: bytes, tmp_path: Path) -> dict[str, str]:
    _need("pdfinfo")
    source = tmp_path / "info.pdf"
    source.write_bytes(pdf)
    out = subprocess.run(
        ["pdfinfo", "-enc", "UTF-8", "-isodates", str(source)], check=True, capture_output=True, timeout=20
    ).stdout.decode("utf-8")
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


@functools.cache
def _rendered(form: str) -> bytes:
    """Each sample rendered once per test session (rendering takes a few tenths of a second)."""
    render, sample = FORMS[form]
    return render(sample())


FORMS = {
    "receipt": (render_receipt, samples.receipt),
    "supplement_request": (render_supplement_request, samples.supplement_request),
    "rejection": (render_rejection, samples.rejection),
    "apology": (render_apology, samples.apology),
    "stop_notice": (render_stop_notice, samples.stop_notice),
    "control_sheet": (render_control_sheet, samples.control_sheet),
}


# ------------------------------------------------------------------------------------ formatting


def test_dates_are_vietnamese_and_in_vietnam_time():
    utc = samples.RECEIVED_AT  # 01:30 UTC = 08:30 in Hạ Long
    assert fmt_date(utc) == "05/03/2026"
    assert fmt_datetime(utc) == "08:30 05/03/2026"
    assert fmt_clock(utc) == "08 giờ 30 phút, ngày 05/03/2026"
    assert fmt_clock(datetime(2026, 12, 31, 17, 5)) == "17 giờ 05 phút, ngày 31/12/2026"  # naive = local
    assert fmt_date(datetime(2026, 3, 4, 20, 0, tzinfo=VN_TZ).astimezone(VN_TZ)) == "04/03/2026"


def test_date_line_follows_decree_30():
    """Days below 10 and the months January and February take a leading zero, other months do not."""
    assert date_line("Quảng Ninh", date(2026, 3, 5)) == "Quảng Ninh, ngày 05 tháng 3 năm 2026"
    assert date_line("Quảng Ninh", date(2026, 2, 14)) == "Quảng Ninh, ngày 14 tháng 02 năm 2026"
    assert date_line("Hạ Long", date(2026, 11, 24)) == "Hạ Long, ngày 24 tháng 11 năm 2026"


def test_unknown_handoff_result_is_refused():
    with pytest.raises(ValueError, match="unknown hand-off result"):
        HandOff(
            sending_unit="A",
            handed_over_by="B",
            receiving_unit="C",
            received_by="D",
            at=samples.RECEIVED_AT,
            result="sớm",
        )


# ------------------------------------------------------------------------------------ Mẫu số 01


@pytest.fixture
def receipt_pdf() -> bytes:
    return _rendered("receipt")


def test_receipt_text(receipt_pdf, tmp_path):
    _assert_contains(
        receipt_pdf,
        tmp_path,
        [
            *HEADER_WORDS,
            "Quảng Ninh, ngày 05 tháng 3 năm 2026",
            "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
            f"Mã hồ sơ: {samples.CODE}",
            "Tiếp nhận hồ sơ của: Nguyễn Thị Hồng Nhung",
            "Số định danh cá nhân: 022190001234",
            "Phường Hạ Long, Tỉnh Quảng Ninh",
            "Email: hongnhung.nguyen@example.vn",
            "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam",
            "Hình thức nộp hồ sơ: Trực tiếp tại Bộ phận Một cửa",
            "1. Thành phần hồ sơ nộp gồm:",
            "Bản sao Căn cước công dân",
            "Bản chính",
            "Bản sao",
            "2. Số lượng hồ sơ: 01 (bộ)",
            "3. Thời gian giải quyết hồ sơ theo quy định: 10 ngày làm việc",
            # received at 01:30 UTC: printed in Vietnamese time
            "4. Thời gian nhận hồ sơ: 08 giờ 30 phút, ngày 05/03/2026",
            "5. Thời gian trả kết quả giải quyết hồ sơ: 16 giờ 30 phút, ngày 19/03/2026",
            "6. Đăng ký nhận kết quả: Qua dịch vụ bưu chính công ích",
            "Vào Sổ theo dõi hồ sơ, Quyển số: 03/2026, Số thứ tự: 125.",
            "NGƯỜI NỘP HỒ SƠ",
            "NGƯỜI TIẾP NHẬN",
            "(Ký, ghi rõ họ tên)",
            "Trần Văn Đức",
        ],
        raw_only=["Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp", "Giấy tờ chứng minh nơi cư trú"],
    )


def test_receipt_qr_code_decodes_to_lookup_url_with_dossier_code(receipt_pdf, tmp_path):
    _need("pdftoppm", "zbarimg")
    (tmp_path / "r.pdf").write_bytes(receipt_pdf)
    subprocess.run(
        ["pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", "-H", "1170", "r.pdf", "page"],
        cwd=tmp_path,
        check=True,
        timeout=30,
    )
    (png,) = tmp_path.glob("page*.png")
    decoded = subprocess.run(["zbarimg", "--quiet", "--raw", str(png)], capture_output=True, timeout=30)
    assert decoded.returncode == 0, decoded.stderr
    payload = decoded.stdout.decode("utf-8").strip()
    assert samples.CODE in payload
    assert payload == samples.receipt().lookup_url


def test_receipt_metadata(receipt_pdf, tmp_path):
    info = _pdfinfo(receipt_pdf, tmp_path)
    assert info["Title"] == "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
    assert info["Author"] == "SỞ TƯ PHÁP"
    assert info["Subject"] == samples.CODE
    assert info["CreationDate"].startswith("2026-03-05T08:30:00+07")  # from received_at, Vietnamese time
    assert info["Pages"] == "1"


def test_rendering_is_deterministic(receipt_pdf):
    assert render_receipt(samples.receipt()) == receipt_pdf
    later = replace(samples.receipt(), received_at=datetime(2026, 3, 5, 9, 0, tzinfo=VN_TZ))
    assert render_receipt(later) != receipt_pdf


def test_receipt_without_lookup_url_still_prints_and_decomposed_input_is_recomposed(tmp_path):
    """Text typed with combining marks (NFD) comes out as ordinary Vietnamese letters."""
    data = samples.receipt()
    nfd_applicant = replace(data.applicant, name=unicodedata.normalize("NFD", "Nguyễn Thị Hồng Nhung"))
    pdf = render_receipt(replace(data, lookup_url="", applicant=nfd_applicant, processing_time=""))
    raw = _assert_contains(pdf, tmp_path, ["Tiếp nhận hồ sơ của: Nguyễn Thị Hồng Nhung", samples.CODE])["raw"]
    assert "Thời gian giải quyết hồ sơ theo quy định: …" in _normalise(raw)  # blank left to fill by hand


# ------------------------------------------------------------------------------------ Mẫu số 02-05


def test_supplement_request(tmp_path):
    pdf = _rendered("supplement_request")
    _assert_contains(
        pdf,
        tmp_path,
        [
            *HEADER_WORDS,
            "Quảng Ninh, ngày 06 tháng 3 năm 2026",
            "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
            f"Mã hồ sơ: {samples.CODE}",
            "Hồ sơ của: Nguyễn Thị Hồng Nhung",
            "Phường Hạ Long, Tỉnh Quảng Ninh",
            "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam",
            "bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:",
            "Nội dung cần bổ sung, hoàn thiện",
            "Bản sao Căn cước công dân",
            "Giấy ủy quyền có chứng thực",
            "05 ngày làm việc kể từ ngày nhận được Phiếu này",
            "số điện thoại 0203 3835 123",
            "NGƯỜI HƯỚNG DẪN",
            "(Ký, ghi rõ họ tên)",
            "Trần Văn Đức",
        ],
        raw_only=["Bản sao bị mờ, không đọc được số định danh cá nhân"],
    )


def test_rejection(tmp_path):
    pdf = _rendered("rejection")
    _assert_contains(
        pdf,
        tmp_path,
        [
            *HEADER_WORDS,
            "Quảng Ninh, ngày 05 tháng 3 năm 2026",
            "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
            f"Mã hồ sơ: {samples.CODE}",
            "Tiếp nhận hồ sơ của: Nguyễn Thị Hồng Nhung",
            "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam",
            "từ chối tiếp nhận, giải quyết hồ sơ này vì lý do sau:",
            "Yêu cầu không thuộc thẩm quyền giải quyết của Sở Tư pháp tỉnh Quảng Ninh",
            "Trung tâm Lý lịch tư pháp quốc gia",
            "NGƯỜI TIẾP NHẬN",
            "Trần Văn Đức",
        ],
    )


def test_apology_states_old_and_new_appointment(tmp_path):
    pdf = _rendered("apology")
    _assert_contains(
        pdf,
        tmp_path,
        [
            *HEADER_WORDS,
            "Số: 125/STP-HCTP",
            "Quảng Ninh, ngày 18 tháng 3 năm 2026",
            "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
            "Kính gửi: Ông/Bà Nguyễn Thị Hồng Nhung",
            "Ngày 05/03/2026, Sở Tư pháp đã tiếp nhận hồ sơ của Ông/Bà",
            samples.CODE,
            "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam",
            "16 giờ 30 phút, ngày 19/03/2026",
            "Lý do: Cơ quan phối hợp (Công an tỉnh Quảng Ninh)",
            "đề nghị được gia hạn thời gian giải quyết hồ sơ",
            "sẽ được trả cho Ông/Bà vào 16 giờ 30 phút, ngày 26/03/2026.",
            "Nơi nhận:",
            "GIÁM ĐỐC",
            "(Ký, ghi rõ họ tên và đóng dấu)",
            "Phạm Quốc Hưng",
        ],
    )


def test_stop_notice(tmp_path):
    pdf = _rendered("stop_notice")
    _assert_contains(
        pdf,
        tmp_path,
        [
            *HEADER_WORDS,
            "Quảng Ninh, ngày 11 tháng 3 năm 2026",
            "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
            "Kính gửi: Ông/Bà Nguyễn Thị Hồng Nhung",
            "Ngày 05/03/2026, Sở Tư pháp đã tiếp nhận hồ sơ của Ông/Bà",
            samples.CODE,
            "Sở Tư pháp thông báo dừng giải quyết hồ sơ nêu trên vì lý do sau:",
            "Ông/Bà đã có văn bản đề nghị rút hồ sơ ngày 10/03/2026.",
            "GIÁM ĐỐC",
            "Phạm Quốc Hưng",
        ],
    )


@pytest.mark.parametrize(
    ("form", "title", "issued"),
    [
        ("supplement_request", "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", "2026-03-06T09:15:00+07"),
        ("rejection", "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", "2026-03-05T14:05:00+07"),
        ("apology", "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT", "2026-03-18T10:00:00+07"),
        ("stop_notice", "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ", "2026-03-11T08:00:00+07"),
        # the control sheet is dated by its last completed hand-off
        ("control_sheet", "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", "2026-03-14T08:30:00+07"),
    ],
)
def test_metadata_of_the_dossier_forms(form, title, issued, tmp_path):
    info = _pdfinfo(_rendered(form), tmp_path)
    assert (info["Title"], info["Author"], info["Subject"]) == (title, "SỞ TƯ PHÁP", samples.CODE)
    assert info["CreationDate"].startswith(issued)


# ------------------------------------------------------------------------------------ Mẫu số 06


def test_control_sheet(tmp_path):
    pdf = _rendered("control_sheet")
    _assert_contains(
        pdf,
        tmp_path,
        [
            *HEADER_WORDS,
            "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
            f"Mã hồ sơ: {samples.CODE}",
            "Hồ sơ của: Nguyễn Thị Hồng Nhung",
            "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam",
            "Thời gian nhận hồ sơ: 08 giờ 30 phút, ngày 05/03/2026",
            "Thời gian hẹn trả kết quả: 16 giờ 30 phút, ngày 19/03/2026",
            "Cơ quan phối hợp giải quyết hồ sơ: Công an tỉnh Quảng Ninh",
            "TÊN CƠ QUAN",
            "GHI CHÚ",
            "Trước hạn",
            "Đúng hạn",
            "Trễ hạn",
            "Đã thẩm định",
        ],
        raw_only=[
            "THỜI GIAN GIAO, NHẬN HỒ SƠ",
            "KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn/đúng hạn/quá hạn)",
            "1. Giao: Trung tâm Phục vụ hành chính công tỉnh",
            "2. Nhận: Phòng Hành chính tư pháp, Sở Tư pháp",
            "2. Nhận: Công an tỉnh Quảng Ninh",
            "10 giờ 30 phút, ngày 05/03/2026",
            "Người giao: Trần Văn Đức",
            "Người nhận: Lê Thị Thu Hà",
            "Hạn: 08:30 13/03/2026",
            "Hoàn thành: 08:30 14/03/2026",
        ],
    )


# ------------------------------------------------------------------------------------ Mẫu số 07


def test_tracking_book_spans_pages_with_repeated_headings(tmp_path):
    data = samples.tracking_book(rows=60)
    pdf = render_tracking_book(data)
    extracted = _assert_contains(
        pdf,
        tmp_path,
        [
            *HEADER_WORDS,
            "SỔ THEO DÕI HỒ SƠ",
            "Từ ngày 01/03/2026 đến ngày 31/03/2026",
            "Quảng Ninh, ngày 31 tháng 3 năm 2026",
            "Quầy số 5 - Sở Tư pháp",
            "Quyển số: 03/2026",
            "02/03/2026",
            "Đỗ Mạnh Cường",
        ],
        raw_only=[
            "Nguyễn Thị Hồng Nhung",
            "Phường Hạ Long, Tỉnh Quảng Ninh",
            "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam",
            "Đã trả kết quả",
            "Trả qua bưu điện",
        ],
    )
    pages = [_normalise(p) for p in extracted["raw"].split("\f") if p.strip()]
    assert len(pages) >= 3
    for page in pages:
        for heading in ("STT", "Mã hồ sơ", "Tên thủ tục hành chính", "Nhận hồ sơ", "Trả kết quả", "Ghi chú"):
            assert heading in page
    text = " ".join(pages)
    for row in data.rows:
        assert row.dossier_code in text
    info = _pdfinfo(pdf, tmp_path)
    assert info["Page size"].startswith("841.89 x 595.28")  # A4 landscape
    assert info["Pages"] == str(len(pages))
    assert (
        info["Subject"]
        == "SỔ THEO DÕI HỒ SƠ - Quầy số 5 - Sở Tư pháp - Từ ngày 01/03/2026 đến ngày 31/03/2026"
    )
