"""The learner's flow: practise, answer one question per page, double submit, resume, score, review, history."""

from __future__ import annotations

import re

import pytest
from markupsafe import escape

from quiz.extensions import db
from quiz.models import Attempt, Response, ReviewCard
from tests.web.helpers import answer_data, as_shown, login, page, question_form, signup


@pytest.fixture
def learner(client):
    signup(client)
    return client


def start(client, **fields):
    data = {"count": "5", "grading_type": "relative_all_previous_and_next", **fields}
    response = client.post("/practice", data=data)
    assert response.status_code == 302, page(response)
    return response.headers["Location"]


def answer_all(client, url, **how):
    for _ in range(50):
        response = client.get(url)
        if response.status_code == 302:
            return response.headers["Location"]
        form = question_form(page(response))
        posted = client.post(f"{url}/answer" if url.startswith("/attempts") else "/practice/quiz/answer",
                             data=answer_data(form, **how))
        assert posted.status_code == 302
    raise AssertionError("the quiz never ended")


def test_practice_page_says_nothing_is_saved_without_an_account(client):
    assert "nothing is saved" in page(client.get("/practice")).replace("لا يُحفظ شيء", "nothing is saved")


def test_anonymous_practice_works_and_saves_nothing(app, client):
    url = start(client)
    assert url.endswith("/practice/quiz")
    result_url = answer_all(client, url)
    result = page(client.get(result_url))
    assert "%" in result
    with app.app_context():
        assert db.session.execute(db.select(db.func.count()).select_from(Attempt)).scalar() == 0


def test_a_question_page_never_contains_its_answer(app, learner):
    url = start(learner)
    html = page(learner.get(url))
    with app.app_context():
        attempt = db.session.get(Attempt, int(url.rsplit("/", 1)[1]))
        question = attempt.questions[0]
    form = question_form(html)
    assert form["question_id"] == question["id"]
    if question["type"] == "mcq":
        assert as_shown(app, question["explanation_ar"]) not in html
        assert question["explanation_ar"] not in html
        assert "is-key" not in html and "right answer" not in html
    else:
        assert form["items"] != question["answer"], "the start order is never the correct one"


def test_full_learner_flow_with_double_submit_resume_score_review_history(app, learner, clock):
    url = start(learner, count="10")
    attempt_id = int(url.rsplit("/", 1)[1])

    # First question, answered twice (a double-click): one response.
    form = question_form(page(learner.get(url)))
    clock.advance(seconds=12)
    first = learner.post(f"{url}/answer", data=answer_data(form))
    again = learner.post(f"{url}/answer", data=answer_data(form, choice_index=-1))
    assert first.status_code == again.status_code == 302
    feedback = page(learner.get(first.headers["Location"]))
    assert "verdict" in feedback
    with app.app_context():
        responses = db.session.execute(db.select(Response).filter_by(attempt_id=attempt_id)).scalars().all()
        assert len(responses) == 1
        assert responses[0].time_spent_ms == 12_000
        first_answer = responses[0].answer

    # The tab closes; the learner comes back: the quiz resumes at question 2.
    resumed = page(learner.get("/practice"))
    assert f"/attempts/{attempt_id}" in resumed
    html = page(learner.get(url))
    assert question_form(html)["question_id"] != form["question_id"]
    assert "2" in html

    result_url = answer_all(learner, url)
    result = page(learner.get(result_url))
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        assert attempt.is_finished and 0 <= attempt.score <= 1
        assert len(attempt.responses) == 10
        assert attempt.responses[0].answer == first_answer  # the retry changed nothing
        for question in attempt.questions:  # the review shows every explanation
            for line in question["explanation_ar"].splitlines():
                assert str(escape(as_shown(app, line))) in result
        cards = db.session.execute(db.select(ReviewCard)).scalars().all()
        assert cards, "every event answered about gets a review card"
    history = page(learner.get("/history"))
    assert f"/attempts/{attempt_id}/result" in history
    progress = page(learner.get("/progress"))
    assert 'id="score-chart"' in progress and 'id="mastery-chart"' in progress


def test_answers_after_finishing_are_refused(app, learner):
    url = start(learner)
    answer_all(learner, url)
    with app.app_context():
        attempt = db.session.get(Attempt, int(url.rsplit("/", 1)[1]))
        question_id = attempt.questions[0]["id"]
    response = learner.post(f"{url}/answer", data={"question_id": question_id, "choice": "x"})
    assert response.status_code == 302  # already answered: shown its feedback, nothing recorded
    with app.app_context():
        assert len(db.session.get(Attempt, attempt.id).responses) == 5


