"""The applicant's response to an invitation: one form listing each irregularity with the remedy
its kind allows (hague.irregularities: reproductions, text:<field>, attachment, payment), a message
to the International Bureau and the confirmation before the irreversible send.

Field names say where their value goes in the document ("product_2" is design 2's product), so an
error of the rules core ("designs[1].product") is shown at its input (`field_for_path`).
"""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hague_portal.filings.forms.fields import CountryField
from hague_portal.filings.images import ImageRejected
from hague_portal.filings.models import Attachment
from hague_portal.hague import irregularities as rule14
from hague_portal.lib.text import validate_storable_text

from .responses import (
    Corrections,
    attachment_check,
    document_corrected,
    replacement_check,
    response_missing,
)

ADDRESS_PARTS = (
    ("street", gettext_lazy("Street and number (%(whom)s)"), 200),
    ("city", gettext_lazy("Town or city (%(whom)s)"), 100),
    ("postcode", gettext_lazy("Postcode (%(whom)s)"), 20),
)
IMAGE_TYPES = ".jpg,.jpeg,.tif,.tiff,image/jpeg,image/tiff"


def _text(label, *, initial="", max_length=200, textarea=False, required=False):
    return forms.CharField(
        label=label,
        initial=initial or "",
        max_length=max_length,
        required=required,
        validators=[validate_storable_text],
        widget=forms.Textarea(attrs={"rows": 5}) if textarea else forms.TextInput,
    )


