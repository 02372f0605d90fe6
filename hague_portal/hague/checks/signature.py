"""Item 19: signature."""

from __future__ import annotations

from ..i18n import gettext
from .registry import ERROR, WARNING, Hit, rule
from .text import blank, slash_signature_name

CAPACITIES = ("applicant", "representative", "office")


@rule(
    code="signature.missing",
    severity=ERROR,
    item="19",
    source="Rule 7(1); A.I. Section 202; Guide, item 19",
)
def signature_missing(ctx):
    signatory = ctx.app.signatory
    if signatory is None or blank(signatory.name) or signatory.name.strip("/ ") == "":
        yield Hit(
            "signatory.name",
            gettext("Sign the application (e.g. /Jane Doe/) and name the signatory."),
        )


@rule(
    code="signature.format", severity=WARNING, item="19", source="A.I. Section 202; Guide, item 19"
)
def signature_format(ctx):
    signatory = ctx.app.signatory
    if (
        signatory
        and not blank(signatory.name.strip("/ "))
        and slash_signature_name(signatory.name) is None
    ):
        yield Hit(
            "signatory.name",
            gettext("Use a text string signature between slashes, e.g. /{name}/.").format(
                name=signatory.name.strip("/ ")
            ),
        )


@rule(
    code="signature.capacity_invalid", severity=ERROR, item="19", source="Rule 7(1); Guide, item 19"
)
def signature_capacity_invalid(ctx):
    signatory = ctx.app.signatory
    if signatory and signatory.capacity not in CAPACITIES:
        yield Hit(
            "signatory.capacity",
            gettext(
                "The application is signed by the applicant, the representative or the Office of "
                'indirect filing, not "{capacity}".'
            ).format(capacity=signatory.capacity),
        )


@rule(
    code="signature.no_representative",
    severity=ERROR,
    item="19",
    source="Rule 7(1); Guide, items 5 and 19",
)
def signature_no_representative(ctx):
    signatory = ctx.app.signatory
    if signatory and signatory.capacity == "representative" and ctx.app.representative is None:
        yield Hit(
            "signatory.capacity",
            gettext(
                "The signatory acts as representative, but no representative is appointed in "
                "item 5: appoint one or sign as applicant."
            ),
        )
