"""Real files made on the fly for the upload tests: images with Pillow, PDFs with pypdf."""

import io
import struct

from PIL import Image
from pypdf import PdfWriter


def image_bytes(fmt="JPEG", *, size=(1000, 800), mode="RGB", dpi=(300, 300), **save) -> bytes:
    """An image of `size` pixels; dpi=None writes no resolution at all."""
    colour = (0, 0, 0, 0) if mode == "CMYK" else "white"
    image = Image.new(mode, size, colour)
    if dpi:
        save["dpi"] = dpi
    buffer = io.BytesIO()
    image.save(buffer, fmt, **save)
    return buffer.getvalue()


def jpeg(**kwargs) -> bytes:
    return image_bytes("JPEG", **kwargs)


def tiff(**kwargs) -> bytes:
    return image_bytes("TIFF", **kwargs)


def jpeg_declaring(width: int, height: int) -> bytes:
    """A small real JPEG whose header claims width x height pixels (a decompression bomb)."""
    data = bytearray(jpeg(size=(400, 400)))
    sof = data.index(b"\xff\xc0")  # baseline frame header: marker, length, precision, H, W
    data[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def pdf(pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
