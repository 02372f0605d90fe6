"""Demo registrations changed in the Register (issue 23), through the changes services:

    Sofa        transferred to the demo firm (a change in ownership, recorded): the demo
                representative finds it on the workbench
    Side table  two designs, limited: design 2 no longer protected in the European Union
    Lamp        renounced for the United States

Registered as `demo_register` registers its own (filed today, receipt moved back, registered
and published on that date), then each change is filed by the applicant and recorded by the
supervisor. Idempotent: an applicant who already has them is left alone."""

from __future__ import annotations

from hague_portal.hague.clock import geneva_today
from hague_portal.reference.selectors import reference_data

from .demo import _backdate_filing, demo_draft, demo_image
from .demo_register import _UNSENT, Demo, _document, _registered

REPRESENTATIVE_EMAIL = "representative@demo.hague.test"
LAST = "Lamp"
SOFA, SIDE_TABLE = Demo("Sofa", 40, ("CH", "EM")), Demo("Side table", 45, ("CH", "EM"))


def demo_changes(*, applicant, examiner, supervisor, account) -> list[str]:
    from hague_portal.filings.models import Draft

    if Draft.objects.filter(created_by=applicant, title=f"Application: {LAST}").exists():
        return []
    today = geneva_today()
    sofa = _registered(SOFA, applicant, examiner, supervisor, account, today)
    table = _two_designs(SIDE_TABLE, applicant, examiner, supervisor, account, today)
    lamp = _registered(Demo(LAST, 50), applicant, examiner, supervisor, account, today)
    made = [
        (sofa, "ownership", _TRANSFER, "transferred to Demo IP Attorneys LLP"),
        (table, "limitation", {"parties": ["EM"], "designs": [2]}, "limited: design 2 not in EM"),
        (lamp, "renunciation", {"parties": ["US"]}, "renounced for the United States"),
    ]
    for registration, kind, data, _said in made:
        _record(registration, applicant, supervisor, kind, data, today)
    return [f"{registration.number} {said}" for registration, _k, _d, said in made]


_TRANSFER = {
    "new_holder": {
        "name": "Demo IP Attorneys LLP",
        "address": "Rue du Rhône 1, 1204 Geneva",
        "country": "CH",
        "email": REPRESENTATIVE_EMAIL,
        "entitlement": {"establishment": ["CH"]},
    },
    "parties": ["CH", "EM"],
    "designs": [1],
}


def _record(registration, applicant, supervisor, kind, data, today):
    from hague_portal.changes import services

    change = services.change_file(
        registration=registration, kind=kind, user=applicant, data=data, today=today
    )
    services.change_record(request=change, by=supervisor, today=today)


def _two_designs(demo, applicant, examiner, supervisor, account, today):
    """Filed with two designs and a view of each, as the wizard files it (a limitation gives
    up some designs, never all: DM/3), then registered and published as demo_register does."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from hague_portal.examination import services as examination
    from hague_portal.filings.models import Draft
    from hague_portal.filings.uploads import reproductions_upload
    from hague_portal.payments.submit import draft_submit
    from hague_portal.register import services
    from hague_portal.register.models import Registration
    from hague_portal.submissions.pipeline import submission_check

    doc = _document(demo)
    doc["designs"] = [*doc["designs"], {"number": 2, "product": "Side table, round",
                                        "locarno": "06-03"}]  # fmt: skip
    draft = demo_draft(applicant, demo.product, doc=doc)
    for number, shape in ((1, "rectangle"), (2, "ellipse")):
        image = SimpleUploadedFile("view.jpg", demo_image(shape), "image/jpeg")
        reproductions_upload(draft=draft, user=applicant, files=[image], design_number=number)
    draft = Draft.objects.get(pk=draft.pk)
    draft_submit(draft=draft, user=applicant, seen_version=draft.version, ref=reference_data(),
                 account=account)  # fmt: skip
    submission = Draft.objects.get(pk=draft.pk).submission
    submission_check(submission)
    filed = submission.examination
    _backdate_filing(filed, days=demo.filed_days_ago)
    for irregularity in filed.submission.irregularities.filter(status__in=_UNSENT):
        examination.irregularity_dismiss(irregularity=irregularity, by=examiner)
    registered = examination.examination_register(examination=filed, by=supervisor)
    services.registrations_publish(today=today)
    return Registration.objects.get(pk=registered.pk)
