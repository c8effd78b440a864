"""A teacher turns an Arabic article into their own chronology and quizzes on it."""

from __future__ import annotations

import io
import re

import pytest

from quiz.extensions import db
from quiz.models import ArticleDraft, ChronologyDocument, QuestionSet
from quiz.services import accounts
from tests.web.helpers import login, page

ARTICLE = """زيارة مفاجئة
في 4 نوفمبر 2008 فاز مرشح جديد بسباق الرئاسة. وبعد ثلاثة أسابيع، صادق النواب في بغداد على اتفاقيتين.
وفي فبراير 2009 كشف باراك أوباما عن جدول لإعادة الجنود قبل أغسطس 2010. وفي يونيو 2009 خرجت الوحدات من المدن.
وفي ديسمبر 2011 رحلت آخر وحدة أميركية، وكان قوامها 39000 عنصر.
"""


def review_url(client, **data):
    response = client.post("/teach/articles", data={"title": "مقال تجريبي", **data},
                           content_type="multipart/form-data")
    assert response.status_code == 302, page(response)
    return response.headers["Location"]


def test_paste_review_save_and_generate(app, teacher):
    url = review_url(teacher, text=ARTICLE)
    html = page(teacher.get(url))
    assert html.count('<fieldset class="candidate') >= 4
    assert '<mark id="clause-1">' in html
    # Keep all but the second; correct the first's title; leave English empty (falls back to Arabic).
    fields = dict(re.findall(r'name="(c\d+-[a-z_]+)" (?:dir="ltr" )?value="([^"]*)"', html))
    # Every input with a value, but no "who" box: unticked is how the form comes (an added "who" needs a deed).
    data = {key: value for key, value in fields.items() if not key.endswith("-who")}
    count = html.count('<fieldset class="candidate')
    for n in range(1, count + 1):
        data[f"c{n}-accept"] = "y"
        data[f"c{n}-summary_ar"] = f"ملخص الحدث {n}"
    del data["c2-accept"]
    data["c1-title_ar"] = "انتخاب أوباما"
    response = teacher.post(url, data=data)
    assert response.status_code == 302, page(response)
    slug = response.headers["Location"].rsplit("/", 1)[1]
    with app.app_context():
        document = db.session.execute(db.select(ChronologyDocument).filter_by(slug=slug)).scalar_one()
        events = document.content["chronology"]["events"]
        assert len(events) == count - 1 and events[0]["title_ar"] == "انتخاب أوباما"
        assert events[0]["title_en"] == "انتخاب أوباما"
        assert db.session.execute(db.select(db.func.count()).select_from(ArticleDraft)).scalar() == 0
    assert "انتخاب أوباما" in page(teacher.get(f"/teach/chronologies/{slug}"))

    created = teacher.post("/teach/sets", data={"title": "من المقال", "language": "ar",
                                                "grading_type": "all_or_nothing"})
    set_id = int(created.headers["Location"].rsplit("/", 1)[1])
    assert slug in page(teacher.get(f"/teach/sets/{set_id}/generate"))
    response = teacher.post(f"/teach/sets/{set_id}/generate", data={"chronology": slug, "count": "3", "seed": "1",
                                                                     "kinds": ["when", "order"]})
    assert response.status_code == 302, page(response)
    with app.app_context():
        questions = db.session.get(QuestionSet, set_id).latest.content["questions"]
        assert len(questions) == 3


def test_upload_a_utf8_text_file(teacher):
    url = review_url(teacher, upload=(io.BytesIO(ARTICLE.encode("utf-8-sig")), "article.txt"))
    assert "/review" in url


@pytest.mark.parametrize(
    "data, message",
    [
        ({"text": "   "}, "empty"),
        ({"text": "مقال بلا أي تاريخ: تحدث الوزير عن الشراكة والأمن وكان عدد الجنود 2500 جندي."}, "No dated event"),
        ({"upload": (io.BytesIO(ARTICLE.encode("cp1256")), "a.txt")}, "not UTF-8"),
        ({"upload": (io.BytesIO(b"\x89PNG\r\n\x1a\n\x00\x00\x00"), "a.png")}, "not text"),
        ({"text": "في 4 نوفمبر 2008 " * 20000}, "too long"),
    ],
)
def test_bad_articles_get_a_clear_message_and_nothing_is_saved(app, teacher, data, message):
    teacher.post("/prefs/", data={"lang": "en", "month_style": "both", "digits": "western"})
    response = teacher.post("/teach/articles", data={"title": "x", **data}, content_type="multipart/form-data")
    assert response.status_code == 422
    assert message in page(response) and 'role="alert"' in page(response)
    with app.app_context():
        assert db.session.execute(db.select(db.func.count()).select_from(ArticleDraft)).scalar() == 0


