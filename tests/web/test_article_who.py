"""A "who" for a teacher's own chronology: proposed on the review screen, saved only when the teacher confirms
it, validated like the other fields, and asked as a "who" question whose other options are people of the same
role from the registry (quiz/chronology/titles.py proposes it; quiz/services/articles.py saves it)."""

from __future__ import annotations

import re

from quiz.chronology.load import load_registry
from quiz.extensions import db
from quiz.models import ChronologyDocument, QuestionSet
from quiz.paths import registry_path
from tests.web.helpers import page
from tests.web.test_article_review import chronology_of, count, english, form_of, save_review
from tests.web.test_articles import review_url

ARTICLE = """نهاية الحرب على التنظيم
في 4 نوفمبر 2008 أعلن باراك أوباما فوزه في الانتخابات الرئاسية.
وفي 21 أكتوبر 2011 أعلن الرئيس الأميركي باراك أوباما أن 39 ألف جندي سيعودون من العراق بحلول نهاية العام.
وفي 10 يونيو 2014 سيطر تنظيم داعش على مدينة الموصل.
وفي 9 ديسمبر 2017 أعلن رئيس الوزراء العراقي حيدر العبادي النصر على تنظيم داعش.
"""
ABADI_DEED = "أعلن النصر على تنظيم داعش"
REGISTRY = load_registry(registry_path())


def who_rows(html: str) -> dict[str, int]:
    """The proposed deed → the number of its row."""
    return {deed: int(n) for n, deed in re.findall(r'name="c(\d+)-who_does_ar" value="([^"]*)"', html)}


def saved_whos(app, location: str) -> dict[str, dict]:
    events = chronology_of(app, location.rsplit("/", 1)[1])["chronology"]["events"]
    return {e["title_ar"]: e["who"] for e in events if "who" in e}


def who_question(app, teacher, slug: str, *, seed: int = 2) -> dict:
    """One "who" question generated from the chronology ``slug`` into a new set."""
    created = teacher.post("/teach/sets", data={"title": "من يكون؟", "language": "ar",
                                                "grading_type": "all_or_nothing"})
    set_id = int(created.headers["Location"].rsplit("/", 1)[1])
    response = teacher.post(f"/teach/sets/{set_id}/generate", data={"chronology": slug, "count": "1",
                                                                     "seed": str(seed), "kinds": ["who"]})
    assert response.status_code == 302, page(response)
    with app.app_context():
        (question,) = db.session.get(QuestionSet, set_id).latest.content["questions"]
    return question


def test_the_review_proposes_each_who_unticked(teacher):
    html = page(teacher.get(review_url(teacher, text=ARTICLE)))
    rows = who_rows(html)
    assert set(rows) == {"أعلن فوزه في الانتخابات الرئاسية", "أعلن أن 39 ألف جندي سيعودون من العراق", ABADI_DEED}
    for n in rows.values():  # proposed, never confirmed for the teacher
        assert re.search(rf'<input type="checkbox" name="c{n}-who" value="y" >', html)
    abadi = rows[ABADI_DEED]
    assert re.search(rf'name="c{abadi}-who_person">\s*<option value="haider-al-abadi" selected>', html)
    assert 'name="c3-who' not in html  # «سيطر تنظيم داعش»: a group, no one person


def test_nothing_is_saved_as_who_unless_confirmed(app, teacher):
    location = save_review(teacher, review_url(teacher, text=ARTICLE))
    assert saved_whos(app, location) == {}


def test_a_confirmed_who_is_saved_and_asked_with_people_of_the_same_role(app, teacher):
    url = review_url(teacher, text=ARTICLE)
    abadi = who_rows(page(teacher.get(url)))[ABADI_DEED]
    location = save_review(teacher, url, **{f"c{abadi}-who": "y"})
    whos = saved_whos(app, location)
    assert list(whos.values()) == [{"person": "haider-al-abadi", "relation": "announced", "does_ar": ABADI_DEED,
                                    "does_en": ABADI_DEED, "sources": ["article"]}]
    slug = location.rsplit("/", 1)[1]

    question = who_question(app, teacher, slug, seed=3)
    assert question["prompt_ar"].startswith(f"أيّ رئيس وزراء عراقي {ABADI_DEED} في ")
    options = [o["text_ar"] for o in question["options"]]
    assert options[question["correct"]] == "حيدر العبادي"
    prime_ministers = {e.name_ar for e in REGISTRY.values() if "iraqi-prime-minister" in e.roles}
    assert len(options) == 4 and set(options) <= prime_ministers  # the distractors are people of the role


def test_the_teacher_edits_the_deed_and_chooses_the_person(app, teacher):
    url = review_url(teacher, text=ARTICLE)
    rows = who_rows(page(teacher.get(url)))
    n = rows["أعلن أن 39 ألف جندي سيعودون من العراق"]
    location = save_review(teacher, url, **{f"c{n}-who": "y", f"c{n}-who_does_ar": "أعلن عودة الجنود قبل نهاية العام",
                                            f"c{n}-who_does_en": "announced the troops would be home by year's end"})
    (who,) = saved_whos(app, location).values()
    assert who["person"] == "barack-obama" and who["does_ar"] == "أعلن عودة الجنود قبل نهاية العام"
    assert who["does_en"] == "announced the troops would be home by year's end"


