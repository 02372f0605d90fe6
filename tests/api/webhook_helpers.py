"""Real HTTP(S) endpoints on this machine for the webhook tests, and a resolver the tests control.

A receiver listens on 127.0.0.x, so the tests that post to one turn on
WEBHOOKS_ALLOW_PRIVATE_HOSTS (as a developer with a local receiver would); the tests of the
address checks leave it off, as in production.
"""

from __future__ import annotations

import datetime
import errno
import http.server
import ipaddress
import socket
import ssl
import threading
from pathlib import Path

import pytest
from django.utils import timezone

from hague_portal.api import webhooks
from hague_portal.api.models import Webhook, WebhookDelivery


class Receiver:
    """Answers every POST with `status` (and `location`, `body`) and keeps what it got; over
    TLS with `tls` (an ssl.SSLContext), noting the name the client asked for (SNI)."""

    def __init__(self, status=200, *, address="127.0.0.1", port=0, location="", body=b"", tls=None):
        self.received, self.status, self.location, self.body = [], status, location, body
        self.server_names = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.received.append((dict(self.headers), body))
                self.send_response(outer.status)
                if outer.location:
                    self.send_header("Location", outer.location)
                self.send_header("Content-Length", str(len(outer.body)))
                self.end_headers()
                self.wfile.write(outer.body)

            def do_GET(self):  # what a followed redirect would ask
                outer.received.append((dict(self.headers), b""))
                self.send_response(outer.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.HTTPServer((address, port), Handler)
        if tls is not None:
            tls.sni_callback = lambda sock, name, ctx: self.server_names.append(name)
            self.server.socket = tls.wrap_socket(self.server.socket, server_side=True)
        self.port = self.server.server_port
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        scheme = "https" if tls else "http"
        self.url = f"{scheme}://{address}:{self.port}/hook"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class Resolver:
    """socket.getaddrinfo as a DNS server the test controls would answer: `answers[name]` is a
    list of address lists, one per lookup, the last repeated (a rebinding server answers a
    public address first, then an internal one). A public address a test uses is listed in
    `unreachable`, so that nothing leaves the machine: connecting to it fails at once. Other
    names go to the real resolver; the names looked up are kept in `asked`."""

    def __init__(self, real, answers: dict[str, list[list[str]]], unreachable=()):
        self.real, self.answers, self.asked = real, answers, []
        self.unreachable = set(unreachable)

    def __call__(self, host, port, family=0, type=0, proto=0, flags=0):
        self.asked.append(host)
        if host in self.unreachable:
            raise OSError(errno.ENETUNREACH, "Network is unreachable")
        if host not in self.answers:
            return self.real(host, port, family, type, proto, flags)
        lookups = self.answers[host]
        addresses = lookups.pop(0) if len(lookups) > 1 else lookups[0]
        return [_info(address, port) for address in addresses]


def _info(address: str, port):
    if ipaddress.ip_address(address).version == 6:
        return (socket.AF_INET6, socket.SOCK_STREAM, 6, "", (address, int(port or 0), 0, 0))
    return (socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, int(port or 0)))


def certificate_authority(directory: Path, *names: str):
    """A CA (its PEM file, to be trusted through SSL_CERT_FILE) and a server context whose
    certificate it signed for `names`."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    def build(subject, issuer, key, signer, *, ca, sans=()):
        now = datetime.datetime.now(datetime.UTC)
        builder = (
            x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)]))
            .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, issuer)]))
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        )
        if sans:
            builder = builder.add_extension(
                x509.SubjectAlternativeName([x509.DNSName(n) for n in sans]), critical=False
            )
        return builder.sign(signer, hashes.SHA256())

    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca = build("Test CA", "Test CA", ca_key, ca_key, ca=True)
    cert = build(names[0], "Test CA", key, ca_key, ca=False, sans=names)
    pem = serialization.Encoding.PEM
    (directory / "ca.pem").write_bytes(ca.public_bytes(pem))
    (directory / "server.pem").write_bytes(
        cert.public_bytes(pem)
        + key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(directory / "server.pem")
    return directory / "ca.pem", context


def delivery(user, url) -> WebhookDelivery:
    """A stored webhook (made while private hosts were allowed, or before this check) with one
    delivery due."""
    hook = Webhook.objects.create(user=user, url=url, secret="s" * 64, events=["x"])
    return WebhookDelivery.objects.create(
        webhook=hook,
        event="notification.created",
        payload={"event": "notification.created"},
        next_attempt_at=timezone.now(),
    )


def send(row) -> str:
    outcome = webhooks.delivery_send(delivery_id=row.pk)
    row.refresh_from_db()
    return outcome


@pytest.fixture
def receivers():
    started = []

    def start(*args, **kwargs):
        started.append(Receiver(*args, **kwargs))
        return started[-1]

    yield start
    for receiver in started:
        receiver.close()
