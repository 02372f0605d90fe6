"""Every state-changing URL x every role (issue 8): who is sent to sign in, who gets 404 (may not
know the object exists), who gets 403 (may read it, not change it), who is refused with a
message, and who succeeds. On every refusal nothing changed in the database.

The table must name every route of the portal: a new POST route without an entry fails
`test_every_route_is_in_the_matrix_or_declared_read_only`.
"""

import io
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from pypdf import PdfWriter

from hague_portal.accounts.models import Client, FirmInvitation, FirmMembership, FirmRole, User
from hague_portal.accounts.services import user_enrol_totp
from hague_portal.accounts.services_firm import invitation_create
from hague_portal.addressbook.models import Entry
from hague_portal.addressbook.services import entry_create
from hague_portal.api.models import ApiToken
from hague_portal.api.tokens import token_create
from hague_portal.correspondence.models import Message, Thread
from hague_portal.examination.models import Examination, Response
from hague_portal.filings.models import (
    Attachment,
    Draft,
    DraftApproval,
    DraftEvent,
    DraftRevision,
    DraftShare,
    Reproduction,
)
from hague_portal.filings.services import draft_create, draft_export
from hague_portal.mail.models import OutgoingEmail
from hague_portal.notifications.models import NotificationKind, Preference, Recipient
from hague_portal.notifications.services import notification_send
from hague_portal.payments.models import CurrentAccount, LedgerEntry, Payment
from hague_portal.portfolio.models import CalendarToken, Export
from hague_portal.portfolio.services import calendar_token_reset
from hague_portal.submissions.models import Job, Submission

from .conftest import TOTP_SECRET
from .factories import PASSWORD, MembershipFactory, UserFactory
from .filings.conftest import fill, reference  # noqa: F401 - fixture
from .filings.helpers import add_reproductions
from .submissions.conftest import add_attachment, jpeg, make_draft, pdf_bytes, submit

pytestmark = pytest.mark.django_db

ROLES = (
    "anonymous",
    "owner",  # bob, editor of the firm, who created the application for its client ACME
    "other_applicant",  # charlie
    "firm_viewer",  # vera
    "firm_editor",  # a colleague editor of bob's firm
    "firm_admin",  # fiona
    "staff",  # erik, examiner of the International Bureau
)

# Outcomes
LOGIN = "redirect to sign in, nothing changed"
NOT_FOUND = "404, nothing changed"
FORBIDDEN = "403, nothing changed"
REFUSED = "a message, nothing changed"
DONE = "success, the change made"
READ = "success, nothing to change"

# Changing a draft: readers (viewer, staff) may see it, so they are told 403...
EDIT = {
    "anonymous": LOGIN,
    "owner": DONE,
    "other_applicant": NOT_FOUND,
    "firm_viewer": FORBIDDEN,
    "firm_editor": DONE,
    "firm_admin": DONE,
    "staff": FORBIDDEN,
}
# ...except where the view reads the draft `for_edit` (uploads, autosave): 404 for everyone
# who may not change it, the way those views were built.
EDIT_404 = {**EDIT, "firm_viewer": NOT_FOUND, "staff": NOT_FOUND}
# POST routes that compute without storing (live panel preview, "continue" redirect).
COMPUTE = {**EDIT_404, "owner": READ, "firm_editor": READ, "firm_admin": READ}
# Starting an application for the firm's client: only its admins and editors.
START = {
    "anonymous": LOGIN,
    "owner": DONE,
    "other_applicant": REFUSED,
    "firm_viewer": REFUSED,
    "firm_editor": DONE,
    "firm_admin": DONE,
    "staff": REFUSED,
}


@dataclass
class World:
    users: dict
    draft: Draft
    submission: Submission
    reproductions: list
    attachment: Attachment
    acme: object
    export: bytes
    firm: dict = field(default_factory=dict)  # issue 10: the firm's rows the routes name


