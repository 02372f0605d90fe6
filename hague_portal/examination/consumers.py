"""The examination's consumers of the event stream: a filed application is opened for
examination (its row, in the filing's transaction: `required`), and enters the examiners' queue
once the check job has run."""

from __future__ import annotations

from hague_portal.events.registry import Consumer

from .services import examination_checks_done, examination_open


def follow(event) -> None:
    if event.kind == "application.filed":
        examination_open(submission=event.submission)
    elif event.kind == "checks.run":
        examination_checks_done(submission=event.submission)


CONSUMER = Consumer(
    name="examination",
    kinds=frozenset({"application.filed", "checks.run"}),
    handle=follow,
    order=0,
    required=True,
)
