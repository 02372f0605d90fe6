# ruff: noqa: F811 - fixtures imported from tests/submissions/conftest.py
"""Downloading one's data (issue 19): one ZIP with a JSON manifest, the drafts' documents and
their reproductions and annexes as files, what else is the user's (tokens' names, webhooks'
URLs, never their secrets; memberships, inbox, e-mail addresses), and the filed applications
the user may see, by number. Written while it is sent: no file is held whole in memory."""

import hashlib
import json

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from hague_portal.api.tokens import token_create
from hague_portal.api.webhooks import webhook_create
from hague_portal.filings.models import Reproduction
from hague_portal.filings.services import draft_export
from hague_portal.notifications.models import NotificationKind
from hague_portal.notifications.services import notification_send
from hague_portal.privacy.export import CHUNK

from ..submissions.conftest import make_draft, submit

pytestmark = pytest.mark.django_db


def test_the_download_holds_each_draft_with_its_files_and_a_manifest(download, alice, media):
    first, second = make_draft(alice, designs=2, views=2), make_draft(alice, views=1, annex=False)
    response, _, archive = download(alice)
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="hague-portal-data-')
    manifest = archive.json("manifest.json")
    assert manifest["format"] == "hague-portal/account-export@1"
    assert manifest["account"]["email"] == "alice@example.test"
    assert manifest["account"]["email_addresses"] == [
        {"email": "alice@example.test", "verified": True, "primary": True}
    ]
    assert [d["id"] for d in manifest["drafts"]] == [str(first.pk), str(second.pk)]
    folder = f"drafts/{first.pk}"
    # The wizard's "Download as JSON": it imports as a new draft.
    assert archive.json(f"{folder}/application.json") == json.loads(draft_export(draft=first))
    files = archive.json(f"{folder}/draft.json")["files"]
    assert [(f["kind"], f.get("design"), f.get("view")) for f in files] == [
        ("reproduction", 1, 1),
        ("reproduction", 1, 2),
        ("reproduction", 2, 1),
        ("reproduction", 2, 2),
        ("annex_I", None, None),
    ]
    for entry in files:  # the very bytes uploaded
        assert hashlib.sha256(archive.read(entry["path"])).hexdigest() == entry["sha256"]


def test_tokens_and_webhooks_are_listed_without_their_secrets(download, alice, media):
    _, token = token_create(user=alice, name="docketing", scopes=["read"], expires_in_days=30)
    _, secret = webhook_create(
        user=alice, url="https://docket.example/hook", events=["notification.created"]
    )
    _, _, archive = download(alice)
    manifest = archive.json("manifest.json")
    assert [t["name"] for t in manifest["api_tokens"]] == ["docketing"]
    assert [w["url"] for w in manifest["webhooks"]] == ["https://docket.example/hook"]
    everything = archive.everything()
    assert token.encode() not in everything and secret.encode() not in everything
    assert token.split("_", 2)[2].encode() not in everything  # not even the token's secret part


def test_a_representative_gets_the_firms_applications_by_number_and_only_own_drafts(
    download, bob, fiona, acme, media, no_broker
):
    own = make_draft(bob, client=acme, views=1)
    make_draft(fiona, client=acme, views=1)  # a colleague's: the firm's, not bob's
    filed = submit(make_draft(fiona, client=acme, views=1), fiona)
    notification_send(
        submission=filed, kind=NotificationKind.REMINDER, title="Reminder", body="Soon."
    )
    _, _, archive = download(bob)
    manifest = archive.json("manifest.json")
    assert [d["id"] for d in manifest["drafts"]] == [str(own.pk)]
    assert [m["firm"] for m in manifest["firm_memberships"]] == ["Bob & Partners"]
    assert [a["number"] for a in archive.json("applications.json")] == [filed.number]
    assert [n["application"] for n in archive.json("notifications.json")] == [filed.number]


def test_an_outsider_gets_nothing_of_anothers(download, alice, charlie, media):
    make_draft(alice, views=1)
    submit(make_draft(alice, views=1), alice)
    _, _, archive = download(charlie)
    assert archive.json("manifest.json")["drafts"] == []
    assert archive.json("applications.json") == []
    assert not [name for name in archive.names() if name.startswith("drafts/")]


def test_a_file_missing_from_storage_is_reported_not_hidden(download, alice, media):
    draft = make_draft(alice, views=1, annex=False)
    lost = Reproduction.objects.get(draft=draft)
    lost.file.storage.delete(lost.file.name)
    _, _, archive = download(alice)
    [entry] = archive.json(f"drafts/{draft.pk}/draft.json")["files"]
    assert entry["missing"] is True and entry["path"] is None
    assert entry["sha256"] == lost.sha256


def test_no_file_is_held_whole_while_the_zip_is_sent(download, alice, media):
    draft = make_draft(alice, views=1, annex=False)
    big = Reproduction.objects.get(draft=draft)
    content = bytes(range(256)) * (3 * CHUNK // 256)  # 3 MiB
    big.file.save("big.jpg", ContentFile(content), save=False)
    big.sha256 = hashlib.sha256(content).hexdigest()
    big.save()
    response, chunks, archive = download(alice)
    assert response.streaming
    assert max(len(chunk) for chunk in chunks) <= CHUNK + 64 * 1024  # a chunk and some headers
    [entry] = archive.json(f"drafts/{draft.pk}/draft.json")["files"]
    assert archive.read(entry["path"]) == content


def test_signed_out_it_asks_to_sign_in(client):
    response = client.get(reverse("privacy:export"))
    assert response.status_code == 302 and "/accounts/login/" in response.url
