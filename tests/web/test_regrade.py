"""Regrading: a teacher fixes a wrong key in a set an assignment uses, previews whose scores change, applies it
once, and students see their new score with a note. Answers the fixed version cannot grade stop the regrade
with nothing changed; only the assignment's teacher reaches it."""

from __future__ import annotations

import csv
import io
import re

import pytest

from quiz.extensions import db
from quiz.models import Assignment, Attempt, Regrade, RegradedAttempt, SetVersion
from tests.web.helpers import answer_data, login, page, question_form
from tests.web.test_teach import MCQ, assign, create_class, create_set, join, new_client

ENGLISH = {"lang": "en", "month_style": "both", "digits": "western"}
WRONG_KEY = {**MCQ, "correct": "2"}  # 2001 marked right: the teacher's mistake
FIXED_KEY = {**MCQ, "correct": "1"}  # 2003, as it should be


@pytest.fixture
def clock(clock, school_in_utc):
    return clock


@pytest.fixture
def teacher(teacher, huda):
    """Karim, reading the pages in English, and a colleague, Huda."""
    teacher.post("/prefs/", data=ENGLISH)
    return teacher


def take(student, assignment_id: int, mcq_text: str, *, stop_after_mcq: bool = False) -> int:
    """Answer the assignment: the multiple-choice question with the option reading `mcq_text`, the ordering
    question in its right order (unless stopping after the multiple-choice one)."""
    url = student.post(f"/assignments/{assignment_id}/start").headers["Location"]
    attempt_id = int(url.rsplit("/", 1)[1])
    for _ in range(2):
        response = student.get(url)
        if response.status_code == 302:
            break
        form = question_form(page(response))
        question = stored_question(student.application, attempt_id, form["question_id"])
        if question["type"] == "mcq":
            data = {"question_id": question["id"],
                    "choice": next(c["id"] for c in question["choices"] if c["text_en"] == mcq_text)}
        elif stop_after_mcq:
            break
        else:
            data = answer_data(form, order=question["answer"])
        assert student.post(f"{url}/answer", data=data).status_code == 302
    return attempt_id


def stored_question(app, attempt_id: int, question_id: str | None = None, qtype: str | None = None) -> dict:
    with app.app_context():
        questions = db.session.get(Attempt, attempt_id).questions
    return next(q for q in questions if q["id"] == question_id or q["type"] == qtype)


def score(app, attempt_id: int) -> float | None:
    with app.app_context():
        return db.session.get(Attempt, attempt_id).score


def preview_form(client, assignment_id: int) -> dict:
    """The versions the preview page's form carries (CSRF is off in the web tests)."""
    html = page(client.get(f"/teach/assignments/{assignment_id}/regrade"))
    return {name: re.search(rf'name="{name}" type="hidden" value="([^"]*)"', html).group(1)
            for name in ("from_version", "to_version")}


@pytest.fixture
def lesson(app, teacher, clock):
    """A set whose first question has a wrong key, given to a class; three students answered it: Laila chose
    the true answer (marked wrong), Omar the wrong key (marked right), Sami another wrong option. Then the
    teacher fixes the key, which makes version 2."""
    class_id, code = create_class(teacher)
    set_id = create_set(teacher)
    assert teacher.post(f"/teach/sets/{set_id}/questions/1", data=WRONG_KEY).status_code == 302
    assignment_id = assign(teacher, class_id, set_id, clock)
    students = {}
    for name, text in [("ليلى", "2003"), ("عمر", "2001"), ("سامي", "2005")]:
        client, _ = join(app, code, name)
        students[name] = (client, take(client, assignment_id, text))
    assert teacher.post(f"/teach/sets/{set_id}/questions/1", data=FIXED_KEY).status_code == 302
    return {"set_id": set_id, "assignment_id": assignment_id, "students": students, "code": code}


def test_the_set_and_the_results_offer_a_regrade_when_the_assignment_is_on_an_older_version(app, teacher, lesson):
    set_page = page(teacher.get(f"/teach/sets/{lesson['set_id']}"))
    assert "1 of your assignments uses an older version of this set" in set_page
    assert f"/teach/assignments/{lesson['assignment_id']}/regrade" in set_page
    results = page(teacher.get(f"/teach/assignments/{lesson['assignment_id']}"))
    assert "The set has a newer version (2)" in results


