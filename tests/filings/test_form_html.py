"""The wizard writes its forms in Python (filings/form_html.py, issue 11) with the markup of
`{{ form|crispy }}`: the same elements, ids, classes, labels, asterisks, error blocks and help
texts, for every step's forms, empty, saved, and posted with errors."""

from html.parser import HTMLParser

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field, as_crispy_form
from django.http import QueryDict

from hague_portal.filings.context import WizardState
from hague_portal.filings.form_html import render_field, render_form
from hague_portal.filings.steps import STEPS

from .conftest import fill

FORM_STEPS = [step for step in STEPS if not step.url_name]


class Tokens(HTMLParser):
    """Tags with their attributes (classes as a set), and text, whitespace aside."""

    def __init__(self):
        super().__init__()
        self.out = []

    def handle_starttag(self, tag, attrs):
        attrs = {k: " ".join(sorted((v or "").split())) if k == "class" else v for k, v in attrs}
        self.out.append(("<" + tag, tuple(sorted(attrs.items()))))

    def handle_endtag(self, tag):
        self.out.append(("</" + tag,))

    def handle_data(self, data):
        if data.split():
            self.out.append(("text", " ".join(data.split())))


def tokens(html) -> list:
    parser = Tokens()
    parser.feed(str(html))
    return parser.out


def forms_of(step, state, data):
    """The step's forms, built afresh (crispy adds classes to the widgets it renders)."""
    bundle = step.build(state, data) if data is not None else step.build(state)
    if data is not None:
        bundle.is_valid()
    forms = [bundle.form, *(bundle.formset or [])]
    return [form for form in forms if form is not None]


@pytest.mark.parametrize("posted", [False, True], ids=["shown", "posted-with-errors"])
@pytest.mark.parametrize("step", FORM_STEPS, ids=[step.key for step in FORM_STEPS])
def test_every_step_form_renders_as_crispy_renders_it(step, posted, alice, alice_draft):
    draft = fill(alice_draft, alice, designs=2)
    state = WizardState.load(draft)
    data = QueryDict("designs-TOTAL_FORMS=1&seen_version=x") if posted else None
    ours, theirs = forms_of(step, state, data), forms_of(step, state, data)
    for mine, crispy in zip(ours, theirs, strict=True):
        assert tokens(render_form(mine)) == tokens(as_crispy_form(crispy))
        for field in mine:
            assert tokens(render_field(field)) == tokens(as_crispy_field(crispy[field.name]))


def test_a_posted_error_is_shown_at_its_field_with_crispys_ids(alice, alice_draft):
    state = WizardState.load(alice_draft)
    step = next(step for step in FORM_STEPS if step.key == "claim")
    (form,) = forms_of(step, state, QueryDict("claim="))
    html = str(render_form(form))
    assert 'class="textarea form-control is-invalid"' in html
    assert 'id="error_1_id_claim"' in html
    assert 'aria-invalid="true"' in html


@pytest.mark.parametrize("key", ["applicants", "designs", "creators"])
def test_a_formsets_management_form_renders_as_django_renders_it(key, alice, alice_draft):
    state = WizardState.load(fill(alice_draft, alice, designs=2))
    step = next(step for step in FORM_STEPS if step.key == key)
    ours, theirs = (step.build(state).formset.management_form for _ in range(2))
    assert tokens(render_form(ours)) == tokens(str(theirs))
