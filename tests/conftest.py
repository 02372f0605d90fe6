"""Personas shared by the whole suite (healthchecks style).

- alice: an applicant filing for herself.
- bob: a representative, editor in "Bob & Partners", whose firm has the client ACME.
- charlie: an applicant who must not see anything of alice's or bob's.
- vera: a viewer in bob's firm (may read, may not file).
- fiona: the admin of bob's firm (files for its clients like an editor).
- erik: a staff examiner of the International Bureau, with a TOTP device.
"""

import time

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)

from hague_portal.accounts.models import FirmRole
from hague_portal.accounts.services import user_enrol_totp

from .factories import PASSWORD, ClientFactory, FirmFactory, MembershipFactory, UserFactory

TOTP_SECRET = "XZ5TBH3VYKSDWKMCEKXWRG255BSK32WQ"


def totp_now(secret: str = TOTP_SECRET) -> str:
    """The code an authenticator app shows right now for `secret`.

    allauth accepts only the current 30-second window: a code read in its last seconds may reach
    the server in the next one on a loaded machine ("Incorrect code"), so wait for a fresh
    window then, as a person would."""
    left = mfa_settings.TOTP_PERIOD - time.time() % mfa_settings.TOTP_PERIOD
    if left < 5:
        time.sleep(left + 0.1)
    counter = next(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counter))


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def alice(db):
    return UserFactory(email="alice@example.test", full_name="Alice Applicant")


@pytest.fixture
def charlie(db):
    return UserFactory(email="charlie@example.test", full_name="Charlie Outsider")


@pytest.fixture
def bobs_firm(db):
    return FirmFactory(name="Bob & Partners")


@pytest.fixture
def acme(bobs_firm):
    return ClientFactory(firm=bobs_firm, name="ACME Design GmbH")


@pytest.fixture
def bob(bobs_firm):
    user = UserFactory(email="bob@example.test", full_name="Bob Representative")
    MembershipFactory(firm=bobs_firm, user=user, role=FirmRole.EDITOR)
    user_enrol_totp(user=user, secret=TOTP_SECRET)
    return user


@pytest.fixture
def vera(bobs_firm):
    user = UserFactory(email="vera@example.test", full_name="Vera Viewer")
    MembershipFactory(firm=bobs_firm, user=user, role=FirmRole.VIEWER)
    user_enrol_totp(user=user, secret=TOTP_SECRET)
    return user


@pytest.fixture
def fiona(bobs_firm):
    user = UserFactory(email="fiona@example.test", full_name="Fiona Firm-Admin")
    MembershipFactory(firm=bobs_firm, user=user, role=FirmRole.ADMIN)
    user_enrol_totp(user=user, secret=TOTP_SECRET)
    return user


@pytest.fixture
def erik(db):
    user = UserFactory(
        email="erik@example.test", full_name="Erik Examiner", is_staff=True, is_superuser=True
    )
    user_enrol_totp(user=user, secret=TOTP_SECRET)
    return user


@pytest.fixture(autouse=True)
def _english_to_start_with():
    """A request leaves the language LocaleMiddleware chose active in the thread: every test
    starts in the default language, whatever the previous one asked for (issue 12)."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits live in the cache: every test starts with none spent."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def s3_endpoint(tmp_path_factory):
    """A real S3 HTTP endpoint: CI's moto_server (S3_TEST_ENDPOINT, .ci/run), else one this
    session starts on a free port, so the storage tests run everywhere and never skip."""
    from . import s3

    if endpoint := s3.endpoint_from_environment():
        yield endpoint
        return
    with s3.moto_server(tmp_path_factory.mktemp("moto")) as endpoint:
        yield endpoint


@pytest.fixture
def s3_media(settings, tmp_path, s3_endpoint):
    """The default storage is S3 (a bucket of this test's own) and MEDIA_ROOT a folder that must
    stay absent: a file read or written by path instead of through the storage fails the test."""
    from . import s3

    bucket = s3.bucket_create(s3_endpoint)
    settings.STORAGES = {**settings.STORAGES, "default": s3.storage_setting(s3_endpoint, bucket)}
    settings.MEDIA_ROOT = str(tmp_path / "no-media-on-disk")
    yield {"endpoint": s3_endpoint, "bucket": bucket}
    assert not (tmp_path / "no-media-on-disk").exists(), "a media file went to the disk"
    s3.bucket_drop(s3_endpoint, bucket)
