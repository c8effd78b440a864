"""Helpers for the browser tests: a watcher that fails on console errors and failed requests, reading an
attempt's questions from the database, answering questions, and checks shared by several tests."""

from __future__ import annotations

import os
import re
import shutil
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from quiz.extensions import db
from quiz.models import Attempt

REPO = Path(__file__).resolve().parents[2]
# Every run takes the screenshots (a broken screen fails the test that takes it), into build/screenshots,
# which git ignores. `make screenshots` sets CHRONOQUIZ_UPDATE_SCREENSHOTS=1 to copy the ones the README shows
# into docs/screenshots as well, so a plain test run never changes tracked files.
SCREENSHOTS = REPO / "build" / "screenshots"
README_SCREENSHOTS = REPO / "docs" / "screenshots"
UPDATE_README = os.environ.get("CHRONOQUIZ_UPDATE_SCREENSHOTS") == "1"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


# App bugs reported to the lead, tolerated by every watcher until fixed; each has its own strict xfail test
# (test_browser_pages.py) that starts passing, and so fails, once the fix lands: then empty this set.
KNOWN_BUGS: set[str] = set()


class Watch:
    """Collects what would be a bug in a real browser: console errors, uncaught exceptions, failed requests
    and responses with status >= 400. A test that causes an error on purpose says so with `allow(...)`."""

    def __init__(self, *, strict: bool = False) -> None:
        self.strict = strict  # True: not even the known bugs are tolerated
        self.problems: list[str] = []
        self._allowed: list[tuple[int, str]] = []

    def attach(self, page) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"uncaught JavaScript error: {error}"))
        page.on("requestfailed", self._request_failed)
        page.on("response", self._response)

    def _request_failed(self, request) -> None:
        # net::ERR_ABORTED is the browser cancelling a request itself because the page navigated away (an
        # icon or a font still loading when a form is submitted): not a failure of the app.
        if "ERR_ABORTED" in (request.failure or ""):
            return
        self.problems.append(f"request failed: {request.method} {request.url}: {request.failure}")

    def _is_allowed(self, status: int, url: str) -> bool:
        path = urlsplit(url).path
        if path in KNOWN_BUGS and not self.strict:
            return True
        return any(status == s and path.startswith(prefix) for s, prefix in self._allowed)

    def _console(self, message) -> None:
        if message.type != "error":
            return
        found = re.search(r"status of (\d{3})", message.text)
        if found and self._is_allowed(int(found.group(1)), message.location.get("url", "")):
            return
        self.problems.append(f"console error: {message.text} ({message.location.get('url', '')})")

    def _response(self, response) -> None:
        if response.status >= 400 and not self._is_allowed(response.status, response.url):
            self.problems.append(f"HTTP {response.status}: {response.request.method} {response.url}")

    @contextmanager
    def allow(self, status: int, path_prefix: str):
        """Within the block, a response `status` for a path starting with `path_prefix` is expected."""
        entry = (status, path_prefix)
        self._allowed.append(entry)
        try:
            yield
        finally:
            self._allowed.remove(entry)

    def check(self) -> None:
        problems, self.problems = self.problems, []
        assert not problems, "the browser reported problems:\n" + "\n".join(problems)


# Chromium logs a blocked script or style as a console error; the page's securitypolicyviolation event says it
# once more in a line of our own, with the directive, so no violation passes unseen whatever the wording.
CSP_VIOLATION_SCRIPT = """document.addEventListener("securitypolicyviolation", (e) => console.error(
    `CSP violation: ${e.effectiveDirective} refused ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`));"""


class PolicyViolations:
    """Content-Security-Policy violations in every page of every browser context the tests open (the conftest
    hands each new context to `watch_context`); tests/browser/conftest.py fails the test in which one happened."""

    def __init__(self) -> None:
        self.found: list[str] = []

    def watch_context(self, context) -> None:
        context.add_init_script(CSP_VIOLATION_SCRIPT)
        context.on("console", self._console)

    def _console(self, message) -> None:
        text = message.text
        if message.type == "error" and ("Content Security Policy" in text or text.startswith("CSP violation")):
            self.found.append(f"{text} ({message.location.get('url', '')})")

    def take(self) -> list[str]:
        found, self.found = self.found, []
        return found


