"""Rows as the API's JSON: one function per shape, the shapes the OpenAPI schema documents."""

from __future__ import annotations

from django.db.models import F
from django.urls import reverse

from hague_portal.filings.models import Reproduction
from hague_portal.filings.selectors import draft_document

from .models import Webhook, WebhookDelivery


def _iso(moment):
    return moment.isoformat() if moment else None


def draft_summary(draft) -> dict:
    return {
        "id": str(draft.pk),
        "title": draft.title,
        "status": draft.status,
        "version": draft.version,
        "client": draft.client_id,
        "updated_at": _iso(draft.updated_at),
        "submitted_at": _iso(draft.submitted_at),
        "url": reverse("api-draft", args=[draft.pk]),
    }


def draft_detail(draft) -> dict:
    number = (
        getattr(getattr(draft, "submission", None), "number", None) if draft.submitted_at else None
    )
    return {
        **draft_summary(draft),
        "role": draft.user_role,
        "application": number,
        "document": draft_document(draft),
    }


def reproductions(draft) -> list[dict]:
    """Every reproduction of the draft, the unassigned ones last: a design's views in their
    order, numbered as the document numbers them (A.I. Section 405), `position` 1, 2 ... within
    the design (or among the unassigned images)."""
    rows = Reproduction.objects.filter(draft=draft).order_by(
        F("design_number").asc(nulls_last=True), "position", "id"
    )
    shown, places = [], {}
    for row in rows:
        places[row.design_number] = places.get(row.design_number, 0) + 1
        shown.append(reproduction(row, places[row.design_number]))
    return shown


def reproduction_of(draft, reproduction_id) -> dict:
    return next(r for r in reproductions(draft) if r["id"] == reproduction_id)


def reproduction(row, position: int) -> dict:
    number = f"{row.design_number}.{position}" if row.design_number is not None else None
    return {
        "id": row.pk,
        "number": number,
        "design_number": row.design_number,
        "position": position,
        "legend_code": row.legend_code or None,
        "legend_text": row.legend_text or None,
        "name": row.original_name,
        "file": row.file.name or None,
        "sha256": row.sha256,
        "width_px": row.width_px,
        "height_px": row.height_px,
        "dpi": row.dpi,
        "url": reverse("api-draft-reproduction", args=[row.draft_id, row.pk]),
    }


def attachment(row) -> dict:
    return {
        "id": row.pk,
        "kind": row.kind,
        "name": row.original_name,
        "file": row.file.name or None,
        "sha256": row.sha256,
        "details": row.details,
        "url": reverse("api-draft-attachment", args=[row.draft_id, row.pk]),
    }


def submitted(submission) -> dict:
    return {
        "number": submission.number,
        "received_at": _iso(submission.received_at),
        "fees_total": str(submission.fees_total),
        "currency": submission.currency,
        "fees": fees(submission),
        "payments": payments(submission),
        "url": reverse("api-application", args=[submission.number]),
    }


def _status(submission) -> str:
    examination = getattr(submission, "examination", None)
    return examination.status if examination else "received"


def application_summary(submission) -> dict:
    return {
        "number": submission.number,
        "received_at": _iso(submission.received_at),
        "status": _status(submission),
        "reference": (submission.document or {}).get("reference") or "",
        "client": submission.client_id,
        "url": reverse("api-application", args=[submission.number]),
    }


def application_detail(submission, *, user) -> dict:
    from hague_portal.examination.models import Examination
    from hague_portal.examination.selectors import (
        examination_timeline,
        invitation_is_answerable,
        invitations_with_irregularities,
    )

    examination = Examination.objects.filter(submission=submission).first()
    invitations = invitations_with_irregularities(examination) if examination else []
    timeline = (
        examination_timeline(
            submission=submission, for_staff=False, examination=examination, invitations=invitations
        )
        if examination
        else []
    )
    return {
        **application_summary(submission),
        "fees_total": str(submission.fees_total),
        "currency": submission.currency,
        "fees": fees(submission),
        "payments": payments(submission),
        "registration": _registration(examination),
        **registered(submission),
        "timeline": [_step(step) for step in timeline],
        "documents": _documents(submission),
        "invitations": [
            _invitation(inv, answerable=not invitation_is_answerable(inv, examination))
            for inv in invitations
        ],
    }


def _registration(examination) -> dict | None:
    if examination is None or not examination.registration_number:
        return None
    return {
        "number": examination.registration_number,
        "date": _iso(examination.registration_date),
        "publication_date": _iso(examination.publication_date),
    }


def registered(submission) -> dict:
    """Once registered (issue 22): the publication, and each designated party's protection
    with the second part of its fee (register.selectors.protection_of, three queries)."""
    from hague_portal.register.selectors import protection_of

    protection = protection_of(submission)
    if protection is None:
        return {"published_on": None, "designations": []}
    return {
        "published_on": _iso(protection["registration"].published_on),
        "designations": [designation(d) for d in protection["designations"]],
    }


