"""Fixtures the address book tests share with the wizard's."""

from ..filings.conftest import alice_draft, bob_draft, reference  # noqa: F401 - fixtures
