"""A lesson in a real browser: the teacher builds a class and an assignment, students join on phones and
answer (ordering by mouse drag, and by keyboard only), the teacher reads the scores and the item analysis."""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest

from quiz.extensions import db
from quiz.models import Assignment, Classroom, QuestionSet
from quiz.scoring.answer_types import answer_type
from quiz.services import answering
from quiz.services import assignments as assignment_service
from quiz.services import classes as class_service
from tests.browser.conftest import log_in
from tests.browser.support import (
    DESKTOP,
    PHONE,
    Watch,
    attempt_score,
    current_question,
    screenshot,
    selected_positions,
    shown_order,
    tab_to,
)

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_only(reason="the browser tests run once, on SQLite")]

CLASS_NAME = "الصف التاسع - ب"
SET_TITLE = "من الغزو إلى داعش"
ASSIGNMENT_TITLE = "واجب: ترتيب الأحداث"
# A hand-written ordering question, items in their correct order (oldest first).
ORDERING = [("الغزو الأمريكي للعراق", "The US invasion of Iraq"),
            ("إعدام صدام حسين", "The execution of Saddam Hussein"),
            ("انسحاب القوات الأمريكية", "The withdrawal of US forces"),
            ("سقوط الموصل بيد داعش", "The fall of Mosul to ISIS")]
FINISHED: dict[str, int] = {}  # students who finished in this module's tests: name -> attempt id


@pytest.fixture(scope="module")
def lesson(browser, live_server):
    """The teacher, in a desktop browser: logs in, creates a class, a set (three questions from the
    generate wizard and one hand-written ordering question) and an assignment of that set."""
    watch = Watch()
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP, locale="ar")
    page = context.new_page()
    watch.attach(page)
    log_in(page, "teacher", "chronoquiz-teacher")

    page.goto("/teach/")
    page.fill("#name", CLASS_NAME)
    with page.expect_navigation():
        page.locator('form[action$="/teach/classes"] button[type=submit]').click()
    class_id = int(re.search(r"/teach/classes/(\d+)$", page.url).group(1))
    code = page.locator(".join-code").inner_text().strip()

    page.goto("/teach/sets")
    page.fill("#title", SET_TITLE)
    page.select_option("#language", "both")
    with page.expect_navigation():
        page.locator('form[action$="/teach/sets"] button[type=submit]').click()
    set_id = int(re.search(r"/teach/sets/(\d+)$", page.url).group(1))

    with page.expect_navigation():
        page.locator('main a[href$="/generate"]').click()
    page.check('input[name="eras"][value="war-on-isis"]')
    page.fill("#count", "3")
    page.fill("#seed", "5")
    with page.expect_navigation():
        page.locator("main form button.primary").click()
    assert page.url.endswith(f"/teach/sets/{set_id}"), page.url

    with page.expect_navigation():
        page.locator('main a[href$="/questions/new/ordering"]').click()
    page.fill("#prompt_ar", "رتّب هذه الأحداث من الأقدم إلى الأحدث")
    page.fill("#prompt_en", "Put these events in order, oldest first")
    for i, (arabic, english) in enumerate(ORDERING):
        page.fill(f"#options-{i}-text_ar", arabic)
        page.fill(f"#options-{i}-text_en", english)
    with page.expect_navigation():
        page.locator("main form button.primary").click()
    assert page.url.endswith(f"/teach/sets/{set_id}"), page.url

    page.goto(f"/teach/classes/{class_id}")
    with page.expect_navigation():
        page.locator('main a[href$="/assignments/new"]').click()
    page.select_option("#question_set", label=SET_TITLE)
    page.fill("#title", ASSIGNMENT_TITLE)
    tomorrow = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=1)
    page.fill("#closes_at", tomorrow.strftime("%Y-%m-%dT%H:%M"))
    with page.expect_navigation():
        page.locator("main form button.primary").click()
    assignment_id = int(re.search(r"/teach/assignments/(\d+)$", page.url).group(1))
    watch.check()
    context.close()
    return {"class_id": class_id, "code": code, "set_id": set_id, "assignment_id": assignment_id}