@dataclass(frozen=True)
class Route:
    name: str
    args: object  # World -> list
    data: object  # World -> dict
    expect: dict


def another_pdf() -> bytes:
    """A PDF other than the one already attached (the same file twice is refused)."""
    out = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    writer.write(out)
    return out.getvalue()


def _step_data(w, **data):
    return {"seen_version": Draft.objects.get(pk=w.draft.pk).version, **data}


MATRIX = (
    Route("filings:create", lambda w: [], lambda w: {"client": w.acme.pk}, START),
    Route(
        "filings:import",
        lambda w: [],
        lambda w: {
            "client": w.acme.pk,
            "document": SimpleUploadedFile("a.json", w.export, "application/json"),
        },
        START,
    ),
    Route(
        "filings:step",
        lambda w: [w.draft.id, "description"],
        lambda w: _step_data(w, description="A chair.", action="continue"),
        EDIT,
    ),
    Route(
        "filings:autosave",
        lambda w: [w.draft.id, "description"],
        lambda w: _step_data(w, description="typed, not saved"),
        EDIT_404,
    ),
    Route(
        "filings:autosave_discard",
        lambda w: [w.draft.id, "description"],
        lambda w: {},
        EDIT_404,
    ),
    Route(
        "filings:preview",
        lambda w: [w.draft.id, "description"],
        lambda w: {"description": "typed"},
        COMPUTE,
    ),
    Route("filings:duplicate", lambda w: [w.draft.id], lambda w: {}, EDIT),
    Route(
        "filings:submit",
        lambda w: [w.draft.id],
        lambda w: _step_data(w, confirm="on"),
        EDIT,
    ),
    Route(
        "filings:reproductions",
        lambda w: [w.draft.id],
        lambda w: {"design": "1", "files": SimpleUploadedFile("new.jpg", jpeg(99), "image/jpeg")},
        EDIT_404,
    ),
    Route("filings:reproductions_continue", lambda w: [w.draft.id], lambda w: {}, COMPUTE),
    Route(
        "filings:reproductions_reorder",
        lambda w: [w.draft.id],
        lambda w: {"design": "1", "order": [r.pk for r in reversed(w.reproductions[:2])]},
        EDIT_404,
    ),
    Route(
        "filings:reproduction_assign",
        lambda w: [w.draft.id, w.reproductions[0].pk],
        lambda w: {"design": "2"},
        EDIT_404,
    ),
    Route(
        "filings:reproduction_move",
        lambda w: [w.draft.id, w.reproductions[0].pk],
        lambda w: {"direction": "down"},
        EDIT_404,
    ),
    Route(
        "filings:reproduction_legend",
        lambda w: [w.draft.id, w.reproductions[0].pk],
        lambda w: {"legend_code": "", "legend_text": "Seen from above"},
        EDIT_404,
    ),
    Route(
        "filings:reproduction_delete",
        lambda w: [w.draft.id, w.reproductions[0].pk],
        lambda w: {},
        EDIT_404,
    ),
    Route(
        "filings:attachments",
        lambda w: [w.draft.id],
        lambda w: {
            "kind": Attachment.Kind.POWER_OF_ATTORNEY,
            "power_of_attorney-file": SimpleUploadedFile(
                "poa.pdf", another_pdf(), "application/pdf"
            ),
        },
        EDIT_404,
    ),
    Route(
        "filings:attachment_delete",
        lambda w: [w.draft.id, w.attachment.pk],
        lambda w: {},
        EDIT_404,
    ),
    # Paying: only those who may file for the application (issue 8: not a viewer from the firm's
    # account, not staff, whose payment would block the owner's).
    Route(
        "submissions:pay",
        lambda w: [w.submission.number],
        lambda w: {"method": "bank_transfer"},
        EDIT,
    ),
)

