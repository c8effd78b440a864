"""Names and titles refuse characters that disguise text (issue 16, item 4, the input half): every form that
stores a name, a title or a question's text refuses control characters, direction overrides and isolates and
zero-width characters with a message that names the character, in the reader's language, and stores nothing;
Arabic that needs ZWNJ or a direction mark is accepted."""

from __future__ import annotations

import pytest

from quiz.extensions import db
from quiz.models import (
    ArticleDraft,
    Assignment,
    ChronologyDocument,
    Classroom,
    Membership,
    QuestionSet,
    TeacherRequest,
    User,
)
from quiz.services import accounts, question_sets
from tests.web.helpers import page, signup
from tests.web.test_teach import MCQ, assign, create_class, create_set, new_client

HOSTILE = {
    "direction": "\u202e",   # RIGHT-TO-LEFT OVERRIDE: "Sara\u202eevil" reads as another name
    "isolate": "\u2067",     # RIGHT-TO-LEFT ISOLATE
    "zero width": "\u200b",  # ZERO WIDTH SPACE
    "byte order": "\ufeff",  # ZERO WIDTH NO-BREAK SPACE
    "control": "\x07",       # BELL
}
MESSAGES = ("changes its direction", "an invisible character", "a control character")
# Legitimate Arabic: ZWNJ inside a word, RLM after a Latin name at the end of an Arabic line.
ARABIC_WITH_MARKS = "سارة می\u200cخواهم Obama\u200f."


def english(client):
    client.post("/prefs/", data={"lang": "en", "month_style": "gregorian", "digits": "western"})
    return client


def refused(response, character: str) -> None:
    """The form came back (no redirect) with a message naming the character."""
    assert response.status_code in (200, 422), response.status_code
    html = page(response)
    assert any(message in html for message in MESSAGES), html
    assert f"U+{ord(character):04X}" in html


def count(app, model) -> int:
    with app.app_context():
        return db.session.execute(db.select(db.func.count()).select_from(model)).scalar_one()


def names(app, column) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(db.select(column)))


@pytest.fixture
def teacher(teacher):
    return english(teacher)


# -- accounts ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("character", HOSTILE.values(), ids=HOSTILE.keys())
def test_signup_refuses_a_disguised_display_name_and_creates_no_account(app, client, character):
    english(client)
    response = client.post("/signup", data={"username": "sara", "display_name": f"Sara{character}Ahmed",
                                            "password": "a long password", "confirm": "a long password"})
    refused(response, character)
    assert count(app, User) == 0


def test_signup_refuses_an_invisible_character_in_the_user_name(app, client):
    english(client)
    response = client.post("/signup", data={"username": "sa\u200bra", "display_name": "Sara",
                                            "password": "a long password", "confirm": "a long password"})
    refused(response, "\u200b")
    assert count(app, User) == 0


def test_signup_accepts_arabic_with_the_marks_it_needs(app, client):
    signup(client, "sara", name=ARABIC_WITH_MARKS)
    assert names(app, User.display_name) == [ARABIC_WITH_MARKS]


def test_an_invitation_signup_refuses_a_disguised_name(app, teacher, clock):
    with app.app_context():
        karim = accounts.find_user("karim")
        token = accounts.invite_teacher(karim, clock.now).token
        db.session.commit()
    colleague = english(new_client(app))
    response = colleague.post(f"/invitations/{token}", data={
        "username": "huda", "display_name": "Huda\u202e", "password": "teach-history", "confirm": "teach-history"})
    refused(response, "\u202e")
    assert names(app, User.username) == ["karim"]


def test_the_setup_page_refuses_a_disguised_name(app, client, tmp_path):
    from quiz.services import teacher_access

    app.config["SETUP_TOKEN_FILE"] = str(tmp_path / "setup_token")
    with app.app_context():
        token = teacher_access.announce_setup_token(teacher_access.setup_token_path())
    english(client)
    response = client.post("/setup", data={"username": "karim", "display_name": "\u2066Karim",
                                           "password": "teach-history", "confirm": "teach-history",
                                           "setup_token": token})
    refused(response, "\u2066")
    assert count(app, User) == 0


def test_a_request_for_teacher_access_refuses_a_disguised_message(app, client):
    signup(client, "sara")
    english(client)
    response = client.post("/account/teacher-access", data={"message": "I teach history\u202e at school"})
    refused(response, "\u202e")
    assert count(app, TeacherRequest) == 0


def test_the_command_line_refuses_a_teacher_name_with_a_hidden_character(app, runner):
    """The same text rule as the forms' (quiz/authoring/text_rules.py) for the first teacher made by command."""
    result = runner.invoke(args=["users", "create-teacher", "karim", "--name", "Karim\u202e", "--password",
                                 "teach-history"])
    assert result.exit_code == 1 and "direction-changing" in result.output
    assert names(app, User.username) == []


# -- joining a class -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("character", HOSTILE.values(), ids=HOSTILE.keys())
def test_joining_a_class_refuses_a_disguised_name(app, teacher, character):
    _, code = create_class(teacher)
    student = english(new_client(app))
    response = student.post("/join", data={"code": code, "display_name": f"ليلى{character}"})
    refused(response, character)
    assert count(app, Membership) == 0


def test_joining_a_class_accepts_a_name_with_zwnj(app, teacher):
    _, code = create_class(teacher)
    response = new_client(app).post("/join", data={"code": code, "display_name": "می\u200cنا"})
    assert response.status_code == 200 and count(app, Membership) == 1


