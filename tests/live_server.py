"""The real app under gunicorn, and simulated browsers that hit it at the same moment.

The Flask test client runs one request at a time in the test's own process, so it can never show a race
between two requests. The `live_server` fixture (tests/conftest.py) starts the app as a production server
would run it: gunicorn, several worker processes with a few threads each, against the test's own database
(the SQLite file in tmp_path, or the PostgreSQL database `database_url` made), set up by the `app` fixture
with the shipped chronology. CSRF protection is on, as in production.

Example, a double click on the join form sent ten times at once from one browser:

    from tests.live_server import at_once

    def test_ten_tabs_join_once(app, live_server):
        code = ...                                          # set up through `app` as usual (same database)
        browser = live_server.browser()                     # a browser of its own: its own cookie jar
        form = browser.form(f"/join/{code}")                # GET the page, read its form (CSRF token too)
        tabs = [browser.fork() for _ in range(10)]          # ten tabs: copies of its cookies
        responses = at_once(tab.prepare(form, display_name="ليلى") for tab in tabs)
        assert {r.status_code for r in responses} == {200}
        with app.app_context():
            assert db.session.scalar(select(func.count(Membership.id))) == 1
        live_server.assert_no_server_errors()               # no traceback in gunicorn's log

Ten different students are ten `live_server.browser()`s, each reading the form itself. A logged-in user:
`b.submit(b.form("/login"), username="sara", password="a long password")` (a 302 when it worked); a POST
button such as "start": `b.prepare(b.form(page_response, action="/start"))`. What matters:

* `at_once(calls)` runs each zero-argument callable in its own thread; all wait at a barrier and go
  together. `Browser.prepare(...)` builds the request beforehand (cookies, form body), so that only the
  sending is left after the barrier. It returns the results in the order of `calls`; if any call raised,
  it raises an ExceptionGroup of them after every thread has finished.
* Browsers do not follow redirects (like the Flask test client): a 302 is returned as such; `follow()`
  takes one.
* The server runs in its own processes: `app.config["CLOCK"]` and other in-process tricks do not reach
  it. Its configuration is the `live_server_config` fixture (override it in a test module); it must be
  JSON, and goes to `create_app` in gunicorn's master (--preload), before the workers are forked.
* Workers and threads: LiveServer(..., workers=2, threads=4) by default (gthread workers), i.e. up to 8
  requests handled at the same moment in two processes, each with its own database connections;
  threads=1 gives plain sync workers. For other numbers, start your own: `with LiveServer(config,
  tmp_path / "gunicorn.log", workers=4, threads=1) as server: ...`. Start-up takes a fraction of a
  second once the helper process (see LiveServer) has imported the app, which happens in the background
  from the start of the session.
* Teardown sends SIGTERM to gunicorn's process group, then SIGKILL to whatever is left after a few
  seconds, and checks that nothing is left; an interrupted run is cleaned up at exit.
"""

from __future__ import annotations

import atexit
import json
import os
import select
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests

REPO = Path(__file__).resolve().parent.parent
SERVER_ERROR_MARKS = ("Traceback (most recent call last)", "Exception on ", "[CRITICAL]", "WORKER TIMEOUT")


class LiveServerError(RuntimeError):
    """gunicorn did not start, or did not stop; the message carries the end of its log."""