# Running the firm (issue 10): only its administrators; non-members may not know it exists.
FIRM_ADMIN = {
    "anonymous": LOGIN,
    "owner": FORBIDDEN,
    "other_applicant": NOT_FOUND,
    "firm_viewer": FORBIDDEN,
    "firm_editor": FORBIDDEN,
    "firm_admin": DONE,
    "staff": NOT_FOUND,
}
# Clients: admins and editors add and change them.
FIRM_EDIT = {**FIRM_ADMIN, "owner": DONE, "firm_editor": DONE}
# Sharing a draft: the firm's admins and editors; readers (viewer, staff) are told 403.
SHARE = {**EDIT}
# Approving: only the client's user it is shared with (tests/filings/test_sharing.py); nobody
# of the firm, and not staff.
APPROVE = {**EDIT, "owner": FORBIDDEN, "firm_editor": FORBIDDEN, "firm_admin": FORBIDDEN}
# An invitation link for another address: refused with a message for everyone signed in.
JOIN = dict.fromkeys(ROLES, REFUSED) | {"anonymous": READ}

MATRIX += (
    Route(
        "firm:invite",
        lambda w: [w.firm["firm"].pk],
        lambda w: {"email": "new@example.test", "role": "editor"},
        FIRM_ADMIN,
    ),
    Route(
        "firm:invitation_revoke",
        lambda w: [w.firm["firm"].pk, w.firm["invitation"].pk],
        lambda w: {},
        FIRM_ADMIN,
    ),
    Route(
        "firm:member_role",
        lambda w: [w.firm["firm"].pk, w.firm["vera"].pk],
        lambda w: {"role": "editor"},
        FIRM_ADMIN,
    ),
    Route(
        "firm:member_remove",
        lambda w: [w.firm["firm"].pk, w.firm["vera"].pk],
        lambda w: {},
        FIRM_ADMIN,
    ),
    Route(
        "firm:client_new",
        lambda w: [w.firm["firm"].pk],
        lambda w: {"name": "New Client AG", "kind": "legal", "country": "CH"},
        FIRM_EDIT,
    ),
    Route(
        "firm:client_edit",
        lambda w: [w.firm["firm"].pk, w.firm["spare"].pk],
        lambda w: {"name": "Spare Renamed", "kind": "legal", "country": "DE"},
        FIRM_EDIT,
    ),
    Route(
        "firm:client_delete",
        lambda w: [w.firm["firm"].pk, w.firm["spare"].pk],
        lambda w: {},
        FIRM_ADMIN,
    ),
    Route("firm:join", lambda w: [w.firm["invitation"].token], lambda w: {}, JOIN),
    Route(
        "filings:sharing",
        lambda w: [w.draft.id],
        lambda w: {"email": "client@example.test", "role": "viewer"},
        SHARE,
    ),
    Route("filings:share_revoke", lambda w: [w.draft.id, w.firm["share"].pk], lambda w: {}, SHARE),
    Route(
        "filings:approve",
        lambda w: [w.draft.id],
        lambda w: {"seen_version": Draft.objects.get(pk=w.draft.pk).version, "confirm": "on"},
        APPROVE,
    ),
)

# The workbench (issue 10): copying selected rows needs edit rights on each; exporting their
# documents is reading them (a message when their PDFs are not rendered yet); the calendar
# link is each signed-in user's own.
DOCUMENTS = dict.fromkeys(ROLES, READ) | {"anonymous": LOGIN, "other_applicant": NOT_FOUND}
OWN = dict.fromkeys(ROLES, DONE) | {"anonymous": LOGIN}
MATRIX += (
    Route(
        "portfolio:bulk",
        lambda w: [],
        lambda w: {"action": "duplicate", "application": [str(w.draft.id)]},
        EDIT,
    ),
    Route(
        "portfolio:bulk",
        lambda w: [],
        lambda w: {"action": "documents", "application": [str(w.submission.draft_id)]},
        DOCUMENTS,
    ),
    Route("portfolio:calendar_reset", lambda w: [], lambda w: {}, OWN),
    # Asking for the XLSX of one's own workbench list (issue 24): each signed-in user's own.
    Route("portfolio:exports", lambda w: [], lambda w: {"query": "tab=drafts"}, OWN),
    # Bob has a calendar link (made before the snapshot): only his own request removes it.
    Route(
        "portfolio:calendar_revoke",
        lambda w: [],
        lambda w: calendar_token_reset(user=w.users["owner"]) and {},
        dict.fromkeys(ROLES, READ) | {"anonymous": LOGIN, "owner": DONE},
    ),
)

