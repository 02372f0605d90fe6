"""What the review step shows before the one irreversible click (issue 8): every section of the
application with a link to change it, the reproductions as thumbnails, the fees, and exactly
what will happen to the payment on submit."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from .context import step_url
from .forms.parties import APPLICATION_LANGUAGES
from .forms.publication_fees import PAYMENT_METHODS
from .forms.review import SubmitForm
from .models import Reproduction

# Parts of the document that are files or portal bookkeeping, not something to read back.
HIDDEN_KEYS = {"reproductions", "file", "sha256", "schema"}


@dataclass
class Section:
    title: str
    change_url: str | None
    lines: list[str] = field(default_factory=list)
    thumbnails: dict = field(default_factory=dict)  # design number -> [(view number, url)]


def review_sections(state) -> list[Section]:
    """Every applicable section but the review itself, in DM/1 order, read back in words."""
    words = _Words(state.ref)
    sections = []
    for step in state.steps:
        if step.key == "review":
            continue
        section = Section(step.title, step_url(state.draft, step))
        for key in step.owns:
            value = state.document.get(key)
            if key == "language":
                value = value or "en"  # Rule 6(1); drafts from before the wizard asked
            section.lines += words.lines(key, value)
        if step.key == "reproductions":
            section.thumbnails = review_thumbnails(state.draft)
        sections.append(section)
    return sections


def review_thumbnails(draft) -> dict[int, list[tuple[str, str]]]:
    """Thumbnail URLs per design, in DM/1 view order: one query whatever their number."""
    rows = (
        Reproduction.objects.filter(draft=draft, design_number__isnull=False)
        .order_by("design_number", "position", "id")
        .values_list("id", "design_number")
    )
    by_design: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for pk, design in rows:
        views = by_design[design]
        url = reverse("filings:file", args=[draft.id, "thumbnail", pk])
        views.append((f"{design}.{len(views) + 1}", url))  # A.I. Section 405 numbering
    return dict(by_design)


# Keys read back with a label of their own; the rest are shown with underscores as spaces.
LABELS = {
    "language": _("language of the application"),
    "email": _("e-mail"),
    "phone": _("telephone"),
    "applicant_contracting_party": _("applicant's Contracting Party (item 3)"),
    "correspondence_email": _("e-mail address for correspondence"),
    "reference": _("your reference"),
    "habitual_residence": _("habitual residence"),
    "locarno": _("Locarno class"),
    "legend_code": _("legend"),
    "deferment_months": _("deferment (months)"),
    # The other keys of the document, worded as their key in English (the review always
    # read them so), in the reader's language.
    "name": _("name"),
    "kind": _("kind"),
    "address": _("address"),
    "transliteration": _("transliteration"),
    "legal_nature": _("legal nature"),
    "establishment": _("establishment"),
    "domicile": _("domicile"),
    "nationality": _("nationality"),
    "number": _("number"),
    "product": _("product"),
    "designs": _("designs"),
    "office": _("office"),
    "date": _("date"),
    "das_code": _("das code"),
    "place": _("place"),
    "parties": _("parties"),
    "disclosure_date": _("disclosure date"),
    "explanation": _("explanation"),
    "main": _("main"),
    "related": _("related"),
    "design": _("design"),
    "principal": _("principal"),
    "principal_earlier": _("principal earlier"),
    "mode": _("mode"),
    "months": _("months"),
    "method": _("method"),
    "capacity": _("capacity"),
}
# Values that are codes of the document's vocabulary, said as the wizard says them.
VALUES = {
    "language": dict(APPLICATION_LANGUAGES),
    "kind": {"natural": _("natural person"), "legal": _("legal entity")},
    "method": dict(PAYMENT_METHODS),
    "capacity": {"applicant": _("the applicant"), "representative": _("the representative")},
    "mode": {
        "standard": _("standard"),
        "immediate": _("immediate"),
        "deferred": _("deferred"),
    },
}
# Keys whose values are Contracting Parties (names from the reference data) or countries (ISO).
PARTY_KEYS = {
    "designations",
    "establishment",
    "domicile",
    "nationality",
    "habitual_residence",
    "applicant_contracting_party",
    "parties",
}
COUNTRY_KEYS = {"country", "office"}


class _Words:
    """Reads a part of the document back as a person wrote it: names, not codes."""

    def __init__(self, ref):
        self.ref = ref
        # Each wording read from the catalogue once a render, not once a line (a review of 100
        # designs says "label: value" ~300 times).
        self.label_value = gettext("%(label)s: %(value)s")
        self.labels: dict[str, str] = {}

    def lines(self, key, value) -> list[str]:
        if _empty(value):
            return []
        if isinstance(value, list) and all(isinstance(v, dict) for v in value):
            return [self.say(key, v) for v in value if not _empty(v)]
        if isinstance(value, dict) and key not in ("address",):
            return [self.pair(k, v) for k, v in value.items() if self._shown(k, v)]
        # A lone answer is labelled when its section holds more than one (item 3 beside item 2).
        return [self.pair(key, value) if key in LABELS else self.say(key, value)]

    def pair(self, key, value) -> str:
        # "label: value", as each language writes it (French puts a space before the colon).
        return self.label_value % {"label": self.label(key), "value": self.say(key, value)}

    def label(self, key) -> str:
        if key not in self.labels:
            if key in ("I", "II", "III", "IV", "V"):
                label = gettext("Annex %(annex)s") % {"annex": key}
            else:
                label = LABELS.get(key, key)
            self.labels[key] = str(label).replace("_", " ")
        return self.labels[key]

    def say(self, key, value) -> str:
        if key == "address" and isinstance(value, dict):
            return self.address(value)
        if isinstance(value, dict):
            return "; ".join(self.pair(k, v) for k, v in value.items() if self._shown(k, v))
        if isinstance(value, list):
            return ", ".join(self.say(key, v) for v in value if not _empty(v))
        if isinstance(value, bool):
            return gettext("yes") if value else gettext("no")
        if key in PARTY_KEYS and isinstance(value, str):
            party = self.ref.party(value)
            return f"{party.name_in(get_language())} ({value})" if party else value
        if key in COUNTRY_KEYS and isinstance(value, str):
            return countries.name(value) or value
        return str(VALUES.get(key, {}).get(value, value))

    def address(self, address: dict) -> str:
        town = " ".join(str(address[k]) for k in ("postcode", "city") if address.get(k))
        parts = [str(p) for p in (address.get("street"), town) if not _empty(p)]
        if not _empty(address.get("country")):
            parts.append(self.say("country", address["country"]))
        return ", ".join(parts)

    @staticmethod
    def _shown(key, value) -> bool:
        return key not in HIDDEN_KEYS and not _empty(value)


def _empty(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


# --- payment on submit ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PaymentPlan:
    method: str | None
    due: Decimal
    accounts: list  # the current accounts the user may debit, with their balance


def submit_form(*, state, accounts, data=None) -> SubmitForm:
    """The confirmation form; it asks for the account when the current account was chosen.
    `accounts`: those the user may debit (payments.selectors.current_accounts_for), given by
    the page."""
    plan = payment_plan(state=state, accounts=accounts)
    chosen = accounts if plan.method == "current_account" and plan.accounts else None
    return SubmitForm(data, accounts=chosen)


def payment_plan(*, state, accounts) -> PaymentPlan:
    method = (state.document.get("payment") or {}).get("method")
    listed = list(accounts) if method == "current_account" else []
    return PaymentPlan(method, state.fees.total_due_at_filing, listed)
