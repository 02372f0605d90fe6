"""docs/api-quickstart.md read as a script: its shell blocks' curl requests in order, what the page
says each answers (`# -> <status> <body>`) and the variables it exports; a request run with
bash and curl as a reader would; an answer matched against what the page says.

What the page says is JSON with `…` for what varies:
- `…` as a value: anything; `"3f1c…"`: a string of that shape (`…` any characters);
- `{"a": 1, …}`: an object with at least these keys; `{"a": 1}`: exactly these keys;
- `[x, y]`: exactly these items; `[x, …]`: these first; `[…]`: any list;
- or, instead of JSON, a content type (`# -> 200 application/pdf`).
`export NAME=VALUE` after a request takes from its answer the value the page wrote as VALUE
there (`"id": "3f1c…"` then `export DRAFT=3f1c…`): later requests use `$NAME`.
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

ELLIPSIS = "…"
ANY = object()
_DECODER = json.JSONDecoder()


@dataclass
class Request:
    line: int  # where the command starts in the page
    heading: str  # the section it is under
    command: str  # as written, continuations included
    status: int = 0
    body: str = ""  # the rest of the "# ->" line
    exports: list[tuple[str, str]] = field(default_factory=list)

    def __str__(self):
        return f"line {self.line} ({self.heading}): {self.command.splitlines()[0]}"


@dataclass
class Page:
    settings: dict[str, str]  # exported before the first request (HP, TOKEN)
    preamble: list[str]  # shell lines every request runs after (auth=(...))
    requests: list[Request]
    python: list[str]  # the Python blocks


# --- reading the page -------------------------------------------------------------------------


def page_read(text: str) -> Page:
    page = Page({}, [], [], [])
    for line, command, heading in _commands(text, page.python):
        _command_add(page, line, command, heading)
    missing = [str(r) for r in page.requests if not r.status]
    if missing:
        raise ValueError(f"requests without a '# ->' line saying what they answer: {missing}")
    return page


def _commands(text: str, python: list[str]):
    """(line, command, heading) of each shell command; multi-line ones joined."""
    heading, block, buffer, start, code = "", None, [], 0, []
    for number, line in enumerate(text.splitlines(), start=1):
        if block is None:
            if line.startswith("#"):
                heading = line.lstrip("#").strip()
            elif line.startswith("```"):
                block, code = line[3:].strip(), []
            continue
        if line.startswith("```"):
            if block == "python":
                python.append("\n".join(code))
            block = None
            continue
        code.append(line)
        if block != "sh" or (not buffer and not line.strip()):
            continue
        start = start if buffer else number
        buffer.append(line)
        joined = "\n".join(buffer)
        if not joined.endswith("\\") and _complete(joined):
            yield start, joined, heading
            buffer = []


def _complete(command: str) -> bool:
    try:
        shlex.split(command, comments=True)
    except ValueError:  # a quotation not closed yet: the command goes on
        return False
    return True


def _command_add(page: Page, line: int, command: str, heading: str) -> None:
    stripped = command.strip()
    last = page.requests[-1] if page.requests else None
    if stripped.startswith("# ->"):
        match = re.fullmatch(r"# -> (\d{3})(?:\s+(.*))?", stripped, re.S)
        if last is None or last.status or not match:
            raise ValueError(f"line {line}: '# ->' must follow a request, once: {stripped}")
        last.status, last.body = int(match[1]), (match[2] or "").strip()
    elif stripped.startswith("#"):
        return
    elif stripped.startswith("export "):
        name, _, value = shlex.split(stripped, comments=True)[1].partition("=")
        if last is None:
            page.settings[name] = value
        else:
            last.exports.append((name, value))
    elif stripped.startswith("auth=("):
        page.preamble.append(stripped)
    elif stripped.startswith("curl "):
        page.requests.append(Request(line, heading, command))
    else:
        raise ValueError(f"line {line}: not a request, an answer or an export: {stripped}")


# --- running a request ------------------------------------------------------------------------


@dataclass
class Answer:
    status: int
    content_type: str
    body: bytes


def request_run(request: Request, *, preamble, env: dict, cwd: Path) -> Answer:
    """The command run by bash as written, `curl` keeping the answer's headers aside."""
    headers = cwd / ".headers"
    script = "\n".join(
        [
            "set -eu",
            *preamble,
            f'curl() {{ command curl --silent --show-error --dump-header "{headers}" "$@"; }}',
            request.command,
        ]
    )
    done = subprocess.run(
        ["bash", "-c", script], cwd=cwd, env=env, capture_output=True, timeout=300, check=False
    )
    if done.returncode != 0:
        raise AssertionError(f"{request} failed: {done.stderr.decode()}")
    status, content_type = _status_line(headers.read_text(encoding="latin-1"))
    words = shlex.split(request.command, comments=True)
    body = (cwd / words[words.index("-o") + 1]).read_bytes() if "-o" in words else done.stdout
    return Answer(status, content_type, body)


