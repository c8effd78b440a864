"""The Content-Security-Policy as Chromium enforces it (quiz/web/headers.py): the check every browser test runs
(tests/browser/conftest.py, no_policy_violations) sees a refused inline script and style, and no page, the
projector view included, can be shown inside a frame."""

from __future__ import annotations

import pytest

from quiz.extensions import db
from quiz.models import Classroom
from tests.browser.conftest import log_in
from tests.browser.support import DESKTOP, POLICY_VIOLATIONS

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_only(reason="the browser tests run once, on SQLite")]


def test_the_browser_refuses_injected_inline_script_and_style_and_the_check_sees_it(open_page, watch):
    page = open_page(DESKTOP)
    response = page.goto("/")
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    page.evaluate("""() => {
        const div = document.createElement("div");
        div.innerHTML = '<img src="/static/favicon.svg" onload="document.title = \\'hacked\\'">'
                      + '<p id="styled" style="color: rgb(255, 0, 0)">x</p>';
        document.body.append(div);
        const script = document.createElement("script");
        script.textContent = "document.title = 'hacked too'";
        document.body.append(script);
    }""")
    page.wait_for_timeout(300)
    assert "hacked" not in page.title()
    assert page.locator("#styled").evaluate("e => getComputedStyle(e).color") != "rgb(255, 0, 0)"
    # Setting element.style from a script file stays allowed (CSSOM), as timeline.js and live.js do.
    page.locator("#styled").evaluate("e => { e.style.color = 'rgb(0, 128, 0)'; }")
    assert page.locator("#styled").evaluate("e => getComputedStyle(e).color") == "rgb(0, 128, 0)"
    found = POLICY_VIOLATIONS.take()  # taken here, so this test's own violations do not fail it
    assert any("Content Security Policy" in p for p in watch.problems)  # each page's watcher sees them too
    watch.problems.clear()
    assert any("script-src" in v for v in found) and any("style-src" in v for v in found), found


def test_no_page_can_be_framed_not_even_the_projector_view(open_page, live_server, watch):
    """The projector view is opened directly on the projector's screen, never inside another page, so
    frame-ancestors is 'none' for it too: a page that frames a teacher's screen gets nothing, even on our own
    address."""
    page = open_page(DESKTOP)
    log_in(page, "teacher", "chronoquiz-teacher")
    with live_server.app.app_context():
        try:
            class_id = db.session.execute(db.select(Classroom.id).filter_by(name="الصف العاشر - أ")).scalar_one()
        finally:
            db.session.remove()
    projector = f"/teach/classes/{class_id}/projector"
    assert page.goto(projector).ok and page.locator(".join-code").count() == 1  # shown when opened directly
    framer = f"{live_server.url}/framer-for-the-test"
    page.route(framer, lambda route: route.fulfill(
        content_type="text/html", body=f'<iframe src="{projector}" width="800" height="600"></iframe>'))
    page.goto(framer)
    page.wait_for_timeout(500)
    frame = page.frames[1]
    assert frame.locator(".join-code").count() == 0
    found = POLICY_VIOLATIONS.take()
    assert any("frame-ancestors" in v for v in found), found
    watch.problems.clear()  # the refused frame, reported as the failed request and console error it is