def test_the_dry_run_shows_exactly_whose_scores_change_and_changes_nothing(app, teacher, lesson):
    (_, laila), (_, omar), (_, sami) = lesson["students"].values()
    response = teacher.get(f"/teach/assignments/{lesson['assignment_id']}/regrade")
    html = page(response)
    assert response.status_code == 200
    rows = dict(re.findall(r'<tr data-attempt="(\d+)">(.*?)</tr>', html, re.S))
    assert set(rows) == {str(laila), str(omar)}  # Sami's score does not change
    assert 'data-score-before="0.5000"' in rows[str(laila)] and 'data-score-after="1.0000"' in rows[str(laila)]
    assert 'data-score-before="1.0000"' in rows[str(omar)] and 'data-score-after="0.5000"' in rows[str(omar)]
    assert re.findall(r'data-question="(\d+)"', rows[str(laila)]) == ["1"]
    assert "6 answers graded again. 2 attempts change their score." in " ".join(html.split())
    assert "+50%" in rows[str(laila)] and "−50%" in rows[str(omar)]
    assert "regrade-refusals" not in html
    assert (score(app, laila), score(app, omar), score(app, sami)) == (0.5, 1.0, 0.5)
    with app.app_context():
        assert db.session.execute(db.select(Regrade)).first() is None


def test_applying_changes_scores_records_it_once_and_moves_the_assignment_to_the_fixed_version(app, teacher, lesson):
    (_, laila), (_, omar), (_, sami) = lesson["students"].values()
    form = preview_form(teacher, lesson["assignment_id"])
    response = teacher.post(f"/teach/assignments/{lesson['assignment_id']}/regrade", data=form)
    assert response.status_code == 302
    assert (score(app, laila), score(app, omar), score(app, sami)) == (1.0, 0.5, 0.5)
    with app.app_context():
        [regrade] = db.session.execute(db.select(Regrade)).scalars().all()
        assert regrade.teacher.username == "karim"
        assert (regrade.from_version.number, regrade.to_version.number) == (1, 2)
        assert {(r.attempt_id, r.old_score, r.new_score, r.changed_answers) for r in regrade.attempts} == {
            (laila, 0.5, 1.0, 1), (omar, 1.0, 0.5, 1), (sami, 0.5, 0.5, 0)}
        assignment = db.session.get(Assignment, lesson["assignment_id"])
        assert assignment.set_version.number == 2
        # The stored question carries the fixed key, so review pages show it.
        attempt = db.session.get(Attempt, laila)
        mcq = next(q for q in attempt.questions if q["type"] == "mcq")
        assert next(c["text_en"] for c in mcq["choices"] if c["id"] == mcq["answer"]) == "2003"
        assert {r.question_id for r in attempt.responses} == {q["id"] for q in attempt.questions}
        assert all(r.correct for r in attempt.responses)

    # A second click, or a retry, changes nothing and records nothing.
    again = teacher.post(f"/teach/assignments/{lesson['assignment_id']}/regrade", data=form)
    assert again.status_code == 302
    assert "already applied" in page(teacher.get(again.headers["Location"]))
    with app.app_context():
        assert db.session.execute(db.select(db.func.count()).select_from(Regrade)).scalar() == 1
        assert db.session.execute(db.select(db.func.count()).select_from(RegradedAttempt)).scalar() == 3
    assert (score(app, laila), score(app, omar), score(app, sami)) == (1.0, 0.5, 0.5)

    # The results, the exports and the regrade page now say so.
    results = page(teacher.get(f"/teach/assignments/{lesson['assignment_id']}"))
    assert "The set has a newer version" not in results and "version 1 to version 2" in results
    rows = {name: row for row in re.findall(r"<tr[^>]*>(.*?)</tr>", results, re.S)
            for name in re.findall(r"<bdi>([^<]+)</bdi></a>", row)}
    assert ("100%" in rows["ليلى"], "50%" in rows["عمر"], "50%" in rows["سامي"]) == (True, True, True)
    exported = teacher.get(f"/teach/assignments/{lesson['assignment_id']}/export.csv").data.decode("utf-8-sig")
    scores = {row[0]: row[3] for row in csv.reader(io.StringIO(exported))}
    assert (scores["ليلى"], scores["عمر"], scores["سامي"]) == ("100.0", "50.0", "50.0")
    assert "nothing to regrade" in page(teacher.get(f"/teach/assignments/{lesson['assignment_id']}/regrade"))
    assert "older version" not in page(teacher.get(f"/teach/sets/{lesson['set_id']}"))


