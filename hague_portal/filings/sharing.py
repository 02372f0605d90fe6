"""Sharing one draft with a client's user for review and approval before it is filed.

Like WIPO ePCT's eViewer/eEditor rights: a firm admin or editor shares ONE draft with an e-mail
address as viewer (reads, approves) or editor (also changes it). The share is matched to the
user who signs in with that verified address (so it works before the client has an account) and
grants nothing else: not the firm, not its other drafts. Only the firm's admins and editors
submit; a shared editor may change the draft but not file it (the pages say so).

Approving records the user, the time and the draft version ("as it stands at version N"); a
later save outdates the approval. Share, revoke and approve are DraftEvent rows, copied to the
examination's audit trail when the draft is filed (`draft_events_audit`).
"""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext

from hague_portal.accounts.models import FirmMembership
from hague_portal.accounts.selectors import EDITING_ROLES
from hague_portal.accounts.selectors_firm import verified_emails_query
from hague_portal.mail.services import email_send_after_commit

from .models import Draft, DraftApproval, DraftEvent, DraftShare, DraftStatus, ShareRole


class SharingError(Exception):
    """A sharing or approval action that is not allowed; the message says why."""


# --- reads -----------------------------------------------------------------------------------


def draft_share_for(*, user, draft) -> DraftShare | None:
    """The share that lets `user` open `draft` (matched on a verified address), or None."""
    if not user.is_authenticated:
        return None
    return DraftShare.objects.filter(
        draft=draft, email__in=verified_emails_query(user=user)
    ).first()


def shared_draft_ids(*, user):
    """Subquery of the ids of drafts shared with the user (one query in the caller's filter)."""
    return DraftShare.objects.filter(email__in=verified_emails_query(user=user)).values("draft_id")


def draft_may_share(*, user, draft) -> bool:
    """The firm's admins and editors (of the draft's client) share and revoke."""
    return draft.client_id is not None and _firm_editor(user=user, draft=draft)


def draft_may_submit(*, user, draft) -> bool:
    """Who files: the applicant who made the draft (no client), or the client firm's admins and
    editors. Not a shared editor, not a viewer, not staff."""
    if not user.is_authenticated:
        return False
    if draft.client_id is None:
        return draft.created_by_id == user.pk
    return _firm_editor(user=user, draft=draft)


def _firm_editor(*, user, draft) -> bool:
    return FirmMembership.objects.filter(
        user=user, firm__clients=draft.client_id, role__in=EDITING_ROLES
    ).exists()


def draft_submitters(*, draft) -> list:
    """The people who may submit the draft, to state it on the page."""
    if draft.client_id is None:
        return [draft.created_by]
    members = FirmMembership.objects.filter(
        firm__clients=draft.client_id, role__in=EDITING_ROLES
    ).select_related("user")
    return [m.user for m in members.order_by("user__full_name", "user__email")]


def draft_approvals(*, draft) -> list[DraftApproval]:
    """The latest approval of each user, newest first, each marked `outdated` when the draft
    was saved after it (its version moved on)."""
    latest: dict[int, DraftApproval] = {}
    for approval in DraftApproval.objects.filter(draft=draft).select_related("user"):
        latest.setdefault(approval.user_id, approval)  # ordered newest first
    for approval in latest.values():
        approval.outdated = approval.version != draft.version
    return list(latest.values())


def draft_events(*, draft):
    return DraftEvent.objects.filter(draft=draft).select_related("actor").order_by("-at", "-id")


# --- writes ----------------------------------------------------------------------------------


def share_create(*, draft, by, email: str, role: str) -> DraftShare:
    """Share (or change the role of an existing share) and e-mail the link after commit."""
    _check_open(draft)
    if not draft_may_share(user=by, draft=draft):
        raise SharingError(
            gettext("Only the firm's administrators and editors share an application.")
        )
    email = email.strip().lower()
    if FirmMembership.objects.filter(
        firm__clients=draft.client_id, user__email__iexact=email
    ).exists():
        raise SharingError(
            gettext("%(email)s is a member of the firm and already has access.") % {"email": email}
        )
    with transaction.atomic():
        share, created = DraftShare.objects.update_or_create(
            draft=draft, email=email, defaults={"role": role, "shared_by": by}
        )
        _event(
            draft,
            by,
            "share.added" if created else "share.changed",
            _share_summary(created=created, role=share.role) % {"email": email},
        )
        if created:
            _email_share(share=share, draft=draft, by=by)
    return share


def _email_share(*, share, draft, by) -> None:
    context = {
        "share": share,
        "draft": draft,
        "by": by,
        "firm": draft.client.firm,
        "url": settings.SITE_URL + reverse("filings:sharing", args=[draft.id]),
    }
    email_send_after_commit(
        name="draft_shared", to=share.email, key=f"share:{share.pk}", context=context
    )


def share_revoke(*, share: DraftShare, by) -> None:
    """Access ends at once: the next request of that user finds no share row."""
    draft = share.draft
    if not draft_may_share(user=by, draft=draft):
        raise SharingError(gettext("Only the firm's administrators and editors revoke a share."))
    with transaction.atomic():
        DraftShare.objects.filter(pk=share.pk).delete()
        summary = gettext("Stopped sharing with %(email)s.") % {"email": share.email}
        _event(draft, by, "share.revoked", summary)


def draft_approve(*, draft, user, seen_version: int) -> DraftApproval:
    """ "I approve this application as it stands at version N": only a shared user, and only
    the version they saw (a save in between is refused: they must read it again)."""
    _check_open(draft)
    if draft_share_for(user=user, draft=draft) is None:
        raise SharingError(gettext("Only the client it is shared with approves this application."))
    with transaction.atomic():
        current = Draft.objects.select_for_update().only("version").get(pk=draft.pk).version
        if current != seen_version:
            raise SharingError(
                gettext(
                    "The application was changed after you opened it (now version %(version)s). "
                    "Read it again, then approve."
                )
                % {"version": current}
            )
        approval = DraftApproval.objects.create(draft=draft, user=user, version=current)
        _event(
            draft,
            user,
            "draft.approved",
            gettext("%(user)s approved the application as it stands at version %(version)s.")
            % {"user": user, "version": current},
        )
    return approval


def _check_open(draft) -> None:
    if draft.status != DraftStatus.DRAFT:
        raise SharingError(
            gettext("This application has been submitted; sharing and approval are closed.")
        )


def _share_summary(*, created: bool, role: str) -> str:
    # The history is written once, in the language of whoever acts.
    if role == "editor":
        return (
            gettext("Shared with %(email)s as editor.")
            if created
            else gettext("Changed the share of %(email)s as editor.")
        )
    return (
        gettext("Shared with %(email)s as viewer.")
        if created
        else gettext("Changed the share of %(email)s as viewer.")
    )


def _event(draft, actor, action: str, summary: str) -> DraftEvent:
    return DraftEvent.objects.create(
        draft=draft, actor=actor, action=action, summary=summary[:500], version=draft.version
    )


def draft_events_audit(*, draft, submission) -> int:
    """Copy the draft's events (share, revoke, approve) to the application's audit trail, in the
    submitting transaction; the examination's `examination_open` calls it. Returns the count."""
    from hague_portal.events.models import Event

    rows = [
        Event(
            submission=submission,
            at=event.at,
            actor_id=event.actor_id,
            kind=event.action,
            summary=event.summary,
            after={"draft_version": event.version},
            applicant_visible=True,
        )
        for event in DraftEvent.objects.filter(draft=draft).order_by("at", "id")
    ]
    Event.objects.bulk_create(rows)
    return len(rows)


__all__ = ["ShareRole", "SharingError"]
