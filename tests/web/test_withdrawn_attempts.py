"""An assignment's attempt is taken away with the assignment: once the teacher deletes the assignment or takes
the student out of the class, a URL kept from before no longer shows its questions, takes its answers or
finishes it (410, in the learner's language), and what was answered before stays. An undo gives it back."""

from __future__ import annotations

import pytest

from quiz.extensions import db
from quiz.models import Attempt, Classroom, Response
from tests.web.helpers import answer_data, login, page, question_form, signup
from tests.web.test_joins import join_form
from tests.web.test_teach import assign, create_class, create_set, join, start_assignment
from tests.web.test_undo import act


@pytest.fixture
def clock(clock, school_in_utc):
    return clock


def first_answer(student, assignment_id: int) -> tuple[str, dict]:
    """Start the assignment and answer its first question; the attempt's address and the second question's
    form, as the student's open tab still shows it."""
    url = start_assignment(student, assignment_id).headers["Location"]
    assert url.startswith("/attempts/"), url
    student.post(f"{url}/answer", data=answer_data(question_form(page(student.get(url)))))
    return url, question_form(page(student.get(url)))


def stored_answers(app) -> int:
    with app.app_context():
        return db.session.execute(db.select(db.func.count(Response.id))).scalar()


def test_a_deleted_assignment_takes_no_more_answers_and_an_undo_gives_it_back(app, teacher, clock):
    class_id, code = create_class(teacher)
    assignment_id = assign(teacher, class_id, create_set(teacher), clock)
    layla, _ = join(app, code, "ليلى")
    url, second = first_answer(layla, assignment_id)
    _, undo = act(teacher, f"/teach/assignments/{assignment_id}/delete")

    shown = layla.get(url)
    assert shown.status_code == 410
    assert second["question_id"] not in page(shown)
    refused = layla.post(f"{url}/answer", data=answer_data(second))
    assert refused.status_code == 410
    assert layla.post(f"{url}/finish", data={}).status_code == 410
    assert stored_answers(app) == 1  # the answer given before is kept, nothing after
    with app.app_context():
        assert db.session.execute(db.select(Attempt.finished_at)).scalar() is None

    teacher.post(undo)
    assert layla.get(url).status_code == 200
    assert layla.post(f"{url}/answer", data=answer_data(second)).status_code in (200, 302)
    assert stored_answers(app) == 2


def test_a_learner_taken_out_of_the_class_cannot_go_on_with_its_assignment(app, teacher, clock):
    class_id, code = create_class(teacher)
    assignment_id = assign(teacher, class_id, create_set(teacher), clock)
    sara = app.test_client()
    signup(sara)
    assert sara.post("/join", data={**join_form(sara, code), "display_name": "سارة"}).status_code == 302
    url, second = first_answer(sara, assignment_id)
    with app.app_context():
        membership_id = db.session.get(Classroom, class_id).memberships[0].id
    act(teacher, f"/teach/classes/{class_id}/students/{membership_id}/remove")

    login(sara)  # removal ended her sessions; her account itself stays
    assert sara.get(url).status_code == 410
    assert sara.post(f"{url}/answer", data=answer_data(second)).status_code == 410
    assert stored_answers(app) == 1


def test_the_refusal_is_in_arabic_for_an_arabic_reader(app, teacher, clock):
    class_id, code = create_class(teacher)
    assignment_id = assign(teacher, class_id, create_set(teacher), clock)
    layla, _ = join(app, code, "ليلى")  # students read Arabic unless they choose otherwise
    url, _ = first_answer(layla, assignment_id)
    act(teacher, f"/teach/assignments/{assignment_id}/delete")
    html = page(layla.get(url))
    assert "لم يعد هذا الواجب متاحًا لك" in html and "no longer open" not in html
