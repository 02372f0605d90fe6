"""Forms of the wizard steps. Field names mirror the document's keys, so that a finding's
`field` ("designs[2].locarno") finds its input ("id_designs-2-locarno").

One module per group of steps, as the steps are grouped (filings/steps/): `parties`, `designs`,
`declarations`, `publication_fees`, `review`; `fields` has the fields and parsers they share
(and `CountryField`, which other apps' forms use too), `base` the base form and formset.
"""
