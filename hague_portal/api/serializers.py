"""Serializers that document the API in the OpenAPI schema.

They are never used to validate: `parse_application` is the single judge of a document (the same
code reads drafts and frozen submissions), and the responses are the core's own `as_dict()`s.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from hague_portal.payments.models import PaymentMethod

SCHEMA_ID = "hague-portal/application@1"


PARTY_HELP = 'Contracting Party code, e.g. "EM", "CH", "JP"'
DESIGNS_HELP = "Design numbers of this application (item 8); empty: every design"
DATE_HELP = "YYYY-MM-DD"


def _text(help_text: str = "", **kwargs) -> serializers.CharField:
    return serializers.CharField(help_text=help_text, **kwargs)


def _optional_text(help_text: str = "") -> serializers.CharField:
    return serializers.CharField(required=False, allow_null=True, help_text=help_text)


def _parties(help_text: str = PARTY_HELP) -> serializers.ListField:
    return serializers.ListField(child=serializers.CharField(), required=False, help_text=help_text)


def _design_numbers(help_text: str = DESIGNS_HELP) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.IntegerField(min_value=1), required=False, help_text=help_text
    )


class AddressSerializer(serializers.Serializer):
    street = _text(required=False)
    city = _text(required=False)
    postcode = _text(required=False)
    country = _text('ISO 3166-1 alpha-2 code, e.g. "CH"', required=False)


class EntitlementSerializer(serializers.Serializer):
    """Item 2: the Contracting Parties through which the applicant is entitled to file."""

    establishment = _parties("Real and effective industrial or commercial establishment")
    domicile = _parties("Domicile")
    nationality = _parties("Nationality (Contracting States; an IGO through its member State)")
    habitual_residence = _parties("Habitual residence (1999 Act)")


class ApplicantSerializer(serializers.Serializer):
    """Item 1 (one per applicant; further applicants on the continuation sheet)."""

    name = _text("Name of the applicant")
    kind = serializers.ChoiceField(choices=["natural", "legal"], required=False, default="legal")
    email = _optional_text("E-mail address")
    address = AddressSerializer(required=False)
    phone = _optional_text()
    transliteration = _optional_text("The name in Latin characters, when written otherwise")
    legal_nature = _optional_text("Legal entity: its legal nature and State (item 1)")
    entitlement = EntitlementSerializer(
        required=False,
        allow_null=True,
        help_text="Item 2 of this applicant when it differs from the application's",
    )


class RepresentativeSerializer(serializers.Serializer):
    """Item 5."""

    name = _text()
    address = AddressSerializer(required=False)
    email = _optional_text()
    phone = _optional_text()


class ReproductionSerializer(serializers.Serializer):
    """An uploaded reproduction placed in its design (item 10). In a write, each entry names a
    reproduction of the draft by `sha256`, else `file`, else its current `number`; the entries'
    order is the order of the design's views, and a view no design keeps is unassigned."""

    number = _text('"<design>.<view>", e.g. "1.2" (item 10)')
    legend_code = _optional_text(
        'Legend code (item 10), e.g. "1"; "00" with legend_text; null: none; left out: unchanged'
    )
    legend_text = _optional_text('Free legend text, with legend code "00" only (50 characters)')
    file = _optional_text("Reference to a stored file (never embedded)")
    sha256 = _optional_text("SHA-256 of the file, hex")


class DesignSerializer(serializers.Serializer):
    number = serializers.IntegerField(
        min_value=1, help_text="1, 2, 3 ... in numerical order (item 8)"
    )
    product = _text("The product(s) embodying the design (item 8)")
    locarno = serializers.CharField(
        required=False,
        allow_null=True,
        help_text='Locarno class "CC" or subclass "CC-SS" (item 8); optional: omit it or send '
        "null when not indicated (Guide, item 8: not compulsory)",
    )
    reproductions = ReproductionSerializer(
        many=True,
        required=False,
        help_text="Its views in order; left out in a write: the views of the design that had "
        "this number",
    )


class CreatorSerializer(serializers.Serializer):
    """Item 11."""

    name = _text("Name of the creator")
    address = AddressSerializer(required=False)
    designs = _design_numbers("The designs this person created; empty: every design")


class PrioritySerializer(serializers.Serializer):
    """Item 13: one earlier filing whose priority is claimed. Annex V entries point at a claim
    by its 0-based index in `priorities`."""

    office = _text('Office (or country) of the earlier filing, e.g. "CH" or "EM"')
    number = _text("Number of the earlier filing")
    date = serializers.DateField(help_text=f"Date of the earlier filing, {DATE_HELP}")
    designs = _design_numbers("The designs the claim concerns; empty: every design")
    das_code = _optional_text("WIPO DAS access code, so Offices can fetch the document")


