"""Small page actions shared by the browser tests (the wizard as a user drives it)."""

import re

from playwright.sync_api import Page, expect

from ..filings.sample_files import jpeg


def save_and_continue(page: Page) -> None:
    """Save the step and expect to land on another page without an error summary."""
    url = page.url
    page.get_by_role("button", name="Save and continue").click()
    expect(page).not_to_have_url(url)
    expect(page.locator("[data-error-summary]")).to_have_count(0)


def expect_step(page: Page, heading: str) -> None:
    expect(page.get_by_role("heading", level=1, name=re.compile(heading))).to_be_visible()


def side_panel(page: Page):
    return page.get_by_role("complementary", name="Checks and fees")


def image_files(count: int, *, stem: str = "view") -> list[dict]:
    """`count` distinct 300-dpi JPEGs (different sizes, so none is refused as a duplicate)."""
    return [
        {
            "name": f"{stem}-{n}.jpg",
            "mimeType": "image/jpeg",
            "buffer": jpeg(size=(1000 + n, 800)),
        }
        for n in range(1, count + 1)
    ]


def go_to_section(page: Page, title: str) -> None:
    """Follow the step navigation on the left of every wizard page."""
    nav = page.get_by_role("navigation", name="Sections of the application")
    nav.get_by_role("link", name=title, exact=True).click()


def field(scope, label: str):
    """The input labelled exactly `label` (crispy marks required fields with a trailing *)."""
    return scope.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))


def row(page: Page, legend: str):
    """The first fieldset of a list step whose legend matches `legend` (e.g. "applicant")."""
    return page.get_by_role("group", name=re.compile(legend, re.I)).first


def upload_in_one_request(page: Page, files: list[dict]) -> None:
    """Choose `files` on the multiple file input and send them in one POST, as a browser without
    JavaScript does. (reproductions.js would send them two at a time; concurrent writers trip
    the shared-cache in-memory SQLite of the local test database: "database table is locked".)"""
    page.get_by_label("Image files").set_input_files(files)
    with page.expect_navigation():
        page.locator("form[data-reproduction-upload]").evaluate("form => form.submit()")


def assign_to_design(card, design: int) -> None:
    """Assign a reproduction card to `design` with its own Assign form (a design number field)."""
    card.get_by_label("Design", exact=True).fill(str(design))
    card.get_by_role("button", name="Assign").click()


def choose(scope, label: str, name: str) -> None:
    """Pick `name` in the searchable list labelled `label` (the accessible autocomplete over a
    native select), as a keyboard user does: type part of it, arrow down, Enter."""
    # The text box, not the native select: before choices.js has enhanced the select, the label
    # names the select, which is then hidden; waiting on the input avoids acting on it (CI's
    # Chromium 156 once held on to the hidden select for 30 s).
    box = field(scope, label).and_(scope.locator("input"))
    box.fill(name[:4])
    option = scope.get_by_role("option", name=name, exact=True)
    expect(option).to_be_visible()
    option.click()
    expect(box).to_have_value(name)


def choose_client(page, client) -> None:
    """The workbench's New application client box (issue 24): type the name, choose the
    suggestion with the keyboard."""
    box = page.get_by_test_id("new-application").get_by_role("combobox", name="Client")
    box.fill(client.name)
    option = page.get_by_role("option", name=f"{client.name} ({client.firm.name})")
    expect(option).to_be_visible()
    box.press("ArrowDown")
    option.press("Enter")
