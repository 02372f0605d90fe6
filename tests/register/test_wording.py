"""The Register's history in the reader's language: each entry is worded again at display time
from the facts its service recorded (`params`), in English exactly as its stored summary reads;
the application's page and the extract show that wording, and an entry without facts its
summary. Old entries get their facts back from their summaries (migration 0003)."""

import html
import importlib
from datetime import date

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from hague_portal.payments.models import PaymentMethod
from hague_portal.register.models import EntryKind, RegisterEntry
from hague_portal.register.services import changes_apply
from hague_portal.register.services.renewals import renewal_pay
from hague_portal.register.services.renewals_lapse import renewals_lapse
from hague_portal.register.wording import entry_text

from .conftest import register_application
from .test_extract import holder_url, pdf_text

pytestmark = pytest.mark.django_db

backfill = importlib.import_module("hague_portal.register.migrations.0003_entry_params_backfilled")

NEW_HOLDER = {"name": "Bob Industries Ltd", "address": {"country": "CH"}}
STALE = "A summary the entry's facts no longer match"


def renew(registration, user, *, today, parties=None):
    renewal_pay(
        registration=registration,
        user=user,
        method=PaymentMethod.CARD,
        card_number="4242424242424242",
        parties=parties,
        today=today,
    )
    registration.refresh_from_db()


def changed(registration, erik, on=date(2031, 9, 1), *, whole_transfer=True):
    """Every change in the Register (Article 16(1)) recorded on the registration; without the
    whole transfer, the registration stays on its holder's account (and page)."""
    common = {"registration": registration, "by": erik, "on": on}
    owners = {"owner_user": None, "previous_owner_user_id": None, "previous_owner_client_id": None}
    changes_apply.ownership_apply(
        new_holder=NEW_HOLDER, parties=["CH"], designs=[1], partial=True, **owners, **common
    )
    if whole_transfer:
        changes_apply.ownership_apply(
            new_holder=NEW_HOLDER, parties=["CH", "EM", "US"], designs=[1, 2], partial=False,
            **owners, **common,
        )  # fmt: skip
    changes_apply.name_address_apply(new={"name": "Bob Ltd", "country": "GB"}, **common)
    changes_apply.representative_apply(action="appoint", new={"name": "Cabinet Roux"}, **common)
    changes_apply.representative_apply(action="cancel", new={}, **common)
    changes_apply.limitation_apply(parties=["CH"], designs=[2], **common)
    changes_apply.renunciation_apply(parties=["CH"], **common)


@pytest.fixture
def every_kind(registered, alice, erik):
    """Entries of every kind their services write: a renewal for CH, a lapse of EM and US
    (partial) and then of CH (the whole registration), each change; and a second
    registration renewed in the grace period."""
    renew(registered, alice, today=date(2030, 12, 1), parties=["CH"])
    renewals_lapse(today=date(2031, 7, 8))
    renewals_lapse(today=date(2036, 7, 8))
    changed(registered, erik)
    late = register_application(alice, erik)
    renew(late, alice, today=date(2031, 3, 1))
    return list(RegisterEntry.objects.order_by("registration", "recorded_on", "id"))


def test_every_kind_reads_in_english_as_its_summary(every_kind):
    with translation.override("en"):
        for entry in every_kind:
            assert entry.params, entry.kind
            assert entry_text(entry) == entry.summary
    assert {e.kind for e in every_kind} == set(EntryKind.values) - {EntryKind.CANCELLATION}
    summaries = " | ".join(e.summary for e in every_kind)
    assert "(renewal 1, in the grace period;" in summaries and "(partial)" in summaries
    assert "(the whole registration)" in summaries and "appointment cancelled" in summaries


def test_the_backfill_reads_the_facts_back_from_every_summary_the_services_write(every_kind):
    RegisterEntry.objects.update(params={})  # as recorded before the facts were kept
    backfill.params_backfill(apps, schema_editor=None)
    for entry in every_kind:
        assert RegisterEntry.objects.get(pk=entry.pk).params == entry.params, entry.summary


def test_the_backfill_leaves_a_summary_in_another_form_to_be_shown_as_written():
    assert backfill.params_of("ownership", "Transfer to X (DM/2)", "DM/1", date(2026, 1, 5)) == {}
    assert backfill.params_of("cancellation", "Cancelled", "DM/1", date(2026, 1, 5)) == {}
    registered_before = backfill.params_of(
        "registration", "International registration DM/000001", "DM/000001", date(2026, 1, 5)
    )
    assert registered_before == {"number": "DM/000001", "date": "2026-01-05"}


