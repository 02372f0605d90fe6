"""Filed applications to examine: real drafts and files (tests/submissions/conftest.py), the
reference data loaded, the examination opened by the submitting transaction."""

import pytest

from hague_portal.examination.models import Examination
from tests.factories import UserFactory
from tests.submissions.conftest import (  # noqa: F401 - shared fixtures
    make_draft,
    media,
    no_broker,
    reference_db,
    submit,
)


@pytest.fixture
def filed(alice, media, reference_db):  # noqa: F811
    """Alice's filed application (2 designs, CH and EM), its checks done: under examination."""
    from hague_portal.examination.services import examination_checks_done

    submission = submit(make_draft(alice, designs=2, views=2), alice)
    examination_checks_done(submission=submission)
    return Examination.objects.select_related("submission").get(pk=submission.pk)


@pytest.fixture
def clerk(db):
    """Staff without any examination permission."""
    return UserFactory(email="clerk@example.test", is_staff=True)
