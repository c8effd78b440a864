"""Limits on guessing (log-in, class code, resume code, invitation, live-lesson code): counted per account,
device and network in the database, so a whole class behind one school address is never blocked while one
device or account guessing is; a limited request gets 429, Retry-After and a message in the reader's language,
before any costly work."""

from __future__ import annotations

import re

import pytest

from quiz.extensions import db
from quiz.models.rate_limit import RateLimitCount
from tests.web.helpers import login, page, signup
from tests.web.test_teach import new_client

SMALL = {"login": {"account": "3 per 15 minutes", "device": "5 per 15 minutes", "network": "8 per 15 minutes"},
         "join": {"device": "3 per 10 minutes", "network": "8 per 10 minutes"},
         "resume": {"device": "3 per 10 minutes", "network": "8 per 10 minutes"},
         "invitation": {"device": "3 per 10 minutes", "network": "8 per 10 minutes"},
         "live_code": {"device": "3 per 10 minutes", "network": "8 per 10 minutes"}}


@pytest.fixture
def limited(app):
    app.config["RATE_LIMITS"] = SMALL
    return app


def device(app):
    """A browser of its own (its own device cookie after its first try), on the school's one address."""
    return new_client(app)


def blocked(response) -> bool:
    if response.status_code != 429:
        return False
    assert int(response.headers["Retry-After"]) > 0
    assert "محاولات خاطئة كثيرة" in page(response)  # in the reader's language (Arabic by default)
    return True


def test_wrong_passwords_lock_the_account_for_a_while_but_not_its_owner_forever(limited):
    owner = new_client(limited)
    signup(owner)
    owner.post("/logout", data={})
    guesser = device(limited)
    for _ in range(3):
        assert login(guesser, password="wrong password").status_code == 422
    assert blocked(login(guesser, password="wrong password"))
    assert blocked(login(device(limited), password="a long password"))  # the account waits, from any device


def test_a_class_behind_one_address_is_never_blocked_by_one_guessing_device(limited):
    guesser = device(limited)
    for _ in range(3):
        assert guesser.post("/resume", data={"code": "WRONG-CODE1"}).status_code == 422
    assert blocked(guesser.post("/resume", data={"code": "WRONG-CODE1"}))
    for _ in range(4):  # other phones on the same network: each its own device
        assert device(limited).post("/resume", data={"code": "WRONG-CODE1"}).status_code == 422


def test_a_flood_from_one_network_without_cookies_is_stopped_by_the_networks_limit(limited):
    for _ in range(8):  # a script that drops its cookies: a new device each time
        assert new_client(limited).post("/join", data={"code": "ZZZZZZ", "display_name": "x"}).status_code == 422
    assert blocked(new_client(limited).post("/join", data={"code": "ZZZZZZ", "display_name": "x"}))


def test_counts_are_in_the_database_and_a_window_ends(limited):
    guesser = device(limited)
    for _ in range(3):
        guesser.post("/live", data={"code": "000000"})
    assert blocked(guesser.post("/live", data={"code": "000000"}))
    with limited.app_context():
        assert db.session.execute(db.select(RateLimitCount).where(RateLimitCount.key.like("%live_code:%"))).all()
        db.session.execute(db.update(RateLimitCount).values(expires_at=0))  # the window is over
        db.session.commit()
    assert guesser.post("/live", data={"code": "000000"}).status_code == 404  # told "no such game" again


def test_unknown_invitation_links_count_too(limited):
    guesser = device(limited)
    for n in range(3):
        assert guesser.get(f"/invitations/not-a-token-{n}").status_code == 404
    assert blocked(guesser.get("/invitations/not-a-token-9"))


def test_a_good_login_forgets_the_accounts_failures(limited):
    owner = new_client(limited)
    signup(owner)
    owner.post("/logout", data={})
    for _ in range(2):
        login(owner, password="wrong password")
    assert login(owner).status_code == 302
    owner.post("/logout", data={})
    for _ in range(2):
        assert login(new_client(limited), password="wrong password").status_code == 422  # counted from 0 again
    assert login(owner).status_code == 302


def test_the_message_is_english_for_an_english_reader_with_a_retry_after(limited):
    guesser = device(limited)
    guesser.post("/prefs/", data={"lang": "en", "month_style": "both", "digits": "western"})
    for _ in range(4):
        response = guesser.post("/resume", data={"code": "WRONG-CODE1"})
    assert response.status_code == 429 and "Too many wrong tries" in page(response)
    assert re.search(r"Try again in \d+ minutes?\.", page(response))
