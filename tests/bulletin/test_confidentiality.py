"""Before its publication date nothing of a registration is visible to the public (Rule 17;
Article 11 deferment): every public URL of the Bulletin is asked before the date (nothing of
it) and on the date (there it is).

`PROBES` is the list of those URLs: each says who asks (`viewers`: an anonymous visitor, and a
user of the Office of a designated party, CH, on its pages and through its token API) and builds
its URL from the registration's facts. A URL added to the list is checked both ways by the same
test."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlencode

import pytest
import time_machine

from hague_portal.accounts.models import Office
from hague_portal.accounts.services import user_enrol_totp
from hague_portal.bulletin.services import issue_friday, issue_number
from hague_portal.hague.clock import GENEVA
from hague_portal.register import services

from .conftest import register_application

HOLDER = "Zephyr Confidential Lamps Ltd"
DEFERRED = {"mode": "deferred", "months": 18}


@dataclass(frozen=True)
class Probe:
    name: str
    url: Callable[[dict], str]
    viewer: str = "public"


def _q(path: str, **query) -> str:
    return f"{path}?{urlencode(query)}"


PROBES = [
    Probe("the list of issues", lambda f: "/bulletin/"),
    Probe("search by number", lambda f: _q("/bulletin/", number=f["number"])),
    Probe("search by part of the number", lambda f: _q("/bulletin/", number=f["number"][-4:])),
    Probe("search by holder", lambda f: _q("/bulletin/", holder="zephyr")),
    Probe("search by product", lambda f: _q("/bulletin/", product="chair model 1")),
    Probe("search by party", lambda f: _q("/bulletin/", party="CH")),
    Probe("the issue", lambda f: f"/bulletin/{f['year']}/{f['issue']}/"),
    Probe("the issue's Atom feed", lambda f: f"/bulletin/{f['year']}/{f['issue']}/atom/"),
    Probe("the entry", lambda f: f"/bulletin/registrations/{f['slug']}/"),
    Probe(
        "a reproduction",
        lambda f: f"/bulletin/registrations/{f['slug']}/reproductions/{f['sha256']}/",
    ),
    Probe(
        "a thumbnail",
        lambda f: f"/bulletin/registrations/{f['slug']}/reproductions/{f['sha256']}/thumbnail/",
    ),
    Probe("the Register extract", lambda f: f"/bulletin/registrations/{f['slug']}/extract.pdf"),
    Probe("API: issues", lambda f: "/api/v1/bulletin/issues/"),
    Probe("API: search by number", lambda f: _q("/api/v1/bulletin/entries/", number=f["number"])),
    Probe("API: search by holder", lambda f: _q("/api/v1/bulletin/entries/", holder="zephyr")),
    Probe("API: search by product", lambda f: _q("/api/v1/bulletin/entries/", product="chair")),
    Probe("API: the registration", lambda f: f"/api/v1/bulletin/registrations/{f['slug']}/"),
    # The Office of a designated party (CH) sees it from its publication on, never before.
    Probe("Office: its list", lambda f: "/office/", "office"),
    Probe("Office: its list searched", lambda f: _q("/office/", q=f["number"]), "office"),
    Probe("Office: the registration", lambda f: f"/office/registrations/{f['number']}/", "office"),
    Probe(
        "Office: a reproduction",
        lambda f: f"/office/registrations/{f['number']}/reproductions/{f['sha256']}",
        "office",
    ),
    Probe(
        "Office: the refusal form",
        lambda f: f"/office/registrations/{f['number']}/refusal/",
        "office",
    ),
    Probe("Office API: its list", lambda f: "/api/v1/office/registrations/", "office_api"),
    Probe(
        "Office API: the registration",
        lambda f: f"/api/v1/office/registrations/{f['number']}/",
        "office_api",
    ),
]


@pytest.fixture
def viewers(client, db):
    """Who asks: the name a probe gives, and the client that asks for it."""
    from django.test import Client

    from tests.api.v1_helpers import api_for
    from tests.conftest import TOTP_SECRET
    from tests.factories import UserFactory

    swiss = UserFactory(
        email="office@ipi.example", office=Office.objects.create(party="CH", name="IPI")
    )
    user_enrol_totp(user=swiss, secret=TOTP_SECRET)

    def office():  # signed in at the moment it asks (the test travels in time)
        browser = Client()
        browser.force_login(swiss)
        return browser

    return {
        "public": client,
        "office": _AskingAnew(office),
        "office_api": _AskingAnew(lambda: api_for(swiss, scopes=("office",))),
    }


class _AskingAnew:
    """A client made when it asks: its session or token is as fresh as the travelled clock."""

    def __init__(self, make):
        self.make = make

    def get(self, url):
        return self.make().get(url)


@pytest.fixture
def deferred(alice, erik, media, reference_db):  # noqa: F811
    registration = register_application(
        alice,
        erik,
        designs=1,
        designations=("CH", "EM"),
        publication=DEFERRED,
        applicants=[
            {
                "name": HOLDER,
                "kind": "legal",
                "email": "z@zephyr.example",
                "address": {"street": "1 Lamp Lane", "city": "Leeds", "country": "GB"},
            }
        ],
    )
    reproduction = next(
        f for f in registration.examination.submission.files if f["role"] == "reproduction"
    )
    friday = issue_friday(registration.publication_date)
    facts = {
        "number": registration.number,
        "slug": registration.number.replace("/", "-"),
        "sha256": reproduction["sha256"],
        "year": friday.year,
        "issue": issue_number(friday),
    }
    facts["label"] = f"{facts['year']}/{facts['issue']:02d}"  # its issue, listed once published
    return registration, facts


def shows(response, facts) -> bool:
    """Anything of the registration in the answer: its image, its number (or a link to it), its
    holder, or the issue that carries it."""
    if response.status_code != 200:
        return False
    if response.get("Content-Type", "").startswith(("image/", "application/pdf")):
        return True
    body = b"".join(response.streaming_content) if response.streaming else response.content
    # The search form shows back what was asked: that is the asker's, not the registration's.
    text = body.decode().replace(f'value="{facts["number"]}"', "")
    return any(
        marker in text for marker in (facts["number"], facts["slug"], HOLDER, facts["label"])
    )


def _noon(day):
    return datetime.combine(day, datetime.min.time()).replace(hour=12, tzinfo=GENEVA)


def test_nothing_of_a_deferred_registration_before_its_date_then_everything(deferred, viewers):
    registration, facts = deferred
    assert registration.publication_date.isoformat() == "2027-07-05"  # 18 months from filing
    before = registration.publication_date - timedelta(days=1)
    with time_machine.travel(_noon(before), tick=False):
        services.registrations_publish()  # beat, the day before
        shown = [p.name for p in PROBES if shows(viewers[p.viewer].get(p.url(facts)), facts)]
        assert shown == []
    with time_machine.travel(_noon(registration.publication_date), tick=False):
        services.registrations_publish()  # beat, on the day
        hidden = [p.name for p in PROBES if not shows(viewers[p.viewer].get(p.url(facts)), facts)]
        assert hidden == []
