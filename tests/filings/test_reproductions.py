"""The Reproductions step (item 10): uploads through the view, numbering d.1, d.2 by position,
legends from the reference data, and files served only to those who may read the draft."""

import csv
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hague_portal.filings import uploads
from hague_portal.filings.models import Draft, DraftStatus, Reproduction
from hague_portal.filings.views_files import reproductions_page
from hague_portal.reference.models import LegendCode
from hague_portal.reference.selectors import reference_data_changed

from .sample_files import image_bytes, jpeg, tiff

REFERENCE_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "reference"
DESIGNS = {"designs": [{"number": 1, "product": "Chair"}, {"number": 2, "product": "Table"}]}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def ref(db):
    """The legend codes of the reference data (1 perspective view, 2 front view, 00 other)."""
    with (REFERENCE_DIR / "legend_codes.csv").open(encoding="utf-8") as handle:
        LegendCode.objects.bulk_create(LegendCode(**row) for row in csv.DictReader(handle))
    reference_data_changed()


@pytest.fixture
def draft(alice):
    return Draft.objects.create(created_by=alice, document=DESIGNS)


@pytest.fixture
def client_draft(bob, acme):
    """Filed by bob for ACME, a client of bob's firm (vera reads it)."""
    return Draft.objects.create(created_by=bob, client=acme, document=DESIGNS)


def upload(name, data):
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def add(draft, user, count=1, design=None, size=(1000, 800)):
    files = [upload(f"view{i}.jpg", jpeg(size=(size[0] + i, size[1]))) for i in range(count)]
    accepted, rejected = uploads.reproductions_upload(
        draft=draft, user=user, files=files, design_number=design
    )
    assert not rejected
    return accepted


def numbers(draft):
    got = uploads.reproduction_numbers(draft)
    return [got.get(r.id) for r in Reproduction.objects.filter(draft=draft).order_by("id")]


# --- upload through the view --------------------------------------------------------------


