"""Demo applications in every state of the examination, made through the real services, so that a
new user of `make run` sees the whole loop at once (issue 9):

    Chair       under examination (filed and paid; the check job has run)
    Table lamp  irregular: reproductions of design 1 and 50 CHF missing; respond and pay online
    Desk        response received: the description was added; the examiner accepts it
    Sofa        registered: DM/ number, date of registration and publication
    Stool       considered abandoned: the time limit passed; fees refunded less the basic fee
    Armchair    under examination, with a question to the International Bureau and its answer
    Footstool   withdrawn by the applicant before registration; fees refunded less the basic fee

Used by `demo_setup` (DEBUG only). Idempotent: an applicant who already has them is left alone.
"""

from __future__ import annotations

import io
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from hague_portal.events.models import Event
from hague_portal.examination import services
from hague_portal.examination.models import Examination, Invitation
from hague_portal.hague import irregularities as rule14
from hague_portal.hague.clock import GENEVA
from hague_portal.reference.selectors import reference_data

ADDRESS = {"street": "Rue du Marché 5", "city": "Geneva", "postcode": "1204", "country": "CH"}


def demo_document(product: str) -> dict:
    return {
        "applicants": [
            {
                "name": "Ada Applicant",
                "kind": "natural",
                "email": "applicant@demo.hague.test",
                "address": ADDRESS,
            }
        ],
        "entitlement": {"nationality": ["CH"], "domicile": ["CH"]},
        "applicant_contracting_party": "CH",
        "designations": ["EM"],
        "designs": [{"number": 1, "product": product, "locarno": "06-01"}],
        "creators": [],
        "priorities": [],
        "publication": {"mode": "standard", "months": None},
        "payment": {"method": "current_account"},
        "signatory": {"name": "/Ada Applicant/", "capacity": "applicant"},
    }


def demo_image(shape: str) -> bytes:
    """A drawn reproduction (no file needs shipping): a rectangle or an ellipse."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (800, 800), "white")
    draw = ImageDraw.Draw(image)
    if shape == "ellipse":
        draw.ellipse((200, 150, 600, 650), outline="black", width=12)
    else:
        draw.rectangle((200, 150, 600, 650), outline="black", width=12)
    out = io.BytesIO()
    image.save(out, "JPEG", dpi=(300, 300))
    return out.getvalue()


def demo_file(applicant, product: str, *, shape="rectangle", account=None, client=None, doc=None):
    """Draft, upload and submit through the wizard's services; returns the examination."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from hague_portal.filings.models import Draft
    from hague_portal.filings.uploads import reproductions_upload
    from hague_portal.payments.submit import draft_submit
    from hague_portal.submissions.pipeline import submission_check

    draft = demo_draft(applicant, product, client=client, doc=doc)
    upload = SimpleUploadedFile(f"{product.lower()}.jpg", demo_image(shape), "image/jpeg")
    reproductions_upload(draft=draft, user=applicant, files=[upload], design_number=1)
    draft = Draft.objects.get(pk=draft.pk)
    draft_submit(
        draft=draft,
        user=applicant,
        seen_version=draft.version,
        ref=reference_data(),
        account=account,
    )
    submission = Draft.objects.get(pk=draft.pk).submission
    submission_check(submission)  # the check job's work, done now: into the queue
    return submission.examination


def demo_draft(user, product: str, *, client=None, doc=None):
    from hague_portal.filings.services import draft_create, draft_save_step

    draft = draft_create(user=user, client=client)
    return draft_save_step(
        draft=draft,
        user=user,
        step="applicants",
        seen_version=draft.version,
        data=doc or demo_document(product),
    )


def client_document(client, firm, product: str, *, designations=("EM", "CH")) -> dict:
    """An application a representative files for a client of its firm (items 1 and 5)."""
    country = str(client.country)
    return {
        **demo_document(product),
        "reference": f"{client.name.split()[0].upper()}-{product.split()[0].upper()}-2026",
        "applicants": [
            {
                "name": client.name,
                "kind": client.kind,
                "email": client.email,
                "address": client.postal_address(),
            }
        ],
        "entitlement": {"establishment": [country, "EM"] if country != "CH" else ["CH"]},
        "applicant_contracting_party": "EM" if country != "CH" else "CH",
        "representative": {
            "name": firm.name,
            "email": firm.email,
            "address": firm.postal_address(),
        },
        "designations": list(designations),
        "designs": [{"number": 1, "product": product, "locarno": "06-01"}],
        "payment": {"method": "current_account"},
        "signatory": {"name": "/Rita Representative/", "capacity": "representative"},
    }


