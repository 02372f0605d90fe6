"""CPU time of processes from /proc: a server's and its workers', a PostgreSQL backend's.

/proc/<pid>/schedstat's first field is the time the process has run on a CPU, in nanoseconds (the
tick counts of /proc/<pid>/stat are 10 ms steps: too coarse for one request); the stat ticks are
the fallback where schedstat is missing. Time spent waiting for a CPU that others hold is not in
either: that is what makes these figures hold on a shared machine.
"""

from __future__ import annotations

import os
from contextlib import suppress
from pathlib import Path

CLK_TCK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """CPU seconds `pid` has used (0.0 once it is gone)."""
    with suppress(OSError, ValueError, IndexError):
        return int(Path(f"/proc/{pid}/schedstat").read_text().split()[0]) / 1e9
    with suppress(OSError, ValueError, IndexError):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime, stime
    return 0.0


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid`."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with suppress(OSError, IndexError, ValueError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(stat.parent.name))
    return out


def tree(pid: int) -> list[int]:
    """`pid` and its children (a gunicorn master and its workers, a Celery worker and its pool)."""
    return [pid, *children(pid)]


def total_seconds(pids) -> dict[int, float]:
    """CPU seconds per pid, to subtract from a later reading."""
    return {pid: cpu_seconds(pid) for pid in pids}


def used_since(before: dict[int, float], pids) -> float:
    """CPU seconds the `pids` used since `before` (a pid not there before counts from its start)."""
    return sum(cpu_seconds(pid) - before.get(pid, 0.0) for pid in pids)


def backends(database: str) -> list[int]:
    """PostgreSQL's server processes serving `database` (a name of the run's own): their titles
    read "postgres: <cluster>: <user> <database> <client> <state>". Only on the same machine."""
    out = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        with suppress(OSError):
            words = cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace").split()
            if words[:1] == ["postgres:"] and database in words[2:]:
                out.append(int(cmdline.parent.name))
    return out


def django_backend() -> int | None:
    """The PostgreSQL backend pid of Django's default connection, None while it is closed."""
    from django.db import connection

    raw = connection.connection
    if raw is None or raw.closed:
        return None
    return raw.info.backend_pid