class ExhibitionSerializer(serializers.Serializer):
    """Item 14: display at an official or officially recognised exhibition."""

    name = _text()
    place = _text()
    date = serializers.DateField(help_text=f"First display, {DATE_HELP}")
    designs = _design_numbers()


class NoveltyExceptionSerializer(serializers.Serializer):
    """Item 15: exception to lack of novelty (China, Japan, Republic of Korea)."""

    designs = _design_numbers()
    parties = _parties("The designated parties it is claimed for")
    disclosure_date = serializers.DateField(required=False, allow_null=True)
    explanation = _optional_text()


class RelatedDesignSerializer(serializers.Serializer):
    """Item 16: a related design and its principal design, which is either a design of this
    application (`principal`) or an earlier application or registration (`principal_earlier`)."""

    design = serializers.IntegerField(
        min_value=1, help_text="The related design (this application)"
    )
    principal = serializers.IntegerField(
        min_value=1, required=False, allow_null=True, help_text="A design of this application"
    )
    principal_earlier = _optional_text(
        'Number of an earlier application or registration, e.g. "DM/085 123"'
    )


class MainDesignSerializer(serializers.Serializer):
    """Item 16: the main design (China) or related designs (Japan, Republic of Korea)."""

    main = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    related = RelatedDesignSerializer(many=True, required=False)


class PublicationSerializer(serializers.Serializer):
    """Item 17."""

    mode = serializers.ChoiceField(
        choices=["standard", "immediate", "deferred"], required=False, default="standard"
    )
    months = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=0,
        help_text='With "deferred": months from the filing date (at most 30 from the filing or '
        "priority date, less for some parties)",
    )


class AnnexEntrySerializer(serializers.Serializer):
    """A document supplied as one of Annexes I-V."""

    kind = _text(
        'e.g. "declaration" or "substitute_statement" (Annex I), "disclosure" (Annex II), '
        '"certification" (Annex IV), "priority_document" (Annex V)'
    )
    file = _optional_text("Reference to a stored file (never embedded)")
    sha256 = _optional_text("SHA-256 of the file, hex")
    creator = _optional_text("Annex I: the creator (item 11) it concerns, by name")
    signatory = _optional_text('Annex I / IV: text signature "/Name/"')
    signed_on = serializers.DateField(required=False, allow_null=True)
    designs = _design_numbers()
    parties = _parties("Annex II: the parties it is for")
    priority = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=0,
        help_text="Annex V: 0-based index in `priorities` of the claim this document supports "
        "(required for Annex V)",
    )


def _annex(help_text: str) -> AnnexEntrySerializer:
    return AnnexEntrySerializer(many=True, required=False, help_text=help_text)


class AnnexesSerializer(serializers.Serializer):
    """The annex documents uploaded (POST /drafts/<id>/attachments/). In a write, each entry must
    name a stored one (by `sha256` or `file`) unchanged; one left out is kept."""

    I = _annex("Oath or declaration of the creator (United States)")  # noqa: E741 - DM/1 names
    II = _annex("Supporting documents for an exception to lack of novelty (item 15)")
    III = _annex("Information concerning eligibility for protection")
    IV = _annex("Certification of micro-entity status (United States, item 18)")
    V = _annex("Priority document (item 13); each entry names its claim in `priority`")


@extend_schema_field(
    {
        "type": "object",
        "additionalProperties": {"oneOf": [{"type": "string"}, {"type": "boolean"}]},
        "example": {"US": "small", "IL": True},
    }
)
class FeeReductionsField(serializers.DictField):
    """Item 18: party code -> "small" | "micro" (United States) or true (a reduced fee)."""


class SignatorySerializer(serializers.Serializer):
    """Item 19."""

    name = _text('Text signature, e.g. "/Jane Doe/"')
    capacity = serializers.ChoiceField(
        choices=["applicant", "representative"], required=False, default="applicant"
    )


class PaymentChoiceSerializer(serializers.Serializer):
    """The Fees step's choice of how the fees will be paid."""

    method = serializers.ChoiceField(choices=PaymentMethod.choices)


