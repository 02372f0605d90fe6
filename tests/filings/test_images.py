"""The reproduction checks of item 10 over plain bytes (no Django): eHague's technical
requirements (hague-facts.md §5.2; A.I. Section 402)."""

import io

import pytest
from PIL import Image, ImageCms, ImageFile

from hague_portal.filings.images import ImageRejected, inspect_reproduction

from .sample_files import image_bytes, jpeg, jpeg_declaring, pdf, tiff

MB = 1024 * 1024


def inspect(data: bytes, *, max_bytes=20 * MB):
    return inspect_reproduction(io.BytesIO(data), max_bytes=max_bytes)


def reason(data: bytes, **kwargs) -> str:
    with pytest.raises(ImageRejected) as excinfo:
        inspect(data, **kwargs)
    return excinfo.value.reason


def test_a_300_dpi_rgb_jpeg_is_accepted_as_jpeg():
    accepted = inspect(jpeg(size=(1000, 800)))
    assert (accepted.extension, accepted.width_px, accepted.height_px) == ("jpg", 1000, 800)
    assert (accepted.mode, accepted.dpi) == ("RGB", 300)
    assert Image.open(io.BytesIO(accepted.content)).format == "JPEG"


def test_a_greyscale_tiff_is_accepted_and_stored_as_lzw_tiff():
    accepted = inspect(tiff(mode="L"))
    stored = Image.open(io.BytesIO(accepted.content))
    assert (accepted.extension, accepted.mode) == ("tif", "L")
    assert (stored.format, stored.info["compression"]) == ("TIFF", "tiff_lzw")


def test_a_black_and_white_tiff_is_kept_as_greyscale():
    assert inspect(tiff(mode="1")).mode == "L"


def test_a_png_renamed_tif_is_refused_by_its_content():
    # The name and the browser's content type are never asked: only the bytes.
    assert reason(image_bytes("PNG")) == "This file is a PNG image, not JPEG or TIFF"


def test_a_pdf_is_named_as_such():
    assert reason(pdf()) == "This file is a PDF document, not JPEG or TIFF"


def test_72_dpi_is_refused():
    assert reason(jpeg(dpi=(72, 72))) == "This image has 72 dpi; reproductions must be 300 dpi"


def test_an_image_without_resolution_is_refused():
    assert "no resolution information" in reason(jpeg(dpi=None))


def test_2_cm_is_too_small():
    assert reason(jpeg(size=(236, 236))) == (
        "This image measures 2.0 × 2.0 cm (236 × 236 pixels) at 300 dpi; reproductions must be "
        "at least 3 cm (354 pixels) on one side"
    )


def test_20_cm_is_too_big():
    assert reason(jpeg(size=(2362, 1000))) == (
        "This image measures 20.0 × 8.5 cm (2362 × 1000 pixels) at 300 dpi; reproductions must "
        "be at most 16 × 16 cm (1890 × 1890 pixels)"
    )


def test_the_limits_themselves_are_accepted():
    assert inspect(jpeg(size=(1890, 354))).width_px == 1890


def test_cmyk_is_refused():
    assert reason(jpeg(mode="CMYK")) == "CMYK images are not accepted; convert to RGB"


def test_transparency_is_refused():
    assert "transparency" in reason(tiff(mode="RGBA"))


@pytest.mark.parametrize(
    "width, height",
    [
        (65000, 65000),  # beyond twice Pillow's MAX_IMAGE_PIXELS: DecompressionBombError
        (10000, 10000),  # beyond MAX_IMAGE_PIXELS: DecompressionBombWarning, made an error
        (5000, 5000),  # below Pillow's limit, above ours: refused before decoding
    ],
)
def test_a_huge_dimension_header_is_refused_before_decoding(width, height):
    assert "declares far more pixels" in reason(jpeg_declaring(width, height))


@pytest.mark.parametrize("load_truncated", [False, True])
@pytest.mark.parametrize(
    "make", [jpeg, lambda: tiff(mode="L"), lambda: tiff(compression="tiff_lzw")]
)
def test_a_truncated_file_is_refused_cleanly(monkeypatch, make, load_truncated):
    # WeasyPrint turns Pillow's LOAD_TRUNCATED_IMAGES on for the whole process when imported.
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", load_truncated)
    data = make()
    for cut in (len(data) // 2, len(data) - 100):
        assert "damaged or incomplete" in reason(data[:cut])
    assert ImageFile.LOAD_TRUNCATED_IMAGES is load_truncated


def test_a_file_over_the_limit_is_refused_without_reading_it_all():
    data = jpeg()
    source = io.BytesIO(data)
    with pytest.raises(ImageRejected) as excinfo:
        inspect_reproduction(source, max_bytes=1000)
    assert (
        excinfo.value.reason == "This file is larger than 1000 bytes, the limit for a reproduction"
    )
    assert source.tell() == 1001


def test_the_size_limit_is_said_in_megabytes():
    assert reason(b"x" * (MB + 1), max_bytes=MB).startswith("This file is larger than 1 MB")


def test_an_empty_file_is_refused():
    assert reason(b"") == "This file is empty"


def test_a_multi_page_tiff_is_refused():
    first, second = Image.new("L", (400, 400)), Image.new("L", (400, 400))
    buffer = io.BytesIO()
    first.save(buffer, "TIFF", save_all=True, append_images=[second], dpi=(300, 300))
    assert "holds 2 pages" in reason(buffer.getvalue())


def test_metadata_is_stripped_and_300_dpi_kept():
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x013B] = "Jane Photographer"  # Artist
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/">GPS secret</x:xmpmeta>'
    data = jpeg(exif=exif, icc_profile=srgb, comment=b"internal note", xmp=xmp)
    assert b"SecretCam" in data and b"GPS secret" in data

    stored = inspect(data).content
    image = Image.open(io.BytesIO(stored))
    assert not image.getexif()
    assert not {"exif", "icc_profile", "xmp", "comment"} & set(image.info)
    assert b"SecretCam" not in stored and b"GPS secret" not in stored
    assert b"internal note" not in stored
    assert tuple(round(v) for v in image.info["dpi"]) == (300, 300)


def test_the_camera_orientation_is_applied_before_the_exif_goes():
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    accepted = inspect(jpeg(size=(1000, 800), exif=exif))
    assert (accepted.width_px, accepted.height_px) == (800, 1000)


def test_sha256_is_of_the_stored_bytes():
    import hashlib

    accepted = inspect(jpeg())
    assert accepted.sha256 == hashlib.sha256(accepted.content).hexdigest()
    assert accepted.size_bytes == len(accepted.content)


def test_the_thumbnail_is_a_jpeg_of_at_most_240_pixels():
    thumbnail = Image.open(io.BytesIO(inspect(tiff(size=(1000, 800), mode="L")).thumbnail))
    assert thumbnail.format == "JPEG"
    assert thumbnail.size == (240, 192)
