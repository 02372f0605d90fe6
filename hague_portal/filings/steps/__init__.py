"""The steps of the filing wizard, in DM/1 order (pretix style: a plain tuple of step classes).

Each step answers `is_applicable(doc, ref, on)` (does the section concern this application?) and
`is_completed(doc)` (has it been answered?) over the assembled application document, builds its
form from the document and turns the cleaned form back into its part of the document.
What makes a step applicable is data: the designated parties' declarations (e.g. `claim_required`).

The steps live in modules by what they ask about (`base` has the `Step` class they share); this
package is the dispatcher: `STEPS` in order, and which step a finding or a DM/1 item belongs to.
"""

import re

from hague_portal.hague.items import REPRODUCTIONS

from .declarations import (
    ClaimStep,
    CreatorsStep,
    DescriptionStep,
    ExhibitionStep,
    MainDesignStep,
    NoveltyExceptionStep,
    PriorityStep,
)
from .designs import DesignsStep, ReproductionsStep
from .parties import ApplicantsStep, DesignationsStep, EntitlementStep, RepresentativeStep
from .publication_fees import AnnexesStep, FeeReductionsStep, FeesStep, PublicationStep
from .review import ReviewStep

STEPS = (
    ApplicantsStep(),
    EntitlementStep(),
    RepresentativeStep(),
    DesignationsStep(),
    DesignsStep(),
    ReproductionsStep(),
    DescriptionStep(),
    CreatorsStep(),
    ClaimStep(),
    PriorityStep(),
    ExhibitionStep(),
    NoveltyExceptionStep(),
    MainDesignStep(),
    PublicationStep(),
    FeeReductionsStep(),
    AnnexesStep(),
    FeesStep(),
    ReviewStep(),
)
STEPS_BY_KEY = {step.key: step for step in STEPS}

# Finding fields whose prefix is not simply a step's document key.
_FIELD_STEPS = (
    (re.compile(r"designs\[\d+\]\.reproductions"), "reproductions"),
    (re.compile(r"payment"), "fees"),
)
_ITEM_STEPS = {item: step.key for step in STEPS for item in step.items}
_ITEM_STEPS.update({"10": "reproductions", REPRODUCTIONS: "reproductions"})


def step_for_finding(field: str, item: str) -> str:
    """The key of the step where a finding (by its `field`, else its DM/1 item) is fixed."""
    for pattern, key in _FIELD_STEPS:
        if pattern.match(field or ""):
            return key
    head = re.split(r"[.\[]", field or "", maxsplit=1)[0]
    for step in STEPS:
        if head and head in step.owns:
            return step.key
    return _ITEM_STEPS.get(item, "review")


def applicable_steps(doc, ref, on) -> list:
    return [s for s in STEPS if s.is_applicable(doc, ref, on)]
