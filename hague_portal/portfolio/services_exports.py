"""The XLSX export as a job: asked for on the workbench, written by a worker (tasks.export_run),
downloaded by the user who asked, deleted after EXPORT_KEEP_DAYS.

Like the submission jobs, the row is the truth and the broker only a carrier: the message is sent
after commit; a message the broker never took (or lost), or a run whose worker died (its lease
ran out), is sent again by `exports_resend` (beat). A run claims the row with a conditional
UPDATE and renews its lease with every progress report, so two runs never write one export.
"""

from __future__ import annotations

import logging
import tempfile
from dataclasses import asdict
from datetime import date, timedelta

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation

from . import exports
from .models import Export, ExportStatus, export_path
from .selectors import Filters, applications_count, applications_filtered
from .selectors_export import applications_export

logger = logging.getLogger(__name__)

EXPORT_KEEP_DAYS = 7
STALE_QUEUED = timedelta(minutes=10)  # queued this long and not started: the broker lost it
MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ExportLost(Exception):
    """This run's lease ran out and another run took the export: stop, it finishes the work."""


def filters_dump(filters: Filters) -> dict:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in asdict(filters).items()}


def filters_load(data: dict) -> Filters:
    known = {k: v for k, v in data.items() if k in Filters.__dataclass_fields__}
    for key in ("date_from", "date_to"):
        if known.get(key):
            known[key] = date.fromisoformat(known[key])
    return Filters(**known)


def export_lease() -> timedelta:
    return timedelta(seconds=settings.JOB_LEASE_SECONDS)


# --- asking and sending --------------------------------------------------------------------------


def export_request(*, user, filters: Filters, language: str) -> Export:
    """Record the export the user asked for; its job is sent to the broker after commit."""
    with transaction.atomic():
        export = Export.objects.create(user=user, filters=filters_dump(filters), language=language)
        transaction.on_commit(lambda: exports_enqueue(export_ids=[export.pk]))
    return export


def exports_enqueue(*, export_ids) -> int:
    """Send each export's job to the "exports" queue; one the broker refuses stays queued
    (enqueued_at null) for `exports_resend`. Never raises: the export is recorded."""
    from hague_portal.celery import queue_name

    from .tasks import export_run_task

    sent = 0
    for export_id in export_ids:
        try:
            export_run_task.apply_async(
                args=[str(export_id)], queue=queue_name("exports"), retry=False
            )
        except Exception as exc:  # noqa: BLE001 - any broker failure: exports_resend retries
            logger.warning("export %s not sent to the broker (%s)", export_id, exc)
            continue
        Export.objects.filter(pk=export_id, status=ExportStatus.QUEUED).update(
            enqueued_at=timezone.now()
        )
        sent += 1
    return sent


def exports_resend() -> int:
    """Re-send the exports the broker never took or lost, and those whose run died."""
    now = timezone.now()
    lost = Export.objects.filter(
        Q(status=ExportStatus.QUEUED, enqueued_at__isnull=True)
        | Q(status=ExportStatus.QUEUED, enqueued_at__lt=now - STALE_QUEUED)
        | Q(status=ExportStatus.RUNNING, lease_until__lt=now)
    )
    return exports_enqueue(export_ids=list(lost.values_list("pk", flat=True)))


# --- running -------------------------------------------------------------------------------------


def export_claim(*, export_id, task_id: str) -> Export | None:
    """Take the export with a conditional UPDATE: queued, or running under this task id (the
    message came back after its worker died) or with an expired lease. None: not claimable."""
    now = timezone.now()
    claimable = Q(status=ExportStatus.QUEUED) | Q(
        Q(task_id=task_id) | Q(lease_until__lt=now), status=ExportStatus.RUNNING
    )
    updated = Export.objects.filter(claimable, pk=export_id).update(
        status=ExportStatus.RUNNING,
        task_id=task_id,
        lease_until=now + export_lease(),
        attempts=F("attempts") + 1,
        rows_done=0,
    )
    return Export.objects.select_related("user").get(pk=export_id) if updated else None


