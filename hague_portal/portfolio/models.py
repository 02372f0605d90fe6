"""The portfolio's own state: the secret link of a user's deadline calendar."""

from django.conf import settings
from django.db import models


class CalendarToken(models.Model):
    """One secret calendar link per user. The token is in the URL calendar apps poll (they
    cannot sign in); "Reset the link" replaces it, so the old link stops working at once.
    Only its SHA-256 is stored: a database leak does not open anyone's calendar."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token"
    )
    token_sha256 = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"calendar of {self.user_id}"