def test_students_see_the_regraded_score_and_a_note(app, teacher, lesson, clock):
    teacher.post(f"/teach/assignments/{lesson['assignment_id']}/regrade",
                 data=preview_form(teacher, lesson["assignment_id"]))
    laila_client, laila = lesson["students"]["ليلى"]
    laila_client.post("/prefs/", data=ENGLISH)
    result = page(laila_client.get(f"/attempts/{laila}/result"))
    assert "100%" in result
    assert "This assignment was regraded on 1 March 2026: your score changed from 50% to 100%." in result
    history = page(laila_client.get("/history"))
    assert "regraded on 1 March 2026, was 50%" in history
    sami_client, sami = lesson["students"]["سامي"]
    sami_client.post("/prefs/", data=ENGLISH)
    assert "your score did not change" in page(sami_client.get(f"/attempts/{sami}/result"))


def test_attempts_in_progress_are_regraded_and_later_attempts_get_the_fixed_version(app, teacher, clock):
    class_id, code = create_class(teacher)
    set_id = create_set(teacher)
    teacher.post(f"/teach/sets/{set_id}/questions/1", data=WRONG_KEY)
    assignment_id = assign(teacher, class_id, set_id, clock, shuffle_questions="")  # the choice comes first
    halfway, _ = join(app, code, "ليلى")
    in_progress = take(halfway, assignment_id, "2003", stop_after_mcq=True)
    teacher.post(f"/teach/sets/{set_id}/questions/1", data=FIXED_KEY)
    teacher.post(f"/teach/assignments/{assignment_id}/regrade", data=preview_form(teacher, assignment_id))
    # She goes on with the question left, and finishes with the regraded answer counted.
    url = f"/attempts/{in_progress}"
    form = question_form(page(halfway.get(url)))
    order = stored_question(app, in_progress, form["question_id"])["answer"]
    assert halfway.post(f"{url}/answer", data=answer_data(form, order=order)).status_code == 302
    assert score(app, in_progress) == 1.0
    latecomer, _ = join(app, code, "عمر")
    later = take(latecomer, assignment_id, "2003")
    assert score(app, later) == 1.0
    with app.app_context():
        assert db.session.get(Attempt, later).settings["set_version_id"] == db.session.execute(
            db.select(SetVersion.id).filter_by(set_id=set_id, number=2)).scalar_one()


def test_answers_the_fixed_version_cannot_grade_stop_the_regrade_with_nothing_changed(app, teacher, lesson):
    (_, laila), (_, omar), (_, sami) = lesson["students"].values()
    stored_before = {a: stored_question(app, a, qtype="mcq") for a in (laila, omar, sami)}
    # The teacher also removes the option Sami chose: his answer cannot be graded by the new version.
    two_options = {k: v for k, v in FIXED_KEY.items() if not k.startswith("options-2")}
    assert teacher.post(f"/teach/sets/{lesson['set_id']}/questions/1", data=two_options).status_code == 302
    html = page(teacher.get(f"/teach/assignments/{lesson['assignment_id']}/regrade"))
    assert "1 answer cannot be graded by the new version, so the regrade cannot be applied." in html
    assert "question 1: the option chosen was removed" in html and "سامي" in html
    assert "Apply the regrade" not in html
    assert "5 answers graded again." in " ".join(html.split())
    form = preview_form(teacher, lesson["assignment_id"])
    response = teacher.post(f"/teach/assignments/{lesson['assignment_id']}/regrade", data=form)
    assert response.status_code == 409
    assert "Nothing was changed." in page(response)
    assert (score(app, laila), score(app, omar), score(app, sami)) == (0.5, 1.0, 0.5)
    with app.app_context():
        assert db.session.execute(db.select(Regrade)).first() is None
        assert db.session.get(Assignment, lesson["assignment_id"]).set_version.number == 1
    assert {a: stored_question(app, a, qtype="mcq") for a in (laila, omar, sami)} == stored_before


