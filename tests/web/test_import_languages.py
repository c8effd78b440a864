"""A question bank in several languages through the web (issue 17): the preview reports the set's
languages, every question is kept in its own language, a mixed set is taken in either interface language,
and each question's text reads in its own direction; import details are in the teacher's language."""

from __future__ import annotations

import html as html_module
import io
import re

import pytest

from quiz.extensions import db
from quiz.models import QuestionSet
from tests.fixtures.interop.samples import fixture
from tests.web.helpers import page
from tests.web.test_arabic_everywhere import Walk, imported_texts
from tests.web.test_set_files import preview_token
from tests.web.test_teach import assign, create_class, join, take

ENGLISH = {"lang": "en", "month_style": "gregorian", "digits": "western"}
ARABIC = {"lang": "ar", "month_style": "gregorian", "digits": "western"}
BANK = "mixed_languages.gift"


@pytest.fixture
def clock(clock, school_in_utc):
    return clock


def upload(client, data: bytes, name: str):
    return client.post("/teach/sets/import", data={"upload": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def import_bank(teacher) -> int:
    preview = upload(teacher, fixture(BANK), "bank.gift")
    assert preview.status_code == 200
    confirmed = teacher.post("/teach/sets/import/confirm", data={"token": preview_token(page(preview))})
    assert confirmed.status_code == 302
    return int(confirmed.headers["Location"].rsplit("/", 1)[1])


def test_the_preview_reports_each_language_and_the_real_reasons(teacher):
    teacher.post("/prefs/", data=ENGLISH)
    html = page(upload(teacher, fixture(BANK), "bank.gift"))
    assert "Languages: 3 questions in Arabic, 1 question in English, 1 question in French" in html
    assert "a multiple-choice question needs 2 to 6 options" in html and "the question has no text" in html
    assert "in Arabic is missing" not in html
    # Each question reads in its own direction on the English page: the Arabic ones isolated right to left,
    # the French one marked French (a screen reader's voice), the Latin word inside Arabic isolated.
    assert '<bdi dir="rtl" lang="ar">متى غزا العراق الكويت؟</bdi>' in html
    assert '<bdi dir="rtl" lang="ar">ما وظيفة وحدة <bdi>CPU</bdi> في الحاسوب؟</bdi>' in html
    assert "Quel pays a envahi le Koweït en août 1990 ?" in html


def test_a_mixed_set_is_saved_with_its_languages_and_shown_on_the_set_page(app, teacher):
    set_id = import_bank(teacher)
    with app.app_context():
        content = db.session.get(QuestionSet, set_id).latest.content
    assert content["language"] == "mixed" and len(content["questions"]) == 5
    assert [q.get("lang") for q in content["questions"]] == [None, None, None, "fr", None]
    html = page(teacher.get(f"/teach/sets/{set_id}"))  # Arabic interface
    assert 'class="muted set-languages"' in html
    assert '<bdi dir="ltr" lang="fr">Quel pays a envahi le Koweït en août 1990 ?</bdi>' in html
    assert '<bdi dir="ltr" lang="en">Which city is the capital of Iraq?</bdi>' in html
    settings = page(teacher.get(f"/teach/sets/{set_id}/settings"))
    assert 'value="mixed" selected' in settings or 'selected value="mixed"' in settings


def test_editing_a_french_question_keeps_its_language(app, teacher):
    set_id = import_bank(teacher)
    edited = teacher.post(f"/teach/sets/{set_id}/questions/4", data={
        "prompt_en": "Quel pays a envahi le Koweït en 1990 ?", "options-0-text_en": "L'Irak",
        "options-1-text_en": "L'Iran", "correct": "1"})
    assert edited.status_code == 302, page(edited)
    with app.app_context():
        question = db.session.get(QuestionSet, set_id).latest.content["questions"][3]
    assert question["lang"] == "fr" and question["prompt_en"] == "Quel pays a envahi le Koweït en 1990 ?"


@pytest.mark.parametrize("prefs", [ARABIC, ENGLISH], ids=["arabic", "english"])
def test_a_mixed_set_is_taken_in_either_interface_language(app, teacher, clock, prefs):
    set_id = import_bank(teacher)
    class_id, code = create_class(teacher)
    assignment_id = assign(teacher, class_id, set_id, clock)
    student, _ = join(app, code, "ليلى")
    student.post("/prefs/", data=prefs)
    first = student.post(f"/assignments/{assignment_id}/start")
    question_page = page(student.get(first.headers["Location"]))
    assert 'class="question-prompt"' in question_page
    attempt_id = take(student, assignment_id, right=True)
    review = page(student.get(f"/attempts/{attempt_id}", follow_redirects=True))
    assert review.count('class="question-prompt"') >= 4
    other_dir = "ltr" if prefs["lang"] == "ar" else "rtl"
    assert f'<bdi dir="{other_dir}"' in review  # the questions in the other direction are isolated
    french = "Quel pays a envahi le Koweït en août 1990 ?"
    assert (f'<bdi dir="ltr" lang="fr">{french}</bdi>' if prefs["lang"] == "ar" else f'<span lang="fr">{french}</span>'
            ) in html_module.unescape(review)  # the served question keeps the language its set recorded


def test_an_unimportable_file_is_explained_in_arabic(teacher):
    """Every detail of a refused file is in the teacher's language, places and file contents isolated."""
    data = "::essay:: اكتب فقرة. {}\n\n::seven:: Which year? {=1 ~2 ~3 ~4 ~5 ~6 ~7}\n\n::none:: {=1 ~2}\n".encode()
    walk = Walk()
    walk.user_content |= imported_texts(data, "bad.gift")
    html = walk.check(upload(teacher, data, "bad.gift"), "POST bad.gift", status=422)
    assert len(re.findall(r"<li>", html)) >= 3
    walk.assert_clean(least=1)


def test_a_mixed_bank_preview_reads_in_arabic(teacher):
    """The preview of a bank in three languages: its languages line and every skip reason in Arabic."""
    walk = Walk()
    walk.user_content |= imported_texts(fixture(BANK), "bank.gift")
    html = walk.check(upload(teacher, fixture(BANK), "bank.gift"), "preview")
    assert "import-languages" in html
    walk.assert_clean(least=1)


def test_the_cli_import_reports_the_languages_and_the_real_reasons(app, runner, tmp_path):
    from quiz.services import accounts

    with app.app_context():
        accounts.create_user("karim2", "teach-history", role="teacher")
        db.session.commit()
    source = tmp_path / "bank.gift"
    source.write_bytes(fixture(BANK))
    result = runner.invoke(args=["sets", "import", str(source), "--owner", "karim2"])
    assert result.exit_code == 0, result.output
    assert "5 questions (3 in Arabic, 1 in English, 1 in French)" in result.output
    assert 'skipped line 16 "seven": a multiple-choice question needs 2 to 6 options' in result.output


REFUSED = [
    ("stray.gift", "::q:: متى؟ =1990 }\n", "line 1, column", r"write \} for a brace inside a text"),
    ("alias.yaml", "format: chronoquiz-set\nversion: 1\ntitle: &t عنوان\ndescription: *t\n", "line 4, column",
     "write the value out in full"),
    ("types.yaml", "format: chronoquiz-set\nversion: 1\ntitle: [1, 2]\n", "title", "write text"),
    ("lang.yaml", "format: chronoquiz-set\nversion: 1\ntitle: t\nlanguage: mixed\nquestions:\n"
                  "  - {type: mcq, prompt_en: Quoi ?, lang: French, options: [{text_en: a, correct: true}, "
                  "{text_en: b}]}\n", "questions.0.lang", "write a code such as"),
]


@pytest.mark.parametrize("name, content, where, what_to_do", REFUSED, ids=[case[0] for case in REFUSED])
def test_a_refused_file_says_where_and_what_to_do(app, teacher, name, content, where, what_to_do):
    """In English: where and what to do; in Arabic: the same page with no English word but the file's own."""
    walk = Walk()
    walk.user_content |= {"French", "Quoi"}  # the files' own words
    walk.check(upload(teacher, content.encode(), name), f"POST {name}", status=422)
    walk.assert_clean(least=1)
    teacher.post("/prefs/", data=ENGLISH)
    response = upload(teacher, content.encode(), name)
    html = html_module.unescape(page(response))
    assert response.status_code == 422 and 'role="alert"' in html
    assert where in html and what_to_do in html
    with app.app_context():
        assert db.session.execute(db.select(db.func.count()).select_from(QuestionSet)).scalar() == 0


@pytest.mark.parametrize("text, shown", [
    ("قال George W. Bush، ثم غادر", "قال <bdi>George W. Bush</bdi>، ثم غادر"),
    ("انظر ويكيبيديا (https://ar.wikipedia.org/wiki/غزو)", "انظر ويكيبيديا (<bdi>https://ar.wikipedia.org/wiki</bdi>/غزو)"),
    ("وحدة CPU (1990) هي", "وحدة <bdi>CPU</bdi> (1990) هي"),
    ("متى غزا العراق الكويت؟", "متى غزا العراق الكويت؟"),
    ("أ & CPU <b>", "أ &amp; <bdi>CPU</bdi> &lt;<bdi>b</bdi>&gt;"),  # entities stay whole
], ids=["name", "address", "brackets", "arabic-only", "escaped"])
def test_latin_runs_inside_arabic_text_are_isolated_whole(app, text, shown):
    from quiz.i18n import bidi

    with app.test_request_context("/"):
        assert str(bidi(text)) == shown


def test_text_in_the_other_direction_is_isolated_with_its_language(app, client):
    from quiz.i18n import bidi

    with app.test_request_context("/"):
        assert str(bidi("Which city?")) == '<bdi dir="ltr" lang="en">Which city?</bdi>'
        assert str(bidi("Quelle ville ?", "fr")) == '<bdi dir="ltr" lang="fr">Quelle ville ?</bdi>'
        assert str(bidi("<b>x</b>")) == '<bdi dir="ltr" lang="en">&lt;b&gt;x&lt;/b&gt;</bdi>'  # still escaped
