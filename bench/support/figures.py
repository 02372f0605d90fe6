"""The figures every benchmark prints: p95 and queries per request."""

from __future__ import annotations


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(int(len(ordered) * 0.95) - 1, 0)]


def counted(call) -> int:
    """Queries sent to the database during `call` (an execute wrapper)."""
    from django.db import connection

    sent = []

    def count(execute, sql, params, many, context):
        sent.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        call()
    return len(sent)
