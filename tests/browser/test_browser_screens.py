"""Every main screen, as each reader meets it: in Arabic (Eastern digits) and in English, on a 390×844 phone and a
1366×768 projector. On each: the page's language and direction, no sideways scrolling, no text clipped by its
box or spilling out of a card or a button, an axe-core WCAG audit with no serious or critical violation, no
console error or failed request, and a screenshot (build/screenshots/screens; `make screenshots` refreshes the
README's copies in docs/screenshots)."""

from __future__ import annotations

import pytest

from quiz.extensions import db
from quiz.models import Assignment, Classroom, QuestionSet
from tests.browser.conftest import log_in
from tests.browser.support import Watch, choose_prefs, current_question, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_only(reason="the browser tests run once, on SQLite")]

SERIOUS = {"serious", "critical"}
READERS = {"ar": {"lang": "ar", "digits": "eastern", "month_style": "levantine"},
           "en": {"lang": "en", "digits": "western", "month_style": "gregorian"}}
SIZES = {"phone": {"width": 390, "height": 844}, "projector": {"width": 1366, "height": 768}}
CASES = [(lang, size) for lang in READERS for size in SIZES]

MAIN_PAGES = ["home", "timeline", "event page", "practice setup", "question (mcq)", "question (ordering)",
              "feedback (mcq)", "feedback (ordering)", "result", "history", "progress", "login", "signup", "join",
              "teacher dashboard", "class page", "set page", "results page", "projector", "results in projector mode"]
# The screens read under pressure (a learner answering, a class reading the projector from the back): every
# line of their text is checked for clipping.
CHECKED_FOR_CLIPPING = ["question (mcq)", "question (ordering)", "feedback (mcq)", "feedback (ordering)", "result",
                        "projector", "results in projector mode"]


def _demo_ids(app) -> dict[str, int]:
    with app.app_context():
        try:
            return {"class": db.session.execute(db.select(Classroom.id).filter_by(name="الصف العاشر - أ")).scalar_one(),
                    "set": db.session.execute(db.select(QuestionSet.id).order_by(QuestionSet.id)).scalars().first(),
                    "assignment": db.session.execute(db.select(Assignment.id).order_by(Assignment.id)).scalars()
                    .first()}
        finally:
            db.session.remove()



def _answer_right(app, page) -> str:
    """Answer the question on the page correctly (no matter how: this is not the test of the controls)."""
    question = current_question(app, page)
    if question["type"] == "mcq":
        page.locator(f'input[name="choice"][value="{question["answer"]}"]').check()
    else:
        for position, item in enumerate(question["answer"], start=1):
            page.select_option(f'select[name="pos-{item}"]', str(position))
    with page.expect_navigation():
        page.locator("main form button[type=submit].primary").click()
    return question["type"]


def _main_pages(browser, live_server, lang: str, size: str):
    """Visit every main page and yield (name, page) on each, as anonymous visitor, learner and teacher."""
    app = live_server.app
    ids = _demo_ids(app)

    def context():
        page = browser.new_context(base_url=live_server.url, viewport=SIZES[size], locale=lang,
                                   reduced_motion="reduce", service_workers="block").new_page()
        choose_prefs(page, **READERS[lang])
        return page

    visitor = context()
    for name, url in [("home", "/"), ("timeline", "/timeline"), ("practice setup", "/practice"),
                      ("login", "/login"), ("signup", "/signup"), ("join", "/join")]:
        visitor.goto(url)
        yield name, visitor
    visitor.goto("/timeline")
    visitor.goto(visitor.locator('main a[href^="/timeline/"]').first.get_attribute("href"))
    yield "event page", visitor
    visitor.context.close()

    learner = context()
    learner.goto("/signup")
    learner.fill("#username", f"screens-{lang}-{size}")
    learner.fill("#display_name", "مريم" if lang == "ar" else "Maryam")
    learner.fill("#password", "a long password")
    learner.fill("#confirm", "a long password")
    with learner.expect_navigation():
        learner.locator("main form button[type=submit]").click()
    seen: set[str] = set()
    for kinds in (["order"], ["when"]):
        learner.goto("/practice")
        learner.select_option("#count", "5")
        for kind in kinds:
            learner.check(f'input[name="kinds"][value="{kind}"]')
        with learner.expect_navigation():
            learner.locator("main form button.primary").click()
        while "/result" not in learner.url:
            kind = current_question(app, learner)["type"]
            if kind not in seen:
                yield f"question ({kind})", learner
            _answer_right(app, learner)
            if kind not in seen:
                yield f"feedback ({kind})", learner
                seen.add(kind)
            with learner.expect_navigation():
                learner.locator("main .submit-bar a.button").click()
        if "result" not in seen:
            yield "result", learner
            seen.add("result")
    for name, url in [("history", "/history"), ("progress", "/progress")]:
        learner.goto(url)
        yield name, learner
    learner.context.close()

    teacher = context()
    log_in(teacher, "teacher", "chronoquiz-teacher")
    for name, url in [("teacher dashboard", "/teach/"), ("class page", f"/teach/classes/{ids['class']}"),
                      ("set page", f"/teach/sets/{ids['set']}"),
                      ("results page", f"/teach/assignments/{ids['assignment']}"),
                      ("projector", f"/teach/classes/{ids['class']}/projector"),
                      # Last: projector mode stays on for this teacher's session until ?projector=0.
                      ("results in projector mode", f"/teach/assignments/{ids['assignment']}?projector=1")]:
        teacher.goto(url)
        yield name, teacher
    teacher.context.close()


