from pathlib import Path

import pytest

from hague_portal.hague.reference import load_reference_dir

REFERENCE_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "reference"


@pytest.fixture(scope="session")
def ref():
    return load_reference_dir(REFERENCE_DIR)