class ResponseForm(forms.Form):
    message = _text(
        gettext_lazy("Message to the International Bureau (optional)"),
        max_length=5000,
        textarea=True,
    )
    confirm = forms.BooleanField(
        label=gettext_lazy(
            "I confirm that this response is complete: once sent it cannot be changed, and "
            "the International Bureau examines it as the new revision of the application."
        ),
        error_messages={"required": gettext_lazy("Tick the confirmation to send the response.")},
    )

    def __init__(self, *args, irregularities, document: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.document = document
        self.designs = [d for d in document.get("designs") or [] if isinstance(d, dict)]
        self.creator_rows: list[int] = []
        self.sections = [self._section(row) for row in irregularities]
        self.corrections = Corrections()
        self.order_fields([*(n for n in self.fields if n not in ("message", "confirm")), "message"])

    @property
    def groups(self) -> list[dict]:
        """The sections with their bound fields, for the template."""
        return [{**s, "bound": [self[name] for name in s["fields"]]} for s in self.sections]

    # --- the fields each kind of irregularity brings ---------------------------------------

    def _section(self, row) -> dict:
        kind = rule14.kind_of(row.category)
        remedy = kind.remedy
        builder = {
            "reproductions": self._reproduction_fields,
            "attachment": self._attachment_fields,
        }.get(remedy)
        if remedy.startswith("text:"):
            names = self._text_fields(remedy.split(":", 1)[1], row)
        else:
            names = builder(row) if builder else []
        return {"irregularity": row, "kind": kind, "remedy": remedy, "fields": names}

    def _concerned(self, row) -> list[dict]:
        wanted = set((row.details or {}).get("designs") or [])
        return [d for d in self.designs if not wanted or d.get("number") in wanted]

    def _reproduction_fields(self, row) -> list[str]:
        names = []
        for design in self._concerned(row):
            for view in design.get("reproductions") or []:
                name = f"reproduction_{str(view.get('number')).replace('.', '_')}"
                if name not in self.fields:
                    self.fields[name] = forms.FileField(
                        label=_("Replacement for reproduction %(number)s")
                        % {"number": view.get("number")},
                        required=False,
                        widget=forms.ClearableFileInput(attrs={"accept": IMAGE_TYPES}),
                    )
                    self.fields[name].view = {**view, "design": design.get("number")}
                    names.append(name)
        return names

    def _attachment_fields(self, row) -> list[str]:
        self.fields["attachment_kind"] = forms.ChoiceField(
            label=_("Which document this is"), choices=Attachment.Kind.choices
        )
        self.fields["attachment_file"] = forms.FileField(
            label=_("The document (PDF)"),
            required=False,
            widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
        )
        return ["attachment_kind", "attachment_file"]

    def _text_fields(self, target: str, row) -> list[str]:
        doc = self.document
        if target in ("description", "claim"):
            label = _("Description (item 9)") if target == "description" else _("Claim (item 12)")
            self.fields[target] = _text(
                label, initial=doc.get(target), max_length=10000, textarea=True, required=True
            )
            return [target]
        if target == "correspondence_email":
            self.fields[target] = forms.EmailField(
                label=_("E-mail address for correspondence (item 4)"),
                initial=doc.get(target) or "",
            )
            return [target]
        if target == "products":
            return self._product_fields(row)
        if target == "creators":
            return self._creator_fields()
        if target == "applicant":
            return self._applicant_fields()
        return []

    def _product_fields(self, row) -> list[str]:
        names = []
        for design in self._concerned(row):
            name = f"product_{design.get('number')}"
            self.fields[name] = _text(
                _("Indication of the product, design %(number)s (item 8)")
                % {"number": design.get("number")},
                initial=design.get("product"),
                required=True,
            )
            names.append(name)
        return names

    def _creator_fields(self) -> list[str]:
        creators = [c for c in self.document.get("creators") or [] if isinstance(c, dict)]
        names = []
        for index, creator in enumerate([*creators, {}]):
            prefix = f"creator_{index}"
            if creator:
                whom = _("creator %(number)s") % {"number": index + 1}
            else:
                whom = _("another creator (optional)")
            names += self._person_fields(prefix, whom, creator)
            self.creator_rows.append(index)
        return names

    def _applicant_fields(self) -> list[str]:
        applicant = (self.document.get("applicants") or [{}])[0] or {}
        names = self._person_fields("applicant", _("applicant"), applicant, required=True)
        self.fields["applicant_email"] = forms.EmailField(
            label=_("E-mail of the applicant"),
            required=False,
            initial=applicant.get("email") or "",
        )
        return [*names, "applicant_email"]

    def _person_fields(self, prefix, whom, person: dict, *, required=False) -> list[str]:
        address = person.get("address") or {}
        self.fields[f"{prefix}_name"] = _text(
            _("Name of the %(whom)s") % {"whom": whom},
            initial=person.get("name"),
            required=required,
        )
        names = [f"{prefix}_name"]
        for part, label, length in ADDRESS_PARTS:
            self.fields[f"{prefix}_{part}"] = _text(
                label % {"whom": whom}, initial=address.get(part), max_length=length
            )
            names.append(f"{prefix}_{part}")
        self.fields[f"{prefix}_country"] = CountryField(
            label=_("Country (%(whom)s)") % {"whom": whom},
            initial=address.get("country") or "",
            widget=forms.Select,
        )
        return [*names, f"{prefix}_country"]

    # --- checking and collecting the corrections -------------------------------------------

    def clean(self):
        data = super().clean()
        for section in self.sections:
            remedy = section["remedy"]
            if remedy == "reproductions":
                self._clean_reproductions(section["fields"])
            elif remedy == "attachment":
                self._clean_attachment()
            elif remedy.startswith("text:"):
                self._collect_text(remedy.split(":", 1)[1], section["fields"])
        self._require_remedies()
        return data

    def _require_remedies(self) -> None:
        """What the response lacks to remedy each irregularity, by the rules the API applies too
        (responses.response_missing); not said again where its section already has an error."""
        sections = {s["irregularity"].pk: s["fields"] for s in self.sections}
        missing = response_missing(
            irregularities=[s["irregularity"] for s in self.sections],
            document=document_corrected(self.document, self.corrections, []),
            corrections=self.corrections,
            message=self.cleaned_data.get("message") or "",
        )
        for item in missing:
            names = [*sections.get(item.irregularity.pk, []), self._field_for_missing(item.path)]
            if not any(name in self._errors for name in names):
                self.add_error(self._field_for_missing(item.path), item.message)

    def _field_for_missing(self, path: str) -> str | None:
        if path.startswith("reproduction:"):
            return "reproduction_" + path.split(":", 1)[1].replace(".", "_")
        if path == "creators[0].name":
            return "creator_0_name"
        return {"attachment": "attachment_file", "message": "message"}.get(path) or (
            self.field_for_path(path)
        )

    def _clean_reproductions(self, names) -> None:
        chosen = [name for name in names if self.files.get(name)]
        done = {item.number for item in self.corrections.reproductions}
        for name in chosen:
            view = self.fields[name].view
            if view.get("number") in done:
                continue
            try:
                replacement = replacement_check(
                    upload=self.files[name],
                    view=view,
                    designs=self.designs,
                    chosen=self.corrections.reproductions,
                )
            except ImageRejected as exc:
                self.add_error(name, exc.reason)
                continue
            self.corrections.reproductions.append(replacement)

    @property
    def payment_only(self) -> bool:
        """Every irregularity is remedied by paying: there is nothing to send."""
        return bool(self.sections) and all(s["remedy"] == "payment" for s in self.sections)

    def _clean_attachment(self) -> None:
        upload = self.files.get("attachment_file")
        if not upload:  # said by _require_remedies
            return
        kind = self.cleaned_data.get("attachment_kind") or Attachment.Kind.POWER_OF_ATTORNEY
        try:
            attachment = attachment_check(upload=upload, kind=kind)
        except ValidationError as exc:
            self.add_error("attachment_file", exc.message_dict.get("file", exc.messages))
            return
        self.corrections.attachments.append(attachment)

    def _collect_text(self, target: str, names) -> None:
        value = self.cleaned_data.get
        if target in ("description", "claim", "correspondence_email"):
            self.corrections.text[target] = (value(target) or "").strip()
        elif target == "products":
            for name in names:
                self.corrections.products[int(name.split("_")[1])] = (value(name) or "").strip()
        elif target == "applicant":
            applicant = (self.document.get("applicants") or [{}])[0] or {}
            self.corrections.applicant = {
                **applicant,
                **self._person("applicant"),
                "email": value("applicant_email") or None,
            }
        elif target == "creators":
            self._collect_creators()

    def _collect_creators(self) -> None:
        creators = [c for c in self.document.get("creators") or [] if isinstance(c, dict)]
        kept, self.creator_index = [], []
        for index in self.creator_rows:
            person = self._person(f"creator_{index}")
            if not person["name"]:
                continue
            original = creators[index] if index < len(creators) else {}
            kept.append({**original, **person})
            self.creator_index.append(index)
        self.corrections.creators = kept

    def _person(self, prefix) -> dict:
        value = self.cleaned_data.get
        address = {part: (value(f"{prefix}_{part}") or "").strip() for part, _, _ in ADDRESS_PARTS}
        address["country"] = value(f"{prefix}_country") or ""
        return {"name": (value(f"{prefix}_name") or "").strip(), "address": address}

    # --- errors of the rules core at their inputs ------------------------------------------

    def field_for_path(self, path: str) -> str | None:
        """The input that holds the value at `path` of the corrected document, if any."""
        if path in self.fields:
            return path
        match = re.fullmatch(r"designs\[(\d+)\]\.product", path)
        if match and int(match[1]) < len(self.designs):
            name = f"product_{self.designs[int(match[1])].get('number')}"
            return name if name in self.fields else None
        match = re.fullmatch(r"(applicants\[0\]|creators\[(\d+)\])\.(?:address\.)?(\w+)", path)
        if match:
            prefix = "applicant" if match[2] is None else self._creator_prefix(int(match[2]))
            name = f"{prefix}_{match[3]}"
            return name if prefix and name in self.fields else None
        return None

    def _creator_prefix(self, index: int) -> str | None:
        rows = getattr(self, "creator_index", [])
        return f"creator_{rows[index]}" if index < len(rows) else None

    def add_document_errors(self, errors) -> None:
        for error in errors:
            name = self.field_for_path(error.path)
            self.add_error(name, error.message if name else str(error))


class WithdrawForm(forms.Form):
    """Withdrawal is confirmed by typing the application's number (issue 22)."""

    number = forms.CharField(label=gettext_lazy("Type the application number to confirm"))

    def __init__(self, *args, number: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.expected = number

    def clean_number(self):
        typed = re.sub(r"\s+", "", self.cleaned_data["number"]).upper()
        if typed != self.expected.upper():
            raise ValidationError(
                _("Type %(number)s, the number of this application, to withdraw it.")
                % {"number": self.expected}
            )
        return typed
