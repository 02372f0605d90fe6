"""Choosing the interface language (issue 12): the switcher in the navigation works without
JavaScript, brings the reader back to the same page, and a signed-in choice follows the user."""

import re

from playwright.sync_api import expect

from ..factories import PASSWORD


def choose(page, language: str) -> None:
    page.get_by_label(re.compile("^(Language|Langue|Idioma)$")).select_option(language)
    button = re.compile("^(Change language|Changer de langue|Cambiar de idioma)$")
    page.get_by_role("button", name=button).click()


def test_a_visitor_switches_without_javascript_and_stays_on_the_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/fees/?from=switcher")
    choose(page, "fr")
    expect(page).to_have_url(re.compile(r"/fees/\?from=switcher$"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_label("Langue")).to_have_value("fr")
    choose(page, "es")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    choose(page, "en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    context.close()


def test_a_signed_in_choice_follows_the_user_to_another_browser(page, browser, live_server, alice):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(alice.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("sign in", re.I)).click()
    expect(page.get_by_role("heading", name="Workbench")).to_be_visible()
    choose(page, "es")
    expect(page.locator("html")).to_have_attribute("lang", "es")

    elsewhere = browser.new_context(base_url=live_server.url, locale="fr-FR")
    other = elsewhere.new_page()
    other.goto("/accounts/login/")
    expect(other.locator("html")).to_have_attribute("lang", "fr")  # signed out: the browser's
    other.locator("input[name=login]").fill(alice.email)
    other.locator("input[name=password]").fill(PASSWORD)
    other.locator("form button[type=submit]").last.click()
    expect(other.locator("html")).to_have_attribute("lang", "es")  # signed in: hers
    elsewhere.close()
