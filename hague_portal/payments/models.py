"""Payment of the fees of a submission: WIPO current account, card, or bank transfer (eHague).

A `CurrentAccount` is held in the portal; its balance only changes together with a `LedgerEntry`
in the same transaction, so the ledger always adds up to the balance.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class CurrentAccount(models.Model):
    number = models.CharField(max_length=20, unique=True, verbose_name=_("number"))
    holder_name = models.CharField(max_length=200, verbose_name=_("holder"))
    # Owned by a user or by a firm (whose members may debit it).
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="current_accounts",
        verbose_name=_("user"),
    )
    owner_firm = models.ForeignKey(
        "accounts.Firm",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="current_accounts",
        verbose_name=_("firm"),
    )
    balance = models.DecimalField(
        max_digits=14, decimal_places=2, default=0, verbose_name=_("balance")
    )
    currency = models.CharField(max_length=3, default="CHF", verbose_name=_("currency"))

    class Meta:
        verbose_name = _("current account")
        verbose_name_plural = _("current accounts")
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(owner_user__isnull=False) ^ Q(owner_firm__isnull=False),
                name="current_account_has_one_owner",
            ),
            models.CheckConstraint(
                condition=Q(balance__gte=0), name="current_account_not_overdrawn"
            ),
        ]

    def __str__(self):
        return f"{self.number} ({self.holder_name})"


class PaymentMethod(models.TextChoices):
    CURRENT_ACCOUNT = "current_account", _("WIPO current account")
    CARD = "card", _("Credit card")
    BANK_TRANSFER = "bank_transfer", _("Bank transfer")


class PaymentPurpose(models.TextChoices):
    FEES = "fees", _("Fees of the application")
    SECOND_PART = "second_part", _("Second part of an individual fee")  # Rule 12(3)(c)
    RENEWAL = "renewal", _("Renewal")  # Article 17, Rule 24: one payment may renew many
    RECORDING = "recording", _("Recording of a change")  # Article 16(3)


class PaymentStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    AWAITING_PAYMENT = "awaiting_payment", _("Awaiting payment")
    PAID = "paid", _("Paid")
    DECLINED = "declined", _("Declined")


class Payment(models.Model):
    # None for a payment that is not one application's: a bulk renewal pays for many
    # registrations at once (each `register.Renewal` names the payment).
    submission = models.ForeignKey(
        "submissions.Submission",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payments",
        verbose_name=_("application"),
    )
    method = models.CharField(
        max_length=20, choices=PaymentMethod.choices, verbose_name=_("method")
    )
    status = models.CharField(
        max_length=20, choices=PaymentStatus.choices, verbose_name=_("status")
    )
    # What the payment is for: the fees of the application (what `amount_paid` adds up), or a
    # fee due after registration, which the service that asked for it records.
    purpose = models.CharField(
        max_length=12,
        choices=PaymentPurpose.choices,
        default=PaymentPurpose.FEES,
        verbose_name=_("for"),
    )
    amount = models.DecimalField(
        max_digits=12, decimal_places=2, verbose_name=_("amount")
    )  # what is charged
    amount_received = models.DecimalField(
        max_digits=12, decimal_places=2, default=0, verbose_name=_("amount received")
    )
    currency = models.CharField(max_length=3, default="CHF", verbose_name=_("currency"))
    fees_sha256 = models.CharField(
        max_length=64, verbose_name=_("fees SHA-256")
    )  # the accepted fee calculation it pays
    reference = models.CharField(
        max_length=40, unique=True, verbose_name=_("reference")
    )  # quoted on transfers and receipts
    account = models.ForeignKey(
        CurrentAccount,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payments",
        verbose_name=_("account"),
    )
    provider_reference = models.CharField(
        max_length=100, blank=True, verbose_name=_("provider reference")
    )
    message = models.CharField(
        max_length=300, blank=True, verbose_name=_("message")
    )  # e.g. why a card was declined
    # None when someone without an account pays a renewal by card (anyone may: as WIPO's
    # E-Renewal); `payer_name` and `payer_email` say who.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payments",
        verbose_name=_("created by"),
    )
    payer_name = models.CharField(max_length=300, blank=True, verbose_name=_("paid by"))
    payer_email = models.EmailField(blank=True, verbose_name=_("payer's e-mail"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    paid_at = models.DateTimeField(null=True, blank=True, verbose_name=_("paid"))

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.reference} ({self.get_status_display()})"


class LedgerEntry(models.Model):
    class Kind(models.TextChoices):
        DEBIT = "debit", _("Debit")
        CREDIT = "credit", _("Credit")

    account = models.ForeignKey(CurrentAccount, on_delete=models.PROTECT, related_name="entries")
    kind = models.CharField(max_length=6, choices=Kind.choices)
    amount = models.DecimalField(max_digits=14, decimal_places=2)  # always positive
    balance_after = models.DecimalField(max_digits=14, decimal_places=2)
    payment = models.ForeignKey(
        Payment, on_delete=models.PROTECT, null=True, blank=True, related_name="ledger_entries"
    )
    description = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["account", "id"]
        verbose_name_plural = _("ledger entries")

    def __str__(self):
        return f"{self.account.number} {self.kind} {self.amount}"
