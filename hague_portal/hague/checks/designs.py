"""Items 6, 8, 9 and 10: designs, product indication and Locarno class, description, legends;
and the reproductions themselves (Rule 9), which the Guide does not number."""

from __future__ import annotations

import re

from ..i18n import gettext, ngettext
from ..items import REPRODUCTIONS
from .registry import ERROR, INFO, WARNING, Hit, rule
from .text import blank, design_list, word_count

MAX_DESIGNS = 100  # Guide, item 6: up to 100 designs per application
FREE_WORDS = 100  # Guide, item 9: a fee per word beyond 100
LEGEND_TEXT_MAX = 50  # Guide, item 10: free legends with code 00, up to 50 characters
FREE_LEGEND_CODE = "00"
LOCARNO = re.compile(r"^(\d{2})(?:-(\d{2}))?$")


def _locarno_class(code: str) -> str | None:
    match = LOCARNO.match(code.strip()) if code else None
    return match.group(1) if match else None


@rule(code="designs.missing", severity=ERROR, item="6", source="Rule 7(3)(v); Guide, item 6")
def designs_missing(ctx):
    if not ctx.app.designs:
        yield Hit(
            "designs",
            gettext("Add at least one design with its product indication and reproductions."),
        )


@rule(
    code="designs.too_many",
    severity=ERROR,
    item="6",
    source="Rule 7(3)(v); Guide, item 6 (up to 100 designs)",
)
def designs_too_many(ctx):
    if len(ctx.app.designs) > MAX_DESIGNS:
        yield Hit(
            f"designs[{MAX_DESIGNS}]",
            gettext(
                "An application may contain up to {max} designs; this one has {count}. Move the "
                "others to another application."
            ).format(max=MAX_DESIGNS, count=len(ctx.app.designs)),
        )


@rule(
    code="designs.numbering",
    severity=ERROR,
    item="8",
    source="99 Art 5(1)(iv); Guide, item 8 (numerical order)",
)
def designs_numbering(ctx):
    for i, design in enumerate(ctx.app.designs):
        if design.number != i + 1:
            yield Hit(
                f"designs[{i}].number",
                gettext(
                    "Number the designs 1, 2, 3 ... in order: design {number} should be {expected}."
                ).format(number=design.number, expected=i + 1),
            )
            return


@rule(
    code="designs.product_missing",
    severity=ERROR,
    item="8",
    source="60 Art 5(2); 99 Art 5(1)(iv); Guide, item 8",
)
def designs_product_missing(ctx):
    for i, design in enumerate(ctx.app.designs):
        if blank(design.product):
            yield Hit(
                f"designs[{i}].product",
                gettext(
                    "Indicate the product of design {number} by its usual generic name "
                    '(e.g. "chair", or "motif for textiles").'
                ).format(number=design.number),
            )


@rule(
    code="designs.product_scope",
    severity=INFO,
    item="8",
    source="99 Art 5(1)(iv); Guide, item 8 (footnote 3)",
)
def designs_product_scope(ctx):
    parties = ctx.parties("product_indication_scope")
    if parties and ctx.app.designs:
        yield Hit(
            "designs[0].product",
            ngettext(
                "{names} determines the scope of protection by the product indication: use terms "
                'that make the product\'s purpose clear (e.g. "window profile", not "material for '
                'construction").',
                "{names} determine the scope of protection by the product indication: use terms "
                'that make the product\'s purpose clear (e.g. "window profile", not "material for '
                'construction").',
                len(parties),
            ).format(names=ctx.names(parties)),
            parties,
        )


@rule(
    code="designs.locarno_missing",
    severity=INFO,
    item="8",
    source="Rule 7(7); Guide, item 8 (class not compulsory)",
)
def designs_locarno_missing(ctx):
    # Guide, item 8: indicating the class is not compulsory, so its absence is no irregularity;
    # say only what cannot be worked out without it.
    missing = [d.number for d in ctx.app.designs if blank(d.locarno)]
    if missing:
        first = next(i for i, d in enumerate(ctx.app.designs) if blank(d.locarno))
        yield Hit(
            f"designs[{first}].locarno",
            gettext(
                "No Locarno class is indicated for design(s) {designs}: this is not required (the "
                "International Bureau classifies the designs), but without it the one-class rule "
                "and class-dependent refusals cannot be checked, and fees that depend on the "
                "class (Korea) cannot be computed."
            ).format(designs=design_list(missing)),
        )


