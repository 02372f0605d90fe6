"""Webhooks: who hears of an event, the outbox row per delivery, signing and sending.

The webhooks are a consumer of the event stream (`event_to_webhooks`, registered in
ApiConfig.ready): an event that moved an application's status is an
`application.status_changed`, each notification it gave a `notification.created`, a designated
Office's decision (and protection, a second part due, a cancellation) a `designation.changed`.
`emit` writes one WebhookDelivery per webhook entitled to the event, in the caller's
transaction, and sends them after commit (a task each); a failed send is retried with backoff
(`next_attempt_at`, `retry_delay`) by a task due at that time, the beat task `deliveries_resend`
sending whatever is due and was lost, up to MAX_ATTEMPTS. A receiver checks
`X-Hague-Signature: sha256=<hex HMAC-SHA256 of the raw body with the webhook's secret>`.
Sending goes through lib.outbound: never to a private address, no redirects (SSRF).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from hague_portal.accounts.models import FirmMembership, FirmRole
from hague_portal.lib import outbound

from .models import DeliveryStatus, Webhook, WebhookDelivery, WebhookEvent

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Hague-Signature"
MAX_ATTEMPTS = 8
BACKOFF_BASE = timedelta(seconds=30)  # retry_delay: 30 s, 1 min, 2 min ... 32 min before the 8th
SEND_TIMEOUT_SECONDS = 10


# --- manage -------------------------------------------------------------------------------------


def webhook_create(*, user, url: str, events, firm=None) -> tuple[Webhook, str]:
    """The webhook and its signing secret (shown once). A firm's webhook: by a firm admin."""
    errors = {}
    try:
        URLValidator(schemes=["https", "http"])(url)
    except ValidationError:
        errors["url"] = "Enter the full URL of your endpoint (https://…)."
    # A malformed URL is not looked up, but an address in numbers (http://2130706433/) is read.
    problem = _destination_problem(url, numeric_only="url" in errors)
    if problem:
        errors["url"] = problem
    events = sorted(set(events or []))
    if not events or not set(events) <= set(WebhookEvent.values):
        errors["events"] = f"Choose one or more of: {', '.join(WebhookEvent.values)}."
    if errors:
        raise ValidationError(errors)
    if (
        firm is not None
        and not FirmMembership.objects.filter(user=user, firm=firm, role=FirmRole.ADMIN).exists()
    ):
        raise PermissionDenied("Only an administrator of the firm adds its webhooks.")
    secret = secrets.token_hex(32)
    hook = Webhook.objects.create(user=user, firm=firm, url=url, secret=secret, events=events)
    return hook, secret


def _destination_problem(url: str, *, numeric_only: bool) -> str:
    """NOT_PUBLIC when the URL's host is or resolves to a private address, else "". A name that
    does not resolve yet is accepted (its DNS may come later): every send checks again."""
    allow = settings.WEBHOOKS_ALLOW_PRIVATE_HOSTS
    try:
        outbound.destination(url, allow_private=allow, numeric_only=numeric_only)
    except outbound.Refused as exc:
        return str(exc) if str(exc) == outbound.NOT_PUBLIC else ""
    return ""


def webhooks_visible_to(*, user):
    """The user's own webhooks and those of the firms the user administers."""
    admin_of = FirmMembership.objects.filter(user=user, role=FirmRole.ADMIN).values("firm_id")
    return Webhook.objects.filter(Q(user=user, firm__isnull=True) | Q(firm_id__in=admin_of))


def webhook_delete(*, webhook: Webhook, user) -> None:
    if not webhooks_visible_to(user=user).filter(pk=webhook.pk).exists():
        raise PermissionDenied("You may not delete this webhook.")
    webhook.delete()


# --- emit ---------------------------------------------------------------------------------------


def emit(*, event: str, submission, data: dict) -> list:
    """One delivery per active webhook entitled to see `submission`; sent after commit."""
    hooks = _hooks_for(submission=submission, event=event)
    if not hooks:
        return []
    now = timezone.now()
    payload = {
        "event": event,
        "created_at": now.isoformat(),
        "application": submission.number,
        "data": data,
    }
    payload = json.loads(json.dumps(payload, cls=DjangoJSONEncoder))
    rows = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(webhook=hook, event=event, payload=payload, next_attempt_at=now)
        for hook in hooks
    )
    ids = [str(row.pk) for row in rows]
    transaction.on_commit(lambda: deliveries_enqueue(delivery_ids=ids))
    return rows


