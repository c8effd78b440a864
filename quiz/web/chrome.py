"""The page chrome (header and footer), rendered once per kind of page and then reused.

Every page has the same header and footer, and they depend on very little: the language and display
preferences (projector mode included), whether the visitor is signed out, a learner or a teacher, and which
menu entry is the current page. Rendering them anew cost a quarter of a question page (about twenty `url_for`
and `gettext` calls and two preference forms; bench/README.md). So each combination is rendered once per worker
with placeholders for the three things that differ between requests (the user's name, the CSRF token and the
page's own path, which the preference forms return to), and a request only fills those in.

Nothing in the cached HTML belongs to one user: the placeholders are filled, escaped, per request.
"""

from __future__ import annotations

from flask import render_template, request
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup, escape

from ..i18n import current_prefs
from .fragments import display_key, fragment

PARTS = ("header", "footer")

# Strings no template contains; NUL is taken out of the values filled in, so no value can contain one.
_NAME = "\x00name\x00"
_TOKEN = "\x00csrf\x00"
_NEXT = "\x00next\x00"


def _role() -> str:
    if not current_user.is_authenticated:
        return "visitor"
    return "teacher" if current_user.is_teacher else "learner"


def _section(endpoint: str | None) -> str | None:
    """The menu entry marked as the current page (aria-current)."""
    if not endpoint:
        return None
    if endpoint == "learn.home":
        return "home"
    if endpoint in ("learn.timeline", "learn.event"):
        return "timeline"
    if endpoint in ("play.history", "play.progress"):
        return "results"
    for prefix, section in (("play.", "practice"), ("teach.", "teach"), ("join.", "join"), ("live.", "live")):
        if endpoint.startswith(prefix):
            return section
    return None


def chrome(part: str) -> Markup:
    """The page's header or footer (a template global: `{{ chrome("header") }}` in base.html)."""
    if part not in PARTS:
        raise ValueError(part)
    role, section = _role(), _section(request.endpoint)
    key = (*display_key(), current_prefs().projector, role, section, request.script_root)
    html = str(fragment(f"chrome_{part}", key,
                    lambda: render_template(f"chrome/{part}.html", role=role, section=section,
                                            name=Markup(_NAME), token=Markup(_TOKEN), next=Markup(_NEXT))))
    here = request.full_path if request.query_string else request.path
    filled = html.replace(_NEXT, escape(here.replace("\x00", "")))
    if _TOKEN in filled:
        filled = filled.replace(_TOKEN, generate_csrf())
    if _NAME in filled:
        filled = filled.replace(_NAME, escape(current_user.display_name.replace("\x00", "")))
    return Markup(filled)
