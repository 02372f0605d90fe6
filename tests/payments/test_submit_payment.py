"""The payment chosen in the wizard (item 19) is carried out on submit, and the review step asks
for confirmation before the one irreversible click (issue 8)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from hague_portal.filings.models import Draft, DraftStatus
from hague_portal.payments.models import CurrentAccount, PaymentStatus
from hague_portal.submissions.models import Submission

from ..filings.conftest import fill
from ..filings.helpers import add_reproductions

pytestmark = pytest.mark.django_db


def ready(draft, user, method):
    draft = fill(draft, user, designs=1, payment={"method": method})
    add_reproductions(draft, designs=1, per_design=2, with_files=True)
    return Draft.objects.get(pk=draft.pk)


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def account(alice):
    return CurrentAccount.objects.create(
        number="10001", holder_name="Alice", owner_user=alice, balance=Decimal("5000.00")
    )


def submit(client, user, draft, **data):
    client.force_login(user)
    url = reverse("filings:submit", args=[draft.id])
    return client.post(url, {"seen_version": draft.version, "confirm": "on", **data})


def test_submitting_without_the_confirmation_says_so_at_the_field_and_files_nothing(
    client, alice, alice_draft, media_root
):
    draft = ready(alice_draft, alice, "bank_transfer")
    response = submit(client, alice, draft, confirm="")
    assert response.status_code == 400
    html = response.content.decode()
    field = html[html.index('id="id_confirm"') :]
    assert "Tick this box to confirm before submitting." in field[:1500]
    assert Draft.objects.get(pk=draft.pk).status == DraftStatus.DRAFT
    assert not Submission.objects.exists()


def test_the_current_account_chosen_in_the_wizard_is_debited_on_submit(
    client, alice, alice_draft, account, media_root
):
    draft = ready(alice_draft, alice, "current_account")
    response = submit(client, alice, draft, account=account.pk)
    submission = Submission.objects.get(draft=draft)
    assert response.url == reverse("submissions:detail", args=[submission.number])
    payment = submission.payments.get()
    assert payment.status == PaymentStatus.PAID and payment.account == account
    account.refresh_from_db()
    assert account.balance == Decimal("5000.00") - submission.fees_total


def test_an_account_short_of_the_fees_files_the_application_and_leaves_them_due(
    client, alice, alice_draft, account, media_root
):
    account.balance = Decimal("10.00")
    account.save()
    draft = ready(alice_draft, alice, "current_account")
    client.force_login(alice)
    review = client.get(reverse("filings:step", args=[draft.id, "review"])).content.decode()
    assert "does not cover the fees" in review
    assert "the application is filed all the same" in review
    response = submit(client, alice, draft, account=account.pk)
    submission = Submission.objects.get(draft=draft)  # filed: its date of receipt is kept
    assert not submission.payments.exists()
    account.refresh_from_db()
    assert account.balance == Decimal("10.00")
    page = client.get(response.url).content.decode()
    assert "The current account was not debited: the fees are due." in page


def test_someone_elses_account_cannot_be_debited_on_submit(
    client, alice, charlie, alice_draft, media_root
):
    theirs = CurrentAccount.objects.create(
        number="666", holder_name="Charlie", owner_user=charlie, balance=Decimal("9999")
    )
    CurrentAccount.objects.create(number="1", holder_name="A", owner_user=alice, balance=1)
    draft = ready(alice_draft, alice, "current_account")
    response = submit(client, alice, draft, account=theirs.pk)
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not Submission.objects.exists()
    theirs.refresh_from_db()
    assert theirs.balance == Decimal("9999")


@pytest.mark.parametrize("method", ["card", "bank_transfer"])
def test_card_or_transfer_chosen_in_the_wizard_opens_the_pay_page_with_it_preselected(
    client, alice, alice_draft, media_root, method
):
    draft = ready(alice_draft, alice, method)
    response = submit(client, alice, draft)
    submission = Submission.objects.get(draft=draft)
    assert response.url == reverse("submissions:pay", args=[submission.number])
    assert client.get(response.url).context["form"]["method"].value() == method
    assert not submission.payments.exists()  # nothing is charged before the applicant pays


def test_the_review_shows_every_section_with_a_change_link_the_thumbnails_and_the_fees(
    client, alice, alice_draft, media_root
):
    draft = ready(alice_draft, alice, "card")
    client.force_login(alice)
    html = client.get(reverse("filings:step", args=[draft.id, "review"])).content.decode()
    for key in ("applicants", "designations", "designs", "publication", "fees"):
        assert reverse("filings:step", args=[draft.id, key]) in html
    assert 'Change<span class="visually-hidden"> Designations</span>' in html
    assert "ACME Design GmbH" in html and "chair 1" in html
    assert html.count('alt="Reproduction 1.') == 2
    assert 'data-testid="review-fees"' in html
    assert "the payment page opens with the credit card chosen" in html


def test_the_review_reads_the_application_back_in_words_not_codes(
    client, alice, alice_draft, media_root
):
    """The review is what the applicant checks before filing: parties and countries by name,
    the address as one line, the kind of applicant and the payment method as the wizard says them."""
    draft = ready(alice_draft, alice, "card")
    client.force_login(alice)
    html = client.get(reverse("filings:step", args=[draft.id, "review"])).content.decode()
    summary = html[
        html.index('data-testid="review-summary"') : html.index('data-testid="review-fees"')
    ]
    assert "Bahnhofstrasse 1, 8001 Zurich, Switzerland" in summary
    assert "European Union (EM)" in summary
    assert "legal entity" in summary
    assert "Contracting Party (item 3): Switzerland (CH)" in summary
    assert "Credit card" in summary
    assert "country: CH" not in summary and "method: card" not in summary
