"""Reads of submissions: who may see one, its live status, and what its PDFs show."""

from __future__ import annotations

from pathlib import PurePosixPath

from django.db.models import Min, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .documents import (
    ANNEXES,
    annex_entries_worded,
    annexes_attached,
    designs_with_legends,
    documents_supplied,
    legend_texts,
)
from .models import Job, JobStatus, Submission

FACTORS = (
    ("establishment", _("Real and effective industrial or commercial establishment")),
    ("domicile", _("Domicile")),
    ("nationality", _("Nationality")),
    ("habitual_residence", _("Habitual residence")),
)


def submissions_visible_to(*, user):
    """The applicant who filed for itself, members (any role) of the client's firm, the client's
    users the draft was shared with (read-only: they follow what they approved; they may not
    pay or respond, see `submission_may_file`), and staff examiners. A representative removed
    from the firm no longer sees what it filed for the firm's client."""
    from hague_portal.filings.sharing import shared_draft_ids

    if not user.is_authenticated:
        return Submission.objects.none()
    if user.is_staff:
        return Submission.objects.all()
    return Submission.objects.filter(
        Q(created_by=user, client__isnull=True)
        | Q(client__firm__memberships__user=user)
        | Q(draft_id__in=shared_draft_ids(user=user))
        | Q(pk__in=registrations_held_by(user=user))
    ).distinct()


def registrations_held_by(*, user):
    """The registered applications the user holds now through a recorded change in ownership
    (issue 23): the registration's account, or a member of the firm of its client, or of the
    firm recorded as its representative (DM/7). A lookup on the registration's columns: the
    submissions app does not import the Register."""
    from hague_portal.accounts.models import FirmMembership

    firms = FirmMembership.objects.filter(user=user).values("firm_id")
    return Submission.objects.filter(
        Q(examination__registration__owner_user=user)
        | Q(examination__registration__owner_client__firm_id__in=firms)
        | Q(examination__registration__representative_firm_id__in=firms)
    ).values("pk")


def holder_moved(submission: Submission) -> tuple | None:
    """(owner_user_id, owner_client_id) of the registration when a change in ownership moved it
    away from the account that filed it (a Register entry of kind "ownership" recorded it); None
    otherwise."""
    row = (
        Submission.objects.filter(
            pk=submission.pk, examination__registration__entries__kind="ownership"
        )
        .values("examination__registration__owner_user", "examination__registration__owner_client")
        .first()
    )
    if row is None:
        return None
    owner = (
        row["examination__registration__owner_user"],
        row["examination__registration__owner_client"],
    )
    return None if owner == (submission.created_by_id, submission.client_id) else owner


def submission_get_for_user(*, number: str, user) -> Submission:
    """The submission, or 404 (never 403: whether a number exists is not for outsiders)."""
    submission = (
        submissions_visible_to(user=user)
        .select_related("created_by", "client")
        .filter(number=number)
        .first()
    )
    if submission is None:
        raise Http404("No such application.")
    return submission


def submission_may_file(*, user, submission) -> bool:
    """May file (and so pay) for this application: its creator, or an admin or editor of the
    client's firm. Viewers and staff examiners may read it, not pay for it (issue 8)."""
    from hague_portal.accounts.selectors import user_can_file_for_client

    if not user.is_authenticated:
        return False
    if _represents(user, submission):
        return True
    moved = holder_moved(submission)
    if moved is not None:  # issue 23: the holder since a change in ownership, only
        return _holds(user, *moved)
    if submission.client_id is None:
        return submission.created_by_id == user.pk
    return submission.client is not None and user_can_file_for_client(
        user=user, client=submission.client
    )


def former_holder_until(*, submission: Submission, user):
    """When the user is the applicant whose registration a change in ownership moved to another
    holder: the moment it was recorded (the application's page shows its history up to then and
    nothing after). None for the current holder, staff and every other reader."""
    if user.is_staff:
        return None
    moved = holder_moved(submission)
    if moved is None or _holds(user, *moved):
        return None
    return (
        Submission.objects.filter(
            pk=submission.pk, examination__registration__entries__kind="ownership"
        )
        .order_by("examination__registration__entries__created_at")
        .values_list("examination__registration__entries__created_at", flat=True)
        .first()
    )