def test_a_who_that_gives_the_answer_away_or_names_someone_else_is_refused(app, teacher):
    url = review_url(teacher, text=ARTICLE)
    english(teacher)
    form = form_of(page(teacher.get(url)))
    n = who_rows(page(teacher.get(url)))[ABADI_DEED]
    for changes, message in (
        ({f"c{n}-who_does_ar": "أعلن العبادي النصر"}, "must not contain their name"),
        ({f"c{n}-who_does_ar": ""}, "Say what the person did"),
        ({f"c{n}-who_person": "nouri-al-maliki"}, "must be one of this event"),  # not among the event's people
        ({f"c{n}-who_does_ar": "أعلن\u202eالنصر"}, "changes its direction"),  # the text rules of every field
    ):
        bad = teacher.post(url, data={**form, f"c{n}-who": "y", **changes, "save": "1"})
        assert bad.status_code == 422, changes
        assert message in page(bad), (changes, page(bad)[:3000])
    assert count(app, ChronologyDocument, origin="teacher") == 0
    # Unticked, the same bad phrase is not saved and stops nothing.
    location = save_review(teacher, url, **{f"c{n}-who_does_ar": "أعلن العبادي النصر"})
    assert saved_whos(app, location) == {}


def test_the_saved_who_is_edited_and_cleared_in_the_chronology_editor(app, teacher):
    url = review_url(teacher, text=ARTICLE)
    abadi = who_rows(page(teacher.get(url)))[ABADI_DEED]
    slug = save_review(teacher, url, **{f"c{abadi}-who": "y"}).rsplit("/", 1)[1]
    edit = f"/teach/chronologies/{slug}/edit"
    html = page(teacher.get(edit))
    n = who_rows(html)[ABADI_DEED]
    assert f'name="c{n}-who" value="y" checked' in html
    assert re.search(rf'name="c{n}-who_does_en" dir="ltr" value=""', html)  # the English only repeated the Arabic
    save_review(teacher, edit, **{f"c{n}-who": []})
    assert saved_whos(app, f"/{slug}") == {}
    with app.app_context():
        versions = db.session.execute(db.select(ChronologyDocument).filter_by(slug=slug)).scalar_one().versions
        assert "who" in str(versions[0].content) and len(versions) == 2  # the first version keeps its "who"


# «الرئيس» alone, not «الرئيس الأميركي»: the generator reads «الأميركي» in an event's text as naming the US
# Democratic Party («الحزب الديمقراطي الأميركي»), which ties Obama and Biden to the event, and two presidents
# left are too few wrong options.
NEW_PRESIDENT = """خطة للتجارة
في 20 يناير 2025 أعلن الرئيس جيمس ويلسون خطة جديدة للتجارة.
وفي 10 يونيو 2014 سيطر تنظيم داعش على مدينة الموصل.
وفي 9 ديسمبر 2017 أعلن رئيس الوزراء العراقي حيدر العبادي النصر على تنظيم داعش.
"""


def test_a_new_person_added_with_a_role_can_be_the_who(app, teacher):
    url = review_url(teacher, text=NEW_PRESIDENT)
    english(teacher)
    html = page(teacher.get(url))
    n = who_rows(html)["أعلن خطة جديدة للتجارة"]
    assert re.search(rf'name="c{n}-who_person"><option value="proposed-1" selected>جيمس ويلسون', html)
    # The who ticked without adding the person: refused, nothing saved.
    bad = teacher.post(url, data={**form_of(html), f"c{n}-who": "y", "save": "1"})
    assert bad.status_code == 422 and "must be one of this event" in page(bad)
    assert count(app, ChronologyDocument, origin="teacher") == 0
    location = save_review(teacher, url, **{f"c{n}-who": "y", f"c{n}-new-1": "y", f"c{n}-new-1-role": "us-president"})
    slug = location.rsplit("/", 1)[1]
    content = chronology_of(app, slug)
    (added,) = [e for e in content["registry"]["entities"] if e["name_ar"] == "جيمس ويلسون"]
    assert added["roles"] == ["us-president"]
    (who,) = saved_whos(app, location).values()
    assert who["person"] == added["id"]

    created = teacher.post("/teach/sets", data={"title": "رؤساء", "language": "ar", "grading_type": "all_or_nothing"})
    set_id = int(created.headers["Location"].rsplit("/", 1)[1])
    response = teacher.post(f"/teach/sets/{set_id}/generate", data={"chronology": slug, "count": "1", "seed": "1",
                                                                     "kinds": ["who"]})
    assert response.status_code == 302, page(response)
    with app.app_context():
        questions = db.session.get(QuestionSet, set_id).latest.content["questions"]
    (question,) = [q for q in questions if "خطة جديدة للتجارة" in q["prompt_ar"]]
    options = [o["text_ar"] for o in question["options"]]
    assert question["prompt_ar"].startswith("أيّ رئيس أميركي أعلن خطة جديدة للتجارة في ")
    assert options[question["correct"]] == "جيمس ويلسون"
    presidents = {e.name_ar for e in REGISTRY.values() if "us-president" in e.roles}
    assert set(options) - {"جيمس ويلسون"} <= presidents and len(options) == 4
