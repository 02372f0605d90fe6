"""Something slow built once per test run, whichever pytest-xdist process asks first; the others
wait for it on a lock. The base temporary folder's parent is the folder the run's processes
share (pytest-xdist's documented recipe, with fcntl instead of the filelock package)."""

from __future__ import annotations

import fcntl
from collections.abc import Callable
from pathlib import Path


def once_per_run(tmp_path_factory, name: str, build: Callable[[Path], None]) -> Path:
    """The folder `name`, filled by `build(folder)` the first time any process asks for it."""
    shared = tmp_path_factory.getbasetemp().parent
    folder, done = shared / name, shared / f"{name}.done"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            folder.mkdir(exist_ok=True)
            build(folder)
            done.touch()
    return folder
