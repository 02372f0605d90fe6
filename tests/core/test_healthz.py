import pytest
from django.urls import reverse

from hague_portal.celery import app as celery_app


@pytest.mark.django_db
def test_healthz_reports_database_and_broker_reachable(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}


@pytest.mark.django_db
def test_healthz_answers_503_when_the_broker_is_unreachable(client, monkeypatch):
    # A real broker address where nothing listens.
    monkeypatch.setattr(celery_app.conf, "broker_url", "redis://127.0.0.1:9/0")
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["broker"] == "unreachable"
    assert response.json()["database"] == "ok"
