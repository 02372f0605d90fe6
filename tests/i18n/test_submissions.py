"""The application page, the payment page and a payment's receipt in French and Spanish
(issue 12): the page follows the viewer's language, whatever language the application is in."""

import pytest
from django.urls import reverse

from hague_portal.payments import services as payments
from hague_portal.payments.models import PaymentMethod

from ..submissions.conftest import make_draft, media, no_broker, reference_db, submit  # noqa: F401
from .support import english_leftovers, fetch

pytestmark = pytest.mark.django_db

# Data of the application (tests/submissions/conftest.py), the same in every language.
DATA = ["Atelier Doe SARL", "ACME-2026-001", "chair model 1", "jane@doe.example"]


def main(html: str) -> str:
    """The page's own part: <title> and <main>, without the navigation and footer (base.html's)
    nor the examination's status and timeline (submissions/_examination.html, whose words come
    from the examination's selectors and history: tested with the examination)."""
    title = html[html.index("<title") : html.index("</title>") + 8]
    page = html[html.index("<main") : html.index("</main>") + 7]
    if '<section id="examination"' in page:
        start = page.index('<section id="examination"')
        page = page[:start] + page[page.index("</section>", start) + 10 :]
    return title + page


def assert_translated(client, url, allow=()):
    english = fetch(client, url, "en")
    assert english.status_code == 200
    for language in ("fr", "es"):
        translated = fetch(client, url, language)
        assert translated.headers["Content-Language"] == language
        html = translated.content.decode()
        page = main(html) if "<main" in html else html
        left = english_leftovers(
            main(english.content.decode()) if "<main" in html else english.content.decode(),
            page,
            language,
            allow,
        )
        assert not left, f"English left on {url} in {language}: {left}"


@pytest.fixture
def filed(alice, client, media, no_broker, reference_db):  # noqa: F811 - fixtures
    client.force_login(alice)
    return submit(make_draft(alice, designs=1, views=2), alice)


def test_the_application_page_is_in_french_and_spanish(client, filed):
    assert_translated(client, reverse("submissions:detail", args=[filed.number]), allow=DATA)


def test_the_job_panel_is_in_french_and_spanish(client, filed):
    assert_translated(client, reverse("submissions:status", args=[filed.number]))


def test_the_pay_page_is_in_french_and_spanish(client, filed):
    assert_translated(client, reverse("submissions:pay", args=[filed.number]), allow=DATA)


def test_a_declined_card_s_receipt_is_in_french_and_spanish(client, alice, filed):
    payment = payments.payment_create(
        submission=filed, user=alice, method=PaymentMethod.CARD, card_number="4000000000000002"
    )
    url = reverse("submissions:payment_receipt", args=[filed.number, payment.reference])
    assert_translated(client, url)
    assert (
        "La carte a été refusée par l&#x27;émetteur." in fetch(client, url, "fr").content.decode()
    )


def test_a_bank_transfer_s_receipt_and_the_page_in_progress_are_in_french_and_spanish(
    client, alice, filed
):
    payment = payments.payment_create(
        submission=filed, user=alice, method=PaymentMethod.BANK_TRANSFER
    )
    assert_translated(
        client, reverse("submissions:payment_receipt", args=[filed.number, payment.reference])
    )
    assert_translated(client, reverse("submissions:detail", args=[filed.number]), allow=DATA)
    assert_translated(client, reverse("submissions:pay", args=[filed.number]), allow=DATA)
