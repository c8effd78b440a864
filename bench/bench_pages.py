"""Page benchmarks through the Flask test client (in-process, no network), as ratios to bare Flask.

Run:  /tmp/venv0/bin/python -m pytest bench/bench_pages.py --benchmark-only     (or `make bench`)
The bare-Flask baseline runs first in the same session (bench/conftest.py); each page's median divided by
the bare template page's median goes to `extra_info["ratio_to_baseline"]` and to the table printed at the
end. Budgets (UI.md / the performance rule, reported, never asserted): home, timeline pages and the question
page within 25x the bare template page, the answer POST within 40x; the question page under 30 KB of HTML, CSS
and JS (the font excluded). Figures: bench/README.md.
"""

from __future__ import annotations

import gzip
import itertools
import posixpath
import re
from html.parser import HTMLParser

import pytest
from flask import Flask, render_template
from jinja2 import DictLoader

from quiz import create_app
from quiz.clock import now
from quiz.extensions import db
from quiz.models import Attempt, User
from quiz.services import attempts as attempt_service
from quiz.services import chronologies
from quiz.services.attempts import QuizSettings
from quiz.services.chronologies import get_chronology

SLUG = "us-iraq"
PAGE_BUDGET = 25  # home, timeline pages, question page: x the bare template page
ANSWER_BUDGET = 40  # the answer POST
WEIGHT_BUDGET = 30 * 1024  # bytes of HTML + CSS + JS for a question page (UI.md: "under 30 KB")
FONT = re.compile(r"\.(woff2?|ttf|otf|eot)(\?|#|$)")


# -- the floor: a bare Flask app -----------------------------------------------------------------------

# About the size and shape of templates/base.html: attributes, a stylesheet, a nav loop with url_for and
# a current-page test, account links, a flash-like block, a list, a footer. Compiled once and cached, as a
# file template is, so the floor is rendering, not compiling.
BARE_TEMPLATE = """<!doctype html>
<html lang="{{ lang }}" dir="{{ direction }}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="color-scheme" content="light dark">
  <title>{{ title }} · Bare</title>
  <link rel="stylesheet" href="{{ url_for('static', filename='css/app.css') }}">
</head>
<body>
  <a class="skip-link" href="#main">Skip to content</a>
  <header class="site-header">
    <a class="brand" href="{{ url_for('page') }}">Bare</a>
    <nav aria-label="Main">
      <ul class="nav-list">
        {% for endpoint, label in links %}
        <li><a href="{{ url_for(endpoint) }}" {% if request.endpoint == endpoint %}aria-current="page"{% endif %}>{{ label }}</a></li>
        {% endfor %}
      </ul>
    </nav>
    <div class="account-links">
      {% if user %}<a href="{{ url_for('text') }}"><bdi>{{ user }}</bdi></a>
      {% else %}<a href="{{ url_for('text') }}">Log in</a> <a href="{{ url_for('text') }}">Sign up</a>{% endif %}
    </div>
  </header>
  <main id="main" tabindex="-1">
    {% if messages %}<div class="flashes" role="status">{% for m in messages %}<p class="flash">{{ m }}</p>{% endfor %}</div>{% endif %}
    <h1>{{ title }}</h1>
    <p>{{ intro }}</p>
    <ul class="items">
      {% for item in items %}<li class="item item-{{ loop.index }}"><a href="{{ url_for('page') }}">{{ item }}</a></li>
      {% endfor %}
    </ul>
  </main>
  <footer class="site-footer">
    <p>Every fact links to the article it comes from. Where the articles disagree, we say so.</p>
  </footer>
</body>
</html>
"""


def bare_app() -> Flask:
    app = Flask(__name__)
    app.jinja_loader = DictLoader({"page.html": BARE_TEMPLATE})

    @app.get("/")
    def page():  # type: ignore[no-untyped-def]
        return render_template(
            "page.html", lang="ar", direction="rtl", title="صفحة", user=None, messages=[],
            links=[("page", "Home"), ("text", "Timeline"), ("page", "Practise"), ("text", "Results")],
            intro="نص قصير " * 10, items=[f"حدث {n}" for n in range(5)],
        )

    @app.get("/text")
    def text():  # type: ignore[no-untyped-def]
        return "ok"

    return app


