from ..submissions.conftest import media, no_broker, reference_db  # noqa: F401 - shared fixtures
