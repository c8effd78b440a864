"""The one event editor: reviewing an article's candidates, and later editing the saved chronology (versioned).

From a pasted article to a quiz the class can play takes three POSTs: paste, "Save and make a quiz", "Play it live
now". Editing a saved chronology makes a new version; attempts and sets made before keep their questions, and
events keep their ids, so spaced review cards stay attached to them.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from quiz.extensions import db
from quiz.models import Attempt, ChronologyDocument, ChronologyVersion, LiveGame, QuestionSet, ReviewCard
from quiz.services import accounts, reviews
from tests.web.helpers import Clock, login, page
from tests.web.test_articles import ARTICLE, review_url
from tests.web.test_teach import assign, create_class, join, take


class _FormReader(HTMLParser):
    """What a browser would send from the page's editor form as it stands (no button pressed)."""

    def __init__(self) -> None:
        super().__init__()
        self.data: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._select: str | None = None
        self._first_option: str | None = None
        self._chosen = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button"):
            if a.get("type") == "checkbox":
                if "checked" in a:
                    self.data.append((name, a.get("value", "on")))
            else:
                self.data.append((name, a.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = name
            self.data.append((name, ""))
        elif tag == "select" and name:
            self._select, self._first_option, self._chosen = name, None, False
        elif tag == "option" and self._select:
            if self._first_option is None:
                self._first_option = a.get("value", "")
            if "selected" in a and not self._chosen:
                self.data.append((self._select, a.get("value", "")))
                self._chosen = True

    def handle_data(self, data):
        if self._textarea:
            name, text = self.data[-1]
            self.data[-1] = (name, text + data)

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select:
            if not self._chosen:
                self.data.append((self._select, self._first_option or ""))
            self._select = None


def form_of(html: str) -> dict[str, list[str]]:
    reader = _FormReader()
    reader.feed(html[html.index('class="candidates"'):])
    form: dict[str, list[str]] = {}
    for name, value in reader.data:
        form.setdefault(name, []).append(value)
    return form


def english(client) -> None:
    client.post("/prefs/", data={"lang": "en", "month_style": "both", "digits": "western"})


def count(app, model, **where) -> int:
    with app.app_context():
        return db.session.execute(db.select(db.func.count()).select_from(model).filter_by(**where)).scalar()


def chronology_of(app, slug: str) -> dict:
    with app.app_context():
        return db.session.execute(db.select(ChronologyDocument).filter_by(slug=slug)).scalar_one().content


def save_review(teacher, url, action="save", **changes) -> str:
    form = form_of(page(teacher.get(url)))
    form.update({k: v if isinstance(v, list) else [v] for k, v in changes.items()})
    response = teacher.post(url, data={**form, action: "1"})
    assert response.status_code == 302, page(response)
    return response.headers["Location"]


def saved_slug(teacher, **changes) -> str:
    location = save_review(teacher, review_url(teacher, text=ARTICLE), **changes)
    return location.rsplit("/", 1)[1]


# -- the review screen -------------------------------------------------------------------------------------


def test_each_candidate_shows_its_confidence_and_how_its_date_was_found(teacher):
    html = page(teacher.get(review_url(teacher, text=ARTICLE)))
    rows = html.count('<fieldset class="candidate')
    assert rows >= 4 and html.count("data-confidence=") == rows
    assert 'data-article' in html and 'data-at="0"' in html  # the article, with offsets for a selection
    assert 'src="/static/js/article_select.js"' in html and "<script>" not in html


# «وبعد ثلاثة أسابيع» after «في 4 نوفمبر 2008»: the one date of ARTICLE the extractor works out
WEEKS_LATER = "about 21 day(s) after 2008-11-04, kept to the month"


def how_found(html: str, basis: str) -> str:
    """What the review screen says of how a candidate's date was found (its English basis in data-basis)."""
    match = re.search(f'<span data-basis="{re.escape(basis)}">([^<]*)</span>', html)
    assert match, basis
    return match.group(1)


def test_how_a_date_was_worked_out_is_told_in_the_pages_language(teacher):
    url = review_url(teacher, text=ARTICLE)
    # The page's own month style ("both" in the tests' config) names the month
    assert how_found(page(teacher.get(url)), WEEKS_LATER) == \
        "بعد نحو 21 يومًا من 4 نوفمبر (تشرين الثاني) 2008، فيُذكر الشهر وحده"
    english(teacher)
    assert how_found(page(teacher.get(url)), WEEKS_LATER) == \
        "about 21 days after 4 November 2008, so only the month is kept"


def test_eastern_digits_reach_the_explanation(teacher):
    url = review_url(teacher, text=ARTICLE)
    teacher.post("/prefs/", data={"lang": "ar", "month_style": "gregorian", "digits": "eastern"})
    assert how_found(page(teacher.get(url)), WEEKS_LATER) == "بعد نحو ٢١ يومًا من ٤ نوفمبر ٢٠٠٨، فيُذكر الشهر وحده"


def test_a_worked_out_date_is_saved_with_its_arabic_explanation_whatever_the_page_language(app, teacher):
    english(teacher)
    slug = saved_slug(teacher)
    events = chronology_of(app, slug)["chronology"]["events"]
    notes = {(e["date"], e.get("qualifier")): e["sources"][0]["note"] for e in events}
    assert notes[("2008-11", "late")] == "بعد نحو 21 يومًا من 4 نوفمبر 2008، فيُذكر الشهر وحده"
    assert notes[("2008-11-04", None)] is None  # a date written in full needs no note


def test_default_titles_leave_the_date_out(teacher):
    html = page(teacher.get(review_url(teacher, text=ARTICLE)))
    titles = re.findall(r'name="c\d+-title_ar" value="([^"]*)"', html)
    # «في 4 نوفمبر 2008 فاز مرشح…» and «وبعد ثلاثة أسابيع، صادق…»: the date and the words left hanging go;
    # a verb the titles module knows becomes its verbal noun (quiz.chronology.titles).
    assert titles[:2] == ["فوز مرشح جديد بسباق الرئاسة", "صادق النواب في بغداد على اتفاقيتين"]


def test_accept_edit_reject_merge_and_a_range(app, teacher):
    slug = saved_slug(teacher, **{
        "c1-title_ar": "انتخاب رئيس جديد", "c1-date": "2008-11-04", "c1-era": "الانتخابات",
        "c2-accept": [],  # rejected
        "c4-merge": "3",  # the same event as the third: one event, both texts
        "c5-end": "2012", "c5-title_ar": "الانسحاب الأخير",
    })
    events = chronology_of(app, slug)["chronology"]["events"]
    eras = chronology_of(app, slug)["chronology"]["eras"]
    titles = [e["title_ar"] for e in events]
    assert titles[0] == "انتخاب رئيس جديد" and len(events) == 3
    assert {era["title_ar"] for era in eras} == {"الانتخابات", "مقال تجريبي"}
    assert events[0]["era"] != events[1]["era"]
    merged = events[1]
    assert "يونيو 2009" in merged["summary_ar"] and "فبراير 2009" in merged["summary_ar"]
    assert events[2]["kind"] == "period" and events[2]["end"] == "2012"


def test_actors_and_places_come_from_the_registry(app, teacher):
    url = review_url(teacher, text=ARTICLE)
    english(teacher)
    form = form_of(page(teacher.get(url)))
    bad = teacher.post(url, data={**form, "c1-actor-add": "شخص لا يعرفه أحد", "save": "1"})
    assert bad.status_code == 422 and "not among the people" in page(bad)
    assert count(app, ChronologyDocument, origin="teacher") == 0
    location = save_review(teacher, url, **{"c1-actor-add": "أوباما", "c1-place-add": "بغداد"})
    event = chronology_of(app, location.rsplit("/", 1)[1])["chronology"]["events"][0]
    assert "barack-obama" in event["actors"] and "baghdad" in event["places"]


def test_add_an_event_from_a_selection_or_a_quote(app, teacher):
    url = review_url(teacher, text=ARTICLE)
    english(teacher)
    form = form_of(page(teacher.get(url)))
    rows = int(form["rows"][0])
    start = ARTICLE.index("خرجت الوحدات")
    # With JavaScript: the exact offsets of the selection come with it; "Add this event" shows it as a row.
    added = teacher.post(url, data={**form, "new-quote": "خرجت الوحدات من المدن", "new-start": str(start),
                                    "new-end_at": str(start + len("خرجت الوحدات من المدن")),
                                    "new-date": "2009-06-30", "add": "1"})
    assert added.status_code == 200 and f'name="rows" value="{rows + 1}"' in page(added)
    assert f'name="c{rows + 1}-start" value="{start}"' in page(added)
    # Without: a quote that is not in the article is refused, and nothing is saved.
    form = form_of(page(added))
    refused = teacher.post(url, data={**form, "new-quote": "نص ليس في المقال", "new-date": "2009", "save": "1"})
    assert refused.status_code == 422 and "not in the article" in page(refused)
    assert count(app, ChronologyDocument, origin="teacher") == 0
    saved = teacher.post(url, data={**form, "new-quote": "رحلت آخر وحدة أميركية", "new-date": "2011-12",
                                    "save": "1"})
    assert saved.status_code == 302, page(saved)
    events = chronology_of(app, saved.headers["Location"].rsplit("/", 1)[1])["chronology"]["events"]
    assert len(events) == rows + 2
    by_summary = {e["summary_ar"]: e for e in events}
    assert by_summary["خرجت الوحدات من المدن"]["date"] == "2009-06-30"
    assert by_summary["رحلت آخر وحدة أميركية"]["title_ar"] == "رحلت آخر وحدة أميركية"
    dates = [e["date"] for e in events]
    assert dates.index("2009-06-30") == dates.index("2009-06") + 1  # in date order, not at the end


def test_bad_input_is_explained_and_saves_nothing(app, teacher):
    url = review_url(teacher, text=ARTICLE)
    english(teacher)
    form = form_of(page(teacher.get(url)))
    for changes, message in [({"c1-date": "2008-13-01"}, "YYYY-MM-DD"), ({"c1-title_ar": "  "}, "A title is needed"),
                             ({"c1-title_ar": "عنوان\u202eمقلوب"}, "c1-error"),
                             ({"c5-end": "2001"}, "end of the range"), ({"c2-merge": "2"}, "Merge into")]:
        response = teacher.post(url, data={**form, **changes, "save_quiz": "1"})
        assert response.status_code == 422 and message in page(response), changes
    assert count(app, ChronologyDocument, origin="teacher") == 0 and count(app, QuestionSet) == 0


def test_the_same_review_sent_twice_saves_one_chronology(app, teacher):
    url = review_url(teacher, text=ARTICLE)
    form = {**form_of(page(teacher.get(url))), "save_quiz": "1"}
    first = teacher.post(url, data=form)
    second = teacher.post(url, data=form)
    assert first.status_code == second.status_code == 302
    slug = chronology_slug_of(app)
    assert second.headers["Location"].endswith(f"/teach/chronologies/{slug}")
    assert count(app, ChronologyDocument, origin="teacher") == 1 and count(app, QuestionSet) == 1


def chronology_slug_of(app) -> str:
    with app.app_context():
        return db.session.execute(db.select(ChronologyDocument.slug).filter_by(origin="teacher")).scalar_one()


# -- three steps ---------------------------------------------------------------------------------------------


def test_from_pasted_article_to_a_playable_quiz_in_three_steps(app, teacher):
    posts = 0

    def post(url, **kwargs):
        nonlocal posts
        posts += 1
        return teacher.post(url, **kwargs)

    # 1. Paste and submit.
    pasted = post("/teach/articles", data={"title": "مقال", "text": ARTICLE}, content_type="multipart/form-data")
    review = page(teacher.get(pasted.headers["Location"]))
    # 2. Review (nothing to change) and press "Save and make a quiz".
    made = post(pasted.headers["Location"], data={**form_of(review), "quiz_count": "3", "save_quiz": "1"})
    assert made.status_code == 302 and "ready=1" in made.headers["Location"], page(made)
    set_page = page(teacher.get(made.headers["Location"]))
    assert 'class="ready-to-play' in set_page
    # 3. Play it live now: the class joins with the code.
    play = dict(re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"',
                           set_page[set_page.index("ready-to-play"):]))
    started = post("/teach/live", data=play)
    assert started.status_code == 302 and "/teach/live/" in started.headers["Location"], page(started)
    assert teacher.get(started.headers["Location"]).status_code == 200
    assert posts == 3
    with app.app_context():
        game = db.session.execute(db.select(LiveGame)).scalar_one()
        assert len(game.questions) == 3


# -- editing a saved chronology ----------------------------------------------------------------------------------


def test_an_edit_makes_a_new_version_and_keeps_event_ids(app, teacher):
    slug = saved_slug(teacher)
    before = chronology_of(app, slug)["chronology"]["events"]
    edit = f"/teach/chronologies/{slug}/edit"
    html = page(teacher.get(edit))
    assert 'name="version" value="1"' in html
    form = form_of(html)
    response = teacher.post(edit, data={**form, "c1-title_ar": "عنوان جديد", "c2-accept": [], "save": "1"})
    assert response.status_code == 302, page(response)
    after = chronology_of(app, slug)["chronology"]["events"]
    assert after[0]["id"] == before[0]["id"] and after[0]["title_ar"] == "عنوان جديد"
    assert [e["id"] for e in after[1:]] == [e["id"] for e in before[2:]]
    assert count(app, ChronologyVersion) == 2
    assert "عنوان جديد" in page(teacher.get(f"/teach/chronologies/{slug}"))


def test_the_same_edit_sent_twice_and_a_stale_edit_change_nothing(app, teacher):
    slug = saved_slug(teacher)
    english(teacher)
    edit = f"/teach/chronologies/{slug}/edit"
    form = {**form_of(page(teacher.get(edit))), "c1-title_ar": "عنوان جديد", "save": "1"}
    assert teacher.post(edit, data=form).status_code == 302
    assert teacher.post(edit, data=form).status_code == 302  # a double click: no second version
    assert count(app, ChronologyVersion) == 2
    stale = teacher.post(edit, data={**form, "c1-title_ar": "عنوان آخر"})  # made from version 1
    assert stale.status_code == 422 and "changed since you opened it" in page(stale)
    assert count(app, ChronologyVersion) == 2
    assert chronology_of(app, slug)["chronology"]["events"][0]["title_ar"] == "عنوان جديد"
    bad = teacher.post(edit, data={**form_of(page(teacher.get(edit))), "c1-date": "2008-02-30", "save": "1"})
    assert bad.status_code == 422 and count(app, ChronologyVersion) == 2


def test_a_version_can_be_restored(app, teacher):
    slug = saved_slug(teacher)
    original = chronology_of(app, slug)
    edit = f"/teach/chronologies/{slug}/edit"
    teacher.post(edit, data={**form_of(page(teacher.get(edit))), "c2-accept": [], "save": "1"})
    assert "Restore" in page(teacher.get(f"/teach/chronologies/{slug}")) or "restore" in page(
        teacher.get(f"/teach/chronologies/{slug}"))
    response = teacher.post(f"/teach/chronologies/{slug}/versions/1/restore", data={"version": "2"})
    assert response.status_code == 302
    assert chronology_of(app, slug) == original and count(app, ChronologyVersion) == 3
    teacher.post(f"/teach/chronologies/{slug}/versions/1/restore", data={"version": "2"})  # sent twice
    assert count(app, ChronologyVersion) == 3


def test_quizzes_taken_and_sets_made_keep_their_questions_and_review_cards_follow_the_events(app, teacher):
    clock = Clock()
    app.config["CLOCK"] = clock
    url = review_url(teacher, text=ARTICLE)
    made = save_review(teacher, url, action="save_quiz", quiz_count="3")
    set_id = int(made.split("?")[0].rsplit("/", 1)[1])
    slug = chronology_slug_of(app)
    class_id, code = create_class(teacher)
    assignment_id = assign(teacher, class_id, set_id, clock)
    student, _ = join(app, code, "ليلى")
    take(student, assignment_id)
    events = chronology_of(app, slug)["chronology"]["events"]
    with app.app_context():
        attempt_questions = db.session.execute(db.select(Attempt.questions)).scalar_one()
        set_questions = db.session.get(QuestionSet, set_id).latest.content["questions"]
        student_id = db.session.execute(db.select(Attempt.user_id)).scalar_one()
        reviews.learn_from(student_id, slug, [(events[0]["id"], True), (events[1]["id"], False)], clock())
        db.session.commit()

    edit = f"/teach/chronologies/{slug}/edit"
    form = form_of(page(teacher.get(edit)))
    response = teacher.post(edit, data={**form, "c1-title_ar": "عنوان جديد", "c1-date": "2008-11-05",
                                        "c2-accept": [], "save": "1"})
    assert response.status_code == 302, page(response)
    with app.app_context():
        assert db.session.execute(db.select(Attempt.questions)).scalar_one() == attempt_questions
        assert db.session.get(QuestionSet, set_id).latest.content["questions"] == set_questions
        cards = set(db.session.execute(db.select(ReviewCard.event_id).filter_by(chronology_slug=slug)).scalars())
    # The edited event keeps its card (same id); the deleted one's card goes, so it is never due for nothing.
    assert cards == {events[0]["id"]}


def test_only_the_owner_edits(app, teacher):
    slug = saved_slug(teacher)
    with app.app_context():
        accounts.create_user("huda", "teach-history", role="teacher")
        accounts.create_user("sami", "a long password")
        db.session.commit()
    colleague = app.test_client()
    login(colleague, "huda", "teach-history")
    learner = app.test_client()
    login(learner, "sami", "a long password")
    for url in (f"/teach/chronologies/{slug}/edit", f"/teach/chronologies/{slug}"):
        assert colleague.get(url).status_code == 404
        assert learner.get(url).status_code == 403
    assert colleague.post(f"/teach/chronologies/{slug}/edit", data={"rows": "1", "c1-accept": "y"}).status_code == 404
    assert colleague.post(f"/teach/chronologies/{slug}/versions/1/restore", data={"version": "1"}).status_code == 404
    assert learner.post(f"/teach/chronologies/{slug}/versions/1/restore", data={"version": "1"}).status_code == 403
    assert count(app, ChronologyVersion) == 1


def test_confirmed_new_people_join_the_chronology_s_registry_with_a_role(app, teacher, monkeypatch):
    from quiz.services import articles as article_service

    seam = article_service.default_fields

    def with_a_proposal(candidate, draft, index):  # what quiz.chronology.titles.propose answers through the seam
        return {**seam(candidate, draft, index), "proposed": ({"kind": "person", "name_ar": "جاي غارنر",
                                                       "name_en": "Jay Garner", "role": None},)}

    monkeypatch.setattr(article_service, "default_fields", with_a_proposal)
    url = review_url(teacher, text=ARTICLE)
    html = page(teacher.get(url))
    assert 'name="c1-new-1"' in html and 'name="c1-new-1-role"' in html
    location = save_review(teacher, url, **{"c1-new-1": "y", "c1-new-1-role": "us-president", "c3-new-1": "y"})
    content = chronology_of(app, location.rsplit("/", 1)[1])
    added = [e for e in content["registry"]["entities"] if e["name_ar"] == "جاي غارنر"]
    assert len(added) == 1 and added[0]["roles"] == ["us-president"] and added[0]["kind"] == "person"
    assert added[0]["id"] in content["chronology"]["events"][0]["actors"]
    # Ticked for two events: one person, named by both; not ticked: not named.
    events = content["chronology"]["events"]
    assert added[0]["id"] in events[2]["actors"] and added[0]["id"] not in events[1]["actors"]


def test_a_chronology_saved_before_versions_gets_them_on_its_first_edit(app, teacher):
    slug = saved_slug(teacher)
    with app.app_context():  # as the migration leaves one made earlier: no versions, no article
        document = db.session.execute(db.select(ChronologyDocument).filter_by(slug=slug)).scalar_one()
        db.session.execute(db.delete(ChronologyVersion))
        document.article = None
        db.session.commit()
    edit = f"/teach/chronologies/{slug}/edit"
    html = page(teacher.get(edit))
    assert 'name="version" value="0"' in html and "data-article" not in html  # nothing to select from
    response = teacher.post(edit, data={**form_of(html), "c1-title_ar": "عنوان جديد", "save": "1"})
    assert response.status_code == 302, page(response)
    with app.app_context():
        numbers = db.session.execute(db.select(ChronologyVersion.number).order_by(ChronologyVersion.number)).scalars()
        assert list(numbers) == [1, 2]