def _represents(user, submission) -> bool:
    """An administrator or editor of the firm recorded as the registration's representative
    (DM/7, accepted by the firm) acts for the holder: renewals and requests for changes."""
    from hague_portal.accounts.models import FirmMembership
    from hague_portal.accounts.selectors import EDITING_ROLES

    return FirmMembership.objects.filter(
        user=user,
        role__in=EDITING_ROLES,
        firm__represented_registrations__examination__submission=submission,
    ).exists()


def _holds(user, owner_user_id, owner_client_id) -> bool:
    from hague_portal.accounts.models import Client
    from hague_portal.accounts.selectors import user_can_file_for_client

    if owner_client_id is not None:
        client = Client.objects.select_related("firm").get(pk=owner_client_id)
        return user_can_file_for_client(user=user, client=client)
    return owner_user_id is not None and owner_user_id == user.pk


def submission_jobs(submission: Submission) -> list:
    return list(submission.jobs.order_by("id"))


def submission_is_settled(jobs) -> bool:
    """Every job has an outcome (done or failed): the page stops polling."""
    return all(job.status in (JobStatus.DONE, JobStatus.FAILED) for job in jobs)


def submission_summary(submission: Submission) -> dict:
    """What the acknowledgement lists: number, date and time, applicant, designations, counts."""
    doc = submission.document
    designs = doc.get("designs") or []
    return {
        "number": submission.number,
        "received_at": timezone.localtime(submission.received_at),
        "applicants": [a.get("name", "") for a in doc.get("applicants") or []],
        "designations": designations_named(doc.get("designations") or []),
        "designs_count": len(designs),
        "reproductions_count": sum(len(d.get("reproductions") or []) for d in designs),
        "fees": submission.fees,
        "fees_total": submission.fees_total,
        "currency": submission.currency,
        "reference": doc.get("reference") or "",
        "correspondence_email": submission.correspondence_email,
        "attachments": [f for f in submission.files if f["role"] == "attachment"],
        # One list for the DM/1, the receipt and the e-mail (issue 8: "1" versus 4).
        "documents": documents_supplied(submission.files, legend_texts()),
    }


def designations_named(codes) -> list[dict]:
    """[{"code": "CH", "name": "Switzerland"}, ...], the names in the active language."""
    names = _party_names()
    return [{"code": code, "name": names.get(code, "")} for code in codes]


def _party_names() -> dict[str, str]:
    try:
        from hague_portal.reference.models import Party

        language = get_language()
        return {
            party.code: party.name_in(language)
            for party in Party.objects.only("code", "name", "name_fr", "name_es")
        }
    except Exception:  # noqa: BLE001 - names are a courtesy; codes are what was filed
        return {}


def submission_pdf_context(submission: Submission, *, with_paths: bool = True) -> dict:
    """Context of the DM/1 and receipt templates; `file_names` is the render's whitelist."""
    doc = submission.document
    files = {f["sha256"]: f for f in submission.files}
    context = {
        "submission": submission,
        "doc": doc,
        "summary": submission_summary(submission),
        "factors": [
            (label, (doc.get("entitlement") or {}).get(key) or []) for key, label in FACTORS
        ],
        "designs": designs_for_pdf(doc.get("designs") or [], files),
        "annexes": [
            (label, annex_entries_worded((doc.get("annexes") or {}).get(key) or []))
            for key, label in ANNEXES
        ],
        "annexes_attached": annexes_attached(doc.get("annexes") or {}),
        "attachments": [f for f in submission.files if f["role"] == "attachment"],
        "fee_lines": fee_lines_worded(submission),
    }
    if with_paths:
        context["file_names"] = submission_file_names(submission)
    return context


