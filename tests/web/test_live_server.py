"""The live server itself: real gunicorn processes on the test's database, browsers with their own cookies
and CSRF tokens, requests released together, and nothing left running afterwards."""

from __future__ import annotations

import time

import pytest

from quiz.extensions import db
from quiz.services import accounts
from tests.live_server import LiveServer, _group_members, at_once, parse_forms


def test_serves_the_app_from_worker_processes_on_the_tests_database(app, live_server):
    assert live_server.startup_seconds < 10
    workers = live_server.worker_pids()
    assert len(workers) == 2 and live_server.pid not in workers
    with app.app_context():
        accounts.create_user("karim", "teach-history", "الأستاذ كريم", role="teacher")
        db.session.commit()
    browser = live_server.browser()
    form = browser.form("/login")
    assert form.action == "/login" and form.csrf_token
    response = browser.submit(form, username="karim", password="teach-history")
    assert response.status_code == 302
    assert "الأستاذ كريم" in browser.get("/").text  # a user the test made, seen by the server
    assert "الأستاذ كريم" not in live_server.browser().get("/").text  # another browser: no cookie
    live_server.assert_no_server_errors()


def test_csrf_is_on_as_in_production(live_server):
    browser = live_server.browser()
    form = browser.form("/join")
    assert browser.post("/join", data=form.data(csrf_token="", code="XXXXXX", display_name="x")).status_code == 400
    assert browser.submit(form, code="XXXXXX", display_name="x").status_code == 422  # the token passes


def test_a_fork_is_another_tab_with_the_same_cookies(app, live_server):
    with app.app_context():
        accounts.create_user("sara", "a long password", "سارة")
        db.session.commit()
    browser = live_server.browser()
    browser.submit(browser.form("/login"), username="sara", password="a long password")
    tab = browser.fork()
    assert "سارة" in tab.get("/").text


def test_at_once_releases_every_call_together_and_keeps_their_order(live_server):
    browsers = [live_server.browser() for _ in range(8)]
    started = []

    def call(i):
        def run():
            started.append(time.monotonic())
            return i, browsers[i].get("/static/favicon.svg").status_code
        return run

    results = at_once([call(i) for i in range(8)])
    assert results == [(i, 200) for i in range(8)]
    assert max(started) - min(started) < 0.5


def test_at_once_reports_every_failure():
    def boom():
        raise ValueError("boom")

    with pytest.raises(ExceptionGroup) as caught:
        at_once([boom, lambda: 1, boom])
    assert len(caught.value.exceptions) == 2


def test_stop_leaves_no_process_behind(app, live_server_config, tmp_path):
    server = LiveServer(live_server_config, tmp_path / "own.log", workers=3, threads=1)  # plain sync workers
    server.start()
    group = server.pid
    assert len(_group_members(group)) == 4  # the master and its three workers
    assert server.browser().get("/static/favicon.svg").status_code == 200
    server.stop()
    assert _group_members(group) == []
    server.stop()  # idempotent


def test_forms_are_read_as_a_browser_sends_them():
    html = """<form action="/outside"><input name="x" value="1"></form><main>
      <form method="post"><input type="hidden" name="csrf_token" value="t"><input name="a" value="1">
        <input type="checkbox" name="c" checked><input type="checkbox" name="d"><input type="radio" name="r"
        value="no"><input type="radio" name="r" value="yes" checked><textarea name="t">hello</textarea>
        <select name="s"><option value="1">one</option><option value="2" selected>two</option></select>
        <select name="f"><option value="first">first</option></select><button type="submit" name="go">Go</button>
      </form><form action="/other" method="post"></form></main>"""
    forms = parse_forms(html, "/page")
    assert [f.action for f in forms] == ["/page", "/other"]
    assert forms[0].fields == {"csrf_token": "t", "a": "1", "c": "on", "r": "yes", "t": "hello", "s": "2",
                               "f": "first"}
    assert forms[0].csrf_token == "t" and forms[0].data(a="2")["a"] == "2"
