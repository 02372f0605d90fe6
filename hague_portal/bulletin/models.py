"""The International Designs Bulletin (Rule 26; issue 22): weekly issues, each dated a Friday,
and their entries, written by the event stream (`consumers`) from the Register's events.

An entry is a denormalised snapshot of what was published (the registration as it stood on its
publication, or the decision of an Office): the public pages, the feed and the API read it
without touching the application, so nothing unpublished can leak through a join. The `*_folded`
columns are the searchable text, lowercased and without accents (`search.fold`); PostgreSQL
searches them through trigram GIN indexes (migration 0002).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BulletinIssue(models.Model):
    """One weekly issue, "2027/02": the n-th Friday of its year (BULL: weekly, on Fridays)."""

    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("number"))
    dated = models.DateField(_("dated"), unique=True)

    class Meta:
        verbose_name = _("Bulletin issue")
        verbose_name_plural = _("Bulletin issues")
        ordering = ["-dated"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="unique_bulletin_issue")
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return f"{self.year}/{self.number:02d}"


class EntryKind(models.TextChoices):
    REGISTRATION = "registration", _("International registration")  # Rule 17, 26(1)
    REFUSAL = "refusal", _("Refusal")  # Rule 18(5), 26(1)
    REFUSAL_WITHDRAWN = "refusal_withdrawn", _("Withdrawal of a refusal")  # Article 12(4)
    GRANT = "grant", _("Grant of protection")  # Rule 18bis(3)
    CANCELLATION = "cancellation", _("Cancellation")  # Rule 12(3)(d)
    # Changes in the Register (issue 23; Article 16(4), Rule 26(1)): bulletin/changes.py
    OWNERSHIP = "ownership", _("Change in ownership")
    NAME_ADDRESS = "name_address", _("Change in the holder's name or address")
    REPRESENTATIVE = "representative", _("Representative")  # published since 1 April 2023
    LIMITATION = "limitation", _("Limitation")
    RENUNCIATION = "renunciation", _("Renunciation")

    RENEWAL = "renewal", _("Renewal")  # Rule 26(1)(iii), Article 17
    EXPIRY = "expiry", _("Expired: not renewed")  # Article 17(5)(b)


class BulletinEntry(models.Model):
    issue = models.ForeignKey(
        BulletinIssue, on_delete=models.PROTECT, related_name="entries", verbose_name=_("issue")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EntryKind.choices)
    # The event it was written from: one entry per event, so a delivery run again adds nothing.
    event = models.OneToOneField(
        "events.Event", on_delete=models.PROTECT, related_name="+", verbose_name=_("event")
    )
    registration = models.ForeignKey(
        "register.Registration",
        on_delete=models.PROTECT,
        related_name="bulletin_entries",
        verbose_name=_("international registration"),
    )
    party = models.CharField(_("designated party"), max_length=3, blank=True)
    date = models.DateField(_("date"), db_index=True)
    # The snapshot: what the Bulletin shows and searches.
    number = models.CharField(_("registration number"), max_length=12, db_index=True)
    registration_date = models.DateField(_("date of the international registration"))
    holder_name = models.CharField(_("holder"), max_length=500)
    holder_address = models.CharField(_("holder's address"), max_length=500, blank=True)
    # [{"number", "product", "locarno", "reproductions": [{"number", "sha256", "path",
    #   "thumbnail", "legend"}]}]
    designs = models.JSONField(_("designs"), default=list)
    parties = models.JSONField(_("designated parties"), default=list)
    priorities = models.JSONField(_("priorities"), default=list)
    # The decision, for an entry of an Office's decision: designs concerned, grounds, ...
    details = models.JSONField(_("details"), default=dict, blank=True)
    # Searchable text: lowercased, without accents; codes between spaces (" 06 06-01 ").
    holder_folded = models.TextField(default="", editable=False)
    products_folded = models.TextField(default="", editable=False)
    classes = models.CharField(max_length=300, default="", editable=False)
    parties_text = models.CharField(max_length=400, default="", editable=False)

    class Meta:
        verbose_name = _("Bulletin entry")
        verbose_name_plural = _("Bulletin entries")
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["issue", "kind", "number"]),
            models.Index(fields=["kind", "-date", "-id"]),
            models.Index(fields=["registration", "kind"]),
        ]

    def __str__(self):
        return f"{self.number} {self.kind} {self.party}".strip()