def fetch(client, url: str):  # type: ignore[no-untyped-def]
    response = client.get(url)
    response.get_data()  # the whole body, as a server would send it
    return response


@pytest.fixture(scope="module")
def bare_client():  # type: ignore[no-untyped-def]
    client = bare_app().test_client()
    assert fetch(client, "/").status_code == 200
    return client


@pytest.mark.baseline
def test_bare_flask_template(benchmark, bare_client, ratios) -> None:  # type: ignore[no-untyped-def]
    """The floor any Flask page costs: one route rendering a base-layout-sized template."""
    assert benchmark(fetch, bare_client, "/").status_code == 200
    ratios.record(benchmark, "bare Flask: template page", baseline=True)


@pytest.mark.baseline
def test_bare_flask_string(benchmark, bare_client, ratios) -> None:  # type: ignore[no-untyped-def]
    """The floor under the floor: a route returning a short string (request handling alone)."""
    assert benchmark(fetch, bare_client, "/text").status_code == 200
    ratios.record(benchmark, "bare Flask: string")


# -- Chronoquiz ----------------------------------------------------------------------------------------


class Site:
    """One app on a temporary SQLite database with the shipped chronology, and clients that use it."""

    def __init__(self, app: Flask):
        self.app = app
        self.seeds = itertools.count(1000)

    def learner(self, username: str):  # type: ignore[no-untyped-def]
        """A logged-in client, as after signing up (CSRF on: the token is read from the form)."""
        client = self.app.test_client()
        token = csrf_token(fetch(client, "/signup").get_data(as_text=True))
        response = client.post("/signup", data={"csrf_token": token, "username": username, "display_name": "سارة",
                                                "password": "a long password", "confirm": "a long password"})
        assert response.status_code == 302, response.get_data(as_text=True)
        fetch(client, "/")  # shows (and so clears) the welcome message
        client.csrf = token  # type: ignore[attr-defined]
        return client

    def start(self, username: str, settings: QuizSettings | None = None, seed: int | None = None) -> int:
        """A new stored attempt, as POST /practice makes it, with a known seed (a page that does not vary)."""
        with self.app.app_context():
            user = db.session.execute(db.select(User).filter_by(username=username)).scalar_one()
            attempt = attempt_service.start_attempt(
                user, get_chronology(SLUG), SLUG, settings or QuizSettings(count=10),
                next(self.seeds) if seed is None else seed, now())
            db.session.commit()
            return attempt.id

    def questions(self, attempt_id: int) -> list[dict]:
        with self.app.app_context():
            return list(db.session.get(Attempt, attempt_id).questions)

    def finish(self, client, attempt_id: int) -> None:  # type: ignore[no-untyped-def]
        """Answer every question through the pages (first choice, or the order shown)."""
        for question in self.questions(attempt_id):
            response = client.post(f"/attempts/{attempt_id}/answer", data=answer_data(question, client.csrf))
            assert response.status_code == 302
        assert fetch(client, f"/attempts/{attempt_id}/result").status_code == 200


def csrf_token(html: str) -> str:
    found = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', html) or \
        re.search(r'value="([^"]+)"[^>]*name="csrf_token"', html)
    assert found, "no CSRF token on the page"
    return found.group(1)


def answer_data(question: dict, token: str) -> dict:
    """The form a browser sends: the first choice, or the items in the order shown (position selects)."""
    data = {"csrf_token": token, "question_id": question["id"]}
    if question["type"] == "mcq":
        data["choice"] = question["choices"][0]["id"]
    else:
        for position, item in enumerate(question["items"], start=1):
            data[f"pos-{item['id']}"] = str(position)
    return data


