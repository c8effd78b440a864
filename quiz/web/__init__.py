"""Blueprints, one per audience. Views are thin: parse the request, call one service, render."""

from __future__ import annotations

from flask import Flask


def register_blueprints(app: Flask) -> None:
    from .auth import bp as auth_bp
    from .join import bp as join_bp
    from .learn import bp as learn_bp
    from .live import bp as live_bp
    from .media import bp as media_bp
    from .play import bp as play_bp
    from .prefs import bp as prefs_bp
    from .teach import bp as teach_bp

    for blueprint in (learn_bp, auth_bp, play_bp, prefs_bp, join_bp, live_bp, teach_bp, media_bp):
        app.register_blueprint(blueprint)

    from . import demo_mode
    from .chrome import chrome

    app.add_template_global(chrome, "chrome")
    demo_mode.init_app(app)