class ApplicationDocumentSerializer(serializers.Serializer):
    """The application as a JSON document: DM/1 items 1-19 and Annexes I-V. A draft may be
    incomplete; the checks say what is missing. Unknown keys are refused."""

    schema = serializers.ChoiceField(choices=[SCHEMA_ID], help_text=f'Always "{SCHEMA_ID}"')
    language = serializers.ChoiceField(
        choices=["en", "fr", "es"],
        required=False,
        help_text='Rule 6(1): the language of the application; default "en"',
    )
    reference = _optional_text("The applicant's own reference")
    filing_date = serializers.DateField(
        required=False, allow_null=True, help_text="Fees and rules as on this date; default today"
    )
    applicants = ApplicantSerializer(many=True, required=False, help_text="Item 1")
    entitlement = EntitlementSerializer(required=False, help_text="Item 2: Contracting Parties")
    applicant_contracting_party = _optional_text("Item 3: the party chosen when several apply")
    correspondence_email = _optional_text("Item 4")
    representative = RepresentativeSerializer(required=False, allow_null=True, help_text="Item 5")
    designations = _parties('Item 7, e.g. ["EM", "CH"]')
    designs = DesignSerializer(many=True, required=False, help_text="Items 6 and 8")
    description = _optional_text("Item 9")
    creators = CreatorSerializer(many=True, required=False, help_text="Item 11")
    claim = _optional_text("Item 12 (e.g. United States, Viet Nam)")
    priorities = PrioritySerializer(many=True, required=False, help_text="Item 13")
    exhibition = ExhibitionSerializer(required=False, allow_null=True, help_text="Item 14")
    novelty_exception = NoveltyExceptionSerializer(
        required=False, allow_null=True, help_text="Item 15"
    )
    main_design = MainDesignSerializer(required=False, allow_null=True, help_text="Item 16")
    publication = PublicationSerializer(required=False, help_text="Item 17")
    fee_reductions = FeeReductionsField(required=False, help_text="Item 18")
    annexes = AnnexesSerializer(required=False, help_text="Annexes I-V")
    signatory = SignatorySerializer(required=False, allow_null=True, help_text="Item 19")

    class Meta:
        ref_name = "ApplicationDocument"


class DraftDocumentSerializer(ApplicationDocumentSerializer):
    """A draft's document: the application document and the wizard's own choices."""

    payment = PaymentChoiceSerializer(
        required=False, allow_null=True, help_text="The Fees step: how the fees will be paid"
    )

    class Meta:
        ref_name = "DraftDocument"


class FeeLineSerializer(serializers.Serializer):
    kind = serializers.CharField()
    party = serializers.CharField(allow_null=True)
    quantity = serializers.IntegerField()
    unit_amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    due = serializers.ChoiceField(choices=["filing", "later"])
    label = serializers.CharField()
    explanation = serializers.CharField(help_text="Why the fee is charged, with the arithmetic")
    confidence = serializers.CharField(
        allow_null=True, help_text='Of the reference data: "C", "S" or "U"; null: no fee data'
    )


class FeeCalculationSerializer(serializers.Serializer):
    currency = serializers.CharField(help_text='Always "CHF"')
    schedule_date = serializers.DateField(help_text="The date whose fee amounts apply")
    ldc_applicant = serializers.BooleanField(help_text="The LDC reduction applies")
    total_due_at_filing = serializers.DecimalField(max_digits=12, decimal_places=2)
    total_due_later = serializers.DecimalField(
        max_digits=12, decimal_places=2, help_text="E.g. a second part or deferred publication"
    )
    lines = FeeLineSerializer(many=True)


class FindingSerializer(serializers.Serializer):
    code = serializers.CharField(help_text='Stable rule code, e.g. "designs.locarno_missing"')
    severity = serializers.ChoiceField(choices=["error", "warning", "info"])
    item = serializers.CharField(help_text='The DM/1 item, e.g. "6", "annex_I" or "fees"')
    parties = serializers.ListField(child=serializers.CharField())
    message = serializers.CharField(help_text="What is wrong and how to fix it")
    source = serializers.CharField(help_text="The Rule, Article or Guide item")
    field = serializers.CharField(help_text='Where to fix it, e.g. "designs[0].product"')


class ChecksSerializer(serializers.Serializer):
    findings = FindingSerializer(many=True)
    blocking = serializers.BooleanField(help_text="True when an error finding stops submission")


class FieldErrorSerializer(serializers.Serializer):
    path = serializers.CharField(help_text='e.g. "designs[3].locarno"; "" for the whole body')
    message = serializers.CharField(help_text='e.g. unknown class "33"')


class ErrorsSerializer(serializers.Serializer):
    errors = FieldErrorSerializer(many=True)
