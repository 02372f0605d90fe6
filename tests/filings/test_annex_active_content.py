"""Annex PDFs with JavaScript, automatic actions or embedded files are refused, never stored:
offices open and keep the annexes (Guide, Annexes I-V), and a script or a hidden file in them is
not ours to pass on. The PDFs are built here with pypdf."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

from hague_portal.filings.models import Attachment, Draft
from hague_portal.filings.pdf_content import EMBEDDED, SCRIPT

SCRIPT_TEXT = "app.alert('hello')"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _js_action() -> DictionaryObject:
    return DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject(SCRIPT_TEXT),
        }
    )


def _document_javascript(writer):
    # The catalog's /Names /JavaScript tree: scripts run when the document is opened.
    names = ArrayObject([TextStringObject("greeting"), writer._add_object(_js_action())])
    tree = DictionaryObject({NameObject("/Names"): names})
    writer._root_object[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): tree})


def _open_action(writer):
    writer._root_object[NameObject("/OpenAction")] = _js_action()


def _page_additional_action(writer):
    writer.pages[0][NameObject("/AA")] = DictionaryObject({NameObject("/O"): _js_action()})


def _link_running_javascript(writer):
    _annotate(writer, {"/Subtype": NameObject("/Link"), "/A": _js_action()})


def _uri_action(uri: str) -> DictionaryObject:
    return DictionaryObject(
        {NameObject("/S"): NameObject("/URI"), NameObject("/URI"): TextStringObject(uri)}
    )


def _javascript_link(writer):
    _annotate(
        writer, {"/Subtype": NameObject("/Link"), "/A": _uri_action("javascript:app.alert(1)")}
    )


def _disguised_javascript_link(writer):
    # Readers drop the tab and the case: still a script.
    _annotate(writer, {"/Subtype": NameObject("/Link"), "/A": _uri_action(" Java\tScript:x()")})


def _program_link(writer):
    # A program's own scheme starts that program (ms-msdt:, "Follina").
    _annotate(writer, {"/Subtype": NameObject("/Link"), "/A": _uri_action("ms-msdt:/id x")})


def _launch_link(writer):
    launch = DictionaryObject(
        {NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("calc.exe")}
    )
    _annotate(writer, {"/Subtype": NameObject("/Link"), "/A": launch})


def _web_link(writer):
    _annotate(
        writer, {"/Subtype": NameObject("/Link"), "/A": _uri_action("https://www.wipo.int/hague/")}
    )


def _mail_link(writer):
    _annotate(writer, {"/Subtype": NameObject("/Link"), "/A": _uri_action("mailto:hague@wipo.int")})


def _embedded_file(writer):
    writer.add_attachment("secret.txt", b"not part of the annex")


def _file_attachment_annotation(writer):
    _annotate(writer, {"/Subtype": NameObject("/FileAttachment")})


def _annotate(writer, entries: dict):
    annotation = DictionaryObject({NameObject(k): v for k, v in entries.items()})
    annotation[NameObject("/Rect")] = ArrayObject()
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])


def _pdf(change=None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if change:
        change(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _upload(client, draft, data):
    file = SimpleUploadedFile("poa.pdf", data, "application/pdf")
    return client.post(
        reverse("filings:attachments", args=[draft.id]),
        {"kind": "power_of_attorney", "power_of_attorney-file": file},
    )


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (_document_javascript, SCRIPT),
        (_open_action, SCRIPT),
        (_page_additional_action, SCRIPT),
        (_link_running_javascript, SCRIPT),
        (_javascript_link, SCRIPT),
        (_disguised_javascript_link, SCRIPT),
        (_program_link, SCRIPT),
        (_launch_link, SCRIPT),
        (_embedded_file, EMBEDDED),
        (_file_attachment_annotation, EMBEDDED),
    ],
    ids=[
        "names-javascript",
        "open-action",
        "page-aa",
        "link-js",
        "link-javascript-uri",
        "link-disguised-javascript-uri",
        "link-program-scheme",
        "link-launch",
        "embedded-files",
        "file-annot",
    ],
)
def test_an_annex_with_active_content_is_refused_with_the_reason(
    client, alice, reference, change, reason
):
    draft = Draft.objects.create(created_by=alice, document={})
    client.force_login(alice)
    response = _upload(client, draft, _pdf(change))
    assert response.status_code == 400
    assert reason.split(".")[0] in response.content.decode().replace("&#x27;", "'")
    assert not Attachment.objects.exists()


@pytest.mark.parametrize("change", [None, _web_link, _mail_link], ids=["plain", "web", "mail"])
def test_a_plain_annex_is_still_accepted(client, alice, reference, change):
    draft = Draft.objects.create(created_by=alice, document={})
    client.force_login(alice)
    assert _upload(client, draft, _pdf(change)).status_code == 302
    assert Attachment.objects.count() == 1


def test_the_api_upload_refuses_a_javascript_link_with_the_same_message(alice, reference, media):
    from tests.api.v1_helpers import api_for

    draft = Draft.objects.create(created_by=alice, document={})
    file = SimpleUploadedFile("annex.pdf", _pdf(_javascript_link), "application/pdf")
    url = f"/api/v1/drafts/{draft.id}/attachments/"
    response = api_for(alice).post(url, {"kind": "power_of_attorney", "file": file})
    assert response.status_code == 400
    assert response.json()["errors"] == [{"path": "file", "message": str(SCRIPT)}]
    assert not Attachment.objects.exists()