# Elements that stick out of the page on purpose or are hidden on purpose are not measured: the skip link
# (off screen until focused) and text for screen readers only.
MEASURE = """(checkText) => {
    // Not text to read: screen-reader-only text, the skip link, decorations hidden from assistive technology
    // (a drag handle's clipped dots), and anything not rendered (the inside of a closed menu).
    const ancestors = el => {
        const all = [];
        for (let a = el; a && a !== document.body; a = a.parentElement) all.push(a);
        return all;
    };
    // The usual "for screen readers only" pattern, whatever its class name (Charts.css hides its tables' headings
    // this way): a 1 px box that clips.
    const srOnly = a => { const r = a.getBoundingClientRect(), s = getComputedStyle(a);
                          return r.width <= 1 && r.height <= 1 && (s.overflow === 'hidden' || s.clipPath !== 'none'); };
    const hiddenOnPurpose = el => el.closest('.visually-hidden, .skip-link, [hidden], [aria-hidden="true"]')
        || ancestors(el).some(srOnly)
        || (el.checkVisibility && !el.checkVisibility({contentVisibilityAuto: true, visibilityProperty: true}));
    const describe = (el, text) => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string'
        ? '.' + el.className.trim().split(/\\s+/).join('.') : '') + ' «' + text.trim().slice(0, 30) + '»';
    // The boxes a line of text must stay inside: every ancestor that clips (overflow hidden or clip, not a
    // scroller the reader can scroll), and every ancestor drawn as a box (a button, a card, a bordered field).
    const boxes = el => {
        const found = [];
        for (let a = el; a && a !== document.body; a = a.parentElement) {
            const s = getComputedStyle(a);
            const clips = [s.overflowX, s.overflowY].some(o => o === 'hidden' || o === 'clip');
            const drawn = a.matches('button, .button, input, select, label, .card, .event, .option, .choice, li')
                && (parseFloat(s.borderTopWidth) > 0 || s.backgroundColor !== 'rgba(0, 0, 0, 0)');
            if (clips || drawn) found.push(a);
        }
        return found;
    };
    // The innermost elements that stick out sideways, to name in a failure.
    const sticksOut = e => e.getBoundingClientRect().left < -1
        || e.getBoundingClientRect().right > window.innerWidth + 1;
    const widest = [...document.querySelectorAll('body *')].filter(sticksOut)
        .filter(e => ![...e.querySelectorAll('*')].some(sticksOut)).slice(0, 3)
        .map(e => describe(e, e.textContent));
    const out = {widths: [document.documentElement.scrollWidth, window.innerWidth, widest], clipped: []};
    if (!checkText) return out;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode, el = node.parentElement;
        if (!node.textContent.trim() || !el || hiddenOnPurpose(el) || !el.getClientRects().length) continue;
        if (getComputedStyle(el).visibility === 'hidden') continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const line of range.getClientRects()) {
            if (line.width < 1) continue;
            // Past the window's edge, unless inside a scroller the reader can scroll (a wide table on a phone).
            const scrolled = ancestors(el).some(a => ['auto', 'scroll'].includes(getComputedStyle(a).overflowX));
            if (!scrolled && (line.left < -1 || line.right > window.innerWidth + 1)) {
                out.clipped.push(describe(el, node.textContent) + ' leaves the screen');
                break;
            }
            // A line's box is the font's whole height (Noto Naskh's is taller than the line it sits on), so
            // above and below it may pass its box by a quarter of the font size without a glyph being cut.
            const slack = parseFloat(getComputedStyle(el).fontSize) / 4;
            const outside = boxes(el).find(box => {
                const b = box.getBoundingClientRect();
                return line.left < b.left - 1 || line.right > b.right + 1 || line.top < b.top - slack
                    || line.bottom > b.bottom + slack;
            });
            if (outside) {
                out.clipped.push(describe(el, node.textContent) + ' outside ' + describe(outside, ''));
                break;
            }
        }
    }
    return out;
}"""


