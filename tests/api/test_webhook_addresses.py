"""Webhooks never reach into the portal's own network (SSRF, issue 19).

With WEBHOOKS_ALLOW_PRIVATE_HOSTS off, as in production: a URL whose host is or resolves to a
loopback, private, link-local, multicast or reserved address (in any spelling) is refused when
the webhook is made and at every send; the sender connects to the address it checked (a second
DNS answer is never asked for), follows no redirect and writes only its own words in the log.
The receivers here listen on 127.0.0.1: the tests that post to one turn the setting on.
"""

import socket

import pytest

from hague_portal.api.models import Webhook
from hague_portal.lib import outbound

from .v1_helpers import api_for, post_json
from .webhook_helpers import Resolver, certificate_authority, delivery, send

pytestmark = pytest.mark.django_db

PRIVATE_URLS = [
    "http://127.0.0.1/hook",
    "http://localhost:8000/hook",  # a name that resolves to loopback
    "http://[::1]/hook",
    "http://0.0.0.0/hook",
    "http://169.254.169.254/latest/meta-data/",  # the cloud's metadata service
    "http://2130706433/hook",  # 127.0.0.1 as one number
    "http://0x7f.1/hook",
    "http://0177.0.0.1/hook",  # octal
    "http://127.1/hook",
    "http://[::ffff:127.0.0.1]/hook",  # IPv4-mapped IPv6
    "http://[64:ff9b::7f00:1]/hook",  # NAT64 of 127.0.0.1
    "http://[2002:7f00:1::1]/hook",  # 6to4 of 127.0.0.1
    "http://10.1.2.3/hook",
    "http://172.16.0.1/hook",
    "https://192.168.1.1/hook",
    "http://100.64.0.1/hook",  # carrier-grade NAT
    "http://[fc00::1]/hook",
    "http://[fe80::1]/hook",
    "http://224.0.0.1/hook",
    "http://[ff02::1]/hook",
    "http://240.0.0.1/hook",
]
PUBLIC = "93.184.215.14"  # a public address; the tests never connect to it


def create(user, url):
    body = {"url": url, "events": ["notification.created"]}
    return post_json(api_for(user), "/api/v1/webhooks/", body)


@pytest.mark.parametrize("url", PRIVATE_URLS)
def test_a_webhook_to_a_private_address_is_refused_when_it_is_made(alice, url):
    response = create(alice, url)
    assert response.status_code == 400
    assert response.json()["errors"] == [{"path": "url", "message": outbound.NOT_PUBLIC}]
    assert not Webhook.objects.exists()


def test_a_name_resolving_to_a_public_and_a_private_address_is_refused(alice, monkeypatch):
    resolver = Resolver(socket.getaddrinfo, {"hooks.example.test": [[PUBLIC, "10.0.0.5"]]})
    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    assert create(alice, "https://hooks.example.test/hook").status_code == 400


def test_a_webhook_to_a_public_address_is_made(alice):
    assert create(alice, f"https://{PUBLIC}/hook").status_code == 201


def test_a_stored_webhook_to_a_private_address_is_not_posted(alice, receivers):
    internal = receivers()
    row = delivery(alice, internal.url)
    assert send(row) == "retry"
    assert (row.response_status, row.last_error) == (None, outbound.NOT_PUBLIC)
    assert not internal.received


def test_the_sender_connects_to_the_address_it_checked_not_to_a_second_answer(
    alice, receivers, monkeypatch
):
    """DNS rebinding: the name resolves to a public address when checked, then to 127.0.0.1."""
    internal = receivers()
    resolver = Resolver(
        socket.getaddrinfo,
        {"hooks.example.test": [[PUBLIC], ["127.0.0.1"]]},
        unreachable=[PUBLIC],
    )
    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    row = delivery(alice, f"http://hooks.example.test:{internal.port}/hook")
    assert send(row) == "retry"
    assert not internal.received
    assert resolver.asked.count("hooks.example.test") == 1
    assert row.last_error == "The connection to the receiver failed"


def test_a_redirect_is_not_followed_and_the_log_says_so(alice, receivers, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_HOSTS = True  # the receivers listen on 127.0.0.1
    internal = receivers()
    redirecting = receivers(302, location=internal.url)
    row = delivery(alice, redirecting.url)
    assert send(row) == "retry"
    assert len(redirecting.received) == 1 and not internal.received
    assert row.response_status == 302
    assert row.last_error == "The receiver answered 302; redirects are not followed"


def test_the_log_tells_a_refused_connection_in_our_words(alice, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_HOSTS = True
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    row = delivery(alice, f"http://127.0.0.1:{port}/hook")
    assert send(row) == "retry"
    assert row.last_error == "The receiver refused the connection"


def test_the_log_never_shows_what_the_receiver_answered(alice, receivers, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_HOSTS = True
    failing = receivers(500, body=b"Traceback ... password=hunter2")
    row = delivery(alice, failing.url)
    assert send(row) == "retry"
    assert (row.response_status, row.last_error) == (500, "The receiver answered 500")
    listed = api_for(alice).get(f"/api/v1/webhooks/{row.webhook_id}/").json()["deliveries"]
    assert "hunter2" not in str(listed)


@pytest.fixture
def tls_receiver(settings, tmp_path, monkeypatch, receivers):
    """An HTTPS receiver on 127.0.0.1 with a certificate for hooks.example.test from a CA this
    test trusts; hooks.example.test and other.example.test both resolve to it."""
    settings.WEBHOOKS_ALLOW_PRIVATE_HOSTS = True
    ca, context = certificate_authority(tmp_path, "hooks.example.test")
    monkeypatch.setenv("SSL_CERT_FILE", str(ca))
    names = {"hooks.example.test": [["127.0.0.1"]], "other.example.test": [["127.0.0.1"]]}
    monkeypatch.setattr(socket, "getaddrinfo", Resolver(socket.getaddrinfo, names))
    return receivers(tls=context)


def test_over_https_the_name_goes_in_the_host_header_and_the_tls_handshake(alice, tls_receiver):
    row = delivery(alice, f"https://hooks.example.test:{tls_receiver.port}/hook")
    assert send(row) == "sent"
    ((headers, _),) = tls_receiver.received
    assert headers["Host"] == f"hooks.example.test:{tls_receiver.port}"
    assert tls_receiver.server_names == ["hooks.example.test"]


def test_a_certificate_for_another_name_is_refused(alice, tls_receiver):
    row = delivery(alice, f"https://other.example.test:{tls_receiver.port}/hook")
    assert send(row) == "retry"
    assert not tls_receiver.received
    assert row.last_error == (
        "The receiver's TLS certificate could not be verified for other.example.test"
    )


def test_an_international_name_is_sent_as_dns_knows_it(alice, receivers, settings, monkeypatch):
    settings.WEBHOOKS_ALLOW_PRIVATE_HOSTS = True
    receiver = receivers()
    names = {"xn--bcher-kva.example.test": [["127.0.0.1"]]}
    monkeypatch.setattr(socket, "getaddrinfo", Resolver(socket.getaddrinfo, names))
    row = delivery(alice, f"http://bücher.example.test:{receiver.port}/hook")
    assert send(row) == "sent"
    assert receiver.received[0][0]["Host"] == f"xn--bcher-kva.example.test:{receiver.port}"
