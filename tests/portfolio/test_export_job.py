"""The XLSX export: asked for on the workbench, written by a job (every row, dates and amounts
typed, formula-like text kept as text), its progress shown, downloaded only by the user who asked,
re-sent when the broker lost it, deleted after 7 days."""

import io
import os
import uuid
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from hague_portal.mail.models import OutgoingEmail
from hague_portal.portfolio import services_exports as services
from hague_portal.portfolio.models import Export, ExportStatus

from .conftest import HOSTILE, a_draft

pytestmark = pytest.mark.django_db


def ask(http, user, query="") -> Export:
    http.force_login(user)
    response = http.post(reverse("portfolio:exports"), {"query": query})
    assert response.status_code == 302
    return Export.objects.filter(user=user).latest("created_at")


def written(export: Export) -> Export:
    assert services.export_run(export_id=export.pk, task_id="task-1") == "done"
    export.refresh_from_db()
    return export


def sheet_of(http, export: Export):
    response = http.get(reverse("portfolio:export_download", args=[export.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == services.MEDIA_TYPE
    return load_workbook(io.BytesIO(b"".join(response.streaming_content))).active


def test_the_xlsx_has_every_row_of_the_filters_with_typed_dates_and_amounts(
    client, bob, world, hostile
):
    export = written(ask(client, bob, query="client=ACME"))
    rows = list(sheet_of(client, export).iter_rows(values_only=False))
    header = [cell.value for cell in rows[0]]
    assert export.rows_done == export.rows_total == len(rows) - 1 == 5  # ACME's five
    irregular = next(r for r in rows[1:] if r[header.index("Next time limit")].value)
    assert irregular[header.index("Next time limit")].is_date
    for name in ("Created", "Filed", "Last change"):
        assert irregular[header.index(name)].is_date
    fees = irregular[header.index("Fees")]
    assert fees.data_type == "n" and fees.value > 0 and fees.number_format == "#,##0.00"
    assert irregular[header.index("Paid")].value == 0


def test_the_xlsx_writes_formula_like_text_as_text(client, bob, hostile):
    export = written(ask(client, bob))
    sheet = sheet_of(client, export)
    values = [cell.value for row in sheet.iter_rows(min_row=2) for cell in row]
    assert "'" + HOSTILE in values and "'+SUM(1;2)" in values
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_the_workbench_shows_the_progress_and_then_the_download(client, bob, hostile):
    client.force_login(bob)
    panel = client.post(
        reverse("portfolio:exports"), {"query": "tab=drafts"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    export = Export.objects.get(user=bob)
    assert export.filters["tab"] == "drafts" and export.status == ExportStatus.QUEUED
    assert "<progress" in panel and 'hx-trigger="every 1s"' in panel
    written(export)
    row = client.get(reverse("portfolio:export_status", args=[export.pk])).content.decode()
    assert "hx-trigger" not in row  # done: the polling stops
    assert reverse("portfolio:export_download", args=[export.pk]) in row
    assert "Download (XLSX, 1 row)" in row
    assert "Download (XLSX, 1 row)" in client.get(reverse("workbench")).content.decode()


def test_the_user_is_emailed_when_the_export_is_ready(client, bob, hostile):
    written(ask(client, bob))
    email = OutgoingEmail.objects.get(name="export_ready")
    assert email.to == bob.email and email.submission is None


@pytest.mark.parametrize("other", ["vera", "fiona", "charlie"])
def test_only_the_user_who_asked_sees_or_downloads_the_export(client, bob, hostile, other, request):
    export = written(ask(client, bob))
    client.force_login(request.getfixturevalue(other))
    for name in ("portfolio:export_download", "portfolio:export_status"):
        assert client.get(reverse(name, args=[export.pk])).status_code == 404
    assert str(export.pk) not in client.get(reverse("portfolio:exports")).content.decode()


def test_an_export_not_yet_written_cannot_be_downloaded(client, bob, hostile):
    export = ask(client, bob)
    assert client.get(reverse("portfolio:export_download", args=[export.pk])).status_code == 404


def test_a_second_run_does_not_take_an_export_whose_lease_runs(bob, hostile):
    export = Export.objects.create(user=bob, language="en")
    assert services.export_claim(export_id=export.pk, task_id="first") is not None
    assert services.export_run(export_id=export.pk, task_id="second") == "skipped"
    Export.objects.filter(pk=export.pk).update(lease_until=timezone.now() - timedelta(seconds=1))
    assert services.export_run(export_id=export.pk, task_id="second") == "done"
    # The first run, back from a pause, finds its export taken and stops.
    with pytest.raises(services.ExportLost):
        services._progress(export, "first", rows_done=1)


def test_an_export_the_broker_lost_is_sent_again(bob, hostile, monkeypatch):
    from hague_portal.portfolio import tasks

    sent = []
    monkeypatch.setattr(tasks.export_run_task, "apply_async", lambda **kw: sent.append(kw))
    lost = Export.objects.create(user=bob, language="en")  # enqueued_at null: never taken
    stale = Export.objects.create(
        user=bob, language="en", enqueued_at=timezone.now() - timedelta(hours=1)
    )
    fresh = Export.objects.create(user=bob, language="en", enqueued_at=timezone.now())
    assert services.exports_resend() == 2
    assert {kw["args"][0] for kw in sent} == {str(lost.pk), str(stale.pk)}
    assert all(kw["queue"].endswith("exports") for kw in sent)
    assert Export.objects.get(pk=fresh.pk).enqueued_at is not None


def test_exports_are_deleted_with_their_files_after_seven_days(client, bob, hostile):
    old = written(ask(client, bob))
    recent = written(ask(client, bob))
    Export.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))
    assert default_storage.exists(old.file.name)
    assert services.exports_expire() == 1
    assert not default_storage.exists(old.file.name)
    assert list(Export.objects.values_list("pk", flat=True)) == [recent.pk]


@pytest.mark.worker
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_writes_the_export_from_the_exports_queue(client, bob, acme, tmp_path):
    import redis
    from django.db import connection

    from ..submissions.worker import Worker, all_queues, default_queue, wait_until

    if not os.environ.get("REDIS_URL") or connection.vendor != "postgresql":
        pytest.skip("needs REDIS_URL and PostgreSQL: the worker shares the test database")
    for n in range(3):
        a_draft(bob, client=acme, reference=f"ACME-{n}")
    media, mail = tmp_path / "media", tmp_path / "mail"
    media.mkdir()
    mail.mkdir()
    queue = f"test-exports-{uuid.uuid4().hex[:10]}"
    worker = Worker(directory=tmp_path, queue=queue, media=media, mail=mail, queues=("exports",))
    with default_queue(queue):
        try:
            worker.start()
            export = ask(client, bob)
            done = wait_until(
                lambda: Export.objects.filter(pk=export.pk, status=ExportStatus.DONE).first(),
                timeout=90,
                what="the export written",
                worker=worker,
            )
        finally:
            worker.stop()
            redis.Redis.from_url(os.environ["REDIS_URL"]).delete(*all_queues(queue))
    assert done.rows_done == 3
    book = load_workbook(media / done.file.name)
    assert book.active.max_row == 4