class LiveServer:
    """gunicorn serving the app on 127.0.0.1, on a port the kernel picked. start()/stop(), or `with`.

    Importing the app takes seconds (the chronology module compiles large patterns), far too long to pay
    for every test; so gunicorn is not started as a command: a helper process (`_Zygote`) imports the app
    and gunicorn once per test session, and forks one gunicorn master for each server. That master runs
    gunicorn's own Arbiter (BaseApplication, the documented "custom application" API) with --preload:
    it creates the app from `config`, then forks its workers. Start-up takes well under a second."""

    def __init__(self, config: dict[str, Any], log_path: Path, *, workers: int = 2, threads: int = 4,
                 start_timeout: float = 60) -> None:
        self.config = config
        self.log_path = Path(log_path)
        self.workers = workers
        self.threads = threads
        self.start_timeout = start_timeout
        self.url: str = ""
        self.pid: int | None = None  # gunicorn's master; it leads its own process group
        self.startup_seconds: float | None = None

    # -- life cycle ---------------------------------------------------------------------------------

    def start(self) -> LiveServer:
        started = time.perf_counter()
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        reply = ZYGOTE.spawn({"config": self.config, "log": str(self.log_path), "workers": self.workers,
                              "threads": self.threads}, timeout=self.start_timeout)
        if "error" in reply:
            raise LiveServerError(f"could not start gunicorn: {reply['error']}{self._log_tail()}")
        self.pid, self.url = reply["pid"], f"http://127.0.0.1:{reply['port']}"
        atexit.register(self.stop)
        try:
            self._wait_until_ready(time.monotonic() + self.start_timeout)
        except BaseException:
            self.stop()
            raise
        self.startup_seconds = time.perf_counter() - started
        return self

    def _wait_until_ready(self, deadline: float) -> None:
        while time.monotonic() < deadline:
            if not _alive(self.pid):
                raise LiveServerError(f"gunicorn exited{self._log_tail()}")
            if len(self.worker_pids()) >= self.workers:
                try:
                    requests.get(self.url + "/static/favicon.svg", timeout=5).raise_for_status()
                    return
                except requests.RequestException:
                    pass
            time.sleep(0.02)
        raise LiveServerError(f"gunicorn was not ready after {self.start_timeout}s{self._log_tail()}")

    def stop(self) -> None:
        """SIGTERM to the process group (gunicorn stops its workers gracefully), SIGKILL to whatever is
        left after 10 s; then nothing of it may be left. Idempotent."""
        group, self.pid = self.pid, None
        if group is None:
            return
        atexit.unregister(self.stop)
        _signal_group(group, signal.SIGTERM)
        if _wait_for_group_to_end(group, 10):
            return
        _signal_group(group, signal.SIGKILL)
        if not _wait_for_group_to_end(group, 5):
            raise LiveServerError(f"gunicorn left processes behind: {_group_members(group) or [group]}")

    def __enter__(self) -> LiveServer:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    # -- what tests use -----------------------------------------------------------------------------

    def worker_pids(self) -> list[int]:
        if self.pid is None:
            return []
        try:
            children = Path(f"/proc/{self.pid}/task/{self.pid}/children").read_text()
        except OSError:
            return []
        return [int(pid) for pid in children.split()]

    def browser(self, *, language: str = "ar") -> Browser:
        """A new simulated browser: its own cookie jar, nothing in it."""
        return Browser(self.url, language=language)

    def log(self) -> str:
        """Everything gunicorn and the app wrote (warnings and errors; no access log)."""
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def assert_no_server_errors(self) -> None:
        """Fail if the app logged an unhandled exception (a 500) or gunicorn lost a worker."""
        log = self.log()
        found = [mark for mark in SERVER_ERROR_MARKS if mark in log]
        assert not found, f"the live server logged {found}:\n{log[-6000:]}"

    def _log_tail(self, chars: int = 4000) -> str:
        return f"\n--- {self.log_path} ---\n{self.log()[-chars:]}"

    def __repr__(self) -> str:
        return f"<LiveServer {self.url or 'not started'} pid={self.pid} workers={self.worker_pids()}>"


def _signal_group(group: int, sig: int) -> None:
    """Signal a gunicorn master's process group; and the master itself, which in its first instants after
    the fork has not yet made its own group (setsid)."""
    for send in (os.killpg, os.kill):
        try:
            send(group, sig)
        except (ProcessLookupError, PermissionError):
            pass


