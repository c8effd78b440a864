"""Which address other devices can reach (quiz/network.py) and how many workers serve (quiz/gunicorn_conf.py)."""

from __future__ import annotations

import ipaddress

import pytest

from quiz import network
from quiz.gunicorn_conf import MAX_DEFAULT_WORKERS, bind_address, default_workers


def lan(address: str | None = "192.168.1.23"):
    return lambda: address


@pytest.mark.parametrize("request_base, listening, expected", [
    # The teacher's own browser on this machine, the server open to the network: the LAN address, same port.
    ("http://127.0.0.1:5000/", "0.0.0.0", "http://192.168.1.23:5000"),
    ("http://localhost:5000/", "0.0.0.0", "http://192.168.1.23:5000"),
    ("http://[::1]:5000/", "::", "http://192.168.1.23:5000"),
    ("http://localhost/", "0.0.0.0", "http://192.168.1.23"),
    # Only this machine can connect anyway: a LAN address would be a link that does not work either.
    ("http://127.0.0.1:5000/", "127.0.0.1", "http://127.0.0.1:5000"),
    ("http://127.0.0.1:5000/", None, "http://127.0.0.1:5000"),
    # Already an address others use (the LAN address, a name, a proxy): kept as it came.
    ("http://192.168.1.23:5000/", "0.0.0.0", "http://192.168.1.23:5000"),
    ("https://quiz.school.example/", "0.0.0.0", "https://quiz.school.example"),
])
def test_links_for_phones_use_an_address_they_can_reach(request_base, listening, expected):
    assert network.reachable_base_url(request_base, listening, lan()) == expected


def test_without_a_network_the_request_address_is_kept():
    assert network.reachable_base_url("http://127.0.0.1:5000/", "0.0.0.0", lan(None)) == "http://127.0.0.1:5000"


def test_loopback_and_every_interface_are_told_apart():
    assert all(network.is_loopback(h) for h in ("localhost", "LOCALHOST.", "127.0.0.1", "127.8.9.1", "::1",
                                                "app.localhost"))
    assert not any(network.is_loopback(h) for h in ("192.168.1.23", "10.0.0.2", "quiz.example", "0.0.0.0"))
    assert all(network.is_all_interfaces(h) for h in ("0.0.0.0", "::", "[::]", ""))
    assert not any(network.is_all_interfaces(h) for h in (None, "127.0.0.1", "192.168.1.23", "localhost"))


def test_the_lan_address_is_a_real_ipv4_address_or_none():
    found = network.lan_address()  # a UDP "connect" only picks a route: nothing is sent
    assert found is None or (ipaddress.ip_address(found).version == 4 and not network.is_loopback(found))


@pytest.mark.parametrize("cores, workers", [(None, 2), (1, 2), (2, 3), (4, 5), (7, 8), (64, MAX_DEFAULT_WORKERS)])
def test_workers_follow_the_cores_within_bounds(cores, workers):
    assert default_workers(cores) == workers


def test_ipv6_hosts_are_bracketed_in_the_bind_address():
    assert bind_address("::", "5000") == "[::]:5000"
    assert bind_address("0.0.0.0", "5000") == "0.0.0.0:5000"
