"""POST to an address a user gave us without letting it reach into our own network (SSRF).

The host is resolved once and every address it resolves to must be public: not loopback,
private, link-local, multicast, reserved or unspecified, in IPv4 or IPv6, nor an IPv4 address
carried inside an IPv6 one (::ffff:127.0.0.1, 6to4, NAT64). Numeric spellings of an address
(2130706433, 0x7f.1, 0177.0.0.1, 127.1) reach the same check, since the system's resolver turns
them into the address they name. The connection then goes to the address that was checked, not
to the name again (a second lookup may answer otherwise: DNS rebinding), while the request
carries the name in its Host header and TLS sends it (SNI) and checks the certificate against it.
Redirects are never followed. Failures are told in our own words, never the remote body nor the
system's error text, which would let a caller probe hosts it cannot see.

Standard library only: http.client with a connection that connects to the checked address.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import urllib.parse
from dataclasses import dataclass

NOT_PUBLIC = "The address resolves to a private network; only public addresses are posted to"
UNRESOLVED = "The receiver's host name could not be resolved"
NOT_A_URL = "The address is not an http(s) URL with a host"
_NAT64 = ipaddress.ip_network("64:ff9b::/96")  # RFC 6052: the last 32 bits are an IPv4 address


class Refused(Exception):
    """The destination may not be posted to; the message says why, in our words."""


@dataclass(frozen=True)
class Answer:
    status: int | None  # the receiver's HTTP status, None when it gave none
    problem: str  # "" when the receiver accepted (2xx)


def address_is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])  # an IPv6 zone ("fe80::1%eth0") aside
    if ip.version == 6:
        inner = ip.ipv4_mapped or ip.sixtofour or _nat64(ip) or (ip.teredo or (None, None))[1]
        if inner is not None and not address_is_public(str(inner)):
            return False
    return ip.is_global and not (ip.is_multicast or ip.is_reserved)


def _nat64(ip: ipaddress.IPv6Address):
    return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF) if ip in _NAT64 else None


@dataclass(frozen=True)
class Destination:
    scheme: str
    host: str  # the name (or address) as written: the Host header and TLS name
    port: int
    target: str  # path and query
    addresses: tuple[str, ...]  # what the host resolved to, each one checked


def destination(url: str, *, allow_private: bool, numeric_only=False) -> Destination:
    """The URL's destination, resolved once and checked, or Refused (NOT_PUBLIC, UNRESOLVED).
    `numeric_only`: an address written as numbers is read, a name is not looked up (UNRESOLVED)."""
    parts = urllib.parse.urlsplit(url)
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise Refused(NOT_A_URL) from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Refused(NOT_A_URL)
    try:
        host = parts.hostname.encode("idna").decode("ascii")  # the name as DNS and TLS know it
        flags = socket.AI_NUMERICHOST if numeric_only else 0
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=flags)
    except (OSError, UnicodeError):
        raise Refused(UNRESOLVED) from None
    addresses = tuple(dict.fromkeys(info[4][0] for info in infos))
    if not allow_private and not all(address_is_public(a) for a in addresses):
        raise Refused(NOT_PUBLIC)
    target = urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, ""))
    return Destination(parts.scheme, host, port, target, addresses)


class _PinnedConnection(http.client.HTTPConnection):
    """An HTTP(S) connection to `address` that speaks to the server as `host`."""

    def __init__(self, host, port, *, address, timeout, tls: ssl.SSLContext | None):
        super().__init__(host, port, timeout=timeout)
        self.address, self.tls = address, tls
        self.default_port = 443 if tls else 80  # Host: "name", not "name:443"

    def connect(self):
        sock = socket.create_connection((self.address, self.port), self.timeout)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock = self.tls.wrap_socket(sock, server_hostname=self.host) if self.tls else sock


def post(url: str, *, body: bytes, headers: dict, timeout: float, allow_private=False) -> Answer:
    """POST `body` once; the receiver's status and, unless it is 2xx, what went wrong."""
    try:
        where = destination(url, allow_private=allow_private)
    except Refused as exc:
        return Answer(None, str(exc))
    try:
        status = _post_to(where, body, headers, timeout)
    except Exception as exc:  # noqa: BLE001 - every failure becomes one of our sentences
        return Answer(None, _failure(exc, where, timeout))
    if 200 <= status < 300:
        return Answer(status, "")
    if 300 <= status < 400:
        return Answer(status, f"The receiver answered {status}; redirects are not followed")
    return Answer(status, f"The receiver answered {status}")


def _post_to(where: Destination, body: bytes, headers: dict, timeout: float) -> int:
    tls = ssl.create_default_context() if where.scheme == "https" else None
    last = None
    for address in where.addresses:  # as socket.create_connection: the first that answers
        connection = _PinnedConnection(
            where.host, where.port, address=address, timeout=timeout, tls=tls
        )
        try:
            connection.request("POST", where.target, body=body, headers=headers)
            return connection.getresponse().status  # the body is never read
        except (ConnectionRefusedError, TimeoutError) as exc:
            last = exc
        finally:
            connection.close()
    raise last or OSError("no address")


def _failure(exc: Exception, where: Destination, timeout: float) -> str:
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"The receiver's TLS certificate could not be verified for {where.host}"
    if isinstance(exc, ssl.SSLError):
        return "The TLS handshake with the receiver failed"
    if isinstance(exc, TimeoutError):
        return f"The receiver did not answer within {timeout:g} s"
    if isinstance(exc, ConnectionRefusedError):
        return "The receiver refused the connection"
    return "The connection to the receiver failed"
