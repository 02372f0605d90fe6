"""A change in ownership in a real Chromium (issue 23): Alice requests it from her registered
application's page, the International Bureau records it, and Bob, the new holder, finds the
registration on his workbench and opens it."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from hague_portal.changes import services
from hague_portal.changes.models import ChangeRequest, ChangeStatus

from ..register.conftest import register_application
from .conftest import sign_in


@pytest.fixture
def no_broker(monkeypatch):
    from hague_portal.submissions import tasks

    monkeypatch.setattr(tasks.job_run_task, "apply_async", lambda args, **kw: None)


def test_alice_transfers_her_registration_and_bob_finds_it_on_his_workbench(
    page, alice, bob, erik, reference, no_broker
):
    registration = register_application(alice, erik)
    number = registration.examination.submission.number
    sign_in(page, alice)
    page.goto(reverse("submissions:detail", args=[number]))
    page.get_by_test_id("change-links").get_by_role("link", name="Change in ownership").click()
    expect(page.get_by_test_id("change-fee")).to_contain_text("will tell you the amount")
    page.get_by_label("New holder's name").fill("Bob Industries Ltd")
    page.get_by_label("Address", exact=True).fill("1 Rue du Rhône, Geneva")
    page.get_by_label("Country (code)").fill("CH")
    page.get_by_label("New holder's e-mail").fill(bob.email)
    # Article 3 first refused: India is not a Contracting Party; said at the field, kept.
    page.get_by_label("Nationality of").fill("IN")
    page.get_by_role("button", name="File the request").click()
    nationality = page.get_by_label("Nationality of")
    expect(nationality).to_have_class(re.compile("is-invalid"))
    expect(page.get_by_label("New holder's name")).to_have_value("Bob Industries Ltd")
    nationality.fill("")
    page.get_by_label(re.compile("establishment in")).fill("CH")
    page.get_by_role("button", name="File the request").click()
    expect(page).to_have_url(re.compile(r"#changes$"))
    expect(page.get_by_test_id("change-requests")).to_contain_text("Change in ownership")

    services.change_record(request=ChangeRequest.objects.get(), by=erik)  # the Bureau records it
    assert ChangeRequest.objects.get().status == ChangeStatus.RECORDED

    page.context.clear_cookies()
    sign_in(page, bob, totp=True)
    row = page.get_by_role("link", name=number)
    expect(row).to_be_visible()
    row.click()
    expect(page.get_by_test_id("change-links")).to_be_visible()
