"""One picture of a student's work: assignments, live lessons, practice and review all feed the history, the
progress page and spaced review; the times shown are the school's.

The school is in its configured zone (Asia/Baghdad, UTC+3) and the clock is the injected one.
"""

from __future__ import annotations

import datetime as dt
import re

from quiz.authoring.from_generated import to_set_question
from quiz.authoring.model import SetData
from quiz.extensions import db
from quiz.generate import QuizRequest, generate_quiz
from quiz.models import Attempt
from quiz.models.attempt import ReviewCard
from quiz.models.live import LiveGame
from quiz.models.user import User
from quiz.services import question_sets as set_service
from quiz.services.chronologies import get_chronology
from quiz.services.reviews import QUESTION_DECK
from tests.web.helpers import page, signup
from tests.web.test_live import answer, control, current_question
from tests.web.test_play import answer_all, start
from tests.web.test_teach import assign, create_class, create_set, join, take


def _english(client):
    client.post("/prefs/", data={"lang": "en", "month_style": "gregorian", "digits": "western"})


def _student_with_assignment(app, teacher, clock, **overrides):
    class_id, code = create_class(teacher)
    assignment_id = assign(teacher, class_id, create_set(teacher), clock, **overrides)
    student, _ = join(app, code, "ليلى")
    _english(student)
    return student, assignment_id, class_id


def _live_lesson(app, teacher, class_id, student, questions=2):
    """A class's live lesson from generated questions, which the student answers right."""
    response = teacher.post("/teach/live", data={"source": "generated", "generated_count": str(questions),
                                                 "classroom": str(class_id), "time_limit": "30",
                                                 "leaderboard": "all",
                                                 "grading_type": "relative_all_previous_and_next"})
    game_id = int(response.headers["Location"].rsplit("/", 1)[1])
    with app.app_context():
        code = db.session.get(LiveGame, game_id).code
    assert student.post(f"/live/{code}/join", data={"as_user": "1"}).status_code == 302
    control(teacher, game_id, "start")
    for _ in range(questions):
        answer(student, code, current_question(app, game_id))
        control(teacher, game_id, "close")
        control(teacher, game_id, "next")
    return game_id


def _cards(app, deck=QUESTION_DECK) -> list[ReviewCard]:
    with app.app_context():
        return list(db.session.execute(db.select(ReviewCard).filter_by(chronology_slug=deck)
                                       .order_by(ReviewCard.event_id)).scalars())


# -- progress and history ------------------------------------------------------------------------------------


def test_progress_counts_assignment_live_and_practice_answers(app, teacher, clock):
    student, assignment_id, class_id = _student_with_assignment(app, teacher, clock)
    assert "0 answers, 0 right." in page(student.get("/progress"))
    take(student, assignment_id)  # two set questions, both right
    assert "2 answers, 2 right." in page(student.get("/progress"))
    _live_lesson(app, teacher, class_id, student, questions=2)
    answer_all(student, start(student, count="5"))
    progress = page(student.get("/progress"))
    assert "9 answers" in progress
    # Every finished quiz is in the score chart, named by what it was.
    for kind in ("Assignment", "Live lesson", "Practice"):
        assert f"<td>{kind}</td>" in progress, kind
    history = page(student.get("/history"))
    for kind in ("Assignment", "Live lesson", "Practice"):
        assert f"<td>{kind}</td>" in history, kind


def test_a_student_sees_only_their_own_answers_counted(app, teacher, clock):
    student, assignment_id, _class_id = _student_with_assignment(app, teacher, clock)
    take(student, assignment_id)
    other = app.test_client()
    signup(other, "omar", name="عمر")
    _english(other)
    assert "0 answers, 0 right." in page(other.get("/progress"))


def test_times_are_the_schools_on_history_progress_and_home(app, teacher, clock):
    clock.now = dt.datetime(2026, 3, 1, 22, 30, tzinfo=dt.timezone.utc)  # 1:30 on 2 March in Baghdad
    student, assignment_id, _class_id = _student_with_assignment(app, teacher, clock)
    take(student, assignment_id)
    history = page(student.get("/history"))
    assert "2 March 2026, 01:30" in history and "1 March 2026, 22:30" not in history
    assert "Asia/Baghdad" in history  # the page says which zone its times are in
    progress = page(student.get("/progress"))
    assert "2 March 2026" in progress and "1 March 2026" not in progress
    # The assignment was typed to close at 22:30 on 3 March, school time, and is shown so.
    assert "closes 3 March 2026, 22:30" in page(student.get("/"))


