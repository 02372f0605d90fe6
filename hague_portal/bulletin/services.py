"""Writing the Bulletin: the issue of a week, and an entry per published fact (Rule 26(1)).

Run by the event stream (`consumers`) after the Register's change commits, and again by beat
after a failure: an entry is keyed by its event, so running it twice writes it once."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hague_portal.examination.models import Response
from hague_portal.examination.selectors import application_document_now
from hague_portal.filings.models import Reproduction
from hague_portal.hague.clock import GENEVA
from hague_portal.register.models import Registration

from .models import BulletinEntry, BulletinIssue, EntryKind
from .search import codes, fold, locarno_codes

FRIDAY = 4  # date.weekday(): the Bulletin is published weekly, on Fridays (Rule 26; BULL)

# The event kinds the Bulletin publishes, and the kind of entry each makes.
ENTRY_KINDS = {
    "registration.published": EntryKind.REGISTRATION,  # Rule 17
    "designation.refused": EntryKind.REFUSAL,  # Rule 18(5)
    "designation.refusal_withdrawn": EntryKind.REFUSAL_WITHDRAWN,  # Article 12(4)
    "designation.granted": EntryKind.GRANT,  # Rule 18bis(3)
    "designation.cancelled": EntryKind.CANCELLATION,  # Rule 12(3)(d)
    # Changes in the Register (issue 23; Article 16(4)). Representative transactions are
    # published since issue 14/2023 (Rules amended 1 April 2023).
    "register.ownership_changed": EntryKind.OWNERSHIP,
    "register.name_address_changed": EntryKind.NAME_ADDRESS,
    "register.representative_changed": EntryKind.REPRESENTATIVE,
    "register.limited": EntryKind.LIMITATION,
    "register.renounced": EntryKind.RENUNCIATION,
    # Renewed and expired registrations (Rule 26(1), Article 17(5)): issue 23.
    "registration.renewed": EntryKind.RENEWAL,
    "registration.lapsed": EntryKind.EXPIRY,
}
CHANGE_KINDS = frozenset(
    {EntryKind.OWNERSHIP, EntryKind.NAME_ADDRESS, EntryKind.REPRESENTATIVE,
     EntryKind.LIMITATION, EntryKind.RENUNCIATION}
)  # fmt: skip


def issue_friday(day: date) -> date:
    """The Friday of the week (Monday to Sunday) that holds `day`: the issue it appears in."""
    return day + timedelta(days=FRIDAY - day.weekday())


def issue_number(friday: date) -> int:
    """The n-th Friday of its year: the issue of 7 April 2023 is 14/2023 (CONF)."""
    return (friday.timetuple().tm_yday - 1) // 7 + 1


def issue_for(day: date) -> BulletinIssue:
    """The week's issue, made on demand (two consumers at once: the unique date keeps one)."""
    friday = issue_friday(day)
    issue, _ = BulletinIssue.objects.get_or_create(
        dated=friday, defaults={"year": friday.year, "number": issue_number(friday)}
    )
    return issue


def entry_record(*, event) -> BulletinEntry | None:
    """The entry an event of the Register makes; None for a kind the Bulletin does not carry."""
    kind = ENTRY_KINDS.get(event.kind)
    if kind is None:
        return None
    existing = BulletinEntry.objects.filter(event=event).first()
    if existing is not None:
        return existing
    registration = Registration.objects.select_related("examination__submission").get(
        pk=event.submission_id
    )
    day = _entry_date(event, registration, kind)
    after = event.after or {}
    return BulletinEntry.objects.create(
        issue=issue_for(day),
        kind=kind,
        event=event,
        registration=registration,
        party=after.get("party", "") if kind != EntryKind.REGISTRATION else "",
        date=day,
        details=_details(kind, after),
        **snapshot(registration, party=after.get("party")),
    )


def _entry_date(event, registration, kind) -> date:
    if kind == EntryKind.REGISTRATION:
        return registration.published_on  # the day of publication (Rule 17)
    recorded = (event.after or {}).get("on")
    if recorded:
        return date.fromisoformat(recorded)
    return datetime.astimezone(event.at, GENEVA).date()


