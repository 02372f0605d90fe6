"""The cache backend: django-redis, degrading instead of failing when Redis is unreachable."""

from django_redis.cache import RedisCache, omit_exception


class DegradingRedisCache(RedisCache):
    """With IGNORE_EXCEPTIONS, reads miss and writes are dropped (logged) while Redis is down.

    `add` is the one answer that must differ: allauth's rate limits take a lock with
    `cache.add(...)` and, when it returns a false value, wait a second and refuse the request
    (429). Answering True while Redis is down lets sign-in through, unthrottled, instead.
    """

    @omit_exception(return_value=True)
    def add(self, *args, **kwargs):
        return self.client.add(*args, **kwargs)
