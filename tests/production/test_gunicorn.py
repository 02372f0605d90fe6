"""The portal in production mode: collectstatic, then gunicorn with DEBUG off (issue 8).

With DEBUG off {% static %} needs the manifest written by collectstatic; without it every HTML
page was a 500 while /healthz said 200. These requests go through the real server, as a browser's.
"""

import re

import pytest
from django.db import connection

from hague_portal.core.services import heartbeat_record

from .server import Browser

pytestmark = [pytest.mark.postgres]

PAGES = {
    "/": "File international design applications under the Hague System",
    "/accounts/login/": 'name="password"',
    "/fees/": "Designation set A",
}


@pytest.mark.parametrize("path", PAGES)
def test_public_pages_render_through_gunicorn_with_debug_off(production_server, path):
    status, headers, page = Browser(production_server.url).get(path)
    assert status == 200, production_server.log()[-3000:]
    assert headers["Content-Type"].startswith("text/html")
    assert PAGES[path] in page
    # The manifest's hashed name: cacheable for ever, changed by every new Bootstrap.
    assert re.search(r'/static/vendor/bootstrap/bootstrap\.min\.[0-9a-f]{12}\.css"', page)


def test_static_css_is_served_by_whitenoise_under_its_hashed_name(production_server):
    browser = Browser(production_server.url)
    _, _, page = browser.get("/")
    css = re.search(r'href="(/static/vendor/bootstrap/bootstrap\.min\.[0-9a-f]{12}\.css)"', page)
    status, headers, body = browser.get(css.group(1))
    assert status == 200
    assert headers["Content-Type"].startswith("text/css")
    assert "max-age=315360000" in headers["Cache-Control"]
    assert body.startswith('@charset "UTF-8";') and "sourceMappingURL" not in body


@pytest.mark.django_db(transaction=True)
def test_healthz_is_200_with_every_part_ok(production_server):
    heartbeat_record(name="beat")  # as beat does each time it sends a periodic task
    status, _, body = Browser(production_server.url).get("/healthz")
    assert status == 200, body
    assert '"pages": "ok"' in body and '"database": "ok"' in body


def _sign_in(production_server, user, password) -> Browser:
    browser = Browser(production_server.url)
    status, headers, _ = browser.post_form(
        "/accounts/login/", {"login": user.email, "password": password}
    )
    assert status == 302, production_server.log()[-3000:]
    return browser


@pytest.mark.django_db(transaction=True)
def test_a_signed_in_applicant_sees_the_workbench(production_server, alice, password):
    browser = _sign_in(production_server, alice, password)
    status, _, page = browser.get("/")
    assert status == 200, production_server.log()[-3000:]
    assert alice.email in page


@pytest.mark.django_db(transaction=True)
def test_a_database_connection_dropped_between_two_requests_is_replaced(
    production_server, alice, password
):
    # gunicorn's one worker keeps its connection (CONN_MAX_AGE); the server drops it (a restart,
    # a failover, an idle timeout). CONN_HEALTH_CHECKS replaces it instead of answering 500.
    browser = _sign_in(production_server, alice, password)
    assert browser.get("/")[0] == 200
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        (terminated,) = cursor.fetchone()
    assert terminated >= 1  # the server's connection was there, and is gone
    status, _, page = browser.get("/")
    assert status == 200, production_server.log()[-3000:]
    assert alice.email in page
