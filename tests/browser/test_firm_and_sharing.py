"""A firm run by its admin, and a draft approved by the client before it is filed (issue 10).

fiona (admin) invites Eddie by e-mail; Eddie creates his account from the link, confirms his
address, joins as editor and sets up his authenticator; he drafts an application for ACME and
shares it with ACME's Cleo; Cleo signs in from the e-mail's link and approves the version she
read; Eddie sees the approval and submits. Screenshots: /tmp/shots/h5-*.png."""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from hague_portal.accounts.models import FirmMembership
from hague_portal.filings.models import Draft, DraftApproval
from hague_portal.submissions.models import Submission

from ..conftest import totp_now
from ..factories import PASSWORD, UserFactory
from ..filings.conftest import fill
from ..filings.helpers import add_reproductions
from .conftest import sign_in
from .helpers import choose, choose_client, field

SHOTS = Path("/tmp/shots")
EDDIE = "eddie@example.test"
CLEO = "cleo@acme.test"


@pytest.fixture
def no_broker(monkeypatch):
    from hague_portal.submissions import tasks

    monkeypatch.setattr(tasks.job_run_task, "apply_async", lambda args, **kw: None)


def shot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"h5-{name}.png"), full_page=True)


def link_in(message, pattern: str) -> str:
    """The path of the first link in the e-mail's text matching `pattern`."""
    url = re.search(rf"https?://\S*{pattern}\S*", message.body).group(0)
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def test_admin_invites_an_editor_who_drafts_shares_and_submits_after_the_clients_approval(
    browser, live_server, page, fiona, acme, reference, mailoutbox, no_broker
):
    cleo = UserFactory(email=CLEO, full_name="Cleo Client")

    # 1. fiona invites Eddie as editor from the firm page.
    sign_in(page, fiona, totp=True)
    page.get_by_role("link", name="Firm", exact=True).click()
    form = page.get_by_role("form", name="Invite a member")
    form.get_by_label("E-mail address").fill(EDDIE)
    form.get_by_label("Role").select_option("editor")
    form.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_text(f"Invitation sent to {EDDIE} as editor")).to_be_visible()
    expect(page.get_by_test_id("invitations")).to_contain_text(EDDIE)
    shot(page, "1-invited")
    invitation = next(m for m in mailoutbox if m.to == [EDDIE])

    # 2. Eddie creates his account from the link, confirms his address, joins, enrols TOTP.
    eddie_context = browser.new_context(base_url=live_server.url)
    eddie = eddie_context.new_page()
    eddie.goto(link_in(invitation, "/firm/join/"))
    expect(eddie.get_by_role("heading", name=f"Join {acme.firm}")).to_be_visible()
    eddie.get_by_role("link", name="Create an account").click()
    eddie.get_by_label("Email").fill(EDDIE)
    field(eddie, "Password").fill(PASSWORD)
    field(eddie, "Password (again)").fill(PASSWORD)
    eddie.get_by_role("button", name=re.compile("sign up", re.I)).click()
    confirmation = next(m for m in reversed(mailoutbox) if m.to == [EDDIE] and m is not invitation)
    eddie.goto(link_in(confirmation, "/accounts/confirm-email/"))
    eddie.get_by_role("button", name="Confirm").click()
    expect(eddie.get_by_role("button", name=f"Accept and join {acme.firm}")).to_be_visible()
    shot(eddie, "2-join")
    eddie.get_by_role("button", name=f"Accept and join {acme.firm}").click()
    assert FirmMembership.objects.get(user__email=EDDIE).role == "editor"
    _enrol_totp(eddie)
    shot(eddie, "3-enrolled")

    # 3. Eddie, now an editor, adds a client (the searchable country list), then drafts an
    # application for ACME (every section answered, one reproduction).
    eddie.get_by_role("link", name="Firm", exact=True).click()
    eddie.get_by_role("link", name="Clients").click()
    eddie.get_by_role("link", name="Add a client").click()
    field(eddie, "Name").fill("Nordic Chairs AB")
    choose(eddie, "Country", "Sweden")
    field(eddie, "Own reference").fill("NC-01")
    eddie.get_by_role("button", name="Save").click()
    row = eddie.get_by_test_id("clients").get_by_role("row").filter(has_text="Nordic Chairs AB")
    expect(row).to_contain_text("Sweden")
    expect(row).to_contain_text("NC-01")
    shot(eddie, "3b-client-added")

    eddie.goto("/")
    choose_client(eddie, acme)
    eddie.get_by_role("button", name="New application").click()
    expect(eddie.get_by_role("heading", level=1)).to_be_visible()
    draft = Draft.objects.get(client=acme, created_by__email=EDDIE)
    fill(draft, draft.created_by, designs=1)
    add_reproductions(draft, designs=1, per_design=1, with_files=True)

    # 4. He shares it with Cleo as viewer; the page says who may submit.
    eddie.goto(f"/applications/{draft.id}/")
    eddie.get_by_role("link", name="Sharing and approval").click()
    expect(eddie.get_by_test_id("who-submits")).to_contain_text("Fiona Firm-Admin")
    eddie.get_by_label("Client's e-mail address").fill(CLEO)
    eddie.get_by_label(re.compile(r"^\s*Viewer")).check()
    eddie.get_by_role("button", name="Share", exact=True).click()
    expect(eddie.get_by_text(f"Shared with {CLEO}; they were sent a link.")).to_be_visible()
    expect(eddie.get_by_test_id("shares")).to_contain_text(CLEO)
    shot(eddie, "4-shared")
    shared = next(m for m in mailoutbox if m.to == [CLEO])

    # 5. Cleo follows the e-mail's link, signs in, reads and approves the version she saw.
    cleo_context = browser.new_context(base_url=live_server.url)
    client_page = cleo_context.new_page()
    client_page.goto(link_in(shared, "/sharing/"))
    client_page.get_by_label("Email").fill(cleo.email)
    client_page.get_by_label("Password").fill(PASSWORD)
    client_page.get_by_role("button", name=re.compile("sign in", re.I)).click()
    expect(client_page.get_by_role("heading", name="Sharing and approval")).to_be_visible()
    expect(client_page.get_by_role("link", name="Firm", exact=True)).to_have_count(0)
    version = Draft.objects.get(pk=draft.pk).version
    client_page.get_by_label(
        f"I approve this application as it stands at version {version}."
    ).check()
    client_page.get_by_role("button", name=f"Approve version {version}").click()
    expect(
        client_page.get_by_text(f"You approved the application at version {version}.")
    ).to_be_visible()
    expect(client_page.get_by_test_id("approvals")).to_contain_text("Cleo Client")
    shot(client_page, "5-approved")
    assert DraftApproval.objects.get(draft=draft).user == cleo

    # 6. Eddie sees the approval, current, and submits.
    eddie.reload()
    approvals = eddie.get_by_test_id("approvals")
    expect(approvals).to_contain_text("Cleo Client")
    expect(approvals).to_contain_text("Current")
    expect(eddie.get_by_test_id("events")).to_contain_text("approved the application")
    shot(eddie, "6-approval-seen")
    eddie.goto(f"/applications/{draft.id}/steps/review/")
    eddie.get_by_label(re.compile("I confirm that this application")).check()
    eddie.get_by_role("button", name="Submit to the International Bureau").click()
    number = Submission.objects.get(draft=draft).number
    expect(eddie.get_by_text(f"received by the International Bureau as {number}")).to_be_visible()
    shot(eddie, "7-submitted")
    eddie_context.close()
    cleo_context.close()


def _enrol_totp(page) -> None:
    """allauth's TOTP set-up, where the membership sends a new representative (after the
    password again when allauth wants it): a code from the secret the page shows."""
    expect(page).to_have_url(re.compile("/accounts/(reauthenticate|2fa/totp/activate)/"))
    if "/reauthenticate/" in page.url:  # signed in by the e-mail confirmation, not a password
        field(page, "Password").fill(PASSWORD)
        page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(re.compile("/accounts/2fa/totp/activate/"))
    secret = page.get_by_label("Authenticator secret").input_value()
    page.get_by_label(re.compile("authenticator code", re.I)).fill(totp_now(secret))
    page.get_by_role("button", name="Activate").click()
    expect(page.get_by_text("Authenticator app activated.")).to_be_visible()
