"""Helpers of the account's own data: the downloaded ZIP read back."""

import io
import json
import zipfile

import pytest
from django.urls import reverse

from tests.submissions.conftest import media, no_broker  # noqa: F401 - fixtures


@pytest.fixture
def download(client):
    """GET the data download as `user`; (response, chunks, the archive read back)."""

    def get(user):
        client.force_login(user)
        response = client.get(reverse("privacy:export"))
        assert response.status_code == 200, response.status_code
        chunks = list(response.streaming_content)
        return response, chunks, Archive(b"".join(chunks))

    return get


class Archive:
    def __init__(self, data: bytes):
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        assert self.zip.testzip() is None  # every entry's CRC checks out

    def names(self) -> list[str]:
        return self.zip.namelist()

    def json(self, name: str):
        return json.loads(self.zip.read(name))

    def read(self, name: str) -> bytes:
        return self.zip.read(name)

    def everything(self) -> bytes:
        return b"".join(self.zip.read(name) for name in self.names())
