import pytest
from django.urls import reverse

from hague_portal.celery import app as celery_app


@pytest.mark.django_db
def test_healthz_reports_database_and_broker_reachable(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok", "pages": "ok"}


@pytest.mark.django_db
def test_healthz_answers_503_when_the_broker_is_unreachable(client, monkeypatch):
    # A real broker address where nothing listens.
    monkeypatch.setattr(celery_app.conf, "broker_url", "redis://127.0.0.1:9/0")
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["broker"] == "unreachable"
    assert response.json()["database"] == "ok"


@pytest.mark.django_db
def test_healthz_answers_503_naming_pages_when_the_static_manifest_is_missing(
    client, settings, tmp_path
):
    # DEBUG off serves static files through the manifest written by collectstatic; without it
    # every HTML page is a 500, so the health check must not say 200 (issue 8).
    settings.STATIC_ROOT = str(tmp_path / "static-never-collected")
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["pages"] == "cannot render"
    assert response.json()["database"] == "ok"
