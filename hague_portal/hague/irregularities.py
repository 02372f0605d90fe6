"""The kinds of irregularity the International Bureau raises after filing, and what each entails.

Rule 14(1): the International Bureau invites the applicant to correct an irregularity within
three months from the date of the invitation.
Rule 14(2) and Article 10(2) of the 1999 Act: some irregularities postpone the date of the
international registration to the date on which the correction is received: the language, the
elements without which there is no filing (applicant identity, contact, a reproduction of each
design, a designation), and the Article 5(2) contents (identity of the creator, description,
claim) required by a designated Contracting Party.
Rule 14(3): an irregularity not remedied in time: the application is considered abandoned and the
fees paid are refunded, less an amount corresponding to the basic fee. An Article 5(2)
irregularity not remedied in time instead removes the designation of the Contracting Party that
requires that content (the application goes on for the others).

Pure data: no ORM. The examiner's message starts from `template`, which the examiner may edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .i18n import gettext
from .items import ANNEXES, FEES, REPRODUCTIONS
from .periods import period_end, time_limit


def gettext_noop(message: str) -> str:
    """Marks a message of the table below for extraction; it is translated where it is shown
    (`IrregularityKind.label` / `.template`), in the language active then."""
    return message


RESPONSE_MONTHS = 3  # Rule 14(1)

ON_LAPSE_ABANDON = "abandon"
ON_LAPSE_DESIGNATION = "designation"


@dataclass(frozen=True)
class IrregularityKind:
    code: str
    label_en: str  # English; `label` is it in the active language
    # The DM/1 item it concerns as the Guide numbers it ("8"), or the part the Guide does not
    # number (items.REPRODUCTIONS, ANNEXES, FEES); items.item_reference words it for the reader.
    item: str
    postpones_date: bool
    on_lapse: str
    template_en: str  # English; `template` is it in the active language
    fee: bool = False
    # What the applicant's response may correct: "reproductions", "text:<field>", "attachment",
    # "payment".
    remedy: str = "text"

    @property
    def label(self) -> str:
        return gettext(self.label_en)

    @property
    def template(self) -> str:
        # gettext("") would be the catalogue's header
        return gettext(self.template_en) if self.template_en else ""


KINDS: tuple[IrregularityKind, ...] = (
    IrregularityKind(
        "reproductions",
        gettext_noop("Reproductions missing or not fit for reproduction"),
        REPRODUCTIONS,
        True,
        ON_LAPSE_ABANDON,
        gettext_noop(
            "The reproduction(s) of design {designs} cannot be reproduced as filed (Rule 9). "
            "Please send replacement reproductions, without adding new matter."
        ),
        remedy="reproductions",
    ),
    IrregularityKind(
        "applicant_identity",
        gettext_noop("Indications identifying the applicant missing"),
        "1",
        True,
        ON_LAPSE_ABANDON,
        gettext_noop(
            "The indications allowing the identity of the applicant to be established are missing "
            "or incomplete. Please send the applicant's full name and address."
        ),
        remedy="text:applicant",
    ),
    IrregularityKind(
        "contact",
        gettext_noop("Indications to contact the applicant missing"),
        "4",
        True,
        ON_LAPSE_ABANDON,
        gettext_noop(
            "The application does not contain indications sufficient to contact the applicant or "
            "its representative. Please send an e-mail or postal address."
        ),
        remedy="text:correspondence_email",
    ),
    IrregularityKind(
        "creator",
        gettext_noop("Identity of the creator (Article 5(2))"),
        "11",
        True,
        ON_LAPSE_DESIGNATION,
        gettext_noop(
            "A designated Contracting Party requires the identity of the creator. "
            "Please send the name and address of the creator of design {designs}."
        ),
        remedy="text:creators",
    ),
    IrregularityKind(
        "description",
        gettext_noop("Description (Article 5(2))"),
        "9",
        True,
        ON_LAPSE_DESIGNATION,
        gettext_noop(
            "A designated Contracting Party requires a description. Please send a "
            "description of the characteristic features of the reproductions."
        ),
        remedy="text:description",
    ),
    IrregularityKind(
        "claim",
        gettext_noop("Claim (Article 5(2))"),
        "12",
        True,
        ON_LAPSE_DESIGNATION,
        gettext_noop(
            "A designated Contracting Party requires a claim. Please send the claim in "
            "the wording that Contracting Party prescribes."
        ),
        remedy="text:claim",
    ),
    IrregularityKind(
        "product",
        gettext_noop("Indication of the products"),
        "8",
        False,
        ON_LAPSE_ABANDON,
        gettext_noop(
            "The indication of the product(s) for design {designs} is not clear. Please "
            "send an indication that names the product in terms of the Locarno list."
        ),
        remedy="text:products",
    ),
    IrregularityKind(
        "locarno_unity",
        gettext_noop("Designs of different Locarno classes"),
        "8",
        False,
        ON_LAPSE_ABANDON,
        gettext_noop(
            "All designs of one international application must belong to the same class of the "
            "Locarno Classification (Rule 7(7)). Please withdraw the designs of the other class(es)."
        ),
        remedy="text:products",
    ),
    IrregularityKind(
        "document",
        gettext_noop("A required document is missing or defective"),
        ANNEXES,
        False,
        ON_LAPSE_ABANDON,
        gettext_noop(
            "A document required by a designated Contracting Party is missing or defective. "
            "Please send the document concerned."
        ),
        remedy="attachment",
    ),
    IrregularityKind(
        "other",
        gettext_noop("Other formal irregularity"),
        "",
        False,
        ON_LAPSE_ABANDON,
        "",
    ),
    IrregularityKind(
        "fees",
        gettext_noop("Fees: amount missing"),
        FEES,
        False,
        ON_LAPSE_ABANDON,
        gettext_noop(
            "The fees paid fall short of the fees due by {amount} CHF. Please pay the "
            "missing amount; the irregularity is remedied when it is received."
        ),
        fee=True,
        remedy="payment",
    ),
)

BY_CODE = {kind.code: kind for kind in KINDS}


def kind_of(code: str) -> IrregularityKind:
    return BY_CODE.get(code) or BY_CODE["other"]


def response_time_limit(ref, invited_on: date) -> date:
    """Rule 14(1): three months from the date of the invitation, extended to the next day the
    International Bureau is open when they end on a day it is closed (Rule 4(4))."""
    return time_limit(ref, invited_on, months=RESPONSE_MONTHS)


def registration_date(filing_date: date, postponed_to: date | None) -> date:
    """Article 10(2): the filing date, or the date a date-postponing correction was received."""
    return max(filing_date, postponed_to) if postponed_to else filing_date


STANDARD_PUBLICATION_MONTHS = 12  # Rule 17(1)(iii)


def publication_date(registration: date, filing: date, publication: dict) -> date:
    """Item 17: standard publication 12 months after the date of the international registration
    (Rule 17(1)(iii)); immediate publication (Rule 17(1)(i)); or at a chosen time, in months
    counted from the filing date (Rule 17(1)(ii))."""
    mode = (publication or {}).get("mode") or "standard"
    if mode == "immediate":
        return registration
    months = (publication or {}).get("months")
    if mode in ("deferred", "chosen") and months:
        return max(registration, period_end(filing, months=int(months)))
    # A date of publication, not a time limit for anyone to act: Rule 4(4) does not move it.
    return period_end(registration, months=STANDARD_PUBLICATION_MONTHS)