def test_invalid_answers_get_a_clear_message_and_change_nothing(app, learner):
    url = start(learner, kinds="order")
    form = question_form(page(learner.get(url)))
    assert form["items"], "an ordering question"
    data = answer_data(form)
    data[f"pos-{form['items'][0]}"] = data[f"pos-{form['items'][1]}"]  # two items in one position
    response = learner.post(f"{url}/answer", data=data)
    assert response.status_code == 422
    assert 'role="alert"' in page(response)
    missing = learner.post(f"{url}/answer", data={"question_id": form["question_id"]})
    assert missing.status_code == 422
    unknown = learner.post(f"{url}/answer", data={"question_id": "nope", "choice": "x"})
    assert unknown.status_code == 400
    with app.app_context():
        assert db.session.execute(db.select(db.func.count()).select_from(Response)).scalar() == 0


def test_ordering_without_javascript_uses_position_selects(app, learner):
    url = start(learner, kinds="order", count="5")
    html = page(learner.get(url))
    form = question_form(html)
    with app.app_context():
        attempt = db.session.get(Attempt, int(url.rsplit("/", 1)[1]))
        key = attempt.questions[0]["answer"]
    learner.post(f"{url}/answer", data=answer_data(form, order=key))
    with app.app_context():
        response = db.session.execute(db.select(Response)).scalar_one()
        assert response.correct and response.points == response.max_points


def your_order_marks(html: str) -> list[str]:
    """The review's marks on the learner's order, top to bottom: "in place" or "out of place"."""
    yours = html.split('class="review-orders"', 1)[1].split("</ol>", 1)[0]
    return ["in place" if mark == "is-right" else "out of place"
            for mark in re.findall(r'<li class="(is-right|is-misplaced)">', yours)]


@pytest.mark.parametrize("grading_type", ["relative_all_previous_and_next", "longest_ordered_subset",
                                          "relative_to_siblings", "absolute_position"])
def test_the_review_of_an_order_marks_each_item_by_its_position(app, learner, grading_type):
    """An item where the key puts it is «في موضعه», whatever the grading type gives it in credit: with the first
    and last items swapped, every item between them is in place, although most types credit them less."""
    url = start(learner, kinds="order", grading_type=grading_type)
    form = question_form(page(learner.get(url)))
    with app.app_context():
        key = db.session.get(Attempt, int(url.rsplit("/", 1)[1])).questions[0]["answer"]
    ends_swapped = [key[-1], *key[1:-1], key[0]]
    answered = learner.post(f"{url}/answer", data=answer_data(form, order=ends_swapped))
    feedback = page(learner.get(answered.headers["Location"]))
    assert your_order_marks(feedback) == ["out of place", *["in place"] * (len(key) - 2), "out of place"]
    assert feedback.count("✘</span> ليس في موضعه") == 2 and feedback.count("✔</span> في موضعه") == len(key) - 2


def test_feedback_names_the_question_it_is_about(learner):
    url = start(learner)
    answered = learner.post(f"{url}/answer", data=answer_data(question_form(page(learner.get(url)))))
    feedback = page(learner.get(answered.headers["Location"]))
    assert re.findall(r'<div class="quiz-progress">\s*<p>([^<]+)</p>', feedback) == ["السؤال 1 من 5"]


def test_feedback_for_an_unanswered_question_is_not_shown(learner):
    url = start(learner)
    assert learner.get(f"{url}?feedback=3").status_code == 404
    assert learner.get(f"{url}?feedback=99").status_code == 404


def test_a_learner_cannot_see_another_learners_attempt(app, client):
    signup(client, username="sara")
    url = start(client)
    client.post("/logout")
    signup(client, username="omar")
    assert client.get(url).status_code == 404
    assert client.get(f"{url}/result").status_code == 404
    assert client.post(f"{url}/answer", data={"question_id": "x"}).status_code == 404
    assert url not in page(client.get("/history"))


def test_pages_for_learners_need_a_login(client):
    for path in ("/history", "/progress", "/review", "/attempts/1"):
        response = client.get(path)
        assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_narrow_filters_say_there_are_too_few_events(client):
    response = client.post("/practice", data={"count": "20", "eras": "invasion-occupation", "kinds": "who",
                                              "grading_type": "all_or_nothing"})
    assert response.status_code == 422
    assert 'role="alert"' in page(response)


