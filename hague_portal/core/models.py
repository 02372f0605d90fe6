from django.db import models


class Heartbeat(models.Model):
    """When a background process last did its work ("beat": last sent a periodic task), so that
    /healthz can tell a stopped one. In the database, not the cache: it is read while Redis is
    down, which is when it matters."""

    name = models.CharField(max_length=40, primary_key=True)
    at = models.DateTimeField()

    def __str__(self):
        return f"{self.name}: {self.at:%Y-%m-%d %H:%M:%S}"