# The inbox (issue 9): each signed-in user's own notifications and e-mail setting. The world's
# notification went to bob's firm (owner, viewer, editor, admin): charlie and staff have none.
MATRIX += (
    Route(
        "inbox:read_all",
        lambda w: [],
        lambda w: {},
        dict.fromkeys(ROLES, DONE) | {"anonymous": LOGIN, "other_applicant": READ, "staff": READ},
    ),
    Route(
        "inbox:settings",
        lambda w: [],
        lambda w: {"email_attachments": "on"},
        dict.fromkeys(ROLES, DONE) | {"anonymous": LOGIN},
    ),
)


# Responding to an invitation (issue 9): those who may file for the application; readers
# (viewer, staff) are told 403. The invitation is sent (through the services) before the snapshot.
def _invitation_sent(w) -> int:
    from hague_portal.examination import services

    examination = Examination.objects.get(pk=w.submission.pk)
    if not examination.invitations.exists():
        services.examination_checks_done(submission=w.submission)
        services.irregularity_raise(
            examination=examination,
            by=w.users["staff"],
            category="description",
            message="",
            parties=["EM"],
        )
        services.invitation_send(examination=examination, by=w.users["staff"])
    return 1


MATRIX += (
    Route(
        "submissions:respond",
        lambda w: [w.submission.number, _invitation_sent(w)],
        lambda w: {"description": "A chair with three legs.", "confirm": "on"},
        EDIT,
    ),
)

# Talking to the International Bureau (issue 22): writing about an application and withdrawing
# it are for those who may file for it; readers (viewer, staff: they answer in the admin) 403.
MATRIX += (
    Route(
        "submissions:message_write",
        lambda w: [w.submission.number],
        lambda w: {"subject": "Priority document", "body": "Must it be sent again?"},
        EDIT,
    ),
    Route(
        "submissions:withdraw",
        lambda w: [w.submission.number],
        lambda w: {"number": w.submission.number},
        EDIT,
    ),
)

# API tokens (issue 13): each signed-in user makes its own; bob's token (made before the
# snapshot) is revoked by bob or by an admin of his firm, and is not found by anyone else.
MATRIX += (
    Route(
        "api-tokens",
        lambda w: [],
        lambda w: {"name": "ci", "scopes": ["read"], "expires_in_days": 7},
        OWN,
    ),
    Route(
        "api-token-revoke",
        lambda w: [
            token_create(user=w.users["owner"], name="t", scopes=["read"], expires_in_days=1)[0].pk
        ],
        lambda w: {},
        dict.fromkeys(ROLES, NOT_FOUND) | {"anonymous": LOGIN, "owner": DONE, "firm_admin": DONE},
    ),
)

# The language switcher (issue 12): anyone may choose; a signed-in user's choice is also kept on
# the account (the snapshot's User.language), a visitor's only in a cookie.
MATRIX += (
    Route(
        "language",
        lambda w: [],
        lambda w: {"language": "fr", "next": "/"},
        dict.fromkeys(ROLES, DONE) | {"anonymous": READ},
    ),
)