def _alive(pid: int) -> bool:
    """Whether pid is a running process (a zombie waiting for its parent to reap it is not)."""
    try:
        return (Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]) not in ("Z", "X")
    except (OSError, IndexError):
        return False


def _group_members(group: int) -> list[int]:
    """Live processes (not zombies) in a process group, read from /proc."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            state, _ppid, pgrp = (entry / "stat").read_text().rsplit(")", 1)[1].split()[:3]
        except (OSError, ValueError):
            continue
        if int(pgrp) == group and state not in ("Z", "X"):
            members.append(int(entry.name))
    return members


def _wait_for_group_to_end(group: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while _alive(group) or _group_members(group):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


# -- the zygote: imports the app once, forks a gunicorn master per server ---------------------------------


class _Zygote:
    """The parent side: `python -m tests.live_server` as a child process, talking JSON lines on its
    stdin/stdout. Closing its stdin (end of the session, or this process dying) makes it stop every
    server it started, then exit."""

    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None
        self.ready = False
        self.lock = threading.Lock()
        self.log_path: Path | None = None

    def start(self) -> None:
        """Start it in the background (returns at once; idempotent): conftest does this at collection
        time when a test uses live_server, so the import overlaps with the tests that run first."""
        with self.lock:
            if self.process is not None and self.process.poll() is None:
                return
            handle, name = tempfile.mkstemp(prefix="chronoquiz-live-server-", suffix=".log")
            self.log_path = Path(name)
            env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SECRET_KEY")}
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
            self.process = subprocess.Popen([sys.executable, "-m", "tests.live_server"], cwd=REPO, env=env,
                                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=handle,
                                            text=True, start_new_session=True)  # Ctrl-C reaches pytest only
            os.close(handle)
            self.ready = False
            atexit.register(self.close)

    def spawn(self, request: dict, *, timeout: float) -> dict:
        self.start()
        with self.lock:
            if not self.ready:
                self._read(timeout)  # "ready", once the imports are done
                self.ready = True
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
            return self._read(timeout)

    def _read(self, timeout: float) -> dict:
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        line = self.process.stdout.readline() if ready else ""
        if not line:
            log = self.log_path.read_text(errors="replace")[-4000:] if self.log_path else ""
            self.close()
            raise LiveServerError(f"the live-server helper did not answer within {timeout}s:\n{log}")
        return json.loads(line)

    def close(self) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        atexit.unregister(self.close)
        try:
            process.stdin.close()
            process.wait(timeout=20)
        except (OSError, subprocess.TimeoutExpired):
            process.kill()
            process.wait()
        process.stdout.close()
        if self.log_path is not None:
            self.log_path.unlink(missing_ok=True)


ZYGOTE = _Zygote()


def _zygote_main() -> None:
    """The helper process: import everything a server needs, then fork a gunicorn master per request."""
    from quiz import create_app

    create_app({"SECRET_KEY": "warm-up", "SQLALCHEMY_DATABASE_URI": "sqlite://"})  # imports every module
    import gunicorn.app.base  # noqa: F401
    import gunicorn.arbiter  # noqa: F401
    import gunicorn.workers.gthread  # noqa: F401
    import gunicorn.workers.sync  # noqa: F401
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pass

    servers: set[int] = set()

    def reap(signum, frame) -> None:
        while True:
            try:
                pid, _status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            servers.discard(pid)

    signal.signal(signal.SIGCHLD, reap)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the session ends by closing stdin
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        try:
            listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            listener.bind(("127.0.0.1", 0))
            listener.listen(128)  # connections made before the workers are up wait here
            pid = os.fork()
        except OSError as error:
            print(json.dumps({"error": str(error)}), flush=True)
            continue
        if pid == 0:
            _serve(listener, request)  # never returns
        port = listener.getsockname()[1]
        listener.close()
        servers.add(pid)
        print(json.dumps({"pid": pid, "port": port}), flush=True)
    for pid in list(servers):  # the session is over: stop what the tests did not
        _signal_group(pid, signal.SIGTERM)
    for pid in list(servers):
        if not _wait_for_group_to_end(pid, 10):
            _signal_group(pid, signal.SIGKILL)


def _serve(listener: socket.socket, request: dict) -> None:
    """In the forked child: become gunicorn's master, in a process group of its own. Never returns."""
    status = 1
    try:
        os.setsid()
        for sig in (signal.SIGCHLD, signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, signal.SIG_DFL)
        log = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(log, 1)
        os.dup2(log, 2)
        os.close(log)
        os.close(null)
        threads = int(request["threads"])
        _Gunicorn(request["config"], {
            "bind": [f"fd://{listener.fileno()}"],
            "workers": int(request["workers"]),
            "threads": threads,
            "worker_class": "gthread" if threads > 1 else "sync",
            "preload_app": True,  # the app is created once, in the master, then forked
            "timeout": 60,
            "graceful_timeout": 5,
            "loglevel": "warning",
            "errorlog": "-",
            "proc_name": "chronoquiz-live-server",
        }).run()
        status = 0
    except SystemExit as stop:  # gunicorn ends the master, and each worker, with sys.exit
        status = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    except BaseException:  # noqa: BLE001 - reported in the server's log
        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:  # noqa: BLE001
                pass
        os._exit(status)


