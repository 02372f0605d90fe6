"""JSON <-> Application: `parse_application` (every error collected) and `application_to_json`."""

from __future__ import annotations

from dataclasses import MISSING, dataclass
from dataclasses import fields as dataclass_fields
from datetime import date
from difflib import get_close_matches
from functools import cache
from types import UnionType
from typing import TYPE_CHECKING, get_args, get_origin, get_type_hints

from hague_portal.hague.text import text_problem

from ..clock import geneva_today
from .field_checks import _CHECKS, _DATE, _check, _join, _kind, _q
from .schema import SCHEMA, Application

if TYPE_CHECKING:
    from ..reference import ReferenceData

# --- JSON <-> Application ------------------------------------------------------------------
# Hand-written rather than pydantic: the walker below is driven by the dataclasses' own type
# hints, so it stays small, keeps the core plain frozen dataclasses, and produces the FieldError
# contract directly (paths like `designs[3].locarno`, every error collected) instead of
# translating another library's error model. Strict JSON types: no coercion of "1" to 1.


@dataclass(frozen=True, slots=True)
class FieldError:
    path: str  # e.g. "designs[3].locarno"; "" for the document itself
    message: str  # e.g. 'unknown class "33"'

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class DocumentError(ValueError):
    def __init__(self, errors: list[FieldError]):
        super().__init__("\n".join(map(str, errors)))
        self.errors = errors


def parse_application(data: object, ref: ReferenceData | None = None) -> Application:
    """Build an Application from its JSON form, or raise DocumentError listing every problem.

    Only the shape is enforced (a draft may be incomplete: the formality checks report what is
    missing). With `ref`, Contracting Parties and Locarno classes must also exist, and item 18
    reductions must be ones the party declared.
    """
    ctx = _Context(ref, _filing_date_of(data))
    if type(data) is dict and "schema" not in data:  # a versioned format: never guess the version
        ctx.error("schema", f"required (expected {_q(SCHEMA)})")
    app = _object_parser(Application)(data, "", ctx)
    if ctx.errors:
        raise DocumentError(ctx.errors)
    return app


def application_to_json(app: Application) -> dict:
    """The normalised JSON form: every key present, dates as ISO strings, tuples as lists."""
    return _to_json(app)


def _filing_date_of(data: object) -> date:
    # Dated reference data (declarations) are read as in force on the filing date; a draft
    # without one is read as of today.
    raw = data.get("filing_date") if type(data) is dict else None
    parsed = _parse_date(raw, "", _Context(None, date.min)) if raw is not None else None
    return parsed if type(parsed) is date else geneva_today()