@rule(code="designs.locarno_invalid", severity=ERROR, item="8", source="Rule 7(7); Guide, item 8")
def designs_locarno_invalid(ctx):
    valid: dict[str, bool] = {}  # designs of one application share their class: look it up once
    for i, design in enumerate(ctx.app.designs):
        if blank(design.locarno):
            continue
        if design.locarno not in valid:
            cls = _locarno_class(design.locarno)
            valid[design.locarno] = cls is not None and ctx.ref.locarno_class(cls) is not None
        if not valid[design.locarno]:
            yield Hit(
                f"designs[{i}].locarno",
                gettext(
                    "The Locarno class of design {number} ({locarno}) is not a Locarno class: "
                    'write "CC" or "CC-SS", e.g. "06" or "06-01".'
                ).format(number=design.number, locarno=design.locarno),
            )


@rule(code="designs.locarno_mixed", severity=ERROR, item="8", source="Rule 7(7); Guide, item 8")
def designs_locarno_mixed(ctx):
    first = None
    for i, design in enumerate(ctx.app.designs):
        cls = _locarno_class(design.locarno)
        if cls is None:
            continue
        if first is None:
            first = (design.number, cls)
        elif cls != first[1]:
            yield Hit(
                f"designs[{i}].locarno",
                gettext(
                    "All designs must belong to one Locarno class: design {number} is in class "
                    "{cls}, design {first} in class {first_cls}. File it separately."
                ).format(number=design.number, cls=cls, first=first[0], first_cls=first[1]),
            )


@rule(
    code="designs.locarno_refusal_risk",
    severity=WARNING,
    item="8",
    source="Guide, item 8 (footnote 4)",
)
def designs_locarno_refusal_risk(ctx):
    for party in ctx.parties("locarno_refusal_risk"):
        for value in ctx.values("locarno_refusal_risk", party):
            hit = _first_design_in(ctx, value)
            if hit is not None:
                i, design = hit
                yield Hit(
                    f"designs[{i}].locarno",
                    gettext(
                        "{party} does not protect designs in Locarno {value} (design {number} is "
                        "in {locarno}): expect a refusal, or do not designate {party}."
                    ).format(
                        party=ctx.name(party),
                        value=value,
                        number=design.number,
                        locarno=design.locarno,
                    ),
                    (party,),
                )


def _first_design_in(ctx, class_or_subclass: str):
    for code, i in ctx.once("locarno_codes", _first_design_per_code).items():
        if code == class_or_subclass or code.startswith(class_or_subclass + "-"):
            return i, ctx.app.designs[i]
    return None


def _first_design_per_code(ctx) -> dict[str, int]:
    first: dict[str, int] = {}
    for i, design in enumerate(ctx.app.designs):
        first.setdefault((design.locarno or "").strip(), i)
    return first


@rule(code="designs.unity", severity=WARNING, item="6", source="99 Art 13(1); Guide, item 6")
def designs_unity(ctx):
    if len(ctx.app.designs) < 2:
        return
    for party in ctx.parties("unity_of_design"):
        requirement = "; ".join(ctx.values("unity_of_design", party))
        yield Hit(
            "designs",
            gettext(
                "{party} requires unity of design ({requirement}). With {count} designs, its "
                "Office may refuse protection until the registration is divided."
            ).format(party=ctx.name(party), requirement=requirement, count=len(ctx.app.designs)),
            (party,),
        )


