"""What the holder and its representative are told after registration (issue 22): publication
(Rule 17), each designated Office's decisions (Rules 18, 18bis; Article 12(4)), protection at
the end of a refusal period (Article 14(2)(a)), the second part of a fee (Rule 12(3)) and a
cancellation for a party. Builders as in consumers.py: (kind, title, body, pdf, pdf name), run
in the application's language."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from hague_portal.register.models import Decision

from .models import NotificationKind


def _day(value: str) -> str:
    from .consumers import long_date

    return long_date(date.fromisoformat(value))


def _designs(numbers) -> str:
    if not numbers:
        return _("all designs")
    return _("designs %(numbers)s") % {"numbers": ", ".join(str(n) for n in numbers)}


def _values(event) -> dict:
    after = event.after or {}
    return {"registration": after.get("registration_number", ""), "party": after.get("party", "")}


def _published(event):
    after = event.after
    periods = "; ".join(
        f"{party}: {_day(end)}"
        for party, end in sorted((after.get("refusal_periods") or {}).items())
    )
    values = {**_values(event), "date": _day(after["published_on"]), "periods": periods}
    return (
        NotificationKind.PUBLISHED,
        _("International registration %(registration)s published") % values,
        _(
            "International registration %(registration)s was published in the International "
            "Designs Bulletin on %(date)s (Rule 17). The Office of each designated Contracting "
            "Party may notify a refusal until the end of its refusal period (Rule 18(1)): "
            "%(periods)s."
        )
        % values,
        None,
        "",
    )


def _refused(event):
    from hague_portal.register.letters import refusal_copy

    after = event.after
    decision = Decision.objects.select_related(
        "by__office", "designation__registration__examination__submission"
    ).get(pk=after["decision"])
    values = {
        **_values(event),
        "designs": _designs(after.get("designs")),
        "grounds": after.get("grounds", ""),
        "provisions": after.get("provisions", ""),
        "authority": after.get("review_authority", ""),
        "date": _day(after["review_time_limit"]),
    }
    body = _(
        "The Office of %(party)s notified a refusal of protection for %(designs)s of "
        "international registration %(registration)s (Rule 18). Grounds: %(grounds)s "
        "Provisions relied on: %(provisions)s. A request for review or appeal may be made to "
        "%(authority)s by %(date)s, before that Office. The copy of the refusal is attached "
        "(Article 12(3))."
    )
    return (
        NotificationKind.REFUSED,
        _("Refusal by %(party)s: international registration %(registration)s") % values,
        body % values,
        refusal_copy(decision=decision),
        f"{values['registration'].replace('/', '-')}-refusal-{values['party']}-{decision.pk}.pdf",
    )


def _still_refused(after) -> str:
    remaining = after.get("remaining_refused") or []
    if not remaining:
        return ""
    return " " + _("The refusal remains for %(designs)s.") % {"designs": _designs(remaining)}


def _withdrawn(event):
    values = {**_values(event), "designs": _designs(event.after.get("designs"))}
    return (
        NotificationKind.REFUSAL_WITHDRAWN,
        _("Refusal withdrawn by %(party)s: international registration %(registration)s") % values,
        _(
            "The Office of %(party)s withdrew its refusal for %(designs)s of international "
            "registration %(registration)s (Article 12(4)): protection runs from the withdrawal "
            "(Article 14(2)(b))."
        )
        % values
        + _still_refused(event.after),
        None,
        "",
    )


def _granted(event):
    values = {**_values(event), "designs": _designs(event.after.get("designs"))}
    return (
        NotificationKind.GRANTED,
        _("Protection granted in %(party)s: international registration %(registration)s") % values,
        _(
            "The Office of %(party)s stated that it grants protection to %(designs)s of "
            "international registration %(registration)s (Rule 18bis)."
        )
        % values
        + _still_refused(event.after),
        None,
        "",
    )


def _protected(event):
    values = {**_values(event), "date": _day(event.after["refusal_period_end"])}
    return (
        NotificationKind.PROTECTED,
        _("Protected in %(party)s: international registration %(registration)s") % values,
        _(
            "The Office of %(party)s notified no refusal by the end of its refusal period on "
            "%(date)s: international registration %(registration)s has the effect of a grant of "
            "protection in %(party)s (Article 14(2)(a))."
        )
        % values,
        None,
        "",
    )


def _second_part_due(event):
    from hague_portal.lib.numbers import amount_text

    values = {
        **_values(event),
        "amount": amount_text(event.after["amount"], "CHF"),
        "date": _day(event.after["time_limit"]),
    }
    return (
        NotificationKind.SECOND_PART_DUE,
        _("Second part of the fee for %(party)s due by %(date)s: %(registration)s") % values,
        _(
            "The Office of %(party)s found the designs of international registration "
            "%(registration)s protectable: the second part of its individual designation fee, "
            "%(amount)s, is due by %(date)s (Rule 12(3)(c)). Pay it from the application's "
            "page; if it is not paid in time, the registration will be cancelled for "
            "%(party)s (Rule 12(3)(d))."
        )
        % values,
        None,
        "",
    )


def _cancelled(event):
    values = {**_values(event), "date": _day(event.after["time_limit"])}
    return (
        NotificationKind.CANCELLED,
        _("Cancelled for %(party)s: international registration %(registration)s") % values,
        _(
            "The second part of the individual designation fee for %(party)s was not paid by "
            "%(date)s, so international registration %(registration)s is cancelled for "
            "%(party)s (Rule 12(3)(d)). It remains in force for the other designated "
            "Contracting Parties."
        )
        % values,
        None,
        "",
    )


REGISTER_BUILDERS = {
    "registration.published": _published,
    "designation.refused": _refused,
    "designation.refusal_withdrawn": _withdrawn,
    "designation.granted": _granted,
    "designation.protected": _protected,
    "second_part.due": _second_part_due,
    "designation.cancelled": _cancelled,
}