# A user's own data (issue 19). Deleting a draft: who may file it (EDIT: a viewer and staff
# are told 403; tests/filings/test_draft_delete.py: a client's user it is shared with too).
# Deleting one's account, with the password: bob filed the world's application and fiona is
# the firm's last administrator (a page saying why, nothing changed); staff close theirs in
# the admin. The account names no object: only ever one's own.
ACCOUNT = dict.fromkeys(ROLES, DONE) | {
    "anonymous": LOGIN,
    "owner": REFUSED,
    "firm_admin": REFUSED,
    "staff": REFUSED,
}
MATRIX += (
    Route("filings:delete", lambda w: [w.draft.id], lambda w: {}, EDIT),
    Route("privacy:delete", lambda w: [], lambda w: {"password": PASSWORD}, ACCOUNT),
)

# The address book (issue 20): the firm's is written by its admins and editors; a viewer may
# not choose it (the form refuses it) nor name its entries to change them (404, as to anyone
# who is not a member).
BOOK_ADD = dict.fromkeys(ROLES, REFUSED) | {
    "anonymous": LOGIN,
    "owner": DONE,
    "firm_editor": DONE,
    "firm_admin": DONE,
}
BOOK_EDIT = dict.fromkeys(ROLES, NOT_FOUND) | {
    "anonymous": LOGIN,
    "owner": DONE,
    "firm_editor": DONE,
    "firm_admin": DONE,
}


def _book_csv(w):
    content = b"kind,name,country\ncreator,Eve Maker,CH\n"
    return {
        "book": f"firm-{w.firm['firm'].pk}",
        "file": SimpleUploadedFile("book.csv", content, content_type="text/csv"),
    }


MATRIX += (
    Route(
        "addressbook:new",
        lambda w: ["creator"],
        lambda w: {"book": f"firm-{w.firm['firm'].pk}", "name": "Eve Maker", "country": "CH"},
        BOOK_ADD,
    ),
    Route(
        "addressbook:edit",
        lambda w: [w.firm["entry"].pk],
        lambda w: {"name": "Renamed Maker", "country": "DE"},
        BOOK_EDIT,
    ),
    Route("addressbook:delete", lambda w: [w.firm["entry"].pk], lambda w: {}, BOOK_EDIT),
    Route("addressbook:import", lambda w: [], _book_csv, BOOK_ADD),
)

