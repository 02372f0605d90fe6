"""The Bulletin's public pages (Rule 26): no sign-in; search and filters; the issue; the
registration with its reproductions; the Atom feed of an issue."""

import shutil
import subprocess
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import pytest
import time_machine

from hague_portal.bulletin.models import BulletinEntry
from hague_portal.bulletin.selectors import number_slug
from hague_portal.register.models import Registration

from .conftest import PUBLISHED, publish, register_application

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def after_publication():
    with time_machine.travel(date(2027, 1, 20), tick=False):
        yield


@pytest.fixture
def second(published, bob, erik):
    """Bob's registration of one design designating JP only, published on 12 January 2027."""
    registration = register_application(
        bob,
        erik,
        designs=1,
        designations=("JP",),
        applicants=[
            {
                "name": "Société Müller AG",
                "kind": "legal",
                "email": "m@muller.example",
                "address": {"street": "Seestrasse 1", "city": "Zürich", "country": "CH"},
            }
        ],
    )
    # Published a week later (as a deferment to that day would).
    Registration.objects.filter(pk=registration.pk).update(publication_date=date(2027, 1, 12))
    return publish(registration, date(2027, 1, 12))


def numbers(response) -> list[str]:
    rows = response.context["results"].rows
    return sorted(e.number for e in rows)


def test_the_list_shows_the_issues_newest_first(client, second):
    response = client.get("/bulletin/")
    assert response.status_code == 200
    assert [i.label for i in response.context["issues"].rows] == ["2027/03", "2027/02"]


@pytest.mark.parametrize(
    "query, who",
    [
        ({"holder": "muller"}, "second"),  # accents and case folded
        ({"holder": "atelier doe"}, "first"),
        ({"product": "CHAIR MODEL 2"}, "first"),
        ({"locarno": "06"}, "both"),
        ({"locarno": "6-01"}, "none"),
        ({"locarno": "06-01"}, "both"),
        ({"party": "JP"}, "second"),
        ({"party": "US"}, "first"),
        ({"date_from": "2027-01-06"}, "second"),
        ({"date_to": "2027-01-05"}, "first"),
        ({"kind": "refusal"}, "none"),
    ],
)
def test_search_filters(client, published, second, query, who):
    expected = {
        "first": [published.number],
        "second": [second.number],
        "both": sorted([published.number, second.number]),
        "none": [],
    }[who]
    assert numbers(client.get("/bulletin/", query)) == expected


def test_search_by_number_or_part_of_it(client, published, second):
    assert numbers(client.get("/bulletin/", {"number": published.number})) == [published.number]
    assert numbers(client.get("/bulletin/", {"number": second.number[-3:]})) == [second.number]
    as_in_urls = number_slug(published.number).lower()
    assert numbers(client.get("/bulletin/", {"number": as_in_urls})) == [published.number]


@pytest.mark.parametrize(
    "query, field",
    [
        ({"locarno": "chairs"}, "locarno"),
        ({"date_from": "2027-02-01", "date_to": "2027-01-01"}, "date_to"),
        ({"date_from": "yesterday"}, "date_from"),
        ({"party": "XX"}, "party"),
    ],
)
def test_bad_search_input_gets_its_message_at_its_field(client, published, query, field):
    response = client.get("/bulletin/", query)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert "results" not in response.context


def test_results_are_paged(client, published, settings):
    from hague_portal.bulletin import selectors

    page = selectors.entries_page(search=selectors.Search(party="CH"), per_page=1)
    assert (page.count, page.pages, len(page.rows)) == (1, 1, 1)


def test_the_issue_lists_its_entries(client, published):
    response = client.get("/bulletin/2027/2/")
    assert response.status_code == 200
    assert published.number in response.content.decode()
    assert client.get("/bulletin/2027/3/").status_code == 404


def test_the_registration_shows_its_reproductions_as_thumbnails(client, published):
    page = client.get(f"/bulletin/registrations/{number_slug(published.number)}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "chair model 1" in html and "Atelier Doe SARL" in html and "06-01" in html
    entry = BulletinEntry.objects.get(kind="registration")
    view = entry.designs[0]["reproductions"][0]
    base = (
        f"/bulletin/registrations/{number_slug(published.number)}/reproductions/{view['sha256']}/"
    )
    assert f'src="{base}thumbnail/"' in html
    thumbnail = client.get(f"{base}thumbnail/")
    assert thumbnail.status_code == 200 and thumbnail["Content-Type"] == "image/jpeg"
    full = client.get(base)
    assert full.status_code == 200 and b"".join(full.streaming_content)[:2] == b"\xff\xd8"


def test_a_file_that_is_not_a_published_reproduction_is_a_404(client, published):
    slug = number_slug(published.number)
    annex = next(f for f in published.examination.submission.files if f["role"] == "attachment")
    assert (
        client.get(f"/bulletin/registrations/{slug}/reproductions/{annex['sha256']}/").status_code
        == 404
    )
    assert client.get("/bulletin/registrations/DM-999999/").status_code == 404


def test_the_atom_feed_of_an_issue(client, published):
    response = client.get("/bulletin/2027/2/atom/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == [
        f"{published.number}: International registration"
    ]
    assert entries[0].find(f"{ATOM}updated").text.startswith(PUBLISHED.isoformat())
    assert client.get("/bulletin/2027/3/atom/").status_code == 404


@pytest.fixture
def catalogues(settings, tmp_path):
    """The .po files as they are in the tree, compiled (the committed .mo files are compiled
    by `make messages` after a merge): what a visitor would read."""
    if not shutil.which("msgfmt"):
        pytest.skip("msgfmt (gettext) is not installed")
    for language in ("fr", "es"):
        target = tmp_path / language / "LC_MESSAGES"
        target.mkdir(parents=True)
        source = Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"
        subprocess.run(["msgfmt", "-o", str(target / "django.mo"), str(source)], check=True)
    settings.LOCALE_PATHS = [str(tmp_path)]


@pytest.mark.parametrize(
    "language, words",
    [
        ("fr", ("Bulletin des dessins et modèles internationaux", "1 inscription trouvée")),
        ("es", ("Boletín de Dibujos y Modelos Internacionales", "1 inscripción encontrada")),
    ],
)
def test_the_search_in_french_and_spanish(client, published, catalogues, language, words):
    page = client.get("/bulletin/", {"holder": "doe"}, HTTP_ACCEPT_LANGUAGE=language)
    html = page.content.decode()
    assert all(w in html for w in words), words


def test_an_issue_shows_its_entries_by_kind(client, published, olivia):
    from hague_portal.register import services

    services.refusal_notify(
        designation=published.designations.get(party="US"),
        by=olivia,
        grounds="Lacks novelty.",
        provisions="35 U.S.C. 171",
        review_time_limit=date(2027, 6, 1),
        review_authority="PTAB",
        today=date(2027, 1, 6),  # the week of the publication: the same issue
    )
    page = client.get("/bulletin/2027/2/")
    assert [k for k, _label, n in page.context["kinds"]] == ["registration", "refusal"]
    assert page.context["kind"] == "registration"
    refusals = client.get("/bulletin/2027/2/", {"kind": "refusal"})
    assert [(e.kind, e.party) for e in refusals.context["entries"].rows] == [("refusal", "US")]
    assert "Lacks novelty" not in refusals.content.decode()  # Rule 26(1)(ii): no grounds