def test_teacher_creates_a_class_and_an_assignment_from_a_generated_set(lesson, live_server, teacher_page):
    with live_server.app.app_context():
        questions = db.session.get(QuestionSet, lesson["set_id"]).latest.content["questions"]
        assignment = db.session.get(Assignment, lesson["assignment_id"])
        assert [q["origin"] for q in questions] == ["generated"] * 3 + ["authored"]
        assert assignment.classroom_id == lesson["class_id"] and assignment.title == ASSIGNMENT_TITLE
        assert db.session.get(Classroom, lesson["class_id"]).join_code == lesson["code"]
        db.session.remove()
    page = teacher_page
    page.goto("/teach/")
    assert page.get_by_text(CLASS_NAME).is_visible()
    screenshot(page, "teacher-dashboard-desktop")
    page.goto(f"/teach/classes/{lesson['class_id']}")
    assert page.locator(".join-code").inner_text().strip() == lesson["code"]
    assert page.locator(".qr-wrap svg").is_visible()
    assert page.get_by_role("cell", name=ASSIGNMENT_TITLE).is_visible()
    screenshot(page, "class-join-code-desktop")
    page.set_viewport_size(PHONE)
    screenshot(page, "class-join-code-phone")


def _join_and_start(page, lesson, name: str) -> None:
    page.goto("/join")
    page.fill("#code", lesson["code"].lower())
    page.fill("#display_name", name)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert re.fullmatch(r"[\w-]+", page.locator(".join-code").inner_text().strip())  # the personal code
    with page.expect_navigation():
        page.locator("main a.button.primary").click()
    with page.expect_navigation():
        page.locator(f'form[action$="/assignments/{lesson["assignment_id"]}/start"] button').click()
    assert re.search(r"/attempts/\d+$", page.url), page.url


def _drag_into_order(page, key: list[str]) -> None:
    """Drag cards with the mouse (pointer events) until the list shows `key`, filling from the top."""
    page.locator(".ordering-list").scroll_into_view_if_needed()
    for target_index, item_id in enumerate(key):
        if shown_order(page).index(item_id) == target_index:
            continue
        # At the end of the form, as a student would scroll: the sticky answer bar then sits below the list
        # instead of over its last cards.
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        source = page.locator(f'.ordering-item[data-item="{item_id}"] .item-text').bounding_box()
        target = page.locator(".ordering-item").nth(target_index).bounding_box()
        page.mouse.move(source["x"] + source["width"] / 2, source["y"] + source["height"] / 2)
        page.mouse.down()
        page.mouse.move(target["x"] + target["width"] / 2, target["y"] + target["height"] * 0.25, steps=12)
        page.mouse.up()
        assert shown_order(page).index(item_id) == target_index, f"dragging {item_id} did not move it"


def _submit(page) -> None:
    with page.expect_navigation():
        page.locator("main form button[type=submit].primary").click()


