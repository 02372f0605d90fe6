"""Fixtures shared with the submissions and backup tests."""

from tests.core.test_backup import empty_database  # noqa: F401
from tests.submissions.conftest import no_broker, reference_db  # noqa: F401
