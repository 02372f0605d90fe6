"""The Examiner and Supervisor groups read the audit trail and the e-mails sent where those models
live now (issue 21 moved them with their tables): an examiner who opens them is not refused."""

import pytest
from django.contrib.auth.models import Group

from hague_portal.examination.groups import staff_groups_ensure
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _permissions(name):
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name=name).permissions.select_related("content_type")
    }


@pytest.mark.parametrize("name", ["Examiner", "Supervisor"])
def test_the_migrated_groups_read_the_events_and_the_emails_where_they_live_now(name):
    got = _permissions(name)
    assert {"events.view_event", "mail.view_outgoingemail", "examination.examine"} <= got
    assert not {"examination.view_auditevent", "submissions.view_outgoingemail"} & got


def test_the_groups_are_set_again_after_a_flush():
    Group.objects.all().delete()
    staff_groups_ensure()
    examiner = UserFactory(email="ed@wipo.test", is_staff=True)
    examiner.groups.add(Group.objects.get(name="Examiner"))
    assert "Supervisor" not in {g.name for g in examiner.groups.all()}
    assert examiner.has_perm("events.view_event")
    assert examiner.has_perm("mail.view_outgoingemail")
    assert not examiner.has_perm("examination.register")
    assert "examination.register" in _permissions("Supervisor")