def _shot_name(lang: str, size: str, name: str) -> str:
    return f"screens/{lang}-{size}-" + name.replace(" (", "-").replace(")", "").replace(" ", "-")


@pytest.fixture(scope="module")
def screens(browser, live_server):
    """One walk through the main screens per reader and size; what each showed, for the tests below."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    watch = Watch()
    found: dict = {}
    for lang, size in CASES:
        for name, page in _main_pages(browser, live_server, lang, size):
            if not getattr(page, "_watched", False):
                watch.attach(page)
                page._watched = True
            page.wait_for_load_state("load")
            page.evaluate("document.fonts.ready.then(() => true)")
            measured = page.evaluate(MEASURE, name in CHECKED_FOR_CLIPPING)
            violations = axe.run(page).response["violations"]
            found[lang, size, name] = {
                "url": page.url,
                "dir": page.evaluate("document.documentElement.dir"),
                "lang": page.evaluate("document.documentElement.lang"),
                **measured,
                "serious": [f"{v['id']} ({v['impact']}): {v['help']} — "
                            + "; ".join(n["target"][0] if isinstance(n["target"][0], str) else str(n["target"])
                                        for n in v["nodes"][:4])
                            for v in violations if v["impact"] in SERIOUS],
            }
            screenshot(page, _shot_name(lang, size, name))
    found["_problems"] = watch.problems
    return found


ALL = [(lang, size, name) for lang, size in CASES for name in MAIN_PAGES]


def _id(case) -> str:
    return "-".join(case)


def test_every_main_screen_was_visited_by_every_reader(screens):
    assert sorted(k for k in screens if k != "_problems") == sorted(ALL)


@pytest.mark.parametrize("case", ALL, ids=_id)
def test_no_serious_or_critical_axe_violations(screens, case):
    assert not screens[case]["serious"], (f"axe-core: serious/critical WCAG violations on {case} "
                                          f"({screens[case]['url']}):\n" + "\n".join(screens[case]["serious"]))


@pytest.mark.parametrize("case", ALL, ids=_id)
def test_the_page_speaks_the_readers_language_in_its_direction_without_sideways_scrolling(screens, case):
    lang = case[0]
    assert (screens[case]["lang"], screens[case]["dir"]) == (lang, "rtl" if lang == "ar" else "ltr")
    scroll_width, inner_width, widest = screens[case]["widths"]
    assert scroll_width <= inner_width, (f"{case}: the page is {scroll_width} px wide in a {inner_width} px window; "
                                         f"sticking out: {widest}")


@pytest.mark.parametrize("case", [c for c in ALL if c[2] in CHECKED_FOR_CLIPPING], ids=_id)
def test_no_text_is_clipped_or_spills_out_of_its_box(screens, case):
    assert not screens[case]["clipped"], f"{case} ({screens[case]['url']}):\n" + "\n".join(screens[case]["clipped"])


def test_no_console_errors_or_failed_requests_on_any_screen(screens):
    assert not screens["_problems"], "\n".join(screens["_problems"])


def test_the_clipping_check_finds_clipped_and_spilling_text(browser):
    """The check above is only worth its passes if it fails on the faults it looks for."""
    page = browser.new_context(viewport=SIZES["phone"]).new_page()
    page.set_content("""<html dir="rtl"><body>
        <p style="width: 60px; overflow: hidden; white-space: nowrap">نص طويل لا يتسع في صندوقه الضيق</p>
        <button style="width: 50px; white-space: nowrap; border: 1px solid">زر بنص أطول من الزر</button>
        <p>سطر يتسع في مكانه</p>
        <span class="visually-hidden" style="position: absolute; width: 1px; overflow: hidden">لقارئ الشاشة وحده</span>
        <span style="position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%)">مخفي</span>
        <div style="overflow-x: auto; width: 100px"><p style="white-space: nowrap; width: 900px">جدول عريض يمرره
          القارئ بإصبعه إلى آخره دون أن يضيع منه شيء</p></div>
        </body></html>""")
    clipped = page.evaluate(MEASURE, True)["clipped"]
    page.context.close()
    assert len(clipped) == 2, clipped
    assert "p «نص طويل" in clipped[0] and "button «زر بنص" in clipped[1]
