"""Rows of the authenticated API: personal tokens, idempotency records of submits, webhooks and
their outbox of deliveries."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    # The labels are the token page's checkboxes (translated there); the API sends the values.
    READ = "read", _("Read drafts, applications and notifications")
    DRAFT = "draft", _("Create and change drafts, upload files")
    SUBMIT = "submit", _("Submit drafts and respond to invitations")
    # Issue 22: a user of the Office of a designated party reads its registrations and notifies.
    OFFICE = "office", _("Office of a designated party: read its registrations and notify")


class ApiToken(models.Model):
    """A personal token: `hp_<prefix>_<secret>`; only the SHA-256 of the whole token is kept.

    The prefix finds the row (unique index); the hash is compared in constant time."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=16, unique=True)
    token_sha256 = models.CharField(max_length=64)
    scopes = models.JSONField(default=list)  # ["read", "draft", "submit"]
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ("-created_at", "-id")

    def __str__(self):
        return f"{self.name} (hp_{self.prefix}_…)"


class IdempotencyKey(models.Model):
    """The first answer to a submit made with this key, replayed to every retry of it.

    The row is inserted (unique on user and key) in the submitting transaction, so of two
    concurrent requests with the same key one waits on the index and then reads the answer."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    request_sha256 = models.CharField(max_length=64)
    response_status = models.PositiveSmallIntegerField()
    response_body = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("user", "key"), name="api_idempotency_user_key")
        ]

    def __str__(self):
        return self.key


class WebhookEvent(models.TextChoices):
    STATUS_CHANGED = "application.status_changed", "An application's status changed"
    NOTIFICATION_CREATED = "notification.created", "A notification was sent"
    # Issue 22: a designated Office's decision, protection or cancellation for one party.
    DESIGNATION_CHANGED = "designation.changed", "A designation's status changed"
    # Issue 23: a renewal (by anyone), the Rule 23 reminder, a lapse of what was not renewed.
    REGISTRATION_RENEWED = "registration.renewed", "A registration was renewed"
    RENEWAL_REMINDER = "registration.renewal_reminder", "A registration is due for renewal"
    REGISTRATION_LAPSED = "registration.lapsed", "A registration (or some parties) lapsed"


class Webhook(models.Model):
    """An HTTPS endpoint told of events of the applications its owner (a user, or a firm when
    `firm` is set, made by a firm admin) may see. Signed with HMAC-SHA256 over the body."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webhooks"
    )
    firm = models.ForeignKey(
        "accounts.Firm", on_delete=models.CASCADE, null=True, blank=True, related_name="webhooks"
    )
    url = models.URLField(max_length=500)
    # Kept in clear: signing needs it. Shown once, at creation; never in a listing.
    secret = models.CharField(max_length=64)
    events = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ("-created_at",)

    def __str__(self):
        return self.url


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"


class WebhookDelivery(models.Model):
    """The outbox: one row per event and webhook, made in the transaction of the event, sent by
    a task after commit, retried with backoff (`next_attempt_at`) by the beat."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=40, choices=WebhookEvent.choices)
    payload = models.JSONField()
    status = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)
        indexes = [
            models.Index(
                fields=("next_attempt_at",),
                name="api_delivery_due",
                condition=models.Q(status="pending"),
            )
        ]

    def __str__(self):
        return f"{self.event} to {self.webhook_id}"
