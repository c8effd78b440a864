"""The floor: a bare Flask app doing the least work each benchmarked route must do, served like the real app.

Same paths as the app, so the same pre-generated requests (cookies and form bodies included) can be replayed
against both:

- `POST /attempts/<id>/answer`: one flask-sqlalchemy INSERT of the posted answer and a commit, then a 303
  redirect (the app: CSRF, session, ownership, scoring, the response row, review cards, redirect);
- `GET /attempts/<id>`: a Jinja page of the question page's shape (a base layout, a form with a hidden
  token and radio choices) and of its size;
- `GET /timeline`, `GET /`: Jinja pages of the same shape and size as the app's;
- `GET /live/<code>/state` (bench/http/live.py): a live lesson's poll, its floor: one SELECT of a game's row by its
  code, an ETag made of its id and version, and a 304 when the request's If-None-Match holds it (else a small
  JSON body).

Each page loops over as many items as the app's does (4 choices, 90 event cards, 8 eras), with link URLs
built once outside the loops. The sizes come from the app itself: the benchmark fetches a few of its pages and
writes their mean sizes (JSON, bytes) to the file named by BENCH_BASELINE_SIZES; each item's text is made
long enough for the page to be that size, so both sides render and send the same number of bytes. The file
is read at each worker's first request, not at start-up, so that this server can boot while the app's pages
are still being measured.

With BENCH_BASELINE_FLOOR=1 (`python -m bench.http --baseline floor`) it is instead the floor of the *stack*
the app is built on (the design card's Flask, Flask-Login, Flask-WTF and SQLAlchemy, nothing of the app): every
route also reads the app's signed session cookie (BENCH_BASELINE_SECRET: the app's secret key), loads the
signed-in user with one primary-key SELECT (Flask-Login, "strong" session protection, as the app), and checks
(POST) or makes (pages) the CSRF token with Flask-WTF; the question page also reads its attempt's row by primary
key. It serves the app's own database. The ratio to it says how much of the gap to the bare floor is the
stack, which any app on it pays, and how much is the app's own work.

Serve: `BENCH_BASELINE_DATABASE_URL=sqlite:///… gunicorn -c python:quiz.gunicorn_conf
'bench.http.baseline:create_app()'`; `prepare_database(url)` first (the table, and WAL on SQLite), so that
workers starting together do not race to create it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Callable

from flask import Flask, make_response, redirect, render_template, request
from flask_login import LoginManager, UserMixin, current_user
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect, generate_csrf
from jinja2 import DictLoader
from sqlalchemy import create_engine, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

DATABASE_ENV = "BENCH_BASELINE_DATABASE_URL"
FLOOR_ENV = "BENCH_BASELINE_FLOOR"  # "1": the signed-in stack's floor (see above)
SECRET_ENV = "BENCH_BASELINE_SECRET"  # the app's secret key, to read its cookies in floor mode
SIZES_ENV = "BENCH_BASELINE_SIZES"  # path of a JSON file {"question": bytes, "timeline": bytes, "home": bytes}


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)


class BaselineAnswer(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "bench_baseline_answer"
    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int]
    question_id: Mapped[str]
    answer: Mapped[str]


class BaselineGame(db.Model):  # type: ignore[name-defined,misc]
    """A live lesson's state row, reduced to what its poll compares (bench/http/live.py)."""

    __tablename__ = "bench_baseline_game"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(unique=True)
    version: Mapped[int]


# A layout of the size and shape of templates/base.html: nav loop with url_for and current-page tests, account
# links with a log-out form, footer. Pages extend it, as the app's do.
LAYOUT = """<!doctype html>
<html lang="ar" dir="rtl">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="color-scheme" content="light dark">
  <title>{% block title %}{% endblock %} · كرونوكويز</title>
  <link rel="stylesheet" href="/static/css/app.css">
  <link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
</head>
<body>
  <a class="skip-link" href="#main">تخطَّ إلى المحتوى</a>
  <header class="site-header">
    <a class="brand" href="{{ url_for('home') }}">كرونوكويز</a>
    <nav aria-label="القائمة">
      <ul class="nav-list">
        {% for endpoint, label in links %}
        <li><a href="{{ url_for(endpoint) }}"
               {% if request.endpoint == endpoint %}aria-current="page"{% endif %}>{{ label }}</a></li>
        {% endfor %}
      </ul>
    </nav>
    <div class="account-links">
      <a href="{{ url_for('home') }}"><bdi>طالب</bdi></a>
      <form method="post" action="{{ url_for('home') }}" class="inline-form">
        <input type="hidden" name="csrf_token" value="{{ token }}">
        <button type="submit" class="link-button">خروج</button>
      </form>
    </div>
  </header>
  <main id="main" tabindex="-1">
    {% block content %}{% endblock %}
  </main>
  <footer class="site-footer">
    <p>كل معلومة مرتبطة بالمقال الذي جاءت منه. وحيث تختلف المقالات نقول ذلك.</p>
  </footer>
</body>
</html>
"""

