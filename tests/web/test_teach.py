"""A teacher runs a lesson: class, join code, set, assignment, students answering, results, exports."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from openpyxl import load_workbook

from quiz.extensions import db
from quiz.models import Assignment, Attempt, Classroom, QuestionSet, Response, SetVersion
from quiz.services.classes import CODE_ALPHABET
from tests.web.helpers import answer_data, as_shown, login, page, question_form


@pytest.fixture
def clock(clock, school_in_utc):
    """conftest's clock, with the school in UTC so that the times these tests type are the times stored."""
    return clock


@pytest.fixture
def teacher(teacher, huda):
    """Karim, logged in, and a colleague, Huda, on the same server."""
    return teacher


def new_client(app):
    return app.test_client()


def create_class(client, name="الصف العاشر") -> tuple[int, str]:
    response = client.post("/teach/classes", data={"name": name})
    class_id = int(response.headers["Location"].rsplit("/", 1)[1])
    html = page(client.get(f"/teach/classes/{class_id}"))
    code = re.search(r'<p class="join-code" dir="ltr">(\w+)</p>', html).group(1)
    return class_id, code


MCQ = {
    "prompt_ar": "متى بدأ غزو العراق؟", "prompt_en": "When did the invasion of Iraq begin?",
    "options-0-text_ar": "2003", "options-0-text_en": "2003", "options-1-text_ar": "2001", "options-1-text_en": "2001",
    "options-2-text_ar": "2005", "options-2-text_en": "2005", "correct": "1",
    "explanation_ar": "بدأ في 20 مارس 2003.", "explanation_en": "It began on 20 March 2003.",
}
ORDERING = {
    "prompt_ar": "رتّب الأحداث", "prompt_en": "Order the events",
    "options-0-text_ar": "الغزو", "options-0-text_en": "The invasion",
    "options-1-text_ar": "الانسحاب", "options-1-text_en": "The withdrawal",
    "options-2-text_ar": "سقوط الموصل", "options-2-text_en": "The fall of Mosul",
}


def create_set(client, title="مجموعة الغزو") -> int:
    response = client.post("/teach/sets", data={"title": title, "language": "both",
                                                 "grading_type": "relative_all_previous_and_next"})
    set_id = int(response.headers["Location"].rsplit("/", 1)[1])
    assert client.post(f"/teach/sets/{set_id}/questions/new/mcq", data=MCQ).status_code == 302
    assert client.post(f"/teach/sets/{set_id}/questions/new/ordering", data=ORDERING).status_code == 302
    return set_id