def _status_line(headers: str) -> tuple[int, str]:
    # The last answer's headers (a "100 Continue" may come first).
    block = headers.strip().split("\r\n\r\n")[-1].splitlines()
    status = int(block[0].split()[1])
    content_type = next(
        (h.split(":", 1)[1].strip() for h in block if h.lower().startswith("content-type:")), ""
    )
    return status, content_type


# --- what the page says it answers -----------------------------------------------------------


class Template:
    """An object or list of what the page says; `open`: `…` among its members."""

    def __init__(self, value, open_: bool):
        self.value, self.open = value, open_


class Shape(str):
    """A string with `…` in it: any characters there."""


def template_parse(text: str):
    value, end = _value(text, _space(text, 0))
    if _space(text, end) != len(text):
        raise ValueError(f"unexpected text after the answer at {end}: {text[end:]!r}")
    return value


def _space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _value(text: str, i: int):
    if text.startswith(ELLIPSIS, i):
        return ANY, i + 1
    if text[i] in "{[":
        return _members(text, i)
    if text[i] == '"':
        string, end = json.decoder.scanstring(text, i + 1)
        return (Shape(string) if ELLIPSIS in string else string), end
    return _DECODER.raw_decode(text, i)


def _members(text: str, i: int):
    close, is_object = ("}", True) if text[i] == "{" else ("]", False)
    members, open_, i = ({} if is_object else []), False, _space(text, i + 1)
    while text[i] != close:
        if text.startswith(ELLIPSIS, i) and text[_space(text, i + 1)] in "," + close:
            open_, i = True, i + 1
        elif is_object:
            key, i = json.decoder.scanstring(text, i + 1)
            i = _space(text, i)
            if text[i] != ":":
                raise ValueError(f"':' expected at {i}: {text[i:]!r}")
            members[key], i = _value(text, _space(text, i + 1))
        else:
            item, i = _value(text, i)
            members.append(item)
        i = _space(text, i)
        if text[i] == ",":
            i = _space(text, i + 1)
    return Template(members, open_), i + 1


def differences(template, actual, *, captures: dict[str, str], bound: dict, path="") -> list[str]:
    """Where `actual` is not what `template` says (empty: it is). A leaf written as a value the
    page exports (`captures`: value -> name) takes any string or number, bound to that name."""
    if template is ANY:
        return []
    if _is_leaf(template) and str(template) in captures:
        if not _is_leaf(actual):
            return [f"{path or '.'}: {actual!r} is no value to export"]
        bound[captures[str(template)]] = str(actual)
        return []
    if isinstance(template, Template):
        compare = _object_differences if isinstance(template.value, dict) else _list_differences
        return compare(template, actual, captures=captures, bound=bound, path=path)
    if isinstance(template, Shape):
        pattern = ".*".join(re.escape(part) for part in template.split(ELLIPSIS))
        ok = isinstance(actual, str) and re.fullmatch(pattern, actual, re.S)
        return [] if ok else [f"{path or '.'}: {actual!r} is not like {str(template)!r}"]
    same = type(template) is type(actual) and template == actual
    return [] if same else [f"{path or '.'}: {actual!r}, the page says {template!r}"]


def _is_leaf(value) -> bool:
    return isinstance(value, str | int) and not isinstance(value, bool)


def _object_differences(template, actual, *, captures, bound, path) -> list[str]:
    if not isinstance(actual, dict):
        return [f"{path or '.'}: {actual!r} is not an object"]
    found = [f"{path}.{k}: missing" for k in template.value if k not in actual]
    if not template.open:
        found += [f"{path}.{k}: not in the page" for k in actual if k not in template.value]
    for key, value in template.value.items():
        if key in actual:
            found += differences(
                value, actual[key], captures=captures, bound=bound, path=f"{path}.{key}"
            )
    return found


def _list_differences(template, actual, *, captures, bound, path) -> list[str]:
    if not isinstance(actual, list):
        return [f"{path or '.'}: {actual!r} is not a list"]
    items = template.value
    if len(actual) < len(items) or (not template.open and len(actual) != len(items)):
        return [f"{path or '.'}: {len(actual)} items, the page shows {len(items)}: {actual!r}"]
    found = []
    for index, item in enumerate(items):
        found += differences(
            item, actual[index], captures=captures, bound=bound, path=f"{path}[{index}]"
        )
    return found
