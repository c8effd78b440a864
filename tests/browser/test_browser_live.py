"""A live lesson in real browsers: a teacher on the projector and three players on phones, each in a browser
context of their own, through a whole game (joining by the code and by the QR code's link, a multiple-choice
and an ordering question answered with the keyboard, reloads in the middle of a question, a second host tab
acting on an old screen, a timer running out, the final places); then every live screen in Arabic and English,
on 1920×1080 and 1366×768 projectors and a 390×844 phone, audited (axe, no sideways scroll, no clipped text)
and photographed into build/screenshots/live."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from playwright.sync_api import expect

from quiz.authoring.model import SetData, SetOption, SetQuestion
from quiz.extensions import db
from quiz.i18n import render_message
from quiz.live.nicknames import NicknameRefused, clean_nickname
from quiz.live.points import leaderboard
from quiz.models.live import LiveGame
from quiz.models.question_set import SetVersion
from quiz.services import accounts
from quiz.services import live as live_service
from quiz.services import question_sets as set_service
from tests.browser.conftest import log_in
from tests.browser.support import PHONE, choose_prefs, screenshot, shown_order

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_only(reason="the browser tests run once, on SQLite")]

FULL_HD = {"width": 1920, "height": 1080}
LAPTOP = {"width": 1366, "height": 768}
EASTERN = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
READERS = {"ar": {"lang": "ar", "digits": "eastern", "month_style": "levantine"},
           "en": {"lang": "en", "digits": "western", "month_style": "gregorian"}}
# Waiting for a phone or the projector to catch up: they ask every second, so a few seconds is plenty.
CATCH_UP = 8_000

MOSUL = SetQuestion(
    type="mcq", prompt_ar="في أي عام سيطر تنظيم داعش على مدينة الموصل، ثانية كبرى مدن العراق؟",
    prompt_en="In which year did ISIS take Mosul, the second city of Iraq?",
    options=tuple(SetOption(year, year) for year in ("2012", "2014", "2016", "2017")), correct=1,
    explanation_ar="سقطت الموصل بيد داعش في 10 يونيو 2014، واستعادتها القوات العراقية في 10 يوليو 2017.",
    explanation_en="Mosul fell to ISIS in June 2014; Iraqi forces retook it in July 2017.")
ORDER = SetQuestion(
    type="ordering", prompt_ar="رتّب هذه الأحداث من الأقدم إلى الأحدث",
    prompt_en="Put these events in order, oldest first",
    options=(SetOption("الغزو الأمريكي للعراق", "The US invasion of Iraq"),
             SetOption("إعدام صدام حسين", "The execution of Saddam Hussein"),
             SetOption("انسحاب القوات الأمريكية من العراق", "The withdrawal of US forces from Iraq"),
             SetOption("سقوط الموصل بيد داعش", "The fall of Mosul to ISIS")),
    explanation_ar="الغزو في 2003، والإعدام في 2006، والانسحاب في 2011، وسقوط الموصل في 2014.",
    explanation_en="The invasion was in 2003, the execution in 2006, the withdrawal in 2011, Mosul fell in 2014.")
OLDEST = SetQuestion(
    type="mcq", prompt_ar="أيّ هذه الأحداث وقع أولاً؟", prompt_en="Which of these happened first?",
    options=(SetOption("الغزو الأمريكي للعراق وسقوط بغداد", "The US invasion of Iraq and the fall of Baghdad"),
             SetOption("انسحاب آخر القوات الأمريكية من العراق", "The withdrawal of the last US forces from Iraq"),
             SetOption("إعلان التحالف الدولي ضد داعش", "The announcement of the coalition against ISIS"),
             SetOption("تحرير مدينة الموصل من داعش", "The liberation of Mosul from ISIS")), correct=0,
    explanation_ar="بدأ الغزو في 20 مارس 2003؛ والأحداث الأخرى بعده بثماني سنوات على الأقل.",
    explanation_en="The invasion began in March 2003; the others came at least eight years later.")


def western(text: str) -> str:
    return text.translate(EASTERN)


def eastern(number: int) -> str:
    return str(number).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))


def first_number(n: int) -> re.Pattern:
    """Text whose first number is `n`, in either digits ("Question 2 of 3", «السؤال ٢ من ٣»)."""
    return re.compile(rf"^[^0-9٠-٩]*({n}|{eastern(n)})(?![0-9٠-٩])")


def count_of(n: int, total: int) -> re.Pattern:
    """"n of total answered", in either digits and either language."""
    return re.compile(rf"^[^0-9٠-٩]*({n}|{eastern(n)})[^0-9٠-٩]+({total}|{eastern(total)})(?![0-9٠-٩])")


def in_arabic(app, message) -> str:
    """What the app says for `message` (a quiz.messages.Message) to an Arabic reader, as the page's text."""
    from flask_babel import force_locale

    with app.test_request_context(), force_locale("ar"):
        return render_message(message).striptags()


