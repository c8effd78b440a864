"""Every page a visitor, a learner, a student and a teacher can reach reads in Arabic: no Latin word in the
visible text but proper names, codes and what people typed or uploaded. That includes what the core says
(import issues, the rules a set breaks, why no quiz could be made), form errors and the error pages.

Attributes a reader meets are text too: aria-label and alt (read aloud), title (a tooltip), placeholder and
a button's value (shown). What is not checked, and why: <script> and <style> (not text), elements with
lang="en" (the language switch, which names English in English) and elements marked translate="no" (the
places, codes and file contents that quiz.i18n.render_message isolates inside a translated message).
User content that pages show as it is (an imported file's questions) is taken out by the test, which knows
what it typed and uploaded.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from flask import abort

from quiz import interop, paths
from quiz.extensions import db
from quiz.models import QuestionSet
from tests.conftest import SHARED
from tests.web.helpers import page, question_form, signup

# Latin words a page in Arabic may show, each for a reason. Keep this list short: a word that is here
# because a template forgot to translate it hides the very bug this test is for.
ALLOWED = {
    # Proper names: the product, and the tools whose files it reads and writes.
    "Chronoquiz", "Moodle", "Kahoot", "Quizizz", "Wayground", "Excel", "Windows", "Notepad", "Unicode",
    # Codes: file formats and encodings, as they are written on the files and in every other program.
    "CSV", "GIFT", "XML", "YAML", "JSON", "UTF", "QR", "ZIP", "DTD", "ISO", "LE", "BE", "PNG", "JPEG", "GIF", "WebP",
    "xlsx", "gift", "txt", "xml", "csv", "tsv", "yaml", "yml", "json",
}
# Join and resume codes (K7QM3P, ABCD-2345): codes, in capitals and digits; URLs (the class's join link).
CODE = re.compile(r"\b(?=[A-Z0-9-]*\d|[A-Z]{5,})[A-Z0-9]{4,}(?:-[A-Z0-9]{2,})*\b")
URL = re.compile(r"https?://\S+")
LATIN_WORD = re.compile(r"[A-Za-z]+")

ARTICLE = """زيارة الوفد
في 12 مارس 2009 وصل وفد من الكونغرس إلى بغداد لبحث الانسحاب. وفي يونيو 2009 انتقلت القوات إلى القواعد خارج المدن.
وفي ديسمبر 2011 غادرت آخر قافلة عسكرية، وانتهت بذلك مرحلة كاملة.
"""

READ_ATTRIBUTES = {"aria-label", "alt", "title", "placeholder", "aria-description", "aria-roledescription"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _VisibleText(HTMLParser):
    """The text of a page as a reader sees it, without the parts this test does not judge (see the module)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        inside_skipped = bool(self.stack and self.stack[-1][1])
        if not inside_skipped and values.get("translate") != "no" and not (values.get("lang") or "").startswith("en"):
            self.parts.extend(v for k, v in attrs if v and (k in READ_ATTRIBUTES or (
                k == "value" and tag in ("input", "button") and values.get("type") in ("submit", "button"))))
        if tag in VOID:
            return
        skipped = (
            (self.stack and self.stack[-1][1])
            or tag in ("script", "style", "template")
            or values.get("translate") == "no"
            or (values.get("lang") or "").startswith("en")
        )
        self.stack.append((tag, bool(skipped)))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, -1, -1):  # forgiving of unclosed <p> and <li>
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1][1]):
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return " ".join(" ".join(parser.parts).split())


