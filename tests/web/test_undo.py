"""Confirm, then undo, for every destructive teacher action: delete a question, remove a student, archive a
class, give a class a new code, delete an assignment.

Each: a confirmation page (GET) that says what will be lost, with a POST form; the action; a flash with an
Undo button valid for 10 minutes; undo puts things back once (twice = once); a late undo says so; only the
teacher who acted can undo; students cannot reach any of it; the same form sent twice acts once."""

from __future__ import annotations

import re

import pytest

from quiz.extensions import db
from quiz.models import Assignment, Attempt, Classroom, QuestionSet, UndoRecord
from tests.web.helpers import login, page
from tests.web.test_teach import assign, create_class, create_set, join, new_client, take


@pytest.fixture
def clock(clock, school_in_utc):
    return clock


@pytest.fixture
def teacher(teacher, huda):
    """Karim, reading the pages in English, and a colleague, Huda, on the same server."""
    teacher.post("/prefs/", data={"lang": "en", "month_style": "gregorian", "digits": "western"})
    return teacher


@pytest.fixture
def colleague(app, teacher):
    client = new_client(app)
    login(client, "huda", "teach-history")
    return client


def act(client, url: str, data: dict | None = None) -> tuple[str, str]:
    """POST the action as its confirmation page would (with what the page showed), follow the redirect; returns
    the page and its undo address."""
    confirm = page(client.get(url))
    expected = re.search(r'name="expected" type="hidden" value="([^"]*)"', confirm)
    response = client.post(url, data={"expected": expected.group(1) if expected else "", **(data or {})})
    assert response.status_code == 302, page(response)
    html = page(client.get(response.headers["Location"]))
    found = re.search(r'action="(/teach/undo/\d+)"', html)
    assert found, "no Undo button after the action"
    return html, found.group(1)


def classroom(app, class_id: int) -> Classroom:
    with app.app_context():
        found = db.session.get(Classroom, class_id)
        db.session.expunge(found)
        return found


def questions(app, set_id: int) -> list[str]:
    with app.app_context():
        return [q["prompt_en"] for q in db.session.get(QuestionSet, set_id).latest.content["questions"]]


def members(app, class_id: int) -> list[str]:
    with app.app_context():
        return [m.user.display_name for m in db.session.get(Classroom, class_id).memberships]


# -- each action: confirm, act, undo ---------------------------------------------------------------------


def test_delete_question_confirm_undo(app, teacher):
    set_id = create_set(teacher)
    confirm = page(teacher.get(f"/teach/sets/{set_id}/questions/1/delete"))
    assert "Delete question 1?" in confirm and "«When did the invasion of Iraq begin?»" in confirm
    assert 'method="post"' in confirm
    assert questions(app, set_id) == ["When did the invasion of Iraq begin?", "Order the events"]  # GET: nothing
    html, undo = act(teacher, f"/teach/sets/{set_id}/questions/1/delete")
    assert "Question 1 was deleted." in html and "for 10 minutes" in html
    assert questions(app, set_id) == ["Order the events"]
    assert "Undone" in page(teacher.get(teacher.post(undo).headers["Location"]))
    assert questions(app, set_id) == ["When did the invasion of Iraq begin?", "Order the events"]  # in its place


def test_remove_student_confirm_undo_and_their_results_stay(app, teacher, clock):
    class_id, code = create_class(teacher)
    set_id = create_set(teacher)
    assignment_id = assign(teacher, class_id, set_id, clock)
    layla, resume_code = join(app, code, "ليلى")
    take(layla, assignment_id)
    with app.app_context():
        membership_id = db.session.get(Classroom, class_id).memberships[0].id
    url = f"/teach/classes/{class_id}/students/{membership_id}/remove"
    confirm = page(teacher.get(url))
    assert "Remove ليلى from the class?" in confirm and "Their attempts are kept" in confirm
    html, undo = act(teacher, url)
    assert "ليلى was removed from the class." in html and members(app, class_id) == []
    results = page(teacher.get(f"/teach/assignments/{assignment_id}"))
    assert "ليلى" in results and "removed from the class" in results and "100%" in results
    assert "واجب الأسبوع" not in page(layla.get("/"))
    with app.app_context():
        assert db.session.execute(db.select(db.func.count(Attempt.id))).scalar() == 1
    teacher.post(undo)
    assert members(app, class_id) == ["ليلى"]
    # The removal logged her devices out, and the undo does not log them back in (test_revocable_sessions):
    # her personal code works again, and with it she sees the class's work.
    assert layla.get("/history").status_code == 302
    assert layla.post("/resume", data={"code": resume_code}).status_code == 302
    assert "واجب الأسبوع" in page(layla.get("/"))
    assert "removed from the class" not in page(teacher.get(f"/teach/assignments/{assignment_id}"))


