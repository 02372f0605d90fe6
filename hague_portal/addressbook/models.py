"""An address book of parties (issue 20): applicants, creators and representatives that a user,
or a firm for all its members, types again and again. An entry is a copy: picking one copies it
into a draft, so a filed application never changes when the book does."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class EntryKind(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    CREATOR = "creator", _("Creator")
    REPRESENTATIVE = "representative", _("Representative")


class Entry(models.Model):
    """One party, owned by a user or by a firm (never both). `data` holds the block's fields as
    the wizard's document stores them (`name`, `address` {street, city, postcode, country},
    and for applicants `kind`, `transliteration`, `legal_nature`, `email`, `phone`)."""

    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="address_book",
    )
    owner_firm = models.ForeignKey(
        "accounts.Firm",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="address_book",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EntryKind.choices)
    name = models.CharField(_("name"), max_length=200)  # data["name"], for search and order
    country = models.CharField(_("country"), max_length=2, blank=True)  # data's, for the list
    data = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("address book entry")
        verbose_name_plural = _("address book entries")
        constraints = [
            models.CheckConstraint(
                condition=Q(owner_user__isnull=False, owner_firm__isnull=True)
                | Q(owner_user__isnull=True, owner_firm__isnull=False),
                name="address_book_entry_one_owner",
            )
        ]
        indexes = [
            models.Index(fields=["owner_user", "kind", "name"], name="addressbook_user_kind_name"),
            models.Index(fields=["owner_firm", "kind", "name"], name="addressbook_firm_kind_name"),
            models.Index(fields=["owner_user", "name"], name="addressbook_user_name"),
            models.Index(fields=["owner_firm", "name"], name="addressbook_firm_name"),
        ]

    def __str__(self):
        return self.name

    @property
    def address(self) -> dict:
        return self.data.get("address") or {}
