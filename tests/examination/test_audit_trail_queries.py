"""The audit trail reads the examiners its assignments name once for the list, not once an event:
an application passed between examiners many times costs the same queries to show."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hague_portal.examination import services
from hague_portal.examination.groups import staff_groups_ensure
from hague_portal.examination.models import Examination
from hague_portal.examination.selectors import audit_events, worded
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _queries_to_word(submission) -> tuple[int, list]:
    with CaptureQueriesContext(connection) as captured:
        events = worded(audit_events(submission=submission, for_staff=True))
    return len(captured), events


def test_assignments_cost_the_same_queries_however_many(filed, erik):
    staff_groups_ensure()
    others = [
        UserFactory(email=f"ex{n}@wipo.test", full_name=f"Examiner {n}", is_staff=True)
        for n in range(4)
    ]
    for user in others:
        user.groups.add(Group.objects.get(name="Examiner"))
    services.examination_assign(examination=filed, examiner=others[0], by=erik)
    few, _ = _queries_to_word(filed.submission)
    for examiner in [*others[1:], erik, others[0]]:
        exam = Examination.objects.get(pk=filed.pk)
        services.examination_assign(examination=exam, examiner=examiner, by=erik)
    many, events = _queries_to_word(filed.submission)
    assert many == few
    said = [e.text for e in events if e.kind == "examination.assigned"]
    assert said[0] == "Assigned to Examiner 0" and said[-1] == "Assigned to Examiner 0"
    assert len(said) == 6 and "Assigned to Erik Examiner" in said