def _hooks_for(*, submission, event: str):
    """The personal webhooks of everyone entitled to the application's notifications (its
    creator while it may see it, the members of the client's firm) and the firm's webhooks."""
    from hague_portal.notifications.selectors import notification_entitled_users

    users = notification_entitled_users(submission=submission).values("pk")
    entitled = Q(firm__isnull=True, user_id__in=users)
    if submission.client_id is not None:
        entitled |= Q(firm_id=submission.client.firm_id)
    # Filtered here, not with `events__contains`: SQLite (make run) has no JSON containment.
    return [hook for hook in Webhook.objects.filter(entitled, active=True) if event in hook.events]


def deliveries_enqueue(*, delivery_ids, eta=None) -> None:
    """A task per delivery, now or (a retry) at `eta`, its due time."""
    from .tasks import webhook_deliver_task

    for delivery_id in delivery_ids:
        try:
            webhook_deliver_task.apply_async((delivery_id,), eta=eta)
        except Exception:  # noqa: BLE001 - the broker is down: the beat sends it later
            logger.warning("webhook delivery %s not enqueued; left for the beat", delivery_id)


# --- send ---------------------------------------------------------------------------------------


def signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def delivery_send(*, delivery_id) -> str:
    """Claim the delivery (conditional UPDATE: one sender at a time), POST it, record the
    outcome. Returns "sent", "retry", "failed" or "skipped"."""
    now = timezone.now()
    claimed = WebhookDelivery.objects.filter(
        pk=delivery_id, status=DeliveryStatus.PENDING, next_attempt_at__lte=now
    ).update(next_attempt_at=now + timedelta(seconds=SEND_TIMEOUT_SECONDS * 3))
    if not claimed:
        return "skipped"
    delivery = WebhookDelivery.objects.select_related("webhook").get(pk=delivery_id)
    body = json.dumps(delivery.payload, separators=(",", ":")).encode()
    status, error = _post(delivery, body)
    return _record(delivery, status, error)


def _post(delivery: WebhookDelivery, body: bytes) -> tuple[int | None, str]:
    """One POST through lib.outbound: resolved once, private addresses refused (unless
    settings.WEBHOOKS_ALLOW_PRIVATE_HOSTS, for development), no redirects, our own words."""
    answer = outbound.post(
        delivery.webhook.url,
        body=body,
        headers={
            "Content-Type": "application/json",
            "User-Agent": "HaguePortal-Webhooks/1",
            "X-Hague-Event": delivery.event,
            "X-Hague-Delivery": str(delivery.pk),
            SIGNATURE_HEADER: signature(delivery.webhook.secret, body),
        },
        timeout=SEND_TIMEOUT_SECONDS,
        allow_private=settings.WEBHOOKS_ALLOW_PRIVATE_HOSTS,
    )
    return answer.status, answer.problem


def _record(delivery: WebhookDelivery, status: int | None, error: str) -> str:
    attempts = delivery.attempts + 1
    fields = {"attempts": attempts, "response_status": status, "last_error": error}
    if status is not None and 200 <= status < 300:
        fields.update(status=DeliveryStatus.SENT, sent_at=timezone.now(), last_error="")
        outcome = "sent"
    elif attempts >= MAX_ATTEMPTS:
        fields.update(status=DeliveryStatus.FAILED)
        outcome = "failed"
    else:
        fields.update(next_attempt_at=timezone.now() + retry_delay(attempts))
        outcome = "retry"
    WebhookDelivery.objects.filter(pk=delivery.pk).update(**fields)
    if outcome == "retry":
        # Its own message, due at that moment: the beat (every JOBS_RESEND_SECONDS) would send
        # it up to a minute late (79 s instead of 30 s was seen); it stays the safety net. The
        # longest wait (32 min) is under the broker's visibility timeout (1 h), so Redis does
        # not hand the waiting message out twice (and a second one would find it claimed).
        ids, eta = [str(delivery.pk)], fields["next_attempt_at"]
        transaction.on_commit(lambda: deliveries_enqueue(delivery_ids=ids, eta=eta))
    return outcome


def retry_delay(attempts: int) -> timedelta:
    """After the n-th failed attempt: 30 s, 1, 2, 4, 8, 16, 32 min (docs/api-quickstart.md)."""
    return BACKOFF_BASE * 2 ** (attempts - 1)


def deliveries_resend() -> int:
    """Periodic: the deliveries whose next attempt is due (a failed send, or a lost message)."""
    due = WebhookDelivery.objects.filter(
        status=DeliveryStatus.PENDING, next_attempt_at__lte=timezone.now()
    ).values_list("pk", flat=True)[:500]
    ids = [str(pk) for pk in due]
    deliveries_enqueue(delivery_ids=ids)
    return len(ids)


# --- the consumer of the event stream ------------------------------------------------------------

