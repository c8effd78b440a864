"""Several correct answers and true/false through the whole product: a teacher writes and edits them, students
answer them in an assignment (checkboxes; two big buttons), see their partial score and which options were
right, the teacher reads the item analysis and the exports, and fixes a key with a regrade. The question page
never carries the key; a retried answer counts once."""

from __future__ import annotations

import csv
import html as html_lib
import io
import re

import pytest
from openpyxl import load_workbook
from werkzeug.datastructures import MultiDict

from quiz.extensions import db
from quiz.models import Attempt, QuestionSet, Response
from tests.web.helpers import page, question_form
from tests.web.test_teach import assign, create_class, join

ENGLISH = {"lang": "en", "month_style": "both", "digits": "western"}

# Which of these were Abbasid caliphs? Harun and al-Ma'mun were; Muawiya and Abd al-Malik were Umayyads.
MULTI = {
    "prompt_ar": "أيّ هؤلاء كانوا خلفاء عباسيين؟", "prompt_en": "Which of these were Abbasid caliphs?",
    "options-0-text_ar": "هارون الرشيد", "options-0-text_en": "Harun al-Rashid",
    "options-1-text_ar": "معاوية", "options-1-text_en": "Muawiya",
    "options-2-text_ar": "المأمون", "options-2-text_en": "al-Ma'mun",
    "options-3-text_ar": "عبد الملك", "options-3-text_en": "Abd al-Malik",
    "options-0-right": "y", "options-2-right": "y",
    "explanation_ar": "معاوية وعبد الملك أمويّان.", "explanation_en": "Muawiya and Abd al-Malik were Umayyads.",
}
TRUEFALSE = {
    "prompt_ar": "سقطت بغداد في أبريل 2003.", "prompt_en": "Baghdad fell in April 2003.", "correct": "1",
    "explanation_ar": "في 9 أبريل 2003.", "explanation_en": "On 9 April 2003.",
}


@pytest.fixture
def clock(clock, school_in_utc):
    return clock


@pytest.fixture
def teacher(teacher):
    teacher.post("/prefs/", data=ENGLISH)
    return teacher


def new_set(client, **questions: dict) -> int:
    """A set in Arabic and English with the given questions (type -> form), in that order."""
    response = client.post("/teach/sets", data={"title": "العباسيون", "language": "both",
                                                 "grading_type": "relative_all_previous_and_next"})
    set_id = int(response.headers["Location"].rsplit("/", 1)[1])
    for kind, data in questions.items():
        response = client.post(f"/teach/sets/{set_id}/questions/new/{kind}", data=data)
        assert response.status_code == 302, page(response)
    return set_id


def text(response) -> str:
    """A page's words, without tags (a message's parameters come wrapped in <bdi>)."""
    return html_lib.unescape(re.sub(r"<[^>]+>", "", page(response)))


def stored(app, set_id: int) -> list[dict]:
    with app.app_context():
        return db.session.get(QuestionSet, set_id).latest.content["questions"]


# -- authoring ---------------------------------------------------------------------------------------------


def test_the_set_page_offers_both_new_types(teacher):
    set_id = new_set(teacher)
    html = page(teacher.get(f"/teach/sets/{set_id}"))
    for kind in ("multi", "truefalse"):
        assert f"/teach/sets/{set_id}/questions/new/{kind}" in html
    assert teacher.get(f"/teach/sets/{set_id}/questions/new/multi").status_code == 200
    assert teacher.get(f"/teach/sets/{set_id}/questions/new/truefalse").status_code == 200


def test_ticking_the_right_options_gives_the_default_marks_and_the_editor_shows_them_again(app, teacher):
    set_id = new_set(teacher, multi=MULTI)
    [question] = stored(app, set_id)
    assert question["type"] == "multi" and question["correct"] is None
    assert [o["fraction"] for o in question["options"]] == [0.5, -0.5, 0.5, -0.5]
    html = page(teacher.get(f"/teach/sets/{set_id}/questions/1"))
    boxes = re.findall(r'<input[^>]*id="options-(\d)-right"[^>]*>', html)
    assert len(boxes) == 8
    assert [n for n in boxes if re.search(rf'<input[^>]*checked[^>]*id="options-{n}-right"|'
                                           rf'<input[^>]*id="options-{n}-right"[^>]*checked', html)] == ["0", "2"]
    assert "<details class=\"advanced-marks\">" in html  # default marks: "Advanced" stays closed
    set_page = page(teacher.get(f"/teach/sets/{set_id}"))
    assert "several correct answers" in set_page and "50%" in set_page and "-50%" in set_page


