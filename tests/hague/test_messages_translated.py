"""The rules core's messages in French and Spanish (issue 12): findings and fee lines are written
in English and translated by the portal (hague/i18n.py routes `gettext` to Django's), with the
values filled in after translation; English stays as it was."""

from dataclasses import replace
from datetime import date

import pytest
from django.utils import translation
from test_checks import (  # tests/hague is a rootdir (no package)
    CASES,
    ON,
    PARIS,
    VALID,
    build,
    designs,
    find,
    frozen_1960,
    with_declaration,
)

from hague_portal.hague.checks import RULES, run_checks
from hague_portal.hague.document import (
    AnnexEntry,
    Annexes,
    Applicant,
    Creator,
    Entitlement,
    Exhibition,
    MainDesign,
    NoveltyException,
    Priority,
    Publication,
    RelatedDesign,
    Representative,
    Signatory,
)
from hague_portal.hague.fees import calculate_fees

JP_ONLY = {"designations": ("JP",), "claim": None, "annexes": Annexes()}
KH = Entitlement(establishment=("KH",))


def unnamed(text: str, ref) -> str:
    """`text` with party names (data, in English or in the language) written as <CODE>."""
    for code in ("US", "KR", "CH"):
        party = ref.party(code)
        for name in {party.name, party.name_in("fr"), party.name_in("es")}:
            text = text.replace(name, f"<{code}>")
    return text


def checks_in(language, app, ref, **kwargs):
    with translation.override(language):
        return run_checks(app, ref, **kwargs)


def fees_in(language, app, ref):
    with translation.override(language):
        return calculate_fees(app, ref, on=ON)


# --- a handful of findings, with their values, in each language -----------------------------

FINDINGS = [
    pytest.param(  # Guide, item 19
        {"signatory": None},
        "signature.missing",
        {
            "en": "Sign the application (e.g. /Jane Doe/) and name the signatory.",
            "fr": "Signez la demande (par exemple /Jane Doe/) et indiquez le nom du signataire.",
            "es": "Firme la solicitud (por ejemplo, /Jane Doe/) e indique el nombre del firmante.",
        },
        id="item19-signature-missing",
    ),
    pytest.param(  # 99 Art 11(2); Rule 16(1): 30 months at most
        {"publication": Publication(mode="deferred", months=31)},
        "publication.deferment_too_long",
        {
            "en": "Publication can be deferred by at most 30 months from the filing date",
            "fr": "La publication peut être ajournée de 30 mois au plus à compter de la date de "
            "dépôt",
            "es": "La publicación puede aplazarse como máximo 30 meses desde la fecha de "
            "presentación",
        },
        id="item17-deferment-too-long",
    ),
    pytest.param(  # Guide, item 6
        {"designs": designs(101)},
        "designs.too_many",
        {
            "en": "An application may contain up to 100 designs; this one has 101.",
            "fr": "Une demande peut contenir jusqu'à 100 dessins ou modèles ; celle-ci en "
            "contient 101.",
            "es": "Una solicitud puede contener hasta 100 dibujos o modelos; esta contiene 101.",
        },
        id="item6-too-many-designs",
    ),
    pytest.param(  # Guide, item 13: priority older than six months
        {"priorities": (Priority("CH", "123", date(2024, 1, 10)),)},
        "priority.disregarded",
        {
            "en": "Priority claim 1 (CH 123, 2024-01-10) is more than 6 months before the filing "
            "date 2025-09-01",
            "fr": "La revendication de priorité 1 (CH 123, 2024-01-10) est antérieure de plus de "
            "6 mois à la date de dépôt 2025-09-01",
            "es": "La reivindicación de prioridad 1 (CH 123, 2024-01-10) es anterior en más de "
            "6 meses a la fecha de presentación 2025-09-01",
        },
        id="item13-priority-disregarded",
    ),
    pytest.param(  # Guide, item 12: one party requires a claim (singular verb)
        {"designations": ("EM", "US"), "claim": None},
        "claim.missing",
        {
            "en": "<US> requires a claim in item 12",
            "fr": "<US> exige une revendication à la rubrique 12",
            "es": "<US> exige una reivindicación en el punto 12",
        },
        id="item12-claim-missing-singular",
    ),
    pytest.param(  # Guide, item 1: missing parts of the address are words of the language
        {"applicants": (Applicant(name="Doe", email="a@b.example"),)},
        "applicant.address_incomplete",
        {
            "en": "Complete the postal address of applicant 1 (Doe): street, city, country missing.",
            "fr": "Complétez l'adresse postale du déposant 1 (Doe) ; élément(s) manquant(s) : "
            "rue, ville, pays.",
            "es": "Complete la dirección postal del solicitante 1 (Doe); falta: calle, ciudad, país.",
        },
        id="item1-address-parts",
    ),
]