class Walk:
    """Pages seen in Arabic, and every Latin word on them that is not allowed."""

    def __init__(self) -> None:
        self.user_content: set[str] = set()  # text a person typed or uploaded, shown as it is
        self.problems: list[str] = []
        self.pages = 0

    def check(self, response, where: str, *, status: int | tuple[int, ...] = 200) -> str:
        expected = status if isinstance(status, tuple) else (status,)
        assert response.status_code in expected, (where, response.status_code, page(response)[:500])
        html = page(response)
        assert '<html lang="ar"' in html, where
        text = visible_text(html)
        for content in sorted(self.user_content, key=len, reverse=True):
            text = text.replace(content, " ")
        text = CODE.sub(" ", URL.sub(" ", text))
        words = sorted({w for w in LATIN_WORD.findall(text) if w not in ALLOWED})
        if words:
            self.problems.append(f"{where}: {', '.join(words)}")
        self.pages += 1
        return html

    def get(self, client, url: str, **kwargs) -> str:
        return self.check(client.get(url, follow_redirects=True), f"GET {url}", **kwargs)

    def post(self, client, url: str, data: dict, **kwargs) -> str:
        status = kwargs.pop("status", 200)
        response = client.post(url, data=data, follow_redirects=True, **kwargs)
        return self.check(response, f"POST {url}", status=status)

    def assert_clean(self, least: int) -> None:
        assert self.pages >= least, f"only {self.pages} pages walked"
        assert not self.problems, "Latin words on Arabic pages:\n" + "\n".join(self.problems)


def imported_texts(data: bytes, filename: str) -> set[str]:
    """What a page may show of an uploaded file as it is: its title, questions, options and explanations."""
    texts = {filename, Path(filename).stem}
    try:
        result = interop.import_any(data, filename)
    except interop.InteropError:  # nothing importable: the page lists why, places and codes isolated
        return texts
    texts.add(result.set.title)
    for question in result.set.questions:
        texts.update(t for t in (question.prompt_ar, question.prompt_en, question.explanation_ar,
                                 question.explanation_en, question.category) if t)
        texts.update(t for o in question.options for t in (o.text_ar, o.text_en) if t)
    return {" ".join(t.split()) for t in texts}


@pytest.fixture
def walk() -> Walk:
    return Walk()


@pytest.fixture
def statuses(app):
    """/_test/status/<code>: an error page for any status (403, 409, 413, 429 have no natural path)."""
    app.add_url_rule("/_test/status/<int:code>", "test_status", lambda code: abort(code))
    app.add_url_rule("/_test/crash", "test_crash", lambda: 1 / 0)
    return app


def test_the_page_shown_before_the_chronology_is_loaded_is_in_arabic(empty_app, walk):
    walk.get(empty_app.test_client(), "/", status=503)
    walk.assert_clean(least=1)


# -- the catalogue -----------------------------------------------------------------------------------------

CATALOGUE = paths.PACKAGE_DIR / "translations" / "ar" / "LC_MESSAGES" / "messages.po"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w+)\}")
TAG = re.compile(r"<[^>]+>")


def placeholders(text: str) -> set[str]:
    return {printf or brace for printf, brace in PLACEHOLDER.findall(text)}


def test_every_catalogue_entry_is_arabic_with_the_placeholders_of_its_msgid():
    """Every msgid, from templates, views and the core (N_, Nn_), has an Arabic msgstr: no Latin word but the
    allowed ones (outside placeholders and markup), and the same %(name)s / {name} placeholders. A counted
    message's six forms (zero, one, two, few, many, other) may leave out the count where the word says it
    («حدثان»), and the zero form may say "none" alone; from three on every placeholder is there."""
    with CATALOGUE.open("rb") as source:
        catalogue = read_po(source)
    problems = []
    entries = [message for message in catalogue if message.id]
    for message in entries:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set().union(*(placeholders(text) for text in ids))
        for number, form in enumerate(forms):
            if not form.strip():
                problems.append(f"untranslated: {ids[0]!r} [{number}]")
                continue
            latin = {w for w in LATIN_WORD.findall(TAG.sub(" ", PLACEHOLDER.sub(" ", form))) if w not in ALLOWED}
            if latin:
                problems.append(f"Latin {sorted(latin)} in the translation of {ids[0]!r}")
            found = placeholders(form)
            if not message.pluralizable:
                needed = wanted
            else:
                needed = wanted if number >= 3 else set() if number == 0 else wanted - {"num"}
            if not needed <= found or not found <= wanted:
                problems.append(f"placeholders {sorted(found)} instead of {sorted(wanted)}: {ids[0]!r} [{number}]")
    assert len(entries) > 500
    assert not problems, "\n".join(problems)


