"""Walking the wizard with the Django client: create, every step GET and POST, the overview."""

from django.urls import reverse

from hague_portal.filings.models import Draft
from hague_portal.filings.steps import STEPS

from .helpers import APPLICANT, formset, post_step, step_url

STEP_POSTS = {
    "applicants": {**formset("applicants", [APPLICANT], initial=1), "correspondence_email": ""},
    "entitlement": {"domicile": ["CH"], "nationality": ["CH"]},
    "representative": {},
    "designations": {"designations": ["CH", "EM"]},
    "designs": formset("designs", [{"product": "chair", "locarno": "06-01"}], extra_blank=1),
    "description": {"description": "A chair with three legs."},
    "creators": formset("creators", [], extra_blank=1),
    "priority": formset("priorities", [], extra_blank=1),
    "exhibition": {},
    "publication": {"mode": "deferred", "months": "12"},
    "fees": {"method": "current_account"},
    "review": {"name": "/Alice Applicant/", "capacity": "applicant"},
}


def _statuses(client, draft):
    page = client.get(reverse("filings:overview", args=[draft.id])).content.decode()
    return {
        step.key: status
        for step in STEPS
        for status in ("not_started", "in_progress", "complete", "errors")
        if f'data-step="{step.key}" data-status="{status}"' in page
    }


def test_a_new_application_starts_with_item_1_filled_from_the_user(client, alice, reference):
    client.force_login(alice)
    response = client.post(reverse("filings:create"))
    draft = Draft.objects.get(created_by=alice)
    assert response.url == reverse("filings:overview", args=[draft.id])
    assert draft.document["applicants"][0]["name"] == "Alice Applicant"


def test_a_representative_files_for_a_client_and_item_5_is_the_firm(client, bob, acme, reference):
    client.force_login(bob)
    client.post(reverse("filings:create"), {"client": acme.pk})
    draft = Draft.objects.get(created_by=bob)
    assert draft.client == acme
    assert draft.document["applicants"][0]["name"] == "ACME Design GmbH"
    assert draft.document["representative"]["name"] == "Bob & Partners"


def test_a_representative_must_choose_a_client(client, bob, reference):
    client.force_login(bob)
    client.post(reverse("filings:create"))
    assert not Draft.objects.filter(created_by=bob).exists()


def test_every_step_page_opens_on_a_new_draft(client, alice, alice_draft):
    client.force_login(alice)
    for step in STEPS:
        response = client.get(step_url(alice_draft, step.key))
        assert response.status_code in (200, 302), step.key
        page = response.content.decode()
        if response.status_code == 200 and "does not apply" not in page:
            assert 'aria-current="step"' in page, step.key


def test_saving_every_step_in_turn_completes_the_overview(client, alice, alice_draft):
    client.force_login(alice)
    for key, data in STEP_POSTS.items():
        response = post_step(client, alice_draft, key, data)
        assert response.status_code == 302, (key, response.content.decode()[:2000])
    statuses = _statuses(client, alice_draft)
    assert statuses.pop("reproductions") == "not_started"
    assert set(statuses.values()) == {"complete"}, statuses
    document = Draft.objects.get(pk=alice_draft.pk).document
    assert document["applicant_contracting_party"] == "CH"
    assert document["publication"] == {"mode": "deferred", "months": 12}
    assert document["payment"] == {"method": "current_account"}


def test_save_and_continue_goes_to_the_next_applicable_step(client, alice, alice_draft):
    client.force_login(alice)
    response = post_step(client, alice_draft, "applicants", STEP_POSTS["applicants"])
    assert response.url == step_url(alice_draft, "entitlement")


def test_save_and_exit_goes_to_the_workbench(client, alice, alice_draft):
    client.force_login(alice)
    response = post_step(client, alice_draft, "description", {"description": "x"}, action="exit")
    assert response.url == reverse("workbench")