@rule(
    code="designs.unity_max_designs",
    severity=WARNING,
    item="6",
    source="99 Art 13(1); Guide, item 6",
)
def designs_unity_max_designs(ctx):
    count = len(ctx.app.designs)
    for party in ctx.parties("unity_max_designs"):
        limit = min(int(v) for v in ctx.values("unity_max_designs", party))
        if count > limit:
            yield Hit(
                f"designs[{limit}]",
                gettext(
                    "{party} accepts at most {limit} designs (variants or similar designs) in one "
                    "application; this one has {count}."
                ).format(party=ctx.name(party), limit=limit, count=count),
                (party,),
            )


@rule(code="designs.specified_views", severity=INFO, item=REPRODUCTIONS, source="Rule 9(3)(a)")
def designs_specified_views(ctx):
    parties = ctx.parties("specified_views")
    if parties and ctx.app.designs:
        yield Hit(
            "designs[0].reproductions",
            ngettext(
                "{names} requires specified views of the product (e.g. front, back, top, bottom, "
                "left and right views of a three-dimensional product).",
                "{names} require specified views of the product (e.g. front, back, top, bottom, "
                "left and right views of a three-dimensional product).",
                len(parties),
            ).format(names=ctx.names(parties)),
            parties,
        )


@rule(
    code="description.required",
    severity=ERROR,
    item="9",
    source="99 Art 5(2)(b)(ii); Rule 7(4)(b); Guide, item 9",
)
def description_required(ctx):
    parties = ctx.parties("description_required", act="1999")
    if parties and blank(ctx.app.description):
        yield Hit(
            "description",
            ngettext(
                "{names} requires a brief description of the characteristic features of the "
                "design(s): add one in item 9.",
                "{names} require a brief description of the characteristic features of the "
                "design(s): add one in item 9.",
                len(parties),
            ).format(names=ctx.names(parties)),
            parties,
        )


@rule(code="description.recommended", severity=INFO, item="9", source="Guide, item 9")
def description_recommended(ctx):
    parties = ctx.parties("description_recommended")
    if parties and blank(ctx.app.description):
        yield Hit(
            "description",
            ngettext(
                "{names} recommends a brief description of the characteristic features of the "
                "design(s).",
                "{names} recommend a brief description of the characteristic features of the "
                "design(s).",
                len(parties),
            ).format(names=ctx.names(parties)),
            parties,
        )


@rule(
    code="description.fee",
    severity=INFO,
    item="9",
    source="Rule 7(5)(a); A.I. Section 405(c); Guide, item 9",
)
def description_fee(ctx):
    extra = word_count(ctx.app.description) - FREE_WORDS
    if extra > 0:
        yield Hit(
            "description",
            gettext(
                "The description has {count} words: an additional fee is payable for each of the "
                "{extra} words beyond {free}."
            ).format(count=extra + FREE_WORDS, extra=extra, free=FREE_WORDS),
        )


@rule(
    code="reproductions.missing",
    severity=ERROR,
    item=REPRODUCTIONS,  # the reproduction sheets; the Guide's item 10 is the legends
    source="Rule 7(3)(iv); Guide, item 6",
)
def reproductions_missing(ctx):
    for i, design in enumerate(ctx.app.designs):
        if not design.reproductions:
            yield Hit(
                f"designs[{i}].reproductions",
                gettext("Add at least one reproduction of design {number}.").format(
                    number=design.number
                ),
            )


class ReproductionScan:
    """One pass over every reproduction (there may be hundreds), sorting out what the
    reproduction rules below report. Each entry is (design index, view index, reproduction)."""

    def __init__(self, ctx):
        self.bad_number, self.unknown_code, self.text_without_00 = [], [], []
        self.no_text, self.too_long, self.none = [], [], []
        known: dict[str, bool] = {}
        for i, design in enumerate(ctx.app.designs):
            prefix, numbered = f"{design.number}.", True
            for j, reproduction in enumerate(design.reproductions):
                at = (i, j, reproduction)
                # A.I. Section 405: "<design>.<view>", views 1, 2, 3 ... in ascending order.
                if numbered and (reproduction.number or "").strip() != f"{prefix}{j + 1}":
                    self.bad_number.append(at)
                    numbered = False  # report the first break only
                self._scan_legend(at, reproduction, known, ctx.ref)

    def _scan_legend(self, at, reproduction, known, ref) -> None:
        code, text = reproduction.legend_code, (reproduction.legend_text or "").strip()
        if not code:
            self.none.append(at)
        elif code not in known:
            known[code] = ref.legend(code) is not None
        if code and not known[code]:
            self.unknown_code.append(at)
        if text and code != FREE_LEGEND_CODE:
            self.text_without_00.append(at)
        if code == FREE_LEGEND_CODE and not text:
            self.no_text.append(at)
        if len(text) > LEGEND_TEXT_MAX:
            self.too_long.append(at)