# -- visitors and learners -------------------------------------------------------------------------------


def test_every_page_a_visitor_and_a_learner_see_is_in_arabic(app, statuses, client, walk):
    walk.get(client, "/")
    walk.get(client, "/timeline")
    event_id = re.search(r'href="/timeline/([\w-]+)"', walk.get(client, "/timeline")).group(1)
    walk.get(client, f"/timeline/{event_id}")
    walk.get(client, "/login")
    walk.post(client, "/login", {"username": "nobody", "password": "wrong password"}, status=(200, 422))
    walk.get(client, "/signup")
    walk.post(client, "/signup", {"username": "x", "display_name": "", "password": "a", "confirm": "b"},
              status=(200, 422))
    walk.get(client, "/join")
    walk.post(client, "/join", {"code": "ZZZZZZ", "display_name": "ضيف"}, status=(200, 422))
    walk.get(client, "/resume")
    walk.post(client, "/resume", {"code": "QQQQ-QQQQ"}, status=(200, 404, 422))
    # Practice as a visitor: a generator error (filters that leave too few events), then a whole quiz.
    walk.get(client, "/practice")
    walk.post(client, "/practice", {"count": "50", "kinds": "who", "eras": "invasion-occupation"}, status=422)
    html = walk.post(client, "/practice", {"count": "5"})
    for _ in range(5):
        form = question_form(html)
        data = {"question_id": form["question_id"]}
        data.update({"choice": form["choices"][0]} if form["choices"] else
                    {f"pos-{item}": str(n) for n, item in enumerate(form["items"], start=1)})
        html = walk.post(client, "/practice/quiz/answer", data)  # the feedback page, then the next question
        if "name=\"question_id\"" not in html:
            html = walk.get(client, "/practice/quiz")
        if "name=\"question_id\"" not in html:
            break
    walk.get(client, "/practice/quiz/result")
    # A learner with an account.
    signup(client, "sami", "a long password", "سامي")
    walk.user_content.add("sami")  # the learner's user name, on the account page
    walk.get(client, "/")
    walk.post(client, "/practice", {"count": "5"})
    walk.get(client, "/history")
    walk.get(client, "/progress")
    walk.get(client, "/review")
    walk.get(client, "/account")
    # Error pages.
    walk.get(client, "/no-such-page", status=404)
    app.config["PROPAGATE_EXCEPTIONS"] = False  # the 500 page, as production shows it
    try:
        walk.get(client, "/_test/crash", status=500)
    finally:
        app.config["PROPAGATE_EXCEPTIONS"] = None
    walk.get(client, "/timeline/no-such-event", status=404)
    for code in (400, 401, 403, 405, 409, 410, 413, 429):
        walk.get(client, f"/_test/status/{code}", status=code)
    app.config["WTF_CSRF_ENABLED"] = True  # the one form without its token: 400
    try:
        walk.post(app.test_client(), "/login", {"username": "sami", "password": "a long password"}, status=400)
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    walk.assert_clean(least=30)


# -- a teacher and a class -------------------------------------------------------------------------------


@pytest.fixture
def teacher(app, teacher, clock):
    app.config["TIMEZONE"] = "UTC"
    return teacher


def _created(response) -> int:
    return int(response.headers["Location"].rsplit("/", 1)[1])


MCQ_AR = {"prompt_ar": "متى بدأ الانسحاب من المدن؟", "options-0-text_ar": "يونيو 2009",
          "options-1-text_ar": "مارس 2003", "options-2-text_ar": "ديسمبر 2011", "correct": "1",
          "explanation_ar": "في صيف 2009."}


