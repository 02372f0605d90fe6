"""The rows of an export: every row of the workbench's list (same filters, tab and order), as the
values each column holds (exports.HEADER), read in chunks through a server-side cursor.

Tuples, not model instances: an export of 100,000 rows built five model instances a row and
translated its labels again on every row (~0.28 ms of CPU a row, half of it that); here each
label is translated once per export. The rows are those of `selectors.applications_page`
(tests/portfolio hold them equal).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext

from hague_portal.examination.models import ExaminationStatus

from .selectors import SORT_ORDERING, TAB_CONDITIONS, Filters, _payment_columns

FIELDS = (
    "pk",
    "submission__number",
    "reference",
    "title",
    "client__name",
    "applicant_names",
    "parties",
    "submission__examination__status",
    "submission__examination__time_limit",
    "submission__examination__fees_expected",
    "submission__fees_total",
    "submission__currency",
    "submission__examination__registration_number",
    "created_at",
    "submitted_at",
    "updated_at",
    "updated_by__full_name",
    "updated_by__email",
    "paid",
    "payment_open",
)


def applications_export(*, rows, filters: Filters, chunk: int = 2_000) -> Iterator[tuple]:
    """(draft id, the values of exports.HEADER) for every row of the filters' tab, in order."""
    ordering = SORT_ORDERING.get(filters.sort, SORT_ORDERING["changed"])
    listed = (
        rows.filter(TAB_CONDITIONS.get(filters.tab, Q()))
        .annotate(**_payment_columns())
        .order_by(*ordering)
        .values_list(*FIELDS)
    )
    labels = _Labels()
    for values in listed.iterator(chunk_size=chunk):
        yield values[0], _record(values, labels)


class _Labels:
    """The words of an export, translated once (in the export's language)."""

    def __init__(self):
        self.draft, self.received = gettext("Draft"), gettext("Received")
        self.paid, self.in_progress = gettext("Paid"), gettext("Payment in progress")
        self.due = gettext("%(amount)s %(currency)s due")
        self.statuses = {value: str(label) for value, label in ExaminationStatus.choices}


def _record(values, labels: _Labels) -> tuple:
    (pk, number, reference, title, client, applicants, parties, status, limit, expected, total,
     currency, registration, created, filed, changed, by_name, by_email, paid, open_) = values  # fmt: skip
    fees = (expected if status else total) if number else None
    return (
        number or labels.draft,
        reference,
        title or f"Draft {str(pk)[:8]}",  # as Draft.__str__ names an untitled draft
        client or "",
        applicants,
        " ".join(parties.split()),
        (labels.statuses.get(status, status) if status else labels.received)
        if number
        else labels.draft,
        limit,
        _payment(labels, fees, paid, open_, currency) if number else "",
        fees,
        paid if number else None,
        currency if number else "",
        registration or "",
        _local(created),
        _local(filed),
        _local(changed),
        by_name or by_email or "",
    )


def _payment(labels: _Labels, fees, paid, payment_open: bool, currency: str) -> str:
    if paid >= fees:
        return labels.paid
    if payment_open:
        return labels.in_progress
    amount = number_format(fees - paid, 2, force_grouping=True)
    return labels.due % {"amount": amount, "currency": currency}


def _local(value) -> datetime | None:
    # Spreadsheets have no time zones: the date and time in Geneva (TIME_ZONE), as the
    # workbench shows them.
    return timezone.localtime(value).replace(tzinfo=None) if value else None