def refusal(nickname: str, taken: tuple[str, ...] = ()):
    try:
        clean_nickname(nickname, taken)
    except NicknameRefused as refused:
        return refused.message
    raise AssertionError(f"{nickname!r} is not refused")


def numbers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", western(text))]


@pytest.fixture(scope="module")
def live_set(live_server) -> int:
    """A set of the three questions above, owned by the demo teacher: its version's id."""
    with live_server.app.app_context():
        try:
            teacher = accounts.find_user("teacher")
            question_set = set_service.create_set(teacher, SetData(
                title="الموصل: من السقوط إلى التحرير", language="both", questions=(MOSUL, ORDER, OLDEST)),
                dt.datetime.now(dt.timezone.utc))
            db.session.commit()
            return question_set.latest.id
        finally:
            db.session.remove()


def new_game(app, version_id: int, limits: tuple[int | None, ...], *, title: str | None = None) -> tuple[int, str]:
    """A game in its lobby, made by the services as the teacher's form would: its id and code."""
    with app.app_context():
        try:
            version = db.session.get(SetVersion, version_id)
            game = live_service.create_game(
                accounts.find_user("teacher"), version,
                live_service.LiveSettings(time_limit=None, limits=limits, leaderboard="all"),
                dt.datetime.now(dt.timezone.utc), title=title)
            db.session.commit()
            return game.id, game.code
        finally:
            db.session.remove()


def game_row(app, game_id: int) -> dict:
    with app.app_context():
        try:
            game = db.session.get(LiveGame, game_id)
            return {"phase": game.phase, "index": game.question_index, "version": game.version,
                    "questions": game.questions}
        finally:
            db.session.remove()


def standings(app, game_id: int) -> dict[str, tuple[int, int]]:
    """nickname -> (place, points), as the services count them."""
    with app.app_context():
        try:
            game = db.session.get(LiveGame, game_id)
            board = leaderboard(live_service.tallies(game), count_speed=False)
            return {s.tally.nickname: (s.rank, s.tally.accuracy) for s in board}
        finally:
            db.session.remove()


def control(page, action: str):
    """The host's button for `action` (found by what it does, whatever its label's language)."""
    return page.locator(f'form.live-control:has(input[name="action"][value="{action}"]) button')


def read_qr(page, selector: str) -> str:
    import zxingcpp
    from PIL import Image

    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(page.locator(selector).screenshot(animations="disabled"))),
                                   formats=zxingcpp.BarcodeFormat.QRCode)
    assert len(found) == 1, "no QR code could be read on the projector"
    return found[0].text


def phase_of(page) -> str:
    return page.locator("#live-screen > .live-screen").get_attribute("data-phase")


