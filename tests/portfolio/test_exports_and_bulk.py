"""The CSV of the filtered list (streamed, every row, formula injection neutralised), and the
bulk actions: duplicate as template, export documents. Access is checked on every selected row.
The XLSX, written by a job: test_export_job.py."""

import csv
import io
import re
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from hague_portal.filings.models import Draft
from hague_portal.submissions.models import Submission

from ..submissions.conftest import pdf_bytes
from .conftest import HOSTILE, a_draft

pytestmark = pytest.mark.django_db


def csv_rows(http, **params) -> list[list[str]]:
    response = http.get(reverse("portfolio:export"), params)
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content)
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_the_csv_export_writes_formula_like_cells_as_text(client, bob, hostile):
    client.force_login(bob)
    rows = csv_rows(client)
    assert rows[0][:3] == ["Application number", "Your reference", "Title"]
    cells = [cell for row in rows[1:] for cell in row]
    assert "'" + HOSTILE in cells
    assert "'+SUM(1;2)" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


def test_the_csv_export_writes_dates_and_amounts_plainly(client, bob, hostile):
    client.force_login(bob)
    header, *rows = csv_rows(client)
    filed = next(row for row in rows if row[0].startswith("WIPO"))
    assert re.fullmatch(r"\d+\.\d\d", filed[header.index("Fees")])
    assert filed[header.index("Paid")] == "0.00" and filed[header.index("Currency")] == "CHF"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", filed[header.index("Filed")])


def test_the_export_has_the_rows_of_the_filters_and_no_other(client, bob, acme, hostile):
    a_draft(bob, client=acme, reference="ACME-ONLY")
    client.force_login(bob)
    text = str(csv_rows(client, client="ACME"))
    assert "ACME-ONLY" in text and "HYPERLINK" not in text


def test_an_outsider_exports_an_empty_list(client, charlie, hostile):
    client.force_login(charlie)
    assert len(csv_rows(client)) == 1


def test_the_csv_export_has_every_row_past_one_chunk_in_the_lists_order(
    client, bob, acme, hostile, monkeypatch
):
    from hague_portal.portfolio import exports

    monkeypatch.setattr(exports, "CSV_ROWS_PER_CHUNK", 2)  # five rows: three chunks and a tail
    for n in range(3):
        a_draft(bob, client=acme, reference=f"ACME-{n}")
    client.force_login(bob)
    response = client.get(reverse("portfolio:export"), {"tab": "drafts"})
    chunks = list(response.streaming_content)
    rows = list(csv.reader(io.StringIO(b"".join(chunks).decode("utf-8-sig"))))[1:]
    assert len(chunks) >= 3
    assert [row[1] for row in rows] == ["ACME-2", "ACME-1", "ACME-0", "'+SUM(1;2)"]


def bulk(http, user, action, *drafts):
    http.force_login(user)
    data = {"action": action, "application": [str(d.pk) for d in drafts], "query": "tab=drafts"}
    return http.post(reverse("portfolio:bulk"), data)


def test_an_editor_duplicates_selected_applications_as_new_drafts(client, bob, acme, hostile):
    draft, filed = hostile
    before = Draft.objects.count()
    response = bulk(client, bob, "duplicate", draft, Draft.objects.get(pk=filed.draft_id))
    assert response.status_code == 302 and response.url == "/?tab=drafts"
    copies = Draft.objects.order_by("-created_at")[:2]
    assert Draft.objects.count() == before + 2
    assert "+SUM(1;2)" in {c.reference for c in copies}  # the document's reference is kept
    assert all(c.status == "draft" and c.created_by == bob for c in copies)


@pytest.mark.parametrize("reader", ["vera"])
def test_a_viewer_may_not_duplicate_and_nothing_is_copied(client, reader, hostile, request):
    before = Draft.objects.count()
    response = bulk(client, request.getfixturevalue(reader), "duplicate", hostile[0])
    assert response.status_code == 403
    assert Draft.objects.count() == before


def test_one_row_the_user_may_not_see_refuses_the_whole_selection(client, bob, alice, hostile):
    alices = a_draft(alice)
    before = Draft.objects.count()
    assert bulk(client, bob, "duplicate", hostile[0], alices).status_code == 404
    assert Draft.objects.count() == before


def test_export_documents_zips_the_dm1_and_the_acknowledgement(client, vera, hostile):
    filed = hostile[1]
    for field in ("dm1_pdf", "receipt_pdf"):
        path = default_storage.save(
            f"submissions/{filed.number}-{field}.pdf", ContentFile(pdf_bytes())
        )
        Submission.objects.filter(pk=filed.pk).update(**{field: path})
    response = bulk(client, vera, "documents", Draft.objects.get(pk=filed.draft_id))
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert sorted(archive.namelist()) == [
        f"{filed.number}-DM1.pdf",
        f"{filed.number}-acknowledgement.pdf",
    ]


def test_export_documents_of_a_draft_says_only_filed_ones_have_documents(client, bob, hostile):
    response = bulk(client, bob, "documents", hostile[0])
    assert response.status_code == 302
    response = client.get(response.url)
    assert "Only filed applications have documents" in response.content.decode()


def test_an_outsider_gets_404_for_the_documents_of_a_filed_application(client, charlie, hostile):
    draft = Draft.objects.get(pk=hostile[1].draft_id)
    assert bulk(client, charlie, "documents", draft).status_code == 404


def test_nothing_selected_is_said_on_the_workbench(client, bob, hostile):
    response = bulk(client, bob, "duplicate")
    assert "Select at least one application." in client.get(response.url).content.decode()