def test_an_invalid_step_keeps_the_input_and_lists_the_errors_at_the_top(
    client, alice, alice_draft
):
    client.force_login(alice)
    data = formset("designs", [{"product": "stool", "locarno": "99"}])
    response = post_step(client, alice_draft, "designs", data)
    page = response.content.decode()
    assert response.status_code == 400
    assert 'role="alert"' in page and 'href="#id_designs-0-locarno"' in page
    assert "There is no Locarno class" in page
    assert 'value="stool"' in page


def test_a_non_latin_name_needs_a_transliteration(client, alice, alice_draft):
    client.force_login(alice)
    row = {**APPLICANT, "name": "山田太郎"}
    response = post_step(client, alice_draft, "applicants", formset("applicants", [row], initial=1))
    assert "give it in Latin characters as well" in response.content.decode()


def test_only_eligible_parties_can_be_designated(client, alice, alice_draft):
    client.force_login(alice)
    post_step(client, alice_draft, "entitlement", {"domicile": ["CH"]})
    response = post_step(client, alice_draft, "designations", {"designations": ["XX"]})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_the_designations_page_shows_the_act_and_the_fee_type(client, alice, alice_draft):
    client.force_login(alice)
    post_step(client, alice_draft, "entitlement", {"domicile": ["CH"]})
    page = client.get(step_url(alice_draft, "designations")).content.decode()
    assert "1999 Act" in page and "individual fee" in page


def test_the_claim_step_applies_only_with_a_party_requiring_a_claim(client, alice, alice_draft):
    from .conftest import fill

    client.force_login(alice)
    fill(alice_draft, alice)
    assert (
        "steps/claim/"
        not in client.get(reverse("filings:overview", args=[alice_draft.id])).content.decode()
    )
    fill(
        Draft.objects.get(pk=alice_draft.pk),
        alice,
        designations=["US"],
        entitlement={"domicile": ["US"]},
    )
    page = client.get(step_url(alice_draft, "claim")).content.decode()
    assert "the ornamental design for [indicate an article] as shown and described" in page


def test_deferment_is_limited_by_the_designated_parties(client, alice, alice_draft):
    from .conftest import fill

    client.force_login(alice)
    fill(alice_draft, alice, designations=["CH", "DK"], entitlement={"domicile": ["CH"]})
    response = post_step(client, alice_draft, "publication", {"mode": "deferred", "months": "12"})
    assert response.status_code == 400
    assert "at most 6 months" in response.content.decode()


def test_removing_a_design_renumbers_the_rest(client, alice, alice_draft):
    from hague_portal.filings.models import Reproduction

    from .conftest import fill
    from .helpers import add_reproductions

    client.force_login(alice)
    fill(alice_draft, alice, designs=3)
    add_reproductions(alice_draft, designs=3, per_design=1)
    rows = [{"number": n, "product": f"chair {n}", "locarno": "06-01"} for n in (1, 2, 3)]
    data = formset("designs", rows, initial=3)
    data["designs-1-DELETE"] = "on"
    assert post_step(client, alice_draft, "designs", data).status_code == 302
    designs = Draft.objects.get(pk=alice_draft.pk).document["designs"]
    assert [(d["number"], d["product"]) for d in designs] == [(1, "chair 1"), (2, "chair 3")]
    numbers = sorted(
        Reproduction.objects.filter(draft=alice_draft).values_list("design_number", flat=True),
        key=lambda n: (n is None, n),
    )
    assert numbers == [1, 2, None]


def test_the_side_panel_links_findings_to_the_step_and_field(client, alice, alice_draft):
    from .conftest import fill

    client.force_login(alice)
    fill(alice_draft, alice, designs=2)
    page = client.get(reverse("filings:panel", args=[alice_draft.id])).content.decode()
    assert reverse("filings:reproductions", args=[alice_draft.id]) in page
    assert "Due at filing" in page