def fees_current(submission: Submission) -> dict:
    """The fees of the frozen document, calculated now with today's reference data, as of
    the date of receipt (the filing date)."""
    from hague_portal.filings.selectors import document_parse_lenient
    from hague_portal.hague.fees import calculate_fees
    from hague_portal.reference.selectors import reference_data

    ref = reference_data()
    app = document_parse_lenient(submission.document, ref).application
    on = timezone.localtime(submission.received_at).date()
    return calculate_fees(app, ref, on=on).as_dict()


def fee_lines_worded(submission: Submission) -> list[dict]:
    """The fee lines as accepted at filing, their labels in the active language.

    The accepted calculation is frozen with the words of whoever filed it; the amounts are what
    counts, the labels are only words. So the fees are calculated again from the frozen document
    (as of the filing date, in the active language) and each accepted line takes the label of
    the recalculated line charging the same (kind, party, due, quantity, amount); a line the
    reference data no longer reproduces keeps its label as filed."""
    accepted = (submission.fees or {}).get("lines", [])
    try:
        recalculated = list(fees_current(submission).get("lines", []))
    except Exception:  # noqa: BLE001 - words are a courtesy; the accepted lines stand
        return accepted
    worded = []
    for line in accepted:
        same = next((new for new in recalculated if _same_charge(line, new)), None)
        if same is not None:
            recalculated.remove(same)
            line = {**line, "label": same["label"]}
        worded.append(line)
    return worded


def _same_charge(line: dict, other: dict) -> bool:
    keys = ("kind", "party", "due", "quantity", "amount")
    return all(str(line.get(key)) == str(other.get(key)) for key in keys)


def designs_for_pdf(designs: list[dict], files: dict) -> list[dict]:
    """The designs with each view's legend in words and its image source (`portal-file:<sha>`
    when the file is among `files`, SHA-256 -> entry: the render's whitelist)."""
    return designs_with_legends([_design_with_sources(d, files) for d in designs], legend_texts())


def _design_with_sources(design: dict, files: dict) -> dict:
    views = [
        {**view, "src": f"portal-file:{view['sha256']}" if view.get("sha256") in files else ""}
        for view in design.get("reproductions") or []
    ]
    return {**design, "reproductions": views}


def submission_file_names(submission: Submission) -> dict[str, str]:
    """SHA-256 -> storage name of every stored file of this submission."""
    return file_names(submission.files)


def file_names(entries) -> dict[str, str]:
    """SHA-256 -> name in the default storage of each stored file entry (the PDF renderer reads
    them through the storage: a file of the filesystem or of object storage alike). A name that
    climbs out of the storage's root is left out (the filesystem storage refuses it anyway)."""
    return {
        entry["sha256"]: entry["path"]
        for entry in entries
        if entry.get("path")
        and ".." not in PurePosixPath(entry["path"]).parts
        and not entry["path"].startswith("/")
    }


APPLICATION_LANGUAGES = ("en", "fr", "es")  # Rule 6(1): English, French or Spanish


def application_language(submission) -> str:
    """The language the application was filed in (the document's "language"; English before the
    wizard asked). The DM/1, the acknowledgement and the notifications are produced in it."""
    language = (submission.document or {}).get("language") or "en"
    return language if language in APPLICATION_LANGUAGES else "en"


def job_oldest_waiting_seconds(*, now) -> int | None:
    """How long the job waiting longest has waited (/healthz), None when none waits. Waiting:
    queued (since it was created), or running with its lease run out (since then: its worker
    died, and beat's jobs_resend hands it on)."""
    queued = Job.objects.filter(status=JobStatus.QUEUED).aggregate(since=Min("created_at"))
    orphaned = Job.objects.filter(status=JobStatus.RUNNING, lease_until__lt=now).aggregate(
        since=Min("lease_until")
    )
    since = [at for at in (queued["since"], orphaned["since"]) if at is not None]
    return int((now - min(since)).total_seconds()) if since else None
