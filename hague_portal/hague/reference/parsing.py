"""One reference row from CSV strings or model values, and back (`parse_row`, `to_row`)."""

from __future__ import annotations

from dataclasses import fields
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from .rows import (
    ACTS,
    AMOUNT_OPTIONAL,
    CONFIDENCES,
    FEE_ITEMS,
    FEE_TYPES,
    FEE_VARIANTS,
    LOCARNO_LEVELS,
    TABLES,
    FeeType,
)

# --- value parsing ------------------------------------------------------------------------


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _opt_date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"bad date {text!r} (expected YYYY-MM-DD)") from None


def _req_date(value) -> date:
    parsed = _opt_date(value)
    if parsed is None:
        raise ValueError("date is required")
    return parsed


def _bool(value) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if text in ("y", "yes", "true", "1"):
        return True
    if text in ("n", "no", "false", "0", ""):
        return False
    raise ValueError(f"bad boolean {value!r} (expected Y or N)")


def _opt_int(value) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = _text(value)
    if not text:
        return None
    if not text.isdigit():
        raise ValueError(f"bad integer {text!r}")
    return int(text)


def _amount(value) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None  # blank: allowed for AMOUNT_OPTIONAL items only (_check_row)
    try:
        amount = value if isinstance(value, Decimal) else Decimal(_text(value))
    except InvalidOperation:
        raise ValueError(f"bad amount {value!r} (expected a number of Swiss francs)") from None
    if not amount.is_finite() or amount < 0:
        raise ValueError(f"bad amount {value!r}")
    return amount


def _codes(value) -> tuple[str, ...]:
    if isinstance(value, list | tuple):
        return tuple(_text(v) for v in value if _text(v))
    return tuple(part.strip() for part in _text(value).split(";") if part.strip())


def _choice(choices):
    def parse(value) -> str:
        text = _text(value)
        if text not in choices:
            raise ValueError(f"{text!r} is not one of {', '.join(choices)}")
        return text

    return parse


_FIELD_PARSERS = {
    "entry_into_force": _req_date,
    "new_designations_until": _opt_date,
    "bound_from": _req_date,
    "valid_from": _opt_date,
    "valid_to": _opt_date,
    "ldc_from": _opt_date,
    "ldc_to": _opt_date,
    "is_igo": _bool,
    "date_confirmed": _bool,
    "members": _codes,
    "locarno_classes": _codes,
    "level": _opt_int,
    "amount": _amount,
    "confidence": _choice(CONFIDENCES),
    "day": _req_date,
}
_TABLE_PARSERS = {
    "acts": {"act": _choice(ACTS)},
    "party_acts": {"act": _choice(ACTS)},
    "party_fee_types": {"fee_type": _choice(FEE_TYPES)},
    "fees": {"item": _choice(FEE_ITEMS), "variant": _choice(FEE_VARIANTS)},
    "locarno": {"level": _choice(LOCARNO_LEVELS), "code": lambda v: _locarno_code(_text(v))},
}
_REQUIRED = {
    "acts": ("name",),
    "parties": ("code", "name"),
    "party_acts": ("party",),
    "party_fee_types": ("party",),
    "ldc": ("code", "name"),
    "declarations": ("party", "kind"),
    "fees": ("party",),
    "locarno": ("code", "title"),
    "legend_codes": ("code", "legend"),
    "ib_closed_days": ("reason",),
}


def _locarno_code(code: str) -> str:
    parts = code.split("-")
    if not code or len(parts) > 2 or not all(p.isdigit() for p in parts):
        raise ValueError(f"bad Locarno code {code!r} (expected 06 or 06-01)")
    return "-".join(p.zfill(2) for p in parts)


def _class_of(code: str | None) -> str | None:
    return None if code is None else _locarno_code(str(code)).split("-")[0]


def parse_row(table: str, row: dict):
    """One row of `table` as its dataclass; raises ValueError with the reason."""
    cls = TABLES[table]
    parsers = {**_FIELD_PARSERS, **_TABLE_PARSERS.get(table, {})}
    values = {}
    for f in fields(cls):
        try:
            values[f.name] = parsers.get(f.name, _text)(row.get(f.name))
        except ValueError as exc:
            raise ValueError(f"{f.name}: {exc}") from None
    obj = cls(**values)
    _check_row(table, obj)
    return obj


def _check_row(table: str, obj) -> None:
    for name in _REQUIRED[table]:
        if not getattr(obj, name):
            raise ValueError(f"{name}: value is required")
    start = getattr(obj, "valid_from", None) or getattr(obj, "ldc_from", None)
    end = getattr(obj, "valid_to", None) or getattr(obj, "ldc_to", None)
    if start and end and start > end:
        raise ValueError(f"validity ends ({end}) before it starts ({start})")
    if table == "party_fee_types":
        _check_fee_type(obj)
    if table == "fees" and obj.item.startswith("standard_") and obj.level not in (1, 2, 3):
        raise ValueError("level: standard designation fees need level 1, 2 or 3")
    if (
        table == "fees"
        and obj.amount is None
        and not (obj.item in AMOUNT_OPTIONAL and obj.confidence == "U")
    ):
        raise ValueError("amount: value is required (blank only for a recording fee not found, U)")


def _check_fee_type(obj: FeeType) -> None:
    if obj.fee_type == "standard" and obj.level not in (1, 2, 3):
        raise ValueError("level: a standard fee type needs level 1, 2 or 3 (Rule 12(1)(c))")
    if obj.fee_type == "individual" and obj.level is not None:
        raise ValueError("level: an individual fee type has no level")


def columns(table: str) -> tuple[str, ...]:
    """The CSV columns of a table (also the Django model's field names)."""
    return tuple(f.name for f in fields(TABLES[table]))


def to_row(obj) -> dict[str, str]:
    """A dataclass row as CSV strings (the inverse of `parse_row`)."""
    return {f.name: _format(getattr(obj, f.name)) for f in fields(obj)}


def to_native(obj) -> dict:
    """A dataclass row as native values for a model, with code lists joined by ";"."""
    return {f.name: _join(getattr(obj, f.name)) for f in fields(obj)}


def _join(value):
    return ";".join(value) if isinstance(value, tuple) else value


def _format(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Y" if value else "N"
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return str(int(value))  # 397.00 from the database exports as 397
    return str(_join(value))
