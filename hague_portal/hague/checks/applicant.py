"""Items 1, 4 and 5: applicant, correspondence email, representative."""

from __future__ import annotations

from ..i18n import gettext, gettext_noop
from .registry import ERROR, INFO, WARNING, Hit, rule
from .text import blank, is_email, is_latin

ADDRESS_PARTS = ("street", "city", "country")
ADDRESS_PART_WORDS = {
    "street": gettext_noop("street"),
    "city": gettext_noop("city"),
    "country": gettext_noop("country"),
}


def _missing_address_parts(address) -> list[str]:
    return [part for part in ADDRESS_PARTS if blank(getattr(address, part))]


def _missing_words(missing: list[str]) -> str:
    return ", ".join(gettext(ADDRESS_PART_WORDS[part]) for part in missing)


@rule(code="applicant.missing", severity=ERROR, item="1", source="Rule 7(3)(i); Guide, item 1")
def applicant_missing(ctx):
    if not ctx.app.applicants:
        yield Hit(
            "applicants", gettext("Add the applicant: name, postal address and email address.")
        )


@rule(code="applicant.name_missing", severity=ERROR, item="1", source="Rule 7(3)(i); Guide, item 1")
def applicant_name_missing(ctx):
    for i, applicant in enumerate(ctx.app.applicants):
        if blank(applicant.name):
            yield Hit(
                f"applicants[{i}].name",
                gettext(
                    "Give the name of applicant {number} (a legal entity: its full official "
                    "designation)."
                ).format(number=i + 1),
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
                gettext(
                    "The name of applicant {number} ({name}) is not in Latin characters: give its "
                    "transliteration into Latin characters (a legal entity may give a "
                    "translation instead)."
                ).format(number=i + 1, name=applicant.name),
            )


@rule(
    code="applicant.email_missing", severity=ERROR, item="1", source="Rule 7(3)(ii); Guide, item 1"
)
def applicant_email_missing(ctx):
    for i, applicant in enumerate(ctx.app.applicants):
        if blank(applicant.email):
            yield Hit(
                f"applicants[{i}].email",
                gettext(
                    "Give the email address of applicant {number} ({name}); the International "
                    "Bureau sends its communications by email."
                ).format(number=i + 1, name=applicant.name),
            )


@rule(
    code="applicant.email_invalid", severity=ERROR, item="1", source="Rule 7(3)(ii); Guide, item 1"
)
def applicant_email_invalid(ctx):
    for i, applicant in enumerate(ctx.app.applicants):
        if not blank(applicant.email) and not is_email(applicant.email):
            yield Hit(
                f"applicants[{i}].email",
                gettext("The email address of applicant {number} ({email}) is not valid.").format(
                    number=i + 1, email=applicant.email
                ),
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
                gettext(
                    "Complete the postal address of applicant {number} ({name}): {missing} "
                    "missing. It must allow prompt postal delivery."
                ).format(number=i + 1, name=applicant.name, missing=_missing_words(missing)),
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
                gettext(
                    "A telephone number for applicant {number} ({name}) is recommended."
                ).format(number=i + 1, name=applicant.name),
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
            gettext(
                "There are several applicants and no representative: give one email address for "
                "correspondence with all of them. Otherwise the International Bureau writes to "
                "the first applicant ({name}) only."
            ).format(name=app.applicants[0].name),
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
            "correspondence_email",
            gettext("The email address for correspondence ({email}) is not valid.").format(
                email=email
            ),
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
        message = (
            gettext(
                "Item 4 is only used for several applicants without a representative; "
                "communications will go to the representative."
            )
            if app.representative
            else gettext(
                "Item 4 is only used for several applicants without a representative; "
                "communications will go to the applicant's own email address."
            )
        )
        yield Hit("correspondence_email", message)


@rule(
    code="representative.name_missing",
    severity=ERROR,
    item="5",
    source="Rules 3 and 7(5)(b); Guide, item 5",
)
def representative_name_missing(ctx):
    rep = ctx.app.representative
    if rep is not None and blank(rep.name):
        yield Hit(
            "representative.name",
            gettext("Give the name of the representative, or remove item 5."),
        )


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
            gettext(
                "Give a valid email address for the representative ({name}); all communications "
                "go to it."
            ).format(name=rep.name),
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
            gettext(
                "Complete the postal address of the representative ({name}): {missing} missing."
            ).format(name=rep.name, missing=_missing_words(missing)),
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
            gettext(
                "The representative's name ({name}) must be given as a transliteration into "
                "Latin characters (a legal entity may give a translation)."
            ).format(name=rep.name),
        )