def test_a_mixed_batch_keeps_the_good_files_and_names_the_bad_ones(client, alice, draft, ref):
    client.force_login(alice)
    files = [
        upload("front.jpg", jpeg()),
        upload("scan.tif", image_bytes("PNG")),
        upload("web.jpg", jpeg(dpi=(72, 72))),
        upload("side.tif", tiff(mode="L")),
    ]
    url = reverse("filings:reproductions", args=[draft.id])
    response = client.post(url, {"files": files, "design": "1"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "front.jpg</span>:" in html and "side.tif</span>:" in html
    assert "scan.tif</span>:" in html and "This file is a PNG image, not JPEG or TIFF" in html
    assert (
        "web.jpg</span>:" in html and "This image has 72 dpi; reproductions must be 300 dpi" in html
    )
    kept = Reproduction.objects.filter(draft=draft).order_by("position")
    assert [(r.original_name, r.design_number) for r in kept] == [
        ("front.jpg", 1),
        ("side.tif", 1),
    ]
    assert numbers(draft) == ["1.1", "1.2"]


def test_an_htmx_upload_answers_with_the_list_fragment(client, alice, draft, ref):
    client.force_login(alice)
    url = reverse("filings:reproductions", args=[draft.id])
    response = client.post(
        url, {"files": [upload("a.jpg", jpeg(mode="CMYK"))]}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert 'id="reproduction-list"' in html and "<html" not in html
    assert 'data-name="a.jpg" data-accepted="false"' in html
    assert "CMYK images are not accepted; convert to RGB" in html


def test_the_page_shows_designs_the_pool_and_an_accessible_upload_form(client, alice, draft, ref):
    add(draft, alice, design=2)
    add(draft, alice, size=(900, 800))
    client.force_login(alice)
    response = client.get(reverse("filings:reproductions", args=[draft.id]))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'type="file" name="files" id="id_files"' in html and "multiple" in html
    assert '<label for="id_files"' in html and 'aria-live="polite"' in html
    assert "Design 1: Chair" in html and "Design 2: Table" in html
    assert "Not assigned to a design" in html
    assert "1: Perspective view" in html  # legend choices come from the reference data
    assert "/media" not in html


def test_an_image_uploaded_twice_is_refused_as_a_duplicate(alice, draft, ref):
    data = jpeg()
    uploads.reproductions_upload(draft=draft, user=alice, files=[upload("a.jpg", data)])
    _, rejected = uploads.reproductions_upload(
        draft=draft, user=alice, files=[upload("again.jpg", data)]
    )
    assert rejected == [
        ("again.jpg", "This image is already in this application (among the unassigned images)")
    ]


def test_the_folder_a_browser_sends_is_dropped_from_the_name(alice, draft, ref):
    files = [upload("C:\\Users\\jane\\front.jpg", jpeg(size=(700, 700)))]
    accepted, _ = uploads.reproductions_upload(draft=draft, user=alice, files=files)
    assert accepted[0].original_name == "front.jpg"


def test_the_size_limit_comes_from_settings(settings, alice, draft, ref):
    settings.REPRODUCTION_MAX_BYTES = 1000
    _, rejected = uploads.reproductions_upload(
        draft=draft, user=alice, files=[upload("big.jpg", jpeg())]
    )
    assert rejected == [
        ("big.jpg", "This file is larger than 1000 bytes, the limit for a reproduction")
    ]


def test_a_viewer_cannot_upload(client, vera, client_draft, ref):
    client.force_login(vera)
    url = reverse("filings:reproductions", args=[client_draft.id])
    response = client.post(url, {"files": [upload("a.jpg", jpeg())]})
    assert response.status_code == 404
    assert not Reproduction.objects.exists()


def test_a_viewer_sees_the_page_without_forms(client, vera, bob, client_draft, ref):
    add(client_draft, bob, design=1)
    client.force_login(vera)
    html = client.get(reverse("filings:reproductions", args=[client_draft.id])).content.decode()
    assert "1.1" in html
    assert 'name="files"' not in html and "Move up" not in html and "Delete" not in html


def test_a_submitted_draft_refuses_uploads(alice, draft, ref):
    draft.status = DraftStatus.SUBMITTED
    with pytest.raises(ValidationError):
        uploads.reproductions_upload(draft=draft, user=alice, files=[upload("a.jpg", jpeg())])


# --- numbering ----------------------------------------------------------------------------


def test_numbering_follows_design_and_position_after_assign_and_reorder(alice, draft, ref):
    a, b, c = add(draft, alice, count=3)  # unassigned: no number
    assert numbers(draft) == [None, None, None]

    for reproduction, design in ((a, 1), (b, 2), (c, 1)):
        uploads.reproduction_assign(reproduction=reproduction, user=alice, design_number=design)
    assert numbers(draft) == ["1.1", "2.1", "1.2"]

    uploads.reproductions_reorder(
        draft=draft, user=alice, design_number=1, ordered_ids=[c.id, a.id]
    )
    assert numbers(draft) == ["1.2", "2.1", "1.1"]


def test_move_up_and_down_swap_neighbours(alice, draft, ref):
    a, b, c = add(draft, alice, count=3, design=1)
    uploads.reproduction_move(reproduction=c, user=alice, direction="up")
    assert numbers(draft) == ["1.1", "1.3", "1.2"]
    uploads.reproduction_move(reproduction=a, user=alice, direction="down")
    assert numbers(draft) == ["1.2", "1.3", "1.1"]
    uploads.reproduction_move(reproduction=c, user=alice, direction="up")  # already first: stays
    assert numbers(draft) == ["1.2", "1.3", "1.1"]


def test_the_up_button_works_without_javascript(client, alice, draft, ref):
    a, b = add(draft, alice, count=2, design=1)
    client.force_login(alice)
    url = reverse("filings:reproduction_move", args=[draft.id, b.id])
    response = client.post(url, {"direction": "up"})
    assert response.status_code == 302
    assert response.url == reverse("filings:reproductions", args=[draft.id])
    assert numbers(draft) == ["1.2", "1.1"]


def test_drag_and_drop_posts_the_new_order(client, alice, draft, ref):
    a, b, c = add(draft, alice, count=3, design=2)
    client.force_login(alice)
    url = reverse("filings:reproductions_reorder", args=[draft.id])
    response = client.post(
        url, {"design": "2", "order": [c.id, a.id, b.id]}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200 and 'id="reproduction-list"' in response.content.decode()
    assert numbers(draft) == ["2.2", "2.3", "2.1"]


def test_reordering_with_a_foreign_id_is_refused(alice, draft, ref):
    a, b = add(draft, alice, count=2, design=1)
    with pytest.raises(ValidationError):
        uploads.reproductions_reorder(
            draft=draft, user=alice, design_number=2, ordered_ids=[a.id, b.id]
        )


def test_assigning_to_a_design_the_application_lacks_is_refused(alice, draft, ref):
    [a] = add(draft, alice)
    with pytest.raises(ValidationError, match="no design 3"):
        uploads.reproduction_assign(reproduction=a, user=alice, design_number=3)


def test_the_assign_form_moves_an_image_to_the_end_of_a_design(client, alice, draft, ref):
    first, _ = add(draft, alice, count=2, design=1)
    [pooled] = add(draft, alice, size=(500, 500))
    client.force_login(alice)
    client.post(reverse("filings:reproduction_assign", args=[draft.id, pooled.id]), {"design": "1"})
    assert uploads.reproduction_numbers(draft)[pooled.id] == "1.3"
    client.post(reverse("filings:reproduction_assign", args=[draft.id, first.id]), {"design": ""})
    assert first.id not in uploads.reproduction_numbers(draft)
    assert uploads.reproduction_numbers(draft)[pooled.id] == "1.2"


def test_numbers_are_computed_in_one_query(alice, draft, ref, django_assert_num_queries):
    add(draft, alice, count=3, design=1)
    with django_assert_num_queries(1):
        uploads.reproduction_numbers(draft)


def test_101_files_in_one_upload_store_nothing_and_say_why(client, alice, draft, ref):
    # Django refuses more than DATA_UPLOAD_MAX_NUMBER_FILES (100) files in one request while
    # it parses it; the page says so instead of a bare 400.
    client.force_login(alice)
    files = [upload(f"view{i}.jpg", jpeg(size=(100 + i, 100))) for i in range(101)]
    url = reverse("filings:reproductions", args=[draft.id])
    response = client.post(url, {"files": files, "design": "1"}, follow=True)
    html = response.content.decode()
    assert response.redirect_chain == [(url, 302)]
    assert "You chose more than 100 files for one upload, so none of them was stored." in html
    assert "Upload at most 100 files at a time" in html
    assert not Reproduction.objects.exists()


# --- legends ------------------------------------------------------------------------------


def test_a_legend_code_from_the_reference_data_is_kept(alice, draft, ref):
    [a] = add(draft, alice, design=1)
    uploads.reproduction_set_legend(reproduction=a, user=alice, code="2", text="ignored")
    a.refresh_from_db()
    assert (a.legend_code, a.legend_text) == ("2", "")


def test_code_00_takes_free_text(alice, draft, ref):
    [a] = add(draft, alice, design=1)
    uploads.reproduction_set_legend(
        reproduction=a, user=alice, code="00", text="Detail of the hinge"
    )
    a.refresh_from_db()
    assert (a.legend_code, a.legend_text) == ("00", "Detail of the hinge")


def test_an_unknown_legend_code_is_refused(alice, draft, ref):
    [a] = add(draft, alice, design=1)
    with pytest.raises(ValidationError, match="not a legend code"):
        uploads.reproduction_set_legend(reproduction=a, user=alice, code="77")


def test_a_legend_over_50_characters_is_refused(alice, draft, ref):
    # Guide, item 10: other legends (code 00) are limited to 50 characters.
    [a] = add(draft, alice, design=1)
    with pytest.raises(ValidationError) as excinfo:
        uploads.reproduction_set_legend(reproduction=a, user=alice, code="00", text="x" * 63)
    assert excinfo.value.messages == ["Legend text is limited to 50 characters (you typed 63)."]


def test_the_legend_form_shows_the_error_and_keeps_what_was_typed(client, alice, draft, ref):
    [a] = add(draft, alice, design=1)
    client.force_login(alice)
    typed = "A very long legend that goes on and on past the limit of fifty"
    url = reverse("filings:reproduction_legend", args=[draft.id, a.id])
    response = client.post(url, {"legend_code": "00", "legend_text": typed})
    html = response.content.decode()
    assert response.status_code == 400
    assert f"Legend text is limited to 50 characters (you typed {len(typed)})." in html
    assert f'value="{typed}"' in html
    a.refresh_from_db()
    assert a.legend_text == ""


def test_a_legend_with_a_nul_character_is_refused_at_the_field(client, alice, draft, ref):
    [a] = add(draft, alice, design=1)
    client.force_login(alice)
    url = reverse("filings:reproduction_legend", args=[draft.id, a.id])
    response = client.post(url, {"legend_code": "00", "legend_text": "Top\x00 view"})
    assert response.status_code == 400
    assert "This legend contains a NUL character" in response.content.decode()
    a.refresh_from_db()
    assert a.legend_text == ""


@pytest.mark.parametrize("text", ["Top\x00 view", "Top \ud800view"], ids=["nul", "surrogate"])
def test_a_legend_that_cannot_be_stored_names_the_field(alice, draft, ref, text):
    [a] = add(draft, alice, design=1)
    with pytest.raises(ValidationError) as excinfo:
        uploads.reproduction_set_legend(reproduction=a, user=alice, code="00", text=text)
    assert list(excinfo.value.message_dict) == ["legend_text"]


# --- delete -------------------------------------------------------------------------------


def test_delete_removes_the_row_and_its_files(
    client, alice, draft, ref, media, django_capture_on_commit_callbacks
):
    [a] = add(draft, alice, design=1)
    stored = [media / a.file.name, media / a.thumbnail.name]
    assert all(path.exists() for path in stored)
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("filings:reproduction_delete", args=[draft.id, a.id]))
    assert not Reproduction.objects.exists()
    assert not any(path.exists() for path in stored)


# --- serving files ------------------------------------------------------------------------


def test_files_are_served_to_the_owner(client, alice, draft, ref):
    [a] = add(draft, alice, design=1)
    client.force_login(alice)
    for kind, content_type in (("reproduction", "image/jpeg"), ("thumbnail", "image/jpeg")):
        response = client.get(reverse("filings:file", args=[draft.id, kind, a.id]))
        assert response.status_code == 200
        assert response["Content-Type"] == content_type
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"


def test_files_are_served_to_a_viewer_of_the_clients_firm(client, vera, bob, client_draft, ref):
    [a] = add(client_draft, bob, design=1)
    client.force_login(vera)
    response = client.get(reverse("filings:file", args=[client_draft.id, "thumbnail", a.id]))
    assert response.status_code == 200


def test_files_are_404_for_an_outsider(client, charlie, alice, draft, ref):
    [a] = add(draft, alice, design=1)
    client.force_login(charlie)
    for kind in ("reproduction", "thumbnail"):
        response = client.get(reverse("filings:file", args=[draft.id, kind, a.id]))
        assert response.status_code == 404


def test_a_file_of_another_draft_is_404_even_for_its_owner(client, alice, draft, ref):
    other = Draft.objects.create(created_by=alice, document=DESIGNS)
    [a] = add(other, alice, design=1)
    client.force_login(alice)
    response = client.get(reverse("filings:file", args=[draft.id, "reproduction", a.id]))
    assert response.status_code == 404


def test_an_unknown_file_kind_is_404(client, alice, draft, ref):
    [a] = add(draft, alice, design=1)
    client.force_login(alice)
    assert client.get(reverse("filings:file", args=[draft.id, "original", a.id])).status_code == 404


# --- one design at a time -----------------------------------------------------------------


def named(draft, user, names, design=None):
    # A distinct size per name: the same image twice would be refused as a duplicate.
    files = [upload(name, jpeg(size=(600 + sum(map(ord, name)) % 400, 600))) for name in names]
    accepted, rejected = uploads.reproductions_upload(
        draft=draft, user=user, files=files, design_number=design
    )
    assert not rejected
    return accepted


def page(client, draft, query=""):
    response = client.get(reverse("filings:reproductions", args=[draft.id]) + query)
    return response, response.content.decode()


def test_the_design_view_lists_only_that_designs_reproductions(client, alice, draft, ref):
    named(draft, alice, ["chair-front.jpg"], design=1)
    named(draft, alice, ["table-front.jpg", "table-side.jpg"], design=2)
    named(draft, alice, ["loose.jpg"])
    client.force_login(alice)
    response, html = page(client, draft, "?design=2")
    assert response.status_code == 200
    assert "table-front.jpg" in html and "table-side.jpg" in html
    assert "chair-front.jpg" not in html and "loose.jpg" not in html
    assert 'aria-label="Reproductions of design 2"' in html
    assert 'aria-label="Reproductions of design 1"' not in html
    tab = f'href="{reverse("filings:reproductions", args=[draft.id])}?design=2" aria-current="page"'
    assert tab in html


def test_the_pool_view_lists_only_the_unassigned_images(client, alice, draft, ref):
    named(draft, alice, ["chair-front.jpg"], design=1)
    named(draft, alice, ["loose.jpg"])
    client.force_login(alice)
    _, html = page(client, draft, "?design=pool")
    assert "loose.jpg" in html and "chair-front.jpg" not in html
    assert 'aria-label="Unassigned reproductions"' in html


def test_an_unknown_design_number_is_explained(client, alice, draft, ref):
    named(draft, alice, ["chair-front.jpg"], design=1)
    client.force_login(alice)
    for query in ("?design=7", "?design=0", "?design=abc"):
        response, html = page(client, draft, query)
        assert response.status_code == 404, query
        assert "choose a design from 1 to 2 or the unassigned images" in html, query
        assert "chair-front.jpg" not in html
        assert "?design=1" in html  # the design tabs are there to choose from


def test_an_outsider_gets_404_for_a_design_view(client, charlie, alice, draft, ref):
    named(draft, alice, ["chair-front.jpg"], design=1)
    client.force_login(charlie)
    response, html = page(client, draft, "?design=1")
    assert response.status_code == 404
    assert "chair-front.jpg" not in html and "Design 1" not in html


def test_many_reproductions_show_one_design_at_a_time(client, alice, draft, ref, monkeypatch):
    monkeypatch.setattr(reproductions_page, "SHOW_ALL_UP_TO", 2)
    named(draft, alice, ["chair-front.jpg", "chair-side.jpg"], design=1)
    named(draft, alice, ["table-front.jpg"], design=2)
    client.force_login(alice)
    _, html = page(client, draft)
    assert 'aria-label="Designs"' in html
    assert "chair-front.jpg" in html and "table-front.jpg" not in html  # design 1 first


def test_a_few_reproductions_show_every_design_on_one_page(client, alice, draft, ref):
    named(draft, alice, ["chair-front.jpg"], design=1)
    named(draft, alice, ["table-front.jpg"], design=2)
    client.force_login(alice)
    _, html = page(client, draft)
    assert "chair-front.jpg" in html and "table-front.jpg" in html
    assert 'aria-label="Designs"' not in html


def test_the_card_forms_post_to_the_action_urls_and_keep_the_design_in_view(
    client, alice, draft, ref
):
    [a] = named(draft, alice, ["table-front.jpg"], design=2)
    client.force_login(alice)
    _, html = page(client, draft, "?design=2")
    for name in ("reproduction_assign", "reproduction_legend", "reproduction_move"):
        assert f'action="{reverse(f"filings:{name}", args=[draft.id, a.id])}?design=2"' in html
    for kind in ("thumbnail", "reproduction"):
        assert reverse("filings:file", args=[draft.id, kind, a.id]) in html
    assert 'type="number" name="design"' in html and 'max="2"' in html and 'value="2"' in html


def test_after_an_action_without_javascript_the_same_design_is_shown(client, alice, draft, ref):
    [a] = named(draft, alice, ["table-front.jpg"], design=2)
    client.force_login(alice)
    url = reverse("filings:reproduction_assign", args=[draft.id, a.id]) + "?design=2"
    response = client.post(url, {"design": "1"})
    assert response.status_code == 302
    assert response.url == reverse("filings:reproductions", args=[draft.id]) + "?design=2"
    assert uploads.reproduction_numbers(draft)[a.id] == "1.1"


def test_an_empty_design_number_returns_the_image_to_the_pool(client, alice, draft, ref):
    [a] = named(draft, alice, ["table-front.jpg"], design=2)
    client.force_login(alice)
    client.post(reverse("filings:reproduction_assign", args=[draft.id, a.id]), {"design": ""})
    assert a.id not in uploads.reproduction_numbers(draft)


def test_with_one_design_an_upload_goes_to_it_without_choosing(client, alice, ref):
    draft = Draft.objects.create(
        created_by=alice, document={"designs": [{"number": 1, "product": "Chair"}]}
    )
    client.force_login(alice)
    url = reverse("filings:reproductions", args=[draft.id])
    assert "Not assigned yet" not in client.get(url).content.decode()
    client.post(url, {"files": [upload("a.jpg", jpeg())], "design": ""})
    assert list(draft.reproductions.values_list("design_number", flat=True)) == [1]


def test_unassigned_images_stop_save_and_continue_with_a_message_at_the_upload(
    client, alice, draft, ref
):
    add(draft, alice, count=2)  # two designs: nothing to guess, the pool
    client.force_login(alice)
    response = client.post(reverse("filings:reproductions_continue", args=[draft.id]))
    assert response.status_code == 400
    results = response.content.decode().split('id="upload-results"')[1].split("</div>")[0]
    assert "2 images are not assigned to a design yet" in results


def test_save_and_continue_moves_on_when_every_image_has_its_design(client, alice, draft, ref):
    add(draft, alice, design=1)
    client.force_login(alice)
    response = client.post(reverse("filings:reproductions_continue", args=[draft.id]))
    assert response.status_code == 302
