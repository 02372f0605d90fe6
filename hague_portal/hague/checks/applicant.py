"""Items 1, 4 and 5: applicant, correspondence email, representative."""

from __future__ import annotations

from .registry import ERROR, INFO, WARNING, Hit, rule
from .text import blank, is_email, is_latin

ADDRESS_PARTS = ("street", "city", "country")


def _missing_address_parts(address) -> list[str]:
    return [part for part in ADDRESS_PARTS if blank(getattr(address, part))]


@rule(code="applicant.missing", severity=ERROR, item="1", source="Rule 7(3)(i); Guide, item 1")
def applicant_missing(ctx):
    if not ctx.app.applicants:
        yield Hit("applicants", "Add the applicant: name, postal address and email address.")


@rule(code="applicant.name_missing", severity=ERROR, item="1", source="Rule 7(3)(i); Guide, item 1")
def applicant_name_missing(ctx):
    for i, applicant in enumerate(ctx.app.applicants):
        if blank(applicant.name):
            yield Hit(
                f"applicants[{i}].name",
                f"Give the name of applicant {i + 1} (a legal entity: its full official designation).",
            )


@rule(
    code="applicant.transliteration_missing",
    severity=ERROR,
    item="1",
    source="Rule 7(3)(i); A.I. Section 301; Guide, item 1",
)
def applicant_transliteration_missing(ctx):
    for i, applicant in enumerate(ctx.app.applicants):
        if applicant.name and not is_latin(applicant.name) and blank(applicant.transliteration):
            yield Hit(
                f"applicants[{i}].transliteration",
                f"The name of applicant {i + 1} ({applicant.name}) is not in Latin characters: "
                "give its transliteration into Latin characters (a legal entity may give a "
                "translation instead).",
            )


@rule(
    code="applicant.email_missing", severity=ERROR, item="1", source="Rule 7(3)(ii); Guide, item 1"
)
def applicant_email_missing(ctx):
    for i, applicant in enumerate(ctx.app.applicants):
        if blank(applicant.email):
            yield Hit(
                f"applicants[{i}].email",
                f"Give the email address of applicant {i + 1} ({applicant.name}); the "
                "International Bureau sends its communications by email.",
            )


@rule(
    code="applicant.email_invalid", severity=ERROR, item="1", source="Rule 7(3)(ii); Guide, item 1"
)
def applicant_email_invalid(ctx):
    for i, applicant in enumerate(ctx.app.applicants):
        if not blank(applicant.email) and not is_email(applicant.email):
            yield Hit(
                f"applicants[{i}].email",
                f"The email address of applicant {i + 1} ({applicant.email}) is not valid.",
            )


@rule(
    code="applicant.address_incomplete",
    severity=ERROR,
    item="1",
    source="Rule 7(3)(ii); A.I. Section 205(1); Guide, item 1",
)
def applicant_address_incomplete(ctx):
    for i, applicant in enumerate(ctx.app.applicants):
        missing = _missing_address_parts(applicant.address)
        if missing:
            yield Hit(
                f"applicants[{i}].address.{missing[0]}",
                f"Complete the postal address of applicant {i + 1} ({applicant.name}): "
                f"{', '.join(missing)} missing. It must allow prompt postal delivery.",
            )


@rule(
    code="applicant.phone_recommended",
    severity=INFO,
    item="1",
    source="A.I. Section 301(d); Guide, item 1",
)
def applicant_phone_recommended(ctx):
    for i, applicant in enumerate(ctx.app.applicants):
        if blank(applicant.phone):
            yield Hit(
                f"applicants[{i}].phone",
                f"A telephone number for applicant {i + 1} ({applicant.name}) is recommended.",
            )


@rule(
    code="correspondence.email_missing",
    severity=WARNING,
    item="4",
    source="A.I. Section 302; Guide, item 4",
)
def correspondence_email_missing(ctx):
    app = ctx.app
    if len(app.applicants) > 1 and app.representative is None and blank(app.correspondence_email):
        yield Hit(
            "correspondence_email",
            "There are several applicants and no representative: give one email address for "
            "correspondence with all of them. Otherwise the International Bureau writes to the "
            f"first applicant ({app.applicants[0].name}) only.",
        )


@rule(
    code="correspondence.email_invalid",
    severity=ERROR,
    item="4",
    source="A.I. Section 302; Guide, item 4",
)
def correspondence_email_invalid(ctx):
    email = ctx.app.correspondence_email
    if not blank(email) and not is_email(email):
        yield Hit(
            "correspondence_email", f"The email address for correspondence ({email}) is not valid."
        )


@rule(
    code="correspondence.email_unused",
    severity=INFO,
    item="4",
    source="A.I. Section 302; Guide, item 4",
)
def correspondence_email_unused(ctx):
    app = ctx.app
    if not blank(app.correspondence_email) and (app.representative or len(app.applicants) < 2):
        to = "the representative" if app.representative else "the applicant's own email address"
        yield Hit(
            "correspondence_email",
            f"Item 4 is only used for several applicants without a representative; "
            f"communications will go to {to}.",
        )


@rule(
    code="representative.name_missing",
    severity=ERROR,
    item="5",
    source="Rules 3 and 7(5)(b); Guide, item 5",
)
def representative_name_missing(ctx):
    rep = ctx.app.representative
    if rep is not None and blank(rep.name):
        yield Hit("representative.name", "Give the name of the representative, or remove item 5.")


@rule(
    code="representative.email_missing",
    severity=ERROR,
    item="5",
    source="Rules 3 and 7(5)(b); Guide, item 5",
)
def representative_email_missing(ctx):
    rep = ctx.app.representative
    if rep is not None and (blank(rep.email) or not is_email(rep.email)):
        yield Hit(
            "representative.email",
            f"Give a valid email address for the representative ({rep.name}); all communications "
            "go to it.",
        )


@rule(
    code="representative.address_incomplete",
    severity=ERROR,
    item="5",
    source="Rules 3 and 7(5)(b); A.I. Section 301; Guide, item 5",
)
def representative_address_incomplete(ctx):
    rep = ctx.app.representative
    missing = _missing_address_parts(rep.address) if rep is not None else []
    if missing:
        yield Hit(
            f"representative.address.{missing[0]}",
            f"Complete the postal address of the representative ({rep.name}): "
            f"{', '.join(missing)} missing.",
        )


@rule(
    code="representative.transliteration_missing",
    severity=ERROR,
    item="5",
    source="A.I. Section 301(c); Guide, item 5",
)
def representative_transliteration_missing(ctx):
    rep = ctx.app.representative
    if rep is not None and rep.name and not is_latin(rep.name):
        yield Hit(
            "representative.name",
            f"The representative's name ({rep.name}) must be given as a transliteration into "
            "Latin characters (a legal entity may give a translation).",
        )
