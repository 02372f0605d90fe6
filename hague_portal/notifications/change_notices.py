"""What the holder, the new holder and the representatives are told of a change in the
Register (issue 23; Article 16(4): the International Bureau notifies each recording): the
recording, an invitation to correct a request, its abandonment or refusal. Builders as in
consumers.py: (kind, title, body, pdf, pdf name); each recording is a CHANGE_RECORDED, the
request's own fate a CHANGE_INVITATION, CHANGE_ABANDONED or CHANGE_REFUSED.

`change_recipients` names who is told besides those entitled to the application now: the
former holder of a registration transferred (told of the transfer itself, nothing after), and
the administrators of a representative's firm appointed."""

from __future__ import annotations

from datetime import date

from django.db.models import Q
from django.utils.translation import gettext as _

from .models import NotificationKind


def _day(value: str) -> str:
    from .consumers import long_date

    return long_date(date.fromisoformat(value))


def _values(event) -> dict:
    after = event.after or {}
    return {
        "registration": after.get("registration_number", ""),
        "parties": ", ".join(after.get("parties") or []),
        "designs": ", ".join(str(n) for n in after.get("designs") or []),
    }


def _notice(title, body, kind=NotificationKind.CHANGE_RECORDED):
    return kind, title, body, None, ""


def _ownership(event):
    values = {**_values(event), "holder": event.after.get("new_holder", "")}
    body = _(
        "The change in ownership of international registration %(registration)s to "
        "%(holder)s was recorded in the International Register for %(parties)s, design(s) "
        "%(designs)s (Article 16(1)(i))."
    )
    if event.after.get("partial"):
        body += " " + _("The rest of the registration stays with its holder.")
    return _notice(_("Change in ownership recorded: %(registration)s") % values, body % values)


def _name_address(event):
    values = _values(event)
    return _notice(
        _("Holder's name or address recorded: %(registration)s") % values,
        _(
            "The holder's new name or address is recorded for international registration "
            "%(registration)s (Article 16(1)(ii))."
        )
        % values,
    )


def _representative(event):
    values = {**_values(event), "name": event.after.get("representative", "")}
    if event.after.get("action") == "cancel":
        body = _(
            "The appointment of the representative of international registration "
            "%(registration)s is cancelled (Article 16(1)(iii))."
        )
    else:
        body = _(
            "%(name)s is recorded as the representative of international registration "
            "%(registration)s (Article 16(1)(iii))."
        )
    return _notice(_("Representative recorded: %(registration)s") % values, body % values)


def _limited(event):
    values = _values(event)
    return _notice(
        _("Limitation recorded: %(registration)s") % values,
        _(
            "International registration %(registration)s is limited: design(s) %(designs)s "
            "are no longer protected in %(parties)s (Article 16(1)(v))."
        )
        % values,
    )


def _renounced(event):
    values = _values(event)
    return _notice(
        _("Renunciation recorded: %(registration)s") % values,
        _(
            "International registration %(registration)s is renounced for %(parties)s, for all "
            "designs (Article 16(1)(iv))."
        )
        % values,
    )


def _invited(event):
    values = {**_values(event), "date": _day(event.after["time_limit"]),
              "text": event.after.get("invitation", "")}  # fmt: skip
    return _notice(
        _("Your request for international registration %(registration)s is irregular") % values,
        _(
            "The International Bureau cannot yet record your request for international "
            "registration %(registration)s: %(text)s Correct it from the application's page by "
            "%(date)s; otherwise the request is abandoned and nothing is recorded."
        )
        % values,
        NotificationKind.CHANGE_INVITATION,
    )


def _abandoned(event):
    values = {**_values(event), "date": _day(event.after["time_limit"])}
    return _notice(
        _("Request abandoned: %(registration)s") % values,
        _(
            "Your request for international registration %(registration)s was not corrected by "
            "%(date)s: it is abandoned, and nothing was recorded in the Register."
        )
        % values,
        NotificationKind.CHANGE_ABANDONED,
    )


def _refused(event):
    values = {**_values(event), "reason": event.after.get("reason", "")}
    return _notice(
        _("Request refused: %(registration)s") % values,
        _(
            "The International Bureau refused your request for international registration "
            "%(registration)s: %(reason)s Nothing was recorded in the Register."
        )
        % values,
        NotificationKind.CHANGE_REFUSED,
    )


CHANGE_BUILDERS = {
    "register.ownership_changed": _ownership,
    "register.name_address_changed": _name_address,
    "register.representative_changed": _representative,
    "register.limited": _limited,
    "register.renounced": _renounced,
    "change.invited": _invited,
    "change.abandoned": _abandoned,
    "change.refused": _refused,
}


def change_recipients(event) -> list:
    """Users told of the event besides those entitled to the application now."""
    from hague_portal.accounts.models import FirmRole, User

    after = event.after or {}
    wanted = Q(pk__in=[])
    if event.kind == "register.ownership_changed":
        if after.get("previous_owner_user"):
            wanted |= Q(pk=after["previous_owner_user"])
        if after.get("previous_owner_client"):
            wanted |= Q(memberships__firm__clients=after["previous_owner_client"])
    change = _change_of(event)
    if change:
        wanted |= Q(
            memberships__firm__change_requests=change,
            memberships__role=FirmRole.ADMIN,
        )
    return list(User.objects.filter(wanted, is_active=True, is_staff=False).distinct())


REQUEST_REF = "changes.ChangeRequest:"


def _change_of(event) -> int | None:
    """The request the event is about: named by the changes app's events, and by the Register's
    through the entry written (its request_ref), as register.services.changes_apply records it."""
    from hague_portal.register.models import RegisterEntry

    after = event.after or {}
    if after.get("change"):
        return after["change"]
    if not after.get("entry"):
        return None
    ref = (
        RegisterEntry.objects.filter(pk=after["entry"])
        .values_list("request_ref", flat=True)
        .first()
        or ""
    )
    return int(ref.removeprefix(REQUEST_REF)) if ref.startswith(REQUEST_REF) else None
