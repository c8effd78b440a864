"""Which address other devices on the network can use to reach this server.

A teacher starts Chronoquiz on a laptop and opens the class page at http://127.0.0.1:5000; a join link built
from that request would point every phone at itself. When the server listens on all interfaces, the
machine's LAN address is what phones on the same Wi-Fi can reach. No Flask import here: the server
configuration (quiz/gunicorn_conf.py) uses it too, before any app exists.
"""

from __future__ import annotations

import ipaddress
import os
import socket

# Set by the server (quiz/gunicorn_conf.py) to the host it actually listens on, before any worker starts, so
# that the app can tell "only this machine" from "every interface" whichever way it was launched.
LISTEN_HOST_ENV = "CHRONOQUIZ_LISTEN_HOST"

# Any routable address works: connecting a UDP socket only asks the kernel which local address and interface
# it would route through; no packet is sent. 192.0.2.1 is TEST-NET-1 (RFC 5737), never a real host.
_PROBE = ("192.0.2.1", 9)


def lan_address() -> str | None:
    """The IPv4 address this machine uses towards the local network, or None (no network, or only loopback)."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(_PROBE)
            address = probe.getsockname()[0]
    except OSError:
        return None
    return None if is_loopback(address) or address == "0.0.0.0" else address


def host_of(netloc: str) -> str:
    """The host part of "host:port", "[::1]:5000" or "host"."""
    if netloc.startswith("["):
        return netloc[1:].split("]", 1)[0]
    return netloc.rsplit(":", 1)[0] if netloc.count(":") == 1 else netloc


def is_loopback(host: str) -> bool:
    """True for localhost and 127.0.0.0/8 or ::1: addresses that only ever reach this machine."""
    host = host.strip().lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def is_all_interfaces(host: str | None) -> bool:
    """True when a server bound to `host` accepts connections on every interface ("0.0.0.0", "::", "")."""
    return host is not None and host.strip("[]") in ("", "0.0.0.0", "::")


def listen_host() -> str | None:
    """The host the running server listens on, as it announced it; None when not started by our config."""
    return os.environ.get(LISTEN_HOST_ENV)