def _Gunicorn(app_config: dict, options: dict):
    """gunicorn's Arbiter around create_app(app_config): its "custom application" API."""
    from gunicorn.app.base import BaseApplication

    class Application(BaseApplication):
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self):
            from quiz import create_app

            return create_app(app_config)

    return Application()


# -- browsers and forms -----------------------------------------------------------------------------------


@dataclass
class Form:
    """A form as a browser would send it: its action (a path), method and the fields' current values
    (hidden fields, CSRF token included; checked boxes; selected options; not the buttons)."""

    action: str
    method: str = "post"
    fields: dict[str, Any] = field(default_factory=dict)

    @property
    def csrf_token(self) -> str | None:
        return self.fields.get("csrf_token")

    def data(self, **values: Any) -> dict[str, Any]:
        """The fields with some values filled in or replaced."""
        return {**self.fields, **values}


class Browser:
    """One simulated browser: a requests.Session (its own cookie jar) against the live server."""

    def __init__(self, base_url: str, *, language: str = "ar", timeout: float = 60) -> None:
        self.base_url = base_url
        self.timeout = timeout
        self.session = requests.Session()
        self.session.headers["Accept-Language"] = language
        self.session.headers["User-Agent"] = "chronoquiz-tests"

    def url(self, path: str) -> str:
        return urljoin(self.base_url + "/", path)

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.session.get(self.url(path), allow_redirects=False, timeout=self.timeout, **kwargs)

    def post(self, path: str, data: dict | None = None, **kwargs) -> requests.Response:
        return self.session.post(self.url(path), data=data, allow_redirects=False, timeout=self.timeout, **kwargs)

    def follow(self, response: requests.Response) -> requests.Response:
        """GET where a redirect points (as a browser does after a POST)."""
        assert response.is_redirect, f"not a redirect: {response.status_code}"
        return self.get(response.headers["Location"])

    def form(self, page: str | requests.Response, *, action: str | None = None, index: int = 0) -> Form:
        """The form on a page (a path to GET, or a response already received): among the forms inside
        <main>, the first whose action contains `action`, or else the one at `index`."""
        response = self.get(page) if isinstance(page, str) else page
        assert response.status_code in (200, 422), f"{response.url}: {response.status_code}"
        forms = parse_forms(response.text, urlsplit(response.url).path)
        if action is not None:
            forms = [f for f in forms if action in f.action]
        assert len(forms) > index, f"no such form on {response.url} (action={action!r}, index={index})"
        return forms[index]

    def submit(self, form: Form, **values: Any) -> requests.Response:
        """Send the form now, with some fields filled in."""
        return self.prepare(form, **values)()

    def prepare(self, form: Form, **values: Any) -> Callable[[], requests.Response]:
        """The form's request built now (body, cookies as they are now); sent when the result is called.
        For at_once(): the threads then only send."""
        request = requests.Request(form.method.upper(), self.url(form.action), data=form.data(**values))
        prepared = self.session.prepare_request(request)
        return lambda: self.session.send(prepared, allow_redirects=False, timeout=self.timeout)

    def fork(self) -> Browser:
        """Another tab of this browser: a copy of its cookies as they are now."""
        other = Browser(self.base_url, timeout=self.timeout)
        other.session.headers.update(self.session.headers)
        other.session.cookies.update(self.session.cookies)
        return other