# Routes that change nothing, with the reason; POST to them is refused or harmless.
READ_ONLY = {
    "workbench": "lists; its forms post to filings:create and filings:import",
    "healthz": "GET only (require_GET)",
    "metrics": "GET only (require_GET), for the bearer of METRICS_TOKEN (issue 24)",
    "accessibility": "GET only (require_GET): the accessibility statement",
    "javascript-catalog": "GET only: the translations of our scripts (JavaScriptCatalog)",
    "filings:overview": "GET only",
    "filings:panel": "GET only",
    "filings:export": "GET only: a download of the draft",
    "filings:file": "GET only: a stored file",
    "submissions:detail": "GET only",
    "submissions:status": "GET only",
    "submissions:download": "GET only",
    "submissions:payment_receipt": "GET only: a receipt",
    "submissions:letter": "GET only: the invitation's PDF letter",
    "submissions:notice": "GET only: a letter of the International Bureau (per role: "
    "tests/examination/test_letters_on_the_page.py)",
    "submissions:notice_pdf": "GET only: its PDF",
    "submissions:file": "GET only: a file of the application or of a response",
    "submissions:message_file": "GET only: an attachment of a message (per role: "
    "tests/correspondence/test_services.py)",
    "fee-calculator": "public; computes fees, stores nothing",
    "api-fees": "public API; computes fees, stores nothing",
    "api-checks": "public API; runs the checks, stores nothing",
    "api-schema": "GET only: OpenAPI schema",
    "api-docs": "GET only",
    "api-redoc": "GET only",
    "firm:home": "GET only",
    "firm:detail": "GET only",
    "firm:clients": "GET only",
    "portfolio:export": "GET only: the filtered list as CSV",
    "portfolio:export_status": "GET only: one export's progress (test_export_download_by_role)",
    "portfolio:export_download": "GET only: the user's own export (test_export_download_by_role)",
    "portfolio:client_suggestions": "GET only: names of the clients of the user's firms (JSON)",
    "portfolio:deadlines": "GET only",
    "portfolio:counts": "GET only: the workbench's tabs with their counts",
    "portfolio:calendar": "GET only: the calendar feed of a secret link",
    "privacy:home": "GET only: the account's page",
    "privacy:export": "GET only: a download of the signed-in user's own data (names no object)",
    "addressbook:list": "GET only (require_GET): the entries the user may see",
    "addressbook:export": "GET only (require_GET): those entries as CSV",
}
READ_ONLY |= {
    "inbox:list": "GET only",
    "inbox:detail": "GET only (opening marks it read: the reader's own state)",
    "inbox:pdf": "GET only: a download (marks it read)",
    "inbox:link": "GET only: the signed e-mail link to a download",
}
# The token API (issue 13) authenticates a Bearer token, never the session, so a session POST
# gets 401: its per-role tests are tests/api/test_v1_access.py and the other test_v1_* files.
READ_ONLY |= dict.fromkeys(
    (
        "api-drafts",
        "api-draft",
        "api-draft-reproductions",
        "api-draft-reproduction",
        "api-draft-attachments",
        "api-draft-attachment",
        "api-draft-checks",
        "api-draft-fees",
        "api-draft-submit",
        "api-applications",
        "api-application",
        "api-application-document",
        "api-application-responses",
        "api-application-pay",  # per role: tests/api/test_v1_payments.py
        "api-accounts",
        "api-notifications",
        "api-notification-pdf",
        "api-webhooks",
        "api-webhook",
        "api-not-found",
    ),
    "token API: 401 without a token; per role in tests/api/test_v1_*",
)
# The Office of a designated party (issue 22): only its users, and only for published
# registrations designating its party; everyone else (applicants, representatives, staff, the
# Office of another party) gets 404 at every route, GET and POST, nothing recorded:
# tests/register/test_office_pages.py and tests/register/test_office_api.py.
READ_ONLY |= dict.fromkeys(
    (
        "office:registrations",
        "office:registration",
        "office:reproduction",
        "office:decide",
        "api-office-registrations",
        "api-office-registration",
        "api-office-refusal",
        "api-office-withdrawal",
        "api-office-grant",
        "api-office-second-part",
    ),
    "Office users only: per role in tests/register/test_office_*",
)
# The International Designs Bulletin (issue 22): public, GET only, and nothing of a registration
# before its publication date: tests/bulletin/test_confidentiality.py asks each of these.
READ_ONLY |= dict.fromkeys(
    (
        "bulletin",
        "bulletin-issue",
        "bulletin-issue-feed",
        "bulletin-registration",
        "bulletin-reproduction",
        "bulletin-thumbnail",
        "api-bulletin",
        "api-bulletin-issues",
        "api-bulletin-registration",
    ),
    "public Bulletin, GET only: published registrations only (tests/bulletin)",
)
# Paying the second part of a fee needs a registration whose Office asked for it (issue 22): per
# role (owner pays; viewer and staff 403; others 404; anonymous to sign in), nothing changed on
# a refusal, in tests/register/test_page.py and tests/register/test_holder_api.py.
READ_ONLY |= {
    "submissions:second_part_pay": "per role: tests/register/test_page.py",
    "api-application-second-part-pay": "token API; per role: tests/register/test_holder_api.py",
}
# The Register extract (issue 23), a GET of a PDF: whoever may see the application (404 for
# others), and the public once published (tests/register/test_extract.py, the confidentiality probes).
READ_ONLY |= {
    "submissions:register_extract": "per role: tests/register/test_extract.py",
    "bulletin-extract": "public from publication only: tests/bulletin/test_confidentiality.py",
}
# Changes in the Register (issue 23): requesting one needs a registration and leave to file for
# it (404 for everyone else, the former holder after a transfer too), answering an invitation
# the same; a firm's appointments only for an administrator of the firm appointed
# (tests/changes/test_pages.py, tests/changes/test_access.py).
READ_ONLY |= {
    "submissions:change_new": "per role: tests/changes/test_pages.py, test_access.py",
    "submissions:change": "per role: tests/changes/test_pages.py",
    "changes:appointments": "the user's own firms only: tests/changes/test_pages.py",
    "changes:appointment": "an admin of the firm appointed, else 404: tests/changes/test_pages.py",
}
# Renewal (issue 23): the holder's page for those who may file for the application (404 for
# those who may not see it, 403 for a firm's viewer); the public page by number for anyone, on
# published registrations only; a bulk renewal of the registrations the user may file for
# (a forged one is a 404, the service refuses it too); the token API per role.
READ_ONLY |= {
    "submissions:renewal": "per role: tests/register/test_renewal_pages.py",
    "renewal_public": "public, published registrations only: tests/register/test_renewal_pages.py",
    "renewal_public_paid": "a signed token of one renewal: tests/register/test_renewal_pages.py",
    "portfolio:renewals": "the user's fileable registrations only: tests/portfolio/test_renewals_bulk.py",
    "portfolio:renewals_paid": "the user's own payment only: tests/portfolio/test_renewals_bulk.py",
}
READ_ONLY |= dict.fromkeys(
    ("api-application-registration", "api-application-renewal", "api-renewals"),
    "token API; per role: tests/api/test_v1_register_renewal.py",
)
READ_ONLY |= dict.fromkeys(
    ("api-application-changes", "api-change", "api-change-response"),
    "token API; per role (404, viewer 403, editor files): tests/api/test_v1_changes.py",
)
# Whole areas with their own authorization, tested elsewhere.
OWN_AUTHORIZATION = ("admin/", "accounts/")  # Django admin (is_staff), allauth sign-in flows


