"""Writes of the address book. `cleaned` is a valid entry form's cleaned_data (forms.py)."""

from .models import Entry

ADDRESS_FIELDS = ("street", "city", "postcode", "country")

# The fields of each kind of block besides the address, as the wizard's document names them.
BLOCK_FIELDS = {
    "applicant": ("name", "kind", "transliteration", "legal_nature", "email", "phone"),
    "creator": ("name",),
    "representative": ("name", "email", "phone"),
}


def entry_data(*, kind: str, cleaned: dict) -> dict:
    """The block's fields as the wizard's document stores them (the address apart)."""
    data = {f: cleaned.get(f) or "" for f in BLOCK_FIELDS[kind]}
    data["address"] = {f: cleaned.get(f) or "" for f in ADDRESS_FIELDS}
    return data


def entry_fields(entry: Entry) -> dict:
    """The entry as the flat fields of its form (and of the wizard's block)."""
    data = entry.data or {}
    address = data.get("address") or {}
    return {
        **{f: data.get(f) or "" for f in BLOCK_FIELDS[entry.kind]},
        **{f: address.get(f) or "" for f in ADDRESS_FIELDS},
    }


def entry_build(*, owner: dict, kind: str, cleaned: dict) -> Entry:
    data = entry_data(kind=kind, cleaned=cleaned)
    country = data["address"]["country"]
    return Entry(**owner, kind=kind, name=data["name"], country=country, data=data)


def entry_create(*, owner: dict, kind: str, cleaned: dict) -> Entry:
    entry = entry_build(owner=owner, kind=kind, cleaned=cleaned)
    entry.save()
    return entry


def entry_update(*, entry: Entry, cleaned: dict) -> Entry:
    entry.data = entry_data(kind=entry.kind, cleaned=cleaned)
    entry.name, entry.country = entry.data["name"], entry.data["address"]["country"]
    entry.save()
    return entry


def entry_delete(*, entry: Entry) -> None:
    entry.delete()
