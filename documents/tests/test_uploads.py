import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from documents.uploads import JPEG, PDF, PNG, check_scan

MINIMAL_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


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
