from hague_portal.lib import emails


def test_an_email_is_a_name_with_subject_text_and_html_templates(mailoutbox):
    email = emails.Email(
        name="acknowledgement",
        to="jane@doe.example",
        context={
            "summary": {
                "number": "WIPO000042",
                "applicants": ["Atelier Doe SARL"],
                "designations": [{"code": "CH", "name": ""}],
                "designs_count": 1,
                "reproductions_count": 2,
                "attachments": [],
                "fees_total": "397.00",
                "currency": "CHF",
            }
        },
        attachments=(emails.Attachment("r.pdf", b"%PDF-1.7"),),
    )
    message_id = emails.new_message_id()
    rendered = emails.send(email, message_id=message_id)
    assert rendered.subject == "Acknowledgement of receipt: international application WIPO000042"
    (sent,) = mailoutbox
    assert sent.extra_headers["Message-ID"] == message_id
    assert "Atelier Doe SARL" in sent.body
    assert sent.alternatives[0][1] == "text/html"
    assert sent.attachments[0][0] == "r.pdf"