# -- teachers' names and titles ------------------------------------------------------------------------------


def test_a_class_name_is_refused_on_creation_and_on_renaming(app, teacher):
    response = teacher.post("/teach/classes", data={"name": "10\u202eA"}, follow_redirects=True)
    refused(response, "\u202e")
    assert count(app, Classroom) == 0
    class_id, _ = create_class(teacher, "الصف\u200f العاشر")
    response = teacher.post(f"/teach/classes/{class_id}/rename", data={"name": "\u200bX"}, follow_redirects=True)
    refused(response, "\u200b")
    assert names(app, Classroom.name) == ["الصف\u200f العاشر"]


def test_a_set_title_and_description_are_checked(app, teacher):
    data = {"title": "Invasion\u2067", "language": "both", "grading_type": "relative_all_previous_and_next"}
    refused(teacher.post("/teach/sets", data=data), "\u2067")
    data.update(title="غزو العراق", description="line one\nline two\x1b")
    refused(teacher.post("/teach/sets", data=data), "\x1b")
    assert count(app, QuestionSet) == 0
    set_id = create_set(teacher)
    data.update(title="\ufeffNew title", description="")
    refused(teacher.post(f"/teach/sets/{set_id}/settings", data=data), "\ufeff")
    assert names(app, QuestionSet.id) == [set_id]
    data.update(title="مجموعة Iraq\u200f", description="السطر الأول\r\nالسطر الثاني")
    assert teacher.post(f"/teach/sets/{set_id}/settings", data=data).status_code == 302


@pytest.mark.parametrize("field", ["prompt_ar", "options-1-text_en", "explanation_en"])
def test_a_question_with_a_hidden_character_is_refused_and_the_set_unchanged(app, teacher, field):
    set_id = create_set(teacher)
    with app.app_context():
        before = question_sets.content_of(db.session.get(QuestionSet, set_id).latest)
    data = dict(MCQ, **{field: MCQ[field] + "\u202e"})
    refused(teacher.post(f"/teach/sets/{set_id}/questions/new/mcq", data=data), "\u202e")
    refused(teacher.post(f"/teach/sets/{set_id}/questions/1", data=data), "\u202e")
    with app.app_context():
        assert question_sets.content_of(db.session.get(QuestionSet, set_id).latest) == before


def test_a_question_keeps_its_line_breaks_and_arabic_marks(app, teacher):
    set_id = create_set(teacher)
    data = dict(MCQ, prompt_ar="متى بدأ\nغزو العراق\u200f؟", explanation_ar="بدأ في 20 مارس 2003\u200f.")
    assert teacher.post(f"/teach/sets/{set_id}/questions/new/mcq", data=data).status_code == 302


def test_an_assignment_title_is_refused_when_made_and_when_edited(app, teacher, clock):
    class_id, _ = create_class(teacher)
    set_id = create_set(teacher)
    opens = clock.now.replace(tzinfo=None)
    data = {"question_set": str(set_id), "title": "Homework\u200b", "opens_at": opens.strftime("%Y-%m-%dT%H:%M"),
            "closes_at": opens.replace(day=opens.day + 2).strftime("%Y-%m-%dT%H:%M"), "max_attempts": "1",
            "grading_type": "relative_all_previous_and_next", "grading_method": "highest",
            "show_answers": "after_submit"}
    refused(teacher.post(f"/teach/classes/{class_id}/assignments/new", data=data), "\u200b")
    assert count(app, Assignment) == 0
    assignment_id = assign(teacher, class_id, set_id, clock)
    data["title"] = "\u202eHomework"
    refused(teacher.post(f"/teach/assignments/{assignment_id}/edit", data=data), "\u202e")
    assert names(app, Assignment.title) == ["واجب الأسبوع"]


def test_an_article_title_is_refused(app, teacher):
    # (A NUL byte never reaches the form: the input guard refuses it first, tests/web/test_input_guard.py.)
    response = teacher.post("/teach/articles", data={"title": "Article\u202e",
                                                     "text": "في 20 مارس 2003 بدأ الغزو."})
    assert response.status_code == 422 and "U+202E" in page(response)
    assert count(app, ArticleDraft) == 0


def test_a_reviewed_events_title_or_summary_with_a_hidden_character_is_refused(app, teacher):
    response = teacher.post("/teach/articles", data={"title": "مقال", "text": "في 20 مارس 2003 بدأ غزو العراق."},
                            content_type="multipart/form-data")
    url = response.headers["Location"]
    event = {"c1-accept": "y", "c1-date": "2003-03-20", "c1-title_ar": "بدء الغزو\u202e", "c1-summary_ar": "ملخص"}
    refused(teacher.post(url, data=event), "\u202e")
    refused(teacher.post(url, data=dict(event, **{"c1-title_ar": "بدء الغزو", "c1-summary_en": "a\u200bb"})),
            "\u200b")
    with app.app_context():
        assert db.session.execute(db.select(db.func.count()).select_from(ChronologyDocument)
                                  .filter_by(origin="teacher")).scalar_one() == 0
    fine = dict(event, **{"c1-title_ar": "بدء غزو Iraq\u200f", "c1-summary_ar": "السطر الأول\nالسطر الثاني"})
    assert teacher.post(url, data=fine).status_code == 302