def _check_result(page, app, name: str) -> None:
    assert page.url.endswith("/result"), page.url
    attempt_id = int(re.search(r"/attempts/(\d+)/result", page.url).group(1))
    score = attempt_score(app, attempt_id)
    percent = int(Decimal(score * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    assert page.locator(".score-big").inner_text().strip() == f"{percent}%"
    assert page.locator(".review-list > li").count() == 4  # the review, question by question
    FINISHED[name] = attempt_id


def test_student_joins_on_a_phone_and_orders_by_dragging(lesson, live_server, open_page, watch):
    page = open_page(PHONE)
    _join_and_start(page, lesson, "ليلى")
    shot = {"mcq": False, "ordering": False}
    while "/result" not in page.url:
        question = current_question(live_server.app, page)
        if question["type"] == "mcq":
            page.locator(f'input[name="choice"][value="{question["answer"]}"]').check()
        else:
            assert page.locator(".move-up").count() == len(question["items"])  # the script has run
            assert shown_order(page) != question["answer"]  # the start order is never the right one
            _drag_into_order(page, question["answer"])
            assert shown_order(page) == question["answer"]
            assert selected_positions(page) == {item: str(i) for i, item in enumerate(question["answer"], 1)}
        if not shot[question["type"]]:
            screenshot(page, f"question-{question['type']}-phone")
            shot[question["type"]] = True
        _submit(page)
    _check_result(page, live_server.app, "ليلى")
    assert page.locator(".score-big").inner_text().strip() == "100%"
    screenshot(page, "result-phone")
    watch.check()


def test_student_orders_by_keyboard_only(lesson, live_server, open_page, watch):
    page = open_page(PHONE)
    _join_and_start(page, lesson, "عمر")
    no_focus_ring: list[str] = []
    while "/result" not in page.url:
        question = current_question(live_server.app, page)
        if question["type"] == "mcq":
            # Keyboard only: Tab into the options, arrow keys to the first wrong option, Enter submits.
            wrong = next(c["id"] for c in question["choices"] if c["id"] != question["answer"])
            no_focus_ring += tab_to(page, page.locator('input[name="choice"]').first)
            for _ in range(len(question["choices"])):
                if page.locator(f'input[name="choice"][value="{wrong}"]').is_checked():
                    break
                page.keyboard.press("ArrowDown")
            assert page.locator(f'input[name="choice"][value="{wrong}"]').is_checked()
            with page.expect_navigation():
                page.keyboard.press("Enter")
            continue
        key = question["answer"]
        for target_index, item_id in enumerate(key):
            steps = shown_order(page).index(item_id) - target_index
            if steps == 0:
                continue
            no_focus_ring += tab_to(page, page.locator(f'.ordering-item[data-item="{item_id}"] .move-up'))
            for n in range(steps):
                page.keyboard.press("Enter" if n % 2 == 0 else " ")
                focused = page.evaluate("""() => [document.activeElement.closest('.ordering-item')?.dataset.item,
                                                  document.activeElement.className]""")
                expected = "move-down" if shown_order(page).index(item_id) == 0 else "move-up"
                assert focused == [item_id, expected], "focus must stay on the moved item's button"
            position = shown_order(page).index(item_id) + 1
            assert str(position) in page.locator(".ordering [aria-live]").inner_text()  # announced
        assert shown_order(page) == key
        assert selected_positions(page) == {item: str(i) for i, item in enumerate(key, 1)}
        no_focus_ring += tab_to(page, page.locator("main form button[type=submit].primary"))
        with page.expect_navigation():
            page.keyboard.press("Enter")
    assert not no_focus_ring, f"focused without a visible focus indicator: {sorted(set(no_focus_ring))}"
    _check_result(page, live_server.app, "عمر")
    assert page.locator(".score-big").inner_text().strip() != "100%"  # the multiple-choice answers were wrong
    watch.check()


def _finish_one_by_services(app, lesson, name: str) -> None:
    """When this test runs alone: one student answers everything right, without a browser."""
    with app.app_context():
        now = dt.datetime.now(dt.timezone.utc)
        membership, _code = class_service.join_class(lesson["code"], name, now)
        attempt = assignment_service.start_attempt(membership.user, db.session.get(Assignment,
                                                                                   lesson["assignment_id"]), now)
        store = answering.AttemptStore(attempt)
        for question in store.questions:
            fields = answer_type(question.type).form_fields(question, question.key)
            answering.submit_answer(store, question.id, fields, now)
        db.session.commit()
        FINISHED[name] = attempt.id
        db.session.remove()


def test_teacher_sees_the_scores_and_the_item_analysis(lesson, live_server, teacher_page, watch):
    if not FINISHED:
        _finish_one_by_services(live_server.app, lesson, "زينب")
    page = teacher_page
    page.goto(f"/teach/assignments/{lesson['assignment_id']}")
    for name, attempt_id in FINISHED.items():
        percent = int(Decimal(attempt_score(live_server.app, attempt_id) * 100)
                      .quantize(Decimal(1), rounding=ROUND_HALF_UP))
        row = page.locator(".results-table tbody tr", has=page.get_by_role("link", name=name))
        assert row.count() == 1, name
        assert row.locator("td").nth(1).inner_text().strip() == f"{percent}%"
    screenshot(page, "teacher-results-desktop")
    cards = page.locator(".item-list .item-card")
    assert cards.count() == 4
    for i in range(4):
        assert re.search(r"\d+%", cards.nth(i).inner_text())  # a facility index
    page.locator(".item-list").scroll_into_view_if_needed()
    page.locator(".item-list").evaluate("e => e.scrollIntoView({block: 'start'})")
    screenshot(page, "item-analysis-desktop")
    page.set_viewport_size(PHONE)
    page.locator(".item-list").evaluate("e => e.scrollIntoView({block: 'start'})")
    screenshot(page, "item-analysis-phone")
    watch.check()
