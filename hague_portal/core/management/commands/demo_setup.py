"""Create the demo accounts documented in the README (only when DEBUG is on)."""

from decimal import Decimal

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from hague_portal.accounts.models import Firm, FirmRole
from hague_portal.accounts.services import (
    client_get_or_create,
    firm_add_member,
    user_create_verified,
    user_enrol_totp,
)

DEMO_PASSWORD = "demo-password-2026"
# 160 bits (32 base32 characters), as RFC 4226 recommends: pyotp and others refuse the 80-bit
# secret the demo had before (issue 20).
DEMO_TOTP_SECRET = "XZ5TBH3VYKSDWKMCEKXWRG255BSK32WQ"


def _demo_totp(user) -> None:
    """The demo secret, also for a demo account enrolled with the former one."""
    from allauth.mfa.utils import decrypt, encrypt

    for authenticator in user.authenticator_set.filter(type="totp"):
        if decrypt(authenticator.data.get("secret", "")) != DEMO_TOTP_SECRET:
            authenticator.data = {**authenticator.data, "secret": encrypt(DEMO_TOTP_SECRET)}
            authenticator.save(update_fields=["data"])
    user_enrol_totp(user=user, secret=DEMO_TOTP_SECRET)


class Command(BaseCommand):
    help = (
        "Create the demo applicant, representative (with a firm and two clients), examiner and "
        "supervisor."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-debug",
            action="store_true",
            help="With DEBUG off, say so and do nothing instead of failing (used by `make run`).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            if options["if_debug"]:
                self.stdout.write("DEBUG is off: no demo accounts created.")
                return
            raise CommandError("Demo accounts are only created when DEBUG is on.")
        applicant = user_create_verified(
            email="applicant@demo.hague.test", password=DEMO_PASSWORD, full_name="Ada Applicant"
        )
        firm = self._representative()
        self._current_accounts(applicant, firm)
        self._filed_application(applicant)
        examiner, supervisor = self._staff()
        self._examination_loop(applicant, examiner, supervisor)
        self._portfolio(firm, examiner)
        self._address_book(applicant, firm)
        self._offices()
        self.stdout.write(self.style.SUCCESS("Demo accounts ready (password: demo-password-2026)."))

    def _staff(self):
        """The International Bureau's examiner and supervisor: staff in their groups (declared
        permissions, migration examination 0003), not superusers; both sign in with TOTP."""
        from django.contrib.auth.models import Group

        from hague_portal.examination.groups import staff_groups_ensure

        staff_groups_ensure()  # made by a migration; again here after a test database flush
        staff = []
        for email, name, group in (
            ("examiner@demo.hague.test", "Erik Examiner", "Examiner"),
            ("supervisor@demo.hague.test", "Sophie Supervisor", "Supervisor"),
        ):
            user = user_create_verified(
                email=email, password=DEMO_PASSWORD, full_name=name, is_staff=True
            )
            user.is_superuser = False
            user.save(update_fields=["is_superuser"])
            user.groups.set([Group.objects.get(name=group)])
            _demo_totp(user)
            staff.append(type(user).objects.get(pk=user.pk))  # fresh: no cached permissions
        return staff

    def _portfolio(self, firm, examiner):
        """The representative's workbench: applications of the firm's clients (demo.py)."""
        from hague_portal.core.demo import demo_portfolio
        from hague_portal.payments.models import CurrentAccount
        from hague_portal.reference.models import Party

        if not Party.objects.exists():
            return
        made = demo_portfolio(
            representative=firm.memberships.get(user__email="representative@demo.hague.test").user,
            firm=firm,
            examiner=examiner,
            account=CurrentAccount.objects.get(number="DEMO-20001"),
        )
        for line in made:
            self.stdout.write(f"Demo portfolio: {line}")

    def _examination_loop(self, applicant, examiner, supervisor):
        """Applications in every state after filing (core/demo.py), once."""
        from hague_portal.core.demo import demo_applications, demo_talk
        from hague_portal.payments.models import CurrentAccount
        from hague_portal.reference.models import Party

        if not Party.objects.exists():
            return
        made = demo_applications(
            applicant=applicant,
            examiner=examiner,
            supervisor=supervisor,
            account=CurrentAccount.objects.get(number="DEMO-10001"),
        )
        made += demo_talk(
            applicant=applicant,
            examiner=examiner,
            account=CurrentAccount.objects.get(number="DEMO-10001"),
        )
        for line in made:
            self.stdout.write(f"Demo application {line}")
        self._register_loop(applicant, examiner, supervisor)

    def _register_loop(self, applicant, examiner, supervisor):
        """Registrations in every state after registration (core/demo_register.py), once."""
        from hague_portal.core.demo_register import demo_registrations

        self._registrations(demo_registrations, applicant, examiner, supervisor)
        self._changes_loop(applicant, examiner, supervisor)
        self._renewal_loop(applicant, examiner, supervisor)

    def _changes_loop(self, applicant, examiner, supervisor):
        """Registrations transferred, limited and renounced (core/demo_changes.py), once."""
        from hague_portal.core.demo_changes import demo_changes

        self._registrations(demo_changes, applicant, examiner, supervisor)

    def _renewal_loop(self, applicant, examiner, supervisor):
        """Registrations due for renewal, in the grace period, renewed, lapsed (issue 23)."""
        from hague_portal.core.demo_renewal import demo_renewals

        self._registrations(demo_renewals, applicant, examiner, supervisor)

    def _registrations(self, build, applicant, examiner, supervisor):
        from hague_portal.payments.models import CurrentAccount

        made = build(
            applicant=applicant,
            examiner=examiner,
            supervisor=supervisor,
            account=CurrentAccount.objects.get(number="DEMO-10001"),
        )
        for line in made:
            self.stdout.write(f"Demo registration {line}")

    def _address_book(self, applicant, firm):
        """A few parties in the applicant's and the firm's address books (issue 20)."""
        from hague_portal.core.demo import demo_address_book

        added = demo_address_book(applicant=applicant, firm=firm)
        if added:
            self.stdout.write(f"Demo address book entries: {added}")

    def _offices(self):
        """The Office of the United States and its user, with TOTP (issue 22; core/demo.py)."""
        from hague_portal.core.demo import demo_offices

        _demo_totp(demo_offices(password=DEMO_PASSWORD))

    def _representative(self):
        rep = user_create_verified(
            email="representative@demo.hague.test",
            password=DEMO_PASSWORD,
            full_name="Rita Representative",
        )
        firm, _ = Firm.objects.get_or_create(
            name="Demo IP Attorneys LLP",
            defaults={
                "email": "office@demo-ip.test",
                "street": "Rue du Rhône 1",
                "city": "Geneva",
                "postcode": "1204",
                "country": "CH",
            },
        )
        firm_add_member(firm=firm, user=rep, role=FirmRole.ADMIN)
        client_get_or_create(
            firm=firm,
            name="ACME Design GmbH",
            kind="legal",
            email="ip@acme.example",
            street="Hauptstr. 1",
            city="Berlin",
            postcode="10115",
            country="DE",
        )
        client_get_or_create(
            firm=firm,
            name="Jane Doe",
            kind="natural",
            email="jane@doe.example",
            street="1 rue de la Paix",
            city="Paris",
            postcode="75002",
            country="FR",
        )
        _demo_totp(rep)
        return firm

    def _current_accounts(self, applicant, firm):
        """WIPO current accounts with a balance, so that paying by current account can be tried."""
        from hague_portal.payments.models import CurrentAccount
        from hague_portal.payments.services import current_account_credit

        for number, owner, name in (
            ("DEMO-10001", {"owner_user": applicant}, applicant.full_name),
            ("DEMO-20001", {"owner_firm": firm}, firm.name),
        ):
            account, created = CurrentAccount.objects.get_or_create(
                number=number, defaults={"holder_name": name, **owner}
            )
            if created:
                current_account_credit(
                    account=account, amount=Decimal("25000"), description="Demo opening balance"
                )

    def _filed_application(self, applicant):
        """One application already filed and paid, so the workbench shows the way back to it.
        Its jobs wait in the queue until a worker runs; nothing here needs one."""
        from hague_portal.filings.models import Draft
        from hague_portal.filings.services import DraftError
        from hague_portal.payments.models import CurrentAccount
        from hague_portal.payments.submit import draft_submit
        from hague_portal.reference.models import Party
        from hague_portal.reference.selectors import reference_data

        if Draft.objects.filter(created_by=applicant).exists():
            return  # once: `make run` runs this at every start
        if not Party.objects.exists():
            self.stdout.write("No reference data (reference_import): no demo application filed.")
            return
        draft = _demo_draft(applicant)
        try:
            draft_submit(
                draft=draft,
                user=applicant,
                seen_version=draft.version,
                ref=reference_data(),
                account=CurrentAccount.objects.get(number="DEMO-10001"),
            )
        except DraftError as exc:
            self.stdout.write(f"The demo application could not be filed: {exc}")


DEMO_ADDRESS = {"street": "Rue du Marché 5", "city": "Geneva", "postcode": "1204", "country": "CH"}
DEMO_DOCUMENT = {
    "applicants": [
        {
            "name": "Ada Applicant",
            "kind": "natural",
            "email": "applicant@demo.hague.test",
            "address": DEMO_ADDRESS,
        }
    ],
    "entitlement": {"nationality": ["CH"], "domicile": ["CH"]},
    "applicant_contracting_party": "CH",
    "designations": ["EM"],
    "designs": [{"number": 1, "product": "Chair", "locarno": "06-01"}],
    "creators": [],
    "priorities": [],
    "publication": {"mode": "standard", "months": None},
    "payment": {"method": "current_account"},
    "signatory": {"name": "/Ada Applicant/", "capacity": "applicant"},
}


def _demo_draft(applicant):
    """A complete draft with one reproduction (a drawn image: no file needs shipping)."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image, ImageDraw

    from hague_portal.filings.models import Draft
    from hague_portal.filings.services import draft_create, draft_save_step
    from hague_portal.filings.uploads import reproductions_upload

    draft = draft_create(user=applicant)
    draft = draft_save_step(
        draft=draft,
        user=applicant,
        step="applicants",
        seen_version=draft.version,
        data=DEMO_DOCUMENT,
    )
    image = Image.new("RGB", (800, 800), "white")
    ImageDraw.Draw(image).rectangle((200, 150, 600, 650), outline="black", width=12)
    out = io.BytesIO()
    image.save(out, "JPEG", dpi=(300, 300))
    upload = SimpleUploadedFile("chair.jpg", out.getvalue(), "image/jpeg")
    reproductions_upload(draft=draft, user=applicant, files=[upload], design_number=1)
    return Draft.objects.get(pk=draft.pk)
