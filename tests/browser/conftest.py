"""Browser tests: headless Chromium (Debian's, through Playwright) against the app served by the tests.

One app server for the whole session (a temporary SQLite file, the shipped chronology and the demo data),
one browser; every test opens its own contexts (cookies apart), watched for console errors and failed
requests. When Chromium, the fonts or the Python packages are missing (or Chromium does not start), the
browser tests are left out with one line saying why; CHRONOQUIZ_REQUIRE_BROWSER=1 (set by .ci/run) turns
that into a failure of each of them.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import WSGIRequestHandler, make_server

from quiz import create_app
from quiz.extensions import db
from quiz.services import chronologies
from quiz.services.demo import load_demo
from tests.browser.support import DESKTOP, PHONE, POLICY_VIOLATIONS, Watch

CHROMIUM = os.environ.get("CHRONOQUIZ_CHROMIUM", "/usr/bin/chromium")
FONTS = Path("/usr/share/fonts/truetype/noto")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
HOW_TO = "run `make browser-deps` as root, or `apt-get install chromium fonts-noto-core`"


def _unavailable_reason() -> str | None:
    try:
        import axe_playwright_python  # noqa: F401
        import playwright.sync_api  # noqa: F401
    except ImportError as error:
        return f"Python package missing ({error.name}); install the test extra: pip install -e '.[test]'"
    if not (shutil.which(CHROMIUM) or os.access(CHROMIUM, os.X_OK)):
        return f"no Chromium at {CHROMIUM}; {HOW_TO}"
    if not FONTS.is_dir():
        return f"the Noto fonts are missing ({FONTS}); {HOW_TO}"
    return None


def _launch_problem() -> str | None:
    from playwright.sync_api import Error, sync_playwright

    with sync_playwright() as playwright:
        try:
            playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS).close()
        except Error as error:
            return f"Chromium at {CHROMIUM} does not start: {str(error).strip().splitlines()[0]}"
    return None


def _required() -> bool:
    return os.environ.get("CHRONOQUIZ_REQUIRE_BROWSER") == "1"


def pytest_collection_modifyitems(config, items):
    """Without a usable browser, leave the browser tests out and say why once (unless they are required:
    then the `browser` fixture fails each of them)."""
    chosen = [item for item in items if item.get_closest_marker("browser")]
    if not chosen or _required() or config.getoption("--db") != "sqlite":
        return
    reason = _unavailable_reason() or _launch_problem()
    if reason:
        left_out = set(map(id, chosen))
        items[:] = [item for item in items if id(item) not in left_out]
        config.hook.pytest_deselected(items=chosen)
        config.stash[_SKIPPED] = f"SKIPPED {len(chosen)} browser tests: {reason} (CI runs them)"


def pytest_terminal_summary(terminalreporter, config):
    if _SKIPPED in config.stash:
        terminalreporter.write_line(config.stash[_SKIPPED], yellow=True, bold=True)


_SKIPPED = pytest.StashKey[str]()


def _not_run(reason: str):
    message = f"browser tests not run: {reason}"
    if os.environ.get("CHRONOQUIZ_REQUIRE_BROWSER") == "1":
        pytest.fail(message + " (CHRONOQUIZ_REQUIRE_BROWSER=1)", pytrace=False)
    pytest.skip(message + " (CI runs them)")


@pytest.fixture(scope="session")
def browser():
    reason = _unavailable_reason()
    if reason:
        _not_run(reason)
    from playwright.sync_api import Error, sync_playwright

    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        except Error as error:
            _not_run(f"Chromium at {CHROMIUM} does not start: {str(error).strip().splitlines()[0]}")
        new_context = chromium.new_context

        def watched_context(*args, **kwargs):
            context = new_context(*args, **kwargs)
            POLICY_VIOLATIONS.watch_context(context)
            return context

        chromium.new_context = watched_context  # every test's contexts, however opened
        yield chromium
        chromium.close()


@pytest.fixture(autouse=True)
def no_policy_violations():
    """Fails any browser test during which a page broke the Content-Security-Policy (quiz/web/headers.py): an
    inline script, handler or style attribute that the policy refused would be a feature silently lost."""
    yield  # what a session-wide fixture's pages did fails the first test that used it
    found = POLICY_VIOLATIONS.take()
    assert not found, "Content-Security-Policy violations:\n" + "\n".join(found)


class QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs) -> None:  # the test output is not the place for an access log
        pass


class LiveServer:
    def __init__(self, app, url: str):
        self.app = app
        self.url = url


@pytest.fixture(scope="session")
def live_server(browser, tmp_path_factory):
    """The app on 127.0.0.1 (a free port), with the chronology and the demo accounts and class."""
    database = tmp_path_factory.mktemp("browser") / "chronoquiz.sqlite3"
    app = create_app({"TESTING": True, "SECRET_KEY": "browser-tests", "TIMEZONE": "UTC",
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}"})
    with app.app_context():
        db.create_all()
        chronologies.import_shipped(app.config["DEFAULT_CHRONOLOGY"])
        load_demo(app.config["DEFAULT_CHRONOLOGY"], dt.datetime.now(dt.timezone.utc))
        db.session.commit()
        db.session.remove()
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="chronoquiz-live-server", daemon=True)
    thread.start()
    yield LiveServer(app, f"http://127.0.0.1:{server.server_port}")
    server.shutdown()
    thread.join(timeout=10)
    server.server_close()
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def watch():
    watcher = Watch()
    yield watcher
    watcher.check()


@pytest.fixture
def open_page(browser, live_server, watch):
    """open_page(viewport=PHONE|DESKTOP, javascript=True) -> a new page in its own context (own cookies)."""
    contexts = []

    def open_(viewport=PHONE, *, javascript: bool = True):
        context = browser.new_context(base_url=live_server.url, viewport=viewport, locale="ar",
                                      java_script_enabled=javascript, reduced_motion="reduce",
                                      service_workers="block")
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        watch.attach(page)
        return page

    yield open_
    for context in contexts:
        context.close()


def log_in(page, username: str, password: str) -> None:
    page.goto("/login")
    page.fill("#username", username)
    page.fill("#password", password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "/login" not in page.url, "log-in failed"


@pytest.fixture
def teacher_page(open_page):
    page = open_page(DESKTOP)
    log_in(page, "teacher", "chronoquiz-teacher")
    return page


@pytest.fixture
def learner_page(open_page):
    page = open_page(PHONE)
    log_in(page, "learner", "chronoquiz-learner")
    return page
