"""The test run's settings: the portal's own, with each pytest-xdist worker on its own services.

`make test` runs the suite in parallel processes (pytest-xdist, one per core). pytest-django
gives each its own test database (test_<name>_gw0, _gw1, ...); what else the tests share must be
split too, and before the portal's settings read the environment (pytest-django imports this
module, `--ds` in pyproject.toml, before any conftest):

- Redis: worker n takes two databases from REDIS_URL's, n*2 for the Celery broker and n*2 + 1
  for the cache (REDIS_URL=.../0: gw0 on 0 and 1, gw1 on 2 and 3). Each test clears the cache
  (tests/conftest.py), which would otherwise empty the other worker's rate limits mid-test; the
  metrics and Redis-down tests read and break the broker's queues.
- MEDIA_ROOT: a folder per worker for the tests that do not give themselves a temporary one.
- PASSWORD_HASHERS: MD5 first, for speed (below).

The variables are set in the environment, so the processes a test starts (Celery workers,
gunicorn, manage.py) inherit them. Without xdist nothing changes.
"""

import os
from urllib.parse import urlsplit, urlunsplit

_worker = os.environ.get("PYTEST_XDIST_WORKER", "")  # "gw0", "gw1", ... (unset without xdist)


def _redis_databases_of_this_worker() -> None:
    redis_url = os.environ.get("REDIS_URL", "")
    if not (_worker and redis_url):
        return
    url = urlsplit(redis_url)
    broker = int(url.path.strip("/") or 0) + 2 * int(_worker.removeprefix("gw"))
    if broker + 1 > 15:  # Redis has databases 0-15 unless configured otherwise
        raise RuntimeError(
            f"pytest-xdist worker {_worker} would need Redis databases {broker} and {broker + 1} "
            f"(from REDIS_URL {redis_url}): run fewer workers (make test TEST_WORKERS=2)"
        )
    os.environ["REDIS_URL"] = urlunsplit(url._replace(path=f"/{broker}"))
    os.environ["REDIS_CACHE_URL"] = urlunsplit(url._replace(path=f"/{broker + 1}"))


_redis_databases_of_this_worker()

# Passwords hashed with MD5 first: the portal's PBKDF2 takes a deliberate 0.37 s of CPU a hash,
# and the suite creates and signs in thousands of users (minutes of `make test`). PBKDF2 and
# scrypt stay accepted. An environment variable (settings.PASSWORD_HASHERS reads it), so the
# servers and workers the tests start check the same hashes. Never for a deployment.
os.environ["PASSWORD_HASHERS"] = ",".join(
    f"django.contrib.auth.hashers.{name}PasswordHasher" for name in ("MD5", "PBKDF2", "Scrypt")
)

from hague_portal.settings import *  # noqa: E402, F403
from hague_portal.settings import MEDIA_ROOT  # noqa: E402

if _worker:
    MEDIA_ROOT = os.path.join(MEDIA_ROOT, f"test-{_worker}")
    os.environ["MEDIA_ROOT"] = MEDIA_ROOT

# The processes the tests start read the portal's own settings module (as deployed), with the
# environment above; the xdist workers still read this one (pyproject: `--ds` wins over the
# environment variable they inherit).
os.environ["DJANGO_SETTINGS_MODULE"] = "hague_portal.settings"
