from functools import cached_property

from .selectors import unread_count


class InboxBadge:
    """The header's unread count, counted only when a template shows it (one indexed count)."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def unread(self) -> int:
        return unread_count(user=self.user)


def inbox(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"inbox": InboxBadge(user)}
