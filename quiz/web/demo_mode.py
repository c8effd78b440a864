"""The demo banner's question, asked by every page (templates/_demo_banner.html): is this a demo install, whose
passwords the README publishes?"""

from __future__ import annotations

from flask import Flask
from sqlalchemy.exc import SQLAlchemyError

from ..extensions import db
from ..services.demo import is_demo_install


def demo_install() -> bool:
    """Whether this page must say it belongs to a demo install. One primary-key read of a one-row table. A page
    drawn because the database failed (busy, unreachable) leaves the banner out rather than fail again."""
    try:
        return is_demo_install()
    except SQLAlchemyError:
        db.session.rollback()
        return False


def init_app(app: Flask) -> None:
    app.add_template_global(demo_install, "demo_install")
