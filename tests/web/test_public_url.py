"""The class's join link and QR code, and a colleague's invitation, use an address other devices can reach."""

from __future__ import annotations

import re

import pytest

from quiz import network
from tests.web.helpers import page


def open_class(client) -> tuple[int, str]:
    class_id = int(client.post("/teach/classes", data={"name": "الصف العاشر"}).headers["Location"].rsplit("/", 1)[1])
    html = page(client.get(f"/teach/classes/{class_id}"))
    return class_id, re.search(r'<p class="join-code" dir="ltr">(\w+)</p>', html).group(1)


def join_link(html: str) -> str:
    return re.search(r'<a href="([^"]+/join/\w+)" dir="ltr">', html).group(1)


def test_the_join_link_and_projector_use_public_url_when_it_is_set(app, teacher):
    app.config["PUBLIC_URL"] = "https://quiz.school.example/"
    class_id, code = open_class(teacher)
    assert join_link(page(teacher.get(f"/teach/classes/{class_id}"))) == f"https://quiz.school.example/join/{code}"
    assert "https://quiz.school.example/join</p>" in page(teacher.get(f"/teach/classes/{class_id}/projector"))


def test_a_teacher_on_this_machine_gets_the_lan_address_when_the_server_listens_everywhere(app, teacher,
                                                                                            monkeypatch):
    monkeypatch.setenv(network.LISTEN_HOST_ENV, "0.0.0.0")
    monkeypatch.setattr(network, "lan_address", lambda: "192.168.1.23")
    local = "http://127.0.0.1:5000"  # the teacher's browser on the server's own machine, from logging in on
    browser = app.test_client()
    browser.post("/login", data={"username": "karim", "password": "teach-history"}, base_url=local)
    created = browser.post("/teach/classes", data={"name": "الصف العاشر"}, base_url=local)
    html = page(browser.get(created.headers["Location"], base_url=local))
    code = re.search(r'<p class="join-code" dir="ltr">(\w+)</p>', html).group(1)
    assert join_link(html) == f"http://192.168.1.23:5000/join/{code}"


@pytest.mark.parametrize("listening", [None, "127.0.0.1"])
def test_a_server_only_this_machine_reaches_keeps_the_request_address(app, teacher, monkeypatch, listening):
    if listening is None:
        monkeypatch.delenv(network.LISTEN_HOST_ENV, raising=False)
    else:
        monkeypatch.setenv(network.LISTEN_HOST_ENV, listening)
    monkeypatch.setattr(network, "lan_address", lambda: "192.168.1.23")
    class_id, code = open_class(teacher)
    assert join_link(page(teacher.get(f"/teach/classes/{class_id}"))) == f"http://localhost/join/{code}"


def test_an_invitation_link_uses_public_url(app, teacher):
    app.config["PUBLIC_URL"] = "https://quiz.school.example"
    html = page(teacher.post("/account/invitations"))
    assert re.search(r"https://quiz\.school\.example/invitations/[\w-]+", html)
