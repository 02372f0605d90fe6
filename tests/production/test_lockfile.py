"""The lockfiles (issue 24): every dependency pinned with its hashes, the image's runtime lock at
the versions the tests ran, and `make install` installing again when the lock changes."""

import os
import re
import subprocess
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==(\S+) \\$", re.MULTILINE)


def pins(lock: str) -> dict[str, str]:
    text = (ROOT / "requirements" / lock).read_text()
    return {_normal(name): version for name, version in PIN.findall(text)}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirements(extra: str | None = None) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    found = project["optional-dependencies"][extra] if extra else project["dependencies"]
    return [Requirement(line) for line in found]


def declared(extra: str | None = None) -> set[str]:
    return {_normal(requirement.name) for requirement in requirements(extra)}


def test_every_locked_version_is_one_pyproject_allows():
    # pyproject.toml edited without `make lock`: the lock would install what it forbids.
    locked = pins("dev.lock")
    refused = [
        f"{r.name}=={locked[_normal(r.name)]} ({r.specifier})"
        for r in requirements() + requirements("dev")
        if not r.specifier.contains(locked[_normal(r.name)], prereleases=True)
    ]
    assert not refused, "run make lock: " + ", ".join(refused)


def test_every_dependency_is_pinned_with_hashes_in_the_dev_lock():
    locked = pins("dev.lock")
    assert declared() | declared("dev") <= locked.keys()
    text = (ROOT / "requirements" / "dev.lock").read_text()
    # Every pin is followed by at least one hash: pip --require-hashes refuses the file otherwise.
    assert len(re.findall(r"==\S+ \\\n\s+--hash=sha256:", text)) == len(locked)


def test_the_runtime_lock_has_the_dev_locks_versions_and_no_test_tools():
    runtime, dev = pins("runtime.lock"), pins("dev.lock")
    assert declared() <= runtime.keys()
    assert {name: dev[name] for name in runtime} == runtime
    assert not {"pytest", "playwright", "ruff"} & runtime.keys()


def test_make_install_installs_again_when_the_lock_changes(tmp_path):
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").symlink_to("/bin/true")
    stamp = venv / ".installed"
    stamp.touch()
    os.utime(stamp, (0, 0))  # older than the lockfile
    result = subprocess.run(
        ["make", "-n", "install", f"VENV={venv}"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "--require-hashes --no-deps -r requirements/dev.lock" in result.stdout
    stamp.touch()
    result = subprocess.run(
        ["make", "-n", "install", f"VENV={venv}"], cwd=ROOT, capture_output=True, text=True
    )
    assert "pip install" not in result.stdout
