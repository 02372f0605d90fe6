"""The examination page in the admin: the application in words, and the loop driven from it by a
non-superuser examiner (raise, invite, accept) and a supervisor (reassign, register)."""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from hague_portal.examination.models import Examination, ExaminationStatus, InvitationStatus
from hague_portal.examination.services import response_submit
from hague_portal.notifications.models import Notification, NotificationKind
from hague_portal.payments.models import CurrentAccount, PaymentMethod
from hague_portal.payments.services import payment_create
from hague_portal.submissions.models import Irregularity, IrregularityStatus

from .admin_helpers import act_url, page_url, sign_in_with_totp, staff_in

S = ExaminationStatus


def file_url(examination, sha256: str) -> str:
    return reverse("admin:examination_examination_file", args=[examination.pk, sha256])


@pytest.fixture
def examiner(db):
    return staff_in("Examiner", "emma@wipo.test", "Emma Examiner")


@pytest.fixture
def supervisor(db):
    return staff_in("Supervisor", "sam@wipo.test", "Sam Supervisor")


@pytest.fixture
def as_examiner(client, examiner, password):
    sign_in_with_totp(client, examiner, password)
    return client


@pytest.fixture
def as_supervisor(client, supervisor, password):
    sign_in_with_totp(client, supervisor, password)
    return client