def test_spaced_review_draws_due_events(app, learner, clock):
    url = start(learner, count="5")
    answer_all(learner, url, choice_index=-1)
    home = page(learner.get("/review"))
    assert "Nothing is due" in home or "لا شيء مستحق" in home or "due" in home
    clock.advance(days=60)
    review_page = page(learner.get("/review"))
    assert "<form" in review_page
    response = learner.post("/review")
    assert response.status_code == 302
    with app.app_context():
        attempt = db.session.execute(db.select(Attempt).filter_by(kind="review")).scalar_one()
        due = set(attempt.settings["event_ids"])
        for question in attempt.questions:
            assert set(question["subject_ids"]) & due


def test_home_page_says_how_many_events_are_due(app, learner, clock):
    url = start(learner)
    answer_all(learner, url)
    clock.advance(days=400)
    login(learner)  # a log-in lasts REMEMBER_COOKIE_DURATION (30 days): she signs in again
    home = page(learner.get("/"))
    assert "/review" in home and ("due for review" in home or "مستحق" in home)


GREGORIAN_MONTHS = re.compile("يناير|فبراير|مارس|أبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر")
LEVANTINE_MONTHS = re.compile("كانون الثاني|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين الأول|تشرين الثاني"
                              "|كانون الأول")


def test_questions_feedback_and_review_follow_the_learners_month_names_and_digits(app, learner):
    """Stored questions use Gregorian months and Western digits; a learner who chose نيسان and ٢٠٠٣ reads every
    page of a quiz that way: each question and its options, the feedback and its explanation, and the review."""
    learner.post("/prefs/", data={"lang": "ar", "month_style": "levantine", "digits": "eastern"})
    url = start(learner, count="20")  # every kind of question
    shown = []
    for _ in range(20):
        html = page(learner.get(url))
        shown.append(("question", visible_text(html)))
        answered = learner.post(f"{url}/answer", data=answer_data(question_form(html)))
        feedback = learner.get(answered.headers["Location"])
        shown.append(("feedback", visible_text(page(feedback))))
    review = visible_text(page(learner.get(f"{url}/result")))
    shown.append(("review", review))
    for name, text in shown:
        assert not re.search("[0-9]", text), (name, re.search(".{0,40}[0-9]+.{0,40}", text).group(0))
        assert not GREGORIAN_MONTHS.search(text), (name, re.search(".{0,40}" + GREGORIAN_MONTHS.pattern, text))
    assert LEVANTINE_MONTHS.search(review) and re.search("[٠-٩]{4}", review) and "المصادر" in review


def visible_text(html: str) -> str:
    main = html.split('id="main"', 1)[-1].split(">", 1)[-1].split("</main>", 1)[0]
    return re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", main, flags=re.S))


def test_the_learners_own_pages_follow_their_month_names_and_digits(app, learner, clock):
    """Beyond the quiz: the practice form's counts, the history's dates and scores, the progress page and the
    review schedule are written in the chosen digits and month names, with the Arabic per cent sign."""
    learner.post("/prefs/", data={"lang": "ar", "month_style": "levantine", "digits": "eastern"})
    answer_all(learner, start(learner, count="5"))
    clock.advance(seconds=60)
    pages = {name: visible_text(page(learner.get(url)))
             for name, url in (("practice", "/practice"), ("history", "/history"), ("progress", "/progress"),
                               ("review", "/review"))}
    for name, text in pages.items():
        assert not re.search("[0-9]", text), (name, re.search(".{0,40}[0-9]+.{0,40}", text).group(0))
        assert not GREGORIAN_MONTHS.search(text), (name, re.search(".{0,40}" + GREGORIAN_MONTHS.pattern, text))
    assert all(count in pages["practice"] for count in ("٥", "١٠", "١٥", "٢٠"))
    assert re.search("[٠-٩]+٪", pages["history"]), "a finished quiz's score"
    assert LEVANTINE_MONTHS.search(pages["history"]), "the day the quiz started, with its month's name"


def test_an_english_history_writes_the_day_in_words_and_the_score_with_a_per_cent_sign(app, learner, clock):
    learner.post("/prefs/", data={"lang": "en", "month_style": "gregorian", "digits": "western"})
    answer_all(learner, start(learner, count="5"))
    history = visible_text(page(learner.get("/history")))
    assert re.search(r"\d{1,2} (January|February|March|April|May|June|July|August|September|October|November"
                     r"|December) \d{4}, \d\d:\d\d", history)
    assert re.search(r"\d{1,3}%", history)
