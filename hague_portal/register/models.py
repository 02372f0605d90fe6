"""The International Register after registration (issue 22): what the designated Offices decide.

A `Registration` is opened (by the event stream) when an application is registered: the frozen
application stays as filed, the registration holds what changes after it. Each designated
Contracting Party has a `Designation` whose status follows the Offices' notifications
(`Decision`: refusal under Rule 18, withdrawal of a refusal under Article 12(4), statement of
grant of protection under Rule 18bis, second part of the individual fee due under Rule 12(3)),
or the end of the refusal period without a refusal (Article 14(2)(a)). A two-part individual fee
has a `SecondPart` per designation once the Office says it is due. Every transition goes through
`register.services` and is an event (`events.Event`).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RegisterStatus(models.TextChoices):
    """Whether the registration (or a designation) is in force in the Register."""

    IN_FORCE = "in_force", _("In force")
    LAPSED = "lapsed", _("Lapsed: not renewed")  # Article 17, Rule 24: expired at its expiry
    RENOUNCED = "renounced", _("Renounced")  # Article 16(1)(iv)
    CANCELLED = "cancelled", _("Cancelled")  # e.g. Rule 12(3)(d): no designation left


class Registration(models.Model):
    examination = models.OneToOneField(
        "examination.Examination",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="registration",
        verbose_name=_("application"),
    )
    number = models.CharField(_("registration number"), max_length=12, unique=True)
    registration_date = models.DateField(_("date of the international registration"))
    # Rule 17: 12 months after registration by default, immediately, or at the deferment's end.
    publication_date = models.DateField(_("publication date"), db_index=True)
    # Set by the publication (beat) on the publication date: nothing of a registration is
    # visible to the public or to the designated Offices before it.
    published_on = models.DateField(_("published"), null=True, blank=True, db_index=True)
    holder_name = models.CharField(_("holder"), max_length=500, blank=True)
    # The Register's current state (issue 23), apart from the frozen application: what changes
    # (Article 16) is written here by `register.services`, and every recorded change keeps the
    # state before it in a `RegisterEntry`.
    # [{"name", "address", "country", "email", "entitlement": {...}}], as item 1-3 of the DM/1.
    holders = models.JSONField(_("holders"), default=list, blank=True)
    # {"name", "address", "country", "email"} or {} (no representative recorded).
    representative = models.JSONField(_("representative"), default=dict, blank=True)
    # Who holds the registration on the portal: the account (and the firm's client, when a
    # representative files for one) that sees it on its workbench and may renew and request
    # changes. Set from the application at registration, moved by a change in ownership.
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations_held",
        verbose_name=_("holder's account"),
    )
    owner_client = models.ForeignKey(
        "accounts.Client",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations_held",
        verbose_name=_("holder (client of a firm)"),
    )
    # The firm of the portal recorded as the holder's representative (DM/7, Article 16(1)(iii),
    # accepted by the firm): its members see the registration on their workbench, and its
    # administrators and editors renew it and request changes for the holder.
    representative_firm = models.ForeignKey(
        "accounts.Firm",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="represented_registrations",
        verbose_name=_("representative's firm"),
    )
    # Article 17: the term running (1: the first five years) and its expiry; a renewal moves both.
    term = models.PositiveSmallIntegerField(_("term"), default=1)
    expiry = models.DateField(_("expiry of the current term"), null=True, db_index=True)
    status = models.CharField(
        _("status in the Register"),
        max_length=10,
        choices=RegisterStatus.choices,
        default=RegisterStatus.IN_FORCE,
    )
    # The last term whose Rule 23 reminder was sent (0: none), so that beat sends each once.
    reminded_term = models.PositiveSmallIntegerField(_("reminder sent for term"), default=0)

    class Meta:
        verbose_name = _("international registration")
        verbose_name_plural = _("international registrations")
        ordering = ["-registration_date", "-number"]

    def __str__(self):
        return self.number


class DesignationStatus(models.TextChoices):
    AWAITING = "awaiting", _("Awaiting decision")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Refusal withdrawn")
    GRANTED = "granted", _("Protection granted")
    PROTECTED = "protected", _("Protected: no refusal in the period")
    CANCELLED = "cancelled", _("Cancelled")


class Designation(models.Model):
    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="designations",
        verbose_name=_("international registration"),
    )
    party = models.CharField(_("designated party"), max_length=3)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DesignationStatus.choices,
        default=DesignationStatus.AWAITING,
    )
    # Rule 18(1)(a)/(b): 6 months from publication, or 12 where the party declared so.
    refusal_period_months = models.PositiveSmallIntegerField(_("refusal period (months)"))
    # Set at publication: the last day an Office may notify a refusal (Rule 4(4) applied).
    refusal_period_end = models.DateField(_("end of the refusal period"), null=True, blank=True)
    # Design numbers (1-based) the refusals in force concern; [] none.
    refused_designs = models.JSONField(_("designs refused"), default=list, blank=True)
    # The Office's time limit for a review or appeal of its refusal (Rule 18(2)(b)(vi)).
    review_time_limit = models.DateField(_("time limit for a review"), null=True, blank=True)
    # The day the status was last set (a decision, the end of the period, a cancellation).
    status_since = models.DateField(_("since"), null=True, blank=True)
    # The Register's state for this party (issue 23): the designs in force here (1-based; a
    # limitation or a partial renewal removes some), the expiry of the term paid for it, and
    # whether it is still in force (lapsed when not renewed, renounced, cancelled).
    designs = models.JSONField(_("designs in force"), default=list, blank=True)
    expiry = models.DateField(_("expiry"), null=True, blank=True)
    register_status = models.CharField(
        _("in the Register"),
        max_length=10,
        choices=RegisterStatus.choices,
        default=RegisterStatus.IN_FORCE,
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    class Meta:
        verbose_name = _("designation")
        verbose_name_plural = _("designations")
        ordering = ["registration", "party"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "party"], name="unique_designation")
        ]
        indexes = [
            models.Index(fields=["party", "status"]),
            models.Index(fields=["status", "refusal_period_end"]),
        ]

    def __str__(self):
        return f"{self.registration_id} {self.party}"


class DecisionKind(models.TextChoices):
    REFUSAL = "refusal", _("Notification of refusal")  # Rule 18
    WITHDRAWAL = "withdrawal", _("Withdrawal of refusal")  # Article 12(4)
    GRANT = "grant", _("Statement of grant of protection")  # Rule 18bis
    SECOND_PART = "second_part", _("Second part of the individual fee due")  # Rule 12(3)(c)


class Decision(models.Model):
    """A notification from the Office of a designated party, as recorded (Rule 19(1)(a): what is
    late or lacks grounds is not recorded as a refusal at all)."""

    designation = models.ForeignKey(
        Designation,
        on_delete=models.CASCADE,
        related_name="decisions",
        verbose_name=_("designation"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=DecisionKind.choices)
    # Design numbers concerned; [] all of them.
    designs = models.JSONField(_("designs concerned"), default=list, blank=True)
    grounds = models.TextField(_("grounds"), blank=True)
    provisions = models.TextField(_("provisions relied on"), blank=True)
    review_time_limit = models.DateField(_("time limit for a review"), null=True, blank=True)
    review_authority = models.CharField(
        _("authority for a review or appeal"), max_length=300, blank=True
    )
    note = models.TextField(_("note"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("notified by"),
    )
    received_at = models.DateTimeField(_("received"))

    class Meta:
        verbose_name = _("decision of an Office")
        verbose_name_plural = _("decisions of Offices")
        ordering = ["designation", "received_at", "id"]

    def __str__(self):
        return f"{self.designation} {self.kind}"


class SecondPartStatus(models.TextChoices):
    DUE = "due", _("Due")
    PAID = "paid", _("Paid")
    CANCELLED = "cancelled", _("Not paid: designation cancelled")


class SecondPart(models.Model):
    """The second part of a two-part individual designation fee (Rule 12(3)(c)-(d))."""

    designation = models.OneToOneField(
        Designation,
        on_delete=models.CASCADE,
        related_name="second_part",
        verbose_name=_("designation"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=SecondPartStatus.choices, default=SecondPartStatus.DUE
    )
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, default="CHF")
    variant = models.CharField(_("fee variant"), max_length=10, default="default")
    time_limit = models.DateField(_("time limit"), db_index=True)
    invited_at = models.DateTimeField(_("invited"))
    payment = models.ForeignKey(
        "payments.Payment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("payment"),
    )
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        verbose_name = _("second part of an individual fee")
        verbose_name_plural = _("second parts of individual fees")
        indexes = [models.Index(fields=["status", "time_limit"])]

    def __str__(self):
        return f"{self.designation} {self.status}"


class Renewal(models.Model):
    """A renewal recorded in the Register (Article 17(2), Rule 25): for the parties and designs
    it names, the registration runs for another five years from the expiry it renewed."""

    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="renewals",
        verbose_name=_("international registration"),
    )
    number = models.PositiveSmallIntegerField(_("renewal"))  # 1: at the end of the first term
    expiry_renewed = models.DateField(_("expiry renewed"))
    new_expiry = models.DateField(_("new expiry"))
    parties = models.JSONField(_("parties renewed"), default=list)
    designs = models.JSONField(_("designs renewed"), default=list)  # [] all in force
    in_grace = models.BooleanField(_("in the grace period"), default=False)
    fees = models.JSONField(_("fees"), default=list)  # the itemised lines, as the calculator
    total = models.DecimalField(_("total"), max_digits=12, decimal_places=2)
    payment = models.ForeignKey(
        "payments.Payment",
        on_delete=models.PROTECT,
        related_name="renewals",
        verbose_name=_("payment"),
    )
    # Who paid: a user of the portal, or (E-Renewal: anyone may pay) a named payer without one.
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("renewed by"),
    )
    payer_name = models.CharField(_("paid by"), max_length=300, blank=True)
    payer_email = models.EmailField(_("payer's e-mail"), blank=True)
    recorded_on = models.DateField(_("recorded"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("renewal")
        verbose_name_plural = _("renewals")
        ordering = ["registration", "number"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "number"], name="unique_renewal")
        ]

    def __str__(self):
        return f"{self.registration_id} renewal {self.number}"


class EntryKind(models.TextChoices):
    REGISTRATION = "registration", _("International registration")
    RENEWAL = "renewal", _("Renewal")
    LAPSE = "lapse", _("Not renewed: lapsed")
    OWNERSHIP = "ownership", _("Change in ownership")  # Article 16(1)(i), DM/2
    NAME_ADDRESS = "name_address", _("Change in the holder's name or address")  # DM/6
    REPRESENTATIVE = "representative", _("Representative")  # appointment, change, cancellation
    LIMITATION = "limitation", _("Limitation")  # Article 16(1)(v), DM/3
    RENUNCIATION = "renunciation", _("Renunciation")  # Article 16(1)(iv), DM/5
    CANCELLATION = "cancellation", _("Cancellation")


class RegisterEntry(models.Model):
    """The history of the Register: each recorded change with its date and the state it left
    (`state`) and replaced (`before`): holders, representative and designations as
    `register.services.state.registration_state` writes them."""

    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="entries",
        verbose_name=_("international registration"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=EntryKind.choices)
    recorded_on = models.DateField(_("date of recording"))
    # An English record of the change, as written when it was recorded (the admin, the events
    # and the Bulletin read it); pages and extracts word it again in the reader's language
    # from `params`, the facts it states (`register.wording`).
    summary = models.TextField(_("summary"))
    params = models.JSONField(_("facts recorded"), default=dict, blank=True)
    before = models.JSONField(_("before"), default=dict, blank=True)
    state = models.JSONField(_("after"), default=dict, blank=True)
    # The request that asked for it (a change in the Register), when there is one: app label,
    # model and pk, so that the changes app can link back without a dependency cycle.
    request_ref = models.CharField(_("request"), max_length=60, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("entry in the Register")
        verbose_name_plural = _("entries in the Register")
        ordering = ["registration", "recorded_on", "id"]

    def __str__(self):
        return f"{self.registration_id} {self.kind} {self.recorded_on}"

    def text(self) -> str:
        """The change in the active language (the stored summary for an entry without facts)."""
        from .wording import entry_text  # the wording reads this module's kinds

        return entry_text(self)