def test_archive_class_confirm_undo(app, teacher):
    class_id, code = create_class(teacher)
    confirm = page(teacher.get(f"/teach/classes/{class_id}/archive"))
    assert "Archive the class" in confirm and "Results are kept" in confirm
    html, undo = act(teacher, f"/teach/classes/{class_id}/archive")
    assert "was archived" in html and classroom(app, class_id).is_archived
    teacher.post(undo)
    assert not classroom(app, class_id).is_archived


def test_new_class_code_confirm_undo_brings_the_old_code_back(app, teacher):
    class_id, code = create_class(teacher)
    confirm = page(teacher.get(f"/teach/classes/{class_id}/code"))
    assert f"The code {code} stops working" in confirm
    html, undo = act(teacher, f"/teach/classes/{class_id}/code")
    assert classroom(app, class_id).join_code != code
    teacher.post(undo)
    assert classroom(app, class_id).join_code == code
    assert join(app, code, "عمر")  # students join with it again


def test_delete_assignment_confirm_undo(app, teacher, clock):
    class_id, code = create_class(teacher)
    assignment_id = assign(teacher, class_id, create_set(teacher), clock)
    html, undo = act(teacher, f"/teach/assignments/{assignment_id}/delete")
    assert "was deleted" in html
    teacher.post(undo)
    with app.app_context():
        assert db.session.get(Assignment, assignment_id).deleted_at is None


def test_delete_set_confirm_undo_and_a_second_click_deletes_nothing_more(app, teacher, clock):
    set_id = create_set(teacher)
    teacher.post(f"/teach/sets/{set_id}/settings", data={"title": "مجموعة الغزو", "language": "ar",
                                                          "shared": "y", "grading_type": "all_or_nothing"})
    class_id, _ = create_class(teacher)
    assign(teacher, class_id, set_id, clock)
    confirm = page(teacher.get(f"/teach/sets/{set_id}/delete"))
    assert "Delete the set «مجموعة الغزو»?" in confirm and "Its 2 questions leave your sets." in confirm
    assert "1 assignment uses it: it stays open to its students" in confirm
    html, undo = act(teacher, f"/teach/sets/{set_id}/delete")
    assert "The set مجموعة الغزو was deleted." in html
    assert teacher.get(f"/teach/sets/{set_id}").status_code == 404
    assert teacher.post(f"/teach/sets/{set_id}/delete", data={}).status_code == 302  # sent twice: nothing more
    with app.app_context():
        assert db.session.execute(db.select(db.func.count(UndoRecord.id))).scalar() == 1
    teacher.post(undo)
    assert teacher.get(f"/teach/sets/{set_id}").status_code == 200
    with app.app_context():
        assert db.session.get(QuestionSet, set_id).deleted_at is None


def test_purge_erases_old_deleted_sets_nothing_uses_and_keeps_the_rest(app, teacher, clock):
    unused, used, recent = create_set(teacher, "أ"), create_set(teacher, "ب"), create_set(teacher, "ج")
    class_id, _ = create_class(teacher)
    assign(teacher, class_id, used, clock)
    for set_id in (unused, used):
        act(teacher, f"/teach/sets/{set_id}/delete")
    clock.advance(days=31)
    login(teacher, "karim", "teach-history")  # sessions end after 30 days
    act(teacher, f"/teach/sets/{recent}/delete")
    result = app.test_cli_runner().invoke(args=["purge-deleted", "--days", "30"])
    assert "1 deleted set(s)" in result.output, result.output
    with app.app_context():
        assert db.session.get(QuestionSet, unused) is None
        assert db.session.get(QuestionSet, used).deleted_at is not None  # its assignment's results need it
        assert db.session.get(QuestionSet, recent) is not None


# -- the undo's own rules ------------------------------------------------------------------------------------


def test_undo_twice_restores_once(app, teacher):
    set_id = create_set(teacher)
    _, undo = act(teacher, f"/teach/sets/{set_id}/questions/2/delete")
    teacher.post(undo)
    second = teacher.post(undo)
    assert "This was already undone." in page(teacher.get(second.headers["Location"]))
    assert questions(app, set_id) == ["When did the invasion of Iraq begin?", "Order the events"]


def test_an_expired_undo_says_so_and_changes_nothing(app, teacher, clock):
    class_id, code = create_class(teacher)
    _, undo = act(teacher, f"/teach/classes/{class_id}/archive")
    clock.advance(minutes=10)
    response = teacher.post(undo)
    assert "Too late to undo: undo is possible for 10 minutes after the action." in page(
        teacher.get(response.headers["Location"]))
    assert classroom(app, class_id).is_archived
    with app.app_context():
        assert db.session.execute(db.select(UndoRecord)).scalar_one().used_at is None


