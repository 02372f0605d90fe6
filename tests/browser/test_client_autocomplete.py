"""The client box of the workbench's New application form (issue 24): with JavaScript an ARIA
combobox whose suggestions come as the representative types, chosen with the keyboard; without
JavaScript a text box whose name the server resolves. Either way the draft is the client's."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from hague_portal.filings.models import Draft

from ..factories import ClientFactory
from .conftest import sign_in

SHOTS = Path("/tmp/shots")


def shot(page, name: str) -> None:
    """A screenshot for the reviewer (/tmp/shots/h24-*.png)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"h24-{name}.png"), full_page=True)


@pytest.fixture
def firm_clients(bob, bobs_firm, acme):
    for n in range(40):
        ClientFactory(firm=bobs_firm, name=f"Client {n:04d} AG")
    return ClientFactory(firm=bobs_firm, name="Müller Möbel AG")


@pytest.fixture
def no_export_broker(monkeypatch):
    from hague_portal.portfolio import tasks

    monkeypatch.setattr(tasks.export_run_task, "apply_async", lambda **kw: None)


@pytest.fixture
def browse(browser, live_server):
    """A page of a context of its own: `javascript` on or off."""
    contexts = []

    def open_page(*, javascript: bool):
        context = browser.new_context(base_url=live_server.url, java_script_enabled=javascript)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def test_a_representative_chooses_a_client_by_typing_and_the_keyboard(
    browse, bob, firm_clients, reference, no_export_broker
):
    page = browse(javascript=True)
    sign_in(page, bob, totp=True)
    form = page.get_by_test_id("new-application")
    box = form.get_by_role("combobox", name="Client")
    box.fill("muller")  # accents ignored
    option = page.get_by_role("option", name="Müller Möbel AG (Bob & Partners)")
    expect(option).to_be_visible()
    shot(page, "client-suggestions")
    box.press("ArrowDown")
    expect(option).to_be_focused()
    option.press("Enter")
    expect(box).to_have_value("Müller Möbel AG (Bob & Partners)")
    form.get_by_role("button", name="New application").click()
    expect(page).to_have_url(re.compile(r"/applications/[0-9a-f-]+/"))
    assert Draft.objects.get(created_by=bob).client == firm_clients

    # The XLSX is written in the background; the workbench shows its progress at once.
    page.goto("/")
    page.get_by_test_id("export-xlsx").click()
    expect(page.get_by_test_id("export").locator("progress")).to_be_visible()
    shot(page, "export-progress")


def test_without_javascript_the_client_is_found_by_the_name_typed(
    browse, bob, firm_clients, acme, reference
):
    page = browse(javascript=False)
    sign_in(page, bob, totp=True)
    form = page.get_by_test_id("new-application")
    form.get_by_role("textbox", name="Client").fill("acme")
    form.get_by_role("button", name="New application").click()
    expect(page).to_have_url(re.compile(r"/applications/[0-9a-f-]+/"))
    assert Draft.objects.get(created_by=bob).client == acme