@pytest.mark.parametrize(("changes", "code", "expected"), FINDINGS)
@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_a_finding_reads_in_the_language_with_its_values(ref, changes, code, expected, language):
    finding = find(checks_in(language, build(**changes), ref, on=ON), code)

    assert expected[language] in unnamed(finding.message, ref)


def test_a_plural_verb_follows_the_number_of_parties(ref):
    # Guide, item 9: Japan and Mexico both... only parties that declared it: take those that do.
    app = build(designations=("EM", "US", "JP"), claim=None)
    english = find(run_checks(app, ref, on=ON), "claim.missing").message
    french = find(checks_in("fr", app, ref, on=ON), "claim.missing").message

    assert unnamed(english, ref).startswith("<US> requires")
    assert unnamed(french, ref).startswith("<US> exige ")


# --- fee lines ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "label", "explanation"),
    [
        (
            "en",
            "Designation fee, <KR>",
            "<KR>: the designation fee depends on the Locarno class of the designs "
            "(Guide, footnote 7); indicate the class in item 8 to compute it; cannot be "
            "computed: amount shown as 0 until it is indicated.",
        ),
        (
            "fr",
            "Taxe de désignation, <KR>",
            "<KR> : la taxe de désignation dépend de la classe de Locarno des "
            "dessins ou modèles (Guide, note 7) ; indiquez la classe à la rubrique 8 pour la "
            "calculer ; calcul impossible : montant affiché à 0 jusqu'à ce que l'information "
            "soit indiquée.",
        ),
        (
            "es",
            "Tasa de designación, <KR>",
            "<KR>: la tasa de designación depende de la clase de Locarno de los "
            "dibujos o modelos (Guía, nota 7); indique la clase en el punto 8 para calcularla; "
            "no puede calcularse: el importe figura como 0 hasta que se indique el dato.",
        ),
    ],
)
def test_the_korean_fee_footnote_reads_in_the_language(ref, language, label, explanation):
    # Guide, footnote 7: Korea's fee depends on the Locarno class, not indicated here.
    app = build(designations=("KR",), designs=designs(1, locarno=None))
    [line] = [line for line in fees_in(language, app, ref).lines if line.party == "KR"]

    assert (unnamed(line.label, ref), unnamed(line.explanation, ref)) == (label, explanation)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Standard designation fee (level 1), <CH>, one design (LDC applicant)"),
        (
            "fr",
            "Taxe de désignation standard (niveau 1), <CH>, un dessin ou modèle "
            "(déposant d'un PMA)",
        ),
        (
            "es",
            "Tasa de designación estándar (nivel 1), <CH>, un dibujo o modelo "
            "(solicitante de un PMA)",
        ),
    ],
)
def test_an_ldc_standard_fee_label_reads_in_the_language(ref, language, expected):
    app = build(entitlement=KH, applicant_contracting_party="KH", designations=("CH",))
    labels = [unnamed(line.label, ref) for line in fees_in(language, app, ref).lines]

    assert expected in labels


