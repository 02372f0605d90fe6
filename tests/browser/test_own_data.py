"""A user's own data in Chromium (issue 19): an applicant deletes a draft from the workbench's
row, downloads her data from the account menu, then deletes her account with her password; each
page without an axe violation nor sideways scrolling at 390 px."""

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from hague_portal.filings.models import Draft, Reproduction

from ..factories import PASSWORD
from ..submissions.conftest import make_draft
from .conftest import sign_in
from .test_accessibility import axe_violations, horizontal_overflow

pytestmark = pytest.mark.django_db(transaction=True)


def clean(page) -> None:
    page.wait_for_load_state("networkidle")
    assert not axe_violations(page) + horizontal_overflow(page), page.url


def test_an_applicant_deletes_a_draft_downloads_her_data_and_deletes_her_account(
    page, alice, tmp_path
):
    kept = make_draft(alice, designs=1, views=2, reference="KEEP-ME")
    gone = make_draft(alice, designs=1, views=1, reference="DELETE-ME")
    files = [Path(r.file.path) for r in Reproduction.objects.filter(draft=gone)]
    Draft.objects.filter(pk=kept.pk).update(reference="KEEP-ME", title="Chair to keep")
    Draft.objects.filter(pk=gone.pk).update(reference="DELETE-ME", title="Chair to delete")
    sign_in(page, alice)
    clean(page)  # the workbench, a Delete link on each draft's row

    # Delete a draft from its row, through the confirmation page.
    row = page.locator("tr", has_text="Chair to delete")
    row.get_by_role("link", name=re.compile("Delete")).click()
    expect(page.get_by_role("heading", name=re.compile("Delete the draft"))).to_be_visible()
    expect(page.get_by_test_id("what-goes")).to_contain_text("1 reproduction")
    clean(page)
    page.get_by_role("button", name="Delete the draft").click()
    expect(page.get_by_role("status").first).to_contain_text("Deleted the draft")
    expect(page.locator("tr", has_text="Chair to delete")).to_have_count(0)
    expect(page.locator("tr", has_text="Chair to keep")).to_have_count(1)
    assert not Draft.objects.filter(pk=gone.pk).exists()
    assert not any(path.exists() for path in files)

    # Download one's data from the account menu.
    page.get_by_role("button", name="Account").click()
    page.get_by_role("link", name="Your account and your data").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account and your data")
    clean(page)
    with page.expect_download() as waiting:
        page.get_by_test_id("download-data").click()
    download = waiting.value
    assert re.fullmatch(r"hague-portal-data-\d{4}-\d{2}-\d{2}\.zip", download.suggested_filename)
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    with zipfile.ZipFile(io.BytesIO(saved.read_bytes())) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        assert [d["title"] for d in manifest["drafts"]] == ["Chair to keep"]
        images = [n for n in archive.namelist() if n.startswith(f"drafts/{kept.pk}/reproductions/")]
        assert len(images) == 2

    # Delete the account: a wrong password is refused at the field, the right one deletes it.
    page.get_by_test_id("delete-account").click()
    expect(page.get_by_test_id("what-happens")).to_contain_text("your 1 draft is deleted")
    clean(page)
    page.get_by_label("To confirm, enter your password").fill("not my password")
    page.get_by_role("button", name="Delete my account").click()
    expect(page.locator("#password-error")).to_have_text("This is not your password.")
    clean(page)
    page.get_by_label("To confirm, enter your password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_role("status").first).to_contain_text("Your account was deleted")
    navigation = page.get_by_role("navigation", name="Main navigation")
    expect(navigation.get_by_role("link", name="Sign in")).to_be_visible()
    alice.refresh_from_db()
    assert not alice.is_active and not Draft.objects.filter(created_by=alice).exists()