def test_moodle_percentages_may_be_written_in_arabic_digits_and_win_over_the_boxes(app, teacher):
    advanced = {**MULTI, "options-0-percent": "٧٥", "options-1-percent": "-100", "options-2-percent": "25",
                "options-3-percent": ""}
    set_id = new_set(teacher, multi=advanced)
    assert [o["fraction"] for o in stored(app, set_id)[0]["options"]] == [0.75, -1.0, 0.25, 0.0]
    html = page(teacher.get(f"/teach/sets/{set_id}/questions/1"))
    assert "<details class=\"advanced-marks\" open>" in html and 'value="75"' in html


@pytest.mark.parametrize("change, message", [
    ({"options-0-percent": "50", "options-2-percent": "20"}, "the right options' shares must add up to 100%"),
    ({"options-0-percent": "150", "options-2-percent": "-50"},
     "an option's share of the mark must be between -100% and 100%"),
    ({"options-0-percent": "half"}, "Write the share as a number of per cent, such as 50 or -25."),
    ({"options-0-right": "", "options-2-right": ""}, "Tick at least one right option."),
    ({"options-1-text_ar": "", "options-1-text_en": "", "options-2-text_ar": "", "options-2-text_en": "",
      "options-3-text_ar": "", "options-3-text_en": ""},
     "a question with several correct answers needs 2 to 8 options"),
])
def test_a_several_answer_question_that_breaks_the_rules_is_refused_with_the_reason(app, teacher, change, message):
    set_id = new_set(teacher)
    data = {key: value for key, value in {**MULTI, **change}.items() if value}
    response = teacher.post(f"/teach/sets/{set_id}/questions/new/multi", data=data)
    assert response.status_code == 422
    assert message in text(response)
    assert stored(app, set_id) == []


def test_a_true_false_question_is_a_statement_marked_true_or_false(app, teacher):
    set_id = new_set(teacher, truefalse=TRUEFALSE)
    [question] = stored(app, set_id)
    assert (question["type"], question["correct"], question["options"]) == ("truefalse", 0, [])
    html = page(teacher.get(f"/teach/sets/{set_id}/questions/1"))
    assert re.search(r'name="correct" value="1"\s+checked', html) and 'name="options-0-text_ar"' not in html
    assert teacher.post(f"/teach/sets/{set_id}/questions/1", data={**TRUEFALSE, "correct": "2"}).status_code == 302
    assert stored(app, set_id)[0]["correct"] == 1
    unmarked = {k: v for k, v in TRUEFALSE.items() if k != "correct"}
    response = teacher.post(f"/teach/sets/{set_id}/questions/new/truefalse", data=unmarked)
    assert response.status_code == 422 and "Mark the statement true or false." in text(response)
    assert teacher.post(f"/teach/sets/{set_id}/questions/new/truefalse",
                        data={**TRUEFALSE, "correct": "3"}).status_code == 422
    assert len(stored(app, set_id)) == 1


def test_the_paper_test_and_its_key_show_both_types(teacher):
    set_id = new_set(teacher, multi=MULTI, truefalse=TRUEFALSE)
    paper = page(teacher.get(f"/teach/sets/{set_id}/print"))
    assert "Tick all that apply." in paper and "✔" not in paper
    key = page(teacher.get(f"/teach/sets/{set_id}/print?answers=1"))
    assert key.count("✔") == 3  # two right options, and "true"


# -- taking, feedback, review --------------------------------------------------------------------------------