def wait_for_phase(page, phase: str, index: int | None = None) -> None:
    """Until the page (projector or phone) shows `phase` (and question `index`, from 0): it asks every second."""
    expect(page.locator(f'#live-screen > .live-screen[data-phase="{phase}"]')).to_have_count(1, timeout=CATCH_UP)
    if index is not None:
        # The projector's progress line, or the phone's line of the player's nickname (no digit in it) and progress.
        expect(page.locator(".live-progress, .live-who").first).to_have_text(first_number(index + 1),
                                                                            timeout=CATCH_UP)


def question_on(page, row: dict) -> dict:
    """The stored question (with its key) that the phone shows."""
    question_id = page.locator('form.live-answer input[name="question_id"]').get_attribute("value")
    return next(q for q in row["questions"] if q["id"] == question_id)


def choose(page, choice_id: str) -> None:
    page.locator(f'form.live-answer input[name="choice"][value="{choice_id}"]').check()


def submit(page) -> None:
    """Send the answer (live.js posts it in the background) and wait for the "answer received" screen."""
    page.locator("form.live-answer button[type=submit]").click()
    expect(page.locator("form.live-answer")).to_have_count(0, timeout=CATCH_UP)
    assert phase_of(page) == "question"


def order_by_keyboard(page, order: list[str]) -> None:
    """Put the cards in `order` with the move buttons and the keyboard only (Enter on the focused button)."""
    expect(page.locator(".ordering-item .move-up")).to_have_count(len(order))  # ordering.js has run
    for target, item in enumerate(order):
        steps = shown_order(page).index(item) - target
        if steps <= 0:
            continue
        page.locator(f'.ordering-item[data-item="{item}"] .move-up').focus()
        for _ in range(steps):
            page.keyboard.press("Enter")
            focused = page.evaluate("document.activeElement.closest('.ordering-item')?.dataset.item")
            assert focused == item, "the focus stays on the moved card's button"
    assert shown_order(page) == order


def join_by_code(page, code: str, nickname: str, *, typed_code: str | None = None) -> None:
    page.goto("/live")
    page.fill("#live-code", typed_code or code)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.url.endswith(f"/live/{code}"), page.url
    join_as(page, nickname)


def join_as(page, nickname: str) -> None:
    page.fill("#nickname", nickname)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    wait_for_phase(page, "lobby")


def refused_nickname(page, watch, code: str, nickname: str) -> str:
    """Try a nickname the game refuses: the message the page shows (the form stays, with what was typed)."""
    page.fill("#nickname", nickname)
    with watch.allow(422, f"/live/{code}/join"), page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    error = page.locator("main .form-error-summary[role=alert]")
    expect(error).to_be_visible()
    assert page.locator("#nickname").get_attribute("aria-invalid") == "true"
    return error.inner_text().strip()


# -- a whole game -------------------------------------------------------------------------------------------