def _routes(patterns, prefix="", namespace=None):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, route, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern):
            yield route, f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_route_is_in_the_matrix_or_declared_read_only():
    declared = {route.name for route in MATRIX} | set(READ_ONLY)
    missing = [
        (route, name)
        for route, name in _routes(get_resolver().url_patterns)
        if not route.startswith(OWN_AUTHORIZATION) and name not in declared
    ]
    assert not missing, f"add these routes to MATRIX or READ_ONLY: {missing}"


# --- the world every case runs in ------------------------------------------------------------


@pytest.fixture
def world(bob, vera, fiona, charlie, erik, acme, bobs_firm, reference, settings, tmp_path):  # noqa: F811
    settings.MEDIA_ROOT = str(tmp_path / "media")
    colleague = UserFactory(email="emma@example.test", full_name="Emma Editor")
    MembershipFactory(firm=bobs_firm, user=colleague, role=FirmRole.EDITOR)
    user_enrol_totp(user=colleague, secret=TOTP_SECRET)
    draft = fill(draft_create(user=bob, client=acme), bob, designs=2)
    add_reproductions(draft, designs=2, per_design=2, with_files=True)
    attachment = add_attachment(draft, Attachment.Kind.POWER_OF_ATTORNEY, pdf_bytes())
    draft = Draft.objects.get(pk=draft.pk)
    Draft.objects.filter(pk=draft.pk).update(
        autosave={"description": {"data": {"description": ["x"]}, "at": "2026-01-01T00:00:00"}}
    )
    submission = submit(make_draft(bob, client=acme, views=1), bob)
    # The firm's account: what a viewer must not be able to spend.
    CurrentAccount.objects.create(
        number="FIRM-1", holder_name="Bob & Partners", owner_firm=bobs_firm, balance=Decimal(9999)
    )
    users = {
        "owner": bob,
        "other_applicant": charlie,
        "firm_viewer": vera,
        "firm_editor": colleague,
        "firm_admin": fiona,
        "staff": erik,
    }
    reproductions = list(Reproduction.objects.filter(draft=draft).order_by("design_number", "id"))
    export = draft_export(draft=draft)
    firm = {
        "firm": bobs_firm,
        "vera": FirmMembership.objects.get(user=vera),
        "invitation": invitation_create(
            firm=bobs_firm, by=fiona, email="newcomer@example.test", role="viewer"
        ),
        "spare": Client.objects.create(firm=bobs_firm, name="Spare Client SA", country="FR"),
        "share": DraftShare.objects.create(draft=draft, email="shared@example.test", shared_by=bob),
        "entry": entry_create(
            owner={"owner_firm": bobs_firm},
            kind="creator",
            cleaned={"name": "Ada Maker", "country": "GB"},
        ),
    }
    notification_send(  # unread, for bob's firm: what inbox:read_all may mark read
        submission=submission, kind=NotificationKind.REMINDER, title="Reminder", body="Soon."
    )
    return World(users, draft, submission, reproductions, attachment, acme, export, firm)