@pytest.fixture
def lesson(app, teacher, clock):
    """A class with an assignment of one several-answer and one true/false question, answers shown after
    each question; a student, Laila, reading in English, at the start of her attempt."""
    class_id, code = create_class(teacher)
    set_id = new_set(teacher, multi=MULTI, truefalse=TRUEFALSE)
    assignment_id = assign(teacher, class_id, set_id, clock, show_answers="immediately", shuffle_questions="")
    student, _ = join(app, code, "ليلى")
    student.post("/prefs/", data=ENGLISH)
    url = student.post(f"/assignments/{assignment_id}/start").headers["Location"]
    return {"set_id": set_id, "assignment_id": assignment_id, "student": student, "url": url,
            "attempt_id": int(url.rsplit("/", 1)[1]), "class_id": class_id, "code": code}


def served(app, attempt_id: int, qtype: str) -> dict:
    with app.app_context():
        return next(q for q in db.session.get(Attempt, attempt_id).questions if q["type"] == qtype)


def ids_of(question: dict, *texts: str) -> list[str]:
    return [c["id"] for c in question["choices"] if c["text_en"] in texts]


def answer_multi(student, url: str, question: dict, *texts: str):
    data = MultiDict([("question_id", question["id"]), *(("choice", i) for i in ids_of(question, *texts))])
    return student.post(f"{url}/answer", data=data)


def responses(app, attempt_id: int) -> list[Response]:
    with app.app_context():
        return db.session.execute(db.select(Response).filter_by(attempt_id=attempt_id)).scalars().all()


def test_a_several_answer_question_is_checkboxes_and_its_page_carries_no_key(app, lesson):
    html = page(lesson["student"].get(lesson["url"]))
    question = served(app, lesson["attempt_id"], "multi")
    assert question_form(html)["question_id"] == question["id"]
    assert html.count('type="checkbox" name="choice"') == 4 and 'type="radio"' not in html
    assert re.search(r"<fieldset[^>]*>\s*<legend", html) and "Tick all that apply." in html
    for leak in ("fraction", "0.5", "50%", "is-key", "right answer", "checked"):
        assert leak not in html
    assert "Muawiya" in html and "Umayyads" not in html  # the explanation comes after answering


def test_a_partly_right_answer_scores_its_share_and_the_review_shows_what_was_right(app, lesson):
    student, url = lesson["student"], lesson["url"]
    question = served(app, lesson["attempt_id"], "multi")
    response = answer_multi(student, url, question, "Harun al-Rashid")
    assert response.status_code == 302
    [given] = responses(app, lesson["attempt_id"])
    assert (given.points, given.max_points, given.correct) == (0.5, 1.0, False)
    assert given.answer == ids_of(question, "Harun al-Rashid")
    feedback = text(student.get(response.headers["Location"]))
    assert "Partly right: 50%" in feedback and "Umayyads" in feedback
    assert feedback.count("right answer") == 2 and "not ticked" in feedback


def test_a_retried_several_answer_submission_counts_once(app, lesson):
    student, url = lesson["student"], lesson["url"]
    question = served(app, lesson["attempt_id"], "multi")
    assert answer_multi(student, url, question, "Harun al-Rashid", "al-Ma'mun").status_code == 302
    assert answer_multi(student, url, question, "Muawiya").status_code == 302  # the same form sent again, changed
    [given] = responses(app, lesson["attempt_id"])
    assert (given.points, given.correct) == (1.0, True)


def test_a_several_answer_submission_with_nothing_ticked_is_asked_again(app, lesson):
    student, url = lesson["student"], lesson["url"]
    question = served(app, lesson["attempt_id"], "multi")
    response = answer_multi(student, url, question)
    assert response.status_code == 422
    assert "Tick at least one option: every option that applies." in text(response)
    assert responses(app, lesson["attempt_id"]) == []
    stranger = MultiDict([("question_id", question["id"]), ("choice", "o-not-an-option")])
    assert student.post(f"{url}/answer", data=stranger).status_code == 422
    assert responses(app, lesson["attempt_id"]) == []


