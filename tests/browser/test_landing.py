"""A visitor at / learns what the portal does, signs in and lands on the workbench (issue 8)."""

import re

from playwright.sync_api import expect

from ..factories import PASSWORD


def test_a_visitor_lands_on_the_root_follows_sign_in_and_sees_the_workbench(page, alice):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hague System")
    expect(page.get_by_role("link", name="Open the fee calculator")).to_be_visible()
    expect(page.get_by_role("link", name="Read the API documentation")).to_be_visible()
    page.get_by_role("main").get_by_role("link", name="Sign in").click()

    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(page.get_by_role("navigation", name="Main navigation")).to_be_visible()
    expect(page.get_by_label("Email")).to_have_class(re.compile(r"\bform-control\b"))
    expect(page.get_by_role("button", name=re.compile("sign in", re.I))).to_have_class(
        re.compile(r"\bbtn-primary\b")
    )
    page.get_by_label("Email").fill(alice.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("sign in", re.I)).click()

    expect(page.get_by_role("heading", name="Workbench")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/$"))