@pytest.fixture(scope="module")
def site(tmp_path_factory):  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("pages")
    app = create_app({
        "SECRET_KEY": "bench-secret",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'bench.sqlite3'}",
        # CSRF stays on (as in production): its check is part of what a POST costs.
    })
    with app.app_context():
        db.create_all()
        chronologies.import_shipped(SLUG)
        db.session.commit()
    yield Site(app)
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(scope="module")
def visitor(site):  # type: ignore[no-untyped-def]
    client = site.app.test_client()
    for url in ("/", "/timeline", "/practice"):  # warm: chronology parsed, templates compiled
        assert fetch(client, url).status_code == 200
    return client


def page_test(benchmark, client, url: str, ratios, label: str, budget: float | None):  # type: ignore[no-untyped-def]
    response = benchmark(fetch, client, url)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    ratios.record(benchmark, label, budget=budget)
    benchmark.extra_info["html_bytes"] = len(response.get_data())
    return response


def test_home(benchmark, visitor, ratios) -> None:  # type: ignore[no-untyped-def]
    page_test(benchmark, visitor, "/", ratios, "GET / (visitor)", PAGE_BUDGET)


def test_home_logged_in(benchmark, site, ratios) -> None:  # type: ignore[no-untyped-def]
    """The learner's home also counts the review cards due."""
    client = site.learner("home")
    page_test(benchmark, client, "/", ratios, "GET / (learner)", PAGE_BUDGET)


def test_timeline_all_events(benchmark, visitor, ratios) -> None:  # type: ignore[no-untyped-def]
    response = page_test(benchmark, visitor, "/timeline", ratios, "GET /timeline (90 events)", PAGE_BUDGET)
    with visitor.application.app_context():
        events = get_chronology(SLUG).events
    assert len(events) >= 90 and events[-1].id in response.get_data(as_text=True)


def test_timeline_one_era(benchmark, visitor, ratios) -> None:  # type: ignore[no-untyped-def]
    page_test(benchmark, visitor, "/timeline?era=war-on-isis", ratios, "GET /timeline?era=war-on-isis", PAGE_BUDGET)


