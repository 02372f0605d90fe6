"""The main pages run under the Content-Security-Policy without a single violation (issue 8).

The policy allows no inline script, so a script that a page still carries inline (or an
onclick=) would be blocked: Chromium reports each block on the console, and so does this test.
"""

import re

import pytest
from playwright.sync_api import expect

from hague_portal.filings.services import draft_create

from .conftest import sign_in


@pytest.fixture
def violations(page):
    """Every CSP report Chromium writes to the console, and every uncaught script error."""
    seen: list[str] = []
    page.on(
        "console",
        lambda m: (
            seen.append(f"{page.url}: {m.text}") if "Content Security Policy" in m.text else None
        ),
    )
    page.on("pageerror", lambda e: seen.append(f"{page.url}: {e}"))
    return seen


def visit(page, url, heading=None):
    response = page.goto(url)
    assert response.status == 200, url
    assert "script-src 'self'" in response.headers["content-security-policy"]
    if heading:
        expect(page.get_by_role("heading", name=heading).first).to_be_visible()
    page.wait_for_load_state("networkidle")


def test_public_pages_and_api_docs_run_without_csp_violations(
    page, violations, reference, live_server
):
    visit(page, "/accounts/login/")
    visit(page, "/accounts/signup/")
    visit(page, "/fees/")
    page.locator("select, input[type=checkbox]").first.focus()  # the htmx-driven calculator
    visit(page, "/api/v1/docs/", "Hague Portal API")  # Swagger UI, started from its own file
    visit(page, "/api/v1/redoc/", re.compile("Hague Portal API"))  # Redoc in a blob: worker
    visit(page, "/admin/login/")

    assert violations == []


def test_signed_in_pages_run_without_csp_violations(page, violations, alice, reference):
    draft = draft_create(user=alice)
    sign_in(page, alice)
    for step in ("applicants", "designations", "designs", "fees"):
        visit(page, f"/applications/{draft.id}/steps/{step}/")
    visit(page, f"/applications/{draft.id}/reproductions/")
    visit(page, f"/applications/{draft.id}/")

    assert violations == []


def test_the_admin_runs_without_csp_violations(page, violations, erik, reference):
    sign_in(page, erik, totp=True)
    visit(page, "/admin/", re.compile("Examination and reference data"))
    page.get_by_role("link", name=re.compile("Users")).first.click()
    page.wait_for_load_state("networkidle")

    assert violations == []


def test_an_inline_script_would_be_blocked(page, violations, reference, live_server):
    """The policy is really enforced: a script written into the page does not run."""
    visit(page, "/accounts/login/")
    page.evaluate(
        """() => { const s = document.createElement('script');
                   s.textContent = 'window.injected = true'; document.body.append(s); }"""
    )

    assert page.evaluate("window.injected === undefined")
    assert any("script-src" in v for v in violations)
