"""Country fields: an accessible autocomplete over a native select (issue 8). A keyboard user
types part of a name and picks it; without JavaScript the select itself works."""

import re

import pytest
from playwright.sync_api import expect

from hague_portal.filings.models import Draft
from hague_portal.filings.services import draft_create

from ..factories import PASSWORD
from .conftest import sign_in
from .helpers import field, row


def applicants_url(draft) -> str:
    return f"/applications/{draft.id}/steps/applicants/"


def country(draft) -> str:
    doc = Draft.objects.get(pk=draft.pk).document
    return doc["applicants"][0].get("address", {}).get("country")


def test_a_keyboard_user_types_swit_and_picks_switzerland_which_is_stored_as_ch(
    page, alice, reference
):
    draft = draft_create(user=alice)
    sign_in(page, alice)
    page.goto(applicants_url(draft))
    applicant = row(page, "applicant")
    box = field(applicant, "Country")
    box.press_sequentially("swit")
    expect(applicant.get_by_role("option", name="Switzerland", exact=True)).to_be_visible()
    box.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(box).to_have_value("Switzerland")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", level=1, name=re.compile("Entitlement"))).to_be_visible()
    assert country(draft) == "CH"

    page.goto(applicants_url(draft))  # back again: the name is shown, not the code
    expect(field(row(page, "applicant"), "Country")).to_have_value("Switzerland")


def test_without_javascript_the_country_is_a_plain_select(browser, live_server, alice, reference):
    draft = draft_create(user=alice)
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/accounts/login/")
        page.get_by_label("Email").fill(alice.email)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name=re.compile("sign in", re.I)).click()
        page.goto(applicants_url(draft))
        select = field(row(page, "applicant"), "Country")
        expect(select).to_have_js_property("tagName", "SELECT")
        select.select_option(label="Switzerland")
        page.get_by_role("button", name="Save and continue").click()
        expect(page.get_by_role("heading", level=1, name=re.compile("Entitlement"))).to_be_visible()
        assert country(draft) == "CH"
    finally:
        context.close()


# --- issue 19: an ISO code typed and Tab or Enter picks that country, in every country field ---

LABELS = {"en": "Country", "fr": "Pays", "es": "País"}
FORMS = {  # the page of each country field, and the id of its text box
    "applicant": ("/applications/{draft}/steps/applicants/", "id_applicants-0-country"),
    "creator": ("/applications/{draft}/steps/creators/", "id_creators-0-country"),
    "representative": ("/applications/{draft}/steps/representative/", "id_country"),
    "client": ("/firm/{firm}/clients/new/", "id_country"),
}


def country_name(code: str, language: str) -> str:
    from django.utils import translation
    from django_countries import countries

    with translation.override(language):
        return countries.name(code)


def open_country_field(page, user, form: str, language: str, draft, firm):
    user.language = language  # the account's language, as the language switcher sets it
    user.save(update_fields=["language"])
    path, box_id = FORMS[form]
    page.goto(path.format(draft=draft.id, firm=firm.pk if firm else None))
    expect(page.locator("html")).to_have_attribute("lang", language)
    box = page.locator(f"input#{box_id}")
    expect(box).to_have_attribute("role", "combobox")
    expect(box).to_have_accessible_name(re.compile(rf"^\s*{LABELS[language]}\b"))
    return box, page.locator(f"select#{box_id}-select")


def type_and_press(box, text: str, key: str) -> None:
    box.fill("")
    box.press_sequentially(text)
    box.press(key)


@pytest.mark.parametrize("form", list(FORMS))
def test_an_iso_code_typed_then_tab_or_enter_picks_that_country(page, bob, acme, reference, form):
    # "DE" was Bangladesh, "CH" Chad and "US" Australia: the first name containing the letters.
    draft = draft_create(user=bob, client=acme)
    sign_in(page, bob, totp=True)
    for language in ("en", "fr", "es"):
        box, select = open_country_field(page, bob, form, language, draft, acme.firm)
        for text, key, code in (("DE", "Tab", "DE"), ("CH", "Enter", "CH"), ("US", "Tab", "US")):
            type_and_press(box, text, key)
            expect(box).to_have_value(country_name(code, language))
            expect(select).to_have_value(code)
        expect(page.get_by_text("is not one of its entries")).to_have_count(0)


@pytest.mark.parametrize(
    "language, typed",
    [("en", ["Germany", "deutschland", "Allemagne"]), ("fr", ["Allemagne", "germany"]),
     ("es", ["Alemania", "Deutschland"])],
)  # fmt: skip
def test_the_name_in_the_users_language_english_or_an_everyday_form_picks_that_country(
    page, alice, reference, language, typed
):
    draft = draft_create(user=alice)
    sign_in(page, alice)
    box, select = open_country_field(page, alice, "applicant", language, draft, None)
    for text in typed:
        type_and_press(box, text, "Tab")
        expect(box).to_have_value(country_name("DE", language))
        expect(select).to_have_value("DE")
        select.evaluate("select => { select.value = ''; }")


def test_text_that_names_no_single_country_is_not_taken_on_leaving_the_field_nor_on_save(
    page, alice, reference
):
    draft = draft_create(user=alice)
    sign_in(page, alice)
    box, select = open_country_field(page, alice, "applicant", "en", draft, None)
    type_and_press(box, "CH", "Tab")
    expect(select).to_have_value("CH")
    for text in ("Xyz", "a"):  # nothing, and a hundred countries
        type_and_press(box, text, "Tab")
        expect(box).to_have_value(text)  # not silently Switzerland, nor the first of the list
        expect(select).not_to_have_value("CH")
        expect(box).to_have_attribute("aria-invalid", "true")
        message = f"Choose from the list: “{text}” is not one of its entries."
        expect(page.get_by_text(message)).to_be_visible()
    applicant = row(page, "applicant")
    field(applicant, "Name").fill("Müller AG")
    page.get_by_role("button", name="Save and continue").click()
    # Refused at the field, with what was typed kept.
    expect(page.locator("[data-error-summary]")).to_contain_text("“a” is not one")
    box = page.locator("input#id_applicants-0-country")
    expect(box).to_have_value("a")
    expect(box).to_have_class(re.compile(r"\bis-invalid\b"))
    assert country(draft) in (None, "")

    type_and_press(box, "swi", "Tab")  # the one country the text names: Switzerland
    expect(box).to_have_value("Switzerland")
    expect(page.get_by_text("is not one of its entries")).to_have_count(0)
    expect(box).not_to_have_attribute("aria-invalid", "true")
