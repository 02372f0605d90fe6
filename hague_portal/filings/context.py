"""What every wizard page shows around its form: the step navigation and the side panel.

    state = WizardState.load(draft)           # the document, checks and fees, computed once
    context = wizard_context(request, draft=draft, current="designs", state=state)

helper-7's pages (reproductions, attachments) call `wizard_context` to extend step_base.html.
"""

from dataclasses import dataclass
from functools import cached_property
from html import escape

from django.urls import NoReverseMatch, reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hague_portal.hague.checks import ERROR, INFO, WARNING, Finding, is_blocking, run_checks
from hague_portal.hague.clock import geneva_today
from hague_portal.hague.fees import calculate_fees
from hague_portal.hague.items import item_reference
from hague_portal.reference.selectors import reference_data

from .selectors import (
    ParsedDraft,
    document_parse_lenient,
    draft_document,
    draft_is_editable,
)
from .steps import STEPS, STEPS_BY_KEY, applicable_steps, step_for_finding

STATUS_LABELS = {
    "not_started": (_("Not started"), "text-bg-light border"),
    "in_progress": (_("In progress"), "text-bg-info"),
    "complete": (_("Complete"), "text-bg-success"),
    "errors": (_("Has errors"), "text-bg-danger"),
}
SEVERITY_TITLES = {ERROR: _("Errors"), WARNING: _("Warnings"), INFO: _("Information")}


@dataclass
class WizardState:
    draft: object
    document: dict
    ref: object
    on: object

    @classmethod
    def load(cls, draft) -> "WizardState":
        return cls(draft, draft_document(draft), reference_data(), geneva_today())

    @cached_property
    def parsed(self) -> ParsedDraft:
        """The document parsed for the checks and fees; a save, which shows neither, skips it."""
        return document_parse_lenient(self.document, self.ref)

    @cached_property
    def findings(self) -> tuple[Finding, ...]:
        dropped = tuple(
            Finding(
                code="document.invalid",
                severity=ERROR,
                item="",
                parties=(),
                message=gettext("This part could not be read and was left out: %(problem)s.")
                % {"problem": error.message},
                source="",
                field=error.path,
            )
            for error in self.parsed.dropped
        )
        return dropped + run_checks(self.parsed.application, self.ref, on=self.on)

    @cached_property
    def fees(self):
        return calculate_fees(self.parsed.application, self.ref, on=self.on)

    @cached_property
    def steps(self) -> list:
        return applicable_steps(self.document, self.ref, self.on)

    @property
    def blocking(self) -> bool:
        return is_blocking(self.findings)

    @cached_property
    def findings_by_step(self) -> dict[str, list[Finding]]:
        out: dict[str, list[Finding]] = {}
        for finding in self.findings:
            out.setdefault(step_for_finding(finding.field, finding.item), []).append(finding)
        return out

    def status(self, step) -> str:
        started = step.key in self.draft.steps_saved or step.key in self.draft.autosave
        completed = step.is_completed(self.document, self.ref, self.on)
        has_errors = any(f.severity == ERROR for f in self.findings_by_step.get(step.key, ()))
        if has_errors and (started or completed):
            return "errors"
        if completed:
            return "complete"
        return "in_progress" if started else "not_started"

    def next_step(self, key):
        """The next applicable step after `key`, or None after the last."""
        return _step_after(self.steps, key)

    def next_step_after_save(self, key, data):
        """`next_step` once `data` (a step's top-level keys) is saved, without loading the draft
        again: applicability reads only the top-level answers, which `data` brings, and the
        annexes (attachments), which a step save does not change."""
        return _step_after(applicable_steps({**self.document, **data}, self.ref, self.on), key)

    def previous_step(self, key):
        keys = [s.key for s in self.steps]
        index = keys.index(key) if key in keys else 0
        return self.steps[index - 1] if index > 0 else None

    def first_unfinished(self):
        """pretix's dispatcher: the first applicable step not yet completed."""
        return next(
            (s for s in self.steps if not s.is_completed(self.document, self.ref, self.on)),
            None,
        )


def preview_state(draft, step, data) -> tuple[WizardState, bool]:
    """The state as if `data` (one step's unsaved form input) were saved, and whether it could
    be read: the same rules core as a save, with nothing written. Input the form refuses
    leaves the saved state, so that the panel never shows figures for input we cannot read."""
    state = WizardState.load(draft)
    bundle = step.build(state, data)
    if not bundle.is_valid():
        return state, False
    changes, _ = step.to_document(bundle, state)
    document = {**state.document, **changes}
    return WizardState(draft, document, state.ref, state.on), True


