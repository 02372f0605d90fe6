"""Log lines (issue 24): one JSON object a line in production, each with the request id.

The request id names one request in every line it causes: the web process's, and the lines of
the Celery jobs it enqueued, on whatever worker machine they run (core/observability.py binds it
for a request; hague_portal/celery.py carries it in the task's message headers). A job sent by
beat gets the id of the periodic task that sent it.
"""

from __future__ import annotations

import json
import logging
import re
import uuid
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime

REQUEST_ID: ContextVar[str] = ContextVar("request_id", default="")
# What a caller (a proxy, a load balancer) may hand us as X-Request-ID: a UUID, a trace id, a
# short token. Anything else (a 10 KB header, spaces, quotes, control characters to forge log
# lines) is replaced by our own.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:@/+=-]{8,128}")


def request_id_new() -> str:
    return uuid.uuid4().hex


def request_id_from(header: str | None) -> str:
    """The caller's id if sane, else a new one."""
    header = (header or "").strip()
    return header if SANE_REQUEST_ID.fullmatch(header) else request_id_new()


@contextmanager
def request_id_bound(request_id: str):
    """Every line logged inside the block, in this thread or task, carries `request_id`."""
    token = REQUEST_ID.set(request_id)
    try:
        yield request_id
    finally:
        REQUEST_ID.reset(token)


class RequestIdFilter(logging.Filter):
    """Gives every record `request_id` ("" outside a request or job), for both formats."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", ""):
            record.request_id = REQUEST_ID.get()
        return True


# Attributes every LogRecord has; those a call adds with `extra=` become fields of the line.
_STANDARD = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "request_id"}


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC, ISO 8601), level, logger, message, request_id, the
    `extra=` fields of the call, and the traceback as one string."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "") or REQUEST_ID.get(),
        }
        line.update((key, value) for key, value in record.__dict__.items() if key not in _STANDARD)
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            line["stack"] = self.formatStack(record.stack_info)
        return json.dumps(line, default=str, ensure_ascii=False)


TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"


def logging_config(*, log_format: str, level: str) -> dict:
    """settings.LOGGING for LOG_FORMAT "json" (production's default) or "text"."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "hague_portal.lib.logs.RequestIdFilter"}},
        "formatters": {
            "json": {"()": "hague_portal.lib.logs.JsonFormatter"},
            "text": {"format": TEXT_FORMAT},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "filters": ["request_id"],
                "formatter": log_format,
            }
        },
        "root": {"handlers": ["console"], "level": level},
        # WeasyPrint's progress and fontTools' subsetting log every step of every PDF at INFO.
        "loggers": {
            "weasyprint.progress": {"level": "WARNING"},
            "fontTools": {"level": "WARNING"},
        },
    }
