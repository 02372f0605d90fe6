"""The signed, expiring download link of a notification e-mail.

The token binds the notification AND the recipient: forwarded to someone else, it is useless to
them (they must sign in as the recipient); it expires after NOTIFICATION_LINK_MAX_AGE seconds
(14 days by default) so an old mailbox does not hold a live key to the PDF. The notification
itself stays in the inbox for good.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing

SALT = "hague_portal.notifications.link"


@dataclass(frozen=True)
class LinkTarget:
    notification_id: int
    user_id: int


class LinkExpired(Exception):
    """Genuine (the signature holds) but too old; says whose and which notification it was."""

    def __init__(self, target: LinkTarget):
        super().__init__("This link has expired.")
        self.target = target


def link_token(*, notification_id: int, user_id: int) -> str:
    return signing.TimestampSigner(salt=SALT).sign_object({"n": notification_id, "u": user_id})


def link_read(token: str) -> LinkTarget:
    """The target of a genuine, unexpired token. Raises LinkExpired, or signing.BadSignature
    for anything tampered with or not ours."""
    signer = signing.TimestampSigner(salt=SALT)
    try:
        return _target(signer.unsign_object(token, max_age=settings.NOTIFICATION_LINK_MAX_AGE))
    except signing.SignatureExpired:
        # The signature was verified before the age: the payload is ours, only too old.
        raise LinkExpired(_target(signer.unsign_object(token))) from None


def _target(payload) -> LinkTarget:
    try:
        return LinkTarget(notification_id=int(payload["n"]), user_id=int(payload["u"]))
    except (TypeError, KeyError, ValueError) as exc:
        raise signing.BadSignature("Not a notification link.") from exc