def _step_after(steps, key):
    keys = [s.key for s in steps]
    if key not in keys:
        return steps[0] if steps else None
    index = keys.index(key)
    return steps[index + 1] if index + 1 < len(keys) else None


_KEY = "step-key"  # reversed once per draft, then replaced by each step's key


def step_url(draft, step) -> str | None:
    if step.url_name:
        try:
            return reverse(step.url_name, args=[draft.id])
        except NoReverseMatch:  # the view is not there yet
            return None
    # A step page links every step (navigation, findings): ~30 reverse() calls, ~1 ms. One
    # reverse per draft object (that is, per request) and a replace give the same URLs.
    pattern = draft.__dict__.get("_step_url_pattern")
    if pattern is None:
        pattern = draft.__dict__["_step_url_pattern"] = reverse(
            "filings:step", args=[draft.id, _KEY]
        )
    return pattern.replace(f"/{_KEY}/", f"/{step.key}/")


def optional_url(name, *args) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def finding_link(draft, finding, state) -> str:
    step = STEPS_BY_KEY.get(step_for_finding(finding.field, finding.item))
    if step is None:
        return reverse("filings:overview", args=[draft.id])
    url = step_url(draft, step) or reverse("filings:overview", args=[draft.id])
    anchor = step.anchor(finding.field) if finding.field else ""
    return f"{url}#{anchor}" if anchor else url


def finding_where(finding) -> str:
    """What a finding concerns, before its message in the panel: "Item 10 (US): " (written
    here rather than in _panel.html: three translated tags a finding cost ~0.1 ms each)."""
    if not finding.item:
        return ""
    where = capfirst(item_reference(finding.item))  # "Item 8", "Reproductions", "Annex I"
    if finding.parties:
        where += f" ({', '.join(finding.parties)})"
    return f"{where}: "


def nav_entries(draft, state, current) -> list[dict]:
    entries, said = [], {}  # each status's label translated once a page, not once a step
    for step in state.steps:
        status = state.status(step)
        lazy_label, badge = STATUS_LABELS[status]
        if status not in said:
            said[status] = str(lazy_label)
        label = said[status]
        entries.append(
            {
                "key": step.key,
                "title": step.title,
                "items": step.items,
                "url": step_url(draft, step) or "#",
                "status": status,
                "status_label": label,
                "badge_class": badge,
                "current": step.key == current,
            }
        )
    return entries


def nav_items_html(entries: list[dict]) -> SafeString:
    """The <li> of each step in step_base.html's navigation, written here: 18 entries through
    the template cost ~0.6 ms a step page (issue 11)."""
    items = []
    for entry in entries:
        current = ' aria-current="step" class="fw-bold"' if entry["current"] else ""
        items.append(
            '<li class="mb-1 d-flex justify-content-between align-items-start gap-2">\n'
            f'<a href="{escape(entry["url"])}"{current}>{escape(str(entry["title"]))}</a>\n'
            f'<span class="badge {entry["badge_class"]}">{escape(str(entry["status_label"]))}</span>'
            "\n</li>"
        )
    return mark_safe("\n".join(items))


def panel_context(draft, state) -> dict:
    groups = []
    for severity in (ERROR, WARNING, INFO):
        items = [
            {"finding": f, "url": finding_link(draft, f, state), "where": finding_where(f)}
            for f in state.findings
            if f.severity == severity
        ]
        if items:
            groups.append(
                {"severity": severity, "title": SEVERITY_TITLES[severity], "items": items}
            )
    unsaved = [STEPS_BY_KEY[k].title for k in draft.autosave if k in STEPS_BY_KEY]
    return {
        "draft": draft,
        "groups": groups,
        "fees": state.fees,
        "blocking": state.blocking,
        "unsaved": unsaved,
    }


def wizard_context(request, *, draft, current, state=None) -> dict:
    """The context step_base.html needs (draft, can_edit, nav, current_key, panel)."""
    state = state or WizardState.load(draft)
    role = getattr(draft, "user_role", None)
    nav = nav_entries(draft, state, current)
    return {
        "draft": draft,
        "state": state,
        "can_edit": draft_is_editable(draft=draft, role=role),
        "nav": nav,
        "nav_items": nav_items_html(nav),
        "current_key": current,
        "panel": panel_context(draft, state),
    }


__all__ = [
    "STEPS",
    "WizardState",
    "optional_url",
    "panel_context",
    "preview_state",
    "wizard_context",
]