def at_once(calls: Iterable[Callable[[], Any]], *, timeout: float = 120) -> list[Any]:
    """Run every call in its own thread, all released together by a barrier; their results, in order.

    If any call raised, raises an ExceptionGroup of those exceptions once all threads have finished."""
    calls = list(calls)
    if not calls:
        return []
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)
    errors: list[BaseException | None] = [None] * len(calls)

    def run(i: int) -> None:
        try:
            barrier.wait(timeout)
            results[i] = calls[i]()
        except BaseException as error:  # noqa: BLE001 - handed back to the caller below
            errors[i] = error

    threads = [threading.Thread(target=run, args=(i,), name=f"at-once-{i}", daemon=True) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + timeout
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    stuck = [t.name for t in threads if t.is_alive()]
    if stuck:
        raise TimeoutError(f"at_once: {len(stuck)} of {len(calls)} calls still running after {timeout}s")
    raised = [e for e in errors if e is not None]
    if raised:
        raise ExceptionGroup(f"at_once: {len(raised)} of {len(calls)} calls raised",
                             [e if isinstance(e, Exception) else RuntimeError(repr(e)) for e in raised])
    return results


class _FormParser(HTMLParser):
    """Forms inside <main> (or anywhere, when the page has no <main>), with their fields' values."""

    def __init__(self, page_path: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page_path = page_path
        self.in_main = 0
        self.saw_main = False
        self.forms: list[tuple[bool, Form]] = []
        self.current: Form | None = None
        self.textarea: str | None = None
        self.select: str | None = None
        self.select_first: str | None = None
        self.select_chosen = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag == "main":
            self.in_main += 1
            self.saw_main = True
        elif tag == "form":
            self.current = Form(action=a.get("action") or self.page_path, method=(a.get("method") or "get").lower())
            self.forms.append((self.in_main > 0, self.current))
        elif tag == "option" and self.current is not None and self.select:
            value = a.get("value", "")
            if self.select_first is None:
                self.select_first = value
            if "selected" in a:
                self.current.fields[self.select] = value
                self.select_chosen = True
        elif self.current is None or "name" not in a:
            return
        elif tag == "input":
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.current.fields[a["name"]] = a.get("value", "on" if kind in ("checkbox", "radio") else "")
        elif tag == "textarea":
            self.textarea = a["name"]
            self.current.fields[a["name"]] = ""
        elif tag == "select":
            self.select, self.select_first, self.select_chosen = a["name"], None, False

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        if self.current is not None and self.textarea:
            self.current.fields[self.textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.in_main -= 1
        elif tag == "form":
            self.current = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select" and self.current is not None and self.select:
            if not self.select_chosen and self.select_first is not None:
                self.current.fields[self.select] = self.select_first
            self.select = None


def parse_forms(html: str, page_path: str = "/") -> list[Form]:
    """The forms of a page, those inside <main> only when it has one."""
    parser = _FormParser(page_path)
    parser.feed(html)
    parser.close()
    return [form for in_main, form in parser.forms if in_main or not parser.saw_main]


if __name__ == "__main__":
    _zygote_main()
