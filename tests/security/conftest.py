from io import StringIO

import pytest
from django.core.management import call_command


@pytest.fixture
def reference(db):
    """The reference tables as `make setup` loads them."""
    call_command("reference_import", stdout=StringIO())
