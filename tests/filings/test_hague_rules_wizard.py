"""The wizard applies the Hague rules of items 8, 16 and 17 (each test cites the Guide item)."""

from dateutil.relativedelta import relativedelta

from hague_portal.hague.clock import geneva_today

from .conftest import fill
from .helpers import post_step, step_url


def test_the_deferment_limit_counts_from_the_priority_date(client, alice, alice_draft):
    # Guide, item 17 (99 Art 11(2)): at most 30 months from the priority date.
    client.force_login(alice)
    earlier = geneva_today() - relativedelta(months=5)
    priority = {"office": "CH", "number": "1", "date": earlier.isoformat(), "designs": []}
    fill(alice_draft, alice, designations=["EM"], priorities=[priority])
    response = post_step(client, alice_draft, "publication", {"mode": "deferred", "months": "28"})
    assert response.status_code == 400
    assert "at most 25 months" in response.content.decode()


def test_a_design_without_locarno_class_is_saved_and_the_step_complete(client, alice, alice_draft):
    # Guide, item 8: "the indication of the Locarno class is not compulsory".
    from hague_portal.filings.models import Draft

    from .helpers import formset

    client.force_login(alice)
    data = formset("designs", [{"product": "chair", "locarno": ""}], extra_blank=1)
    response = post_step(client, alice_draft, "designs", data)
    assert response.status_code == 302
    document = Draft.objects.get(pk=alice_draft.pk).document
    assert document["designs"] == [{"number": 1, "product": "chair", "locarno": None}]


def test_item_16_offers_no_main_design_when_china_is_not_designated(client, alice, alice_draft):
    # Guide, item 16: the main design is for China only; Japan takes related designs.
    draft = fill(alice_draft, alice, designs=3, designations=["JP"])
    client.force_login(alice)
    html = client.get(step_url(draft, "main-design")).content.decode()
    assert "China" not in html
    assert 'name="main"' not in html
    assert "Related designs (Japan)" in html


def test_item_16_principal_may_be_an_earlier_registration(client, alice, alice_draft):
    # Guide, item 16 (A.I. Section 407): the principal design may be in an earlier application.
    from hague_portal.filings.models import Draft

    draft = fill(alice_draft, alice, designs=3, designations=["JP"])
    client.force_login(alice)
    response = post_step(client, draft, "main-design", {"related": "2:1, 3:DM/085 123"})
    assert response.status_code == 302
    related = Draft.objects.get(pk=draft.pk).document["main_design"]["related"]
    assert related == [
        {"design": 2, "principal": 1},
        {"design": 3, "principal_earlier": "DM/085 123"},
    ]


def test_item_16_principal_design_number_must_exist(client, alice, alice_draft):
    # Guide, item 16: a principal design named by number is a design of this application.
    draft = fill(alice_draft, alice, designs=3, designations=["JP"])
    client.force_login(alice)
    response = post_step(client, draft, "main-design", {"related": "2:7"})
    assert response.status_code == 400
    assert "the application has designs 1 to 3" in response.content.decode()


def test_the_chosen_time_is_asked_in_months_from_the_filing_date(client, alice, alice_draft):
    # Guide, item 17: "the chosen time for publication (specified in months from the filing date)".
    client.force_login(alice)
    html = client.get(step_url(alice_draft, "publication")).content.decode()
    assert "Publish after (months from the filing date)" in html
    assert "filing or priority date)" not in html