def test_the_review_page_disables_submit_and_says_why(client, alice, alice_draft):
    from .conftest import fill

    client.force_login(alice)
    fill(alice_draft, alice)
    page = client.get(step_url(alice_draft, "review")).content.decode()
    assert 'data-testid="why-not"' in page
    assert "disabled" in page.split('data-testid="submit"')[0].rsplit("<button", 1)[1]


def test_the_description_step_shows_the_word_fee_from_the_fee_data(client, alice, alice_draft):
    client.force_login(alice)
    page = client.get(step_url(alice_draft, "description")).content.decode()
    assert 'data-word-fee="2.00"' in page


def test_the_workbench_lists_the_drafts_with_a_link_to_resume(client, alice, alice_draft):
    client.force_login(alice)
    page = client.get(reverse("workbench")).content.decode()
    assert reverse("filings:overview", args=[alice_draft.id]) in page
    assert "New application" in page and "Import a document" in page


def test_item_3_is_asked_only_when_item_2_gives_several_1999_act_parties(
    client, alice, alice_draft
):
    client.force_login(alice)
    response = post_step(
        client, alice_draft, "entitlement", {"domicile": ["CH"], "nationality": ["EM"]}
    )
    assert response.status_code == 400
    assert "Choose one of" in response.content.decode()
    data = {"domicile": ["CH"], "nationality": ["EM"], "applicant_contracting_party": "EM"}
    assert post_step(client, alice_draft, "entitlement", data).status_code == 302
    assert Draft.objects.get(pk=alice_draft.pk).document["applicant_contracting_party"] == "EM"


def test_the_annexes_step_appears_for_a_us_designation_and_asks_for_annex_i(
    client, alice, alice_draft
):
    from .conftest import fill

    client.force_login(alice)
    fill(alice_draft, alice, designations=["US"], entitlement={"domicile": ["US"]})
    page = client.get(step_url(alice_draft, "annexes")).content.decode()
    assert "Yes: a designated party requires the creator" in page
    assert _statuses(client, alice_draft)["annexes"] != "complete"


def test_every_step_page_refreshes_its_side_panel_with_htmx(client, alice, alice_draft):
    client.force_login(alice)
    page = client.get(step_url(alice_draft, "designs")).content.decode()
    panel = reverse("filings:panel", args=[alice_draft.id])
    assert f'hx-get="{panel}"' in page and "draft-saved from:body" in page
    assert 'data-testid="fee-total"' in page  # rendered in place on a full load


def test_removing_the_only_applicant_is_refused_with_a_clear_message(client, alice, alice_draft):
    client.force_login(alice)
    data = formset("applicants", [{**APPLICANT, "DELETE": "on"}], initial=1)
    data["applicants-MIN_NUM_FORMS"] = "1"
    response = post_step(client, alice_draft, "applicants", data)
    assert response.status_code == 400
    assert "Name at least one applicant (item 1)." in response.content.decode()


def test_more_than_100_designs_are_refused(client, alice, alice_draft):
    client.force_login(alice)
    rows = [{"product": f"cup {n}", "locarno": "07-01"} for n in range(101)]
    response = post_step(client, alice_draft, "designs", formset("designs", rows))
    assert response.status_code == 400
    assert "at most 100 designs" in response.content.decode()


def test_the_applicants_step_shows_one_applicant_and_adds_another_on_request(
    client, alice, alice_draft
):
    """No empty second applicant form (issue 20): a button adds the row when it is wanted."""
    client.force_login(alice)
    first = client.get(step_url(alice_draft, "applicants"))
    assert len(first.context["formset"].forms) == 1
    assert "Add another applicant" in first.content.decode()
    data = formset("applicants", [APPLICANT])
    response = post_step(client, alice_draft, "applicants", data, action="stay")
    assert response.status_code == 302 and response.url.endswith("?add=1")
    again = client.get(response.url)
    assert len(again.context["formset"].forms) == 2
    assert len(client.get(step_url(alice_draft, "applicants")).context["formset"].forms) == 1
