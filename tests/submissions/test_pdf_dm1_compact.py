"""The DM/1 of a large application stays compact: reproduction sheets of several views a page,
grouped by design, and images embedded at print resolution while the filed originals stay as
they were (issue 11). Rendered for real with WeasyPrint."""

import hashlib
import io
import re
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage
from pypdf import PdfReader

from hague_portal.submissions import pipeline
from hague_portal.submissions.documents import COLUMNS_CHARS, columns_text, reproduction_sheets
from hague_portal.submissions.models import Submission

from .conftest import make_draft, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def render(alice, media, no_broker, reference_db):
    def render(**draft):
        submission = submit(make_draft(alice, annex=False, **draft), alice)
        pipeline.submission_render_dm1(submission)
        with submission.dm1_pdf.open("rb") as handle:
            return submission, PdfReader(io.BytesIO(handle.read()))

    return render


def pdf_text(reader) -> str:
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def embedded_image_sizes(reader) -> set[tuple[int, int]]:
    # WeasyPrint shares one resource dictionary between pages: each page lists every image.
    return {(image.image.width, image.image.height) for image in reader.pages[-1].images}


def test_a_dm1_of_100_designs_of_5_views_fits_in_80_pages(render):
    submission, reader = render(designs=100, views=5, size=(300, 300))
    assert len(reader.pages) <= 80
    assert submission.document["designs"][99]["number"] == 100


def test_every_reproduction_number_is_printed_on_the_sheets_in_order(render):
    _, reader = render(designs=7, views=5, size=(300, 300))
    sheets = pdf_text(reader).split("Reproduction sheets", 1)[1]
    numbers = [f"{design}.{view}" for design in range(1, 8) for view in range(1, 6)]
    found = re.findall(r"\b(\d+\.\d+) — ", sheets)
    assert found == numbers


def test_the_views_of_a_design_share_a_sheet_and_designs_share_sheets():
    designs = [{"number": n, "reproductions": [{}] * 5} for n in range(1, 11)]
    sheets = reproduction_sheets(designs)
    assert [len(sheet) for sheet in sheets] == [2, 2, 2, 2, 2]
    assert [d["number"] for sheet in sheets for d in sheet] == list(range(1, 11))


def test_a_design_too_long_for_one_sheet_starts_a_sheet_of_its_own():
    designs = [{"number": 1, "reproductions": [{}]}, {"number": 2, "reproductions": [{}] * 40}]
    assert [[d["number"] for d in sheet] for sheet in reproduction_sheets(designs)] == [[1], [2]]


def test_large_reproductions_are_embedded_at_print_resolution(render):
    _, reader = render(designs=1, views=2, size=(2400, 1800))
    sizes = embedded_image_sizes(reader)
    assert sizes and all(max(size) <= 624 for size in sizes), (
        sizes
    )  # 480 px asked, 30 % slack (lib.pdf.SLACK)


def test_the_filed_originals_stay_unchanged_and_keep_their_sha256(render, media):
    submission, _ = render(designs=1, views=2, size=(2400, 1800))
    for entry in submission.files:
        content = (media / entry["path"]).read_bytes()
        assert hashlib.sha256(content).hexdigest() == entry["sha256"]
        assert entry["size"] == len(content)


def test_print_copies_are_kept_by_sha256_and_reused_by_the_next_render(render, media):
    submission, _ = render(designs=1, views=1, size=(2400, 1800))
    (entry,) = submission.files
    (copy,) = Path(media, pipeline.PRINT_COPIES_DIR).rglob(f"{entry['sha256']}-*")
    made = copy.stat().st_mtime_ns
    Submission.objects.filter(pk=submission.pk).update(dm1_pdf="")  # as a staff re-run
    submission.refresh_from_db()
    pipeline.submission_render_dm1(submission)
    assert submission.dm1_pdf
    assert copy.stat().st_mtime_ns == made


def test_a_reproduction_changed_since_filing_fails_the_render_instead_of_printing_a_copy(
    tmp_path,
):
    from hague_portal.lib.pdf import PDFRenderError, PrintCopies, render_pdf

    from .conftest import jpeg

    original = tmp_path / "view.jpg"
    original.write_bytes(jpeg(1, size=(2400, 1800)))
    sha = hashlib.sha256(original.read_bytes()).hexdigest()
    original.write_bytes(jpeg(2, size=(2400, 1800)))
    storage = FileSystemStorage(tmp_path)
    copies = PrintCopies("copies", max_px=480, storage=storage)
    with pytest.raises(PDFRenderError, match="no longer matches"):
        render_pdf(
            f'<img src="portal-file:{sha}">',
            files={sha: original.name},
            print_copies=copies,
            storage=storage,
        )
    assert not list((tmp_path / "copies").rglob("*.jpg"))


def test_the_print_copies_of_the_images_shown_are_made_before_the_render_and_only_those(
    tmp_path,
):
    from hague_portal.lib.pdf import PrintCopies

    from .conftest import jpeg

    files = {}
    for seed in (1, 2, 3):
        path = tmp_path / f"view-{seed}.jpg"
        path.write_bytes(jpeg(seed, size=(1200, 900)))
        files[hashlib.sha256(path.read_bytes()).hexdigest()] = path.name
    first, second, third = files
    copies = PrintCopies("copies", max_px=480, storage=FileSystemStorage(tmp_path))
    copies.prepare(files, [first, second, first], workers=2)
    made = {path.name.split("-")[0] for path in (tmp_path / "copies").rglob("*.jpg")}
    assert made == {first, second}


def test_item_8_columns_start_at_the_same_character_on_every_line():
    header, body = columns_text(
        ["Design", "Product", "Locarno class", "Reproductions"],
        [["1", "chair", "06-01", "5"], ["10", "folding table", "not indicated", "12"]],
        wrap=1,
    )
    first, second = body.split("\n")
    assert [header.index(c) for c in ("Product", "Locarno class", "Reproductions")] == [8, 23, 38]
    assert [first.index(c) for c in ("chair", "06-01", "5")] == [8, 23, 38]
    assert [second.index(c) for c in ("folding table", "not indicated", "12")] == [8, 23, 38]


def test_a_long_product_wraps_under_its_own_column_and_nothing_is_cut():
    product = "armchair with " + "detachable cushions " * 8
    header, body = columns_text(
        ["Design", "Product", "Locarno class"], [["1", product, "06-01"]], wrap=1
    )
    lines = body.split("\n")
    assert len(lines) > 1 and all(len(line) <= COLUMNS_CHARS for line in lines)
    assert all(line.startswith(" " * 8) for line in lines[1:])
    assert lines[0].split()[0] == "1" and lines[0].split()[-1] == "06-01"
    words = " ".join(lines).split()[1:]
    assert " ".join(word for word in words if word != "06-01") == product.strip()