POLICY_VIOLATIONS = PolicyViolations()


def in_readme() -> set[str]:
    """The screenshots README.md shows, by file name (docs/screenshots/<name>.png)."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    return set(re.findall(r"docs/screenshots/([\w.-]+)\.png", readme))


def screenshot(page, name: str, *, full_page: bool = False, max_height: int = 1800) -> Path:
    """build/screenshots/<name>.png: the viewport, or the page from the top down to `max_height` px; with
    `make screenshots`, copied to docs/screenshots/<file name>.png when the README shows it."""
    path = SCREENSHOTS / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    clip = None
    if full_page:
        width, height = page.evaluate("[document.documentElement.clientWidth, document.documentElement.scrollHeight]")
        clip = {"x": 0, "y": 0, "width": width, "height": min(height, max_height)}
    page.screenshot(path=str(path), full_page=full_page, clip=clip, animations="disabled", caret="hide")
    if UPDATE_README and path.stem in in_readme():
        README_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, README_SCREENSHOTS / path.name)
    return path


def choose_prefs(page, *, lang: str, digits: str = "western", month_style: str = "both") -> None:
    """The reader's language, digits and month names, posted as the header's Display menu does (from the home
    page, for its form's CSRF token)."""
    page.goto("/")
    token = page.locator('input[name="csrf_token"]').first.get_attribute("value")
    response = page.request.post("/prefs/", form={"csrf_token": token, "lang": lang, "digits": digits,
                                                  "month_style": month_style, "next": "/"})
    assert response.ok, response.status


def attempt_id_of(page) -> int:
    found = re.search(r"/attempts/(\d+)", page.url)
    assert found, f"not on an attempt page: {page.url}"
    return int(found.group(1))


def question_key(app, attempt_id: int, question_id: str) -> dict:
    """The stored question (with its answer) that the page shows."""
    with app.app_context():
        try:
            attempt = db.session.get(Attempt, attempt_id)
            return dict(next(q for q in attempt.questions if q["id"] == question_id))
        finally:
            db.session.remove()


def attempt_score(app, attempt_id: int) -> float | None:
    with app.app_context():
        try:
            return db.session.get(Attempt, attempt_id).score
        finally:
            db.session.remove()


def current_question(app, page) -> dict:
    question_id = page.locator('input[name="question_id"]').get_attribute("value")
    return question_key(app, attempt_id_of(page), question_id)


def shown_order(page) -> list[str]:
    return page.locator(".ordering-item").evaluate_all("items => items.map(li => li.dataset.item)")


def selected_positions(page) -> dict[str, str]:
    return page.locator(".ordering-item").evaluate_all(
        "items => Object.fromEntries(items.map(li => [li.dataset.item, li.querySelector('select').value]))")


def has_visible_focus(page) -> tuple[bool, str]:
    """Whether the focused element draws a focus indicator (outline or box-shadow), and what it is."""
    return tuple(page.evaluate("""() => {
        const e = document.activeElement;
        if (!e || e === document.body) return [false, 'nothing focused'];
        const s = getComputedStyle(e);
        const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
        const shadow = s.boxShadow && s.boxShadow !== 'none';
        const name = e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ').join('.') : '')
            + (e.getAttribute('aria-label') ? '[' + e.getAttribute('aria-label') + ']' : '');
        return [outline || shadow, name];
    }"""))


def tab_to(page, locator, *, limit: int = 60) -> list[str]:
    """Press Tab (then Shift+Tab) until `locator` has focus; checks that every element reached shows focus.
    Returns the elements that had no visible focus indicator."""
    invisible: list[str] = []
    handle = locator.element_handle()
    for key in ("Tab", "Shift+Tab"):
        for _ in range(limit):
            if page.evaluate("e => e === document.activeElement", handle):
                return invisible
            page.keyboard.press(key)
            visible, name = has_visible_focus(page)
            if not visible:
                invisible.append(name)
    raise AssertionError(f"could not reach {locator} with the keyboard")


def no_horizontal_scroll(page) -> tuple[int, int]:
    return tuple(page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]"))
