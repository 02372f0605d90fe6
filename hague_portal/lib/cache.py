"""The cache backend: django-redis, degrading instead of failing when Redis is unreachable."""

import threading
import time

import redis
from django_redis.cache import RedisCache, omit_exception

# After Redis failed to answer, the cache is not tried again for this long: every request reads
# the cache (rate limits, the reference data's version), and an unreachable host would otherwise
# cost each read its full connect timeout.
PAUSE_AFTER_FAILURE_SECONDS = 5.0


class DegradingRedisCache(RedisCache):
    """With IGNORE_EXCEPTIONS, reads miss and writes are dropped (logged) while Redis is down.

    `add` is the one answer that must differ: allauth's rate limits take a lock with
    `cache.add(...)` and, when it returns a false value, wait a second and refuse the request
    (429). Answering True while Redis is down lets sign-in through, unthrottled, instead.
    """

    @omit_exception(return_value=True)
    def add(self, *args, **kwargs):
        return self.client.add(*args, **kwargs)


class PausingConnection(redis.Connection):
    """A cache connection that fails at once for PAUSE_AFTER_FAILURE_SECONDS after Redis could
    not be reached (connect refused or timed out) or stopped answering (read timed out), in this
    process. A request then pays the timeout once in a while, not once per cache read; the
    failures reach DegradingRedisCache as before."""

    _lock = threading.Lock()
    _paused_until = 0.0  # time.monotonic(), for the whole process

    def connect(self):
        if not self._sock:
            self._refuse_while_paused()
        try:
            return super().connect()
        except (redis.ConnectionError, redis.TimeoutError):
            self._pause()
            raise

    def read_response(self, *args, **kwargs):
        try:
            return super().read_response(*args, **kwargs)
        except redis.TimeoutError:
            self._pause()
            raise

    @classmethod
    def _pause(cls):
        with cls._lock:
            cls._paused_until = time.monotonic() + PAUSE_AFTER_FAILURE_SECONDS

    @classmethod
    def _refuse_while_paused(cls):
        if time.monotonic() < cls._paused_until:
            raise redis.ConnectionError(
                "Redis could not be reached moments ago: the cache is skipped for now"
            )

    @classmethod
    def resume(cls):
        """Try Redis again at the next read (tests, after pointing the cache elsewhere)."""
        with cls._lock:
            cls._paused_until = 0.0


class PausingConnectionPool(redis.ConnectionPool):
    """The cache's CONNECTION_POOL_CLASS: its connections are PausingConnections (a rediss://
    URL keeps redis-py's SSL connection, without the pause)."""

    def __init__(self, connection_class=PausingConnection, **kwargs):
        super().__init__(connection_class=connection_class, **kwargs)
