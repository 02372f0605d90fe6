"""Demo registrations in every state after registration (issue 22), made through the real
services with explicit `today=` dates counted back from today in Geneva, so that each is in its
state whenever `demo_setup` runs:

    Armchair       published, awaiting the Offices' decisions (CH, EM, US)
    Dining chair   refused by the United States, with a time limit for a review
    Rocking chair  protection granted by the United States (Rule 18bis)
    Garden bench   protected in CH and EM: no refusal within the refusal period
    Bar chair      second part of the US individual fee due: pay it online
    Folding chair  second part not paid in time: cancelled for the United States

Each is filed today through the wizard's services with immediate publication (item 17), then
its receipt is moved back (demo.py's `_backdate_filing`, the only row written behind the
services' backs, as the tests do), so that the examination registers it on that date and the
publication runs on it. The Office's decisions are the demo Office user's of the United States.
Idempotent: an applicant who already has them is left alone.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, timedelta

from hague_portal.hague.clock import geneva_today
from hague_portal.hague.periods import time_limit
from hague_portal.reference.selectors import reference_data

from .demo import ADDRESS, _backdate_filing, demo_document, demo_draft, demo_image

OFFICE_US_EMAIL = "office-us@demo.hague.test"
LAST = "Folding chair"


@dataclass(frozen=True)
class Demo:
    product: str
    filed_days_ago: int  # also the registration and publication date (immediate publication)
    parties: tuple[str, ...] = ("CH", "EM", "US")


DEMOS = (
    Demo("Armchair", 20),
    Demo("Dining chair", 60),
    Demo("Rocking chair", 90),
    Demo("Garden bench", 250, ("CH", "EM")),  # six months (Rule 18(1)(a)) have passed
    Demo("Bar chair", 120),
    Demo(LAST, 300),
)


def _demo_office_user():
    """The Office of the United States and its demo user (TOTP, as every Office user). Got or
    created here and by `demo_offices()`, whichever runs first: the same rows either way."""
    from django.contrib.auth import get_user_model

    from hague_portal.accounts.models import Office
    from hague_portal.accounts.services import user_create_verified
    from hague_portal.core.management.commands.demo_setup import DEMO_PASSWORD, _demo_totp

    office, _ = Office.objects.get_or_create(
        party="US", defaults={"name": "United States Patent and Trademark Office"}
    )
    user = get_user_model().objects.filter(email=OFFICE_US_EMAIL).first()
    if user is None:
        user = user_create_verified(
            email=OFFICE_US_EMAIL, password=DEMO_PASSWORD, full_name="Olivia Office (USPTO)"
        )
    if user.office_id != office.pk:
        user.office = office
        user.save(update_fields=["office"])
    _demo_totp(user)
    return user


def demo_registrations(*, applicant, examiner, supervisor, account) -> list[str]:
    """The registrations of the loop for `applicant`; returns what was made, for the output."""
    from hague_portal.filings.models import Draft
    from hague_portal.register import services

    if Draft.objects.filter(created_by=applicant, title=f"Application: {LAST}").exists():
        return []
    office, today = _demo_office_user(), geneva_today()
    made = []
    for demo in DEMOS:
        registration = _registered(demo, applicant, examiner, supervisor, account, today)
        made.append(f"{registration.number} {_STATES[demo.product](registration, office, today)}")
    # The beat's daily work, today: protection where a refusal period ended without a refusal.
    services.designations_protect(today=today)
    return made


def _registered(demo: Demo, applicant, examiner, supervisor, account, today):
    from hague_portal.examination import services as examination
    from hague_portal.register import services
    from hague_portal.register.models import Registration

    filed = _filed(demo, applicant, account)
    _backdate_filing(filed, days=demo.filed_days_ago)
    for irregularity in filed.submission.irregularities.filter(status__in=_UNSENT):
        examination.irregularity_dismiss(irregularity=irregularity, by=examiner)
    registered = examination.examination_register(examination=filed, by=supervisor)
    services.registrations_publish(today=today)  # Rule 17: published on its date, now past
    return Registration.objects.get(pk=registered.pk)


_UNSENT = ("awaiting_review", "confirmed")


def _filed(demo: Demo, applicant, account):
    """Filed today as the wizard files it: the US asks for a claim (item 12) and each
    creator's declaration (Annex I)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from hague_portal.filings.models import Draft
    from hague_portal.filings.uploads import attachment_upload, reproductions_upload
    from hague_portal.payments.submit import draft_submit
    from hague_portal.submissions.pipeline import submission_check

    draft = demo_draft(applicant, demo.product, doc=_document(demo))
    image = SimpleUploadedFile("view.jpg", demo_image("rectangle"), "image/jpeg")
    reproductions_upload(draft=draft, user=applicant, files=[image], design_number=1)
    if "US" in demo.parties:
        attachment_upload(
            draft=draft,
            user=applicant,
            kind="annex_I",
            file=SimpleUploadedFile("annex-i.pdf", _pdf(), "application/pdf"),
            details={"kind": "declaration", "creator": "Ada Applicant",
                     "signatory": "/Ada Applicant/"},
        )  # fmt: skip
    draft = Draft.objects.get(pk=draft.pk)
    draft_submit(
        draft=draft, user=applicant, seen_version=draft.version, ref=reference_data(),
        account=account,
    )  # fmt: skip
    submission = Draft.objects.get(pk=draft.pk).submission
    submission_check(submission)
    return submission.examination


