"""Filed applications to write about: alice's own, and bob's for the firm's client ACME (bob
writes; vera, a viewer, reads); an examiner of the Examiner group answers."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.examination.admin_helpers import staff_in
from tests.filings.sample_files import image_bytes, pdf
from tests.submissions.conftest import (  # noqa: F401 - shared fixtures
    make_draft,
    media,
    reference_db,
    submit,
)


@pytest.fixture
def alice_filing(alice, media, reference_db):  # noqa: F811
    return submit(make_draft(alice, designs=1, views=1), alice)


@pytest.fixture
def acme_filing(bob, vera, acme, media, reference_db):  # noqa: F811
    return submit(make_draft(bob, client=acme, designs=1, views=1), bob)


@pytest.fixture
def emma(db):
    return staff_in("Examiner", "emma@wipo.test", "Emma Examiner")


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type)


def a_pdf(name="letter.pdf"):
    return upload(name, pdf(), "application/pdf")


def a_png(name="sketch.png"):
    return upload(name, image_bytes("PNG", size=(200, 100)), "image/png")