WORDED = [
    (
        EntryKind.REGISTRATION,
        {"number": "DM/000042", "date": "2027-02-03"},
        "International registration DM/000042 of 2027-02-03",
    ),
    (
        EntryKind.RENEWAL,
        {"renewal": 2, "new_expiry": "2041-02-03", "parties": ["EM", "JP"], "designs": [3],
         "in_grace": False},
        "Renewed until 2041-02-03 for EM, JP, design(s) 3 (renewal 2; Article 17, Rule 25)",
    ),
    (
        EntryKind.RENEWAL,
        {"renewal": 1, "new_expiry": "2036-02-03", "parties": ["CH"], "designs": [1, 4],
         "in_grace": True},
        "Renewed until 2036-02-03 for CH, design(s) 1, 4 (renewal 1, in the grace period; "
        "Article 17, Rule 25)",
    ),
    (
        EntryKind.LAPSE,
        {"expiry": "2031-02-03", "parties": ["JP"], "whole": False},
        "Not renewed: lapsed on 2031-02-03 for JP (Article 17, Rule 24(1)(c))",
    ),
    (
        EntryKind.LAPSE,
        {"expiry": "2031-02-03", "parties": ["CH", "JP"], "whole": True},
        "Not renewed: lapsed on 2031-02-03 for CH, JP (the whole registration) (Article 17, "
        "Rule 24(1)(c))",
    ),
    (
        EntryKind.OWNERSHIP,
        {"new_holder": "Zeta AG", "parties": ["CH"], "designs": [2], "partial": True},
        "Change in ownership to Zeta AG for CH, design(s) 2 (partial) (Article 16(1)(i))",
    ),
    (
        EntryKind.OWNERSHIP,
        {"new_holder": "Zeta AG", "parties": ["CH", "EM"], "designs": [1, 2], "partial": False},
        "Change in ownership to Zeta AG for CH, EM, design(s) 1, 2 (Article 16(1)(i))",
    ),
    (
        EntryKind.NAME_ADDRESS,
        {"changed": ["address", "email"]},
        "Holder's address, email changed (Article 16(1)(ii), Rule 21)",
    ),
    (
        EntryKind.REPRESENTATIVE,
        {"action": "change", "representative": "Studio Neri"},
        "Representative Studio Neri appointed (Article 16(1)(iii))",
    ),
    (
        EntryKind.REPRESENTATIVE,
        {"action": "cancel", "representative": ""},
        "Representative's appointment cancelled (Article 16(1)(iii))",
    ),
    (
        EntryKind.LIMITATION,
        {"parties": ["US"], "designs": [1, 3]},
        "Limited: design(s) 1, 3 no longer protected in US (Article 16(1)(v))",
    ),
    (
        EntryKind.RENUNCIATION,
        {"parties": ["EM", "US"]},
        "Renounced for EM, US, all designs (Article 16(1)(iv))",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "params", "words"), WORDED)
def test_each_kind_is_worded_from_its_facts_not_its_stored_summary(kind, params, words):
    entry = RegisterEntry(kind=kind, recorded_on=date(2031, 2, 3), summary=STALE, params=params)
    with translation.override("en"):
        assert entry_text(entry) == words == entry.text()


@pytest.mark.parametrize(
    ("kind", "params"),
    [
        (EntryKind.RENEWAL, {}),  # recorded before the facts were kept
        (EntryKind.LAPSE, {"parties": ["CH"]}),  # facts that do not fit its kind
        (EntryKind.REGISTRATION, {"number": "DM/1", "date": "not a date"}),
        (EntryKind.CANCELLATION, {"parties": ["US"]}),  # no service writes one yet
    ],
)
def test_an_entry_without_usable_facts_shows_its_summary(kind, params):
    entry = RegisterEntry(kind=kind, recorded_on=date(2031, 2, 3), summary=STALE, params=params)
    assert entry_text(entry) == STALE


def stale(registration) -> list[RegisterEntry]:
    """Its entries with a stored summary that differs from their facts: what shows the facts'
    wording shows none of it."""
    RegisterEntry.objects.filter(registration=registration).update(summary=STALE)
    return list(RegisterEntry.objects.filter(registration=registration))


def page_in(client, registration, language: str) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    number = registration.examination.submission.number
    response = client.get(
        reverse("submissions:detail", args=[number]), HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_the_page_words_the_history_in_the_readers_language(
    client, alice, erik, registered, language
):
    changed(registered, erik, whole_transfer=False)
    entries = stale(registered)
    client.force_login(alice)
    page = page_in(client, registered, language)
    assert f'<html lang="{language}"' in page
    assert STALE not in page
    with translation.override(language):
        for entry in entries:
            assert html.escape(entry_text(entry)) in page, entry.kind
    assert page.count('data-testid="register-entry-text"') == len(entries) == 7


def test_the_extract_words_the_history_in_the_applications_language(
    client, alice, erik, media, reference_db
):
    registration = register_application(alice, erik, language="fr")
    changes_apply.limitation_apply(
        registration=registration, parties=["EM"], designs=[2], by=erik, on=date(2026, 3, 2)
    )
    entries = stale(registration)
    client.force_login(alice)
    text = pdf_text(client.get(holder_url(registration), HTTP_ACCEPT_LANGUAGE="en"))
    assert STALE not in text and "Mandataire" in text  # the application's language: French
    with translation.override("fr"):
        for entry in entries:
            assert entry_text(entry) in text, entry.kind