def said(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def reload(examination) -> Examination:
    return Examination.objects.get(pk=examination.pk)


def test_the_page_reads_as_the_application_not_as_json(as_examiner, filed):
    response = as_examiner.get(page_url(filed))
    page = response.content.decode()
    assert response.status_code == 200
    assert filed.submission.number in page
    assert "Atelier Doe SARL" in page  # item 1, the applicant
    assert "Switzerland (CH)" in page and "(EM)" in page  # designations by name
    assert "chair model 2" in page  # item 6, the product
    assert '"applicants"' not in page and "{&#x27;" not in page  # no raw JSON or dicts
    assert "Annex I" in page or "annex_i" in page.lower()


def test_reproductions_show_as_thumbnails_served_to_staff(as_examiner, filed, client):
    page = as_examiner.get(page_url(filed)).content.decode()
    sha = filed.submission.files[0]["sha256"]
    assert f"file/{sha}/?thumbnail=1" in page
    thumb = as_examiner.get(f"{file_url(filed, sha)}?thumbnail=1")
    assert thumb.status_code == 200 and thumb["Content-Type"] == "image/jpeg"
    assert as_examiner.get(file_url(filed, "0" * 64)).status_code == 404


def test_raising_then_sending_the_invitation_notifies_the_applicant(as_examiner, filed, alice):
    raised = as_examiner.post(
        act_url(filed, "raise"),
        {"raise-category": "product", "raise-designs": ["2"], "raise-message": ""},
        follow=True,
    )
    assert any("Raised: Indication of the products" in m for m in said(raised))
    row = Irregularity.objects.get(submission=filed.submission)
    assert row.status == IrregularityStatus.CONFIRMED and "design 2" in row.message
    page = raised.content.decode()
    assert "Send the invitation" in page and "three months from today" in page
    sent = as_examiner.post(act_url(filed, "invite"), {"note": "Thank you."}, follow=True)
    assert any("Invitation 1 sent" in m for m in said(sent))
    row.refresh_from_db()
    assert row.status == IrregularityStatus.INVITED and row.time_limit is not None
    assert reload(filed).status == S.IRREGULAR
    assert Notification.objects.filter(
        submission=filed.submission, kind=NotificationKind.INVITATION
    ).exists()
    letter = as_examiner.get(reverse("admin:examination_examination_letter", args=[filed.pk, 1]))
    assert letter.status_code == 200 and letter["Content-Type"] == "application/pdf"


def test_a_fee_irregularity_without_an_amount_is_shown_again_with_the_typed_text(
    as_examiner, filed
):
    response = as_examiner.post(
        act_url(filed, "raise"),
        {"raise-category": "fees", "raise-amount": "", "raise-message": "Pay what is missing"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Give the amount missing, more than 0 CHF." in page
    assert "Pay what is missing" in page
    assert not Irregularity.objects.filter(submission=filed.submission).exists()


def test_an_article_5_2_kind_needs_the_party_concerned(as_examiner, filed):
    response = as_examiner.post(act_url(filed, "raise"), {"raise-category": "creator"})
    assert "Name the designated Contracting Party" in response.content.decode()
    as_examiner.post(act_url(filed, "raise"), {"raise-category": "creator", "raise-parties": "EM"})
    row = Irregularity.objects.get(submission=filed.submission)
    assert row.details["parties"] == ["EM"] and row.postpones_date


def test_a_refused_transition_is_shown_as_an_error_message(as_examiner, filed):
    response = as_examiner.post(act_url(filed, "invite"), {}, follow=True)
    assert any("There is no irregularity to send" in m for m in said(response))
    assert reload(filed).status == S.EXAMINATION


def test_check_findings_are_confirmed_as_a_kind_or_dismissed(as_examiner, filed):
    finding, other = Irregularity.objects.bulk_create(
        [
            Irregularity(
                submission=filed.submission,
                code=f"file.dpi{n}",
                item="reproductions",
                message=f"Low {n}",
            )
            for n in (1, 2)
        ]
    )
    page = as_examiner.get(page_url(filed)).content.decode()
    assert "Check findings awaiting review" in page
    as_examiner.post(
        act_url(filed, "confirm"), {"irregularity": finding.pk, "category": "reproductions"}
    )
    as_examiner.post(act_url(filed, "dismiss"), {"irregularity": other.pk})
    finding.refresh_from_db()
    other.refresh_from_db()
    assert (finding.status, finding.category) == (IrregularityStatus.CONFIRMED, "reproductions")
    assert other.status == IrregularityStatus.DISMISSED


def test_an_examiner_accepts_the_response_and_the_application_goes_back_to_examination(
    as_examiner, filed, examiner, alice
):
    as_examiner.post(act_url(filed, "raise"), {"raise-category": "product"})
    as_examiner.post(act_url(filed, "invite"), {})
    invitation = reload(filed).invitations.get()
    response_submit(
        invitation=invitation,
        user=alice,
        message="Corrected.",
        document=filed.submission.document,
        files=[],
    )
    page = as_examiner.get(page_url(filed)).content.decode()
    assert "Revision 1" in page and "Corrected." in page
    row = Irregularity.objects.get(submission=filed.submission)
    refused = as_examiner.post(act_url(filed, "accept"), {})
    assert "Tick at least one irregularity" in refused.content.decode()
    as_examiner.post(act_url(filed, "accept"), {"irregularities": [row.pk]})
    assert reload(filed).status == S.EXAMINATION
    assert reload(filed).invitations.get().status == InvitationStatus.CLOSED


def test_an_examiner_may_not_reassign_nor_register(as_examiner, filed, supervisor):
    refused = as_examiner.post(act_url(filed, "reassign"), {"examiner": supervisor.pk})
    assert refused.status_code == 403
    assert reload(filed).examiner is None
    registered = as_examiner.post(act_url(filed, "register"), {}, follow=True)
    assert any("Only a supervisor may register" in m for m in said(registered))
    assert reload(filed).registration_number is None


def test_a_supervisor_reassigns_and_registers_a_paid_application(
    as_supervisor, filed, examiner, alice
):
    account = CurrentAccount.objects.create(
        number="CA-ALICE", holder_name="Alice", owner_user=alice, balance=Decimal("10000")
    )
    payment_create(
        submission=filed.submission,
        user=alice,
        method=PaymentMethod.CURRENT_ACCOUNT,
        account=account,
    )
    as_supervisor.post(act_url(filed, "reassign"), {"examiner": examiner.pk})
    assert reload(filed).examiner == examiner
    page = as_supervisor.get(page_url(filed)).content.decode()
    assert "Registering now sets the date of the international registration" in page
    as_supervisor.post(act_url(filed, "register"), {})
    examination = reload(filed)
    assert examination.status == S.REGISTERED and examination.registration_number.startswith("DM/")
    page = as_supervisor.get(page_url(filed)).content.decode()
    assert examination.registration_number in page


def test_a_get_on_an_action_changes_nothing(as_examiner, filed):
    response = as_examiner.get(act_url(filed, "raise"))
    assert response.status_code == 302
    assert not Irregularity.objects.filter(submission=filed.submission).exists()


def test_an_unknown_application_is_not_found(as_examiner, db):
    assert as_examiner.get("/admin/examination/examination/999999/change/").status_code == 404


def test_the_dm1_and_receipt_links_on_the_page_download_for_staff(as_examiner, filed):
    from django.core.files.base import ContentFile

    submission = filed.submission
    submission.dm1_pdf.save("dm1.pdf", ContentFile(b"%PDF-1.4 DM/1"), save=False)
    submission.receipt_pdf.save("receipt.pdf", ContentFile(b"%PDF-1.4 receipt"), save=False)
    submission.save(update_fields=["dm1_pdf", "receipt_pdf"])
    page = as_examiner.get(page_url(filed)).content.decode()
    for document in ("dm1", "acknowledgement"):
        url = reverse("submissions:download", args=[submission.number, document])
        assert url in page
        download = as_examiner.get(url)
        assert download.status_code == 200 and download["Content-Type"] == "application/pdf"


def test_an_attached_document_is_served_to_staff_only(as_examiner, filed, client, charlie):
    entry = next(f for f in filed.submission.files if f["role"] == "attachment")
    url = file_url(filed, entry["sha256"])
    assert url in as_examiner.get(page_url(filed)).content.decode()
    assert as_examiner.get(url).status_code == 200
    client.logout()
    client.force_login(charlie)
    assert client.get(url).status_code == 302  # to the admin's sign-in, not the file


def test_a_response_with_a_replacement_reproduction_shows_it_to_the_examiner(
    as_examiner, filed, alice
):
    # Seen in the walk: a response file without an original name made the page a 500.
    import hashlib

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from tests.submissions.conftest import jpeg

    content = jpeg(77)
    sha256 = hashlib.sha256(content).hexdigest()
    path = default_storage.save(
        f"responses/{filed.pk}/1/reproduction-1.1.jpg", ContentFile(content)
    )
    as_examiner.post(act_url(filed, "raise"), {"raise-category": "reproductions"})
    as_examiner.post(act_url(filed, "invite"), {})
    entry = {"role": "reproduction", "path": path, "sha256": sha256, "size": len(content)}
    response_submit(
        invitation=reload(filed).invitations.get(),
        user=alice,
        message="New view.",
        document=filed.submission.document,
        files=[{**entry, "number": "1.1", "design": 1}],
    )
    page = as_examiner.get(page_url(filed))
    assert page.status_code == 200
    assert file_url(filed, sha256) in page.content.decode()
    assert as_examiner.get(file_url(filed, sha256)).status_code == 200
