"""gunicorn settings of the web container (Dockerfile, docker-compose.yml).

Explicit so that a slow request, a deploy and a stop behave the same everywhere. Each value can
be changed at run time through GUNICORN_CMD_ARGS (e.g. "--workers 5"), gunicorn's own variable.
"""

import os
import tempfile
from pathlib import Path

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


def _log_format() -> str:
    """settings.LOG_FORMAT's rule: LOG_FORMAT, else JSON with DEBUG off."""
    debug = os.environ.get("DEBUG", "true").strip().lower() in ("true", "on", "ok", "y", "yes", "1")
    return os.environ.get("LOG_FORMAT") or ("text" if debug else "json")


if _log_format() == "json":
    # gunicorn's own lines (start, workers booted or killed) as JSON too. No access log: the
    # portal logs each request itself, with its request id, view and duration (issue 24).
    accesslog = None
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "root": {"level": "INFO", "handlers": []},
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": ["console"], "propagate": False},
            "gunicorn.access": {"level": "INFO", "handlers": ["console"], "propagate": False},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stderr",
            }
        },
        "formatters": {"json": {"()": "hague_portal.lib.logs.JsonFormatter"}},
    }
else:
    accesslog = "-"


def _metrics_folder() -> str:
    """prometheus_client's multiprocess mode (core/metrics.py): each worker writes its request
    latency to files here and a scrape of any worker adds up all of them. Emptied at start, so
    the workers of a previous run do not count; a temporary one unless PROMETHEUS_MULTIPROC_DIR
    names one (one folder per gunicorn instance)."""
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR") or tempfile.mkdtemp(prefix="hague-metrics-")
    Path(folder).mkdir(parents=True, exist_ok=True)
    for stale in Path(folder).glob("*.db"):
        stale.unlink()
    return folder


# Set before any worker imports prometheus_client (the workers inherit the environment).
os.environ["PROMETHEUS_MULTIPROC_DIR"] = _metrics_folder()


def post_worker_init(worker):
    """Move everything loaded at start-up (Django, the app, templates, reference data) out of the
    garbage collector's reach: full collections then scan only what requests create, and the
    100-design wizard steps stay under 100 ms at p95 (bench/wizard_steps.py, issue 11)."""
    import gc

    gc.collect()
    gc.freeze()
