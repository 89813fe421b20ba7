"""Photos of a paper document's pages, taken with a phone, assembled into one PDF.

A citizen without a scanner photographs each page in the browser (the camera input); the server turns
the photos into the PDF the agency would have received from a scanner:

* each photo is checked by its content (decoded by Pillow: JPEG, PNG, WebP, or HEIC when Pillow can
  read it) and refused, naming its page, when it is anything else, truncated, too large a file or too
  many pixels to decode safely (a "decompression bomb");
* pages keep the order given and are turned upright from the camera's EXIF orientation;
* each is scaled down (never up) to about 200 dpi on A4, kept in colour unless it is nearly gray (a red
  seal or a blue signature keeps the page in colour), and JPEG-compressed;
* the PDF has one page per photo, sized so that the photo is printed at that resolution.

The result is an ordinary upload: the caller passes it through ``documents.uploads.check_scan`` like
any file, so the same limits and checks apply.
"""

import io

import pikepdf
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageChops, ImageOps, UnidentifiedImageError

from .uploads import MAX_IMAGE_PIXELS, max_upload_bytes

#: At most this many photos in one document (a long contract; beyond it, a scanner is the better tool).
MAX_PAGES = 30
#: The long side of a page, in pixels: about 200 dpi on A4 (297 mm), readable and small.
LONG_SIDE = 2000
#: Pixels per inch the page is printed at: the PDF page is the photo's size at this resolution.
DPI = 200
JPEG_QUALITY = 75
# Formats a phone camera (or its gallery) produces; "MPO" is the multi-picture JPEG of some phones.
_PHOTO_FORMATS = frozenset({"JPEG", "MPO", "PNG", "WEBP", "HEIF"})
# A page is made gray only when almost no pixel has visible colour (chroma away from neutral).
_GRAY_SAMPLE = 160
_COLOURED_CHROMA = 24
_COLOURED_SHARE = 0.002
_POINTS_PER_INCH = 72


def max_photo_bytes() -> int:
    """A photo may be as large as any uploaded file."""
    return max_upload_bytes()


def pages_to_pdf(photos) -> bytes:
    """One PDF page per photo, in the order given. ``photos``: file objects (a Django ``UploadedFile``)
    or bytes. Raises ``ValidationError`` naming the page that was refused."""
    photos = list(photos)
    if not photos:
        raise ValidationError(_("Photograph at least one page."), code="no_pages")
    if len(photos) > MAX_PAGES:
        raise ValidationError(
            _("At most %(limit)s pages can be photographed for one document; you chose %(count)s."),
            code="too_many_pages",
            params={"limit": MAX_PAGES, "count": len(photos)},
        )
    pdf = pikepdf.new()
    for number, photo in enumerate(photos, start=1):
        page = _page_image(_photo_bytes(photo, number), number)
        _add_page(pdf, page)
    output = io.BytesIO()
    pdf.save(output, compress_streams=True)
    return output.getvalue()


def _photo_bytes(photo, number: int) -> bytes:
    limit = max_photo_bytes()
    if isinstance(photo, bytes | bytearray):
        data = bytes(photo)
    else:
        photo.seek(0)
        data = photo.read(limit + 1)
        photo.seek(0)
    if not data:
        raise ValidationError(_("Page %(number)s is empty."), code="empty", params={"number": number})
    if len(data) > limit:
        raise ValidationError(
            _("The photo of page %(number)s is larger than %(limit)s. Take it again at a lower resolution."),
            code="too_large",
            params={"number": number, "limit": filesizeformat(limit)},
        )
    return data


_NOT_A_PHOTO = _("Page %(number)s is not a photo that can be read (JPEG or PNG). Photograph the page again.")


def _page_image(data: bytes, number: int) -> Image.Image:
    """The photo decoded, upright, scaled down and in the colour mode it is stored in."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in _PHOTO_FORMATS:
                raise ValidationError(_NOT_A_PHOTO, code="bad_type", params={"number": number})
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise Image.DecompressionBombError  # refused before decoding anything
            # A JPEG is decoded directly at a reduced scale (1/2, 1/4, 1/8) when that is still large
            # enough: a 12-megapixel photo needs a quarter of the memory and time.
            image.draft("RGB", _scaled((width, height)))
            image.load()
            upright = ImageOps.exif_transpose(image)
    except ValidationError:
        raise
    except Image.DecompressionBombError:
        raise ValidationError(
            _("The photo of page %(number)s has too many pixels. Take it again at a lower resolution."),
            code="too_many_pixels",
            params={"number": number},
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(_NOT_A_PHOTO, code="bad_type", params={"number": number}) from None
    page = _flattened(upright)
    page.thumbnail((LONG_SIDE, LONG_SIDE), Image.Resampling.LANCZOS)  # never enlarges
    return page.convert("L") if _nearly_gray(page) else page


def _scaled(size: tuple[int, int]) -> tuple[int, int]:
    width, height = size
    ratio = min(1.0, LONG_SIDE / max(width, height))
    return max(1, round(width * ratio)), max(1, round(height * ratio))


def _flattened(image: Image.Image) -> Image.Image:
    """RGB; a transparent PNG is laid on white paper (JPEG has no transparency)."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        paper = Image.new("RGB", rgba.size, "white")
        paper.paste(rgba, mask=rgba.getchannel("A"))
        return paper
    return image.convert("RGB")


def _nearly_gray(image: Image.Image) -> bool:
    sample = image.copy()
    sample.thumbnail((_GRAY_SAMPLE, _GRAY_SAMPLE))
    _luma, blue, red = sample.convert("YCbCr").split()
    coloured = ImageChops.lighter(*(channel.point(_coloured) for channel in (blue, red)))
    return coloured.histogram()[255] <= _COLOURED_SHARE * sample.width * sample.height


def _coloured(chroma: int) -> int:
    return 255 if abs(chroma - 128) > _COLOURED_CHROMA else 0


def _add_page(pdf: pikepdf.Pdf, image: Image.Image) -> None:
    """Embed the page as a JPEG (DCTDecode: the PDF holds the compressed bytes as they are)."""
    encoded = io.BytesIO()
    image.save(encoded, "JPEG", quality=JPEG_QUALITY, optimize=True)
    xobject = pikepdf.Stream(pdf, encoded.getvalue())
    xobject.Type = pikepdf.Name.XObject
    xobject.Subtype = pikepdf.Name.Image
    xobject.Width, xobject.Height = image.size
    xobject.ColorSpace = pikepdf.Name.DeviceGray if image.mode == "L" else pikepdf.Name.DeviceRGB
    xobject.BitsPerComponent = 8
    xobject.Filter = pikepdf.Name.DCTDecode
    width = round(image.width * _POINTS_PER_INCH / DPI, 2)
    height = round(image.height * _POINTS_PER_INCH / DPI, 2)
    content = f"q {width} 0 0 {height} 0 0 cm /Page Do Q".encode()
    page = pikepdf.Page(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Page,
            MediaBox=[0, 0, width, height],
            Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Page=xobject)),
            Contents=pikepdf.Stream(pdf, content),
        )
    )
    pdf.pages.append(page)