def test_every_page_a_teacher_and_a_student_see_is_in_arabic(app, statuses, teacher, clock, walk):
    walk.user_content.add("karim")  # the teacher's user name, on the account page
    walk.get(teacher, "/teach/")
    walk.get(teacher, "/teach/sets")
    walk.post(teacher, "/teach/sets", {"title": "", "language": "ar", "grading_type": "all_or_nothing"},
              status=422)
    set_id = _created(teacher.post("/teach/sets", data={"title": "مجموعة الانسحاب", "language": "ar",
                                                        "grading_type": "all_or_nothing"}))
    walk.get(teacher, f"/teach/sets/{set_id}/questions/new/mcq")
    walk.get(teacher, f"/teach/sets/{set_id}/questions/new/ordering")
    walk.post(teacher, f"/teach/sets/{set_id}/questions/new/mcq", MCQ_AR)
    # The set's rules broken: one option, none marked, two items for an ordering.
    walk.post(teacher, f"/teach/sets/{set_id}/questions/new/mcq",
              {"prompt_ar": "سؤال ناقص", "options-0-text_ar": "خيار", "options-1-text_ar": "خيار"}, status=422)
    walk.post(teacher, f"/teach/sets/{set_id}/questions/new/ordering",
              {"prompt_ar": "رتّب", "options-0-text_ar": "أ", "options-1-text_ar": "ب"}, status=422)
    # A generator error, then questions generated into the Arabic-only set.
    walk.get(teacher, f"/teach/sets/{set_id}/generate")
    walk.post(teacher, f"/teach/sets/{set_id}/generate",
              {"count": "50", "seed": "5", "kinds": "who", "eras": "invasion-occupation"}, status=422)
    walk.post(teacher, f"/teach/sets/{set_id}/generate", {"count": "4", "seed": "5", "eras": "war-on-isis"})
    walk.get(teacher, f"/teach/sets/{set_id}")
    walk.get(teacher, f"/teach/sets/{set_id}/questions/1")
    walk.get(teacher, f"/teach/sets/{set_id}/settings")
    # Validation errors on the set: English asked of questions written in Arabic only.
    walk.post(teacher, f"/teach/sets/{set_id}/settings",
              {"title": "مجموعة الانسحاب", "language": "both", "grading_type": "all_or_nothing"}, status=422)
    walk.get(teacher, f"/teach/sets/{set_id}/print")
    walk.get(teacher, f"/teach/sets/{set_id}/print?answers=1")
    # A class, an assignment, a student's attempt, the results.
    walk.get(teacher, "/teach/")
    walk.post(teacher, "/teach/classes", {"name": ""}, status=(200, 422))
    class_id = _created(teacher.post("/teach/classes", data={"name": "الصف الحادي عشر"}))
    class_page = walk.get(teacher, f"/teach/classes/{class_id}")
    code = re.search(r'<p class="join-code" dir="ltr">(\w+)</p>', class_page).group(1)
    walk.get(teacher, f"/teach/classes/{class_id}/projector")
    walk.get(teacher, f"/teach/classes/{class_id}/assignments/new")
    opens = clock.now.replace(tzinfo=None)
    assignment = {"question_set": str(set_id), "title": "واجب الأسبوع",
                  "opens_at": opens.strftime("%Y-%m-%dT%H:%M"),
                  "closes_at": (opens + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M"), "max_attempts": "1",
                  "grading_type": "all_or_nothing", "show_answers": "after_submit"}
    walk.post(teacher, f"/teach/classes/{class_id}/assignments/new",
              {**assignment, "closes_at": assignment["opens_at"]}, status=422)
    assignment_id = _created(teacher.post(f"/teach/classes/{class_id}/assignments/new", data=assignment))
    student = app.test_client()
    walk.get(student, f"/join/{code}")
    walk.post(student, "/join", {"code": code, "display_name": "ليلى"})
    walk.get(student, "/")
    html = walk.post(student, f"/assignments/{assignment_id}/start", {})
    for _ in range(10):
        if 'name="question_id"' not in html:
            break
        form = question_form(html)
        data = {"question_id": form["question_id"]}
        data.update({"choice": form["choices"][0]} if form["choices"] else
                    {f"pos-{item}": str(n) for n, item in enumerate(form["items"], start=1)})
        attempt_url = re.search(r'action="(/attempts/\d+)/answer"', html).group(1)
        html = walk.post(student, f"{attempt_url}/answer", data)
    walk.get(student, "/")
    walk.get(teacher, f"/teach/classes/{class_id}")
    walk.get(teacher, f"/teach/classes/{class_id}/overview")
    results = walk.get(teacher, f"/teach/assignments/{assignment_id}")
    attempt_link = re.search(rf'href="(/teach/assignments/{assignment_id}/attempts/\d+)"', results)
    if attempt_link:
        walk.get(teacher, attempt_link.group(1))
    # Articles: a draft to review, a review with errors, a bad upload.
    walk.get(teacher, "/teach/articles")
    walk.post(teacher, "/teach/articles", {"title": "مقال", "text": "   "}, status=422)
    walk.post(teacher, "/teach/articles",
              {"title": "مقال", "upload": (io.BytesIO("في 12 مارس 2009".encode("cp1256")), "maqal.txt")},
              status=422, content_type="multipart/form-data")
    walk.user_content.add("maqal.txt")
    review = teacher.post("/teach/articles", data={"title": "مقال الوفد", "text": ARTICLE},
                          content_type="multipart/form-data")
    review_url = review.headers["Location"]
    html = walk.get(teacher, review_url)
    walk.post(teacher, review_url, {}, status=422)
    fields = dict(re.findall(r'name="(c\d+-[a-z_]+)" (?:dir="ltr" )?value="([^"]*)"', html))
    accepted = {**fields, **{f"c{n}-accept": "y" for n in range(1, html.count('<fieldset class="candidate') + 1)},
                **{f"c{n}-summary_ar": "ملخص" for n in range(1, html.count('<fieldset class="candidate') + 1)}}
    walk.post(teacher, review_url, accepted)  # the teacher's own chronology, on its page
    walk.get(teacher, "/account")
    # An invitation for a colleague: the link, the sign-up it opens (with errors), the link used twice.
    link = re.search(r"(/invitations/[\w-]+)", walk.post(teacher, "/account/invitations", {})).group(1)
    colleague = app.test_client()
    walk.get(colleague, link)
    walk.post(colleague, link, {"username": "", "display_name": "", "password": "a", "confirm": "b"},
              status=(200, 422))
    walk.post(colleague, link, {"username": "huda", "display_name": "هدى", "password": "a long password",
                                "confirm": "a long password"})
    walk.get(app.test_client(), link, status=410)
    walk.get(teacher, "/teach/classes/999999", status=404)
    walk.assert_clean(least=35)


def test_every_page_of_a_classroom_week_is_in_arabic(app, statuses, teacher, clock, walk):
    """Issue 15's pages: a timed assignment's start page, timer and time's-up page, accommodations, the grading
    method, editing and extending an assignment, confirm-then-undo for each destructive action, a regrade."""
    set_id = _created(teacher.post("/teach/sets", data={"title": "مجموعة الانسحاب", "language": "ar",
                                                        "grading_type": "all_or_nothing"}))
    teacher.post(f"/teach/sets/{set_id}/questions/new/mcq", data=MCQ_AR)
    teacher.post(f"/teach/sets/{set_id}/generate", data={"count": "3", "seed": "5", "eras": "war-on-isis"})
    class_id = _created(teacher.post("/teach/classes", data={"name": "الصف الحادي عشر"}))
    class_html = page(teacher.get(f"/teach/classes/{class_id}"))
    code = re.search(r'<p class="join-code" dir="ltr">(\w+)</p>', class_html).group(1)
    opens = clock.now.replace(tzinfo=None)
    assignment = {"question_set": str(set_id), "title": "واجب الأسبوع",
                  "opens_at": opens.strftime("%Y-%m-%dT%H:%M"),
                  "closes_at": (opens + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M"), "max_attempts": "2",
                  "time_limit_minutes": "10", "grading_type": "all_or_nothing", "show_answers": "after_submit",
                  "grading_method": "average"}
    assignment_id = _created(teacher.post(f"/teach/classes/{class_id}/assignments/new", data=assignment))
    student = app.test_client()
    student.post("/join", data={"code": code, "display_name": "ليلى"})
    omar = app.test_client()
    omar.post("/join", data={"code": code, "display_name": "عمر"})
    class_page = walk.get(teacher, f"/teach/classes/{class_id}")  # accommodation editors per student
    membership = re.findall(r"/students/(\d+)/accommodations", class_page)[0]
    walk.post(teacher, f"/teach/classes/{class_id}/students/{membership}/accommodations",
              {f"acc{membership}-time_multiplier": "9"}, status=(200, 302, 422))
    teacher.post(f"/teach/classes/{class_id}/students/{membership}/accommodations",
                 data={f"acc{membership}-time_multiplier": "1.5", f"acc{membership}-read_aloud": "y"})
    walk.get(teacher, f"/teach/classes/{class_id}")
    # The student's week: the start page, a question with its timer, feedback, the time's-up page.
    walk.get(student, "/")
    start = walk.get(student, f"/assignments/{assignment_id}/start")
    number = re.search(r'name="attempt_number" value="(\d+)"', start).group(1)
    html = walk.post(student, f"/assignments/{assignment_id}/start", {"attempt_number": number})
    attempt_url = re.search(r'action="(/attempts/\d+)/answer"', html).group(1)
    form = question_form(html)
    walk.post(student, f"{attempt_url}/answer", {"question_id": form["question_id"], **(
        {"choice": form["choices"][0]} if form["choices"] else
        {f"pos-{item}": str(n) for n, item in enumerate(form["items"], start=1)})})
    clock.advance(minutes=20)  # past her 15 minutes
    walk.get(student, f"{attempt_url}/time-up")
    walk.get(student, "/history")
    walk.get(student, "/progress")
    # The teacher: results with the grading method, edit (with a refused change), extend, close, reopen.
    walk.get(teacher, f"/teach/assignments/{assignment_id}")
    walk.get(teacher, f"/teach/assignments/{assignment_id}/edit")
    walk.post(teacher, f"/teach/assignments/{assignment_id}/edit", {**assignment, "time_limit_minutes": "-5"},
              status=(200, 422))
    walk.post(teacher, f"/teach/assignments/{assignment_id}/close", {})
    walk.get(teacher, f"/teach/assignments/{assignment_id}")
    # Confirm, then undo: each confirmation page, one action and its undo.
    with app.app_context():
        from quiz.models import Membership

        removable = db.session.execute(db.select(Membership.id).filter_by(classroom_id=class_id)).scalars().all()[-1]
    for url in (f"/teach/sets/{set_id}/questions/1/delete", f"/teach/classes/{class_id}/archive",
                f"/teach/classes/{class_id}/code", f"/teach/assignments/{assignment_id}/delete",
                f"/teach/classes/{class_id}/students/{removable}/remove"):
        walk.get(teacher, url)
    done = teacher.post(f"/teach/classes/{class_id}/students/{removable}/remove", data={})
    after = walk.get(teacher, done.headers["Location"])
    undo = re.search(r'action="(/teach/undo/\d+)"', after).group(1)
    walk.post(teacher, undo, {})
    # A fixed question: the set offers a regrade, its dry run.
    teacher.post(f"/teach/sets/{set_id}/questions/1", data={**MCQ_AR, "correct": "0"})
    walk.get(teacher, f"/teach/sets/{set_id}")
    walk.get(teacher, f"/teach/assignments/{assignment_id}/regrade")
    walk.assert_clean(least=20)


def test_every_screen_of_a_live_lesson_is_in_arabic(app, teacher, clock, walk):
    """The host's lobby, question, answer and end screens, and a player's join (with each refusal), waiting,
    question, answer received, feedback, a late answer and the end."""
    set_id = _created(teacher.post("/teach/sets", data={"title": "مجموعة الانسحاب", "language": "ar",
                                                        "grading_type": "all_or_nothing"}))
    teacher.post(f"/teach/sets/{set_id}/questions/new/mcq", data=MCQ_AR)
    teacher.post(f"/teach/sets/{set_id}/generate", data={"count": "2", "seed": "5", "eras": "war-on-isis"})
    walk.get(teacher, "/teach/live")
    walk.post(teacher, "/teach/live", {"source": str(set_id), "time_limit": "3"}, status=422)
    game_id = _created(teacher.post("/teach/live", data={"source": str(set_id), "classroom": "",
                                                         "time_limit": "20", "speed_bonus": "y",
                                                         "leaderboard": "all", "grading_type": "all_or_nothing"}))
    host = f"/teach/live/{game_id}"
    lobby = walk.get(teacher, host)
    code = re.search(r'projector-code" dir="ltr">(\d+)<', lobby).group(1)
    walk.get(app.test_client(), "/live")
    walk.post(app.test_client(), "/live", {"code": "123"}, status=404)
    phone = app.test_client()
    join = walk.get(phone, f"/live/{code}")
    token = re.search(r'name="token" value="([^"]+)"', join).group(1)
    for refused in ("", "ب", "x" * 30, "fuck"):
        walk.post(phone, f"/live/{code}/join", {"nickname": refused, "token": token}, status=422)
    walk.post(phone, f"/live/{code}/join", {"nickname": "ليلى", "token": token})
    walk.user_content.add("ليلى")
    walk.get(teacher, host)
    walk.post(teacher, f"{host}/times", {"limit-0": "x", "version": "1"})
    version = re.search(r'name="version" value="(\d+)"', walk.get(teacher, host)).group(1)
    walk.post(teacher, f"{host}/control", {"action": "start", "version": version})
    walk.post(teacher, f"{host}/control", {"action": "start", "version": version})  # a second tab's old click
    question = walk.get(phone, f"/live/{code}")
    form = question_form(question)
    walk.post(phone, f"/live/{code}/answer", {"question_id": form["question_id"], "choice": "nope"}, status=422)
    walk.post(phone, f"/live/{code}/answer", {"question_id": form["question_id"], "choice": form["choices"][0]})
    version = re.search(r'name="version" value="(\d+)"', walk.get(teacher, host)).group(1)
    walk.post(teacher, f"{host}/control", {"action": "pause", "version": version})
    version = re.search(r'name="version" value="(\d+)"', walk.get(teacher, host)).group(1)
    walk.post(teacher, f"{host}/control", {"action": "resume", "version": version})
    clock.advance(seconds=30)
    walk.get(teacher, host)  # the answer, its chart and the leaderboard
    walk.get(phone, f"/live/{code}")  # the feedback
    walk.post(phone, f"/live/{code}/answer", {"question_id": form["question_id"], "choice": form["choices"][0]})
    version = re.search(r'name="version" value="(\d+)"', walk.get(teacher, host)).group(1)
    walk.post(teacher, f"{host}/control", {"action": "end", "version": version})
    walk.get(teacher, host)
    walk.get(phone, f"/live/{code}")
    walk.get(app.test_client(), f"/live/{code}", status=410)
    walk.get(app.test_client(), "/live/999999", status=404)
    walk.assert_clean(least=25)


# -- imports -------------------------------------------------------------------------------------------------

BROKEN = [
    ("no-header.csv", "question,answer\nمتى؟,2003\n".encode()),
    ("nothing.csv", "type,question_ar,option_1_ar,option_2_ar,correct\nessay,اشرح,,,\nmcq,متى؟,2003,2001,5\n"
     .encode()),
    ("unclosed.gift", "::س١:: متى بدأ الغزو؟ {\n=2003\n~2001\n".encode()),
    ("broken.xml", b"<quiz><question type='multichoice'><name></quiz>"),
    ("wrong-root.xml", b"<?xml version='1.0'?><questions/>"),
    ("bad.yaml", "format: chronoquiz-set\nversion: 1\ntitle: س\nquestions:\n  - type: essay\n    txt_ar: س\n"
     .encode()),
    ("surrogate.gift", b"\xff\xfe" + "::س:: متى؟ {=2003 ~2001}".encode("utf-16-le") + b"\x00\xdc"),  # unreadable
    ("mystery.bin", b"\x00\x01\x02 nothing known"),
]
REAL = [
    "moodle/qformat_gift/questions.gift.txt",
    "moodle/qformat_xml/multichoice.xml",
    "moodle/qtype_ordering/testimport.moodle.xml",
    "moodle/qtype_ordering/testimport.gift.txt",
    "kahoot/KahootQuizTemplate.xlsx",
    "quizizz/quizizz_template_reproduction.csv",
]


def test_imports_report_every_error_skip_and_warning_in_arabic(teacher, walk):
    walk.get(teacher, "/teach/sets/import")
    for filename, data in BROKEN:
        walk.user_content.add(filename)
        walk.post(teacher, "/teach/sets/import", {"upload": (io.BytesIO(data), filename)}, status=422,
                  content_type="multipart/form-data")
    walk.post(teacher, "/teach/sets/import", {}, status=422, content_type="multipart/form-data")
    folder = SHARED / "interop"
    if not folder.is_dir():
        walk.assert_clean(least=9)
        pytest.skip(f"the sample files of other tools are not here ({folder}); broken files were checked")
    for name in REAL:
        path = folder / name
        data = path.read_bytes()
        walk.user_content |= imported_texts(data, path.name)
        walk.post(teacher, "/teach/sets/import", {"upload": (io.BytesIO(data), path.name)},
                  content_type="multipart/form-data", status=(200, 422))  # Kahoot's template marks 4 right
    walk.assert_clean(least=9 + len(REAL))


# -- a set's languages ----------------------------------------------------------------------------------


def test_an_arabic_only_set_keeps_its_language_when_questions_are_generated_into_it(app, teacher):
    set_id = _created(teacher.post("/teach/sets", data={"title": "بالعربية فقط", "language": "ar",
                                                        "grading_type": "all_or_nothing"}))
    assert teacher.post(f"/teach/sets/{set_id}/generate",
                        data={"count": "4", "seed": "5", "eras": "war-on-isis"}).status_code == 302
    # The teacher's own question, in Arabic only, is still accepted after generation...
    assert teacher.post(f"/teach/sets/{set_id}/questions/new/mcq", data=MCQ_AR).status_code == 302
    with app.app_context():
        content = db.session.get(QuestionSet, set_id).latest.content
    assert content["language"] == "ar"
    assert len(content["questions"]) == 5
    assert [q["origin"] for q in content["questions"]] == ["generated"] * 4 + ["authored"]
    # ... and the editor still asks only for Arabic.
    html = page(teacher.get(f"/teach/sets/{set_id}/questions/new/mcq"))
    assert 'id="prompt_ar"' in html and 'id="prompt_en"' not in html
    # Only the teacher changes a set's languages, and then the rules ask for English.
    refused = teacher.post(f"/teach/sets/{set_id}/settings",
                           data={"title": "بالعربية فقط", "language": "both", "grading_type": "all_or_nothing"})
    assert refused.status_code == 422 and "نص السؤال بالإنجليزية ناقص" in page(refused)


def test_the_walk_reads_what_a_screen_reader_reads_and_skips_what_it_should():
    text = visible_text('<nav aria-label="Main"><input type="submit" value="Send"><img alt="A map">'
                        '<a lang="en" title="in English">English</a><span translate="no">K7QM3P</span>'
                        '<script>var never = 1;</script>نص</nav>')
    assert text.split() == ["Main", "Send", "A", "map", "نص"]
