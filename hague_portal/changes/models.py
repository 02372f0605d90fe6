"""Requests to record a change in the International Register (issue 23; Article 16, Rule 21):
a change in ownership (DM/2), in the holder's name or address (DM/6), of representative
(DM/7), a limitation (DM/3) or a renunciation (DM/5). The request is a row with an explicit
status; every transition goes through `changes.services` and is an event. Recording writes
the Register's state through `register.services.changes_apply`."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ChangeKind(models.TextChoices):
    OWNERSHIP = "ownership", _("Change in ownership (DM/2)")
    NAME_ADDRESS = "name_address", _("Change in the holder's name or address (DM/6)")
    REPRESENTATIVE = "representative", _("Representative (DM/7)")
    LIMITATION = "limitation", _("Limitation (DM/3)")
    RENUNCIATION = "renunciation", _("Renunciation (DM/5)")


class ChangeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted: awaiting examination")
    IRREGULAR = "irregular", _("Irregular: invitation to correct")
    RECORDED = "recorded", _("Recorded in the Register")
    ABANDONED = "abandoned", _("Abandoned: not corrected in time")
    REFUSED = "refused", _("Refused")


OPEN_STATUSES = (ChangeStatus.SUBMITTED, ChangeStatus.IRREGULAR)


class ChangeRequest(models.Model):
    kind = models.CharField(_("kind"), max_length=16, choices=ChangeKind.choices)
    registration = models.ForeignKey(
        "register.Registration",
        on_delete=models.PROTECT,
        related_name="change_requests",
        verbose_name=_("international registration"),
    )
    # DM/6 and DM/5 may cover several registrations of the same holder (Rule 21).
    also = models.ManyToManyField(
        "register.Registration",
        blank=True,
        related_name="+",
        verbose_name=_("other registrations of the same holder"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ChangeStatus.choices, default=ChangeStatus.DRAFT
    )
    # What the request asks, per kind: ownership {"new_holder": {name, address, country, email,
    # entitlement}, "parties", "designs"}; name_address {"new": {name, address, country,
    # email}}; representative {"action": appoint|change|cancel, "new": {...}}; limitation
    # {"parties", "designs"}; renunciation {"parties"}.
    data = models.JSONField(_("request"), default=dict)
    # Fees (Article 16(3)): lines as {"item", "count", "amount" or None, "confidence"}; total None
    # when an amount is not in the schedule (the International Bureau tells the holder).
    fees = models.JSONField(_("fees"), default=list, blank=True)
    total = models.DecimalField(_("total"), max_digits=12, decimal_places=2, null=True, blank=True)
    payment = models.ForeignKey(
        "payments.Payment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("payment"),
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("filed by"),
    )
    filed_at = models.DateTimeField(_("filed"), null=True, blank=True, db_index=True)
    # The new holder's account on the portal (found by the e-mail given) or the firm that
    # accepted to represent it: who holds the registration once the change is recorded.
    new_owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("new holder's account"),
    )
    # A representative appointed from a firm on the portal: the firm accepts on its side.
    representative_firm = models.ForeignKey(
        "accounts.Firm",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="change_requests",
        verbose_name=_("representative's firm"),
    )
    firm_accepted = models.BooleanField(_("accepted by the firm"), null=True, blank=True)
    # Examination (Rule 21): an irregularity is an invitation with a time limit of three months
    # (Rule 4(4) applied); not corrected in time, the request is abandoned.
    invitation = models.TextField(_("invitation"), blank=True)
    invited_at = models.DateTimeField(_("invited"), null=True, blank=True)
    time_limit = models.DateField(_("time limit"), null=True, blank=True, db_index=True)
    response = models.TextField(_("response"), blank=True)
    responded_at = models.DateTimeField(_("responded"), null=True, blank=True)
    recorded_on = models.DateField(_("date of recording"), null=True, blank=True)
    examined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("examiner"),
    )
    reason = models.TextField(_("reason for refusal"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("request to record a change")
        verbose_name_plural = _("requests to record a change")
        ordering = ["-filed_at", "-id"]
        indexes = [models.Index(fields=["status", "time_limit"])]

    def __str__(self):
        return f"{self.registration_id} {self.kind} #{self.pk}"

    @property
    def ref(self) -> str:
        return f"changes.ChangeRequest:{self.pk}"