def demo_portfolio(*, representative, firm, examiner, account) -> list[str]:
    """The representative's workbench: a draft and two filed applications for the firm's
    clients, one of them, filed in French, with an invitation running (Irregularity tab, time
    limits, iCal)."""
    from hague_portal.filings.models import Draft

    if Draft.objects.filter(client__firm=firm).exists():
        return []
    acme, jane = firm.clients.get(name="ACME Design GmbH"), firm.clients.get(name="Jane Doe")
    made = []
    filed = demo_file(
        representative,
        "Lounge chair",
        client=acme,
        account=account,
        doc=client_document(acme, firm, "Lounge chair"),
    )
    made.append(f"{filed.submission.number} filed for {acme.name}")
    # Filed in French (Rule 6(1)): its invitation, letter and e-mail come in French (issue 12).
    irregular = demo_file(
        representative,
        "Table basse",
        client=jane,
        shape="ellipse",
        account=account,
        doc={**client_document(jane, firm, "Table basse"), "language": "fr"},
    )
    services.irregularity_raise(
        examination=irregular, by=examiner, category="product", message="", designs=[1]
    )
    services.invitation_send(examination=irregular, by=examiner)
    made.append(f"{irregular.submission.number} irregular for {jane.name}")
    demo_draft(
        representative, "Bar stool", client=acme, doc=client_document(acme, firm, "Bar stool")
    )
    made.append(f"a draft for {acme.name}")
    return made


def demo_applications(*, applicant, examiner, supervisor, account) -> list[str]:
    """The applications of the loop for `applicant`; returns what was made, for the output."""
    from hague_portal.filings.models import Draft

    if Draft.objects.filter(created_by=applicant, title="Application: Stool").exists():
        return []
    made = []
    lamp = demo_file(applicant, "Table lamp", shape="ellipse", account=account)
    _irregular(lamp, examiner)
    made.append(f"{lamp.submission.number} irregular (respond online)")
    desk = demo_file(applicant, "Desk", account=account)
    _responded(desk, examiner, applicant)
    made.append(f"{desk.submission.number} response received")
    sofa = demo_file(applicant, "Sofa", account=account)
    sofa = services.examination_register(examination=sofa, by=supervisor)
    made.append(f"{sofa.submission.number} registered as {sofa.registration_number}")
    stool = demo_file(applicant, "Stool", account=account)
    _abandoned(stool, examiner)
    made.append(f"{stool.submission.number} considered abandoned")
    return made


def demo_talk(*, applicant, examiner, account) -> list[str]:
    """Talking to the International Bureau (issue 22): a thread (a question with a PDF, the
    Bureau's answer) and a withdrawn application. Once: a second run makes nothing."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from hague_portal.correspondence.services import message_answer, message_send
    from hague_portal.filings.models import Draft

    if Draft.objects.filter(created_by=applicant, title="Application: Footstool").exists():
        return []
    armchair = demo_file(applicant, "Armchair", account=account)
    sketch = SimpleUploadedFile("armchair-sketch.jpg", demo_image("rectangle"), "image/jpeg")
    message_send(
        submission=armchair.submission,
        user=applicant,
        subject="Colour of the reproductions",
        body="May the reproductions of the armchair be in colour, or must they be black and "
        "white? A sketch of the view we mean is attached.",
        files=[sketch],
    )
    message_answer(
        submission=armchair.submission,
        by=examiner,
        subject="Re: Colour of the reproductions",
        body="Reproductions may be in colour or in black and white (A.I. Section 401); the "
        "colours shown are part of the design as registered.",
    )
    footstool = demo_file(applicant, "Footstool", account=account)
    services.application_withdraw(examination=footstool, by=applicant)
    return [
        f"{armchair.submission.number} with a message and the Bureau's answer",
        f"{footstool.submission.number} withdrawn",
    ]


def _irregular(examination, examiner) -> None:
    services.examination_assign(examination=examination, examiner=examiner, by=examiner)
    services.irregularity_raise(
        examination=examination,
        by=examiner,
        category="reproductions",
        message="",
        designs=[1],
    )
    services.irregularity_raise(
        examination=examination, by=examiner, category="fees", message="", amount="50.00"
    )
    services.invitation_send(
        examination=examination,
        by=examiner,
        note="The reproduction of design 1 shows only an outline; please send a view that shows "
        "the lamp itself.",
    )


def _responded(examination, examiner, applicant) -> None:
    services.irregularity_raise(
        examination=examination, by=examiner, category="description", message="", parties=["EM"]
    )
    invitation = services.invitation_send(examination=examination, by=examiner)
    document = {
        **examination.submission.document,
        "description": "A desk with a single sloping top and two trestle legs.",
    }
    services.response_submit(
        invitation=invitation,
        user=applicant,
        message="The description is added as item 9.",
        document=document,
        files=[],
    )


def _abandoned(examination, examiner) -> None:
    """Filed four and a half months ago, invited four months ago, the time limit passed: the
    beat task's work."""
    _backdate_filing(examination, days=135)
    with transaction.atomic():
        services.irregularity_raise(
            examination=examination, by=examiner, category="product", message="", designs=[1]
        )
        invitation = services.invitation_send(examination=examination, by=examiner)
        _backdate(invitation, days=120)
    services.examinations_lapse()


def _backdate_filing(examination, *, days: int) -> None:
    """Demo only: an application received `days` ago (the receipt, its draft, its audit)."""
    from hague_portal.filings.models import Draft
    from hague_portal.submissions.models import Submission

    received = timezone.now() - timedelta(days=days)
    submission = examination.submission
    Submission.objects.filter(pk=submission.pk).update(received_at=received)
    Examination.objects.filter(pk=examination.pk).update(received_at=received)
    Draft.objects.filter(pk=submission.draft_id).update(submitted_at=received)
    Event.objects.filter(submission=submission).update(at=received)
    examination.refresh_from_db()
    examination.submission.refresh_from_db()