def test_a_preview_made_stale_by_a_later_edit_is_not_applied(app, teacher, lesson):
    form = preview_form(teacher, lesson["assignment_id"])
    two_options = {k: v for k, v in FIXED_KEY.items() if not k.startswith("options-2")}
    teacher.post(f"/teach/sets/{lesson['set_id']}/questions/1", data={**two_options, "prompt_en": "When? (v3)"})
    with app.app_context():  # version 2 had no attempts, so it was edited in place; make a real version 3
        assert db.session.execute(db.select(db.func.count()).select_from(SetVersion)).scalar() == 2
    form["to_version"] = str(int(form["to_version"]) + 1000)  # a version that is not the set's newest
    response = teacher.post(f"/teach/assignments/{lesson['assignment_id']}/regrade", data=form)
    assert response.status_code == 302 and response.headers["Location"].endswith("/regrade")
    assert "changed since this preview" in page(teacher.get(response.headers["Location"]))
    with app.app_context():
        assert db.session.execute(db.select(Regrade)).first() is None


def test_a_form_without_its_token_or_versions_is_refused(app, teacher, lesson):
    url = f"/teach/assignments/{lesson['assignment_id']}/regrade"
    assert teacher.post(url, data={}).status_code == 400
    form = preview_form(teacher, lesson["assignment_id"])
    assert teacher.post(url, data={**form, "from_version": "x"}).status_code == 400
    with app.app_context():
        assert db.session.execute(db.select(Regrade)).first() is None


def test_only_the_assignments_teacher_reaches_the_regrade(app, teacher, lesson):
    url = f"/teach/assignments/{lesson['assignment_id']}/regrade"
    form = preview_form(teacher, lesson["assignment_id"])
    colleague = new_client(app)
    login(colleague, "huda", "teach-history")
    student, _ = lesson["students"]["ليلى"]
    learner = new_client(app)
    learner.post("/signup", data={"username": "sami", "display_name": "سامي", "password": "a long password",
                                  "confirm": "a long password"})
    for client in (colleague, student, learner):
        # Another teacher: not found; a student or learner on a teacher page: told it is for teachers.
        expected = 404 if client is colleague else 403
        assert client.get(url).status_code == expected
        assert client.post(url, data=form).status_code == expected
    assert new_client(app).get(url).status_code == 302  # to the log-in page
    with app.app_context():
        assert db.session.execute(db.select(Regrade)).first() is None
    # Karim's set is not the colleague's to see, nor his assignment to offer.
    assert colleague.get(f"/teach/sets/{lesson['set_id']}").status_code == 404


def test_a_regrade_sent_many_times_at_once_is_applied_once(app, teacher, lesson, live_server):
    """A double click (or several tabs) on "Apply", against the real server: one regrade, scores changed once.
    (Checked to fail without the lock on the assignment row: on PostgreSQL a second regrade hit the unique key.)"""
    from tests.live_server import at_once

    browser = live_server.browser()
    assert browser.submit(browser.form("/login"), username="karim", password="teach-history").status_code == 302
    form = browser.form(f"/teach/assignments/{lesson['assignment_id']}/regrade", action="/regrade")
    tabs = [browser.fork() for _ in range(6)]
    responses = at_once(tab.prepare(form) for tab in tabs)
    assert {r.status_code for r in responses} == {302}, [r.status_code for r in responses]
    with app.app_context():
        assert db.session.execute(db.select(db.func.count()).select_from(Regrade)).scalar() == 1
        assert db.session.execute(db.select(db.func.count()).select_from(RegradedAttempt)).scalar() == 3
        db.session.remove()
    (_, laila), (_, omar), (_, sami) = lesson["students"].values()
    assert (score(app, laila), score(app, omar), score(app, sami)) == (1.0, 0.5, 0.5)
    live_server.assert_no_server_errors()
