"""The English finder of tests/i18n/support.py finds English, and only English."""

import re

from .support import english_leftovers, reads_as_english, texts

ENGLISH = """<html><head><title>Your applications · Hague Portal</title></head><body>
<nav aria-label="Main navigation"><a href="/">Hague Portal</a></nav>
<h1>Drafts</h1><p>Save the draft before you leave.</p>
<input type="submit" value="Save"><input type="hidden" value="the and your">
<button title="Delete this draft">×</button><code>the value and the key</code>
<script>var the = "and your";</script>
<p translate="no">The Chair with Legs and Arms</p>
<select><option lang="en">English</option><option lang="fr">Français</option></select>
<p>Chair with three legs for the garden</p><p>Alice Applicant</p>
</body></html>"""


def test_a_page_left_in_english_is_reported_text_by_text():
    problems = english_leftovers(ENGLISH, ENGLISH.replace("<h1>Drafts", "<h1>Brouillons"), "fr")
    assert problems == [
        "text: 'Your applications · Hague Portal'",
        "aria-label: 'Main navigation'",
        "text: 'Save the draft before you leave.'",
        "value: 'Save'",
        "title: 'Delete this draft'",
        "text: 'Chair with three legs for the garden'",
    ]


def test_code_scripts_translate_no_other_languages_and_personas_are_skipped():
    found = [text for _, text in texts(ENGLISH, "fr")]
    assert "the value and the key" not in found
    assert "The Chair with Legs and Arms" not in found
    assert "English" not in found and "Français" in found
    assert not reads_as_english("Alice Applicant".replace("Alice Applicant", ""))


def test_allowed_data_and_translated_texts_are_not_reported():
    french = ENGLISH.replace("Your applications", "Vos demandes")
    for english, translated in (
        ("<h1>Drafts", "<h1>Brouillons"),
        ("Main navigation", "Navigation principale"),
        ("Save the draft before you leave.", "Enregistrez le brouillon avant de partir."),
        ('value="Save"', 'value="Enregistrer"'),
        ("Delete this draft", "Supprimer ce brouillon"),
    ):
        french = french.replace(english, translated)
    allow = [re.compile(r"Chair with \w+ legs"), "for the garden"]
    assert english_leftovers(ENGLISH, french, "fr", allow=allow) == []


def test_text_that_changed_between_the_two_pages_is_not_reported():
    assert english_leftovers("<p>Saved 2 minutes ago</p>", "<p>Saved 3 minutes ago</p>", "es") == []


def test_short_ui_labels_and_prose_read_as_english_but_shared_words_do_not():
    assert reads_as_english("Save")
    assert reads_as_english("Sign out")
    assert reads_as_english("The fee is paid")
    assert not reads_as_english("Description")
    assert not reads_as_english("Total: 397 CHF")
    assert not reads_as_english("DM/000001 · WIPO000001")
    assert not reads_as_english("E-mail")


def test_within_checks_only_the_named_elements():
    page = "<title>Drafts</title><nav>Sign out</nav><main><p>Save the draft</p></main>"
    assert english_leftovers(page, page, "fr", within=("title", "main")) == [
        "text: 'Drafts'",
        "text: 'Save the draft'",
    ]
