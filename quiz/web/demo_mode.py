"""The demo banner's question, asked by every page (templates/_demo_banner.html): is this a demo install, whose
passwords the README publishes?"""

from __future__ import annotations

from flask import Flask, current_app
from sqlalchemy.exc import SQLAlchemyError

from ..extensions import db
from ..services.demo import is_demo_install

_SEEN = "chronoquiz.demo_install_seen"


def demo_install() -> bool:
    """Whether this page must say it belongs to a demo install. One primary-key read of a one-row table. A page
    drawn because the database failed (busy, unreachable) leaves the banner out rather than fail again.

    A demo mark is for good (nothing removes it), so once seen it is remembered for the app's life and later
    pages skip the read; an install that is not a demo is asked each time, since `setup --demo` may mark it
    while the server runs."""
    if current_app.extensions.get(_SEEN):
        return True
    try:
        found = is_demo_install()
    except SQLAlchemyError:
        db.session.rollback()
        return False
    if found:
        current_app.extensions[_SEEN] = True
    return found


def init_app(app: Flask) -> None:
    app.add_template_global(demo_install, "demo_install")
