"""The application document: every DM/1 item 1-19 and Annexes I-V as immutable dataclasses.

The same JSON document ("hague-portal/application@1") is the API's input, the import/export
format of drafts and what is frozen at submission. Attribute names mirror the JSON keys exactly;
JSON lists become tuples so that a document is hashable and can be shared between threads.

This module is part of the pure rules core: no Django, no ORM, no settings.
"""

from __future__ import annotations

from .parser import DocumentError, FieldError, application_to_json, parse_application
from .schema import (
    LANGUAGES,
    SCHEMA,
    Address,
    AnnexEntry,
    Annexes,
    Applicant,
    Application,
    Creator,
    Design,
    Entitlement,
    Exhibition,
    MainDesign,
    NoveltyException,
    Priority,
    Publication,
    RelatedDesign,
    Representative,
    Reproduction,
    Signatory,
)

__all__ = [
    "Address",
    "AnnexEntry",
    "Annexes",
    "Applicant",
    "Application",
    "Creator",
    "Design",
    "DocumentError",
    "Entitlement",
    "Exhibition",
    "FieldError",
    "MainDesign",
    "NoveltyException",
    "Priority",
    "Publication",
    "RelatedDesign",
    "Representative",
    "Reproduction",
    "LANGUAGES",
    "SCHEMA",
    "Signatory",
    "application_to_json",
    "parse_application",
]
