"""Wording of the wizard pages (issue 8, "the listed slips"): each one as a user reads it."""

import html
import re

from .conftest import fill
from .helpers import step_url


def page_text(client, draft, key) -> str:
    body = client.get(step_url(draft, key)).content.decode()
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))


def test_the_product_indication_is_called_item_8(client, alice, alice_draft):
    # Guide, item 8: indication of the products; item 6 is the number of designs.
    client.force_login(alice)
    text = page_text(client, alice_draft, "designs")
    assert "such as 'chair' (item 8)" in text
    assert "(item 6)" not in text


def test_the_fees_page_heading_does_not_say_item_fees(client, alice, alice_draft):
    client.force_login(alice)
    fill(alice_draft, alice)
    text = page_text(client, alice_draft, "fees")
    assert "item fees" not in text
    assert "Fees and payment DM/1 fee calculation sheet" in text


def test_the_publication_step_says_what_happens_without_deferment_in_a_whole_sentence(
    client, alice, alice_draft
):
    # 1999 Act, Article 11(3): the designation is withdrawn, or else the request is disregarded.
    client.force_login(alice)
    fill(alice_draft, alice, designations=["CH", "US"], entitlement={"domicile": ["CH"]})
    text = page_text(client, alice_draft, "publication")
    assert "US does not allow deferment" in text
    assert "or the request is (" not in text
    assert (
        "the International Bureau will ask you to withdraw that designation; if you do not, "
        "the request for deferment is disregarded (1999 Act, Article 11(3))."
    ) in text
