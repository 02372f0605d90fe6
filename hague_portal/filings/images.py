"""Reproduction images (DM/1 item 10): checked on the server, re-encoded without metadata.

Pure over bytes (Pillow only: no Django, no settings), so the wizard, the API and the tests share
it. The technical requirements are eHague's (hague-facts.md §5.2; A.I. Section 402): JPEG or TIFF,
300 dpi, at most 16 x 16 cm and at least 3 cm, at most 20 MB, RGB or greyscale.

Every reason is a sentence the user can act on. The format is decided by the file's content (what
Pillow detects from the magic bytes), never by its name or the browser's content type.
"""

import hashlib
import io
import struct
import threading
import warnings
from contextlib import contextmanager
from dataclasses import dataclass

from django.utils.translation import gettext, gettext_noop
from PIL import Image, ImageCms, ImageFile, ImageOps, UnidentifiedImageError

REQUIRED_DPI = 300
CM_PER_INCH = 2.54
MIN_CM = 3  # A.I. Section 402: at least one dimension of 3 cm
MAX_CM = 16  # A.I. Section 402: at most 16 x 16 cm
MIN_PX = round(MIN_CM / CM_PER_INCH * REQUIRED_DPI)  # 354
MAX_PX = round(MAX_CM / CM_PER_INCH * REQUIRED_DPI)  # 1890
# Anything larger than four times the largest acceptable image is refused before a single pixel is
# decoded: a small file can declare billions of pixels (a "decompression bomb").
MAX_PIXELS = 4 * MAX_PX * MAX_PX
THUMBNAIL_PX = 240
JPEG_QUALITY = 95

