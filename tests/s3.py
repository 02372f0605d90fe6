"""A real S3 HTTP endpoint for the storage tests: moto's server mode.

CI (.ci/run) starts `moto_server` and exports S3_TEST_ENDPOINT; without it, the session starts
its own moto_server on a free port (so the storage tests always run, never skip). Each test gets
a bucket of its own, and the portal's default storage is django-storages' S3Storage on it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path

import boto3

REGION = "us-east-1"
KEY_ID, SECRET = "testing", "testing"  # moto accepts any keys
READY_TIMEOUT = 30


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(endpoint: str) -> bool:
    try:
        with urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=2):
            return True
    except OSError:
        return False


@contextmanager
def moto_server(directory: Path):
    """moto_server on a free port of 127.0.0.1, stopped on exit; yields its URL."""
    port = free_port()
    endpoint = f"http://127.0.0.1:{port}"
    log = (directory / "moto.log").open("ab")
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    log.close()
    try:
        deadline = time.monotonic() + READY_TIMEOUT
        while not _answers(endpoint):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    f"moto_server did not start: {(directory / 'moto.log').read_text()}"
                )
            time.sleep(0.1)
        yield endpoint
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def client(endpoint: str):
    return boto3.client(
        "s3", endpoint_url=endpoint, region_name=REGION,
        aws_access_key_id=KEY_ID, aws_secret_access_key=SECRET,
    )  # fmt: skip


def bucket_create(endpoint: str) -> str:
    name = f"hague-test-{uuid.uuid4().hex[:16]}"
    client(endpoint).create_bucket(Bucket=name)
    return name


def bucket_drop(endpoint: str, bucket: str) -> None:
    s3 = client(endpoint)
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        keys = [{"Key": item["Key"]} for item in page.get("Contents", [])]
        if keys:
            s3.delete_objects(Bucket=bucket, Delete={"Objects": keys})
    s3.delete_bucket(Bucket=bucket)


def bucket_keys(endpoint: str, bucket: str) -> list[str]:
    pages = client(endpoint).get_paginator("list_objects_v2").paginate(Bucket=bucket)
    return sorted(item["Key"] for page in pages for item in page.get("Contents", []))


def bucket_read(endpoint: str, bucket: str, key: str) -> bytes:
    return client(endpoint).get_object(Bucket=bucket, Key=key)["Body"].read()


def storage_env(endpoint: str, bucket: str) -> dict[str, str]:
    """The environment of a process (web, worker, manage.py) whose files are in `bucket`, as
    docs/operations.md configures it."""
    return {
        "AWS_STORAGE_BUCKET_NAME": bucket,
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_S3_REGION_NAME": REGION,
        "AWS_ACCESS_KEY_ID": KEY_ID,
        "AWS_SECRET_ACCESS_KEY": SECRET,
    }


def storage_setting(endpoint: str, bucket: str) -> dict:
    """settings.STORAGES["default"] as hague_portal/settings.py builds it from storage_env."""
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint,
            "region_name": REGION,
            "access_key": KEY_ID,
            "secret_key": SECRET,
            "addressing_style": "path",
            "signature_version": "s3v4",
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": 60,
            "file_overwrite": False,
            "location": "",
            "max_memory_size": 4 * 1024 * 1024,
        },
    }


def endpoint_from_environment() -> str | None:
    return os.environ.get("S3_TEST_ENDPOINT") or None
