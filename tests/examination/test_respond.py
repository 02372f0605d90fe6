"""Responding online to an invitation (issue 9), as the applicant does it from the application's
page: corrected text, replacement reproductions checked as in the wizard, a new frozen revision
with its SHA-256, the original filing untouched; refused for those who may not file, and after
the time limit (Rule 14(1))."""

from datetime import date, datetime
from pathlib import Path

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hague_portal.examination import services
from hague_portal.examination.models import ExaminationStatus, Response
from hague_portal.hague.clock import GENEVA
from hague_portal.submissions.models import IrregularityStatus, Submission
from hague_portal.submissions.services import canonical_sha256
from tests.filings.sample_files import jpeg
from tests.filings.test_annex_active_content import _javascript_link, _open_action
from tests.submissions.conftest import make_draft, submit


def geneva(day: date, hour=10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=GENEVA)


def invite(examination, by, category, **fields):
    services.irregularity_raise(
        examination=examination, by=by, category=category, message="", **fields
    )
    return services.invitation_send(examination=examination, by=by)


def respond_url(submission, sequence=1):
    return reverse("submissions:respond", args=[submission.number, sequence])


def image(name="new.jpg", **kwargs):
    return SimpleUploadedFile(name, jpeg(**kwargs), "image/jpeg")


def stored(media: Path) -> list[str]:
    folder = media / "responses"
    return sorted(str(p.relative_to(media)) for p in folder.rglob("*") if p.is_file())


@pytest.fixture
def invited_description(filed, erik):
    invite(filed, erik, "description", parties=["EM"])
    return filed


@pytest.fixture
def invited_reproductions(filed, erik):
    invite(filed, erik, "reproductions", designs=[2])
    return filed


def test_the_applicant_corrects_the_description_as_a_new_revision(
    client, alice, invited_description
):
    submission = invited_description.submission
    filed_document = Submission.objects.get(pk=submission.pk).document
    client.force_login(alice)
    page = client.get(respond_url(submission))
    assert page.status_code == 200
    assert "Description (item 9)" in page.content.decode()

    response = client.post(
        respond_url(submission),
        {"description": "A chair with three legs.", "message": "Added.", "confirm": "on"},
        follow=True,
    )

    (row,) = Response.objects.all()
    assert row.revision == 1
    assert row.document["description"] == "A chair with three legs."
    assert row.document_sha256 == canonical_sha256(row.document)
    assert row.message == "Added." and row.submitted_by == alice
    assert f"Response sent: revision 1, SHA-256 {row.document_sha256}" in response.content.decode()
    assert Submission.objects.get(pk=submission.pk).document == filed_document
    assert invited_description.__class__.objects.get(pk=submission.pk).status == (
        ExaminationStatus.RESPONDED
    )


def test_a_replacement_reproduction_is_stored_apart_and_named_in_the_revision(
    client, alice, invited_reproductions, media
):
    submission = Submission.objects.get(pk=invited_reproductions.pk)
    client.force_login(alice)
    page = client.get(respond_url(submission)).content.decode()
    assert "Replacement for reproduction 2.1" in page
    assert "Replacement for reproduction 1.1" not in page  # design 1 is not concerned

    client.post(
        respond_url(submission),
        {"reproduction_2_1": image(size=(900, 700)), "confirm": "on"},
    )

    (row,) = Response.objects.all()
    (entry,) = row.files
    assert entry["role"] == "reproduction" and entry["number"] == "2.1" and entry["design"] == 2
    assert entry["path"].startswith(f"responses/{submission.number}/1/")
    assert (media / entry["path"]).exists()
    view = row.document["designs"][1]["reproductions"][0]
    assert (view["file"], view["sha256"]) == (entry["path"], entry["sha256"])
    assert row.document_sha256 == canonical_sha256(row.document)
    # The filing keeps its own files and document.
    after = Submission.objects.get(pk=submission.pk)
    assert after.files == submission.files and after.document == submission.document
    assert row.invitation.irregularities.get().status == IrregularityStatus.ANSWERED