def _backdate(invitation: Invitation, *, days: int) -> None:
    """Demo only: move an invitation into the past (its letter re-rendered with those dates)."""
    from django.core.files.base import ContentFile

    from hague_portal.examination.letters import invitation_letter
    from hague_portal.examination.services.common import long_date
    from hague_portal.notifications.models import Notification, NotificationKind

    sent_at = timezone.now() - timedelta(days=days)
    limit = rule14.response_time_limit(reference_data(), sent_at.astimezone(GENEVA).date())
    for notice in Notification.objects.filter(
        submission=invitation.examination.submission, kind=NotificationKind.INVITATION
    ):
        body = notice.body.replace(long_date(invitation.time_limit), long_date(limit))
        Notification.objects.filter(pk=notice.pk).update(created_at=sent_at, body=body)
        notice.recipients.update(created_at=sent_at)  # the inbox orders by the recipient's copy
    for event in Event.objects.filter(
        submission=invitation.examination.submission, kind="invitation.sent"
    ):
        summary = event.summary.replace(long_date(invitation.time_limit), long_date(limit))
        Event.objects.filter(pk=event.pk).update(at=sent_at, summary=summary)
    rows = list(invitation.irregularities.all())
    invitation.irregularities.update(time_limit=limit)
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=sent_at, time_limit=limit)
    invitation.refresh_from_db()
    for row in rows:
        row.time_limit = limit
    pdf = invitation_letter(invitation=invitation, irregularities=rows)
    invitation.letter_pdf.save(invitation.letter_pdf.name.rsplit("/", 1)[-1], ContentFile(pdf))
    for notice in Notification.objects.filter(
        submission=invitation.examination.submission, kind=NotificationKind.INVITATION
    ).exclude(pdf=""):
        notice.pdf.save(notice.pdf.name.rsplit("/", 1)[-1], ContentFile(pdf))


# The address book (issue 20): parties the demo applicant and the demo firm name again and again.
DEMO_BOOK = {
    "applicant": (
        ("creator", {"name": "Ada Applicant", "city": "Geneva", "country": "CH"}),
        ("creator", {"name": "Grace Designer", "city": "Lausanne", "country": "CH"}),
        (
            "applicant",
            {
                "name": "Applicant Holdings SA",
                "kind": "legal",
                "legal_nature": "société anonyme, Switzerland",
                "email": "ip@applicant-holdings.example",
                "street": "Quai du Mont-Blanc 5",
                "city": "Geneva",
                "postcode": "1201",
                "country": "CH",
            },
        ),
    ),
    "firm": (
        (
            "applicant",
            {
                "name": "Nordic Chairs AB",
                "kind": "legal",
                "legal_nature": "aktiebolag, Sweden",
                "email": "ip@nordic-chairs.example",
                "street": "Storgatan 1",
                "city": "Malmö",
                "postcode": "211 34",
                "country": "SE",
            },
        ),
        ("creator", {"name": "Hans Muster", "city": "Berlin", "country": "DE"}),
        ("creator", {"name": "Marie Dupont", "city": "Paris", "country": "FR"}),
        (
            "representative",
            {
                "name": "Demo IP Attorneys LLP",
                "email": "office@demo-ip.test",
                "street": "Rue du Rhône 1",
                "city": "Geneva",
                "postcode": "1204",
                "country": "CH",
            },
        ),
    ),
}


def demo_address_book(*, applicant, firm) -> int:
    """The demo address books, once (a second run adds nothing); the number of entries added."""
    from hague_portal.addressbook.models import Entry
    from hague_portal.addressbook.services import entry_create

    added = 0
    for key, owner in (("applicant", {"owner_user": applicant}), ("firm", {"owner_firm": firm})):
        if Entry.objects.filter(**owner).exists():
            continue
        for kind, cleaned in DEMO_BOOK[key]:
            entry_create(owner=owner, kind=kind, cleaned=cleaned)
            added += 1
    return added


# The Office of a designated Contracting Party (issue 22): the USPTO, for the United States.
DEMO_OFFICE = {
    "party": "US",
    "name": "United States Patent and Trademark Office",
    "email": "hague@uspto.example",
}
DEMO_OFFICE_USER = ("office-us@demo.hague.test", "Olivia Office (USPTO)")


def demo_offices(*, password: str):
    """The Office of the United States and its user (TOTP enrolled by the caller); once."""
    from hague_portal.accounts.models import Office
    from hague_portal.accounts.services import user_create_verified

    office, _created = Office.objects.get_or_create(
        party=DEMO_OFFICE["party"], defaults=DEMO_OFFICE
    )
    email, name = DEMO_OFFICE_USER
    user = user_create_verified(email=email, password=password, full_name=name)
    if user.office_id != office.pk:
        user.office = office
        user.save(update_fields=["office"])
    return user
