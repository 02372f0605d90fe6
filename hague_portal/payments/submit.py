"""Filing a draft with its fee payment sheet: the draft becomes an application (submissions), and
the fees are debited from the WIPO current account chosen, in the same transaction (payments).
The wizard's Submit and the API's submit both come here."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext

from hague_portal.filings.models import Draft, DraftRevision, DraftStatus
from hague_portal.filings.selectors import document_parse_lenient, draft_document
from hague_portal.filings.services import DraftError, DraftNotReady, draft_conflict
from hague_portal.hague.checks import is_blocking, run_checks
from hague_portal.hague.clock import geneva_today
from hague_portal.hague.fees import calculate_fees
from hague_portal.submissions.services import submission_create

from .models import PaymentMethod
from .selectors import current_accounts_for
from .services import PaymentError, payment_create


def draft_submit(*, draft, user, seen_version, ref, account=None, debit_or_refuse=False) -> Draft:
    """DRAFT -> SUBMITTED, once. The submission pipeline hooks in here (after commit).

    With an `account` the user may debit (the wizard asks for one when the WIPO current account
    was chosen at the Fees step), the fees are debited in the same transaction (see
    `_pay_on_submit`). `debit_or_refuse`: the caller named the account to debit (the API), so a
    refused debit refuses the filing too (PaymentError, nothing filed)."""
    with transaction.atomic():
        # The row lock serialises concurrent submits; the conditional UPDATE below is the guard
        # on databases (SQLite) where SELECT ... FOR UPDATE is a no-op.
        locked = Draft.objects.select_for_update().get(pk=draft.pk)
        if locked.status != DraftStatus.DRAFT:
            raise DraftError(gettext("This application has already been submitted."))
        if locked.version != seen_version:
            raise draft_conflict(draft=locked, seen_version=seen_version)
        document = draft_document(locked)
        parsed = document_parse_lenient(document, ref)
        findings = run_checks(parsed.application, ref, on=geneva_today())
        if parsed.dropped or is_blocking(findings):
            raise DraftNotReady(findings)
        now = timezone.now()
        updated = Draft.objects.filter(
            pk=locked.pk, status=DraftStatus.DRAFT, version=seen_version
        ).update(
            status=DraftStatus.SUBMITTED,
            submitted_at=now,
            version=F("version") + 1,
            updated_at=now,
            updated_by=user,
        )
        if updated != 1:
            raise DraftError(gettext("This application has already been submitted."))
        # What was submitted, files included, frozen as the last revision.
        DraftRevision.objects.create(
            draft=locked, version=seen_version + 1, document=document, step="submit", saved_by=user
        )
        # Snapshot, application number and jobs, in this same transaction (jobs are enqueued on
        # commit). The fees charged are those of the version the applicant reviewed.
        fees = calculate_fees(parsed.application, ref, on=geneva_today()).as_dict()
        submission = submission_create(draft=locked, user=user, document=document, fees=fees)
        _pay_on_submit(
            submission=submission, user=user, account=account, fees=fees, strict=debit_or_refuse
        )
    locked.refresh_from_db()
    return locked


def _pay_on_submit(*, submission, user, account, fees, strict=False) -> None:
    """Debit the current account chosen in the wizard, atomically with the filing.

    A refused debit (the balance no longer covers the fees) rolls back only the payment's
    savepoint: the application is filed all the same and its fees are left due. The date of
    filing does not depend on the fees (Geneva Act Art. 9, Rule 14(2)); the International
    Bureau invites payment of missing fees (Rule 14(1)), so keeping the date is what the
    applicant and the office expect. The review page says so before the click.

    `strict` (the API): the caller asked for this debit in the request itself, whatever the
    document's `payment.method`, and gets its refusal instead of a filing with the fees left due.
    """
    method = (submission.document.get("payment") or {}).get("method")
    if account is None or submission.fees_total <= 0:
        return
    if method != PaymentMethod.CURRENT_ACCOUNT and not strict:
        return
    if not current_accounts_for(user=user).filter(pk=account.pk).exists():
        raise PermissionDenied(gettext("You may not debit this current account."))
    try:
        payment_create(
            submission=submission,
            user=user,
            method=PaymentMethod.CURRENT_ACCOUNT,
            account=account,
            current_fees=fees,  # the calculation just accepted: nothing changed since
        )
    except PaymentError:
        if strict:
            raise
        # Refused (e.g. InsufficientFunds): left due; the acknowledgement page offers to pay.
