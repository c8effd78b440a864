"""A teacher changes an assignment while it runs: edit, extend for everyone, close now, reopen, delete and undo;
and the assignment's grading method decides each student's score in results, exports and the overview.

The rule for running attempts: a student in the middle of an attempt keeps the time they started with, or gets
more; never less."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from openpyxl import load_workbook

from quiz.extensions import db
from quiz.models import Assignment, Attempt, UndoRecord
from quiz.services import assignments as assignment_service
from tests.web.helpers import page
from tests.web.test_teach import assign, create_class, create_set, join, start_assignment, take

T0 = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.timezone.utc)


@pytest.fixture
def clock(app, clock):
    """conftest's clock, with the school in UTC so that the times these tests type are the times stored."""
    app.config["TIMEZONE"] = "UTC"
    return clock


@pytest.fixture
def teacher(teacher):
    """Karim, reading the pages in English (this part's new messages are checked in English)."""
    teacher.post("/prefs/", data={"lang": "en", "month_style": "gregorian", "digits": "western"})
    return teacher


def local(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M")


def rules(**changes) -> dict:
    """The edit form as the page fills it for the assignment `assign` makes, with `changes`."""
    return {"title": "واجب الأسبوع", "opens_at": local(T0), "closes_at": local(T0 + dt.timedelta(days=2)),
            "time_limit_minutes": "", "max_attempts": "1", "grading_method": "highest",
            "show_answers": "after_submit", **changes}


def stored(app, assignment_id: int) -> Assignment:
    with app.app_context():
        assignment = db.session.get(Assignment, assignment_id)
        db.session.expunge(assignment)
        return assignment


def deadline(app, attempt_url: str) -> dt.datetime:
    with app.app_context():
        attempt = db.session.get(Attempt, int(attempt_url.rsplit("/", 1)[1]))
        return attempt.deadline_at.replace(tzinfo=dt.timezone.utc)


@pytest.fixture
def lesson(app, teacher, clock):
    """A class with Layla, and an assignment of its set open for two days (options: see `setup`)."""
    class_id, code = create_class(teacher)
    set_id = create_set(teacher)

    def setup(**overrides):
        return assign(teacher, class_id, set_id, clock, **overrides)

    layla, _ = join(app, code, "ليلى")
    return {"class_id": class_id, "code": code, "set_id": set_id, "assign": setup, "layla": layla}


# -- edit --------------------------------------------------------------------------------------------------


def test_the_edit_page_shows_the_assignment_as_it_is_and_saves_every_rule(app, teacher, lesson):
    assignment_id = lesson["assign"](time_limit_minutes="20")
    html = page(teacher.get(f"/teach/assignments/{assignment_id}/edit"))
    assert 'value="واجب الأسبوع"' in html and 'value="20"' in html and local(T0) in html
    response = teacher.post(f"/teach/assignments/{assignment_id}/edit", data=rules(
        title="واجب معدّل", closes_at=local(T0 + dt.timedelta(days=5)), time_limit_minutes="45",
        max_attempts="3", show_answers="after_close", grading_method="average"))
    assert response.headers["Location"] == f"/teach/assignments/{assignment_id}"
    changed = stored(app, assignment_id)
    assert (changed.title, changed.time_limit_minutes, changed.max_attempts, changed.show_answers,
            changed.grading_method) == ("واجب معدّل", 45, 3, "after_close", "average")
    assert changed.closes_at.replace(tzinfo=dt.timezone.utc) == T0 + dt.timedelta(days=5)
    assert "The assignment was changed." in page(teacher.get(response.headers["Location"]))


def test_a_longer_time_limit_gives_running_attempts_more_time_a_shorter_one_only_binds_new_attempts(
        app, teacher, lesson, clock):
    assignment_id = lesson["assign"](time_limit_minutes="20", max_attempts="2")
    url = start_assignment(lesson["layla"], assignment_id).headers["Location"]
    assert deadline(app, url) == T0 + dt.timedelta(minutes=20)
    clock.advance(minutes=5)
    teacher.post(f"/teach/assignments/{assignment_id}/edit", data=rules(time_limit_minutes="30", max_attempts="2"))
    assert deadline(app, url) == T0 + dt.timedelta(minutes=30)  # more time, counted from her start
    teacher.post(f"/teach/assignments/{assignment_id}/edit", data=rules(time_limit_minutes="10", max_attempts="2"))
    assert deadline(app, url) == T0 + dt.timedelta(minutes=30)  # never less
    assert stored(app, assignment_id).time_limit_minutes == 10
    omar, _ = join(app, lesson["code"], "عمر")
    omar_url = start_assignment(omar, assignment_id).headers["Location"]
    assert deadline(app, omar_url) == clock.now + dt.timedelta(minutes=10)  # a new attempt: the new rule
    teacher.post(f"/teach/assignments/{assignment_id}/edit", data=rules(max_attempts="2"))  # no limit at all
    assert deadline(app, url) == T0 + dt.timedelta(days=2)  # until the closing time


def test_an_attempt_whose_time_was_up_is_not_revived_by_a_longer_limit(app, teacher, lesson, clock):
    assignment_id = lesson["assign"](time_limit_minutes="10")
    url = start_assignment(lesson["layla"], assignment_id).headers["Location"]
    clock.advance(minutes=15)
    teacher.post(f"/teach/assignments/{assignment_id}/edit", data=rules(time_limit_minutes="60"))
    with app.app_context():
        attempt = db.session.get(Attempt, int(url.rsplit("/", 1)[1]))
        assert attempt.is_finished and attempt.finished_at.replace(tzinfo=dt.timezone.utc) == T0 + dt.timedelta(
            minutes=10)


def test_a_closing_time_moved_earlier_does_not_cut_a_running_attempt(app, teacher, lesson, clock):
    assignment_id = lesson["assign"]()
    url = start_assignment(lesson["layla"], assignment_id).headers["Location"]
    teacher.post(f"/teach/assignments/{assignment_id}/edit", data=rules(closes_at=local(T0 + dt.timedelta(hours=1))))
    assert deadline(app, url) == T0 + dt.timedelta(days=2)


@pytest.mark.parametrize("bad, message", [
    ({"time_limit_minutes": "0"}, "Number must be between 1 and 600."),
    ({"time_limit_minutes": "-5"}, "Number must be between 1 and 600."),
    ({"time_limit_minutes": "100000"}, "Number must be between 1 and 600."),
    ({"max_attempts": "0"}, "Number must be between 1 and 20."),
    ({"closes_at": local(T0 - dt.timedelta(hours=1))}, "The closing time must come after the opening time."),
    ({"grading_method": "median"}, "Not a valid choice."),
])
def test_bad_input_is_refused_with_a_clear_message_and_nothing_changes(app, teacher, lesson, bad, message):
    assignment_id = lesson["assign"]()
    response = teacher.post(f"/teach/assignments/{assignment_id}/edit", data=rules(title="لا", **bad))
    assert response.status_code == 422 and message in page(response)
    assert stored(app, assignment_id).title == "واجب الأسبوع"


def test_attempts_cannot_go_below_what_a_student_has_used(app, teacher, lesson):
    assignment_id = lesson["assign"](max_attempts="3")
    take(lesson["layla"], assignment_id)
    take(lesson["layla"], assignment_id)
    edit_page = page(teacher.get(f"/teach/assignments/{assignment_id}/edit"))
    assert "A student has made 2 attempts already" in edit_page
    response = teacher.post(f"/teach/assignments/{assignment_id}/edit", data=rules(title="لا", max_attempts="1"))
    assert response.status_code == 422
    assert "A student has already made 2 attempts: the limit cannot go below that." in page(response)
    assert (stored(app, assignment_id).max_attempts, stored(app, assignment_id).title) == (3, "واجب الأسبوع")
    assert teacher.post(f"/teach/assignments/{assignment_id}/edit",
                        data=rules(max_attempts="2")).status_code == 302  # as many as used: fine


def test_the_service_holds_the_bounds_whatever_calls_it(app, lesson):
    assignment_id = lesson["assign"]()
    with app.test_request_context():
        assignment = db.session.get(Assignment, assignment_id)
        for limit in (0, -1, 601):
            with pytest.raises(assignment_service.AssignmentError, match="time_limit"):
                assignment_service.update_assignment(assignment, assignment_service.AssignmentChanges(
                    "x", T0, T0 + dt.timedelta(hours=1), limit, 1, "after_submit", "highest"), T0)


# -- extend, close, reopen ----------------------------------------------------------------------------------


def test_extend_for_everyone_moves_the_closing_time_and_running_attempts_with_it(app, teacher, lesson, clock):
    assignment_id = lesson["assign"]()
    url = start_assignment(lesson["layla"], assignment_id).headers["Location"]
    later = T0 + dt.timedelta(days=4)
    response = teacher.post(f"/teach/assignments/{assignment_id}/closing-time", data={"closes_at": local(later)})
    assert "Extended for everyone until" in page(teacher.get(response.headers["Location"]))
    assert stored(app, assignment_id).closes_at.replace(tzinfo=dt.timezone.utc) == later
    assert deadline(app, url) == later
    # The same form again (a double click) changes nothing and is not an error.
    again = teacher.post(f"/teach/assignments/{assignment_id}/closing-time", data={"closes_at": local(later)})
    assert "Extended for everyone" in page(teacher.get(again.headers["Location"]))
    assert deadline(app, url) == later


@pytest.mark.parametrize("when, message", [
    (T0 - dt.timedelta(hours=1), "The new closing time must be in the future."),
    (T0 + dt.timedelta(days=1), "To close earlier, edit the assignment"),
])
def test_an_extension_that_ends_too_soon_is_refused(app, teacher, lesson, when, message):
    assignment_id = lesson["assign"]()
    response = teacher.post(f"/teach/assignments/{assignment_id}/closing-time", data={"closes_at": local(when)})
    assert message in page(teacher.get(response.headers["Location"]))
    assert stored(app, assignment_id).closes_at.replace(tzinfo=dt.timezone.utc) == T0 + dt.timedelta(days=2)


def test_close_now_stops_new_attempts_but_a_running_one_keeps_its_time_then_reopen(app, teacher, lesson, clock):
    assignment_id = lesson["assign"]()
    url = start_assignment(lesson["layla"], assignment_id).headers["Location"]
    omar, _ = join(app, lesson["code"], "عمر")
    clock.advance(hours=1)
    response = teacher.post(f"/teach/assignments/{assignment_id}/close")
    assert "The assignment is closed." in page(teacher.get(response.headers["Location"]))
    assert stored(app, assignment_id).closes_at.replace(tzinfo=dt.timezone.utc) == clock.now
    assert deadline(app, url) == T0 + dt.timedelta(days=2)
    assert start_assignment(omar, assignment_id).headers["Location"] == "/"  # closed
    # Closing again does nothing more.
    clock.advance(minutes=5)
    teacher.post(f"/teach/assignments/{assignment_id}/close")
    assert stored(app, assignment_id).closes_at.replace(tzinfo=dt.timezone.utc) == clock.now - dt.timedelta(minutes=5)
    results = page(teacher.get(f"/teach/assignments/{assignment_id}"))
    assert "Reopen" in results and "Close now" not in results
    reopened = T0 + dt.timedelta(days=1)
    response = teacher.post(f"/teach/assignments/{assignment_id}/closing-time", data={"closes_at": local(reopened)})
    assert "Reopened until" in page(teacher.get(response.headers["Location"]))
    assert start_assignment(omar, assignment_id).headers["Location"].startswith("/attempts/")


def test_an_assignment_closed_the_moment_it_opens_is_closed(app, teacher, lesson, clock):
    assignment_id = lesson["assign"]()  # opens now, at T0
    response = teacher.post(f"/teach/assignments/{assignment_id}/close")
    assert response.status_code == 302
    clock.advance(seconds=1)
    assert start_assignment(lesson["layla"], assignment_id).headers["Location"] == "/"


def test_a_live_lessons_record_is_not_edited_here(app, teacher, lesson):
    assignment_id = lesson["assign"]()
    with app.app_context():
        db.session.get(Assignment, assignment_id).live = True
        db.session.commit()
    assert teacher.get(f"/teach/assignments/{assignment_id}/edit").status_code == 404
    assert teacher.post(f"/teach/assignments/{assignment_id}/close").status_code == 404


# -- delete and undo ---------------------------------------------------------------------------------------


def undo_url(html: str) -> str:
    return re.search(r'action="(/teach/undo/\d+)"', html).group(1)


def test_delete_says_what_is_at_stake_hides_the_assignment_everywhere_and_undo_brings_it_back(
        app, teacher, lesson, clock):
    assignment_id = lesson["assign"](max_attempts="2")
    take(lesson["layla"], assignment_id)
    omar, _ = join(app, lesson["code"], "عمر")
    start_assignment(omar, assignment_id)
    confirm = page(teacher.get(f"/teach/assignments/{assignment_id}/delete"))
    assert "The results of 1 student disappear" in confirm and "1 attempt in progress" in confirm
    assert 'method="post"' in confirm and "You can undo it for 10 minutes" in confirm
    response = teacher.post(f"/teach/assignments/{assignment_id}/delete")
    assert response.headers["Location"] == f"/teach/classes/{lesson['class_id']}"
    class_page = page(teacher.get(response.headers["Location"]))
    assert "was deleted" in class_page and f"/teach/assignments/{assignment_id}\"" not in class_page
    assert teacher.get(f"/teach/assignments/{assignment_id}").status_code == 404
    assert "واجب الأسبوع" not in page(lesson["layla"].get("/"))
    assert start_assignment(lesson["layla"], assignment_id).status_code == 404
    assert page(teacher.get(f"/teach/classes/{lesson['class_id']}/overview")).count("واجب الأسبوع") == 0
    with app.app_context():
        assert db.session.execute(db.select(db.func.count(Attempt.id))).scalar() == 2  # results kept
    # Deleting again (the form sent twice) records nothing more.
    teacher.post(f"/teach/assignments/{assignment_id}/delete")
    restored = teacher.post(undo_url(class_page))
    assert restored.headers["Location"] == f"/teach/assignments/{assignment_id}"
    results = page(teacher.get(restored.headers["Location"]))
    assert "ليلى" in results and "100%" in results
    assert "واجب الأسبوع" in page(lesson["layla"].get("/"))


def test_deleted_assignments_are_purged_with_their_attempts(app, teacher, lesson, clock):
    assignment_id = lesson["assign"]()
    take(lesson["layla"], assignment_id)
    teacher.post(f"/teach/assignments/{assignment_id}/delete")
    with app.app_context():
        assert assignment_service.purge_deleted_assignments(clock.now) == 0  # deleted at this very moment
        assert assignment_service.purge_deleted_assignments(clock.now + dt.timedelta(days=31)) == 1
        db.session.commit()
        assert db.session.get(Assignment, assignment_id) is None
        assert db.session.execute(db.select(db.func.count(Attempt.id))).scalar() == 0


def test_the_purge_command_keeps_what_was_deleted_recently(app, teacher, lesson, clock):
    kept_id, purged_id = lesson["assign"](), lesson["assign"]()
    teacher.post(f"/teach/assignments/{purged_id}/delete")
    clock.advance(days=20)
    teacher.post(f"/teach/assignments/{kept_id}/delete")
    clock.advance(days=11)
    result = app.test_cli_runner().invoke(args=["purge-deleted", "--days", "30"])
    assert result.exit_code == 0, result.output
    assert "purged 1 deleted assignment(s), 0 deleted set(s), 1 expired undo record(s)" in result.output
    with app.app_context():
        assert db.session.get(Assignment, purged_id) is None and db.session.get(Assignment, kept_id) is not None
        assert db.session.execute(db.select(UndoRecord.payload)).scalar_one()[
            "assignment_id"] == kept_id  # the recent deletion's undo record is kept


# -- grading method -----------------------------------------------------------------------------------------


def test_the_grading_method_decides_the_score_in_results_exports_overview_and_the_students_home(
        app, teacher, lesson, clock):
    assignment_id = lesson["assign"](max_attempts="2", grading_method="first")
    take(lesson["layla"], assignment_id, right=True)   # 100%
    clock.advance(minutes=5)
    take(lesson["layla"], assignment_id, right=False)  # lower
    with app.app_context():
        scores = [a.score for a in db.session.execute(
            db.select(Attempt).order_by(Attempt.started_at)).scalars()]
    assert scores[0] == 1.0 and scores[1] < 1.0
    expected = {"first": 1.0, "last": scores[1], "highest": 1.0, "average": (1.0 + scores[1]) / 2}
    for method, score in expected.items():
        teacher.post(f"/teach/assignments/{assignment_id}/edit", data=rules(max_attempts="2", grading_method=method))
        html = page(teacher.get(f"/teach/assignments/{assignment_id}"))
        assert f'data-method="{method}"' in html
        shown = f"{round(100 * score)}%"
        assert shown in html.split("results-table")[1]
        rows = list(csv.reader(io.StringIO(teacher.get(
            f"/teach/assignments/{assignment_id}/export.csv").get_data().decode("utf-8-sig"))))
        label = {"first": "first attempt", "last": "last attempt", "highest": "highest attempt",
                 "average": "average of the attempts"}[method]
        assert rows[0][3] == f"Score (%) by {label}" and float(rows[1][3]) == round(100 * score, 1)
        sheet = load_workbook(io.BytesIO(teacher.get(
            f"/teach/assignments/{assignment_id}/export.xlsx").get_data())).active
        assert sheet["D1"].value == f"Score (%) by {label}" and sheet["D2"].value == round(100 * score, 1)
        overview = page(teacher.get(f"/teach/classes/{lesson['class_id']}/overview"))
        assert shown in overview and f'data-method="{method}"' in overview
        assert shown in page(lesson["layla"].get("/"))


def test_a_new_assignment_grades_by_the_highest_attempt_unless_told(app, teacher, lesson):
    html = page(teacher.get(f"/teach/classes/{lesson['class_id']}/assignments/new"))
    assert re.search(r'<option selected value="highest">|<option value="highest" selected', html)
    data = {"question_set": str(lesson["set_id"]), "title": "x", "opens_at": local(T0),
            "closes_at": local(T0 + dt.timedelta(days=1)), "max_attempts": "1", "show_answers": "after_submit",
            "grading_type": "all_or_nothing"}
    response = teacher.post(f"/teach/classes/{lesson['class_id']}/assignments/new", data=data)
    assert stored(app, int(response.headers["Location"].rsplit("/", 1)[1])).grading_method == "highest"