def export_run(*, export_id, task_id: str) -> str:
    """Write the export's XLSX and store it; "done", or "skipped" if another run holds it."""
    export = export_claim(export_id=export_id, task_id=task_id)
    if export is None:
        return "skipped"
    try:
        with translation.override(export.language):
            stored, written = _write(export, task_id)
    except ExportLost:
        return "skipped"
    done = Export.objects.filter(pk=export.pk, status=ExportStatus.RUNNING, task_id=task_id).update(
        status=ExportStatus.DONE,
        file=stored,
        rows_done=written,
        rows_total=written,
        lease_until=None,
        last_error="",
        finished_at=timezone.now(),
    )
    if not done:  # taken over at the very end: the other run stores its own file
        default_storage.delete(stored)
        return "skipped"
    export.rows_done = written
    _email_ready(export)
    return "done"


def _write(export: Export, task_id: str) -> tuple[str, int]:
    filters = filters_load(export.filters)
    rows = applications_filtered(user=export.user, filters=filters)
    _progress(export, task_id, rows_total=applications_count(rows=rows, filters=filters))
    # A temporary file, on disk: 100,000 rows are ~10 MB of XLSX, never held in memory.
    with tempfile.TemporaryFile() as out:
        written = exports.xlsx_write(
            applications_export(rows=rows, filters=filters),
            out=out,
            progress=lambda n: _progress(export, task_id, rows_done=n),
        )
        out.seek(0)
        name = f"applications-{timezone.localdate():%Y-%m-%d}.xlsx"
        stored = default_storage.save(export_path(export, name), File(out, name=name))
    return stored, written


def _progress(export: Export, task_id: str, **fields) -> None:
    # The progress report renews the lease: a run that writes is alive.
    held = Export.objects.filter(pk=export.pk, status=ExportStatus.RUNNING, task_id=task_id).update(
        lease_until=timezone.now() + export_lease(), **fields
    )
    if not held:
        raise ExportLost(str(export.pk))


def _email_ready(export: Export) -> None:
    """The user may have left the page: an e-mail says the export is ready (the inbox holds
    the International Bureau's notifications about one application; this is neither)."""
    from hague_portal.mail.services import email_send_after_commit

    context = {
        "export": export,
        "url": settings.SITE_URL + reverse("portfolio:exports"),
        "keep_days": EXPORT_KEEP_DAYS,
    }
    with translation.override(export.language):
        email_send_after_commit(
            name="export_ready", to=export.user.email, key=f"export:{export.pk}", context=context
        )


def export_retry_later(*, export_id, task_id: str, error: str) -> None:
    """A failed attempt that will be retried (the retry message is already in the broker)."""
    Export.objects.filter(pk=export_id, status=ExportStatus.RUNNING, task_id=task_id).update(
        status=ExportStatus.QUEUED,
        last_error=error[:4000],
        lease_until=None,
        enqueued_at=timezone.now(),
    )


def export_fail(*, export_id, task_id: str, error: str) -> None:
    Export.objects.filter(pk=export_id, status=ExportStatus.RUNNING, task_id=task_id).update(
        status=ExportStatus.FAILED,
        last_error=error[:4000],
        lease_until=None,
        finished_at=timezone.now(),
    )


# --- expiry --------------------------------------------------------------------------------------


def exports_expire(*, now=None) -> int:
    """Delete the exports asked for more than EXPORT_KEEP_DAYS ago, their files first (beat).
    Returns how many were deleted."""
    limit = (now or timezone.now()) - timedelta(days=EXPORT_KEEP_DAYS)
    old = list(Export.objects.filter(created_at__lt=limit).values_list("pk", "file")[:1000])
    for _pk, name in old:
        if name:
            default_storage.delete(name)
    Export.objects.filter(pk__in=[pk for pk, _ in old]).delete()
    return len(old)
