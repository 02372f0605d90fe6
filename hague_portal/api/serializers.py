"""Serializers that document the API in the OpenAPI schema.

They are never used to validate: `parse_application` is the single judge of a document (the same
code reads drafts and frozen submissions), and the responses are the core's own `as_dict()`s.
"""

from rest_framework import serializers

SCHEMA_ID = "hague-portal/application@1"


class ReproductionSerializer(serializers.Serializer):
    number = serializers.CharField(help_text='"<design>.<view>", e.g. "1.2" (item 10)')
    legend_code = serializers.CharField(required=False, allow_null=True)
    legend_text = serializers.CharField(required=False, allow_null=True)


class DesignSerializer(serializers.Serializer):
    number = serializers.IntegerField(min_value=1)
    product = serializers.CharField(help_text="The product(s) embodying the design (item 8)")
    locarno = serializers.CharField(
        required=False,
        allow_null=True,
        help_text='Locarno class "CC" or subclass "CC-SS" (item 8); optional: omit it or send '
        "null when not indicated (Guide, item 8: not compulsory)",
    )
    reproductions = ReproductionSerializer(many=True, required=False)


class EntitlementSerializer(serializers.Serializer):
    establishment = serializers.ListField(child=serializers.CharField(), required=False)
    domicile = serializers.ListField(child=serializers.CharField(), required=False)
    nationality = serializers.ListField(child=serializers.CharField(), required=False)
    habitual_residence = serializers.ListField(child=serializers.CharField(), required=False)


class PublicationSerializer(serializers.Serializer):
    mode = serializers.ChoiceField(choices=["standard", "immediate", "deferred"], required=False)
    months = serializers.IntegerField(required=False, allow_null=True, min_value=0)


class ApplicationDocumentSerializer(serializers.Serializer):
    schema = serializers.CharField(help_text=f'Always "{SCHEMA_ID}"')
    filing_date = serializers.DateField(
        required=False, allow_null=True, help_text="Fees and rules as on this date; default today"
    )
    applicants = serializers.ListField(
        child=serializers.DictField(), required=False, help_text="Item 1"
    )
    entitlement = EntitlementSerializer(required=False, help_text="Item 2: Contracting Parties")
    applicant_contracting_party = serializers.CharField(required=False, allow_null=True)
    designations = serializers.ListField(
        child=serializers.CharField(), required=False, help_text='Item 7, e.g. ["EM", "CH"]'
    )
    designs = DesignSerializer(many=True, required=False)
    description = serializers.CharField(required=False, allow_null=True, help_text="Item 9")
    publication = PublicationSerializer(required=False, help_text="Item 17")
    fee_reductions = serializers.DictField(
        required=False, help_text='Item 18: {"US": "small"|"micro", "IL": true, "MX": true}'
    )

    class Meta:
        ref_name = "ApplicationDocument"


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
