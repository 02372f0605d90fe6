"""Who may do what: applicants, representatives (members of a firm with clients), examiners.

An applicant files for itself; a representative files on behalf of a client of its firm; staff
examiners (is_staff) work for the International Bureau. Access to an application is decided by
`accounts.selectors`, so that later features can grant access per application without touching
the views.
"""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


class PortalUserManager(UserManager):
    """Users are identified by e-mail; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra_fields)


class Office(models.Model):
    """The Office of a designated Contracting Party (issue 22): its users see the international
    registrations that designate its party, from their publication on, and notify refusals,
    withdrawals, statements of grant and second parts of fees. Created by staff in the admin."""

    party = models.CharField(_("Contracting Party"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"), blank=True)

    class Meta:
        verbose_name = _("Office of a Contracting Party")
        verbose_name_plural = _("Offices of Contracting Parties")
        ordering = ["party"]

    def __str__(self):
        return f"{self.name} ({self.party})"


class User(AbstractUser):
    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(max_length=200, blank=True, verbose_name=_("full name"))
    # The interface language the user chose (issue 12): it follows the user to any browser.
    # Blank: the browser's (its language cookie, else Accept-Language).
    language = models.CharField(
        _("language"), max_length=8, blank=True, default="", choices=settings.LANGUAGES
    )

    # A user of the Office of a designated party (the fourth kind of user; TOTP required).
    office = models.ForeignKey(
        Office,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("Office"),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = PortalUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self):
        return self.full_name or self.email


def postal_address(row) -> dict:
    return {
        "street": row.street,
        "city": row.city,
        "postcode": row.postcode,
        "country": str(row.country or ""),
    }


class Firm(models.Model):
    """A firm of representatives (item 5) that files on behalf of its clients."""

    name = models.CharField(max_length=200, verbose_name=_("name"))
    email = models.EmailField(blank=True, verbose_name=_("e-mail address"))
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    city = models.CharField(_("town or city"), max_length=100, blank=True)
    postcode = models.CharField(max_length=20, blank=True, verbose_name=_("postcode"))
    country = CountryField(blank=True)  # ISO 3166-1: the name shown, the code stored
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))

    class Meta:
        verbose_name = _("firm")
        verbose_name_plural = _("firms")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def postal_address(self) -> dict:
        """The DM/1 address (items 1 and 5): street, city, postcode and country apart."""
        return postal_address(self)


class FirmRole(models.TextChoices):
    ADMIN = "admin", _("Administrator")  # manages members and clients, files
    EDITOR = "editor", _("Editor")  # prepares and files applications
    VIEWER = "viewer", _("Viewer")  # reads the firm's portfolio


class FirmMembership(models.Model):
    firm = models.ForeignKey(Firm, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=FirmRole.choices, default=FirmRole.EDITOR)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["firm", "user"], name="unique_firm_member"),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}, {self.firm})"


class Client(models.Model):
    """An applicant that a firm represents (the future holder of the international registration)."""

    class Kind(models.TextChoices):
        NATURAL = "natural", _("Natural person")
        LEGAL = "legal", _("Legal entity")

    firm = models.ForeignKey(
        Firm, on_delete=models.CASCADE, related_name="clients", verbose_name=_("firm")
    )
    name = models.CharField(max_length=200, verbose_name=_("name"))
    kind = models.CharField(
        max_length=10, choices=Kind.choices, default=Kind.LEGAL, verbose_name=_("kind")
    )
    email = models.EmailField(blank=True, verbose_name=_("e-mail address"))
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    city = models.CharField(_("town or city"), max_length=100, blank=True)
    postcode = models.CharField(max_length=20, blank=True, verbose_name=_("postcode"))
    country = CountryField(blank=True)
    reference = models.CharField(_("own reference"), max_length=100, blank=True)  # the firm's file

    class Meta:
        verbose_name = _("client")
        verbose_name_plural = _("clients")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["firm", "name"], name="unique_client_name_per_firm"),
        ]

    def __str__(self):
        return self.name

    def postal_address(self) -> dict:
        return postal_address(self)


class FirmInvitation(models.Model):
    """An admin's invitation to join the firm with a role, sent by e-mail with a secret link.

    Accepted once, by a signed-in user with a verified address equal to `email`, before
    `expires_at`. Accepted and revoked rows stay as the record of who let whom in.
    """

    firm = models.ForeignKey(
        Firm, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("firm")
    )
    email = models.EmailField(verbose_name=_("e-mail address"))  # stored lower-case
    role = models.CharField(
        max_length=10, choices=FirmRole.choices, default=FirmRole.EDITOR, verbose_name=_("role")
    )
    token = models.CharField(max_length=64, unique=True, verbose_name=_("token"))
    invited_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("invited by")
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    expires_at = models.DateTimeField(verbose_name=_("expires"))
    accepted_at = models.DateTimeField(null=True, blank=True, verbose_name=_("accepted"))
    accepted_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    revoked_at = models.DateTimeField(null=True, blank=True, verbose_name=_("revoked"))

    class Meta:
        verbose_name = _("firm invitation")
        verbose_name_plural = _("firm invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} ({self.get_role_display()}, {self.firm})"