def test_a_whole_live_game_with_a_host_and_three_phones(live_server, live_set, open_page, watch):
    app = live_server.app
    game_id, code = new_game(app, live_set, (60, None, 8))
    row = game_row(app, game_id)
    mosul, order, oldest = row["questions"]

    host = open_page(LAPTOP)
    log_in(host, "teacher", "chronoquiz-teacher")
    choose_prefs(host, **READERS["ar"])
    host.goto(f"/teach/live/{game_id}")
    wait_for_phase(host, "lobby")
    assert western(host.locator(".projector-code").inner_text()).strip() == code

    sara, omar, laila = (open_page(PHONE) for _ in range(3))
    for phone in (sara, omar, laila):
        choose_prefs(phone, **READERS["ar"])

    # Sara types the code; a name of spaces only is refused, in Arabic.
    sara.goto("/live")
    sara.fill("#live-code", code)
    with sara.expect_navigation():
        sara.locator("main form button[type=submit]").click()
    assert refused_nickname(sara, watch, code, "   ") == in_arabic(app, refusal("   ")) == "اختر اسماً تلعب به."
    join_as(sara, "سارة")

    # Omar scans the QR code on the projector (once it shows Sara: a screen drawn again under the camera would
    # be no picture); Sara's name, with a vowel mark, is taken.
    expect(host.locator(".live-names li")).to_have_text(["سارة"], timeout=CATCH_UP)
    link = read_qr(host, ".projector-qr svg")
    assert link.endswith(f"/live/{code}"), link
    omar.goto(link)
    message = refused_nickname(omar, watch, code, "سارَة")
    assert message == in_arabic(app, refusal("سارَة", ("سارة",))), message
    assert message.startswith("يلعب أحدٌ في هذه اللعبة باسم"), message
    assert omar.locator("#nickname").input_value() == "سارَة"  # kept, to add a letter to
    join_as(omar, "عمر")

    # Laila types the code in Arabic-Indic digits, as her phone's keyboard gives them.
    join_by_code(laila, code, "ليلى", typed_code=code.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")))

    expect(host.locator(".live-names li")).to_have_text(["سارة", "عمر", "ليلى"], timeout=CATCH_UP)
    assert numbers(host.locator(".live-players h2").inner_text()) == [3]

    # -- question 1 (multiple choice, 60 s): Sara right, then reloads; Laila reloads first, then right; Omar wrong.
    control(host, "start").click()
    wait_for_phase(host, "question", 0)
    for phone in (sara, omar, laila):
        wait_for_phase(phone, "question", 0)
        assert question_on(phone, row)["id"] == mosul["id"]
        expect(phone.locator(".live-clock")).to_be_visible()
    answered = host.locator(".live-count")
    assert numbers(answered.inner_text()) == [0, 3]
    control(host, "close").focus()  # a teacher with a presenter's remote: the keyboard
    choose(sara, mosul["answer"])
    submit(sara)
    expect(answered).to_have_text(count_of(1, 3), timeout=CATCH_UP)  # the projector counts it
    # ... on a screen drawn again, where the teacher's button keeps the focus.
    expect(control(host, "close")).to_be_focused()
    sara.reload()
    wait_for_phase(sara, "question", 0)
    expect(sara.locator("form.live-answer")).to_have_count(0)  # her answer is kept: no second form

    clock_before = numbers(laila.locator(".live-clock-value").inner_text())[0]
    choose(laila, mosul["answer"])
    laila.reload()  # before sending: the question comes back, the clock still running
    wait_for_phase(laila, "question", 0)
    assert question_on(laila, row)["id"] == mosul["id"]
    assert numbers(laila.locator(".live-clock-value").inner_text())[0] <= clock_before
    choose(laila, mosul["answer"])
    submit(laila)
    choose(omar, next(c["id"] for c in mosul["choices"] if c["id"] != mosul["answer"]))
    submit(omar)
    expect(answered).to_have_text(count_of(3, 3), timeout=CATCH_UP)

    expect(control(host, "close")).to_be_focused()
    host.keyboard.press("Enter")
    wait_for_phase(host, "reveal", 0)
    expect(host.locator(".live-prompt")).to_be_focused()  # the new screen, from its question
    expect(host.locator(".live-reveal .chart")).to_be_visible()
    expect(host.locator(".live-reveal .explanation")).to_contain_text("استعادتها القوات العراقية")
    expect(host.locator(".live-board li")).to_have_count(3)
    for phone, right in ((sara, True), (omar, False), (laila, True)):
        wait_for_phase(phone, "reveal", 0)
        expect(phone.locator(".verdict-right" if right else ".verdict-wrong")).to_be_visible()
        assert numbers(phone.locator(".live-points").inner_text()) == [1000 if right else 0]
    sara.locator(".live-review summary").click()  # the answer she sent before her reload, marked right
    expect(sara.locator(".review-choices .is-chosen.is-key")).to_have_count(1)
    omar.reload()  # his screen, his answer and his points come back
    wait_for_phase(omar, "reveal", 0)
    expect(omar.locator(".verdict-wrong")).to_be_visible()
    assert numbers(omar.locator(".live-points").inner_text()) == [0]
    assert numbers(omar.locator(".live-place").inner_text()) == [3, 3]
    omar.locator(".live-review summary").click()
    expect(omar.locator(".review-choices .is-chosen")).to_have_count(1)
    expect(omar.locator(".review-choices .is-chosen.is-key")).to_have_count(0)

    # -- question 2 (ordering, no timer), by keyboard: Sara in order, Omar with the last two swapped.
    control(host, "next").click()
    for page in (host, sara, omar, laila):
        wait_for_phase(page, "question", 1)
    assert host.locator(".live-clock").count() == 0 and sara.locator(".live-clock").count() == 0
    assert question_on(sara, row)["id"] == order["id"]
    assert shown_order(sara) != order["answer"], "the start order is never the right one"
    order_by_keyboard(sara, order["answer"])
    sara.locator("form.live-answer button[type=submit]").focus()
    sara.keyboard.press("Enter")
    expect(sara.locator("form.live-answer")).to_have_count(0, timeout=CATCH_UP)
    swapped = order["answer"][:2] + [order["answer"][3], order["answer"][2]]
    order_by_keyboard(omar, swapped)
    submit(omar)
    expect(host.locator(".live-count")).to_have_text(count_of(2, 3), timeout=CATCH_UP)

    # A second host tab still shows the open question (its asking is held back, as a tab in the background
    # would be) when the first shows the answer; its "skip" then changes nothing and says why.
    second = host.context.new_page()
    watch.attach(second)
    second.goto(f"/teach/live/{game_id}")
    wait_for_phase(second, "question", 1)
    second.route("**/teach/live/*/state", lambda route: route.fulfill(status=304))
    control(host, "close").click()
    wait_for_phase(host, "reveal", 1)
    with watch.allow(409, f"/teach/live/{game_id}/control"):
        control(second, "skip").click()
        expect(second.locator(".flash-warning")).to_be_visible(timeout=CATCH_UP)
    assert second.locator(".flash-warning").inner_text().strip() == in_arabic(app, live_service._ERRORS["stale"])
    assert phase_of(second) == "reveal" and numbers(second.locator(".live-progress").inner_text())[:2] == [2, 3]
    assert {k: game_row(app, game_id)[k] for k in ("phase", "index")} == {"phase": "reveal", "index": 1}
    second.close()
    expect(host.locator(".live-reveal .review-orders")).to_be_visible()  # the right order, on the projector
    for phone, verdict in ((sara, ".verdict-right"), (omar, ".verdict-partial"), (laila, ".verdict-wrong")):
        wait_for_phase(phone, "reveal", 1)
        expect(phone.locator(verdict)).to_be_visible()
    partial = numbers(omar.locator(".live-points").inner_text())[0]
    assert 0 < partial < 1000
    assert laila.locator(".live-points").count() == 0  # not answered: no points line

    # -- question 3 (multiple choice, 8 s): Sara and Omar answer right, Laila lets the time run out.
    control(host, "next").click()
    for page in (host, sara, omar, laila):
        wait_for_phase(page, "question", 2)
    for phone in (sara, omar):
        choose(phone, oldest["answer"])
        submit(phone)
    expect(host.locator('.live-screen[data-phase="reveal"]')).to_have_count(1, timeout=20_000)  # the timer closed it
    wait_for_phase(laila, "reveal", 2)
    expect(laila.locator(".verdict-wrong")).to_be_visible()

    # -- the end: the places on the phones and on the projector agree with the services' count.
    control(host, "next").click()
    wait_for_phase(host, "ended")
    expected = standings(app, game_id)
    assert expected == {"سارة": (1, 3000), "عمر": (2, 1000 + partial), "ليلى": (3, 1000)}
    for phone, name in ((sara, "سارة"), (omar, "عمر"), (laila, "ليلى")):
        wait_for_phase(phone, "ended")
        place, points = expected[name]
        assert numbers(phone.locator(".live-place").inner_text()) == [place, 3]
        assert numbers(phone.locator(".live-points").inner_text()) == [points]
    rows = host.locator(".live-board li")
    expect(rows).to_have_count(3)
    shown = [(numbers(rows.nth(i).locator(".live-rank").inner_text())[0],
              rows.nth(i).locator(".live-name").inner_text().strip(),
              numbers(rows.nth(i).locator(".live-score").inner_text())[0]) for i in range(3)]
    assert shown == [(1, "سارة", 3000), (2, "عمر", 1000 + partial), (3, "ليلى", 1000)]
    assert game_row(app, game_id)["phase"] == "ended"
    watch.check()


# -- every screen, in both languages, on two projectors and a phone ------------------------------------------

# Players who join from no browser, so the lobby, the counts, the chart and the leaderboard look like a class's:
# names of every length a nickname may have (20 letters at most), in both scripts.
CLASS = ("نور", "عبد الرحمن الهاشمي", "Alexandra Konstantin", "يوسف")


def join_by_services(app, game_id: int, names: tuple[str, ...]) -> dict[str, int]:
    """Players who join without a browser: nickname -> player id."""
    with app.app_context():
        try:
            game = db.session.get(LiveGame, game_id)
            now = dt.datetime.now(dt.timezone.utc)
            ids = {name: live_service.join_with_nickname(game, name, live_service.new_player_token(), now).id
                   for name in names}
            db.session.commit()
            return ids
        finally:
            db.session.remove()


def answer_by_services(app, game_id: int, answers: dict[int, bool]) -> None:
    """Players (by id) answer the open question, rightly or not, without a browser."""
    from quiz.models.live import LivePlayer

    with app.app_context():
        try:
            game = db.session.get(LiveGame, game_id)
            question = game.questions[game.question_index]
            for player_id, right in answers.items():
                if question["type"] == "mcq":
                    fields = {"choice": question["answer"] if right else next(
                        c["id"] for c in question["choices"] if c["id"] != question["answer"])}
                else:
                    order = question["answer"] if right else list(reversed(question["answer"]))
                    fields = {f"pos-{item}": str(i) for i, item in enumerate(order, start=1)}
                live_service.answer(game, db.session.get(LivePlayer, player_id), question["id"], fields,
                                    dt.datetime.now(dt.timezone.utc))
                db.session.commit()
        finally:
            db.session.remove()


# Controls a thumb must hit on the phone: 44 × 44 px at least (UI.md). Not measured: a link inside a sentence
# (WCAG 2.5.8's inline exception), a radio button (its whole option is the target) and the position selects that
# ordering.js hides for screen readers behind its cards' move buttons.
SMALL_TARGETS = """() => [...document.querySelectorAll(
        'main button, main summary, main select, main input:not([type=hidden]), main .choice, main a')]
    .filter(e => e.checkVisibility() && !e.closest('.choice input, .js-ordering .position')
                 && !(e.tagName === 'A' && e.parentElement.textContent.trim() !== e.textContent.trim()))
    .map(e => [e, e.getBoundingClientRect()])
    .filter(([e, r]) => r.width < 44 || r.height < 44)
    .map(([e, r]) => `${e.tagName.toLowerCase()}.${e.className} «${e.textContent.trim().slice(0, 20)}» `
                     + `${Math.round(r.width)}×${Math.round(r.height)}`)"""
# What the class reads on the projector (not the teacher's own controls and forms): the smallest type that reads
# from the back of a classroom on a 1366 × 768 projector is about 24 px, a slide's 24 pt at 1024 × 768.
SMALL_TYPE = """(least) => {
    const teachersOnly = ['.live-controls', '.live-times', '.live-ended details', '.chart-table', '.hint',
                          '.live-ended p:last-child'].join(', ');
    const small = [];
    const walker = document.createTreeWalker(document.querySelector('#live-screen'), NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const el = walker.currentNode.parentElement;
        if (!walker.currentNode.textContent.trim() || el.closest(teachersOnly) || !el.checkVisibility()) continue;
        const size = parseFloat(getComputedStyle(el).fontSize);
        if (size < least) small.push(`${el.tagName.toLowerCase()}.${el.className} «${el.textContent.trim()}» ${size}`);
    }
    return small;
}"""
# And the things a class looks for first, bigger still (px at 1366 × 768).
# (With the answer, the question steps back for the chart.)
BIG_TYPE = {'[data-phase="question"] .live-prompt': 44, '[data-phase="reveal"] .live-prompt': 36, ".live-clock": 40,
            ".live-options li": 32, ".live-board li": 32, ".projector-code": 96}


class Audit:
    """Every screen's checks (the ones test_browser_screens.py makes: axe, no sideways scroll, no clipped text),
    collected so that one bad screen does not hide the others; and its screenshot."""

    def __init__(self, lang: str):
        from axe_playwright_python.sync_playwright import Axe

        from tests.browser.test_browser_screens import MEASURE, SERIOUS

        self.lang = lang
        self.axe, self.measure, self.serious = Axe(), MEASURE, SERIOUS
        self.problems: list[str] = []

    def __call__(self, page, name: str) -> None:
        width = page.viewport_size["width"]
        where = f"{self.lang} {width}px {name}"
        page.evaluate("document.fonts.ready.then(() => true)")
        lang, direction = page.evaluate("[document.documentElement.lang, document.documentElement.dir]")
        if (lang, direction) != (self.lang, "rtl" if self.lang == "ar" else "ltr"):
            self.problems.append(f"{where}: lang={lang} dir={direction}")
        if self.lang == "en":  # Western digits for an English reader, every one of them (the Arabic run came first)
            eastern_digits = re.findall(r"\S*[٠-٩]\S*", page.locator("main").text_content())
            if eastern_digits:
                self.problems.append(f"{where}: Arabic-Indic digits on an English page: {eastern_digits}")
        measured = page.evaluate(self.measure, True)
        scroll_width, inner_width, widest = measured["widths"]
        if scroll_width > inner_width:
            self.problems.append(f"{where}: {scroll_width} px wide in a {inner_width} px window: {widest}")
        self.problems += [f"{where}: {clipped}" for clipped in measured["clipped"]]
        for violation in self.axe.run(page).response["violations"]:
            if violation["impact"] in self.serious:
                self.problems.append(f"{where}: axe {violation['id']} ({violation['impact']}): {violation['help']}"
                                     f" — {[n['target'] for n in violation['nodes'][:4]]}")
        if width < 600:
            self.problems += [f"{where}: too small to tap: {small}" for small in page.evaluate(SMALL_TARGETS)]
        elif width == LAPTOP["width"]:
            self.problems += [f"{where}: too small to read from the back: {small}"
                              for small in page.evaluate(SMALL_TYPE, 24)]
            for selector, least in BIG_TYPE.items():
                shown = page.locator(f"#live-screen {selector}")
                if shown.count() and font_px(shown) < least:
                    self.problems.append(f"{where}: {selector} is {font_px(shown)} px, not {least}")
        screenshot(page, f"live/{self.lang}-{'phone' if width < 600 else width}-{name}", full_page=width < 600)

    def host(self, page, name: str) -> None:
        """The projector's screen at both sizes (the same page, the window resized)."""
        for size in (FULL_HD, LAPTOP):
            page.set_viewport_size(size)
            # From the top, as the class sees it (Playwright scrolls a button into view before clicking it, and the
            # page's scroll padding makes it scroll the sticky controls by a few pixels).
            page.evaluate("window.scrollTo(0, 0)")
            self(page, name)

    def require(self, condition: bool, problem: str) -> None:
        if not condition:
            self.problems.append(f"{self.lang}: {problem}")

    def check(self) -> None:
        assert not self.problems, "\n".join(self.problems)


def font_px(locator) -> float:
    return float(locator.first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))


