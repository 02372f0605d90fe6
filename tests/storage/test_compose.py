"""docker-compose.yml keeps the portal's files in MinIO (issue 24): read as compose reads it."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
PORTAL = ("web", "worker", "render", "beat")


def services() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]


def test_every_portal_container_keeps_its_files_in_the_minio_bucket_not_on_a_volume():
    found = services()
    bucket = found["web"]["environment"]["AWS_STORAGE_BUCKET_NAME"]
    assert f"portal/{bucket}" in found["minio-bucket"]["entrypoint"]
    for name in PORTAL:
        env = found[name]["environment"]
        assert env["AWS_STORAGE_BUCKET_NAME"] == bucket
        assert env["AWS_S3_ENDPOINT_URL"] == "http://minio:9000"
        assert "volumes" not in found[name]  # no disk of its own holds a file another needs
        assert found[name]["depends_on"]["minio-bucket"] == {
            "condition": "service_completed_successfully"
        }


def test_minio_is_health_checked_and_the_bucket_made_once_it_answers():
    found = services()
    assert found["minio"]["healthcheck"]["test"]
    assert found["minio-bucket"]["depends_on"] == {"minio": {"condition": "service_healthy"}}
    assert "ports" not in found["minio"]  # reached by the portal's containers only