def test_a_live_lessons_name_has_the_schools_time(app, teacher, clock):
    clock.now = dt.datetime(2026, 3, 1, 22, 30, tzinfo=dt.timezone.utc)
    _student, _assignment_id, class_id = _student_with_assignment(app, teacher, clock)
    game_id = _live_lesson(app, teacher, class_id, _student, questions=1)
    with app.app_context():
        assert db.session.get(LiveGame, game_id).title.endswith("2026-03-02 01:30")


# -- spaced review of set questions ---------------------------------------------------------------------------


def test_set_questions_of_an_assignment_come_back_for_review(app, teacher, clock):
    student, assignment_id, _class_id = _student_with_assignment(app, teacher, clock)
    take(student, assignment_id, right=False)
    cards = _cards(app)
    assert len(cards) == 2 and all(c.lapses == 1 for c in cards)
    with app.app_context():
        asked = {q["id"]: q for q in db.session.execute(db.select(Attempt)).scalar_one().questions}
    assert {c.event_id for c in cards} == set(asked)

    clock.advance(days=3)  # after a wrong answer, soon due again
    review = page(student.get("/review"))
    assert "2 questions from your class are due for review." in review
    token = re.search(r'name="start_token"[^>]* value="([^"]+)"', review).group(1)
    response = student.post("/review", data={"start_token": token})
    assert response.status_code == 302
    # A double click on Start makes one review attempt.
    assert student.post("/review", data={"start_token": token}).headers["Location"] == response.headers["Location"]
    with app.app_context():
        session = db.session.execute(db.select(Attempt).filter_by(kind="review")).scalar_one()
        # The review asks the questions themselves, as the assignment served them.
        assert {q["id"]: q["prompt_en"] for q in session.questions} == {k: q["prompt_en"] for k, q in asked.items()}
    answer_all(student, response.headers["Location"])
    assert all(c.reviews == 2 for c in _cards(app))
    assert "2 questions from your class" not in page(student.get("/review"))


def test_no_review_shows_a_key_before_the_assignment_does(app, teacher, clock):
    closes = (clock.now + dt.timedelta(hours=3, days=20)).replace(tzinfo=None)  # school time
    student, assignment_id, _class_id = _student_with_assignment(app, teacher, clock, show_answers="after_close",
                                                                 closes_at=closes.strftime("%Y-%m-%dT%H:%M"))
    take(student, assignment_id, right=False)
    clock.advance(days=3)  # due by the schedule, but the key is still the teacher's
    assert "from your class" not in page(student.get("/review"))
    assert all(c.due.replace(tzinfo=dt.timezone.utc) >= clock.now + dt.timedelta(days=17) for c in _cards(app))
    clock.advance(days=18)  # the assignment has closed: its answers are shown, its questions reviewed
    assert "2 questions from your class are due for review." in page(student.get("/review"))


def test_an_assignment_that_never_shows_its_answers_makes_no_question_cards(app, teacher, clock):
    student, assignment_id, _class_id = _student_with_assignment(app, teacher, clock, show_answers="never")
    take(student, assignment_id, right=False)
    assert _cards(app) == []


def test_a_question_whose_attempt_is_gone_leaves_the_review(app, teacher, clock):
    student, assignment_id, _class_id = _student_with_assignment(app, teacher, clock)
    take(student, assignment_id, right=False)
    with app.app_context():
        db.session.delete(db.session.execute(db.select(Attempt)).scalar_one())
        db.session.commit()
    clock.advance(days=3)
    assert student.post("/review").status_code == 409  # nothing left to ask
    assert _cards(app) == []
    assert "from your class" not in page(student.get("/review"))


def test_a_set_question_about_events_is_reviewed_as_itself_after_an_assignment(app, teacher, clock):
    """Questions generated into a set keep their events; a class assignment has no chronology, so they are
    reviewed as themselves, and answering them in the review updates their own cards (not only the events')."""
    with app.app_context():
        karim = db.session.execute(db.select(User).filter_by(username="karim")).scalar_one()
        generated = generate_quiz(get_chronology(app.config["DEFAULT_CHRONOLOGY"]), QuizRequest(count=3, seed=4))
        set_id = set_service.create_set(karim, SetData(title="Generated", language="both", questions=tuple(
            to_set_question(q) for q in generated)), clock.now).id
        db.session.commit()
    class_id, code = create_class(teacher)
    assignment_id = assign(teacher, class_id, set_id, clock)
    student, _ = join(app, code, "ليلى")
    take(student, assignment_id, right=False)
    assert len(_cards(app)) == 3
    clock.advance(days=3)
    answer_all(student, student.post("/review").headers["Location"])
    assert [c.reviews for c in _cards(app)] == [2, 2, 2]