def test_true_false_is_two_buttons_true_then_false_and_scores_like_one_choice(app, lesson):
    student, url = lesson["student"], lesson["url"]
    answer_multi(student, url, served(app, lesson["attempt_id"], "multi"), "Harun al-Rashid", "al-Ma'mun")
    html = page(student.get(url))
    question = served(app, lesson["attempt_id"], "truefalse")
    assert question_form(html) == {"question_id": question["id"], "choices": [c["id"] for c in question["choices"]],
                                   "items": []}
    assert [c["text_en"] for c in question["choices"]] == ["True", "False"]
    assert re.findall(r'<span>(True|False)</span>', html) == ["True", "False"] and "choices-truefalse" in html
    assert "right answer" not in html
    false_id = question["choices"][1]["id"]
    response = student.post(f"{url}/answer", data={"question_id": question["id"], "choice": false_id})
    assert response.status_code == 302
    given = {r.question_id: r for r in responses(app, lesson["attempt_id"])}[question["id"]]
    assert (given.points, given.correct) == (0.0, False)
    with app.app_context():
        assert db.session.get(Attempt, lesson["attempt_id"]).score == 0.5  # 1 of 2 questions, over the attempt
    result = text(student.get(f"/attempts/{lesson['attempt_id']}/result"))
    assert "Not right" in result and "right answer" in result


# -- the teacher's results ---------------------------------------------------------------------------------


def take_as(app, code: str, assignment_id: int, name: str, ticks: tuple[str, ...], true: bool) -> int:
    """A student joins and answers both questions: the several-answer one with these ticks, then true or false."""
    student, _ = join(app, code, name)
    url = student.post(f"/assignments/{assignment_id}/start").headers["Location"]
    attempt_id = int(url.rsplit("/", 1)[1])
    assert answer_multi(student, url, served(app, attempt_id, "multi"), *ticks).status_code == 302
    question = served(app, attempt_id, "truefalse")
    choice = question["choices"][0 if true else 1]["id"]
    assert student.post(f"{url}/answer", data={"question_id": question["id"], "choice": choice}).status_code == 302
    return attempt_id


@pytest.fixture
def answered(app, teacher, lesson):
    """Three students answered: all right; half right and false; every box ticked and true."""
    take_as(app, lesson["code"], lesson["assignment_id"], "عمر", ("Harun al-Rashid", "al-Ma'mun"), True)
    take_as(app, lesson["code"], lesson["assignment_id"], "سامي", ("Harun al-Rashid",), False)
    take_as(app, lesson["code"], lesson["assignment_id"], "هدى",
            ("Harun al-Rashid", "Muawiya", "al-Ma'mun", "Abd al-Malik"), True)
    return lesson


def test_item_analysis_counts_each_ticked_box_and_the_true_false_split(app, teacher, answered):
    html = page(teacher.get(f"/teach/assignments/{answered['assignment_id']}"))
    words = " ".join(text(teacher.get(f"/teach/assignments/{answered['assignment_id']}")).split())
    assert "How often each option was picked" in words
    # Harun: 3 of 3 ticked; Muawiya, Abd al-Malik: 1; al-Ma'mun: 2. Mean score (1 + 0.5 + 0) / 3.
    for option, count in [("Harun al-Rashid", 3), ("Muawiya", 1), ("al-Ma&#39;mun", 2), ("Abd al-Malik", 1)]:
        assert re.search(rf"{re.escape(option)}.{{0,400}}?{count} \(", html, re.S), option
    assert "Mean score: 50%" in words
    assert re.search(r"True.{0,400}?2 \(67%\)", html, re.S) and re.search(r"False.{0,400}?1 \(33%\)", html, re.S)


def test_the_spreadsheet_writes_each_answer_readably_with_its_score_as_a_fraction(app, teacher, answered):
    teacher.post("/prefs/", data={**ENGLISH, "lang": "ar"})
    response = teacher.get(f"/teach/assignments/{answered['assignment_id']}/export.xlsx")
    workbook = load_workbook(io.BytesIO(response.data))
    rows = list(workbook.worksheets[2].iter_rows(values_only=True))
    assert len(rows) == 1 + 3 * 2
    body = {(r[0], r[1]): r[3:] for r in rows[1:]}
    assert body[("سامي", 1)] == ("هارون الرشيد", 0.5)
    assert body[("عمر", 1)][1] == 1.0 and sorted(body[("عمر", 1)][0].split("، ")) == ["المأمون", "هارون الرشيد"]
    assert body[("هدى", 1)][1] == 0.0 and body[("سامي", 2)] == ("خطأ", 0.0) and body[("عمر", 2)] == ("صواب", 1.0)
    csv_rows = list(csv.reader(io.StringIO(
        teacher.get(f"/teach/assignments/{answered['assignment_id']}/export.csv").data.decode("utf-8-sig"))))
    # Laila has not finished; Omar 2 of 2; Sami ½ + 0; Huda 0 + 1.
    assert [row[3] for row in csv_rows[1:]] == ["", "100.0", "25.0", "50.0"]
    every_answer = teacher.get(f"/teach/assignments/{answered['assignment_id']}/export.answers.csv")
    assert every_answer.status_code == 200 and every_answer.mimetype == "text/csv"
    answer_rows = list(csv.reader(io.StringIO(every_answer.data.decode("utf-8-sig"))))
    assert ["سامي", "1", MULTI["prompt_ar"], "هارون الرشيد", "0.5"] in answer_rows
    assert ["سامي", "2", TRUEFALSE["prompt_ar"], "خطأ", "0.0"] in answer_rows and len(answer_rows) == 7


