"""The calculator's party lists, built in one pass (forms.CheckboxList, OptionList), read as the
widget templates made them: a labelled checkbox a party, the query's choices kept (issue 11)."""

from html.parser import HTMLParser

URL = "/fees/"


class Inputs(HTMLParser):
    """Every <input>, <option> and <label for> of a page, with its attributes."""

    def __init__(self, html: str):
        super().__init__()
        self.inputs, self.options, self.labels, self.select = [], [], set(), None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input":
            self.inputs.append(attrs)
        elif tag == "select":
            self.select = attrs.get("name")
        elif tag == "option":
            self.options.append({**attrs, "select": self.select})
        elif tag == "label" and attrs.get("for"):
            self.labels.add(attrs["for"])

    def checkboxes(self, name: str) -> list[dict]:
        return [i for i in self.inputs if i.get("type") == "checkbox" and i.get("name") == name]


def test_every_party_checkbox_has_its_own_label_in_each_set(client):
    page = Inputs(client.get(URL).content.decode())
    for name in ("set_a", "set_b", "set_c"):
        boxes = page.checkboxes(name)
        assert len(boxes) > 70
        assert len({box["id"] for box in boxes}) == len(boxes)
        assert all(box["id"] in page.labels for box in boxes)
        assert not any("checked" in box for box in boxes)


def test_the_parties_of_a_shared_link_come_back_checked_in_their_own_set(client):
    query = {"designs": 1, "reproductions": 1, "set_a": ["EM", "CH"], "set_b": ["JP"]}
    page = Inputs(client.get(URL, query).content.decode())
    checked = {
        name: sorted(box["value"] for box in page.checkboxes(name) if "checked" in box)
        for name in ("set_a", "set_b", "set_c")
    }
    assert checked == {"set_a": ["CH", "EM"], "set_b": ["JP"], "set_c": []}


def test_a_set_with_an_error_marks_its_checkboxes_invalid_and_only_those(client):
    page = Inputs(client.get(URL, {"designs": 1, "set_b": ["EM"]}).content.decode())
    assert all(box.get("aria-invalid") == "true" for box in page.checkboxes("set_a"))
    assert not any("aria-invalid" in box for box in page.checkboxes("set_b"))


def test_the_entitlement_chosen_stays_selected(client):
    page = Inputs(client.get(URL, {"entitlement": "FR", "set_a": ["EM"]}).content.decode())
    chosen = [o["value"] for o in page.options if o["select"] == "entitlement" and "selected" in o]
    assert chosen == ["FR"]
