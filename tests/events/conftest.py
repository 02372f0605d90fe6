from tests.submissions.conftest import (  # noqa: F401 - shared fixtures
    media,
    no_broker,
    reference_db,
)
