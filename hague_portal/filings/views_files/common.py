"""What the file pages share: whether the draft may be changed, the wizard frame around a page,
the designs as the document lists them, and the message of a refused change."""

from django.conf import settings
from django.core.exceptions import ValidationError

from .. import uploads
from ..context import wizard_context
from ..selectors import draft_is_editable


def _can_edit(draft) -> bool:
    return draft_is_editable(draft=draft, role=getattr(draft, "user_role", None))


def _frame(request, draft, current) -> dict:
    """The wizard frame of step_base.html (step navigation, side panel)."""
    return wizard_context(request, draft=draft, current=current)


def _message(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _setting(name) -> int:
    return getattr(settings, name)


def _document_designs(draft) -> list[dict]:
    designs = (draft.document or {}).get("designs") or []
    numbers = uploads.draft_design_numbers(draft)
    products = [(d.get("product") or "").strip() for d in designs if isinstance(d, dict)]
    return [{"number": n, "product": p} for n, p in zip(numbers, products, strict=True)]
