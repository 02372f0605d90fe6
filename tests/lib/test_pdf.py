"""The PDF fetcher serves our static files and the document's own files, and nothing else."""

import hashlib

import pytest
from django.core.files.storage import FileSystemStorage

from hague_portal.lib.pdf import PDFRenderError, PortalURLFetcher, render_pdf

from ..submissions.conftest import jpeg


@pytest.mark.parametrize(
    "html",
    [
        '<img src="file:///etc/passwd">',
        '<link rel="stylesheet" href="file:///etc/passwd">',
        '<img src="http://127.0.0.1:9/x.png">',
        '<img src="https://example.com/x.png">',
        '<div style="background: url(file:///etc/passwd)">x</div>',
        '<img src="portal-static:../../../../etc/passwd">',
        '<img src="portal-file:0000000000000000000000000000000000000000000000000000000000000000">',
    ],
)
def test_a_template_referencing_anything_but_its_own_resources_does_not_render(html):
    fetcher = PortalURLFetcher()
    with pytest.raises(PDFRenderError, match="refused"):
        render_pdf(f"<p>secret?</p>{html}", fetcher=fetcher)
    assert fetcher.refused == fetcher.requested[-1:]  # it was asked, and it refused


def test_the_passwd_file_never_reaches_the_pdf():
    fetcher = PortalURLFetcher()
    with pytest.raises(PDFRenderError):
        render_pdf(
            '<object data="file:///etc/passwd"></object><img src="file:///etc/passwd">',
            fetcher=fetcher,
        )
    assert "file:///etc/passwd" in fetcher.refused


def test_static_files_and_whitelisted_files_are_served(tmp_path):
    content = jpeg(1)
    path = tmp_path / "view.jpg"
    path.write_bytes(content)
    sha = hashlib.sha256(content).hexdigest()
    fetcher = PortalURLFetcher({sha: "view.jpg"}, storage=FileSystemStorage(tmp_path))
    pdf = render_pdf(
        f'<link rel="stylesheet" href="portal-static:css/portal.css"><img src="portal-file:{sha}">',
        fetcher=fetcher,
    )
    assert pdf.startswith(b"%PDF") and fetcher.refused == []
    assert b"/Subtype /Image" in pdf or b"/Subtype/Image" in pdf


def test_an_image_that_fails_to_load_fails_the_render(tmp_path):
    path = tmp_path / "broken.jpg"
    path.write_bytes(b"not an image at all")
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(PDFRenderError, match="Failed to load image"):
        render_pdf(
            f'<img src="portal-file:{sha}">',
            files={sha: path.name},
            storage=FileSystemStorage(tmp_path),
        )


def test_a_file_changed_since_filing_fails_the_render(tmp_path):
    path = tmp_path / "view.jpg"
    path.write_bytes(jpeg(1))
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    path.write_bytes(jpeg(2))
    with pytest.raises(PDFRenderError, match="no longer matches"):
        render_pdf(
            f'<img src="portal-file:{sha}">',
            files={sha: path.name},
            storage=FileSystemStorage(tmp_path),
        )


def test_small_data_uris_are_allowed_large_ones_refused():
    import base64
    import io

    from PIL import Image

    def data_uri(size):
        out = io.BytesIO()
        Image.effect_noise((size, size), 64).convert("RGB").save(out, "PNG")
        return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()

    assert render_pdf(f'<img src="{data_uri(4)}">').startswith(b"%PDF")
    with pytest.raises(PDFRenderError, match="refused"):
        render_pdf(f'<img src="{data_uri(200)}">')