@rule(
    code="reproductions.numbering",
    severity=ERROR,
    item="10",
    source="A.I. Section 405; Guide, item 10 (numbering of reproductions)",
)
def reproductions_numbering(ctx):
    for i, j, reproduction in _legends(ctx).bad_number:
        number = ctx.app.designs[i].number
        yield Hit(
            f"designs[{i}].reproductions[{j}].number",
            gettext(
                "Number the reproductions of design {number} as {number}.1, {number}.2 ... in "
                'ascending order: "{given}" should be "{number}.{view}".'
            ).format(number=number, given=reproduction.number, view=j + 1),
        )


def _legends(ctx) -> ReproductionScan:
    return ctx.once("reproductions", ReproductionScan)


def _field(at, attribute: str) -> str:
    return f"designs[{at[0]}].reproductions[{at[1]}].{attribute}"


@rule(
    code="reproductions.legend_code_unknown", severity=WARNING, item="10", source="Guide, item 10"
)
def reproductions_legend_code_unknown(ctx):
    for at in _legends(ctx).unknown_code:
        reproduction = at[2]
        yield Hit(
            _field(at, "legend_code"),
            gettext(
                "Legend code {code} of reproduction {number} is not a known legend code: pick one "
                "from the list, or use code {free} with a text legend."
            ).format(
                code=reproduction.legend_code, number=reproduction.number, free=FREE_LEGEND_CODE
            ),
        )


@rule(code="reproductions.legend_text_needs_00", severity=ERROR, item="10", source="Guide, item 10")
def reproductions_legend_text_needs_00(ctx):
    for at in _legends(ctx).text_without_00:
        reproduction = at[2]
        yield Hit(
            _field(at, "legend_code"),
            gettext(
                "Reproduction {number} has a text legend: set its legend code to {free}, or "
                "remove the text and keep a coded legend."
            ).format(number=reproduction.number, free=FREE_LEGEND_CODE),
        )


@rule(code="reproductions.legend_text_missing", severity=ERROR, item="10", source="Guide, item 10")
def reproductions_legend_text_missing(ctx):
    for at in _legends(ctx).no_text:
        yield Hit(
            _field(at, "legend_text"),
            gettext(
                "Reproduction {number} has legend code {free}: write the legend (up to {max} "
                "characters)."
            ).format(number=at[2].number, free=FREE_LEGEND_CODE, max=LEGEND_TEXT_MAX),
        )


@rule(code="reproductions.legend_text_too_long", severity=ERROR, item="10", source="Guide, item 10")
def reproductions_legend_text_too_long(ctx):
    for at in _legends(ctx).too_long:
        yield Hit(
            _field(at, "legend_text"),
            gettext(
                "The legend of reproduction {number} has {count} characters: shorten it to {max}."
            ).format(
                number=at[2].number, count=len(at[2].legend_text.strip()), max=LEGEND_TEXT_MAX
            ),
        )


@rule(
    code="reproductions.legends_recommended",
    severity=WARNING,
    item="10",
    source="Guide, item 10; Guide, item 9 (footnote 5)",
)
def reproductions_legends_recommended(ctx):
    parties = ctx.parties("legends_recommended")
    missing = _legends(ctx).none if parties else []
    if missing:
        yield Hit(
            _field(missing[0], "legend_code"),
            gettext(
                "{count} reproduction(s) have no legend (first: {first}). {names} may require a "
                "legend for each reproduction for sufficient disclosure: add one."
            ).format(count=len(missing), first=missing[0][2].number, names=ctx.names(parties)),
            parties,
        )