def test_amounts_are_the_same_in_every_language(ref):
    app = build(designations=("EM", "US", "KR", "CH"), designs=designs(3))
    amounts = {
        language: [(x.kind, x.party, x.amount, x.due) for x in fees_in(language, app, ref).lines]
        for language in ("en", "fr", "es")
    }
    assert amounts["en"] == amounts["fr"] == amounts["es"]


# --- every rule's messages are translated ---------------------------------------------------

# Applications reaching the rules that test_checks.CASES does not.
MORE = [
    build(applicants=(Applicant(name="", email="a@b.example", address=PARIS),)),
    build(creators=(Creator(name="", address=PARIS),)),
    build(representative=Representative(name="", email="x@y.example", address=PARIS)),
    build(representative=Representative(name="山田", email="x@y.example", address=PARIS)),
    build(signatory=Signatory("/Jane Doe/", capacity="friend")),
    build(publication=Publication(mode="sometimes")),
    build(exhibition=Exhibition(name="Salone", place="Milan", date=date(2025, 10, 1))),
    build(designations=("EM", "JP"), novelty_exception=NoveltyException(designs=(9,))),
    build(designations=("RU",), description=None, claim=None, annexes=Annexes()),
    build(
        designations=("EM", "US"),
        creators=(Creator(name="Jane Doe", address=replace(PARIS, country="US")),),
    ),
    build(entitlement=Entitlement(habitual_residence=("SN",)), designations=("EM",)),
    build(entitlement=KH, applicant_contracting_party="KH", **JP_ONLY | {"designations": ("KH",)}),
    build(
        designations=("JP",),
        designs=designs(2),
        main_design=MainDesign(related=(RelatedDesign(design=2),)),
    ),
    build(designations=("CH",), annexes=Annexes(III=(AnnexEntry(kind="statement"),))),
    build(
        designations=("US",),
        fee_reductions={"US": "micro"},
        annexes=Annexes(I=VALID.annexes.I, IV=(AnnexEntry(kind="certification", signatory="J"),)),
    ),
]


def every_finding(ref):
    """(reference data, application) pairs reaching every rule, from the existing tests' cases."""
    yield from ((ref, build(**case.values[0])) for case in CASES)
    yield from ((ref, app) for app in MORE)
    yield frozen_1960(date(2024, 12, 31)), build(**JP_ONLY | {"designations": ("EM", "SN")})
    own = build(
        entitlement=Entitlement(establishment=("JP",)),
        applicant_contracting_party="JP",
        **JP_ONLY | {"designations": ("JP", "EM")},
    )
    yield with_declaration("JP", "own_party_no_effect"), own


@pytest.mark.parametrize("language", ["fr", "es"])
def test_every_rule_s_messages_are_translated(ref, language):
    reached, untranslated = set(), []
    for data, app in every_finding(ref):
        english = run_checks(app, data, on=ON)
        translated = checks_in(language, app, data, on=ON)
        assert [f.code for f in english] == [f.code for f in translated]
        for before, after in zip(english, translated, strict=True):
            reached.add(before.code)
            if after.message == before.message:
                untranslated.append(f"{before.code}: {before.message}")

    assert untranslated == []
    assert reached == {rule.code for rule in RULES}


@pytest.mark.parametrize("language", ["fr", "es"])
def test_every_fee_line_is_translated(ref, language):
    parties = tuple(party.code for party in ref.parties())
    untranslated = []
    for reductions in ({}, dict.fromkeys(parties, "micro"), dict.fromkeys(parties, "small")):
        for entitlement in (VALID.entitlement, KH):
            app = build(
                entitlement=entitlement,
                designations=parties,
                designs=designs(3, locarno=None),
                description=" ".join(["word"] * 130),
                fee_reductions=reductions,
                publication=Publication(mode="deferred", months=24),
            )
            english, translated = fees_in("en", app, ref), fees_in(language, app, ref)
            for before, after in zip(english.lines, translated.lines, strict=True):
                if before.label == after.label or before.explanation == after.explanation:
                    untranslated.append(f"{before.label}: {before.explanation}")

    assert untranslated == []