def test_review_errors_are_shown_and_nothing_is_saved(app, teacher):
    url = review_url(teacher, text=ARTICLE)
    response = teacher.post(url, data={"c1-accept": "y", "c1-date": "2008-02-30", "c1-title_ar": "x",
                                       "c1-summary_ar": "y"})
    assert response.status_code == 422 and 'id="c1-error"' in page(response)
    nothing = teacher.post(url, data={})
    assert nothing.status_code == 422
    with app.app_context():
        assert db.session.execute(
            db.select(db.func.count()).select_from(ChronologyDocument).filter_by(origin="teacher")).scalar() == 0


def test_articles_are_for_their_teacher_only(app, teacher):
    url = review_url(teacher, text=ARTICLE)
    with app.app_context():
        accounts.create_user("huda", "teach-history", role="teacher")
        accounts.create_user("sami", "a long password")
        db.session.commit()
    other = app.test_client()
    login(other, "huda", "teach-history")
    assert other.get(url).status_code == 404
    learner = app.test_client()
    login(learner, "sami", "a long password")
    assert learner.get("/teach/articles").status_code == 403  # the page for non-teachers


UNREAD = "وأعيد فتح السفارة الأميركية 2004 بعد إغلاق طويل."


def test_the_review_marks_the_years_the_extractor_left_unread(app, teacher):
    teacher.post("/prefs/", data={"lang": "en", "month_style": "both", "digits": "western"})
    url = review_url(teacher, text=ARTICLE + UNREAD + "\n")
    html = page(teacher.get(url))
    at = (ARTICLE + UNREAD).index("2004")
    assert f'<mark class="unread" data-year="2004"><span data-at="{at}">2004</span></mark>' in html
    assert "1 place in the article, underlined with dots, may date an event that was not found automatically" in html
    assert html.count('class="unread"') == 1
    # the years the extractor read are not marked as unread
    assert 'data-year="2008"' not in html and 'data-year="2011"' not in html


def test_the_unread_years_are_shown_in_arabic_with_the_readers_digits(app, teacher):
    teacher.post("/prefs/", data={"lang": "ar", "month_style": "both", "digits": "eastern"})
    html = page(teacher.get(review_url(teacher, text=ARTICLE + UNREAD + "\n" + UNREAD.replace("2004", "2006") + "\n")))
    assert "موضعان في المقال، تحتهما خط منقّط، قد يؤرّخان أحداثًا لم يُعثر عليها آليًا" in html


def test_words_that_point_back_to_a_date_no_candidate_reads_are_marked_too(app, teacher):
    teacher.post("/prefs/", data={"lang": "en", "month_style": "both", "digits": "western"})
    text = ARTICLE + "ولم يعرف أحد ما جرى في تلك الليلة إلا بعد سنوات.\n"
    html = page(teacher.get(review_url(teacher, text=text)))
    at = text.index("تلك الليلة")
    assert f'<mark class="unread"><span data-at="{at}">تلك الليلة</span></mark>' in html  # no year to fill in
    # the references the extractor reads are candidates, not marks
    read = ARTICLE.replace("وبعد ثلاثة أسابيع،", "وفي اليوم التالي")
    html = page(teacher.get(review_url(teacher, text=read)))
    assert "2008-11-05" in html  # read: the day after 4 November 2008, a candidate of its own
    assert f'<mark class="unread"><span data-at="{read.index("اليوم التالي")}">' not in html


def test_stored_unread_spans_are_checked_against_the_text_before_they_are_shown(app, teacher):
    url = review_url(teacher, text=ARTICLE + UNREAD + "\n")
    draft_id = int(url.rstrip("/").split("/")[-2])
    with app.app_context():
        draft = db.session.get(ArticleDraft, draft_id)
        good = draft.unread[0]
        draft.unread = [good, [0, 5, 2004], [0, 5, 0], [10, 10_000, 1], ["x"], [3, 1, 2], [good[0], good[1], True]]
        # off a number, not words that point back, outside the text, malformed, a boolean for a year
        db.session.commit()
    html = page(teacher.get(url))
    assert html.count('<mark class="unread" data-year=') == 1


def test_an_unread_year_inside_a_clause_is_marked_inside_it_and_offsets_still_cover_the_text():
    from html.parser import HTMLParser

    from quiz.web.teach.event_editor import article_spans

    text = "في 2003 بدأت الحرب ومعاهدة 1955 ثم انتهت."
    year = text.index("1955")
    html = str(article_spans(text, [(0, len(text) - 1, 1)], [(year, year + 4, 1955)]))
    assert html.index('<mark id="clause-1">') < html.index('<mark class="unread" data-year="1955">') < html.rindex(
        "</mark>")

    class Spans(HTMLParser):
        def __init__(self):
            super().__init__()
            self.pieces, self._at = [], None

        def handle_starttag(self, tag, attrs):
            self._at = dict(attrs).get("data-at")

        def handle_data(self, data):
            if self._at is not None:
                self.pieces.append((int(self._at), data))
                self._at = None

    reader = Spans()
    reader.feed(html)
    assert "".join(piece for _, piece in reader.pieces) == text  # every character once, in order
    assert all(text[at:at + len(piece)] == piece for at, piece in reader.pieces)