def assign(client, class_id, set_id, clock, **overrides) -> int:
    opens = clock.now.replace(tzinfo=None)
    data = {"question_set": str(set_id), "title": "واجب الأسبوع", "opens_at": opens.strftime("%Y-%m-%dT%H:%M"),
            "closes_at": (opens + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M"), "max_attempts": "1",
            "shuffle_questions": "y", "shuffle_options": "y", "grading_type": "relative_all_previous_and_next",
            "show_answers": "after_submit", **overrides}
    response = client.post(f"/teach/classes/{class_id}/assignments/new", data=data)
    assert response.status_code == 302, page(response)
    return int(response.headers["Location"].rsplit("/", 1)[1])


def join(app, code, name):
    student = new_client(app)
    response = student.post("/join", data={"code": code, "display_name": name})
    assert response.status_code == 200, page(response)
    resume_code = re.search(r'<p class="join-code" dir="ltr">([\w-]+)</p>', page(response)).group(1)
    return student, resume_code


def start_assignment(student, assignment_id):
    """Press Start as the student's browser does: on the start page when the assignment has one (a timed
    assignment: the page names the attempt its button begins), else straight from the home page."""
    url = f"/assignments/{assignment_id}/start"
    number = re.search(r'name="attempt_number" value="(\d+)"', page(student.get(url)))
    return student.post(url, data={"attempt_number": number.group(1)} if number else {})


def take(student, assignment_id, *, right=True):
    response = student.post(f"/assignments/{assignment_id}/start")
    url = response.headers["Location"]
    assert url.startswith("/attempts/"), url
    for _ in range(10):
        current = student.get(url)
        if current.status_code == 302:
            break
        form = question_form(page(current))
        with student.application.app_context():
            attempt = db.session.get(Attempt, int(url.rsplit("/", 1)[1]))
            question = next(q for q in attempt.questions if q["id"] == form["question_id"])
        if question["type"] == "mcq":
            choice = question["answer"] if right else next(c["id"] for c in question["choices"]
                                                           if c["id"] != question["answer"])
            data = {"question_id": question["id"], "choice": choice}
        else:
            order = question["answer"] if right else list(reversed(question["answer"]))
            data = answer_data(form, order=order)
        assert student.post(f"{url}/answer", data=data).status_code == 302
    return int(url.rsplit("/", 1)[1])


# -- classes and joining ---------------------------------------------------------------------------------


def test_a_class_gets_a_code_without_look_alikes_a_join_link_and_a_qr_code(teacher):
    class_id, code = create_class(teacher)
    assert len(code) == 6 and set(code) <= set(CODE_ALPHABET)
    assert not set(code) & set("0O1IL5S8BZ2UV")
    html = page(teacher.get(f"/teach/classes/{class_id}"))
    assert f"/join/{code}" in html and "<svg" in html
    projector = page(teacher.get(f"/teach/classes/{class_id}/projector"))
    assert code in projector and "<svg" in projector


def test_students_join_with_code_and_name_and_resume_on_another_device(app, teacher):
    class_id, code = create_class(teacher)
    student, resume_code = join(app, code.lower(), "ليلى")
    assert "ليلى" in page(student.get("/"))
    other_device = new_client(app)
    assert other_device.post("/resume", data={"code": resume_code.replace("-", " ")}).status_code == 302
    assert "ليلى" in page(other_device.get("/"))
    assert new_client(app).post("/resume", data={"code": "AAAAA-AAAAA"}).status_code == 422
    assert "ليلى" in page(teacher.get(f"/teach/classes/{class_id}"))


def test_a_wrong_code_or_missing_name_is_a_clear_error(app, teacher):
    create_class(teacher)
    visitor = new_client(app)
    response = visitor.post("/join", data={"code": "XXXXXX", "display_name": "عمر"})
    assert response.status_code == 422 and 'role="alert"' in page(response)
    assert visitor.post("/join", data={"code": "XXXXXX", "display_name": ""}).status_code == 422


def test_teacher_renames_regenerates_code_removes_student_reissues_code_and_archives(app, teacher):
    class_id, code = create_class(teacher)
    student, old_resume = join(app, code, "عمر")
    teacher.post(f"/teach/classes/{class_id}/rename", data={"name": "الصف الحادي عشر"})
    teacher.post(f"/teach/classes/{class_id}/code")
    with app.app_context():
        classroom = db.session.get(Classroom, class_id)
        assert classroom.name == "الصف الحادي عشر" and classroom.join_code != code
        membership_id = classroom.memberships[0].id
    assert new_client(app).post("/join", data={"code": code, "display_name": "x"}).status_code == 422
    html = page(teacher.post(f"/teach/classes/{class_id}/students/{membership_id}/resume-code"))
    new_resume = re.search(r'<p class="join-code" dir="ltr">([\w-]+)</p>', html).group(1)
    assert new_client(app).post("/resume", data={"code": old_resume}).status_code == 422
    assert new_client(app).post("/resume", data={"code": new_resume}).status_code == 302
    teacher.post(f"/teach/classes/{class_id}/students/{membership_id}/remove")
    with app.app_context():
        assert db.session.get(Classroom, class_id).memberships == []
    teacher.post(f"/teach/classes/{class_id}/archive")
    with app.app_context():
        assert db.session.get(Classroom, class_id).is_archived


# -- sets ------------------------------------------------------------------------------------------------


def test_sets_are_written_with_forms_and_bad_questions_are_refused(app, teacher):
    set_id = create_set(teacher)
    one_option = {**MCQ, "options-1-text_ar": "", "options-1-text_en": "", "options-2-text_ar": "",
                  "options-2-text_en": ""}
    assert teacher.post(f"/teach/sets/{set_id}/questions/new/mcq", data=one_option).status_code == 422
    no_correct = {k: v for k, v in MCQ.items() if k != "correct"}
    assert teacher.post(f"/teach/sets/{set_id}/questions/new/mcq", data=no_correct).status_code == 422
    empty_correct = {**MCQ, "correct": "5"}
    assert teacher.post(f"/teach/sets/{set_id}/questions/new/mcq", data=empty_correct).status_code == 422
    two_items = {k: v for k, v in ORDERING.items() if not k.startswith("options-2")}
    assert teacher.post(f"/teach/sets/{set_id}/questions/new/ordering", data=two_items).status_code == 422
    no_english = {**MCQ, "prompt_en": ""}
    assert teacher.post(f"/teach/sets/{set_id}/questions/new/mcq", data=no_english).status_code == 422
    with app.app_context():
        version = db.session.get(QuestionSet, set_id).latest
        assert len(version.content["questions"]) == 2
    html = page(teacher.get(f"/teach/sets/{set_id}"))
    assert "متى بدأ غزو العراق؟" in html and "سقوط الموصل" in html


def test_the_question_editor_writes_each_language_in_its_own_direction(teacher):
    set_id = create_set(teacher)  # in Arabic and English
    html = page(teacher.get(f"/teach/sets/{set_id}/questions/new/mcq"))
    for field, direction in [("prompt_ar", "rtl"), ("prompt_en", "ltr"), ("explanation_ar", "rtl"),
                             ("explanation_en", "ltr"), ("options-0-text_ar", "rtl"), ("options-0-text_en", "ltr")]:
        tag = re.search(rf'<(?:textarea|input)[^>]*id="{field}"[^>]*>', html).group(0)
        assert f'dir="{direction}"' in tag, tag


def test_edit_duplicate_and_delete(app, teacher):
    set_id = create_set(teacher)
    edited = {**MCQ, "prompt_ar": "في أي عام بدأ الغزو؟"}
    assert teacher.post(f"/teach/sets/{set_id}/questions/1", data=edited).status_code == 302
    assert "في أي عام بدأ الغزو؟" in page(teacher.get(f"/teach/sets/{set_id}"))
    copy = teacher.post(f"/teach/sets/{set_id}/duplicate")
    copy_id = int(copy.headers["Location"].rsplit("/", 1)[1])
    assert copy_id != set_id
    teacher.post(f"/teach/sets/{set_id}/questions/2/delete")
    with app.app_context():
        assert len(db.session.get(QuestionSet, set_id).latest.content["questions"]) == 1
        assert len(db.session.get(QuestionSet, copy_id).latest.content["questions"]) == 2
    teacher.post(f"/teach/sets/{copy_id}/delete")
    assert teacher.get(f"/teach/sets/{copy_id}").status_code == 404


def test_generate_wizard_adds_editable_drafts(app, teacher):
    response = teacher.post("/teach/sets", data={"title": "مولّدة", "language": "ar",
                                                 "grading_type": "all_or_nothing"})
    set_id = int(response.headers["Location"].rsplit("/", 1)[1])
    assert teacher.post(f"/teach/sets/{set_id}/generate", data={"count": "6", "seed": "5",
                                                                 "eras": "war-on-isis"}).status_code == 302
    with app.app_context():
        questions = db.session.get(QuestionSet, set_id).latest.content["questions"]
        assert len(questions) == 6 and all(q["origin"] == "generated" for q in questions)
    assert teacher.get(f"/teach/sets/{set_id}/questions/1").status_code == 200
    too_many = teacher.post(f"/teach/sets/{set_id}/generate", data={"count": "50", "seed": "5", "kinds": "who",
                                                                    "eras": "invasion-occupation"})
    assert too_many.status_code == 422


# -- assignments and results ------------------------------------------------------------------------------


def test_a_whole_lesson(app, teacher, clock):
    class_id, code = create_class(teacher)
    set_id = create_set(teacher)
    assignment_id = assign(teacher, class_id, set_id, clock, max_attempts="2")
    layla, _ = join(app, code, "ليلى")
    omar, _ = join(app, code, "عمر")
    join(app, code, "زينب")  # joins but never starts
    assert "واجب الأسبوع" in page(layla.get("/"))
    take(layla, assignment_id, right=True)
    take(omar, assignment_id, right=False)

    result = page(layla.get("/"))
    assert "100%" in result
    html = page(teacher.get(f"/teach/assignments/{assignment_id}"))
    assert "ليلى" in html and "عمر" in html and "زينب" in html
    assert "100%" in html and "50%" in html  # facility of each question: one right, one wrong
    with app.app_context():
        attempt_id = db.session.execute(db.select(Attempt.id).join(Response).limit(1)).scalar()
    assert teacher.get(f"/teach/assignments/{assignment_id}/attempts/{attempt_id}").status_code == 200

    exported = teacher.get(f"/teach/assignments/{assignment_id}/export.csv")
    raw = exported.get_data()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert ["ليلى", "100.0"] == [rows[1][0], rows[1][3]]
    workbook = load_workbook(io.BytesIO(teacher.get(f"/teach/assignments/{assignment_id}/export.xlsx").get_data()))
    assert workbook.active["A2"].value == "ليلى"
    assert page(teacher.get(f"/teach/classes/{class_id}/overview")).count("%") >= 2


def test_option_ids_do_not_give_away_which_option_the_teacher_wrote_first(app, teacher, clock):
    class_id, code = create_class(teacher)
    set_id = create_set(teacher)
    assignment_id = assign(teacher, class_id, set_id, clock, shuffle_questions="", shuffle_options="")
    student, _ = join(app, code, "ليلى")
    url = student.post(f"/assignments/{assignment_id}/start").headers["Location"]
    ids = question_form(page(student.get(url)))["choices"]
    # Opaque: not the set's positions ("o1", "o2", …), which would name the option the teacher wrote first.
    # (A random id may happen to be all digits, so the test looks for short sequential ones, not for digits.)
    assert len(ids) == 3 and not {f"o{n}" for n in range(10)} & set(ids) and all(len(i) >= 8 for i in ids)
    with app.app_context():
        attempt = db.session.get(Attempt, int(url.rsplit("/", 1)[1]))
        assert attempt.questions[0]["answer"] == ids[0]  # the right answer is first, and nothing says so


def test_a_teachers_question_reads_in_each_students_month_names_and_digits(app, teacher, clock):
    """A teacher may write «٩ نيسان ٢٠٠٣»; a student who chose أبريل and 2003 reads «9 أبريل 2003» on the
    question, the feedback and the review, and one who chose both names and ٢٠٠٣ reads «٩ أبريل (نيسان) ٢٠٠٣»."""
    class_id, code = create_class(teacher)
    response = teacher.post("/teach/sets", data={"title": "سقوط بغداد", "language": "ar",
                                                  "grading_type": "relative_all_previous_and_next"})
    set_id = int(response.headers["Location"].rsplit("/", 1)[1])
    question = {"prompt_ar": "متى دخلت القوات الأمريكية وسط بغداد؟", "correct": "1",
                "options-0-text_ar": "٩ نيسان ٢٠٠٣", "options-1-text_ar": "١ أيار ٢٠٠٣",
                "options-2-text_ar": "١٣ كانون الأول ٢٠٠٣", "explanation_ar": "دخلتها في ٩ نيسان ٢٠٠٣."}
    assert teacher.post(f"/teach/sets/{set_id}/questions/new/mcq", data=question).status_code == 302
    assignment_id = assign(teacher, class_id, set_id, clock, show_answers="immediately")
    for name, month_style, digits, date in [("ليلى", "gregorian", "western", "9 أبريل 2003"),
                                            ("عمر", "both", "eastern", "٩ أبريل (نيسان) ٢٠٠٣")]:
        student, _ = join(app, code, name)
        student.post("/prefs/", data={"lang": "ar", "month_style": month_style, "digits": digits})
        url = student.post(f"/assignments/{assignment_id}/start").headers["Location"]
        html = page(student.get(url))
        answered = student.post(f"{url}/answer", data=answer_data(question_form(html)))
        feedback = page(student.get(answered.headers["Location"]))
        review = page(student.get(f"{url}/result"))
        for shown in (html, feedback, review):
            assert date in shown and "١ أيار ٢٠٠٣" not in shown
        assert f"دخلتها في {date}." in feedback and f"دخلتها في {date}." in review


def test_the_time_limit_is_enforced_on_the_server(app, teacher, clock):
    class_id, code = create_class(teacher)
    set_id = create_set(teacher)
    assignment_id = assign(teacher, class_id, set_id, clock, time_limit_minutes="10")
    student, _ = join(app, code, "ليلى")
    # Timed: started from its start page (tests/web/test_timed_attempts.py), which names the attempt it starts.
    url = student.post(f"/assignments/{assignment_id}/start", data={"attempt_number": "1"}).headers["Location"]
    form = question_form(page(student.get(url)))
    assert "data-seconds-left=\"600\"" in page(student.get(url))
    clock.advance(minutes=11)
    response = student.post(f"{url}/answer", data=answer_data(form))
    # Refused with a reason, in the learner's language, on the time's-up page with the result.
    assert response.status_code == 409
    assert "انتهى الوقت" in page(response) and "score-big" in page(response)
    with app.app_context():
        attempt = db.session.get(Attempt, int(url.rsplit("/", 1)[1]))
        assert attempt.is_finished and attempt.responses == []
        assert attempt.finished_at.replace(tzinfo=dt.timezone.utc) == dt.datetime(2026, 3, 1, 9, 10,
                                                                                  tzinfo=dt.timezone.utc)


def test_the_window_and_the_attempt_count_are_enforced(app, teacher, clock):
    class_id, code = create_class(teacher)
    set_id = create_set(teacher)
    opens = (clock.now + dt.timedelta(hours=1)).replace(tzinfo=None)
    assignment_id = assign(teacher, class_id, set_id, clock, opens_at=opens.strftime("%Y-%m-%dT%H:%M"),
                           closes_at=(opens + dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"))
    student, _ = join(app, code, "ليلى")
    assert student.post(f"/assignments/{assignment_id}/start").headers["Location"] == "/"
    clock.advance(minutes=61)
    take(student, assignment_id)
    assert student.post(f"/assignments/{assignment_id}/start").headers["Location"] == "/"  # no attempts left
    clock.advance(hours=2)
    with app.app_context():
        assert db.session.execute(db.select(db.func.count()).select_from(Attempt)).scalar() == 1


def test_an_unfinished_attempt_closes_itself_at_the_closing_time(app, teacher, clock):
    class_id, code = create_class(teacher)
    set_id = create_set(teacher)
    assignment_id = assign(teacher, class_id, set_id, clock)
    student, _ = join(app, code, "ليلى")
    url = student.post(f"/assignments/{assignment_id}/start").headers["Location"]
    clock.advance(days=3)
    teacher.get(f"/teach/assignments/{assignment_id}")
    with app.app_context():
        assert db.session.get(Attempt, int(url.rsplit("/", 1)[1])).is_finished


def test_answers_stay_hidden_until_the_policy_allows(app, teacher, clock):
    class_id, code = create_class(teacher)
    set_id = create_set(teacher)
    assignment_id = assign(teacher, class_id, set_id, clock, show_answers="after_close")
    student, _ = join(app, code, "ليلى")
    attempt_id = take(student, assignment_id)
    result = page(student.get(f"/attempts/{attempt_id}/result"))
    explanation = as_shown(app, "بدأ في 20 مارس 2003.")
    assert explanation not in result and "بدأ في" not in result  # the explanation
    clock.advance(days=3)
    assert explanation in page(student.get(f"/attempts/{attempt_id}/result"))


def test_editing_an_answered_set_makes_a_new_version_and_old_results_keep_theirs(app, teacher, clock):
    class_id, code = create_class(teacher)
    set_id = create_set(teacher)
    assignment_id = assign(teacher, class_id, set_id, clock)
    student, _ = join(app, code, "ليلى")
    attempt_id = take(student, assignment_id)
    teacher.post(f"/teach/sets/{set_id}/questions/1", data={**MCQ, "prompt_ar": "سؤال معدّل"})
    with app.app_context():
        versions = db.session.execute(db.select(SetVersion).filter_by(set_id=set_id)).scalars().all()
        assert [v.number for v in versions] == [1, 2]
        assert versions[0].content["questions"][0]["prompt_ar"] == "متى بدأ غزو العراق؟"
        assert db.session.get(Assignment, assignment_id).set_version_id == versions[0].id
        attempt = db.session.get(Attempt, attempt_id)
        assert any(q["prompt_ar"] == "متى بدأ غزو العراق؟" for q in attempt.questions)
    assert "متى بدأ غزو العراق؟" in page(teacher.get(f"/teach/assignments/{assignment_id}"))


# -- who may see what ---------------------------------------------------------------------------------------


TEACHER_GETS = ["/teach/", "/teach/sets", "/teach/classes/{c}", "/teach/classes/{c}/projector",
                "/teach/classes/{c}/overview", "/teach/sets/{s}", "/teach/sets/{s}/settings",
                "/teach/sets/{s}/generate", "/teach/sets/{s}/questions/1", "/teach/classes/{c}/assignments/new",
                "/teach/assignments/{a}", "/teach/assignments/{a}/export.csv"]
TEACHER_POSTS = ["/teach/classes", "/teach/classes/{c}/rename", "/teach/classes/{c}/code",
                 "/teach/classes/{c}/archive", "/teach/sets/{s}/delete", "/teach/sets/{s}/questions/1/delete"]


def test_access_matrix(app, teacher, clock):
    class_id, code = create_class(teacher)
    set_id = create_set(teacher)
    assignment_id = assign(teacher, class_id, set_id, clock)
    ids = {"c": class_id, "s": set_id, "a": assignment_id}
    student, _ = join(app, code, "ليلى")
    attempt_id = take(student, assignment_id)
    learner = new_client(app)
    learner.post("/signup", data={"username": "sami", "display_name": "سامي", "password": "a long password",
                                  "confirm": "a long password"})
    colleague = new_client(app)
    login(colleague, "huda", "teach-history")
    anonymous = new_client(app)

    for path in TEACHER_GETS:
        url = path.format(**ids)
        assert teacher.get(url).status_code == 200, url
        assert student.get(url).status_code == 403, url  # the page for non-teachers, whatever the ids
        assert learner.get(url).status_code == 403, url
        assert anonymous.get(url).status_code == 302, url  # to the log-in page
        if "{" in path or "classes" in path and path != "/teach/":
            expected = {200} if path in ("/teach/", "/teach/sets") else {404}
            assert colleague.get(url).status_code in expected, url
    for path in TEACHER_POSTS:
        url = path.format(**ids)
        assert student.post(url).status_code == 403, url
        assert learner.post(url).status_code == 403, url
        if "{" in path:
            assert colleague.post(url, data={"name": "x"}).status_code == 404, url
    # Students: their own attempt only.
    other, _ = join(app, code, "عمر")
    assert student.get(f"/attempts/{attempt_id}/result").status_code == 200
    assert other.get(f"/attempts/{attempt_id}/result").status_code == 404
    assert learner.post(f"/assignments/{assignment_id}/start").status_code == 404


def test_every_teacher_url_is_behind_the_one_guard(app):
    """Every /teach route belongs to the teach blueprint, so its guard runs before any view or loader: a visitor
    goes to the log-in page and a learner gets the page for non-teachers (403), for every URL and method, whatever
    the ids."""
    learner = new_client(app)
    learner.post("/signup", data={"username": "sami", "display_name": "سامي", "password": "a long password",
                                  "confirm": "a long password"})
    anonymous = new_client(app)
    rules = [rule for rule in app.url_map.iter_rules() if rule.rule.startswith("/teach")]
    assert len(rules) > 30
    for rule in rules:
        assert rule.endpoint.startswith("teach."), rule.rule
        url = rule.rule
        for argument in rule.arguments:
            url = re.sub(rf"<(?:\w+:)?{argument}>", "1", url)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            assert learner.open(url, method=method).status_code == 403, (method, url)
            response = anonymous.open(url, method=method)
            assert response.status_code == 302 and "/login" in response.headers["Location"], (method, url)


def test_shared_sets_can_be_read_and_duplicated_by_colleagues_but_not_changed(app, teacher):
    set_id = create_set(teacher)
    colleague = new_client(app)
    login(colleague, "huda", "teach-history")
    assert colleague.get(f"/teach/sets/{set_id}").status_code == 404
    teacher.post(f"/teach/sets/{set_id}/settings", data={"title": "مجموعة الغزو", "language": "both",
                                                         "grading_type": "all_or_nothing", "shared": "y"})
    assert colleague.get(f"/teach/sets/{set_id}").status_code == 200
    assert colleague.post(f"/teach/sets/{set_id}/questions/1", data=MCQ).status_code == 404
    assert colleague.post(f"/teach/sets/{set_id}/duplicate").status_code == 302


def test_demo_data_gives_a_populated_dashboard(app):
    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    assert "teacher / chronoquiz-teacher" in result.output
    client = app.test_client()
    login(client, "teacher", "chronoquiz-teacher")
    dashboard = page(client.get("/teach/"))
    assert "الصف العاشر - أ" in dashboard
    with app.app_context():
        assignment_id = db.session.execute(db.select(Assignment.id)).scalar_one()
    results = page(client.get(f"/teach/assignments/{assignment_id}"))
    assert results.count("✔</span> ") >= 4
    again = app.test_cli_runner().invoke(args=["demo"])
    assert "already present" in again.output


def test_a_set_prints_as_a_paper_test_with_and_without_the_key(teacher):
    set_id = create_set(teacher)
    paper = page(teacher.get(f"/teach/sets/{set_id}/print"))
    key = page(teacher.get(f"/teach/sets/{set_id}/print?answers=1"))
    assert "متى بدأ غزو العراق؟" in paper and "✔" not in paper
    assert "✔" in key and as_shown(teacher.application, "بدأ في 20 مارس 2003.") in key
    items = paper[paper.index('<ul class="paper-items">'):]
    items = items[:items.index("</ul>")]
    positions = [items.index(text) for text in ("الغزو", "الانسحاب", "سقوط الموصل")]
    assert positions != sorted(positions), "an ordering question is never printed in its correct order"


def paper_letters(html: str) -> list[str]:
    return re.findall(r'<span class="paper-letter">([^<]+)\)</span>', html)


def test_a_paper_labels_options_with_the_letters_of_its_language(teacher):
    """An Arabic paper reads أ) ب) ج) (abjad order, as Arabic tests do), an English one a) b) c)."""
    set_id = create_set(teacher)  # in Arabic and English
    assert paper_letters(page(teacher.get(f"/teach/sets/{set_id}/print"))) == ["أ", "ب", "ج"]
    teacher.post("/prefs/", data={"lang": "en", "month_style": "gregorian", "digits": "western"})
    english = page(teacher.get(f"/teach/sets/{set_id}/print?answers=1"))
    assert paper_letters(english) == ["a", "b", "c"] and "When did the invasion of Iraq begin?" in english


def test_an_arabic_only_set_prints_as_an_arabic_paper_from_the_english_pages(teacher):
    response = teacher.post("/teach/sets", data={"title": "الحقب", "language": "ar",
                                                 "grading_type": "relative_all_previous_and_next"})
    set_id = int(response.headers["Location"].rsplit("/", 1)[1])
    eras = ["الغزو", "الحرب الطائفية", "الانسحاب", "داعش", "بين واشنطن وطهران", "نهاية المهمة"]
    question = {"prompt_ar": "أي حقبة بدأت في 2014؟", "correct": "3",
                **{f"options-{i}-text_ar": era for i, era in enumerate(eras)}}
    assert teacher.post(f"/teach/sets/{set_id}/questions/new/mcq", data=question).status_code == 302
    teacher.post("/prefs/", data={"lang": "en", "month_style": "gregorian", "digits": "western"})
    paper = page(teacher.get(f"/teach/sets/{set_id}/print"))
    assert '<article class="paper-test" lang="ar" dir="rtl">' in paper
    assert paper_letters(paper) == ["أ", "ب", "ج", "د", "هـ", "و"]


def test_an_options_request_from_a_visitor_to_a_teacher_page_is_not_an_error(client):
    assert client.options("/teach/").status_code == 404
