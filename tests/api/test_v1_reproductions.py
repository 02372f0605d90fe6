"""A draft's reproductions through the token API (issue 19): legends, order, assignment and
deletion, and views following their design when designs are renumbered, reordered or removed,
as in the wizard."""

import pytest
from django.urls import reverse

from hague_portal.filings.models import Reproduction
from tests.submissions.conftest import document

from .v1_helpers import api_for, images, post_json

pytestmark = pytest.mark.django_db


def new_draft(api, designs=2):
    response = post_json(api, "/api/v1/drafts/", {"document": document(designs=designs)})
    assert response.status_code == 201, response.json()
    return response.json()


def upload(api, draft, design, *seeds):
    url = f"/api/v1/drafts/{draft['id']}/reproductions/"
    response = api.post(url, {"design_number": design, "files": images(*seeds)})
    assert response.status_code == 201, response.json()
    return response.json()["accepted"]


def read(api, draft):
    return api.get(f"/api/v1/drafts/{draft['id']}/").json()


def patch(api, draft, **parts):
    body = {"version": read(api, draft)["version"], "document": parts}
    return api.patch(f"/api/v1/drafts/{draft['id']}/", body, format="json")


def views_of(api, draft):
    """{design number: [sha256 of its views in order]} as the document shows them."""
    return {
        d["number"]: [r["sha256"] for r in d["reproductions"]]
        for d in read(api, draft)["document"]["designs"]
    }


def unassigned(api, draft):
    rows = api.get(f"/api/v1/drafts/{draft['id']}/reproductions/").json()["results"]
    return [r["sha256"] for r in rows if r["design_number"] is None]


@pytest.fixture
def chair_and_stool(alice, media):
    """Alice's draft: design 1 a chair with two views, design 2 a stool with one."""
    api = api_for(alice)
    draft = new_draft(api)
    designs = read(api, draft)["document"]["designs"]
    designs[1]["product"] = "stool"
    designs[0]["product"] = "chair"
    assert patch(api, draft, designs=designs).status_code == 200
    chair = [r["sha256"] for r in upload(api, draft, 1, 11, 12)]
    stool = [r["sha256"] for r in upload(api, draft, 2, 21)]
    return api, draft, chair, stool


def test_legends_sent_in_the_document_are_kept_and_the_wizard_shows_them(
    chair_and_stool, client, alice
):
    api, draft, chair, stool = chair_and_stool
    designs = read(api, draft)["document"]["designs"]
    designs[0]["reproductions"][0]["legend_code"] = "1"
    designs[0]["reproductions"][1].update(legend_code="00", legend_text="Detail of the seat")
    response = patch(api, draft, designs=designs)
    assert response.status_code == 200, response.json()
    views = response.json()["document"]["designs"][0]["reproductions"]
    assert [(v["legend_code"], v["legend_text"]) for v in views] == [
        ("1", None),
        ("00", "Detail of the seat"),
    ]
    client.force_login(alice)
    page = client.get(reverse("filings:reproductions", args=[draft["id"]])).content.decode()
    assert "Detail of the seat" in page


def test_an_unknown_legend_code_is_refused_at_its_path_and_the_draft_is_kept(chair_and_stool):
    api, draft, chair, stool = chair_and_stool
    before = read(api, draft)
    designs = read(api, draft)["document"]["designs"]
    designs[1]["product"] = "footstool"
    designs[1]["reproductions"][0]["legend_code"] = "77"
    response = patch(api, draft, designs=designs, reference="CHANGED")
    assert response.status_code == 400
    assert [e["path"] for e in response.json()["errors"]] == [
        "document.designs[1].reproductions[0].legend_code"
    ]
    assert read(api, draft) == before


def test_a_legend_text_with_a_code_other_than_00_is_refused_not_dropped(chair_and_stool):
    api, draft, chair, stool = chair_and_stool
    designs = read(api, draft)["document"]["designs"]
    designs[0]["reproductions"][0].update(legend_code="1", legend_text="Front")
    response = patch(api, draft, designs=designs)
    assert response.status_code == 400
    assert (
        response.json()["errors"][0]["path"] == "document.designs[0].reproductions[0].legend_text"
    )


def test_views_are_reordered_within_their_design_by_the_order_of_the_entries(chair_and_stool):
    api, draft, chair, stool = chair_and_stool
    designs = read(api, draft)["document"]["designs"]
    designs[0]["reproductions"].reverse()
    assert patch(api, draft, designs=designs).status_code == 200
    assert views_of(api, draft) == {1: chair[::-1], 2: stool}


def test_a_view_listed_under_another_design_moves_there(chair_and_stool):
    api, draft, chair, stool = chair_and_stool
    designs = read(api, draft)["document"]["designs"]
    designs[1]["reproductions"].append(designs[0]["reproductions"].pop())
    assert patch(api, draft, designs=designs).status_code == 200
    assert views_of(api, draft) == {1: chair[:1], 2: [*stool, chair[1]]}


def test_removing_a_design_takes_its_views_off_and_the_next_design_keeps_its_own(chair_and_stool):
    """The defect: the stool renumbered 1 showed the chair's views."""
    api, draft, chair, stool = chair_and_stool
    designs = read(api, draft)["document"]["designs"][1:]
    designs[0]["number"] = 1
    assert patch(api, draft, designs=designs).status_code == 200
    assert views_of(api, draft) == {1: stool}
    assert unassigned(api, draft) == chair


