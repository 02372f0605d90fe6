"""Alice switches the portal to French and files a one-design application in French (issue 12)."""

import re

from playwright.sync_api import expect

from ..filings.sample_files import jpeg
from .conftest import sign_in
from .helpers import choose, field, row


def save_and_continue(page):
    url = page.url
    page.get_by_role("button", name="Enregistrer et continuer").click()
    expect(page).not_to_have_url(url)
    expect(page.locator("[data-error-summary]")).to_have_count(0)


def expect_step(page, heading):
    expect(page.get_by_role("heading", level=1, name=re.compile(heading))).to_be_visible()


def test_an_applicant_files_in_french(page, alice, reference):
    sign_in(page, alice)
    # The language switcher in the navigation bar.
    page.locator("#language-switcher").select_option("fr")
    page.get_by_role("button", name="Change language").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.get_by_role("button", name="Nouvelle demande").click()
    nav = page.get_by_role("navigation", name="Sections de la demande")
    nav.get_by_role("link", name="Déposants et correspondance", exact=True).click()

    # Rule 6(1): the language of the application, French by default in a French interface.
    expect_step(page, "Déposants et correspondance")
    language = page.get_by_role("group", name=re.compile("Langue de la demande"))
    expect(language.get_by_label("Français", exact=True)).to_be_checked()
    language.get_by_label("Français", exact=True).check()
    applicant = row(page, "Déposant 1")
    expect(applicant.get_by_text("Le déposant est")).to_be_visible()
    # One bad input: no name. The French message is at the field and in the summary.
    field(applicant, "Nom").fill("")
    applicant.get_by_label("une personne physique").check()
    field(applicant, "Rue et numéro").fill("Rue du Rhône 1")
    field(applicant, "Localité").fill("Genève")
    field(applicant, "Code postal").fill("1204")
    choose(applicant, "Pays", "Suisse")
    page.get_by_role("button", name="Enregistrer et continuer").click()
    summary = page.locator("[data-error-summary]")
    expect(summary.get_by_role("heading")).to_have_text("Il y a un problème")
    expect(summary.get_by_role("link", name="Indiquez le nom du déposant.")).to_be_visible()
    applicant = row(page, "Déposant 1")
    expect(applicant.locator(".invalid-feedback")).to_have_text("Indiquez le nom du déposant.")
    field(applicant, "Nom").fill("Applicant, Alice")
    save_and_continue(page)

    expect_step(page, "Droit de déposer")
    page.get_by_role("group", name="Domicile dans").get_by_label(re.compile(r"\(CH\)$")).check()
    save_and_continue(page)

    expect_step(page, "Mandataire")
    expect(page.get_by_label("Un mandataire est constitué")).not_to_be_checked()
    save_and_continue(page)

    expect_step(page, "Désignations")
    for code in ("CH", "EM"):
        page.get_by_label(re.compile(rf"\({code}\)$")).check()
    save_and_continue(page)

    expect_step(page, "Dessins ou modèles")
    page.get_by_label("Produit du dessin ou modèle 1").fill("chaise")
    page.get_by_label("Classe de Locarno du dessin ou modèle 1").fill("06-01")
    save_and_continue(page)

    expect_step(page, "Reproductions")
    image = {"name": "vue-1.jpg", "mimeType": "image/jpeg", "buffer": jpeg(size=(1000, 800))}
    page.get_by_label("Fichiers d'image").set_input_files([image])
    with page.expect_navigation():
        page.locator("form[data-reproduction-upload]").evaluate("form => form.submit()")
    expect(page.get_by_text("acceptée")).to_be_visible()
    # One design: the image goes to it, nothing to assign (issue 20).
    expect(page.get_by_role("list", name="Reproductions non attribuées")).to_have_count(0)
    grid = page.get_by_role("list", name="Reproductions du dessin ou modèle 1")
    expect(grid.locator("li[data-id]")).to_have_count(1)
    save_and_continue(page)

    # The optional sections, in French, up to the fees.
    heading = page.get_by_role("heading", level=1)
    for _ in range(10):
        if "Taxes et paiement" in heading.inner_text():
            break
        save_and_continue(page)
    expect_step(page, "Taxes et paiement")
    page.get_by_label("Compte courant auprès de l'OMPI (débit)").check()
    save_and_continue(page)

    expect_step(page, "Vérifier, signer et déposer")
    summary = page.get_by_test_id("review-summary")
    expect(summary).to_contain_text("langue de la demande : Français")
    field(page, "Signature").fill("/Alice Applicant/")
    page.get_by_label("le déposant").check()
    expect(page.get_by_test_id("why-not")).to_have_count(0)  # signed and filed in one go
    page.get_by_role("button", name="Déposer auprès du Bureau international").click()
    expect(page.get_by_text("Cochez cette case pour confirmer avant de déposer.")).to_be_visible()
    page.get_by_label(re.compile("Je confirme que cette demande est complète")).check()
    page.get_by_role("button", name="Déposer auprès du Bureau international").click()

    # The acknowledgement: the application's page, in French, with its number.
    received = page.get_by_text(
        re.compile(r"Votre demande a été reçue par le Bureau international")
    )
    expect(received).to_be_visible()
    expect(page.get_by_text(re.compile("Le compte courant n'a pas été débité"))).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Demande WIPO\d+"))
