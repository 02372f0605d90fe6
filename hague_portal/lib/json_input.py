"""JSON from outside (an imported draft, the API's bodies): its nesting is limited before parsing.

Python's json parser recurses once per level: a document a few thousand levels deep raises
RecursionError (a 500), and one a few hundred deep passes the parser but breaks what walks it
next (copy.deepcopy, the text checks). An application document is nested a handful of levels;
MAX_DEPTH leaves ample room. The check reads the text's brackets without building anything, and
says where the nesting went too deep, as the document parser writes paths (`designs[0].product`).
"""

from __future__ import annotations

import itertools
import json
import re

MAX_DEPTH = 32
_STRINGS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')  # their brackets do not count
# The tokens that shape the nesting: strings (keys among them) and punctuation.
_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{},:]')
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")


class JsonTooDeep(ValueError):
    def __init__(self, path: str):
        self.path = path
        super().__init__(f"nested more than {MAX_DEPTH} levels deep")


def json_depth_check(text: str, *, limit: int = MAX_DEPTH) -> None:
    """JsonTooDeep (with the path of the value too deep) when `text` nests more than `limit`
    arrays and objects in one another. Malformed JSON is left to the parser."""
    brackets = _NOT_BRACKETS.sub("", _STRINGS.sub("", text))
    steps = (1 if c in "[{" else -1 for c in brackets)
    if max(itertools.accumulate(steps), default=0) > limit:
        raise JsonTooDeep(_deep_path(text, limit))


def _deep_path(text: str, limit: int) -> str:
    """Where the nesting first goes past `limit` (the slow walk, for the message only)."""
    frames: list[list] = []  # per open container: [is_object, key or index]
    last_string = None
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            if len(frames) == limit:
                return _path(frames)
            frames.append([token == "{", None if token == "{" else 0])
        elif token in "]}":
            if frames:
                frames.pop()
        elif token == "," and frames and not frames[-1][0]:
            frames[-1][1] += 1
        elif token == ":" and frames and last_string is not None:
            frames[-1][1] = last_string
        last_string = token if token.startswith('"') else None
    return ""


def _path(frames) -> str:
    path = ""
    for is_object, at in frames:
        if is_object:
            key = _key(at)
            path = f"{path}.{key}" if path else key
        else:
            path = f"{path}[{at}]"
    return path


def _key(token) -> str:
    try:
        return str(json.loads(token))
    except (TypeError, ValueError):
        return "?"


def json_loads(text: str | bytes, **kwargs):
    """json.loads after json_depth_check (bytes decoded as json.loads decodes them)."""
    if isinstance(text, bytes):
        text = text.decode(json.detect_encoding(text), "surrogatepass")
    json_depth_check(text)
    return json.loads(text, **kwargs)
