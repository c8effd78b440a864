"""Absolute links meant for other devices: a class's join link and QR code, a colleague's invitation.

PUBLIC_URL, when set (the address a school gives the server, e.g. https://quiz.school.example), is used as
is. Otherwise the address the request came in on, except that a teacher's own browser at 127.0.0.1 is
swapped for the machine's LAN address when the server listens on every interface (`make classroom`), so the
QR code on the projector reaches the phones in the room (quiz/network.py).
"""

from __future__ import annotations

from typing import Any

from flask import current_app, request, url_for

from .. import network


def public_base_url() -> str:
    configured = current_app.config.get("PUBLIC_URL")
    if configured:
        return str(configured).rstrip("/")
    # Read at request time: the server announces where it listens after the app may already be loaded.
    return network.reachable_base_url(request.host_url, network.listen_host(), network.lan_address)


def external_url(endpoint: str, **values: Any) -> str:
    """url_for(endpoint, _external=True), with the base that other devices can reach."""
    return public_base_url() + url_for(endpoint, **values)