def _details(kind, after: dict) -> dict:
    """What the Bulletin says of an Office's decision. Rule 26(1)(ii): a refusal with whether a
    review or appeal is possible, but without its grounds."""
    if kind == EntryKind.REGISTRATION:
        return {}
    if kind == EntryKind.RENEWAL:
        return {k: after.get(k) for k in ("new_expiry", "parties", "designs")}
    if kind == EntryKind.EXPIRY:
        return {k: after.get(k) for k in ("expiry", "parties", "whole")}
    details = {"designs": after.get("designs") or []}
    if kind == EntryKind.REFUSAL:
        details["review_possible"] = bool(after.get("review_time_limit"))
    if "remaining_refused" in after:
        details["remaining_refused"] = after["remaining_refused"]
    if kind == EntryKind.CANCELLATION:
        details["reason"] = after.get("reason", "")
    if kind in CHANGE_KINDS:  # what was recorded, as the Register's entry says it
        details.update(
            parties=after.get("parties") or [],
            new_holder=after.get("new_holder", ""),
            representative=after.get("representative", ""),
            action=after.get("action", ""),
            partial=bool(after.get("partial")),
        )
    return details


def snapshot(registration, *, party: str | None = None) -> dict:
    """The registration as the Bulletin publishes it (Rule 26(1)(i)): number and date, holder
    and address, each design with its product, Locarno class and reproductions, the designated
    parties, the priorities."""
    document = application_document_now(registration.examination)
    designs = _designs(registration, document)
    parties = sorted(registration.designations.values_list("party", flat=True))
    products = " | ".join(d["product"] for d in designs)
    return {
        "number": registration.number,
        "registration_date": registration.registration_date,
        "holder_name": registration.holder_name,
        "holder_address": _addresses(document)[:500],
        "designs": designs,
        "parties": parties,
        "priorities": _priorities(document),
        "holder_folded": fold(registration.holder_name),
        "products_folded": fold(products),
        "classes": codes(c for d in designs for c in locarno_codes(d["locarno"])),
        # An Office's decision is searched under its own party; a registration under all.
        "parties_text": codes([party] if party else parties),
    }


def _addresses(document: dict) -> str:
    lines = []
    for applicant in document.get("applicants") or ():
        address = applicant.get("address") or {}
        city = " ".join(p for p in (address.get("postcode"), address.get("city")) if p)
        parts = (address.get("street"), city, address.get("country"))
        lines.append(", ".join(p for p in parts if p))
    return "; ".join(line for line in lines if line)


def _priorities(document: dict) -> list[dict]:
    keys = ("office", "number", "date", "designs")
    return [
        {k: p.get(k) for k in keys if p.get(k) not in (None, "")}
        for p in document.get("priorities") or ()
    ]


def _designs(registration, document: dict) -> list[dict]:
    files = _reproduction_files(registration)
    return [
        {
            "number": design.get("number"),
            "product": str(design.get("product") or ""),
            "locarno": str(design.get("locarno") or ""),
            "reproductions": _views(design, files),
        }
        for design in document.get("designs") or ()
    ]


def _reproduction_files(registration) -> dict:
    """Every reproduction stored for the application (as filed, then as corrected), by SHA-256
    and by (design, view number)."""
    entries = list(registration.examination.submission.files or [])
    for response_files in Response.objects.filter(
        invitation__examination=registration.examination
    ).values_list("files", flat=True):
        entries += response_files or []
    out = {}
    for entry in entries:
        if entry.get("role") == "reproduction" and entry.get("path"):
            out[entry["sha256"]] = entry
            out[(entry.get("design"), str(entry.get("number")))] = entry
    return out


def _views(design: dict, files: dict) -> list[dict]:
    views = []
    for view in design.get("reproductions") or ():
        entry = files.get(view.get("sha256")) or files.get(
            (design.get("number"), str(view.get("number")))
        )
        if entry is None:
            continue
        views.append(
            {
                "number": str(view.get("number") or entry.get("number") or ""),
                "sha256": entry["sha256"],
                "path": entry["path"],
                "thumbnail": _thumbnail_path(entry["sha256"]),
                "legend": view.get("legend_text") or "",
            }
        )
    return views


def _thumbnail_path(sha256: str) -> str:
    stored = Reproduction.objects.filter(sha256=sha256).exclude(thumbnail="").first()
    return stored.thumbnail.name if stored else ""