def _document(demo: Demo) -> dict:
    document = {
        **demo_document(demo.product),
        "designations": list(demo.parties),
        "creators": [{"name": "Ada Applicant", "address": ADDRESS}],
        "publication": {"mode": "immediate", "months": None},  # Rule 17(1)(i)
    }
    if "US" in demo.parties:  # item 12: only where a designated party asks for it
        document["claim"] = (
            f"The ornamental design for a {demo.product.lower()}, as shown and described."
        )
    return document


def _pdf() -> bytes:
    from pypdf import PdfWriter

    writer, out = PdfWriter(), io.BytesIO()
    writer.add_blank_page(width=595, height=842)
    writer.write(out)
    return out.getvalue()


# --- the states, each through the Register's services on its own date -------------------------


def _us(registration):
    return registration.designations.get(party="US")


def _awaiting(registration, office, today) -> str:
    return "published, awaiting the Offices' decisions"


def _refused(registration, office, today) -> str:
    from hague_portal.register import services

    on = today - timedelta(days=10)
    services.refusal_notify(
        designation=_us(registration),
        by=office,
        designs=[],
        grounds="The design is not new: it is anticipated by US D900,001 (a chair of the same "
        "appearance, published in 2024).",
        provisions="35 U.S.C. 171, 102",
        # The Office's own time limit for a reply (two months), as it states it.
        review_time_limit=time_limit(reference_data(), on, months=2),
        review_authority="USPTO, Patent Trial and Appeal Board",
        today=on,
    )
    return "refused by the United States (Rule 18)"


def _granted(registration, office, today) -> str:
    from hague_portal.register import services

    services.grant_state(designation=_us(registration), by=office, today=today - timedelta(30))
    return "protection granted by the United States (Rule 18bis)"


def _protected(registration, office, today) -> str:
    # Six months from publication have passed: demo_registrations runs the beat's protection.
    return "protected in CH and EM after the refusal period (Article 14(2)(a))"


def _due(registration, office, today) -> str:
    from hague_portal.register import services

    services.second_part_due(designation=_us(registration), by=office, today=today - timedelta(5))
    return "second part of the US fee due (Rule 12(3)(c))"


def _cancelled(registration, office, today) -> str:
    from hague_portal.register import services

    asked: date = today - timedelta(days=150)  # three months to pay, long past
    services.second_part_due(designation=_us(registration), by=office, today=asked)
    services.second_parts_lapse(today=today)
    return "second part not paid in time: cancelled for the United States (Rule 12(3)(d))"


_STATES = {
    "Armchair": _awaiting,
    "Dining chair": _refused,
    "Rocking chair": _granted,
    "Garden bench": _protected,
    "Bar chair": _due,
    LAST: _cancelled,
}