def test_a_bad_image_is_refused_at_its_field_with_nothing_stored(
    client, alice, invited_reproductions, media
):
    submission = invited_reproductions.submission
    client.force_login(alice)
    response = client.post(
        respond_url(submission),
        {
            "reproduction_2_1": image(dpi=(72, 72)),
            "message": "Here is the new view.",
            "confirm": "on",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "reproduction_2_1" in form.errors
    assert "dpi" in " ".join(form.errors["reproduction_2_1"])
    assert "choose the replacement files again" in response.content.decode()
    assert "Here is the new view." in response.content.decode()  # what was typed is kept
    assert not Response.objects.exists()
    assert not (media / "responses").exists() or stored(media) == []


def test_no_replacement_chosen_is_said_at_the_first_reproduction(
    client, alice, invited_reproductions
):
    client.force_login(alice)
    response = client.post(respond_url(invited_reproductions.submission), {"confirm": "on"})
    assert response.context["form"].errors["reproduction_2_1"] == [
        "Choose at least one replacement reproduction."
    ]
    assert not Response.objects.exists()


def test_without_the_confirmation_nothing_is_sent(client, alice, invited_description):
    client.force_login(alice)
    response = client.post(
        respond_url(invited_description.submission), {"description": "Three legs."}
    )
    assert "Tick the confirmation" in response.content.decode()
    assert "Three legs." in response.content.decode()
    assert not Response.objects.exists()


def test_an_error_of_the_rules_core_is_shown_at_the_corrected_field(client, alice, filed, erik):
    invite(filed, erik, "contact")
    client.force_login(alice)
    response = client.post(
        respond_url(filed.submission), {"correspondence_email": "not-an-address", "confirm": "on"}
    )
    assert "correspondence_email" in response.context["form"].errors
    assert not Response.objects.exists()


def test_an_outsider_gets_404_and_a_firm_viewer_or_staff_403(
    client, charlie, vera, erik, bob, acme, media, reference_db
):
    from hague_portal.examination.services import examination_checks_done

    submission = submit(make_draft(bob, client=acme, designs=1, views=1), bob)
    examination_checks_done(submission=submission)
    invite(submission.examination, erik, "description", parties=["EM"])
    url = respond_url(submission)
    data = {"description": "x", "confirm": "on"}

    client.force_login(charlie)
    assert client.get(url).status_code == 404
    assert client.post(url, data).status_code == 404
    for reader in (vera, erik):
        client.force_login(reader)
        assert client.get(url).status_code == 403
        assert client.post(url, data).status_code == 403
    assert not Response.objects.exists()

    client.force_login(bob)  # the firm's editor may
    assert client.post(url, data).status_code == 302
    assert Response.objects.get().submitted_by == bob


def test_after_the_time_limit_the_response_is_refused_with_a_message(client, alice, filed, erik):
    with time_machine.travel(geneva(date(2026, 11, 30)), tick=False):
        invite(filed, erik, "description", parties=["EM"])
    with time_machine.travel(geneva(date(2027, 3, 2)), tick=False):
        client.force_login(alice)  # a session of that day
        page = client.get(respond_url(filed.submission)).content.decode()
        response = client.post(
            respond_url(filed.submission), {"description": "Late.", "confirm": "on"}
        )
    # Sunday 28 February 2027 carried to Monday 1 March by Rule 4(4).
    assert "The time limit ended on 1 March 2027" in page
    assert response.status_code == 200
    assert "The time limit ended on 1 March 2027" in response.content.decode()
    assert not Response.objects.exists()


def test_a_closed_invitation_cannot_be_answered_again(client, alice, invited_description, erik):
    client.force_login(alice)
    client.post(respond_url(invited_description.submission), {"description": "A.", "confirm": "on"})
    services.irregularities_accept(
        examination=invited_description,
        by=erik,
        irregularity_ids=[r.pk for r in invited_description.submission.irregularities.all()],
    )
    response = client.get(respond_url(invited_description.submission))
    assert "This invitation is closed" in response.content.decode()
    assert "Send the response" not in response.content.decode()


def test_the_letter_is_downloaded_by_those_who_see_the_application_only(
    client, alice, charlie, invited_description
):
    url = reverse("submissions:letter", args=[invited_description.submission.number, 1])
    client.force_login(alice)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(charlie)
    assert client.get(url).status_code == 404


def test_creators_are_corrected_and_one_added_keeping_the_designs_they_concern(
    client, alice, filed, erik
):
    invite(filed, erik, "creator", parties=["EM"])
    client.force_login(alice)
    page = client.get(respond_url(filed.submission))
    assert page.context["form"]["creator_0_name"].value() == "Jane Doe"  # prefilled
    client.post(
        respond_url(filed.submission),
        {
            "creator_0_name": "Jane Doe",
            "creator_0_city": "Lyon",
            "creator_0_country": "FR",
            "creator_1_name": "John Roe",
            "creator_1_country": "CH",
            "confirm": "on",
        },
    )
    creators = Response.objects.get().document["creators"]
    assert [c["name"] for c in creators] == ["Jane Doe", "John Roe"]
    assert creators[0]["address"]["city"] == "Lyon"
    assert creators[1]["address"]["country"] == "CH"


def test_the_applicant_is_corrected_and_a_blank_name_refused_at_its_field(
    client, alice, filed, erik
):
    invite(filed, erik, "applicant_identity")
    client.force_login(alice)
    url = respond_url(filed.submission)
    refused = client.post(url, {"applicant_name": "", "applicant_city": "Nice", "confirm": "on"})
    assert "applicant_name" in refused.context["form"].errors
    assert refused.context["form"]["applicant_city"].value() == "Nice"
    client.post(
        url,
        {
            "applicant_name": "Atelier Doe SAS",
            "applicant_street": "2 rue de la Paix",
            "applicant_city": "Paris",
            "applicant_postcode": "75002",
            "applicant_country": "FR",
            "applicant_email": "jane@doe.example",
            "confirm": "on",
        },
    )
    (applicant,) = Response.objects.get().document["applicants"]
    assert applicant["name"] == "Atelier Doe SAS" and applicant["kind"] == "legal"
    assert applicant["address"]["street"] == "2 rue de la Paix"


def test_the_product_of_the_design_concerned_is_corrected(client, alice, filed, erik):
    invite(filed, erik, "product", designs=[2])
    client.force_login(alice)
    form = client.get(respond_url(filed.submission)).context["form"]
    assert "product_2" in form.fields and "product_1" not in form.fields
    client.post(respond_url(filed.submission), {"product_2": "Armchair", "confirm": "on"})
    designs = Response.objects.get().document["designs"]
    assert [d["product"] for d in designs] == ["chair model 1", "Armchair"]


@pytest.mark.parametrize("change", [_open_action, _javascript_link], ids=["open", "js-link"])
def test_a_pdf_with_javascript_is_refused_as_in_the_wizard(
    client, alice, filed, erik, media, change
):
    import io

    from pypdf import PdfWriter

    from hague_portal.filings.pdf_content import SCRIPT

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    invite(filed, erik, "document")
    client.force_login(alice)
    response = client.post(
        respond_url(filed.submission),
        {
            "attachment_kind": "annex_I",
            "attachment_file": SimpleUploadedFile("a.pdf", out.getvalue(), "application/pdf"),
            "confirm": "on",
        },
    )
    assert response.context["form"].errors["attachment_file"] == [SCRIPT]
    assert not Response.objects.exists()
    assert not (media / "responses").exists() or stored(media) == []


def test_a_document_is_sent_as_an_annex_of_the_new_revision(client, alice, filed, erik, media):
    from tests.filings.sample_files import pdf

    invite(filed, erik, "document")
    client.force_login(alice)
    client.post(
        respond_url(filed.submission),
        {
            "attachment_kind": "annex_I",
            "attachment_file": SimpleUploadedFile("decl.pdf", pdf(), "application/pdf"),
            "confirm": "on",
        },
    )
    row = Response.objects.get()
    (entry,) = row.files
    assert (entry["role"], entry["kind"], entry["original_name"]) == (
        "attachment",
        "annex_I",
        "decl.pdf",
    )
    assert row.document["annexes"]["I"][-1]["sha256"] == entry["sha256"]


def test_a_fee_irregularity_shows_the_amount_and_the_pay_page(client, alice, filed, erik):
    invite(filed, erik, "fees", amount="150.00")
    client.force_login(alice)
    html = client.get(respond_url(filed.submission)).content.decode()
    assert "150.00 CHF" in html
    assert reverse("submissions:pay", args=[filed.submission.number]) in html
    assert "there is nothing to send" in html and "Send the response" not in html
    client.post(respond_url(filed.submission), {"confirm": "on"})
    assert not Response.objects.exists()


def test_the_same_image_for_two_reproductions_is_refused_at_the_second(
    client, alice, invited_reproductions, media
):
    client.force_login(alice)
    response = client.post(
        respond_url(invited_reproductions.submission),
        {
            "reproduction_2_1": image("a.jpg", size=(900, 700)),
            "reproduction_2_2": image("b.jpg", size=(900, 700)),
            "confirm": "on",
        },
    )
    errors = response.context["form"].errors
    assert errors["reproduction_2_2"] == ["This image is chosen for another reproduction as well"]
    assert "reproduction_2_1" not in errors
    assert not Response.objects.exists()


def test_a_later_response_builds_on_the_previous_one_not_on_the_filing(
    client, alice, invited_description, erik
):
    submission = invited_description.submission
    client.force_login(alice)
    client.post(respond_url(submission), {"description": "Three legs.", "confirm": "on"})
    invite(invited_description, erik, "claim", parties=["EM"])
    page = client.get(respond_url(submission, 2))
    assert page.context["form"]["claim"].value() in ("", None)
    client.post(respond_url(submission, 2), {"claim": "The design as shown.", "confirm": "on"})
    latest = Response.objects.get(revision=2).document
    assert (latest["description"], latest["claim"]) == ("Three legs.", "The design as shown.")


def test_the_view_being_replaced_is_shown_to_those_who_see_the_application_only(
    client, alice, charlie, invited_reproductions, media
):
    submission = invited_reproductions.submission
    view = next(f for f in submission.files if f.get("number") == "2.1")
    url = reverse("submissions:file", args=[submission.number, view["sha256"]])
    client.force_login(alice)
    assert url in client.get(respond_url(submission)).content.decode()
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content) == (media / view["path"]).read_bytes()
    assert client.get(url.replace(view["sha256"], "0" * 64)).status_code == 404
    client.force_login(charlie)
    assert client.get(url).status_code == 404


def test_errors_of_the_rules_core_land_at_the_input_holding_the_value():
    from hague_portal.examination.forms import ResponseForm
    from hague_portal.hague.document.parser import FieldError
    from hague_portal.submissions.models import Irregularity
    from tests.submissions.conftest import document

    rows = [
        Irregularity(category="product", details={"designs": [2]}),
        Irregularity(category="creator", details={}),
        Irregularity(category="applicant_identity", details={}),
    ]
    data = {
        "product_2": "Armchair",
        "creator_0_name": "Jane Doe",
        "applicant_name": "Atelier Doe",
        "confirm": "on",
    }
    form = ResponseForm(data, {}, irregularities=rows, document=document(designs=2))
    assert form.is_valid(), form.errors
    form.add_document_errors(
        [
            FieldError("designs[1].product", "too vague"),
            FieldError("creators[0].address.country", "unknown"),
            FieldError("applicants[0].name", "required"),
            FieldError("annexes.I[0].kind", "unknown kind"),
        ]
    )
    assert form.errors["product_2"] == ["too vague"]
    assert form.errors["creator_0_country"] == ["unknown"]
    assert form.errors["applicant_name"] == ["required"]
    assert form.non_field_errors() == ["annexes.I[0].kind: unknown kind"]


def test_an_empty_response_to_an_irregularity_of_another_kind_is_refused_at_the_message(
    client, alice, filed, erik
):
    # Issue 19: the response is the message when the kind has no correction of its own; an
    # empty one would be recorded as "response received" with nothing in it. The API refuses
    # it by the same rule (examination.responses.response_missing).
    services.irregularity_raise(
        examination=filed, by=erik, category="other", message="Item 19 is illegible."
    )
    services.invitation_send(examination=filed, by=erik)
    client.force_login(alice)
    response = client.post(respond_url(filed.submission), {"message": " ", "confirm": "on"})
    assert response.context["form"].errors["message"] == [
        "Say in the message how this irregularity is remedied."
    ]
    assert not Response.objects.exists()


def test_a_message_refused_does_not_hide_what_the_response_lacks(
    client, alice, invited_reproductions
):
    client.force_login(alice)
    response = client.post(
        respond_url(invited_reproductions.submission), {"message": "x" * 5001, "confirm": "on"}
    )
    errors = response.context["form"].errors
    assert "message" in errors
    assert errors["reproduction_2_1"] == ["Choose at least one replacement reproduction."]