# The question page: progress, a form with the token and the question id, radio choices.
QUESTION = """{% extends "layout.html" %}
{% block title %}السؤال {{ index }} من {{ total }}{% endblock %}
{% block content %}
<section class="question-screen">
  <div class="quiz-progress">
    <p>السؤال {{ index }} من {{ total }}</p><progress max="{{ total }}" value="{{ index }}"></progress>
  </div>
  <form method="post" action="{{ url_for('answer', attempt_id=attempt_id) }}" class="question-form">
    <input type="hidden" name="csrf_token" value="{{ token }}">
    <input type="hidden" name="question_id" value="{{ question_id }}">
    <fieldset class="choices">
      <legend class="question-prompt">{{ prompt }}</legend>
      {% for choice in items %}
      <label class="choice">
        <input type="radio" name="choice" value="{{ choice.id }}" required>
        <span>{{ choice.text }} {{ choice.summary }}</span>
      </label>
      {% endfor %}
    </fieldset>
    <div class="submit-bar"><button type="submit" class="primary">أجب</button></div>
  </form>
</section>
{% endblock %}
"""

# The timeline: event cards (date, title, summary, a link) in a list.
TIMELINE = """{% extends "layout.html" %}
{% block title %}الخط الزمني{% endblock %}
{% block content %}
<h1>الخط الزمني</h1>
{% set timeline_url = url_for('timeline') %}
<ol class="timeline">
  {% for event in items %}
  <li class="event-card" id="{{ event.id }}">
    <p class="event-date"><time datetime="{{ event.date }}">{{ event.date }}</time></p>
    <h3><a href="{{ timeline_url }}#{{ event.id }}">{{ event.text }}</a></h3>
    <p class="event-summary">{{ event.summary }}</p>
  </li>
  {% endfor %}
</ol>
{% endblock %}
"""

# The home page: an introduction and the eras as a strip.
HOME = """{% extends "layout.html" %}
{% block title %}الرئيسية{% endblock %}
{% block content %}
<section class="hero"><h1>كرونوكويز</h1><p>{{ prompt }}</p></section>
{% set timeline_url = url_for('timeline') %}
<ul class="era-strip">
  {% for era in items %}
  <li class="era">
    <a href="{{ timeline_url }}?era={{ era.id }}">{{ era.text }}</a> <span>{{ era.date }}</span>
    <p>{{ era.summary }}</p>
  </li>
  {% endfor %}
</ul>
{% endblock %}
"""

PAGES = {"question": "question.html", "timeline": "timeline.html", "home": "home.html"}
ITEMS = {"question": 4, "timeline": 90, "home": 8}  # choices, events of the shipped chronology, eras
FILLER = "نص "  # lengthens each item's text until the page is the app's size
LINKS = [("home", "الرئيسية"), ("timeline", "الخط الزمني"), ("home", "تدرّب"), ("home", "نتائجي")]


def _items(count: int, filler: int) -> list[dict[str, str]]:
    return [{"id": f"item-{n:04d}-a1b2c3d4", "date": f"20{n % 21:02d}-04-09", "text": f"الحدث رقم {n}",
             "summary": FILLER * filler} for n in range(count)]


def _render(page: str, items: list[dict[str, str]], attempt_id: int = 1, token: str = "t" * 91) -> str:
    return render_template(PAGES[page], items=items, links=LINKS, token=token,
                           attempt_id=attempt_id, question_id="q-0123456789abcdef", index=1, total=10,
                           prompt="في أيّ عام وقع هذا الحدث؟ اختر الإجابة الصحيحة من الخيارات التالية.")


def _sized_items(page: str, target: int | None) -> list[dict[str, str]]:
    """The page's items, their text long enough for the page to be `target` bytes (from two renders)."""
    count = ITEMS[page]
    bare = len(_render(page, _items(count, 0)).encode())
    per_filler = (len(_render(page, _items(count, 10)).encode()) - bare) / 10
    return _items(count, max(0, round((target - bare) / per_filler)) if target else 0)


def _read_sizes() -> dict[str, int]:
    path = os.environ.get(SIZES_ENV)
    return json.loads(Path(path).read_text()) if path and Path(path).exists() else {}


