"""Security headers on every page, for every role (issue 16, item 7; quiz/web/headers.py).

Every GET route of the app is walked as a visitor, a learner, a student and a teacher, with the ids of a real
class, set, assignment, attempt, live game and article draft, so the pages answered include 200s, redirects,
403s and 404s: each carries the Content-Security-Policy (no 'unsafe-inline', framing refused), nosniff and a
Referrer-Policy. Over HTTPS (directly, or through a proxy the app is told to trust) every response has HSTS and
every cookie is Secure; over plain HTTP there is no HSTS, and an untrusted X-Forwarded-Proto changes nothing.
"""

from __future__ import annotations

import re

import pytest

from quiz import create_app
from quiz.extensions import db
from quiz.models.live import LiveGame
from quiz.web.headers import secure_cookie
from tests.web.helpers import login, page, signup
from tests.web.test_articles import ARTICLE, review_url
from tests.web.test_live import player, start_game
from tests.web.test_teach import assign, create_class, create_set, join, new_client, take


@pytest.fixture
def world(app, teacher, clock):
    """A teacher's class, set and assignment, a student who took it, a learner, a live game and an article."""
    class_id, class_code = create_class(teacher)
    set_id = create_set(teacher)
    assignment_id = assign(teacher, class_id, set_id, clock)
    student, _ = join(app, class_code, "ليلى")
    attempt_id = take(student, assignment_id)
    game_id, live_code = start_game(teacher, set_id)
    phone = player(app, live_code, "نجمة")
    draft_id = int(review_url(teacher, text=ARTICLE).rstrip("/").split("/")[-2])
    learner = new_client(app)
    signup(learner)
    event_id = re.search(r'href="/timeline/([^"#?]+)"', page(learner.get("/timeline"))).group(1)
    values = {"class_id": class_id, "set_id": set_id, "assignment_id": assignment_id, "attempt_id": attempt_id,
              "game_id": game_id, "draft_id": draft_id, "membership_id": 1, "number": 1, "event_id": event_id,
              "slug": "us-iraq", "fmt": "csv", "key": "native-yaml", "token": "no-such-invitation",
              "filename": "css/app.css"}
    clients = {"visitor": new_client(app), "learner": learner, "student": student, "player": phone,
               "teacher": teacher}
    return {"values": values, "codes": {"/join": class_code, "/live": live_code}, "clients": clients}


def get_urls(app, world) -> list[str]:
    """Every GET route, its arguments filled with the world's ids (a code by the route it belongs to); a route
    added later with an argument the world does not know is still walked (its 404 must carry the headers too)."""
    urls = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if "GET" not in rule.methods:
            continue
        url = rule.rule
        for argument in rule.arguments:
            value = world["values"].get(argument)
            if argument == "code":
                value = next((code for prefix, code in world["codes"].items() if url.startswith(prefix)), "NOCODE")
            url = re.sub(rf"<(?:[\w]+:)?{argument}>", str(value), url)
        urls.append(url)
    return urls


def fetch(client, url: str, **kwargs):
    """GET url, its body read and the response closed (a static file's stays open otherwise)."""
    response = client.get(url, **kwargs)
    response.get_data()
    response.close()
    return response


def assert_safe_headers(response, where: str) -> None:
    csp = response.headers.get("Content-Security-Policy", "")
    assert csp, where
    directives = dict((d.strip().split(" ", 1) + [""])[:2] for d in csp.split(";"))
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, where
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'", where
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'", where
    assert response.headers.get("X-Content-Type-Options") == "nosniff", where
    assert response.headers.get("X-Frame-Options") == "DENY", where
    assert response.headers.get("Referrer-Policy") == "same-origin", where


def test_every_page_for_every_role_has_the_security_headers(app, world):
    urls = get_urls(app, world)
    assert len(urls) > 50 and "/teach/classes/{}/projector".format(world["values"]["class_id"]) in urls
    seen = set()
    for role, client in world["clients"].items():
        for url in urls:
            response = fetch(client, url)
            seen.add(response.status_code)
            assert_safe_headers(response, f"{role} GET {url} ({response.status_code})")
            assert "Strict-Transport-Security" not in response.headers, f"{role} {url}: HSTS over plain HTTP"
    assert {200, 302, 403, 404} <= seen  # real pages, redirects and refusals alike


def test_error_pages_have_the_headers_too(client):
    assert_safe_headers(client.get("/no-such-page"), "404")
    assert_safe_headers(client.post("/login", data={}), "a form without its CSRF token or fields")


def test_no_page_carries_an_inline_script_handler_or_style_attribute(app, world):
    """What the policy would block in a browser is not in the markup to begin with (tests/browser also fails on
    any policy violation a real browser reports)."""
    for role, client in world["clients"].items():
        for url in get_urls(app, world):
            response = fetch(client, url)
            if not response.mimetype == "text/html":
                continue
            html = page(response)
            where = f"{role} GET {url}"
            assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), where
            assert not re.search(r"<[^>]+\son[a-z]+=", html), where
            assert not re.search(r"<[^>]+\sstyle=", html), where
            assert "<style" not in html, where