def test_event_page(benchmark, visitor, ratios) -> None:  # type: ignore[no-untyped-def]
    with visitor.application.app_context():
        events = get_chronology(SLUG).events
    event = events[len(events) // 2]
    page_test(benchmark, visitor, f"/timeline/{event.id}", ratios, "GET /timeline/<event>", PAGE_BUDGET)


def test_practice_setup(benchmark, visitor, ratios) -> None:  # type: ignore[no-untyped-def]
    page_test(benchmark, visitor, "/practice", ratios, "GET /practice", None)


# -- taking a quiz (a logged-in learner) --------------------------------------------------------------


@pytest.fixture(scope="module")
def taker(site):  # type: ignore[no-untyped-def]
    return site.learner("taker")


class Refs(HTMLParser):
    """The stylesheets, scripts and images a page makes the browser fetch."""

    def __init__(self) -> None:
        super().__init__()
        self.css: list[str] = []
        self.js: list[str] = []
        self.other: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:  # type: ignore[no-untyped-def]
        a = dict(attrs)
        if tag == "link" and "stylesheet" in (a.get("rel") or "").split() and a.get("href"):
            self.css.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.js.append(a["src"])
        elif tag == "img" and a.get("src") and not a["src"].startswith("data:"):
            self.other.append(a["src"])


def page_weight(client, html: str) -> dict:  # type: ignore[no-untyped-def]
    """Bytes of the HTML and of what it references (CSS, its non-font url()s and @imports, JS); no font."""
    refs = Refs()
    refs.feed(html)
    sizes = {"html": len(html.encode()), "css": 0, "js": 0, "other": 0}
    gz = {"html": len(gzip.compress(html.encode(), 6)), "css": 0, "js": 0, "other": 0}
    seen: set[str] = set()

    def get(url: str, kind: str) -> bytes:
        url = url.split("#")[0]
        if url in seen or FONT.search(url):
            return b""
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.get_data()
        response.close()
        sizes[kind] += len(body)
        gz[kind] += len(gzip.compress(body, 6))
        return body

    for href in refs.css:
        css = get(href, "css").decode("utf-8", "replace")
        base = href.rsplit("/", 1)[0]
        for ref in re.findall(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""", css):
            target = ref[0] or ref[1]
            if not target.startswith(("data:", "http:", "https:")):
                get(target if target.startswith("/") else posixpath.normpath(posixpath.join(base, target)),
                    "css" if target.endswith(".css") else "other")
    for src in refs.js:
        get(src, "js")
    for src in refs.other:
        get(src, "other")
    total = sum(sizes.values())
    return {"bytes": sizes, "total": total, "gzip_total": sum(gz.values()),
            "files": sorted(seen)}


def weight_note(kind: str, weight: dict) -> str:
    b = weight["bytes"]
    verdict = "ok" if weight["total"] < WEIGHT_BUDGET else "OVER"
    return (f"question page weight ({kind}): HTML {b['html']:,} + CSS {b['css']:,} + JS {b['js']:,}"
            + (f" + other {b['other']:,}" if b["other"] else "") +
            f" = {weight['total']:,} bytes ({weight['total'] / 1024:.1f} KB; gzip {weight['gzip_total'] / 1024:.1f} KB)"
            f" vs budget < 30 KB: {verdict}")


@pytest.mark.parametrize("kind", ["mcq", "ordering"])
def test_question_page(benchmark, site, taker, ratios, kind) -> None:  # type: ignore[no-untyped-def]
    """The question page of a stored attempt (read-only: every round shows the same first question)."""
    settings = QuizSettings(count=10, kinds=("order",) if kind == "ordering" else ("when",))
    attempt_id = site.start("taker", settings, seed=7)
    assert site.questions(attempt_id)[0]["type"] == kind
    response = page_test(benchmark, taker, f"/attempts/{attempt_id}", ratios, f"GET /attempts/<id> ({kind})",
                         PAGE_BUDGET)
    weight = page_weight(taker, response.get_data(as_text=True))
    benchmark.extra_info["weight_bytes"] = weight["bytes"]
    benchmark.extra_info["weight_total_bytes"] = weight["total"]
    benchmark.extra_info["weight_gzip_bytes"] = weight["gzip_total"]
    ratios.note(weight_note(kind, weight))


def test_answer_post(benchmark, site, ratios) -> None:  # type: ignore[no-untyped-def]
    """POST /attempts/<id>/answer: a fresh attempt each round (made in setup, untimed), so every round is a real
    insert of a response, the review cards it updates and the redirect; questions come from a new seed each round."""
    client = site.learner("answerer")

    def new_round():  # type: ignore[no-untyped-def]
        attempt_id = site.start("answerer")
        return (client, attempt_id, answer_data(site.questions(attempt_id)[0], client.csrf)), {}

    def post(client, attempt_id, data):  # type: ignore[no-untyped-def]
        response = client.post(f"/attempts/{attempt_id}/answer", data=data)
        assert response.status_code == 302
        return response

    benchmark.pedantic(post, setup=new_round, rounds=150, warmup_rounds=5)
    ratios.record(benchmark, "POST /attempts/<id>/answer", budget=ANSWER_BUDGET)


def test_result_page(benchmark, site, ratios) -> None:  # type: ignore[no-untyped-def]
    """The result of a finished 10-question attempt: score and every question with its explanation."""
    client = site.learner("finisher")
    attempt_id = site.start("finisher", QuizSettings(count=10), seed=11)
    site.finish(client, attempt_id)
    page_test(benchmark, client, f"/attempts/{attempt_id}/result", ratios, "GET /attempts/<id>/result", None)


def test_progress_page(benchmark, site, ratios) -> None:  # type: ignore[no-untyped-def]
    """Progress of a learner with 20 finished 10-question attempts (score chart, mastery per era)."""
    client = site.learner("regular")
    for seed in range(20):
        site.finish(client, site.start("regular", QuizSettings(count=10), seed=100 + seed))
    response = page_test(benchmark, client, "/progress", ratios, "GET /progress (20 attempts)", None)
    assert "<polyline" in response.get_data(as_text=True)
