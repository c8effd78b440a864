"""Display preferences: language, Arabic month names, digits and projector mode, kept in the session cookie."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, abort, redirect, url_for

from ..i18n import save_prefs
from .forms import PrefsForm

bp = Blueprint("prefs", __name__, url_prefix="/prefs")


def _safe_next(target: str | None) -> str:
    """Only a path on this site: never redirect a visitor to another host. A path with whitespace or control
    characters (CR, LF, NUL, tab) is no link of ours: in a Location header it would split the response, and
    browsers drop tabs and newlines from URLs, so "/\t/evil.example" would leave the site."""
    if target and target.isprintable() and not any(char.isspace() for char in target):
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.startswith("/") and not target.startswith(("//", "/\\")):
            return target
    return url_for("learn.home")


@bp.post("/")
def update():
    form = PrefsForm()
    if not form.validate_on_submit():
        abort(400, description="; ".join(f"{k}: {', '.join(v)}" for k, v in form.errors.items()))
    projector = form.projector.raw_data[0] if form.projector.raw_data else None
    save_prefs(lang=form.lang.data, month_style=form.month_style.data, digits=form.digits.data,
               projector=None if projector not in ("0", "1") else projector == "1")
    return redirect(_safe_next(form.next.data))
