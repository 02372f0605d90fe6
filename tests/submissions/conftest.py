"""Drafts ready to submit, with real image and PDF files under a temporary MEDIA_ROOT."""

import io
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageDraw
from pypdf import PdfWriter

from hague_portal.filings.models import Attachment, Draft, Reproduction
from hague_portal.filings.selectors import draft_document
from hague_portal.hague.document import SCHEMA, parse_application
from hague_portal.hague.fees import calculate_fees
from hague_portal.hague.reference import load_reference_dir
from hague_portal.submissions.services import submission_create

REFERENCE_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "reference"
PARIS = {"street": "1 rue de la Paix", "city": "Paris", "postcode": "75002", "country": "FR"}


def document(*, designs=1, designations=("CH", "EM"), representative=None, **extra) -> dict:
    doc = {
        "schema": SCHEMA,
        "reference": "ACME-2026-001",
        "applicants": [
            {
                "name": "Atelier Doe SARL",
                "kind": "legal",
                "email": "jane@doe.example",
                "address": PARIS,
            }
        ],
        "entitlement": {"establishment": ["FR", "EM"]},
        "applicant_contracting_party": "EM",
        "designations": list(designations),
        "designs": [
            {"number": n, "product": f"chair model {n}", "locarno": "06-01"}
            for n in range(1, designs + 1)
        ],
        "creators": [{"name": "Jane Doe", "address": PARIS}],
        "signatory": {"name": "/Jane Doe/", "capacity": "applicant"},
    }
    if representative:
        doc["representative"] = representative
    doc.update(extra)
    return doc


def jpeg(seed: int, *, size=(600, 600), dpi=300, fmt="JPEG") -> bytes:
    image = Image.new("RGB", size, ((seed * 37) % 256, (seed * 91) % 256, (seed * 53) % 256))
    ImageDraw.Draw(image).text((20, 20), f"view {seed}", fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, fmt, dpi=(dpi, dpi))
    return out.getvalue()


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def add_reproduction(draft, design, position, content: bytes, **fields):
    import hashlib

    row = Reproduction(
        draft=draft,
        design_number=design,
        position=position,
        legend_code=fields.pop("legend_code", "1"),
        extension="jpg",
        original_name=f"view-{design}-{position}.jpg",
        sha256=hashlib.sha256(content).hexdigest(),
        width_px=600,
        height_px=600,
        dpi=300,
        mode="RGB",
        size_bytes=len(content),
        **fields,
    )
    row.file.save(row.original_name, ContentFile(content), save=False)
    row.save()
    return row


def add_attachment(draft, kind, content: bytes, **details):
    import hashlib

    row = Attachment(
        draft=draft,
        kind=kind,
        original_name=f"{kind}.pdf",
        sha256=hashlib.sha256(content).hexdigest(),
        size_bytes=len(content),
        details=details,
    )
    row.file.save(row.original_name, ContentFile(content), save=False)
    row.save()
    return row


def make_draft(
    user, *, client=None, designs=1, views=2, annex=True, size=(600, 600), **doc_changes
) -> Draft:
    draft = Draft.objects.create(
        created_by=user, client=client, document=document(designs=designs, **doc_changes)
    )
    for design in range(1, designs + 1):
        for position in range(1, views + 1):
            add_reproduction(draft, design, position, jpeg(design * 100 + position, size=size))
    if annex:
        add_attachment(
            draft, Attachment.Kind.ANNEX_I, pdf_bytes(), creator="Jane Doe", signatory="/Jane Doe/"
        )
    return draft


_REF = None


def fees_for(doc: dict) -> dict:
    global _REF
    _REF = _REF or load_reference_dir(REFERENCE_DIR)
    app = parse_application(dict(doc.items()), _REF)
    return calculate_fees(app, _REF).as_dict()


def submit(draft, user):
    """What draft_submit does around submission_create: one transaction."""
    with transaction.atomic():
        doc = draft_document(draft)
        return submission_create(draft=draft, user=user, document=doc, fees=fees_for(doc))


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def reference_db(db):
    from hague_portal.reference.services import reference_import

    reference_import(directory=REFERENCE_DIR)
    from hague_portal.reference.selectors import reference_data_changed

    reference_data_changed()


@pytest.fixture
def no_broker(monkeypatch):
    """Record what would be sent to the broker, send nothing."""
    sent = []
    from hague_portal.submissions import tasks

    monkeypatch.setattr(tasks.job_run_task, "apply_async", lambda args, **kw: sent.append(args[0]))
    return sent