def _to_json(value):
    if isinstance(value, tuple):
        return [_to_json(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return dict(value)  # fee_reductions: str keys, str/bool values
    if hasattr(value, "__dataclass_fields__"):
        return {name: _to_json(getattr(value, name)) for name in value.__dataclass_fields__}
    return value


class _Context:
    __slots__ = ("errors", "on", "ref")

    def __init__(self, ref, on: date):
        self.ref = ref
        self.on = on  # the date dated reference data must hold on
        self.errors: list[FieldError] = []

    def error(self, path: str, message: str) -> None:
        self.errors.append(FieldError(path, message))


_INVALID = object()  # returned by a parser that has recorded an error


def _scalar_parser(expected: tuple[type, ...], label: str):
    def parse(value, path, ctx):
        if type(value) in expected:  # exact type: a JSON boolean is not a number
            return value
        ctx.error(path, f"expected {label}, got {_kind(value)}")
        return _INVALID

    return parse


def _parse_text(value, path, ctx):
    # Every string of the document passes here (names, codes, dates, map values), so no entry
    # path (API, import, the wizard's own document) can carry a NUL or a lone surrogate further:
    # PostgreSQL and the UTF-8 encoders (JSON, PDF, e-mail) would fail on it with a 500. The
    # message never echoes the value, which could not be encoded into the answer either.
    if type(value) is not str:
        ctx.error(path, f"expected a string, got {_kind(value)}")
        return _INVALID
    problem = text_problem(value)
    if problem:
        ctx.error(path, problem)
        return _INVALID
    return value


def _parse_date(value, path, ctx):
    if type(value) is str and _parse_text(value, path, ctx) is _INVALID:
        return _INVALID
    if type(value) is str and _DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    ctx.error(path, f"expected a date as YYYY-MM-DD, got {_q(value)}")
    return _INVALID


def _optional_parser(inner):
    def parse(value, path, ctx):
        return None if value is None else inner(value, path, ctx)

    return parse


def _tuple_parser(item):
    def parse(value, path, ctx):
        if type(value) is not list:
            ctx.error(path, f"expected an array, got {_kind(value)}")
            return _INVALID
        items = tuple(item(v, f"{path}[{i}]", ctx) for i, v in enumerate(value))
        return _INVALID if any(i is _INVALID for i in items) else items

    return parse


def _mapping_parser(item):
    def parse(value, path, ctx):
        if type(value) is not dict:
            ctx.error(path, f"expected an object, got {_kind(value)}")
            return _INVALID
        if not _keys_storable(value, path, ctx):
            return _INVALID
        out = {k: item(v, _join(path, str(k)), ctx) for k, v in value.items()}
        return _INVALID if any(v is _INVALID for v in out.values()) else out

    return parse


@cache
def _object_parser(cls):
    hints = get_type_hints(cls)
    fields_ = [
        (f.name, _parser_for(hints[f.name]), _is_required(f), _CHECKS.get((cls, f.name), ()))
        for f in dataclass_fields(cls)
    ]
    names = frozenset(name for name, *_ in fields_)

    def parse(value, path, ctx):
        if type(value) is not dict:
            ctx.error(path, f"expected an object, got {_kind(value)}")
            return _INVALID
        if not _keys_storable(value, path, ctx):
            return _INVALID
        _reject_unknown_keys(value, names, path, ctx)
        kwargs = _parse_fields(fields_, value, path, ctx)
        return _INVALID if kwargs is None else cls(**kwargs)

    return parse


def _parse_fields(fields_, value: dict, path: str, ctx) -> dict | None:
    kwargs, valid = {}, True
    for name, parse_field, required, checks in fields_:
        if name not in value:
            if required:
                ctx.error(_join(path, name), "required")
                valid = False
            continue
        sub = _join(path, name)
        kwargs[name] = parsed = parse_field(value[name], sub, ctx)
        ok = parsed is not _INVALID and (not checks or _check(checks, parsed, sub, ctx))
        valid = ok and valid
    return kwargs if valid else None


def _is_required(f) -> bool:
    return f.default is MISSING and f.default_factory is MISSING


def _keys_storable(value: dict, path: str, ctx) -> bool:
    """False (with one error at the object) when a key holds a NUL or a lone surrogate.

    Such a key cannot be named in a path or message, so the object it is in takes the error.
    """
    problems = [text_problem(k) for k in value if type(k) is str]
    problem = next((p for p in problems if p), None)
    if problem:
        ctx.error(path, f"a key {problem}")
    return problem is None


def _reject_unknown_keys(value: dict, names: frozenset[str], path: str, ctx) -> None:
    for key in [k for k in value if k not in names]:  # in document order
        hint = get_close_matches(key, names, n=1) if isinstance(key, str) else []
        suggestion = f"; did you mean {_q(hint[0])}?" if hint else ""
        ctx.error(_join(path, str(key)), f"unknown key {_q(key)}{suggestion}")


def _parser_for(hint):
    if hint in _SCALARS:
        return _SCALARS[hint]
    args = [a for a in get_args(hint) if a is not type(None)]
    if isinstance(hint, UnionType) and len(args) < len(get_args(hint)):
        return _optional_parser(_parser_for(args[0]))  # X | None (no optional unions here)
    if isinstance(hint, UnionType):  # str | bool: fee_reductions values, judged by _fee_reductions
        return _as_is
    if get_origin(hint) is tuple:
        return _tuple_parser(_parser_for(args[0]))
    if get_origin(hint) is dict:
        return _mapping_parser(_parser_for(args[1]))
    return _object_parser(hint)


def _as_is(value, path, ctx):
    return _parse_text(value, path, ctx) if type(value) is str else value


_SCALARS = {
    str: _parse_text,
    int: _scalar_parser((int,), "an integer"),
    bool: _scalar_parser((bool,), "true or false"),
    date: _parse_date,
}
