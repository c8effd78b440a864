"""The one answer path, from the outside: what a double-click, a retry, a late or stray answer, a failure
mid-request and a curious visitor get. (Races with real concurrent requests: test_concurrency.py.)"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from quiz.extensions import db
from quiz.models import Attempt, Response, ReviewCard, User
from quiz.services import answering
from quiz.services.attempts import SESSION_KEY, QuizSettings, build_questions
from quiz.services.chronologies import get_chronology
from tests.web.helpers import Clock, answer_data, page, question_form, signup


@pytest.fixture
def learner(client):
    signup(client)
    return client


def start_token(client) -> str:
    return re.search(r'name="start_token"[^>]*value="([^"]+)"', page(client.get("/practice"))).group(1)


def start(client, token: str | None = None):
    data = {"count": "5", "grading_type": "relative_all_previous_and_next"}
    if token:
        data["start_token"] = token
    response = client.post("/practice", data=data)
    assert response.status_code == 302, page(response)
    return response.headers["Location"]


def test_the_same_start_form_sent_twice_starts_one_attempt(app, learner):
    token = start_token(learner)
    first, second = start(learner, token), start(learner, token)
    assert first == second
    assert start(learner, start_token(learner)) != first  # a new form is a new attempt
    with app.app_context():
        assert db.session.query(Attempt).count() == 2


def test_an_answer_after_finishing_is_refused_with_a_reason_and_nothing_is_stored(app, learner):
    url = start(learner)
    form = question_form(page(learner.get(url)))
    assert learner.post(f"{url}/finish").status_code == 302
    response = learner.post(f"{url}/answer", data=answer_data(form))
    assert response.status_code == 409
    assert "انتهى هذا الاختبار" in page(response)
    with app.app_context():
        assert db.session.query(Response).count() == 0


def test_a_retry_of_the_last_answer_after_it_finished_the_quiz_is_not_an_error(app, learner):
    url = start(learner)
    for _ in range(5):
        form = question_form(page(learner.get(url)))
        data = answer_data(form)
        assert learner.post(f"{url}/answer", data=data).status_code == 302
    again = learner.post(f"{url}/answer", data=data)  # the browser resent the last one
    assert again.status_code == 302 and "feedback=" in again.headers["Location"]
    with app.app_context():
        attempt = db.session.query(Attempt).one()
        assert len(attempt.responses) == 5, [(r.question_index, r.question_id) for r in attempt.responses]
        assert attempt.is_finished


def test_an_answer_for_a_question_not_in_the_attempt_is_a_400_that_stores_nothing(app, learner):
    url = start(learner)
    form = question_form(page(learner.get(url)))
    response = learner.post(f"{url}/answer", data={**answer_data(form), "question_id": "when-0000000000"})
    assert response.status_code == 400 and "ليس من أسئلة هذا الاختبار" in page(response)
    with app.app_context():
        assert db.session.query(Response).count() == 0


@pytest.mark.parametrize("path", ["/attempts/99999999999", "/attempts/2147483648/result",
                                  "/attempts/99999999999999999999999/answer"])
def test_ids_beyond_the_database_range_are_not_found(learner, path):
    response = learner.post(path) if path.endswith("answer") else learner.get(path)
    assert response.status_code == 404


def test_an_error_after_recording_an_answer_keeps_nothing(app, learner):
    """One request is one transaction: what the answer path wrote is undone when the request fails later."""
    url = start(learner)
    form = question_form(page(learner.get(url)))
    attempt_id = int(url.rsplit("/", 1)[1])
    with app.test_request_context(method="POST"):
        user = db.session.query(User).one()
        store = answering.open_attempt(attempt_id, user.id)
        submitted = answering.submit_answer(store, form["question_id"], answer_data(form),
                                            dt.datetime.now(dt.timezone.utc))
        assert submitted.created
        db.session.rollback()  # what Flask-SQLAlchemy does when the view raises before committing
    with app.app_context():
        assert db.session.query(Response).count() == 0
        assert db.session.query(ReviewCard).count() == 0


def test_the_anonymous_quiz_cookie_cannot_rebuild_the_key(app, client):
    """The session cookie is readable: the seed in it must not be the one the questions were made from."""
    start(client)
    shown = question_form(page(client.get("/practice/quiz")))
    with client.session_transaction() as cookie:
        state = cookie[SESSION_KEY]
    with app.app_context():
        rebuilt = build_questions(get_chronology("us-iraq"), QuizSettings.from_json(state["settings"]),
                                  state["seed"])
    assert shown["question_id"] not in {q.id for q in rebuilt}


def test_the_anonymous_quiz_answers_through_the_same_rules(client):
    start(client)
    form = question_form(page(client.get("/practice/quiz")))
    bad = client.post("/practice/quiz/answer", data={"question_id": form["question_id"]})
    assert bad.status_code == 422
    stray = client.post("/practice/quiz/answer", data={**answer_data(form), "question_id": "x"})
    assert stray.status_code == 400
    assert client.post("/practice/quiz/answer", data=answer_data(form)).status_code == 302
    again = client.post("/practice/quiz/answer", data=answer_data(form, choice_index=1) if form["choices"]
                        else answer_data(form, order=list(reversed(form["items"]))))
    assert again.status_code == 302  # a retry: the first answer stands
    with client.session_transaction() as cookie:
        assert len(cookie[SESSION_KEY]["answers"]) == 1


def test_spaced_review_counts_each_answer_once_per_event_and_remembers_lapses(app, learner):
    from quiz.services import reviews

    start_at = dt.datetime(2026, 3, 1, 9, tzinfo=dt.timezone.utc)
    with app.test_request_context(method="POST"):
        user_id = db.session.query(User).one().id
        reviews.learn_from(user_id, "us-iraq", [("e1", True), ("e2", True), ("e1", False)], start_at)
        reviews.learn_from(user_id, "us-iraq", [("e1", True), ("e2", False)], start_at + dt.timedelta(days=1))
        db.session.commit()
        cards = {c.event_id: c for c in db.session.query(ReviewCard).filter_by(user_id=user_id)}
    # e1: wrong in the first answer (an ordering question naming it twice counts once, wrong), right later.
    assert (cards["e1"].reviews, cards["e1"].lapses) == (2, 1)
    assert (cards["e2"].reviews, cards["e2"].lapses) == (2, 1)
    assert cards["e1"].last_review_at.replace(tzinfo=dt.timezone.utc) == start_at + dt.timedelta(days=1)


def test_a_learner_can_stop_early_and_unanswered_questions_count_zero(app, learner):
    url = start(learner)
    html = page(learner.get(url))
    assert f'action="{url}/finish"' in html and "التوقف هنا" in html
    form = question_form(html)
    learner.post(f"{url}/answer", data=answer_data(form))
    assert learner.post(f"{url}/finish").headers["Location"].endswith(f"{url}/result")
    with app.app_context():
        attempt = db.session.query(Attempt).one()
        assert attempt.is_finished and attempt.score <= 1 / 5


def test_a_visitor_can_stop_early_too(client):
    start(client)
    html = page(client.get("/practice/quiz"))
    assert 'action="/practice/quiz/finish"' in html
    assert client.post("/practice/quiz/finish").headers["Location"].endswith("/practice/quiz/result")
    assert "0%" in page(client.get("/practice/quiz/result"))


def test_time_on_a_question_runs_from_the_answer_before_it(app, learner):
    clock = Clock()
    app.config["CLOCK"] = clock
    url = start(learner)
    for seconds in (30, 45, 20 * 60):  # the last: a tab left open counts at most 15 minutes
        clock.advance(seconds=seconds)
        learner.post(f"{url}/answer", data=answer_data(question_form(page(learner.get(url)))))
    with app.app_context():
        spent = [r.time_spent_ms for r in db.session.query(Response).order_by(Response.question_index)]
    assert spent == [30_000, 45_000, 15 * 60_000]


def test_an_answer_takes_the_write_lock_only_for_its_own_reads_and_writes(app, learner):
    """On SQLite the writing transaction is the whole database's write lock: every other answer waits while
    one holds it. An answer begins it after the session, the CSRF check and the user's load (often from
    memory: quiz/web/access.py), right before it reads the attempt it changes, and ends it with one commit."""
    from sqlalchemy import event

    with app.app_context():
        engine = db.engine
    if engine.dialect.name != "sqlite":
        pytest.skip("the write lock is SQLite's; PostgreSQL locks the attempt's row (FOR UPDATE)")
    url = start(learner)
    form = question_form(page(learner.get(url)))
    statements: list[str] = []

    def record(conn, cursor, statement, *args) -> None:
        statements.append(" ".join(statement.split())[:60])

    event.listen(engine, "before_cursor_execute", record)
    try:
        assert learner.post(f"{url}/answer", data=answer_data(form)).status_code == 302
    finally:
        event.remove(engine, "before_cursor_execute", record)
    begin = statements.index("BEGIN IMMEDIATE")
    assert all(s.startswith(("SELECT", "BEGIN")) for s in statements[:begin])  # reads only before the lock
    assert statements[begin + 1].startswith("SELECT attempt.")  # the attempt is the first thing read under it
    assert any(s.startswith("INSERT INTO response") for s in statements[begin:])
    assert statements.count("BEGIN IMMEDIATE") == 1
