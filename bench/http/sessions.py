"""Logging the class in over HTTP, as students do: each student continues with their personal code at /resume,
then opens a page with a form, where the CSRF token their answers will carry is read.

The cookies and tokens come from the served app itself, so the replayed requests are exactly what its
browsers would send.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from .classroom import Student
from .rawhttp import Reply, Request, fetch

_TOKEN = (re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"'),
          re.compile(r'value="([^"]+)"[^>]*name="csrf_token"'))


@dataclass(frozen=True)
class Login:
    cookie: str  # the Cookie header value
    token: str  # the CSRF token of the session's forms


def csrf_token(html: str) -> str:
    for pattern in _TOKEN:
        found = pattern.search(html)
        if found:
            return found.group(1)
    raise ValueError("no CSRF token on the page")


class _Browser:
    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.jar: dict[str, str] = {}

    @property
    def cookie(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.jar.items())

    def send(self, method: str, path: str, form: tuple[tuple[str, str], ...] = ()) -> Reply:
        reply = fetch(self.host, self.port, Request(method, path, self.cookie, form))
        reply.update_jar(self.jar)
        return reply


def log_in(host: str, port: int, student: Student, form_page: str) -> Login:
    """A student's session: /resume with their code, then `form_page` (a page of theirs with a form)."""
    browser = _Browser(host, port)
    token = csrf_token(browser.send("GET", "/resume").text)
    reply = browser.send("POST", "/resume", (("csrf_token", token), ("code", student.resume_code)))
    if reply.status not in (302, 303):
        raise RuntimeError(f"/resume answered {reply.status}, not a redirect: {reply.text[:300]}")
    page = browser.send("GET", form_page)
    if page.status != 200:
        raise RuntimeError(f"{form_page} answered {page.status} after logging in (cookie not accepted?)")
    return Login(browser.cookie, csrf_token(page.text))


def log_in_all(host: str, port: int, students: list[Student], form_pages: list[str], *,
               threads: int = 8) -> list[Login]:
    with ThreadPoolExecutor(threads) as pool:
        return list(pool.map(lambda pair: log_in(host, port, *pair), zip(students, form_pages)))
