"""Every form that accepts text, filled with NUL characters, answers a message, never a 500.

The forms are found the way a person (or an attacker) finds them: by opening each page and
posting each <form> on it with every field's value carrying a NUL (issue 8). Lone surrogates
cannot arrive through a form: Django decodes form bodies with errors="replace".
"""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from hague_portal.filings.services import draft_create
from hague_portal.filings.steps import STEPS

from ..filings.conftest import fill

NUL = "\x00"
TEXT_INPUTS = {"text", "email", "password", "search", "tel", "url", "number", "date"}


class _Forms(HTMLParser):
    """The forms of a page: action, method and (name, value) of each field, as a browser sends."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"action": a.get("action") or "", "method": a.get("method", "get"),
                               "fields": []})  # fmt: skip
        elif not self.forms or not a.get("name"):
            return
        elif tag == "input" and a.get("type", "text") in TEXT_INPUTS:
            self._field(a["name"], a.get("value") or "x", typed=True)
        elif tag == "input" and a.get("type") == "hidden":
            self._field(a["name"], a.get("value") or "", typed=False)
        elif tag == "input" and a.get("type") in ("checkbox", "radio") and "checked" in a:
            self._field(a["name"], a.get("value", "on"), typed=True)
        elif tag == "textarea":
            self._field(a["name"], "x", typed=True)
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select and "value" in a:
            self._field(self._select, a["value"], typed=True)
            self._select = None  # the first option stands for the choice

    def _field(self, name, value, *, typed):
        self.forms[-1]["fields"].append((name, value, typed))


def forms_of(client, url):
    page = client.get(url)
    assert page.status_code == 200, url
    parser = _Forms()
    parser.feed(page.content.decode())
    return parser.forms


def post_every_form_with_nul(client, url):
    """Each form twice: NUL in what a person types, then in the hidden fields too."""
    answers = []
    for form in forms_of(client, url):
        action = form["action"] or url
        if action.startswith("/accounts/logout"):
            continue  # would end the session the other forms need
        for hidden_too in (False, True):
            data = form_data(form, hidden_too=hidden_too)
            send = client.post if form["method"].lower() == "post" else client.get
            answers.append((action, hidden_too, send(action, data).status_code))
    return answers


def form_data(form, *, hidden_too: bool) -> dict[str, list[str]]:
    data: dict[str, list[str]] = {}
    for name, value, typed in form["fields"]:
        spoiled = typed or (hidden_too and name != "csrfmiddlewaretoken")
        data.setdefault(name, []).append(value + NUL if spoiled else value)
    return data


def assert_no_server_error(answers):
    assert answers, "no form found"
    assert [a for a in answers if a[-1] >= 500] == []


@pytest.fixture
def alice_draft(alice, reference):
    draft = draft_create(user=alice)
    fill(draft, alice, designs=2)
    return draft


@pytest.mark.parametrize("step", [s.key for s in STEPS if s.key != "reproductions"])
def test_every_wizard_step_answers_nul_with_a_message(client, alice, alice_draft, step):
    client.force_login(alice)
    url = reverse("filings:step", args=[alice_draft.id, step])

    assert_no_server_error(post_every_form_with_nul(client, url))


@pytest.mark.parametrize(
    "url_name",
    [
        "workbench",
        "filings:import",
        "fee-calculator",
        "filings:attachments",
        "filings:reproductions",
    ],
)
def test_every_signed_in_form_answers_nul_with_a_message(client, alice, alice_draft, url_name):
    client.force_login(alice)
    args = [alice_draft.id] if url_name in ("filings:attachments", "filings:reproductions") else []

    assert_no_server_error(post_every_form_with_nul(client, reverse(url_name, args=args)))


@pytest.mark.parametrize(
    "url_name",
    ["account_login", "account_signup", "account_reset_password", "fee-calculator"],
)
def test_every_public_form_answers_nul_with_a_message(client, reference, url_name):
    assert_no_server_error(post_every_form_with_nul(client, reverse(url_name)))


def test_a_nul_in_a_name_is_refused_at_its_field_and_the_entry_is_kept(client, alice, alice_draft):
    client.force_login(alice)
    url = reverse("filings:step", args=[alice_draft.id, "applicants"])
    form = next(f for f in forms_of(client, url) if f["action"] == "")
    data = {name: value for name, value, _ in form["fields"]}
    data["applicants-0-name"] = "Atelier\x00Doe"

    response = client.post(url, data)

    assert response.status_code == 400
    page = response.content.decode()
    assert "Null characters are not allowed." in page or "NUL" in page
    assert 'value="Atelier' in page


@pytest.mark.parametrize(
    "url",
    [
        "/submissions/WIPO%00/",  # was a 500: the number goes to PostgreSQL as it is
        "/submissions/WIPO%00/status/",
        "/admin/accounts/user/?q=%00",
        "/fees/?designations=CH&designations=%00",
        "/?%00=1",
    ],
)
def test_an_address_with_a_nul_is_a_400_that_says_so(client, alice, url):
    client.force_login(alice)

    response = client.get(url)

    assert response.status_code == 400
    assert "contains a NUL character" in response.content.decode()
