"""The workbench's consumer of the event stream: the tab a filed application shows under
(filings.Draft.workbench_state, one indexed column the workbench filters and counts on) follows
the application's status."""

from __future__ import annotations

from hague_portal.events.registry import Consumer
from hague_portal.examination.models import Examination, ExaminationStatus
from hague_portal.filings.models import Draft

S = ExaminationStatus
# The workbench's tab of a filed application; every other status is "filed".
WORKBENCH_STATES = {
    S.IRREGULAR: "irregular",
    S.REGISTERED: "registered",
    S.ABANDONED: "abandoned",
    S.WITHDRAWN: "withdrawn",
}
# Every kind that can move an application's status, and its filing.
KINDS = frozenset(
    {
        "application.filed",
        "checks.run",
        "checks.done",
        "invitation.sent",
        "invitation.again",
        "response.submitted",
        "irregularity.remedied",
        "designation.removed",
        "application.registered",
        "application.abandoned",
        "application.withdrawn",
    }
)


def workbench_state_sync(*, submission_id) -> None:
    """The draft's tab from the application's status as it is now (so a delivery re-run late, or
    two out of order, still leave it right)."""
    status = Examination.objects.filter(pk=submission_id).values_list("status", flat=True).first()
    Draft.objects.filter(submission__pk=submission_id).update(
        workbench_state=WORKBENCH_STATES.get(status, "filed")
    )


def event_to_workbench(event) -> None:
    workbench_state_sync(submission_id=event.submission_id)


# After the examination consumer, which opens the examination of a filed application.
CONSUMER = Consumer(
    name="workbench", kinds=KINDS, handle=event_to_workbench, order=30, after=("examination",)
)
