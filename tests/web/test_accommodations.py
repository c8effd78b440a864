"""Accommodations follow a student: extra time, extra attempts, a later close, fewer options and read-aloud, set by
their teacher per class or per assignment, and never by the student."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from quiz.extensions import db
from quiz.models import Accommodation, Attempt, Membership
from tests.web.helpers import answer_data, as_shown, page, question_form
from tests.web.test_teach import assign, create_class, create_set, join, take


@pytest.fixture
def clock(app, clock):
    """The school in UTC, so that the times these tests type are the times stored."""
    app.config["TIMEZONE"] = "UTC"
    return clock


@pytest.fixture
def lesson(app, teacher, clock):
    """A class with a set (one multiple-choice question of 3 options, one ordering question), Laila and Omar."""
    # The teacher reads English: the new messages are checked in their msgid's words (the Arabic is compiled in
    # with the catalogue).
    teacher.post("/prefs/", data={"lang": "en", "month_style": "both", "digits": "western"})
    class_id, code = create_class(teacher)
    set_id = create_set(teacher)
    laila, _ = join(app, code, "ليلى")
    omar, _ = join(app, code, "عمر")
    with app.app_context():
        memberships = {m.user.display_name: m.id for m in db.session.execute(
            db.select(Membership).filter_by(classroom_id=class_id)).scalars()}
    return {"class_id": class_id, "set_id": set_id, "laila": laila, "omar": omar,
            "laila_id": memberships["ليلى"], "omar_id": memberships["عمر"]}


def in_class(teacher, lesson, **values):
    """Set Laila's class-level accommodations through the class page's form."""
    form = {f"acc{lesson['laila_id']}-{name}": value for name, value in values.items()}
    return teacher.post(f"/teach/classes/{lesson['class_id']}/students/{lesson['laila_id']}/accommodations",
                        data=form, follow_redirects=True)


def for_assignment(teacher, lesson, assignment_id, **values):
    form = {f"acc{lesson['laila_id']}-{name}": value for name, value in values.items()}
    return teacher.post(f"/teach/assignments/{assignment_id}/students/{lesson['laila_id']}/accommodations",
                        data=form, follow_redirects=True)


def rows(app) -> list[Accommodation]:
    with app.app_context():
        return list(db.session.execute(db.select(Accommodation)).scalars())


def attempt_of(app, url: str) -> Attempt:
    with app.app_context():
        attempt = db.session.get(Attempt, int(url.rsplit("/", 1)[1]))
        db.session.expunge(attempt)
        return attempt


def start(student, assignment_id: int) -> str:
    """Start as the student's browser does: the start page names the attempt its Start button begins (a timed
    assignment is started from there only)."""
    number = re.search(r'name="attempt_number" value="(\d+)"', page(student.get(f"/assignments/{assignment_id}/start")))
    data = {"attempt_number": number.group(1)} if number else {}
    url = student.post(f"/assignments/{assignment_id}/start", data=data).headers["Location"]
    assert url.startswith("/attempts/"), url
    return url


# -- extra time ------------------------------------------------------------------------------------------


def test_extra_time_lets_an_answer_in_after_the_normal_deadline(app, teacher, clock, lesson):
    assignment_id = assign(teacher, lesson["class_id"], lesson["set_id"], clock, time_limit_minutes="10")
    assert in_class(teacher, lesson, time_multiplier="1.5", extra_minutes="2").status_code == 200
    laila_url, omar_url = start(lesson["laila"], assignment_id), start(lesson["omar"], assignment_id)
    # 10 min × 1.5 + 2 = 17 minutes for Laila, 10 for Omar, and each page counts down their own.
    assert 'data-seconds-left="1020"' in page(lesson["laila"].get(laila_url))
    assert 'data-seconds-left="600"' in page(lesson["omar"].get(omar_url))
    laila_form = question_form(page(lesson["laila"].get(laila_url)))
    omar_form = question_form(page(lesson["omar"].get(omar_url)))
    clock.advance(minutes=16)
    assert lesson["omar"].post(f"{omar_url}/answer", data=answer_data(omar_form)).status_code == 409
    assert lesson["laila"].post(f"{laila_url}/answer", data=answer_data(laila_form)).status_code == 302
    second = question_form(page(lesson["laila"].get(laila_url)))
    clock.advance(minutes=2)  # 18 minutes: past Laila's time too
    assert lesson["laila"].post(f"{laila_url}/answer", data=answer_data(second)).status_code == 409
    attempt = attempt_of(app, laila_url)
    assert attempt.is_finished and attempt.finished_at.replace(tzinfo=dt.timezone.utc) == (
        dt.datetime(2026, 3, 1, 9, 17, tzinfo=dt.timezone.utc))


def test_extra_time_never_runs_past_the_close(app, teacher, clock, lesson):
    closes = (clock.now + dt.timedelta(minutes=12)).replace(tzinfo=None).strftime("%Y-%m-%dT%H:%M")
    assignment_id = assign(teacher, lesson["class_id"], lesson["set_id"], clock, time_limit_minutes="10",
                           closes_at=closes)
    in_class(teacher, lesson, time_multiplier="2")
    url = start(lesson["laila"], assignment_id)
    assert attempt_of(app, url).deadline_at.replace(tzinfo=dt.timezone.utc) == clock.now + dt.timedelta(minutes=12)


def test_extra_time_given_during_an_attempt_extends_it(app, teacher, clock, lesson):
    assignment_id = assign(teacher, lesson["class_id"], lesson["set_id"], clock, time_limit_minutes="10")
    laila_url, omar_url = start(lesson["laila"], assignment_id), start(lesson["omar"], assignment_id)
    omar_deadline = attempt_of(app, omar_url).deadline_at
    clock.advance(minutes=5)
    for_assignment(teacher, lesson, assignment_id, time_multiplier="2")
    assert 'data-seconds-left="900"' in page(lesson["laila"].get(laila_url))  # 20 minutes from her start
    clock.advance(minutes=10)  # minute 15
    form = question_form(page(lesson["laila"].get(laila_url)))
    assert lesson["laila"].post(f"{laila_url}/answer", data=answer_data(form)).status_code == 302
    assert attempt_of(app, omar_url).deadline_at == omar_deadline  # not his accommodation


def test_extra_time_never_revives_an_attempt_whose_time_is_up(app, teacher, clock, lesson):
    assignment_id = assign(teacher, lesson["class_id"], lesson["set_id"], clock, time_limit_minutes="10")
    url = start(lesson["laila"], assignment_id)
    before = attempt_of(app, url).deadline_at
    clock.advance(minutes=11)  # over, though nobody has looked yet
    in_class(teacher, lesson, extra_minutes="30")
    assert attempt_of(app, url).deadline_at == before
    assert lesson["laila"].get(url).headers["Location"].endswith(f"{url}/time-up")  # closed at its deadline


# -- extra attempts and a later close ---------------------------------------------------------------------


def test_extra_attempts(app, teacher, clock, lesson):
    assignment_id = assign(teacher, lesson["class_id"], lesson["set_id"], clock)  # one attempt each
    in_class(teacher, lesson, extra_attempts="1")
    take(lesson["laila"], assignment_id)
    take(lesson["laila"], assignment_id)  # her second
    assert lesson["laila"].post(f"/assignments/{assignment_id}/start").headers["Location"] == "/"  # no third
    take(lesson["omar"], assignment_id)
    assert lesson["omar"].post(f"/assignments/{assignment_id}/start").headers["Location"] == "/"
    with app.app_context():
        counts = dict(db.session.execute(db.select(Attempt.user_id, db.func.count()).group_by(Attempt.user_id)).all())
    assert sorted(counts.values()) == [1, 2]
    results = page(teacher.get(f"/teach/assignments/{assignment_id}"))
    assert "+1 attempt" in results and "2 / 2" in results and "1 / 1" in results


def test_a_later_close_for_one_student_keeps_the_assignment_open_for_her_alone(app, teacher, clock, lesson):
    assignment_id = assign(teacher, lesson["class_id"], lesson["set_id"], clock)  # closes in 2 days
    later = (clock.now + dt.timedelta(days=4)).replace(tzinfo=None).strftime("%Y-%m-%dT%H:%M")
    assert "Accommodations saved" in page(for_assignment(teacher, lesson, assignment_id, closes_at=later))
    clock.advance(days=3)
    assert lesson["omar"].post(f"/assignments/{assignment_id}/start").headers["Location"] == "/"
    home = page(lesson["laila"].get("/"))
    assert f"/assignments/{assignment_id}/start" in home  # her "Start" button, after everyone else's close
    url = start(lesson["laila"], assignment_id)
    assert attempt_of(app, url).deadline_at.replace(tzinfo=dt.timezone.utc) == dt.datetime(
        2026, 3, 5, 9, 0, tzinfo=dt.timezone.utc)
    take(lesson["laila"], assignment_id)
    clock.advance(days=2)  # past her close too
    assert lesson["laila"].post(f"/assignments/{assignment_id}/start").headers["Location"] == "/"


def test_answers_shown_after_the_close_wait_for_the_latest_close_anyone_was_given(app, teacher, clock, lesson):
    assignment_id = assign(teacher, lesson["class_id"], lesson["set_id"], clock, show_answers="after_close")
    later = (clock.now + dt.timedelta(days=4)).replace(tzinfo=None).strftime("%Y-%m-%dT%H:%M")
    for_assignment(teacher, lesson, assignment_id, closes_at=later)
    omar_attempt = take(lesson["omar"], assignment_id)
    explanation = as_shown(app, "بدأ في 20 مارس 2003.")
    clock.advance(days=3)  # past the assignment's close, not Laila's: Omar could pass the key on to her
    assert explanation not in page(lesson["omar"].get(f"/attempts/{omar_attempt}/result"))
    clock.advance(days=2)
    assert explanation in page(lesson["omar"].get(f"/attempts/{omar_attempt}/result"))


def test_an_assignment_override_wins_over_the_class_and_keeps_what_it_leaves_empty(app, teacher, clock, lesson):
    assignment_id = assign(teacher, lesson["class_id"], lesson["set_id"], clock, time_limit_minutes="10")
    other_id = assign(teacher, lesson["class_id"], lesson["set_id"], clock, time_limit_minutes="10")
    in_class(teacher, lesson, time_multiplier="2", read_aloud="y")
    for_assignment(teacher, lesson, assignment_id, extra_minutes="5", time_multiplier="1")
    url = start(lesson["laila"], assignment_id)
    html = page(lesson["laila"].get(url))
    assert 'data-seconds-left="900"' in html and "data-read-aloud" in html  # 10 × 1 + 5; read-aloud from the class
    assert 'data-seconds-left="1200"' in page(lesson["laila"].get(start(lesson["laila"], other_id)))
    results = page(teacher.get(f"/teach/assignments/{assignment_id}"))
    assert "+5 minutes" in results and "read-aloud" in results


def test_an_assignment_override_can_switch_off_the_class_read_aloud_or_leave_it(app, teacher, clock, lesson):
    quiet_id = assign(teacher, lesson["class_id"], lesson["set_id"], clock)
    other_id = assign(teacher, lesson["class_id"], lesson["set_id"], clock)
    in_class(teacher, lesson, read_aloud="y")
    for_assignment(teacher, lesson, quiet_id, read_aloud_here="off")
    for_assignment(teacher, lesson, other_id, extra_attempts="1", read_aloud_here="")
    assert "data-read-aloud" not in page(lesson["laila"].get(start(lesson["laila"], quiet_id)))
    assert "data-read-aloud" in page(lesson["laila"].get(start(lesson["laila"], other_id)))
    assert "no read-aloud" in page(teacher.get(f"/teach/assignments/{quiet_id}"))


# -- fewer options ---------------------------------------------------------------------------------------


def test_fewer_options_are_shown_stored_and_scored(app, teacher, clock, lesson):
    assignment_id = assign(teacher, lesson["class_id"], lesson["set_id"], clock, shuffle_questions="")
    in_class(teacher, lesson, max_options="2")
    url = start(lesson["laila"], assignment_id)
    shown = question_form(page(lesson["laila"].get(url)))
    attempt = attempt_of(app, url)
    mcq = next(q for q in attempt.questions if q["type"] == "mcq")
    ordering = next(q for q in attempt.questions if q["type"] == "ordering")
    assert len(mcq["choices"]) == 2 and mcq["answer"] in [c["id"] for c in mcq["choices"]]  # the key stays
    assert sorted(shown["choices"]) == sorted(c["id"] for c in mcq["choices"])
    assert len(ordering["items"]) == 3  # an ordering question has nothing to drop
    take(lesson["laila"], assignment_id)
    assert attempt_of(app, url).score == 1.0
    # Omar sees all three.
    omar_url = start(lesson["omar"], assignment_id)
    assert len(question_form(page(lesson["omar"].get(omar_url)))["choices"]) == 3
    take(lesson["omar"], assignment_id)
    # The item analysis counts every option, though the first to finish saw two.
    with app.app_context():
        from quiz.models import Assignment
        from quiz.services.results import assignment_results

        results = assignment_results(db.session.get(Assignment, assignment_id), clock.now)
        assert len(next(q for q in results.questions if q.type == "mcq").options) == 3
        assert next(r for r in results.students if r.name == "عمر").score == 1.0


def test_fewer_options_follow_the_student_into_practice(app, teacher, clock, lesson):
    in_class(teacher, lesson, max_options="2", read_aloud="y")
    response = lesson["laila"].post("/practice", data={"count": "5", "grading_type": "relative_all_previous_and_next"})
    url = response.headers["Location"]
    attempt = attempt_of(app, url)
    assert all(len(q["choices"]) == 2 for q in attempt.questions if q["type"] == "mcq")
    # The distractor kept is the one the generator ranked best (for the asked difficulty), not a random one.
    with app.app_context():
        from quiz.generate import QuizRequest, generate_quiz
        from quiz.services.chronologies import get_chronology

        generated = {q.id: q for q in generate_quiz(get_chronology(app.config["DEFAULT_CHRONOLOGY"]),
                                                     QuizRequest(count=5, seed=attempt.seed))}
    for stored in (q for q in attempt.questions if q["type"] == "mcq"):
        kept = [c["id"] for c in stored["choices"] if c["id"] != stored["answer"]]
        assert kept == [generated[stored["id"]].distractor_rank[0]]
    html = page(lesson["laila"].get(url))
    assert "data-read-aloud" in html
    omar_url = lesson["omar"].post("/practice", data={"count": "5", "grading_type":
                                                      "relative_all_previous_and_next"}).headers["Location"]
    assert any(len(q["choices"]) > 2 for q in attempt_of(app, omar_url).questions if q["type"] == "mcq")
    assert "data-read-aloud" not in page(lesson["omar"].get(omar_url))


# -- read-aloud ------------------------------------------------------------------------------------------


def test_the_read_aloud_button_is_there_only_for_the_student_with_it(app, teacher, clock, lesson):
    assignment_id = assign(teacher, lesson["class_id"], lesson["set_id"], clock)
    in_class(teacher, lesson, read_aloud="y")
    laila = page(lesson["laila"].get(start(lesson["laila"], assignment_id)))
    omar = page(lesson["omar"].get(start(lesson["omar"], assignment_id)))
    # Hidden until the script finds speech synthesis: without JavaScript there is no dead button.
    assert "data-read-aloud hidden" in laila and "js/read_aloud.js" in laila
    assert "data-read-aloud" not in omar and "read_aloud.js" not in omar


# -- the teacher's forms ---------------------------------------------------------------------------------


def test_the_teacher_sees_sets_and_clears_accommodations(app, teacher, clock, lesson):
    assignment_id = assign(teacher, lesson["class_id"], lesson["set_id"], clock)
    html = page(in_class(teacher, lesson, time_multiplier="1.5", max_options="2", read_aloud="y"))
    assert "Accommodations saved for ليلى." in html
    assert "time ×1.5" in html and "2 options" in html and "read-aloud" in html
    assert f'name="acc{lesson["laila_id"]}-time_multiplier"' in html and 'value="1.5"' in html
    results = page(teacher.get(f"/teach/assignments/{assignment_id}"))
    assert "time ×1.5" in results and f'name="acc{lesson["laila_id"]}-closes_at"' in results
    # Saving twice is one row; "Clear" removes it.
    in_class(teacher, lesson, time_multiplier="1.5", max_options="2", read_aloud="y")
    assert len(rows(app)) == 1
    html = page(in_class(teacher, lesson, clear="1"))
    assert "Accommodations cleared for ليلى." in html and rows(app) == []
    assert "time ×1.5" not in page(teacher.get(f"/teach/assignments/{assignment_id}"))


@pytest.mark.parametrize("values, message", [
    ({"time_multiplier": "0.5"}, "The time multiplier must be between 1 and 4"),
    ({"time_multiplier": "100"}, "The time multiplier must be between 1 and 4"),
    ({"extra_minutes": "-5"}, "Extra minutes must be between 0 and 600."),
    ({"extra_minutes": "100000"}, "Extra minutes must be between 0 and 600."),
    ({"extra_attempts": "-1"}, "Extra attempts must be between 0 and 20."),
    ({"max_options": "1"}, "A multiple-choice question keeps between 2 and 6 options"),
    ({"time_multiplier": "abc"}, "Time ×"),
])
def test_bad_input_is_refused_with_a_clear_message_and_changes_nothing(app, teacher, clock, lesson, values, message):
    in_class(teacher, lesson, extra_minutes="5")
    html = page(in_class(teacher, lesson, **values))
    assert message in html
    [row] = rows(app)
    assert row.extra_minutes == 5 and row.time_multiplier is None and row.max_options is None


def test_a_close_date_before_the_assignments_own_is_refused(app, teacher, clock, lesson):
    assignment_id = assign(teacher, lesson["class_id"], lesson["set_id"], clock)
    for when in (clock.now - dt.timedelta(hours=1), clock.now + dt.timedelta(days=1)):
        html = page(for_assignment(teacher, lesson, assignment_id,
                                   closes_at=when.replace(tzinfo=None).strftime("%Y-%m-%dT%H:%M")))
        assert "The later close date must come after the assignment&#39;s own closing time." in html
    assert rows(app) == []


def test_a_student_cannot_set_accommodations_nor_reach_another_class(app, teacher, clock, lesson):
    assignment_id = assign(teacher, lesson["class_id"], lesson["set_id"], clock)
    laila = lesson["laila"]
    field = f"acc{lesson['laila_id']}-extra_attempts"
    # A student on a teacher's page is told it is for teachers (403), and nothing is saved.
    assert laila.post(f"/teach/classes/{lesson['class_id']}/students/{lesson['laila_id']}/accommodations",
                      data={field: "5"}).status_code == 403
    assert laila.post(f"/teach/assignments/{assignment_id}/students/{lesson['laila_id']}/accommodations",
                      data={field: "5"}).status_code == 403
    # Another teacher's student: not found either.
    with app.app_context():
        from quiz.services import accounts

        accounts.create_user("huda2", "teach-history", "هدى", role="teacher")
        db.session.commit()
    other = app.test_client()
    other.post("/login", data={"username": "huda2", "password": "teach-history"})
    assert other.post(f"/teach/classes/{lesson['class_id']}/students/{lesson['laila_id']}/accommodations",
                      data={field: "5"}).status_code == 404
    assert rows(app) == []


# -- live lessons ----------------------------------------------------------------------------------------


def test_fewer_options_and_read_aloud_follow_the_student_into_a_live_lesson(app, teacher, clock, lesson):
    from tests.web.test_live import answer, control, player, start_game

    in_class(teacher, lesson, max_options="2", read_aloud="y", time_multiplier="2")
    game_id, code = start_game(teacher, lesson["set_id"], classroom=str(lesson["class_id"]))
    laila = lesson["laila"]
    assert laila.post(f"/live/{code}/join", data={"as_user": "1"}).status_code == 302
    guest = player(app, code, "Visitor")
    control(teacher, game_id, "start")
    laila_screen, guest_screen = page(laila.get(f"/live/{code}")), page(guest.get(f"/live/{code}"))
    assert len(question_form(laila_screen)["choices"]) == 2 and len(question_form(guest_screen)["choices"]) == 3
    assert "data-read-aloud" in laila_screen and "data-read-aloud" not in guest_screen
    with app.app_context():
        from quiz.models import LiveGame, LivePlayer

        game = db.session.get(LiveGame, game_id)
        question = game.questions[game.question_index]
        stored = db.session.get(Attempt, db.session.execute(db.select(LivePlayer.attempt_id).filter_by(
            game_id=game_id, guest=False)).scalar_one())
        mine = next(q for q in stored.questions if q["id"] == question["id"])
        assert [c["id"] for c in mine["choices"]] == question_form(laila_screen)["choices"]  # stored as shown
    answer(laila, code, question)
    with app.app_context():
        assert db.session.get(Attempt, stored.id).responses[0].correct


def test_an_assignment_reaches_only_the_students_of_its_own_class(app, teacher, clock, lesson):
    assignment_id = assign(teacher, lesson["class_id"], lesson["set_id"], clock)
    other_class, other_code = create_class(teacher, "الصف الحادي عشر")
    join(app, other_code, "سلمى")
    with app.app_context():
        salma = db.session.execute(db.select(Membership.id).filter_by(classroom_id=other_class)).scalar_one()
    response = teacher.post(f"/teach/assignments/{assignment_id}/students/{salma}/accommodations",
                            data={f"acc{salma}-extra_attempts": "2"})
    assert response.status_code == 404 and rows(app) == []
