"""A response to an invitation must carry what its irregularities ask for (issue 19): the API
applies the respond page's own rule (examination.responses.response_missing), refuses an empty
or mistyped response with 400 naming what is missing, and nothing is recorded."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hague_portal.examination import services as examination
from hague_portal.examination.models import ExaminationStatus, Response
from tests.filings.sample_files import jpeg
from tests.submissions.conftest import make_draft, pdf_bytes, reference_db, submit  # noqa: F401

from .v1_helpers import api_for, post_json

pytestmark = pytest.mark.django_db


@pytest.fixture
def filed(alice, media, reference_db):  # noqa: F811
    submission = submit(make_draft(alice, designs=2, views=2), alice)
    examination.examination_checks_done(submission=submission)
    return submission


def invite(submission, erik, *irregularities):
    for category, fields in irregularities:
        fields = {"message": "", **fields}  # the kind's own template unless one is given
        examination.irregularity_raise(
            examination=submission.examination, by=erik, category=category, **fields
        )
    return examination.invitation_send(examination=submission.examination, by=erik)


def url(submission):
    return f"/api/v1/applications/{submission.number}/invitations/1/responses/"


def nothing_recorded(submission) -> bool:
    submission.examination.refresh_from_db()
    return (
        not Response.objects.exists()
        and submission.examination.status == ExaminationStatus.IRREGULAR
    )


OTHER = ("other", {"message": "The signature of item 19 is illegible."})
EVERY_KIND = (
    ("description", {"parties": ["EM"]}),
    ("reproductions", {"designs": [2]}),
    ("document", {}),
    ("product", {"designs": [1]}),
    OTHER,
)


def test_an_empty_response_is_refused_naming_what_each_irregularity_asks_for(alice, erik, filed):
    invite(filed, erik, *EVERY_KIND)
    make_product_empty = {**filed.document}
    make_product_empty["designs"] = [{**d} for d in filed.document["designs"]]
    make_product_empty["designs"][0]["product"] = ""

    answer = post_json(api_for(alice), url(filed), {"document": make_product_empty})

    assert answer.status_code == 400
    assert {e["path"]: e["message"] for e in answer.json()["errors"]} == {
        "document.description": "Give the description (item 9).",
        "reproduction_2.1": "Choose at least one replacement reproduction.",
        "attachment": "Choose the PDF document to send.",
        "document.designs[0].product": "Indicate the product (item 8).",
        "message": "Say in the message how this irregularity is remedied.",
    }
    assert nothing_recorded(filed)


def test_a_response_with_what_is_asked_is_received(alice, erik, filed, media):
    invite(filed, erik, *EVERY_KIND[1:3], OTHER)
    answer = api_for(alice).post(
        url(filed),
        {
            "message": "The corrected view and the document.",
            "reproduction_2.1": SimpleUploadedFile("new.jpg", jpeg(), "image/jpeg"),
            "attachment": SimpleUploadedFile("a.pdf", pdf_bytes(), "application/pdf"),
        },
        format="multipart",
    )
    assert answer.status_code == 201, answer.json()
    assert Response.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "path"),
    [
        ({"mesage": "Corrected as asked."}, "mesage"),
        ({"message": "Corrected.", "documents": {}}, "documents"),
    ],
)
def test_a_mistyped_field_is_refused_at_its_name(alice, erik, filed, body, path):
    invite(filed, erik, OTHER)
    answer = post_json(api_for(alice), url(filed), body)
    assert answer.status_code == 400
    assert path in [e["path"] for e in answer.json()["errors"]]
    assert nothing_recorded(filed)


def test_a_mistyped_file_field_is_refused_at_its_name(alice, erik, filed, media):
    invite(filed, erik, ("document", {}))
    answer = api_for(alice).post(
        url(filed),
        {"atachment": SimpleUploadedFile("a.pdf", pdf_bytes(), "application/pdf")},
        format="multipart",
    )
    assert answer.status_code == 400
    assert "atachment" in [e["path"] for e in answer.json()["errors"]]
    assert nothing_recorded(filed)


def test_a_message_longer_than_the_respond_page_takes_is_refused_at_message(alice, erik, filed):
    invite(filed, erik, OTHER)
    answer = post_json(api_for(alice), url(filed), {"message": "x" * 5001})
    assert answer.status_code == 400
    assert [e["path"] for e in answer.json()["errors"]] == ["message"]


def test_an_invitation_to_pay_only_is_answered_by_paying_not_by_a_response(alice, erik, filed):
    invite(filed, erik, ("fees", {"amount": "150.00"}))
    answer = post_json(api_for(alice), url(filed), {"message": "Paid."})
    assert answer.status_code == 409
    assert f"/api/v1/applications/{filed.number}/pay/" in answer.json()["errors"][0]["message"]
    assert nothing_recorded(filed)


def test_a_corrected_document_sent_as_json_keeps_the_applications_files(alice, erik, filed):
    # JSON carries no file: the revision keeps every reproduction and annex the application has.
    invite(filed, erik, ("description", {"parties": ["EM"], "message": ""}))
    corrected = {**filed.document, "description": "A chair with three legs."}

    answer = post_json(api_for(alice), url(filed), {"document": corrected})

    assert answer.status_code == 201, answer.json()
    revision = Response.objects.get().document
    assert revision["description"] == "A chair with three legs."
    assert [d["reproductions"] for d in revision["designs"]] == [
        d["reproductions"] for d in filed.document["designs"]
    ]
    assert revision["annexes"] == filed.document["annexes"]