def test_the_teacher_sees_one_students_ticks_and_partial_score(app, teacher, answered):
    with app.app_context():
        attempt = db.session.execute(db.select(Attempt).filter_by(assignment_id=answered["assignment_id"])
                                     .order_by(Attempt.id.desc())).scalars().first()
        attempt_id = attempt.id
    words = " ".join(text(teacher.get(f"/teach/assignments/{answered['assignment_id']}/attempts/{attempt_id}"))
                     .split())
    assert "Not right" in words and "your answer" in words and "Muawiya" in words


# -- regrade -------------------------------------------------------------------------------------------------


def regrade_form(client, assignment_id: int) -> dict:
    html = page(client.get(f"/teach/assignments/{assignment_id}/regrade"))
    return {name: re.search(rf'name="{name}" type="hidden" value="([^"]*)"', html).group(1)
            for name in ("from_version", "to_version")}


def scores(app, *attempt_ids: int) -> list[float | None]:
    with app.app_context():
        return [db.session.get(Attempt, attempt_id).score for attempt_id in attempt_ids]


def test_fixing_which_options_are_right_regrades_the_answers_given(app, teacher, clock):
    """The teacher ticked Muawiya instead of al-Ma'mun and marked the statement false; three students answered;
    the teacher fixes both keys and regrades: every score follows the fixed keys, once."""
    wrong_multi = {**MULTI, "options-1-right": "y", "options-2-right": ""}
    class_id, code = create_class(teacher)
    set_id = new_set(teacher, multi=wrong_multi, truefalse={**TRUEFALSE, "correct": "2"})
    assignment_id = assign(teacher, class_id, set_id, clock)
    omar = take_as(app, code, assignment_id, "عمر", ("Harun al-Rashid", "al-Ma'mun"), True)
    sami = take_as(app, code, assignment_id, "سامي", ("Harun al-Rashid", "Muawiya"), False)
    laila = take_as(app, code, assignment_id, "ليلى", ("Harun al-Rashid",), True)
    assert scores(app, omar, sami, laila) == [0.0, 1.0, 0.25]
    assert teacher.post(f"/teach/sets/{set_id}/questions/1", data=MULTI).status_code == 302
    assert teacher.post(f"/teach/sets/{set_id}/questions/2", data=TRUEFALSE).status_code == 302
    form = regrade_form(teacher, assignment_id)
    assert teacher.post(f"/teach/assignments/{assignment_id}/regrade", data=form).status_code == 302
    # Omar: 1 + 1; Sami: ½ − ½ + 0; Laila: ½ + 1.
    assert scores(app, omar, sami, laila) == [1.0, 0.0, 0.75]
    assert teacher.post(f"/teach/assignments/{assignment_id}/regrade", data=form).status_code == 302
    assert scores(app, omar, sami, laila) == [1.0, 0.0, 0.75]  # a second click changes nothing
    with app.app_context():
        given = db.session.execute(db.select(Response).filter_by(attempt_id=laila)).scalars().all()
        assert sorted((r.points, r.correct) for r in given) == [(0.5, False), (1.0, True)]


# -- live lessons ------------------------------------------------------------------------------------------


