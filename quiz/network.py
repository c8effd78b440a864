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
from collections.abc import Callable
from urllib.parse import urlsplit

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


def reachable_base_url(request_base_url: str, listening_on: str | None,
                       find_lan_address: Callable[[], str | None] = lan_address) -> str:
    """The scheme://host[:port] to put in links for other devices, given the base URL a request came in on.

    Unchanged, unless the request came to a loopback name (the teacher's own browser at 127.0.0.1 or
    localhost) while the server listens on every interface: then the machine's LAN address with the same
    port, which phones on the same network can reach. Without a LAN address the request's own is kept.
    """
    parts = urlsplit(request_base_url)
    base = f"{parts.scheme}://{parts.netloc}"
    if not parts.hostname or not is_loopback(parts.hostname) or not is_all_interfaces(listening_on):
        return base
    address = find_lan_address()
    if not address:
        return base
    return f"{parts.scheme}://{address}" + (f":{parts.port}" if parts.port else "")
