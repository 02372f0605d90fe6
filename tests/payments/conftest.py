from ..filings.conftest import alice_draft, reference  # noqa: F401 - shared fixtures
from ..submissions.conftest import media, no_broker, reference_db  # noqa: F401 - shared fixtures