def snapshot() -> dict:
    """Every row that a POST of this matrix could change."""
    models = (Draft, DraftRevision, Reproduction, Attachment, Submission, Job, Payment)
    models += (LedgerEntry, CurrentAccount)
    models += (FirmMembership, FirmInvitation, Client, DraftShare, DraftApproval, DraftEvent)
    models += (OutgoingEmail, CalendarToken, Export)
    models += (Recipient, Preference)
    models += (Response,)
    models += (ApiToken,)
    models += (Entry,)
    models += (Examination, Message, Thread)
    rows = {m.__name__: list(m.objects.order_by("pk").values()) for m in models}
    # Only the users' language: signing in (before the snapshot) is no change of a route's.
    rows["User.language"] = list(User.objects.order_by("pk").values_list("pk", "language"))
    # Deleting an account erases the row's address and deactivates it (privacy.services).
    rows["User.account"] = list(User.objects.order_by("pk").values_list("pk", "email", "is_active"))
    return rows


def _outcome(response) -> str:
    if response.status_code == 302 and "/accounts/login/" in response.url:
        return "login"
    return response.status_code


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", MATRIX, ids=[r.name for r in MATRIX])
def test_state_changing_url_by_role(client, world, route, role, no_broker):  # noqa: F811
    if role != "anonymous":
        client.force_login(world.users[role])
    url = reverse(route.name, args=route.args(world))
    data = route.data(world)
    before = snapshot()
    response = client.post(url, data)
    expected, changed = route.expect[role], snapshot() != before
    observed = _outcome(response)
    if expected == LOGIN:
        assert observed == "login", response.status_code
    elif expected == NOT_FOUND:
        assert observed == 404
    elif expected == FORBIDDEN:
        assert observed == 403
    else:
        assert observed not in ("login", 403, 404) and observed < 500, observed
    assert changed == (expected == DONE), f"{role} {route.name}: changed={changed}"


@pytest.fixture
def no_broker(monkeypatch):
    from hague_portal.submissions import tasks

    monkeypatch.setattr(tasks.job_run_task, "apply_async", lambda args, **kw: None)


# The XLSX export (issue 24): only the user who asked sees its progress or downloads it; anyone
# else is told it does not exist.
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["portfolio:export_status", "portfolio:export_download"])
def test_export_download_by_role(client, world, role, name):
    from hague_portal.portfolio.selectors import Filters
    from hague_portal.portfolio.services_exports import export_request, export_run

    export = export_request(user=world.users["owner"], filters=Filters(), language="en")
    export_run(export_id=export.pk, task_id="t")
    if role != "anonymous":
        client.force_login(world.users[role])
    observed = _outcome(client.get(reverse(name, args=[export.pk])))
    expected = {"anonymous": "login", "owner": 200}.get(role, 404)
    assert observed == expected, (role, observed)
