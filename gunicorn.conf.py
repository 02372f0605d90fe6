"""gunicorn settings of the web container (Dockerfile, docker-compose.yml).

Explicit so that a slow request, a deploy and a stop behave the same everywhere. Each value can
be changed at run time through GUNICORN_CMD_ARGS (e.g. "--workers 5"), gunicorn's own variable.
"""

import os

bind = "0.0.0.0:8000"
# Sync workers: 2-4 per core. WEB_CONCURRENCY is the conventional override.
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
# A request that takes longer (the slowest is a 20 MB upload being checked) is aborted and its
# worker replaced, instead of holding the worker for ever.
timeout = 60
# On SIGTERM (deploy, `docker compose stop`) requests in flight get this long to finish; compose's
# stop_grace_period (30 s) is longer, so Docker does not SIGKILL before gunicorn is done.
graceful_timeout = 25
keepalive = 5
accesslog = "-"


def post_worker_init(worker):
    """Move everything loaded at start-up (Django, the app, templates, reference data) out of the
    garbage collector's reach: full collections then scan only what requests create, and the
    100-design wizard steps stay under 100 ms at p95 (bench/wizard_steps.py, issue 11)."""
    import gc

    gc.collect()
    gc.freeze()