# Pillow's format -> (stored extension, save options). MPO is what cameras and phones write: a
# JPEG with extra preview frames; only the first frame is kept.
_ACCEPTED_FORMATS = {"JPEG": "jpg", "MPO": "jpg", "TIFF": "tif"}
# Formats Pillow cannot open but that people often try, named so the reason can say what it is.
_MAGIC = (
    (0, b"%PDF-", gettext_noop("a PDF document")),
    (4, b"ftypheic", gettext_noop("a HEIC image")),
    (4, b"ftypheix", gettext_noop("a HEIC image")),
    (4, b"ftypmif1", gettext_noop("a HEIF image")),
    (4, b"ftypavif", gettext_noop("an AVIF image")),
    (0, b"PK\x03\x04", gettext_noop("a ZIP archive or office document")),
)
_JPEG_OR_TIFF_MAGIC = (b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
_FORMAT_NAMES = {
    "PNG": gettext_noop("a PNG image"),
    "GIF": gettext_noop("a GIF image"),
    "BMP": gettext_noop("a BMP image"),
    "WEBP": gettext_noop("a WebP image"),
    "ICO": gettext_noop("an ICO image"),
}


class ImageRejected(Exception):
    """The file is not an acceptable reproduction; `reason` says why, for the user."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class AcceptedImage:
    content: bytes  # the re-encoded file, metadata stripped
    extension: str  # "jpg" | "tif"
    width_px: int
    height_px: int
    dpi: int
    mode: str  # "RGB" | "L"
    sha256: str  # of `content`
    thumbnail: bytes  # JPEG, at most THUMBNAIL_PX on its longer side

    @property
    def size_bytes(self) -> int:
        return len(self.content)


def inspect_reproduction(fileobj, *, max_bytes: int) -> AcceptedImage:
    """Check one uploaded file and return it re-encoded, or raise ImageRejected."""
    data = read_limited(fileobj, max_bytes=max_bytes, what=gettext("a reproduction"))
    image = _open(data)
    _check_pixels(image)
    _check_frames(image)
    _check_size(image)
    _check_dpi(image)
    mode = _check_mode(image)
    _check_complete(image, len(data))
    pixels = _decode(image, mode)
    extension = _ACCEPTED_FORMATS[image.format]
    content = _encode(pixels, extension)
    return AcceptedImage(
        content=content,
        extension=extension,
        width_px=pixels.width,
        height_px=pixels.height,
        dpi=REQUIRED_DPI,
        mode=pixels.mode,
        sha256=hashlib.sha256(content).hexdigest(),
        thumbnail=_thumbnail(pixels),
    )


def read_limited(fileobj, *, max_bytes: int, what: str) -> bytes:
    """At most max_bytes of the file; reading stops there and a larger file is refused."""
    data = fileobj.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ImageRejected(
            gettext("This file is larger than %(limit)s, the limit for %(what)s")
            % {"limit": format_megabytes(max_bytes), "what": what}
        )
    if not data:
        raise ImageRejected(gettext("This file is empty"))
    return data


def format_megabytes(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.3g} MB"
    return f"{n / 1024:.3g} KB" if n >= 1024 else gettext("%(n)s bytes") % {"n": n}


def describe_content(data: bytes) -> str | None:
    """What a file is, by its magic bytes, for the formats Pillow does not open ("a PDF document")."""
    for offset, magic, name in _MAGIC:
        if data[offset : offset + len(magic)] == magic:
            return gettext(name)
    return None


def _open(data: bytes) -> Image.Image:
    try:
        with warnings.catch_warnings():
            # Pillow's own bomb check warns above MAX_IMAGE_PIXELS: here that is an error.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageRejected(_bomb_reason()) from exc
    except UnidentifiedImageError as exc:
        if data.startswith(_JPEG_OR_TIFF_MAGIC):  # a JPEG or TIFF whose header is cut off
            raise ImageRejected(_damaged_reason()) from exc
        kind = describe_content(data)
        raise ImageRejected(
            gettext("This file is %(kind)s, not JPEG or TIFF") % {"kind": kind}
            if kind
            else gettext("This file is not a JPEG or TIFF image")
        ) from exc
    except (OSError, SyntaxError, ValueError, struct.error, EOFError) as exc:
        raise ImageRejected(_damaged_reason()) from exc
    if image.format not in _ACCEPTED_FORMATS:
        name = _FORMAT_NAMES.get(image.format)
        kind = gettext(name) if name else gettext("a %(format)s image") % {"format": image.format}
        raise ImageRejected(gettext("This file is %(kind)s, not JPEG or TIFF") % {"kind": kind})
    return image


def _bomb_reason(size: tuple[int, int] | None = None) -> str:
    declared = f" ({size[0]} × {size[1]})" if size else ""
    return gettext(
        "This image declares far more pixels%(declared)s than a reproduction can have "
        "(at most %(max)s × %(max)s pixels, 16 × 16 cm at 300 dpi); it was not opened"
    ) % {"declared": declared, "max": MAX_PX}


def _damaged_reason() -> str:
    return gettext(
        "This file is damaged or incomplete (truncated) and cannot be read; export it again"
    )


def _check_pixels(image: Image.Image) -> None:
    # Read from the header only: nothing has been decoded yet.
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise ImageRejected(_bomb_reason((width, height)))


def _check_frames(image: Image.Image) -> None:
    frames = getattr(image, "n_frames", 1)
    if image.format == "TIFF" and frames > 1:
        raise ImageRejected(
            gettext("This TIFF file holds %(frames)s pages; upload each view as a separate image")
            % {"frames": frames}
        )


def _cm(pixels: int) -> str:
    return f"{pixels / REQUIRED_DPI * CM_PER_INCH:.1f}"


def _check_size(image: Image.Image) -> None:
    width, height = image.size
    measured = gettext(
        "%(width_cm)s × %(height_cm)s cm (%(width)s × %(height)s pixels) at 300 dpi"
    ) % {
        "width_cm": _cm(width),
        "height_cm": _cm(height),
        "width": width,
        "height": height,
    }
    if max(width, height) > MAX_PX:
        raise ImageRejected(
            gettext(
                "This image measures %(measured)s; reproductions must be at most 16 × 16 cm "
                "(%(max)s × %(max)s pixels)"
            )
            % {"measured": measured, "max": MAX_PX}
        )
    # A.I. Section 402 asks for one dimension of at least 3 cm; the longer side must reach it.
    if max(width, height) < MIN_PX:
        raise ImageRejected(
            gettext(
                "This image measures %(measured)s; reproductions must be at least 3 cm "
                "(%(min)s pixels) on one side"
            )
            % {"measured": measured, "min": MIN_PX}
        )


def _check_dpi(image: Image.Image) -> None:
    dpi = image.info.get("dpi")
    if not dpi:
        raise ImageRejected(
            gettext("This image has no resolution information; reproductions must be 300 dpi")
        )
    x, y = (round(float(v)) for v in dpi)
    if (x, y) != (REQUIRED_DPI, REQUIRED_DPI):
        shown = f"{x}" if x == y else f"{x} × {y}"
        raise ImageRejected(
            gettext("This image has %(dpi)s dpi; reproductions must be 300 dpi") % {"dpi": shown}
        )


def _check_mode(image: Image.Image) -> str:
    """The mode the stored image will have: RGB, or L for greyscale (bilevel becomes L)."""
    if image.mode in ("RGB", "L"):
        return image.mode
    if image.mode == "1":  # black and white line drawings: greyscale with two levels, lossless
        return "L"
    if image.mode == "CMYK":
        raise ImageRejected(gettext("CMYK images are not accepted; convert to RGB"))
    if "A" in image.mode or image.mode == "PA":
        raise ImageRejected(
            gettext(
                "This image has transparency (an alpha channel); save it as RGB or greyscale "
                "without transparency"
            )
        )
    raise ImageRejected(
        gettext("This image uses the %(mode)s colour mode; reproductions must be RGB or greyscale")
        % {"mode": image.mode}
    )


def _check_complete(image: Image.Image, size: int) -> None:
    # TIFF: every strip or tile the file points to must be inside the file.
    if image.format != "TIFF":
        return
    tags = image.tag_v2
    offsets, counts = tags.get(273) or tags.get(324), tags.get(279) or tags.get(325)
    if offsets and counts and max(o + c for o, c in zip(offsets, counts, strict=False)) > size:
        raise ImageRejected(_damaged_reason())


_TRUNCATION_LOCK = threading.Lock()


@contextmanager
def _refuse_truncated():
    # WeasyPrint sets Pillow's process-wide ImageFile.LOAD_TRUNCATED_IMAGES = True on import: a cut
    # off upload would then decode with its missing part painted grey. Pillow has no per-image
    # switch, so the flag is held False while an upload decodes (a few milliseconds).
    with _TRUNCATION_LOCK:
        previous = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = previous


def _decode(image: Image.Image, mode: str) -> Image.Image:
    """The pixels, upright, in sRGB/greyscale, as a fresh image that carries no metadata."""
    try:
        with warnings.catch_warnings(), _refuse_truncated():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageRejected(_bomb_reason()) from exc
    except (OSError, SyntaxError, ValueError, struct.error, EOFError) as exc:
        raise ImageRejected(_damaged_reason()) from exc
    image = _to_srgb(image)
    # Stripping EXIF would lose the camera's orientation flag: apply it to the pixels first.
    upright = ImageOps.exif_transpose(image).convert(mode)
    # A new image from the raw pixels: no EXIF, XMP, ICC profile, comments or any other info.
    return Image.frombytes(mode, upright.size, upright.tobytes())


def _to_srgb(image: Image.Image) -> Image.Image:
    # Dropping an embedded ICC profile (e.g. Adobe RGB) would shift the colours: convert to sRGB,
    # which is what a viewer assumes for an image without a profile.
    icc = image.info.get("icc_profile")
    if not icc or image.mode != "RGB":
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"))
    except (ImageCms.PyCMSError, OSError):
        return image  # a broken profile: keep the pixels as they are


def _encode(image: Image.Image, extension: str) -> bytes:
    buffer = io.BytesIO()
    if extension == "jpg":
        image.save(buffer, "JPEG", quality=JPEG_QUALITY, dpi=(REQUIRED_DPI, REQUIRED_DPI))
    else:
        image.save(buffer, "TIFF", compression="tiff_lzw", dpi=(REQUIRED_DPI, REQUIRED_DPI))
    return buffer.getvalue()


def _thumbnail(image: Image.Image) -> bytes:
    thumb = image.copy()
    thumb.thumbnail((THUMBNAIL_PX, THUMBNAIL_PX))
    buffer = io.BytesIO()
    thumb.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()