def test_reordering_designs_carries_their_views(chair_and_stool):
    api, draft, chair, stool = chair_and_stool
    chair_design, stool_design = read(api, draft)["document"]["designs"]
    stool_design["number"], chair_design["number"] = 1, 2
    assert patch(api, draft, designs=[stool_design, chair_design]).status_code == 200
    assert views_of(api, draft) == {1: stool, 2: chair}


def test_a_put_carries_the_views_as_a_patch_does(chair_and_stool):
    api, draft, chair, stool = chair_and_stool
    current = read(api, draft)
    doc = current["document"]
    doc["designs"] = doc["designs"][1:]
    doc["designs"][0]["number"] = 1
    response = api.put(
        f"/api/v1/drafts/{draft['id']}/",
        {"version": current["version"], "document": doc},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert views_of(api, draft) == {1: stool}


def test_a_design_sent_without_reproductions_keeps_its_views(chair_and_stool):
    api, draft, chair, stool = chair_and_stool
    designs = [
        {k: v for k, v in d.items() if k != "reproductions"}
        for d in read(api, draft)["document"]["designs"]
    ]
    designs[0]["product"] = "armchair"
    assert patch(api, draft, designs=designs).status_code == 200
    assert views_of(api, draft) == {1: chair, 2: stool}


def test_an_entry_naming_no_reproduction_of_the_draft_is_refused_at_its_path(chair_and_stool):
    api, draft, chair, stool = chair_and_stool
    designs = read(api, draft)["document"]["designs"]
    designs[0]["reproductions"][0]["sha256"] = "f" * 64
    designs[1]["reproductions"].append(designs[0]["reproductions"][1])
    response = patch(api, draft, designs=designs)
    assert response.status_code == 400
    assert [e["path"] for e in response.json()["errors"]] == [
        "document.designs[0].reproductions[0].sha256",
        "document.designs[1].reproductions[1]",
    ]
    assert views_of(api, draft) == {1: chair, 2: stool}


def test_a_reproduction_is_moved_to_another_design_and_to_a_place_in_it(chair_and_stool):
    api, draft, chair, stool = chair_and_stool
    rows = api.get(f"/api/v1/drafts/{draft['id']}/reproductions/").json()["results"]
    second_chair_view = next(r for r in rows if r["sha256"] == chair[1])
    response = api.patch(
        second_chair_view["url"], {"design_number": 2, "position": 1}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["number"] == "2.1"
    assert views_of(api, draft) == {1: chair[:1], 2: [chair[1], *stool]}
    assert (
        api.patch(second_chair_view["url"], {"design_number": None}, format="json").status_code
        == 200
    )
    assert unassigned(api, draft) == [chair[1]]


def test_a_reproductions_legend_is_set_and_bad_fields_are_refused_at_their_names(chair_and_stool):
    api, draft, chair, stool = chair_and_stool
    url = api.get(f"/api/v1/drafts/{draft['id']}/reproductions/").json()["results"][0]["url"]
    assert (
        api.patch(url, {"legend_code": "00", "legend_text": "Seat"}, format="json").json()[
            "legend_text"
        ]
        == "Seat"
    )
    refused = api.patch(url, {"design_number": 9, "position": 0, "colour": "red"}, format="json")
    assert refused.status_code == 400
    assert {e["path"] for e in refused.json()["errors"]} == {"design_number", "position", "colour"}
    assert api.get(url).json()["legend_text"] == "Seat"
    assert api.get(url).json()["number"] == "1.1"


def test_a_reproduction_is_deleted_with_its_file(
    chair_and_stool, media, django_capture_on_commit_callbacks
):
    api, draft, chair, stool = chair_and_stool
    row = Reproduction.objects.get(sha256=chair[0])
    path = media / row.file.name
    assert path.exists()
    url = reverse("api-draft-reproduction", args=[draft["id"], row.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert api.delete(url).status_code == 204
    assert views_of(api, draft) == {1: chair[1:], 2: stool}
    assert not path.exists()
    assert api.get(url).status_code == 404


def test_an_unknown_key_in_a_reproduction_entry_is_refused_not_dropped(chair_and_stool):
    api, draft, chair, stool = chair_and_stool
    designs = read(api, draft)["document"]["designs"]
    designs[0]["reproductions"][0]["legend"] = "1"
    response = patch(api, draft, designs=designs)
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["path"] == "document.designs[0].reproductions[0].legend"
    assert error["message"].startswith("unknown key")


def test_two_views_of_the_same_image_are_told_apart_by_their_number(alice):
    """Rows with one digest and no file (made otherwise than by an upload, which refuses the
    same image twice): the number names each."""
    from hague_portal.filings.models import Draft
    from tests.filings.helpers import add_reproductions

    api = api_for(alice)
    draft = new_draft(api, designs=1)
    add_reproductions(Draft.objects.get(pk=draft["id"]), designs=1, per_design=2)
    first, second = Reproduction.objects.filter(draft_id=draft["id"]).order_by("position")
    designs = read(api, draft)["document"]["designs"]
    designs[0]["reproductions"].reverse()
    response = patch(api, draft, designs=designs)
    assert response.status_code == 200, response.json()
    assert list(
        Reproduction.objects.filter(draft_id=draft["id"])
        .order_by("position")
        .values_list("pk", flat=True)
    ) == [second.pk, first.pk]