def prepare_database(url: str) -> None:
    """The tables (answers, live games) and WAL for SQLite (which the file keeps), before any worker starts."""
    engine = create_engine(url)
    with engine.begin() as connection:
        if engine.dialect.name == "sqlite":
            connection.execute(text("PRAGMA journal_mode=WAL"))
        Base.metadata.create_all(connection)
    engine.dispose()


def add_game(url: str, code: str, version: int) -> None:
    """The row `GET /live/<code>/state` reads, for the app's game of that code."""
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM bench_baseline_game WHERE code = :code"), {"code": code})
        connection.execute(text("INSERT INTO bench_baseline_game (code, version) VALUES (:code, :version)"),
                           {"code": code, "version": version})
    engine.dispose()


def create_app() -> Flask:
    app = Flask(__name__)
    app.jinja_loader = DictLoader({"layout.html": LAYOUT, "question.html": QUESTION, "timeline.html": TIMELINE,
                                   "home.html": HOME})
    app.config["SQLALCHEMY_DATABASE_URI"] = os.environ[DATABASE_ENV]
    db.init_app(app)
    floor = os.environ.get(FLOOR_ENV) == "1"
    token: Callable[[], str] = lambda: "t" * 91  # noqa: E731
    if floor:
        token = _signed_in_stack(app)
    items: dict[str, list[dict[str, str]]] = {}

    @app.before_request
    def calibrate() -> None:
        # Once per worker. The items are built once, as the app keeps its chronology and rendered cards in
        # memory: the floor is rendering them, not making them.
        if not items:
            sizes = _read_sizes()
            items.update({page: _sized_items(page, sizes.get(page)) for page in PAGES})

    @app.post("/attempts/<int:attempt_id>/answer")
    def answer(attempt_id: int):  # type: ignore[no-untyped-def]
        given = request.form.get("choice") or json.dumps(sorted(request.form.items()))
        db.session.add(BaselineAnswer(attempt_id=attempt_id, question_id=request.form.get("question_id", ""),
                                      answer=given))
        db.session.commit()
        return redirect(f"/attempts/{attempt_id}?feedback=0", code=303)

    @app.get("/attempts/<int:attempt_id>")
    def question(attempt_id: int) -> str:
        if floor:  # the row the page shows, as the app must read it
            db.session.execute(_ATTEMPT_ROW, {"id": attempt_id}).first()
        return _render("question", items["question"], attempt_id, token())

    @app.get("/timeline")
    def timeline() -> str:
        return _render("timeline", items["timeline"], token=token())

    @app.get("/")
    def home() -> str:
        return _render("home", items["home"], token=token())

    @app.get("/live/<code>/state")
    def live_state(code: str) -> Any:
        row = db.session.execute(_GAME_ROW, {"code": code}).first()
        etag = f"p{row.id}.{row.version}" if row is not None else "p0.0"
        response = make_response("", 304) if request.if_none_match.contains(etag) else make_response(
            {"v": row.version if row is not None else 0})
        response.set_etag(etag)
        response.headers["Cache-Control"] = "no-cache"
        return response

    return app


_GAME_ROW = text("SELECT id, version FROM bench_baseline_game WHERE code = :code")
_USER_ROW = text('SELECT id, display_name, role, active FROM "user" WHERE id = :id')
_ATTEMPT_ROW = text("SELECT questions FROM attempt WHERE id = :id")


class _User(UserMixin):
    def __init__(self, row: Any):
        self.id, self.display_name, self.role, self.active = row


def _signed_in_stack(app: Flask) -> Callable[[], str]:
    """Floor mode: the app's session cookie, user loading and CSRF protection; returns the token maker."""
    app.secret_key = os.environ[SECRET_ENV]
    app.config["WTF_CSRF_TIME_LIMIT"] = None  # as the app
    CSRFProtect(app)
    manager = LoginManager(app)
    manager.session_protection = None  # as the app: its user loader checks the log-in (quiz/web/sessions.py)

    @manager.user_loader
    def load_user(identity: str) -> _User | None:
        # The app's identity is "<user id>:<session version>:<login key>:<issued>"; the floor reads the account.
        user_id = identity.split(":", 1)[0]
        if not user_id.isdecimal():
            return None
        row = db.session.execute(_USER_ROW, {"id": int(user_id)}).first()
        return _User(row) if row is not None else None

    @app.before_request
    def signed_in() -> Any:
        # Loads the user, as the app's pages and answers do. An attempt is a signed-in learner's only (the app
        # sends anyone else to log in): a 401 there, counted as an error, means the app's cookie was refused.
        if not current_user.is_authenticated and request.path.startswith("/attempts/"):
            return "not signed in", 401
        return None

    return generate_csrf
