"""docs/api-quickstart.md, run request by request against a live portal of the test suite, with
bash and curl as its reader would (tests/api/quickstart.py reads the page): each request answers
what the page says it does. What happens between requests in real life (the worker's jobs, an
examiner's invitation) happens before the section that speaks of it (WORLD)."""

import hashlib
import json
import os
import re
from decimal import Decimal
from pathlib import Path

import pytest

from hague_portal.api import webhooks
from hague_portal.api.tokens import token_create
from hague_portal.examination import services as examination
from hague_portal.payments.models import CurrentAccount
from hague_portal.payments.selectors import amount_paid
from hague_portal.submissions import services as submission_services
from hague_portal.submissions.models import Submission
from tests.submissions.conftest import jpeg

from .quickstart import differences, page_read, request_run, template_parse

PAGE = Path(__file__).resolve().parents[2] / "docs" / "api-quickstart.md"
OPENING_BALANCE = Decimal("10000.00")
SHORTFALL = Decimal("150.00")  # the fee irregularity of "Invitations to correct irregularities"


def _jobs_run(world):
    """The worker's jobs of the application just filed (its DM/1, checks, acknowledgement)."""
    submission = Submission.objects.get(number=world["env"]["NUMBER"])
    for job in submission.jobs.order_by("id"):
        submission_services.job_run(job_id=job.pk, task_id="quickstart")


def _invitation_sent(world):
    """The International Bureau finds a fee shortfall, a reproduction of design 1 unfit and a
    document missing, and invites the applicant to correct them (Rule 14(1))."""
    submission = Submission.objects.get(number=world["env"]["NUMBER"])
    exam, erik = submission.examination, world["examiner"]
    for category, fields in (
        ("fees", {"amount": SHORTFALL}),
        ("reproductions", {"designs": [1]}),
        ("document", {}),
    ):
        examination.irregularity_raise(
            examination=exam, by=erik, category=category, message="", **fields
        )
    examination.invitation_send(examination=exam, by=erik)


# Before the first request of a section: what has happened by then.
WORLD = {
    "6. Follow the application": _jobs_run,
    "Invitations to correct irregularities": _invitation_sent,
}


def _files(page, folder: Path) -> None:
    """The files the page uploads (`@name`): distinct 300 dpi JPEGs and PDFs."""
    from pypdf import PdfWriter

    names = {name for r in page.requests for name in _uploads(r.command)}
    for seed, name in enumerate(sorted(names), start=1):
        if name.endswith(".pdf"):
            writer = PdfWriter()
            for _ in range(seed):  # a page more each: no two the same
                writer.add_blank_page(width=595, height=842)
            with (folder / name).open("wb") as out:
                writer.write(out)
        else:
            (folder / name).write_bytes(jpeg(seed * 17))


def _uploads(command: str) -> list[str]:
    return re.findall(r"=@([\w.\-]+?)(?:;|'|\s|$)", command)


@pytest.fixture
def world(live_server, alice, erik, media, no_broker, tmp_path):
    _, token = token_create(
        user=alice, name="docketing", scopes=["read", "draft", "submit"], expires_in_days=1
    )
    account = CurrentAccount.objects.create(
        number="1001", holder_name="Atelier Doe SARL", owner_user=alice, balance=OPENING_BALANCE
    )
    folder = tmp_path / "reader"
    folder.mkdir()
    env = {"PATH": os.environ["PATH"], "HOME": str(folder), "HP": live_server.url, "TOKEN": token}
    return {"env": env, "folder": folder, "account": account, "examiner": erik}


def test_the_quickstart_answers_request_by_request_as_the_page_says(world):
    page = page_read(PAGE.read_text(encoding="utf-8"))
    assert set(page.settings) == {"HP", "TOKEN"}  # the reader's own: the test sets them
    _files(page, world["folder"])
    headings_seen = set()
    for request in page.requests:
        if request.heading in WORLD and request.heading not in headings_seen:
            WORLD[request.heading](world)
        headings_seen.add(request.heading)
        answer = request_run(request, preamble=page.preamble, env=world["env"], cwd=world["folder"])
        world["env"].update(_checked(request, answer))
    assert set(WORLD) <= headings_seen, "a section WORLD prepares is gone from the page"
    _money_checked(world)


def _checked(request, answer) -> dict:
    """The exported variables, once the answer is what the page says."""
    body = answer.body.decode(errors="replace")
    assert answer.status == request.status, f"{request}\nanswered {answer.status}: {body[:2000]}"
    if not request.body.startswith(("{", "[")):
        assert answer.content_type.split(";")[0] == request.body, f"{request}: {answer}"
        return {}
    captures = {value: name for name, value in request.exports}
    bound = {}
    found = differences(
        template_parse(request.body), json.loads(body), captures=captures, bound=bound
    )
    assert not found, f"{request}\nanswered {body[:3000]}\n" + "\n".join(found)
    assert set(bound) == set(captures.values()), f"{request}: exported {bound}, {captures}"
    return bound


def _money_checked(world) -> None:
    """To the centime: the fees at submit, then the shortfall, from the one account."""
    submission = Submission.objects.get(number=world["env"]["NUMBER"])
    account = world["account"]
    account.refresh_from_db()
    assert amount_paid(submission) == submission.fees_total + SHORTFALL
    assert account.balance == OPENING_BALANCE - submission.fees_total - SHORTFALL


def test_the_quickstarts_signature_check_accepts_the_portals_signature_only():
    (code,) = page_read(PAGE.read_text(encoding="utf-8")).python
    names = {}
    exec(compile(code, str(PAGE), "exec"), names)  # noqa: S102 - the page's own example
    body, secret = b'{"event": "notification.created"}', hashlib.sha256(b"s").hexdigest()
    assert names["verified"](body, webhooks.signature(secret, body), secret)
    assert not names["verified"](body + b" ", webhooks.signature(secret, body), secret)