def test_a_live_lesson_plays_both_types_with_partial_points_and_a_chart_of_the_ticks(app, teacher, clock):
    from tests.web.test_live import control, current_question, player, start_game

    set_id = new_set(teacher, multi=MULTI, truefalse=TRUEFALSE)
    game_id, code = start_game(teacher, set_id, shuffle_questions="")
    sara, omar = player(app, code, "سارة"), player(app, code, "Omar")
    assert control(teacher, game_id, "start").status_code == 302
    first = current_question(app, game_id)
    assert first["type"] == "multi"
    screen = page(sara.get(f"/live/{code}"))
    assert screen.count('type="checkbox" name="choice"') == 4 and "is-key" not in screen and "0.5" not in screen
    assert "Tick all that apply." in page(teacher.get(f"/teach/live/{game_id}"))  # on the projector too
    for phone, ticks in ((sara, ("Harun al-Rashid", "al-Ma'mun")), (omar, ("Harun al-Rashid",))):
        data = MultiDict([("question_id", first["id"]), *(("choice", i) for i in ids_of(first, *ticks))])
        assert phone.post(f"/live/{code}/answer", data=data).status_code == 302
        assert phone.post(f"/live/{code}/answer", data=data).status_code in (302, 409)  # sent twice: once
    assert control(teacher, game_id, "close").status_code == 302
    reveal = page(teacher.get(f"/teach/live/{game_id}"))
    assert "live-answers" in reveal
    assert re.search(r"Harun al-Rashid.{0,400}?2 \(100%\)", reveal, re.S)
    assert "verdict-partial" in page(omar.get(f"/live/{code}"))
    assert control(teacher, game_id, "next").status_code == 302
    second = current_question(app, game_id)
    assert second["type"] == "truefalse" and "choices-truefalse" in page(sara.get(f"/live/{code}"))
    data = {"question_id": second["id"], "choice": second["choices"][0]["id"]}
    assert sara.post(f"/live/{code}/answer", data=data).status_code == 302
    with app.app_context():
        from quiz.models.live import LivePlayer

        given = db.session.execute(db.select(Response).join(LivePlayer, LivePlayer.attempt_id == Response.attempt_id)
                                   .where(LivePlayer.game_id == game_id)).scalars().all()
        assert sorted((r.points, r.correct) for r in given) == [(0.5, False), (1.0, True), (1.0, True)]


# -- spaced review -------------------------------------------------------------------------------------------


def test_a_partly_right_several_answer_response_comes_back_in_review_as_a_wrong_one(app, lesson, clock):
    from quiz.models import ReviewCard

    student, url = lesson["student"], lesson["url"]
    multi, statement = served(app, lesson["attempt_id"], "multi"), served(app, lesson["attempt_id"], "truefalse")
    answer_multi(student, url, multi, "Harun al-Rashid")  # half right
    student.post(f"{url}/answer", data={"question_id": statement["id"], "choice": statement["choices"][0]["id"]})
    with app.app_context():
        cards = {c.event_id: c for c in db.session.execute(
            db.select(ReviewCard).filter_by(chronology_slug="@questions")).scalars()}
        assert (cards[multi["id"]].lapses, cards[statement["id"]].lapses) == (1, 0)
    clock.advance(days=3)
    assert student.post("/review").status_code == 302
    with app.app_context():
        review = db.session.execute(db.select(Attempt).filter_by(kind="review")).scalar_one()
        again = next(q for q in review.questions if q["type"] == "multi")
        review_url = f"/attempts/{review.id}"
    html = page(student.get(review_url))
    assert 'type="checkbox" name="choice"' in html or 'choices-truefalse' in html
    assert answer_multi(student, review_url, again, "Harun al-Rashid", "al-Ma'mun").status_code == 302
    with app.app_context():
        [given] = [r for r in db.session.get(Attempt, review.id).responses if r.question_id == again["id"]]
        assert (given.points, given.correct) == (1.0, True)


def test_the_partial_score_is_written_in_the_learners_digits(app, lesson):
    student, url = lesson["student"], lesson["url"]
    student.post("/prefs/", data={"lang": "ar", "month_style": "both", "digits": "eastern"})
    response = answer_multi(student, url, served(app, lesson["attempt_id"], "multi"), "al-Ma'mun")
    feedback = text(student.get(response.headers["Location"]))
    assert "٥٠٪" in feedback and "50%" not in feedback
