"""What the review step shows before the one irreversible click (issue 8): every section of the
application with a link to change it, the reproductions as thumbnails, the fees, and exactly
what will happen to the payment on submit."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.urls import reverse

from .context import step_url
from .forms import SubmitForm
from .models import Reproduction

# Parts of the document that are files or portal bookkeeping, not something to read back.
HIDDEN_KEYS = {"reproductions", "file", "sha256", "schema"}


@dataclass
class Section:
    title: str
    change_url: str | None
    lines: list[str] = field(default_factory=list)
    thumbnails: dict = field(default_factory=dict)  # design number -> [(view number, url)]


def review_sections(state) -> list[Section]:
    """Every applicable section but the review itself, in DM/1 order."""
    sections = []
    for step in state.steps:
        if step.key == "review":
            continue
        section = Section(step.title, step_url(state.draft, step))
        for key in step.owns:
            section.lines += _lines(state.document.get(key))
        if step.key == "reproductions":
            section.thumbnails = review_thumbnails(state.draft)
        sections.append(section)
    return sections


def review_thumbnails(draft) -> dict[int, list[tuple[str, str]]]:
    """Thumbnail URLs per design, in DM/1 view order: one query whatever their number."""
    rows = (
        Reproduction.objects.filter(draft=draft, design_number__isnull=False)
        .order_by("design_number", "position", "id")
        .values_list("id", "design_number")
    )
    by_design: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for pk, design in rows:
        views = by_design[design]
        url = reverse("filings:file", args=[draft.id, "thumbnail", pk])
        views.append((f"{design}.{len(views) + 1}", url))  # A.I. Section 405 numbering
    return dict(by_design)


def _lines(value) -> list[str]:
    if _empty(value):
        return []
    if isinstance(value, list) and all(isinstance(v, dict) for v in value):
        return [_flat(v) for v in value if not _empty(v)]
    return [_flat(value)]


def _flat(value) -> str:
    if isinstance(value, dict):
        parts = (
            f"{str(k).replace('_', ' ')}: {_flat(v)}"
            for k, v in value.items()
            if k not in HIDDEN_KEYS and not _empty(v)
        )
        return "; ".join(parts)
    if isinstance(value, list):
        return ", ".join(_flat(v) for v in value if not _empty(v))
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _empty(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


# --- payment on submit ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PaymentPlan:
    method: str | None
    due: Decimal
    accounts: list  # the current accounts the user may debit, with their balance


def submit_form(*, user, state, data=None) -> SubmitForm:
    """The confirmation form; it asks for the account when the current account was chosen."""
    plan = payment_plan(user=user, state=state)
    accounts = None
    if plan.method == "current_account" and plan.accounts:
        from hague_portal.payments.selectors import current_accounts_for

        accounts = current_accounts_for(user=user)
    return SubmitForm(data, accounts=accounts)


def payment_plan(*, user, state) -> PaymentPlan:
    from hague_portal.payments.selectors import current_accounts_for

    method = (state.document.get("payment") or {}).get("method")
    accounts = list(current_accounts_for(user=user)) if method == "current_account" else []
    return PaymentPlan(method, state.fees.total_due_at_filing, accounts)