def designation(row) -> dict:
    return {
        "party": row.party,
        "status": row.status,
        "refusal_period_end": _iso(row.refusal_period_end),
        "refused_designs": list(row.refused_designs),
        "review_time_limit": _iso(row.review_time_limit),
        "second_part": second_part(row.part) if row.part else None,
    }


def second_part(part) -> dict:
    return {
        "amount": _money(part.amount),
        "currency": part.currency,
        "time_limit": _iso(part.time_limit),
        "status": part.status,
        "paid_at": _iso(part.paid_at),
    }


def _step(step) -> dict:
    return {
        "kind": step.kind,
        "title": step.title,
        "at": _iso(step.at),
        "on": _iso(step.on),
        "state": step.state,
        "lines": [str(line) for line in step.lines],
        "countdown": step.countdown,
    }


def _documents(submission) -> list[dict]:
    documents = []
    for name, field in (("dm1", "dm1_pdf"), ("acknowledgement", "receipt_pdf")):
        if getattr(submission, field):
            url = reverse("api-application-document", args=[submission.number, name])
            documents.append({"kind": name, "url": url})
    for notification in submission.notifications.exclude(pdf="").order_by("created_at", "pk"):
        url = reverse("api-notification-pdf", args=[notification.pk])
        documents.append({"kind": f"notification:{notification.kind}", "url": url})
    return documents


def _invitation(invitation, *, answerable: bool) -> dict:
    return {
        "sequence": invitation.sequence,
        "status": invitation.status,
        "sent_at": _iso(invitation.sent_at),
        "time_limit": _iso(invitation.time_limit),
        "answerable": answerable,
        "irregularities": [
            {
                "id": row.pk,
                "code": row.code,
                "item": row.item,
                "category": row.category,
                "message": row.message,
                "status": row.status,
                "amount": str(row.amount) if row.amount is not None else None,
            }
            for row in invitation.irregularities.all()
        ],
        "responses": [response(r) for r in invitation.responses.all()],
    }


def response(row) -> dict:
    return {
        "revision": row.revision,
        "submitted_at": _iso(row.submitted_at),
        "message": row.message,
        "document_sha256": row.document_sha256,
        "files": [_response_file(entry) for entry in row.files or []],
    }


def _response_file(entry: dict) -> dict:
    keys = ("role", "number", "kind", "sha256", "size")
    return {key: entry[key] for key in keys if entry.get(key) is not None}


def notification(recipient) -> dict:
    note = recipient.notification
    pdf = reverse("api-notification-pdf", args=[note.pk]) if note.pdf else None
    return {
        "id": note.pk,
        "kind": note.kind,
        "title": note.title,
        "application": note.submission.number,
        "created_at": _iso(note.created_at),
        "read": recipient.read_at is not None,
        "pdf_url": pdf,
    }


def webhook(hook: Webhook) -> dict:
    return {
        "id": str(hook.pk),
        "url": hook.url,
        "events": hook.events,
        "firm": hook.firm_id,
        "active": hook.active,
        "created_at": _iso(hook.created_at),
    }


def delivery(row: WebhookDelivery) -> dict:
    return {
        "id": str(row.pk),
        "event": row.event,
        "status": row.status,
        "attempts": row.attempts,
        "response_status": row.response_status,
        "last_error": row.last_error,
        "created_at": _iso(row.created_at),
        "sent_at": _iso(row.sent_at),
        "next_attempt_at": _iso(row.next_attempt_at) if row.status == "pending" else None,
        "payload": row.payload,
    }


# --- fees and payments --------------------------------------------------------------------------


def fees(submission) -> dict:
    """payments.selectors.fees_statement, amounts as decimal strings."""
    from hague_portal.payments.selectors import fees_statement

    statement = fees_statement(submission)
    money = ("accepted", "expected", "paid", "due", "due_later")
    return {
        **{key: _money(statement[key]) for key in money},
        "currency": statement["currency"],
        "items": [
            {**item, "amount": _money(item["amount"]), "due": _money(item["due"])}
            for item in statement["items"]
        ],
    }


def _money(amount) -> str:
    return f"{amount:.2f}"  # "0.00", not "0": to the centime, as the amounts are charged


def payments(submission) -> list[dict]:
    from hague_portal.payments.models import Payment

    rows = Payment.objects.filter(submission=submission).select_related("account")
    return [payment(row) for row in rows.order_by("created_at", "pk")]


def payment(row) -> dict:
    return {
        "reference": row.reference,
        "method": row.method,
        "status": row.status,
        "amount": str(row.amount),
        "amount_received": str(row.amount_received),
        "currency": row.currency,
        "account": row.account_id,
        "created_at": _iso(row.created_at),
        "paid_at": _iso(row.paid_at),
    }


def current_account(row) -> dict:
    return {
        "id": row.pk,
        "number": row.number,
        "holder_name": row.holder_name,
        "firm": row.owner_firm_id,
        "balance": str(row.balance),
        "currency": row.currency,
    }
