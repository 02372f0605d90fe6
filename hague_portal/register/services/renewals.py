"""Renewal of an international registration (Article 17; Rules 23-25) in the Register: what a
renewal would cost now (`renewal_quote`), paying it (`renewal_pay`), and recording it
(`renewal_record`, for callers that charge several renewals at once).

The rules themselves (terms, dates, maximum durations, fees) are the pure `hague.renewal`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from hague_portal.events.services import unit
from hague_portal.hague import renewal as rules
from hague_portal.hague.fees.results import FeeLine
from hague_portal.payments.models import PaymentPurpose
from hague_portal.payments.services import PaymentError, payment_charge
from hague_portal.reference.selectors import reference_data

from ..models import (
    DesignationStatus,
    EntryKind,
    RegisterStatus,
    Registration,
    Renewal,
)
from .common import RegisterError, record, today_or
from .state import entry_record, registration_state

# The renewal window opens with the Rule 23 reminder, six months before the expiry
# (`RenewalDates.reminder_on`): an earlier payment would count as made three months before the
# expiry anyway (Rule 24(1)(d)).


@dataclass(frozen=True)
class PartyOffer:
    party: str
    designs: list[int]  # the designs in force for the party
    renewable: bool
    reason: str = ""  # why it is not offered


@dataclass(frozen=True)
class RenewalQuote:
    registration: Registration
    number: int  # the renewal's number: 1 at the end of the first term
    dates: rules.RenewalDates
    offers: list[PartyOffer]
    parties: list[str]  # chosen
    designs: list[int]  # chosen ([] would be none: always explicit here)
    in_grace: bool
    fees_on: date  # the fees in force on this day apply (Rule 24(1)(d))
    lines: list[FeeLine] = field(default_factory=list)
    total: Decimal = Decimal("0.00")

    @property
    def new_expiry(self) -> date:
        return rules.term_expiry(self.registration.registration_date, self.number + 1)

    def lines_as_dicts(self) -> list[dict]:
        return [line.as_dict() for line in self.lines]


def renewal_window(registration: Registration, today: date | None = None) -> str:
    """Where the registration stands for its next renewal: "not_open", "open", "grace",
    "closed" (the grace period ended) or "ended" (lapsed, renounced or cancelled)."""
    today = today_or(today)
    if registration.status != RegisterStatus.IN_FORCE or registration.expiry is None:
        return "ended"
    dates = rules.renewal_dates(reference_data(), registration.registration_date, registration.term)
    if today < dates.reminder_on:
        return "not_open"
    if today <= dates.due:
        return "open"
    return "grace" if today <= dates.grace_end else "closed"


def renewal_offers(registration: Registration, today: date) -> list[PartyOffer]:
    """Each designated party and whether it may be renewed now, with the reason if not."""
    ref, term = reference_data(), registration.term
    offers = []
    # all(): the designations a bulk renewal prefetched (by party), else one query.
    for d in sorted(registration.designations.all(), key=lambda d: d.party):
        designs = [n for n in d.designs if n not in (d.refused_designs or [])]
        reason = ""
        if d.register_status != RegisterStatus.IN_FORCE or d.status == DesignationStatus.CANCELLED:
            reason = _("No longer in force: %(status)s.") % {
                "status": d.get_register_status_display()
                if d.register_status != RegisterStatus.IN_FORCE
                else d.get_status_display()
            }
        elif not designs:
            reason = _("Refused for every design in force: there is nothing to renew.")
        elif not rules.renewable_for(ref, d.party, today, term):
            reason = _(
                "Its maximum duration of protection, %(years)d years, ends with this term "
                "(Article 17(3))."
            ) % {"years": rules.max_years(ref, d.party, today)}
        elif _individual_fee_missing(ref, d.party, today, registration, term):
            reason = _(
                "The fee schedule holds no individual renewal fee for %(party)s: the "
                "International Bureau must add it before this party can be renewed online."
            ) % {"party": d.party}
        offers.append(PartyOffer(d.party, designs if not reason else d.designs, not reason, reason))
    return offers


def _individual_fee_missing(ref, party, today, registration, term) -> bool:
    fee_type = ref.fee_type(party, registration.registration_date)
    if fee_type is None or fee_type.fee_type != "individual":
        return False
    lines, _total = rules.renewal_fees(
        ref,
        today,
        designs=1,
        parties=[party],
        renewal=term,
        in_grace=False,
        individual_parties=frozenset({party}),
    )
    return any(line.confidence is None for line in lines if line.party == party)


def renewal_quote(
    *,
    registration: Registration,
    parties: list[str] | None = None,
    designs: list[int] | None = None,
    today: date | None = None,
) -> RenewalQuote:
    """The renewal the holder asks for (all renewable parties and designs by default, Article
    17(4): any or all of them), itemised; RegisterError at the field for what cannot be."""
    today = today_or(today)
    window = renewal_window(registration, today)
    ref = reference_data()
    dates = rules.renewal_dates(ref, registration.registration_date, registration.term)
    _require_window(registration, window, dates)
    offers = renewal_offers(registration, today)
    chosen = _parties_chosen(offers, parties)
    designs_chosen = _designs_chosen(offers, chosen, designs)
    in_grace = window == "grace"
    fees_on = max(today, dates.counts_from)  # Rule 24(1)(d)
    individual = frozenset(
        p
        for p in chosen
        if (ft := ref.fee_type(p, registration.registration_date)) and ft.fee_type == "individual"
    )
    lines, total = rules.renewal_fees(
        ref,
        fees_on,
        designs=len(designs_chosen),
        parties=chosen,
        renewal=registration.term,
        in_grace=in_grace,
        individual_parties=individual,
    )
    return RenewalQuote(
        registration, registration.term, dates, offers, chosen, designs_chosen, in_grace,
        fees_on, lines, total,
    )  # fmt: skip


def _require_window(registration, window, dates) -> None:
    if window == "ended":
        raise RegisterError(
            _("International registration %(number)s is no longer in force: %(status)s.")
            % {"number": registration.number, "status": registration.get_status_display()}
        )
    if window == "not_open":
        raise RegisterError(
            _("The renewal of the term ending on %(expiry)s can be paid from %(opens)s.")
            % {
                "expiry": dates.expiry.isoformat(),
                "opens": dates.reminder_on.isoformat(),
            }
        )
    if window == "closed":
        raise RegisterError(
            _(
                "The term ended on %(expiry)s and the six-month grace period ended on "
                "%(grace)s (Rule 24(1)(c)): it can no longer be renewed."
            )
            % {"expiry": dates.expiry.isoformat(), "grace": dates.grace_end.isoformat()}
        )


def _parties_chosen(offers, parties) -> list[str]:
    renewable = {o.party: o for o in offers if o.renewable}
    if parties is None:
        chosen = list(renewable)
    else:
        chosen = sorted(set(parties))
        by_party = {o.party: o for o in offers}
        refused = [
            f"{p}: {by_party[p].reason}" if p in by_party else
            _("%(party)s is not designated in this registration.") % {"party": p}
            for p in chosen if p not in renewable
        ]  # fmt: skip
        if refused:
            raise RegisterError(" ".join(refused), "parties")
    if not chosen:
        raise RegisterError(_("Choose at least one designated party to renew."), "parties")
    return chosen


def _designs_chosen(offers, chosen, designs) -> list[int]:
    in_force = sorted({n for o in offers if o.party in chosen for n in o.designs})
    if designs is None:
        return in_force
    picked = sorted({int(n) for n in designs})
    unknown = [n for n in picked if n not in in_force]
    if unknown:
        raise RegisterError(
            _("Design %(numbers)s is not in force for the parties chosen.")
            % {"numbers": ", ".join(str(n) for n in unknown)},
            "designs",
        )
    if not picked:
        raise RegisterError(_("Choose at least one design to renew."), "designs")
    return picked


def renewal_record(
    *,
    quote: RenewalQuote,
    payment,
    by=None,
    payer_name: str = "",
    payer_email: str = "",
    today: date | None = None,
) -> Renewal:
    """Record a paid renewal (Rule 25), in the caller's transaction with the registration
    locked: the next term for the parties and designs renewed; what is not renewed stays on
    the old expiry and lapses with it (`renewals_lapse`)."""
    today = today_or(today)
    registration = quote.registration
    before = registration_state(registration)
    renewal = Renewal.objects.create(
        registration=registration,
        number=quote.number,
        expiry_renewed=quote.dates.expiry,
        new_expiry=quote.new_expiry,
        parties=quote.parties,
        designs=quote.designs,
        in_grace=quote.in_grace,
        fees=quote.lines_as_dicts(),
        total=quote.total,
        payment=payment,
        by=by,
        payer_name=payer_name,
        payer_email=payer_email,
        recorded_on=today,
    )
    registration.term, registration.expiry = quote.number + 1, quote.new_expiry
    registration.save(update_fields=["term", "expiry"])
    # all(): the objects a bulk renewal prefetched are changed too, so that the state the
    # entry records below (registration_state reads them) is the new one.
    for d in registration.designations.all():
        if d.party in quote.parties:
            d.expiry = quote.new_expiry
            d.designs = [n for n in d.designs if n in quote.designs]
            d.save(update_fields=["expiry", "designs"])
    summary = (
        f"Renewed until {quote.new_expiry.isoformat()} for {', '.join(quote.parties)}, "
        f"design(s) {', '.join(str(n) for n in quote.designs)} (renewal {quote.number}"
        f"{', in the grace period' if quote.in_grace else ''}; Article 17, Rule 25)"
    )
    entry_record(
        registration,
        EntryKind.RENEWAL,
        summary,
        recorded_on=today,
        params={
            "renewal": quote.number,
            "new_expiry": quote.new_expiry.isoformat(),
            "parties": quote.parties,
            "designs": quote.designs,
            "in_grace": quote.in_grace,
        },
        before=before,
        by=by,
    )
    record(
        registration,
        "registration.renewed",
        summary,
        actor=by,
        renewal=quote.number,
        new_expiry=quote.new_expiry.isoformat(),
        parties=quote.parties,
        designs=quote.designs,
        total=str(quote.total),
        paid_by=payer_name or (by.get_full_name() or by.email if by else ""),
        on=today.isoformat(),
    )
    return renewal


def registration_locked(pk) -> Registration:
    return (
        Registration.objects.select_for_update()
        .select_related("examination__submission")
        .get(pk=pk)
    )


def renewal_pay(
    *,
    registration: Registration,
    user,
    method: str,
    parties: list[str] | None = None,
    designs: list[int] | None = None,
    seen_total: Decimal | None = None,
    account=None,
    card_number: str = "",
    payer_name: str = "",
    payer_email: str = "",
    today: date | None = None,
) -> Renewal:
    """Pay and record one registration's renewal. `seen_total`: the total the payer was shown;
    if the fees changed since (a new schedule, the grace period began), nothing is charged.
    `user` None: anyone may pay a renewal by card (as WIPO's E-Renewal), naming themselves."""
    today = today_or(today)
    with unit():
        locked = registration_locked(registration.pk)
        quote = renewal_quote(registration=locked, parties=parties, designs=designs, today=today)
        if seen_total is not None and Decimal(seen_total) != quote.total:
            raise RegisterError(
                _("The fees are now %(total)s CHF, not %(seen)s: check them and pay again.")
                % {"total": quote.total, "seen": seen_total},
                "seen_total",
            )
        try:
            payment = payment_charge(
                submission=locked.examination.submission,
                user=user,
                purpose=PaymentPurpose.RENEWAL,
                amount=quote.total,
                description=f"Renewal {quote.number} of international registration {locked.number}",
                method=method,
                account=account,
                card_number=card_number,
                reference=locked.number.replace("/", ""),
                payer_name=payer_name,
                payer_email=payer_email,
            )
        except PaymentError as error:
            raise RegisterError(str(error), "method") from error
        return renewal_record(
            quote=quote,
            payment=payment,
            by=user,
            payer_name=payer_name,
            payer_email=payer_email,
            today=today,
        )
