"""Importing a document with NUL or a lone surrogate: the problem at its path, no draft, no 500.

PostgreSQL's jsonb refuses "\\u0000" and no lone surrogate can be encoded as UTF-8 (issue 8).
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hague_portal.filings.models import Draft


def _import(client, body: str):
    upload = SimpleUploadedFile("application.json", body.encode(), "application/json")
    return client.post(reverse("filings:import"), {"document": upload})


@pytest.mark.parametrize(
    ("body", "path", "message"),
    [
        (
            '{"schema": "hague-portal/application@1", "reference": "A\\u0000B"}',
            "reference",
            "contains a NUL character",
        ),
        (
            '{"schema": "hague-portal/application@1", "designs": [{"number": 1, '
            '"product": "chair \\ud800"}]}',
            "designs › 1 › product",  # the path in words, designs counted from 1
            "contains an invalid character (a lone surrogate, U+D800)",
        ),
        (  # "payment" is kept as it came, outside the document parser
            '{"schema": "hague-portal/application@1", "payment": {"method": "\\u0000"}}',
            "payment › method",
            "contains a NUL character",
        ),
    ],
)
def test_importing_a_bad_character_names_the_field_and_creates_nothing(
    client, alice, reference, body, path, message
):
    client.force_login(alice)

    response = _import(client, body)

    assert response.status_code == 400
    page = response.content.decode()
    assert path in page and message in page
    assert not Draft.objects.filter(created_by=alice).exists()
