"""What the applicant reads about an irregularity names the DM/1 item as the Guide numbers it: the
product indication is item 8 (not 6); the payment of fees is no item (item 19 is the signature)."""

import io

from django.urls import reverse
from pypdf import PdfReader

from hague_portal.events.models import Event
from hague_portal.examination import services


def _invite_product_and_fees(examination, by):
    services.irregularity_raise(
        examination=examination, by=by, category="product", message="", designs=[1]
    )
    services.irregularity_raise(
        examination=examination, by=by, category="fees", message="", amount="50.00"
    )
    return services.invitation_send(examination=examination, by=by)


def test_the_application_page_says_item_8_for_the_product_and_no_item_for_the_fees(
    client, alice, filed, erik
):
    _invite_product_and_fees(filed, erik)
    client.force_login(alice)
    page = client.get(reverse("submissions:detail", args=[filed.submission.number]))
    text = page.content.decode()
    assert "<strong>Indication of the products</strong> (item 8)" in text
    assert "<strong>Fees: amount missing</strong> (fees)" in text
    assert "Indication of the products (item 8)" in text  # the timeline's line
    assert "item 6" not in text and "item 19" not in text


def test_the_invitation_letter_gives_item_8_for_the_product_and_names_the_fees(filed, erik):
    invitation = _invite_product_and_fees(filed, erik)
    letter = PdfReader(io.BytesIO(invitation.letter_pdf.read()))
    text = " ".join(" ".join(page.extract_text() for page in letter.pages).split())
    assert "Indication of the products 8 " in text
    assert "Amount missing: 50.00 CHF Fees " in text
    assert " 19 " not in text and " 6 The indication" not in text


def test_the_response_form_asks_the_product_indication_as_item_8(client, alice, filed, erik):
    _invite_product_and_fees(filed, erik)
    client.force_login(alice)
    url = reverse("submissions:respond", args=[filed.submission.number, 1])
    text = client.get(url).content.decode()
    assert "Indication of the product, design 1 (item 8)" in text
    assert "Indication of the products (item 8)" in text  # the section's legend
    assert "(item 6)" not in text and "(item 19)" not in text


def test_the_audit_trail_records_the_item_as_the_guide_numbers_it(filed, erik):
    _invite_product_and_fees(filed, erik)
    summaries = list(
        Event.objects.filter(submission=filed.submission).values_list("summary", flat=True)
    )
    assert any(s.endswith("(item 8)") for s in summaries)
    assert any(s.endswith("(fees)") for s in summaries)
    assert not any("item 19" in s or "item 6" in s for s in summaries)


def test_irregularities_stored_with_a_wrong_item_are_renumbered_by_the_migration(filed, erik):
    from importlib import import_module

    from django.apps import apps

    from hague_portal.submissions.models import Irregularity

    migration = import_module(
        "hague_portal.submissions.migrations.0003_irregularity_items_as_the_guide_numbers_them"
    )
    _invite_product_and_fees(filed, erik)
    rows = Irregularity.objects.filter(submission=filed.submission)
    rows.filter(category="product").update(item="6")
    rows.filter(category="fees").update(item="19")
    migration.forwards(apps, None)
    assert dict(rows.values_list("category", "item")) == {"product": "8", "fees": "fees"}