def test_over_https_every_response_has_hsts_and_every_cookie_is_secure(app, world):
    """Each role, every page, over HTTPS: logging in sets the session, remember, device and live player cookies,
    and the walk sets more; none of them may travel over plain HTTP."""
    https = {role: app.test_client() for role in ("visitor", "teacher", "student", "learner")}
    cookies: list[str] = []

    def record(response):
        cookies.extend(response.headers.getlist("Set-Cookie"))
        return response

    base = "https://quiz.school.example"
    record(https["teacher"].post("/login", base_url=base, data={"username": "karim", "password": "teach-history",
                                                                "remember": "y"}))
    record(https["learner"].post("/login", base_url=base, data={"username": "sara", "password": "a long password"}))
    record(https["student"].post("/join", base_url=base, data={"code": world["codes"]["/join"],
                                                               "display_name": "سلمى"}))
    phone = https["visitor"]
    token = re.search(r'name="token" value="([^"]+)"', page(phone.get(f"/live/{world['codes']['/live']}",
                                                                      base_url=base))).group(1)
    record(phone.post(f"/live/{world['codes']['/live']}/join", base_url=base,
                      data={"nickname": "قمر", "token": token}))
    for role, client in https.items():
        for url in get_urls(app, world):
            response = record(fetch(client, url, base_url=base))
            assert_safe_headers(response, f"{role} {url}")
            assert response.headers.get("Strict-Transport-Security", "").startswith("max-age="), f"{role} {url}"
    names = {cookie.split("=", 1)[0] for cookie in cookies}
    assert {"session", "remember_token", "cq_device"} <= names and any(n.startswith("cq_live") for n in names), names
    insecure = [cookie for cookie in cookies if "secure" not in [a.strip().lower() for a in cookie.split(";")]]
    assert not insecure


def same_database(app, **settings):
    """Another app on the test's database, with other settings (read when the app is made)."""
    return create_app({**{k: app.config[k] for k in ("SQLALCHEMY_DATABASE_URI", "SECRET_KEY", "WTF_CSRF_ENABLED")},
                       "TESTING": True, **settings})


def test_x_forwarded_proto_counts_only_from_a_trusted_proxy(app):
    """Anyone can send X-Forwarded-Proto: without TRUSTED_PROXIES it changes nothing; with it, the app believes
    the proxy that terminated TLS, and its cookies and HSTS follow."""
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "10.1.2.3"}
    for trusted in (0, 1):
        proxied = same_database(app, TRUSTED_PROXIES=trusted)
        response = proxied.test_client().post("/login", headers=forwarded,
                                              data={"username": "nobody", "password": "wrong password"})
        cookies = response.headers.getlist("Set-Cookie")
        assert ("Strict-Transport-Security" in response.headers) is bool(trusted), trusted
        assert cookies and all(("; Secure" in c) is bool(trusted) for c in cookies), (trusted, cookies)
        with proxied.app_context():
            db.engine.dispose()


def test_the_https_setting_marks_every_cookie_secure_behind_a_proxy_it_does_not_trust(app, client):
    """CHRONOQUIZ_HTTPS=1: the install is reached over HTTPS only, even when TLS ends at a proxy the app is not
    told about, so cookies are Secure and HSTS is sent on every response, and links made outside a request use
    https."""
    app.config["HTTPS"] = True
    signup(client, username="nour")
    login(client, "nour")
    response = client.get("/login")
    assert response.headers["Strict-Transport-Security"] == f"max-age={365 * 24 * 3600}"
    response = client.post("/login", data={"username": "nour", "password": "a long password", "remember": "y"})
    assert all("; Secure" in c for c in response.headers.getlist("Set-Cookie"))
    https_app = same_database(app, HTTPS=True)
    assert https_app.config["PREFERRED_URL_SCHEME"] == "https"
    with https_app.app_context():
        db.engine.dispose()


def test_secure_is_added_once():
    assert secure_cookie("a=1; Path=/") == "a=1; Path=/; Secure"
    assert secure_cookie("a=1; Secure; HttpOnly") == "a=1; Secure; HttpOnly"
    assert secure_cookie("secure=1; Path=/") == "secure=1; Path=/; Secure"  # the cookie's name is not the flag


def test_the_live_game_is_not_assumed_by_the_walk(app, world):
    """The walk reached the live pages with a real game (a 404 on every live URL would prove little)."""
    with app.app_context():
        assert db.session.get(LiveGame, world["values"]["game_id"]).code == world["codes"]["/live"]
    teacher = world["clients"]["teacher"]
    assert teacher.get(f"/teach/live/{world['values']['game_id']}").status_code == 200
    assert world["clients"]["player"].get(f"/live/{world['codes']['/live']}").status_code == 200