def test_only_the_teacher_who_acted_can_undo_and_students_reach_nothing(app, teacher, colleague, clock):
    class_id, code = create_class(teacher)
    set_id = create_set(teacher)
    assignment_id = assign(teacher, class_id, set_id, clock)
    layla, _ = join(app, code, "ليلى")
    with app.app_context():
        membership_id = db.session.get(Classroom, class_id).memberships[0].id
    confirm_pages = [f"/teach/sets/{set_id}/questions/1/delete", f"/teach/sets/{set_id}/delete",
                     f"/teach/classes/{class_id}/archive",
                     f"/teach/classes/{class_id}/code", f"/teach/assignments/{assignment_id}/delete",
                     f"/teach/classes/{class_id}/students/{membership_id}/remove"]
    for url in confirm_pages:
        assert colleague.get(url).status_code == 404, url
        assert layla.get(url).status_code == 403, url  # a student on a teacher page is told so
        assert layla.post(url).status_code == 403, url
    _, undo = act(teacher, f"/teach/classes/{class_id}/archive")
    assert colleague.post(undo).status_code == 404
    assert layla.post(undo).status_code == 403
    assert new_client(app).post(undo).status_code == 302  # to the log-in page
    assert classroom(app, class_id).is_archived
    teacher.post(undo)
    assert not classroom(app, class_id).is_archived


def test_the_new_code_cannot_come_back_when_another_class_has_it_now(app, teacher):
    class_id, code = create_class(teacher)
    other_id, _ = create_class(teacher, "الصف التاسع")
    _, undo = act(teacher, f"/teach/classes/{class_id}/code")
    with app.app_context():
        db.session.get(Classroom, other_id).join_code = code
        db.session.commit()
    response = teacher.post(undo)
    assert "another class has the old code now" in page(teacher.get(response.headers["Location"]))
    assert classroom(app, class_id).join_code != code


def test_a_removed_student_cannot_come_back_under_a_name_taken_meanwhile(app, teacher):
    class_id, code = create_class(teacher)
    join(app, code, "ليلى")
    with app.app_context():
        membership_id = db.session.get(Classroom, class_id).memberships[0].id
    _, undo = act(teacher, f"/teach/classes/{class_id}/students/{membership_id}/remove")
    join(app, code, "ليلى")  # another Layla joins meanwhile
    response = teacher.post(undo)
    assert "Cannot undo: a new student in the class has this student" in page(
        teacher.get(response.headers["Location"]))
    assert members(app, class_id) == ["ليلى"]


# -- the same form sent twice acts once ------------------------------------------------------------------------


def twice(client, url: str) -> None:
    expected = re.search(r'name="expected" type="hidden" value="([^"]*)"', page(client.get(url)))
    data = {"expected": expected.group(1) if expected else ""}
    for _ in range(2):
        assert client.post(url, data=data).status_code == 302


def undo_records(app) -> int:
    with app.app_context():
        return db.session.execute(db.select(db.func.count(UndoRecord.id))).scalar()


def test_a_double_click_never_does_anything_twice(app, teacher, clock):
    set_id = create_set(teacher)
    twice(teacher, f"/teach/sets/{set_id}/questions/1/delete")
    assert questions(app, set_id) == ["Order the events"]  # not the question that moved up into its place
    class_id, code = create_class(teacher)
    twice(teacher, f"/teach/classes/{class_id}/code")
    new_code = classroom(app, class_id).join_code
    assert new_code != code
    twice(teacher, f"/teach/classes/{class_id}/archive")
    assert classroom(app, class_id).is_archived  # not archived and then restored
    join_class, join_code = create_class(teacher, "الصف التاسع")
    join(app, join_code, "ليلى")
    with app.app_context():
        membership_id = db.session.get(Classroom, join_class).memberships[0].id
    twice(teacher, f"/teach/classes/{join_class}/students/{membership_id}/remove")
    assignment_id = assign(teacher, join_class, set_id, clock)
    twice(teacher, f"/teach/assignments/{assignment_id}/delete")
    assert undo_records(app) == 5  # one per action


def test_a_restored_class_is_restored_without_confirmation_or_undo(app, teacher):
    class_id, _ = create_class(teacher)
    act(teacher, f"/teach/classes/{class_id}/archive")
    assert "Restore the class" in page(teacher.get(f"/teach/classes/{class_id}"))
    teacher.post(f"/teach/classes/{class_id}/archive")  # the class page's Restore button
    assert not classroom(app, class_id).is_archived and undo_records(app) == 1


def test_a_question_that_no_longer_fits_its_set_is_not_put_back(app, teacher):
    set_id = create_set(teacher)
    _, undo = act(teacher, f"/teach/sets/{set_id}/questions/1/delete")
    with app.app_context():  # as if the set's rules had changed since: the kept question breaks them now
        record = db.session.execute(db.select(UndoRecord)).scalar_one()
        record.payload = {**record.payload, "question": {**record.payload["question"], "options": []}}
        db.session.commit()
    response = teacher.post(undo)
    assert "Cannot undo: the set has changed" in page(teacher.get(response.headers["Location"]))
    assert questions(app, set_id) == ["Order the events"]
    with app.app_context():
        assert db.session.execute(db.select(UndoRecord)).scalar_one().used_at is None  # nothing half done
