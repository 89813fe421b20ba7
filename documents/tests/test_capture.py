"""Photos of a document's pages become one PDF: order, orientation, resolution, colour, refusals."""

import io
import struct
import subprocess
import zlib

import pikepdf
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from documents.capture import DPI, LONG_SIDE, MAX_PAGES, pages_to_pdf
from documents.tests.samples import MINIMAL_PDF
from documents.uploads import PDF, check_scan

RED, GREEN, BLUE = (220, 30, 30), (30, 160, 60), (30, 60, 200)
ORIENTATION = 0x0112
ROTATE_90_CLOCKWISE = 6  # EXIF: the camera was held upright, the sensor stored the picture sideways


def photo(size, colour, *, orientation=None, top_left=None, fmt="JPEG") -> bytes:
    """A solid photo; ``top_left`` paints the stored picture's left half in another colour."""
    image = Image.new("RGB", size, colour)
    if top_left:
        image.paste(top_left, (0, 0, size[0] // 2, size[1]))
    buffer = io.BytesIO()
    options = {}
    if orientation:
        exif = Image.Exif()
        exif[ORIENTATION] = orientation
        options["exif"] = exif
    image.save(buffer, fmt, quality=90, **options)
    return buffer.getvalue()


def rendered(pdf: bytes, tmp_path) -> list[Image.Image]:
    """The PDF's pages as poppler draws them (a real reader, not our own parsing)."""
    source = tmp_path / "pages.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "20", "-png", str(source), str(tmp_path / "page")], check=True)
    return [Image.open(path).convert("RGB") for path in sorted(tmp_path.glob("page-*.png"))]


def near(pixel, colour, tolerance=30) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=True))


@pytest.fixture(scope="module")
def three_pages() -> bytes:
    return pages_to_pdf(
        [
            SimpleUploadedFile("1.jpg", photo((1500, 2000), RED)),
            # Stored landscape with orientation 6: shown portrait, the stored left half on top.
            photo((2000, 1500), BLUE, orientation=ROTATE_90_CLOCKWISE, top_left=GREEN),
            io.BytesIO(photo((1500, 2000), GREEN)),
        ]
    )


def test_three_photos_make_a_three_page_pdf_in_order_and_upright(three_pages, tmp_path):
    with pikepdf.open(io.BytesIO(three_pages)) as pdf:
        assert len(pdf.pages) == 3
        boxes = [[float(v) for v in page.MediaBox] for page in pdf.pages]
    # 1500 × 2000 px at 200 dpi: 7.5 × 10 inches; the turned page too (not 10 × 7.5).
    assert boxes == [[0, 0, 540, 720]] * 3
    pages = rendered(three_pages, tmp_path)
    assert [page.size for page in pages] == [(150, 200)] * 3
    first, second, third = pages
    assert near(first.getpixel((75, 100)), RED)
    assert near(second.getpixel((75, 30)), GREEN)  # the stored left half is now the top
    assert near(second.getpixel((75, 170)), BLUE)
    assert near(third.getpixel((75, 100)), GREEN)


def test_the_pdf_passes_the_upload_check(three_pages):
    checked = check_scan(SimpleUploadedFile("giay-to-anh-chup.pdf", three_pages))
    assert checked.content_type == PDF


def test_large_photos_are_scaled_down_small_ones_never_enlarged():
    pdf_bytes = pages_to_pdf([photo((4000, 3000), RED), photo((600, 800), BLUE)])
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        images = [next(iter(page.get_images().values())) for page in pdf.pages]
        assert [(int(i.Width), int(i.Height)) for i in images] == [(LONG_SIDE, 1500), (600, 800)]
        assert [str(i.Filter) for i in images] == ["/DCTDecode", "/DCTDecode"]
        assert [float(v) for v in pdf.pages[0].MediaBox] == [0, 0, 2000 * 72 / DPI, 1500 * 72 / DPI]
        assert [float(v) for v in pdf.pages[1].MediaBox] == [0, 0, 600 * 72 / DPI, 800 * 72 / DPI]
    # A 12-megapixel page costs a few hundred kilobytes, not megabytes.
    assert len(pdf_bytes) < 150_000


def test_a_black_and_white_page_is_stored_gray_a_page_with_a_red_seal_in_colour():
    text_page = Image.new("RGB", (1000, 1400), (250, 250, 248))
    for row in range(100, 1300, 40):
        text_page.paste((20, 20, 20), (100, row, 900, row + 8))
    sealed = text_page.copy()
    sealed.paste(RED, (650, 1050, 850, 1250))  # the agency's red seal
    photos = []
    for image in (text_page, sealed):
        buffer = io.BytesIO()
        image.save(buffer, "JPEG")
        photos.append(buffer.getvalue())
    with pikepdf.open(io.BytesIO(pages_to_pdf(photos))) as pdf:
        spaces = [str(next(iter(page.get_images().values())).ColorSpace) for page in pdf.pages]
    assert spaces == ["/DeviceGray", "/DeviceRGB"]


def test_a_transparent_png_is_laid_on_white(tmp_path):
    image = Image.new("RGBA", (400, 400), (0, 0, 0, 0))
    image.paste((30, 60, 200, 255), (0, 0, 200, 400))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    (page,) = rendered(pages_to_pdf([buffer.getvalue()]), tmp_path)
    assert near(page.getpixel((5, 20)), BLUE)
    assert near(page.getpixel((35, 20)), (255, 255, 255))


def _refusal(photos) -> ValidationError:
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        pages_to_pdf(photos)
    return caught.value


def _message(error: ValidationError) -> str:
    with translation.override("en"):
        return error.messages[0]


def test_a_page_that_is_not_a_photo_is_refused_by_its_number():
    error = _refusal([photo((100, 100), RED), MINIMAL_PDF, photo((100, 100), BLUE)])
    assert error.code == "bad_type"
    assert (
        _message(error) == "Page 2 is not a photo that can be read (JPEG or PNG). Photograph the page again."
    )


def test_a_renamed_file_is_judged_by_its_bytes():
    executable = SimpleUploadedFile("trang-1.jpg", b"MZ\x90\x00" + b"\x00" * 300, content_type="image/jpeg")
    error = _refusal([executable])
    assert (error.code, error.params) == ("bad_type", {"number": 1})


def test_a_truncated_jpeg_is_refused():
    whole = photo((800, 600), GREEN)
    error = _refusal([whole, whole, whole[: len(whole) // 2]])
    assert (error.code, error.params) == ("bad_type", {"number": 3})


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG claiming huge dimensions in a few bytes: decoding it would take gigabytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\0" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def test_a_decompression_bomb_is_refused_before_decoding():
    error = _refusal([_png_header_only(30_000, 30_000)])
    assert error.code == "too_many_pixels"
    assert _message(error).startswith("The photo of page 1 has too many pixels.")


def test_too_large_a_photo_is_refused(settings):
    settings.MOTCUA_UPLOAD_MAX_BYTES = 50_000
    small = photo((200, 200), RED)
    noisy = Image.effect_noise((800, 800), 100).convert("RGB")
    buffer = io.BytesIO()
    noisy.save(buffer, "JPEG", quality=95)
    assert len(buffer.getvalue()) > 50_000
    error = _refusal([small, buffer.getvalue()])
    assert (error.code, error.params["number"]) == ("too_large", 2)


def test_too_many_pages_or_none_are_refused():
    tiny = photo((20, 20), RED)
    error = _refusal([tiny] * (MAX_PAGES + 1))
    assert error.code == "too_many_pages"
    assert _message(error) == "At most 30 pages can be photographed for one document; you chose 31."
    assert _refusal([]).code == "no_pages"