def box(locator) -> dict:
    return locator.first.evaluate("e => { const r = e.getBoundingClientRect(); return {top: r.top, bottom: r.bottom,"
                                  " left: r.left, right: r.right, width: r.width, height: r.height}; }")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_every_live_screen_on_projectors_and_a_phone(live_server, live_set, open_page, watch, lang):
    app = live_server.app
    audit = Audit(lang)
    game_id, code = new_game(app, live_set, (45, None, None), title="الموصل: من السقوط إلى التحرير"
                             if lang == "ar" else "Mosul: from its fall to its liberation")
    others = join_by_services(app, game_id, CLASS)
    host = open_page(FULL_HD)
    log_in(host, "teacher", "chronoquiz-teacher")
    choose_prefs(host, **READERS[lang])
    phone = open_page(PHONE)
    choose_prefs(phone, **READERS[lang])
    name = "مريم" if lang == "ar" else "Maryam"

    phone.goto(f"/live/{code}")
    audit(phone, "join")
    join_as(phone, name)
    audit(phone, "waiting")

    host.goto(f"/teach/live/{game_id}")
    expect(host.locator(".live-names li")).to_have_count(len(CLASS) + 1)
    for size in (FULL_HD, LAPTOP):
        host.set_viewport_size(size)
        qr, shown_code = box(host.locator(".projector-qr svg")), box(host.locator(".projector-code"))
        for what, shown in (("QR code", qr), ("join code", shown_code)):
            audit.require(0 <= shown["top"] and shown["bottom"] <= size["height"],
                          f"{size}: the {what} is below the fold: {shown}")
        audit.require(qr["height"] >= 0.5 * size["height"], f"{size}: the QR code is too small: {qr}")
        audit.require(font_px(host.locator(".projector-code")) >= 96, f"{size}: the join code is too small")
        audit(host, "lobby")

    control(host, "start").click()
    wait_for_phase(host, "question", 0)
    wait_for_phase(phone, "question", 0)
    answer_by_services(app, game_id, {others["نور"]: True, others["Alexandra Konstantin"]: False})
    expect(host.locator(".live-count")).to_have_text(count_of(2, 5), timeout=CATCH_UP)
    audit.host(host, "question")
    audit(phone, "question-mcq")
    row = game_row(app, game_id)
    choose(phone, question_on(phone, row)["answer"])
    submit(phone)
    audit(phone, "answer-received")

    answer_by_services(app, game_id, {others["عبد الرحمن الهاشمي"]: True})
    control(host, "close").click()
    wait_for_phase(host, "reveal", 0)
    audit.host(host, "reveal")
    wait_for_phase(phone, "reveal", 0)
    phone.locator(".live-review summary").click()
    audit(phone, "reveal")

    control(host, "next").click()
    wait_for_phase(host, "question", 1)
    wait_for_phase(phone, "question", 1)
    expect(phone.locator(".ordering-item .move-up")).to_have_count(4)
    audit(phone, "question-ordering")
    answer_by_services(app, game_id, {others["نور"]: True, others["يوسف"]: False})
    audit.host(host, "question-ordering")
    order_by_keyboard(phone, question_on(phone, row)["answer"])
    submit(phone)
    control(host, "close").click()
    wait_for_phase(host, "reveal", 1)
    audit.host(host, "reveal-ordering")
    wait_for_phase(phone, "reveal", 1)
    phone.locator(".live-review summary").click()
    audit(phone, "reveal-ordering")

    control(host, "end").click()
    wait_for_phase(host, "ended")
    audit.host(host, "end")
    wait_for_phase(phone, "ended")
    audit(phone, "end")
    audit.check()