# The kinds that are transitions of an application's status (before/after "status").
STATUS_KINDS = frozenset(
    {
        "checks.done",
        "invitation.sent",
        "invitation.again",
        "response.submitted",
        "irregularity.remedied",
        "designation.removed",
        "application.registered",
        "application.abandoned",
        "application.withdrawn",
    }
)
# The kinds the notifications consumer tells of: each notification made is a notification.created.
NOTIFYING_KINDS = frozenset(
    {
        "invitation.sent",
        "invitation.again",
        "reminder.sent",
        "irregularity.remedied",
        "designation.removed",
        "application.registered",
        "application.abandoned",
        # After registration (issue 22): notifications/register_notices.py
        "registration.published",
        "designation.refused",
        "designation.refusal_withdrawn",
        "designation.granted",
        "designation.protected",
        "second_part.due",
        "designation.cancelled",
        "application.withdrawn",
        "message.answered",
        # Issue 23: a renewal recorded, a registration lapsed: the notice each gives (when the
        # notifications consumer makes one) reaches the webhooks as a notification.created.
        "registration.renewed",
        "registration.lapsed",
        # Changes in the Register (issue 23): notifications/change_notices.py
        "register.ownership_changed",
        "register.name_address_changed",
        "register.representative_changed",
        "register.limited",
        "register.renounced",
        "change.invited",
        "change.abandoned",
        "change.refused",
        # Renewal (issue 23): notifications/renewal_notices.py
        "renewal.reminder",
    }
)
# The kinds about one designated party after registration: each is a designation.changed.
DESIGNATION_KINDS = frozenset(
    {
        "designation.refused",
        "designation.refusal_withdrawn",
        "designation.granted",
        "designation.protected",
        "second_part.due",
        "designation.cancelled",
    }
)


def designation_status_after(kind: str, after: dict) -> str:
    """The designation's status the event left (as register.services set it): a partial
    withdrawal or grant leaves the other designs refused; the second part changes none."""
    if kind in ("designation.refusal_withdrawn", "designation.granted"):
        if after.get("remaining_refused"):
            return "refused"
        return "withdrawn" if kind == "designation.refusal_withdrawn" else "granted"
    return {
        "designation.refused": "refused",
        "designation.protected": "protected",
        "designation.cancelled": "cancelled",
    }.get(kind, "")


def designation_data(event) -> dict:
    """What a designation.changed says (docs/api.md)."""
    after = event.after or {}
    return {
        "registration": after.get("registration_number"),
        "party": after.get("party"),
        "action": event.kind,
        "status": designation_status_after(event.kind, after) or None,
        "designs": after.get("designs"),
        "review_time_limit": after.get("review_time_limit"),
        "second_part_time_limit": after.get("time_limit")
        if event.kind == "second_part.due"
        else None,
        "amount": after.get("amount"),
    }


# The kinds about a registration's term (issue 23): each its own webhook event.
REGISTRATION_EVENTS = {
    "registration.renewed": WebhookEvent.REGISTRATION_RENEWED,
    "renewal.reminder": WebhookEvent.RENEWAL_REMINDER,
    "registration.lapsed": WebhookEvent.REGISTRATION_LAPSED,
}
REGISTRATION_KINDS = frozenset(REGISTRATION_EVENTS)
# What each says, from its event (docs/api.md): the registration and the fields of its kind.
_REGISTRATION_FIELDS = (
    "term", "renewal", "expiry", "new_expiry", "due", "grace_end", "parties", "designs",
    "total", "paid_by", "whole", "in_force", "on",
)  # fmt: skip


def registration_data(event) -> dict:
    after = event.after or {}
    data = {"registration": after.get("registration_number")}
    data.update({name: after[name] for name in _REGISTRATION_FIELDS if name in after})
    return data


def event_to_webhooks(event) -> None:
    """application.status_changed when the event moved the application's status, then a
    notification.created for each notification the event gave (made by the notifications
    consumer, which runs first)."""
    before, after = event.status_before, event.status_after
    if event.kind in STATUS_KINDS and after and before != after:
        emit(
            event=WebhookEvent.STATUS_CHANGED,
            submission=event.submission,
            data={"status": after, "previous_status": before, "action": event.kind},
        )
    if event.kind in DESIGNATION_KINDS:
        emit(
            event=WebhookEvent.DESIGNATION_CHANGED,
            submission=event.submission,
            data=designation_data(event),
        )
    if event.kind in REGISTRATION_EVENTS:
        emit(
            event=REGISTRATION_EVENTS[event.kind],
            submission=event.submission,
            data=registration_data(event),
        )
    if event.kind in NOTIFYING_KINDS:
        for notification in event.notifications.order_by("pk"):
            emit(
                event=WebhookEvent.NOTIFICATION_CREATED,
                submission=event.submission,
                data={
                    "notification": notification.pk,
                    "kind": notification.kind,
                    "title": notification.title,
                    "pdf": bool(notification.pdf),
                },
            )
