import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from documents.tests.samples import MINIMAL_PDF
from documents.uploads import JPEG, PDF, PNG, check_scan


def _image(fmt):
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(buffer, format=fmt)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("scan.pdf", MINIMAL_PDF, PDF),
        ("photo.jpg", _image("JPEG"), JPEG),
        ("photo.png", _image("PNG"), PNG),
        # The name does not matter, only the bytes.
        ("photo.pdf", _image("PNG"), PNG),
    ],
)
def test_accepts_scans_by_content(name, content, expected):
    checked = check_scan(SimpleUploadedFile(name, content))
    assert checked.content_type == expected
    assert checked.size == len(content)


@pytest.mark.parametrize(
    "content",
    [
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200,  # a Windows executable
        b"\x7fELF\x02\x01\x01" + b"\x00" * 200,
        b"%PDF-1.4\n truncated without trailer",
        b"\xff\xd8\xff\xe0 not really a jpeg",
        b"<html><script>alert(1)</script></html>",
    ],
)
def test_refuses_forged_or_broken_files(content):
    with pytest.raises(ValidationError) as caught:
        check_scan(SimpleUploadedFile("giay-to.pdf", content))
    assert caught.value.code == "bad_type"
    assert "giay-to.pdf" in str(caught.value.messages[0])


def test_refuses_empty_and_oversized_files(settings):
    with pytest.raises(ValidationError) as caught:
        check_scan(SimpleUploadedFile("a.pdf", b""))
    assert caught.value.code == "empty"
    settings.MOTCUA_UPLOAD_MAX_BYTES = 20
    with pytest.raises(ValidationError) as caught:
        check_scan(SimpleUploadedFile("a.pdf", MINIMAL_PDF))
    assert caught.value.code == "too_large"


# ── security finding 7: bombs, polyglots and active PDFs ─────────────────────────────────────────


def _huge_png(width=40000, height=40000) -> bytes:
    """A PNG header claiming width × height pixels, with one tiny compressed row: what a bomb looks like
    before anything is decoded (Pillow's ``Image.open`` reads only the header)."""
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1024))
        + chunk(b"IEND", b"")
    )


def test_an_image_too_large_to_decode_safely_is_refused_as_not_accepted():
    with pytest.raises(ValidationError) as caught:
        check_scan(SimpleUploadedFile("anh.png", _huge_png()))
    assert caught.value.code == "bad_type"
    # Just above the ceiling too, not only past Pillow's own bomb limit.
    from documents.uploads import MAX_IMAGE_PIXELS

    with pytest.raises(ValidationError):
        check_scan(SimpleUploadedFile("anh.png", _huge_png(MAX_IMAGE_PIXELS // 1000 + 1, 1000)))


@pytest.mark.parametrize(
    "content",
    [
        MINIMAL_PDF.replace(b"\n", b"\n<html><body><script>alert(document.cookie)</script>\n", 1),
        MINIMAL_PDF.replace(b"\n", b"\n%<!DOCTYPE html><svg onload=alert(1)>\n", 1),
        _image("PNG")[:33] + b"<script>alert(1)</script>" + _image("PNG")[33:],
    ],
)
def test_a_valid_file_carrying_markup_in_its_first_kilobytes_is_refused(content):
    with pytest.raises(ValidationError) as caught:
        check_scan(SimpleUploadedFile("giay-to.pdf", content))
    assert caught.value.code in ("active_content", "bad_type")


_OPEN_ACTION_JS = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R/OpenAction 4 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"4 0 obj<</S/JavaScript/JS(app.alert\\(1\\))>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
_LAUNCH = _OPEN_ACTION_JS.replace(b"/S/JavaScript/JS(app.alert\\(1\\))", b"/S/Launch/F(cmd.exe)")


def _compressed_js_pdf() -> bytes:
    """JavaScript hidden in a compressed object stream, where no byte search finds it."""
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.Root.OpenAction = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS="app.alert(1)"))
    buffer = io.BytesIO()
    pdf.save(buffer, object_stream_mode=pikepdf.ObjectStreamMode.generate, compress_streams=True)
    content = buffer.getvalue()
    assert b"JavaScript" not in content
    return content


@pytest.mark.parametrize("content", [_OPEN_ACTION_JS, _LAUNCH, _compressed_js_pdf()])
def test_pdfs_with_javascript_or_launch_actions_are_refused(content):
    with pytest.raises(ValidationError) as caught:
        check_scan(SimpleUploadedFile("to-khai.pdf", content))
    assert caught.value.code == "active_content"
    assert "to-khai.pdf" in str(caught.value.messages[0])


def test_a_plain_generated_pdf_is_accepted():
    from documents.forms import render_receipt
    from documents.tests.samples import receipt

    pdf = render_receipt(receipt())
    assert check_scan(SimpleUploadedFile("giay-tiep-nhan.pdf", pdf)).content_type == PDF
