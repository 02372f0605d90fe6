"""What an entry of the Register's history says, in the reader's language.

Each service that records a change writes its `summary` in English, a record that stays as
written (the admin, the events and the Bulletin read it), and the facts it states in `params`.
The application's page and the Register extract word the entry again, at display time, from
those facts: in English exactly as the summary reads, in French or Spanish as translated. An
entry without facts (recorded before they were kept, and not backfilled) shows its summary.
"""

from __future__ import annotations

from datetime import date

from django.utils import dateformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from .models import EntryKind


def entry_text(entry) -> str:
    """The entry's sentence in the active language; its stored summary when it has no facts
    or facts that do not fit its kind (an old row)."""
    wording = _WORDINGS.get(entry.kind)
    if wording is None or not entry.params:
        return entry.summary
    try:
        return wording(entry.params)
    except (KeyError, TypeError, ValueError):
        return entry.summary


def _day(value: str) -> str:
    # Translators: how a date is written in the sentences of the Register's history, in
    # Django's date format letters. English keeps the summaries' form (2036-01-05); "j F Y"
    # gives "5 janvier 2036", "j \d\e F \d\e Y" gives "5 de enero de 2036".
    return dateformat.format(date.fromisoformat(value), pgettext("Register history", "Y-m-d"))


def _codes(values) -> str:
    """Party codes or design numbers as the summaries list them: "CH, EM", "1, 2"."""
    return ", ".join(str(v) for v in values)


def _registration(p: dict) -> str:
    # Translators: %(registration)s is the international registration's number (DM/000001),
    # %(date)s the date of the international registration.
    return _("International registration %(registration)s of %(date)s") % {
        "registration": p["number"],
        "date": _day(p["date"]),
    }


def _renewal(p: dict) -> str:
    values = {
        "date": _day(p["new_expiry"]),
        "parties": _codes(p["parties"]),
        "designs": _codes(p["designs"]),
        "renewal": p["renewal"],
    }
    count = len(p["designs"])
    if p.get("in_grace"):
        text = ngettext(
            # Translators: %(date)s is the new expiry; %(parties)s party codes ("CH, EM");
            # %(designs)s design numbers ("1, 2"), the count; %(renewal)s the renewal's number.
            "Renewed until %(date)s for %(parties)s, design(s) %(designs)s (renewal "
            "%(renewal)s, in the grace period; Article 17, Rule 25)",
            "Renewed until %(date)s for %(parties)s, design(s) %(designs)s (renewal "
            "%(renewal)s, in the grace period; Article 17, Rule 25)",
            count,
        )
        return text % values
    text = ngettext(
        # Translators: %(date)s is the new expiry; %(parties)s party codes ("CH, EM");
        # %(designs)s design numbers ("1, 2"), the count; %(renewal)s the renewal's number.
        "Renewed until %(date)s for %(parties)s, design(s) %(designs)s (renewal "
        "%(renewal)s; Article 17, Rule 25)",
        "Renewed until %(date)s for %(parties)s, design(s) %(designs)s (renewal "
        "%(renewal)s; Article 17, Rule 25)",
        count,
    )
    return text % values


def _lapse(p: dict) -> str:
    values = {"date": _day(p["expiry"]), "parties": _codes(p["parties"])}
    if p.get("whole"):
        text = _(
            # Translators: %(date)s is the expiry not renewed; %(parties)s party codes ("CH, EM").
            "Not renewed: lapsed on %(date)s for %(parties)s (the whole registration) "
            "(Article 17, Rule 24(1)(c))"
        )
        return text % values
    # Translators: %(date)s is the expiry not renewed; %(parties)s party codes ("CH, EM").
    return _("Not renewed: lapsed on %(date)s for %(parties)s (Article 17, Rule 24(1)(c))") % values


def _ownership(p: dict) -> str:
    values = {
        "holder": p["new_holder"],
        "parties": _codes(p["parties"]),
        "designs": _codes(p["designs"]),
    }
    count = len(p["designs"])
    if p.get("partial"):
        text = ngettext(
            # Translators: %(holder)s is the new holder's name; %(parties)s party codes
            # ("CH, EM"); %(designs)s design numbers ("1, 2"), the count. Partial: only some
            # parties or designs were transferred.
            "Change in ownership to %(holder)s for %(parties)s, design(s) %(designs)s "
            "(partial) (Article 16(1)(i))",
            "Change in ownership to %(holder)s for %(parties)s, design(s) %(designs)s "
            "(partial) (Article 16(1)(i))",
            count,
        )
        return text % values
    text = ngettext(
        # Translators: %(holder)s is the new holder's name; %(parties)s party codes ("CH, EM");
        # %(designs)s design numbers ("1, 2"), the count.
        "Change in ownership to %(holder)s for %(parties)s, design(s) %(designs)s "
        "(Article 16(1)(i))",
        "Change in ownership to %(holder)s for %(parties)s, design(s) %(designs)s "
        "(Article 16(1)(i))",
        count,
    )
    return text % values


def _holder_detail(key: str) -> str:
    """One of the holder's recorded details a DM/6 changes, as the sentence names it."""
    details = {
        "name": pgettext("holder's detail changed", "name"),
        "address": pgettext("holder's detail changed", "address"),
        "country": pgettext("holder's detail changed", "country"),
        "email": pgettext("holder's detail changed", "email"),
    }
    return details[key]


def _name_address(p: dict) -> str:
    # Translators: %(details)s lists what changed among the holder's name, address, country
    # and e-mail, each translated on its own ("name, address").
    return _("Holder's %(details)s changed (Article 16(1)(ii), Rule 21)") % {
        "details": ", ".join(_holder_detail(key) for key in p["changed"])
    }


def _representative(p: dict) -> str:
    if p["action"] == "cancel":
        # Translators: the representative recorded is no longer the holder's (DM/7).
        return _("Representative's appointment cancelled (Article 16(1)(iii))")
    # Translators: %(representative)s is the name of the representative appointed (a new
    # appointment or one replacing the representative recorded).
    return _("Representative %(representative)s appointed (Article 16(1)(iii))") % {
        "representative": p["representative"]
    }


def _limitation(p: dict) -> str:
    text = ngettext(
        # Translators: %(designs)s design numbers ("1, 2"), the count; %(parties)s party codes
        # ("CH, EM"): the designs are no longer protected there.
        "Limited: design(s) %(designs)s no longer protected in %(parties)s (Article 16(1)(v))",
        "Limited: design(s) %(designs)s no longer protected in %(parties)s (Article 16(1)(v))",
        len(p["designs"]),
    )
    return text % {"designs": _codes(p["designs"]), "parties": _codes(p["parties"])}


def _renunciation(p: dict) -> str:
    # Translators: %(parties)s party codes ("CH, EM").
    return _("Renounced for %(parties)s, all designs (Article 16(1)(iv))") % {
        "parties": _codes(p["parties"])
    }


_WORDINGS = {
    EntryKind.REGISTRATION: _registration,
    EntryKind.RENEWAL: _renewal,
    EntryKind.LAPSE: _lapse,
    EntryKind.OWNERSHIP: _ownership,
    EntryKind.NAME_ADDRESS: _name_address,
    EntryKind.REPRESENTATIVE: _representative,
    EntryKind.LIMITATION: _limitation,
    EntryKind.RENUNCIATION: _renunciation,
}
