"""Browser tests: a real headless Chromium (Debian's) drives the portal served by `live_server`.

Playwright's sync API runs an event loop in the test thread, so Django's async-safety guard
would refuse the ORM calls of the fixtures and assertions: it is switched off for this package.
"""

import os
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from ..conftest import totp_now
from ..factories import PASSWORD

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 10_000


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium not installed at {CHROMIUM}: apt-get install chromium")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)
    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture
def reference(transactional_db):
    """live_server flushes the tables after each test: load the reference data every time."""
    call_command("reference_import", stdout=StringIO())


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def context(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1400, "height": 1000}
    )
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture
def page(request, context, tmp_path):
    page = context.new_page()
    yield page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        # What the browser showed when the test failed, for the person reading the log.
        for number, open_page in enumerate(context.pages):
            html = tmp_path / f"page-{number}.html"
            html.write_text(open_page.content())
            open_page.screenshot(path=str(tmp_path / f"page-{number}.png"), full_page=True)
            print(f"Page {number} at failure: {open_page.url} -> {html}")


def sign_in(page, user, *, totp=False, home="Workbench"):
    """Through the real allauth login form (and, for users with TOTP, the real challenge), to
    the heading of the user's home page (an Office user's is its registrations)."""
    from playwright.sync_api import expect

    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("sign in", re.I)).click()
    if totp:
        expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/"))
        page.get_by_label(re.compile("code", re.I)).fill(totp_now())
        page.get_by_role("button", name=re.compile("sign in|verify|continue", re.I)).click()
    expect(page.get_by_role("heading", name=home)).to_be_visible()
