"""A teacher adds a "who" to an event the extractor proposed none for: on the article review and on the edit of
a saved chronology (the one event editor, quiz/web/teach/event_editor.py). Any event with a person among its
people offers it, folded and unticked; it is saved only when ticked, validated like the proposed ones (nothing
saved on bad input), versioned like every edit, and then asked as a "who" question whose other options share
the person's role."""

from __future__ import annotations

import re

from quiz.chronology.load import load_registry
from quiz.chronology.who_verbs import WHO_VERB_RELATIONS
from quiz.extensions import db
from quiz.models import ChronologyDocument, ChronologyVersion
from quiz.paths import registry_path
from quiz.services import accounts
from tests.web.helpers import login, page
from tests.web.test_article_review import chronology_of, count, english, form_of, save_review
from tests.web.test_article_who import who_question
from tests.web.test_articles import review_url

# «وصل» (arrived) is no verb of who_verbs: the extractor proposes no "who" for the second event.
ARTICLE = """تحرير الموصل
في 10 يونيو 2014 سيطر تنظيم داعش على مدينة الموصل.
وفي 10 يوليو 2017 وصل رئيس الوزراء العراقي حيدر العبادي إلى مدينة الموصل.
"""
ARRIVAL = "وصل رئيس الوزراء العراقي حيدر العبادي إلى مدينة الموصل"
DEED_AR = "وصل إلى الموصل بعد استعادتها"
DEED_EN = "came to Mosul once it was retaken"
REGISTRY = load_registry(registry_path())


def row_of(html: str, words: str) -> int:
    """The number of the row whose summary contains `words`."""
    for n, summary in re.findall(r'name="c(\d+)-summary_ar">([^<]*)<', html):
        if words in summary:
            return int(n)
    raise AssertionError(f"no row about {words!r}")


def added_who(n: int, **changes: str | list[str]) -> dict[str, str | list[str]]:
    """The fields of a "who" added to row `n`: Abadi, "visited", the deed in both languages; ticked."""
    return {f"c{n}-who": "y", f"c{n}-who_person": "haider-al-abadi", f"c{n}-who_relation": "visited",
            f"c{n}-who_does_ar": DEED_AR, f"c{n}-who_does_en": DEED_EN,
            **{f"c{n}-{name}": value for name, value in changes.items()}}


def saved_whos(app, slug: str) -> dict[str, dict]:
    return {e["summary_ar"]: e["who"] for e in chronology_of(app, slug)["chronology"]["events"] if "who" in e}


def versions_of(app, slug: str) -> list[dict]:
    with app.app_context():
        document = db.session.execute(db.select(ChronologyDocument).filter_by(slug=slug)).scalar_one()
        return [version.content for version in document.versions]


def saved_without_who(teacher) -> str:
    """A chronology saved from the article with no "who" at all; its slug."""
    return save_review(teacher, review_url(teacher, text=ARTICLE)).rsplit("/", 1)[1]


# -- what the editor offers ------------------------------------------------------------------------------------


def test_an_event_with_a_person_offers_a_who_folded_and_unticked(teacher):
    html = page(teacher.get(review_url(teacher, text=ARTICLE)))
    n = row_of(html, ARRIVAL)
    assert re.search(rf'<details class="who-add"><summary>[^<]+</summary>\s*<div class="who-proposal" data-who="">\s*'
                     rf'<label class="field-check"><input type="checkbox" name="c{n}-who" value="y" >', html)
    assert re.search(rf'name="c{n}-who_person"><option value="haider-al-abadi" >', html)
    relations = re.search(rf'name="c{n}-who_relation">(.*?)</select>', html).group(1)
    assert re.findall(r'value="([^"]*)"', relations) == ["", *WHO_VERB_RELATIONS]  # none chosen for the teacher
    isis = row_of(html, "سيطر تنظيم داعش")
    assert f'name="c{isis}-who' not in html  # a group and a place: no one person to ask for


# -- on the article review ---------------------------------------------------------------------------------------


def test_a_who_added_on_the_review_is_saved_when_ticked(app, teacher):
    url = review_url(teacher, text=ARTICLE)
    slug = save_review(teacher, url, **added_who(row_of(page(teacher.get(url)), ARRIVAL))).rsplit("/", 1)[1]
    (who,) = saved_whos(app, slug).values()
    assert who == {"person": "haider-al-abadi", "relation": "visited", "does_ar": DEED_AR, "does_en": DEED_EN,
                   "sources": ["article"]}


def test_a_who_written_but_not_ticked_is_not_saved(app, teacher):
    url = review_url(teacher, text=ARTICLE)
    n = row_of(page(teacher.get(url)), ARRIVAL)
    slug = save_review(teacher, url, **added_who(n, who=[], who_does_ar="وصل العبادي")).rsplit("/", 1)[1]
    assert saved_whos(app, slug) == {}  # not even checked: a bad deed that is not asked stops nothing


# -- on a saved chronology ---------------------------------------------------------------------------------------


def test_a_who_added_to_a_saved_event_makes_a_version_and_a_who_question(app, teacher):
    slug = saved_without_who(teacher)
    edit = f"/teach/chronologies/{slug}/edit"
    n = row_of(page(teacher.get(edit)), ARRIVAL)
    save_review(teacher, edit, **added_who(n))

    first, second = versions_of(app, slug)
    assert "who" not in str(first)  # quizzes made from the first version keep what they were made from
    (who,) = saved_whos(app, slug).values()
    assert who["person"] == "haider-al-abadi" and who["does_ar"] == DEED_AR and who["does_en"] == DEED_EN
    assert second == chronology_of(app, slug)

    question = who_question(app, teacher, slug)
    assert question["prompt_ar"].startswith(f"أيّ رئيس وزراء عراقي {DEED_AR} في ")
    assert question["prompt_en"] == f"Which Iraqi prime minister {DEED_EN} on 10 July 2017?"
    options = [o["text_ar"] for o in question["options"]]
    assert options[question["correct"]] == "حيدر العبادي"
    prime_ministers = {e.name_ar for e in REGISTRY.values() if "iraqi-prime-minister" in e.roles}
    assert len(options) == 4 and set(options) <= prime_ministers  # the other options share his role


def test_without_english_the_question_is_not_asked_in_english_with_arabic_pasted_in(app, teacher):
    slug = saved_without_who(teacher)
    edit = f"/teach/chronologies/{slug}/edit"
    n = row_of(page(teacher.get(edit)), ARRIVAL)
    save_review(teacher, edit, **added_who(n, who_does_en=""))
    assert re.search(rf'name="c{n}-who_does_en" dir="ltr" value=""', page(teacher.get(edit)))
    question = who_question(app, teacher, slug)
    # No English title either (the event's English is its Arabic): the question is the Arabic one, whole.
    assert question["prompt_en"] == question["prompt_ar"]


def test_bad_input_is_explained_and_changes_nothing(app, teacher):
    slug = saved_without_who(teacher)
    edit = f"/teach/chronologies/{slug}/edit"
    english(teacher)
    html = page(teacher.get(edit))
    n = row_of(html, ARRIVAL)
    form = form_of(html)
    before = chronology_of(app, slug)
    for changes, message in (
        ({"who_does_ar": ""}, "Say what the person did"),
        ({"who_relation": ""}, "Choose what kind of deed it was from the list."),
        ({"who_relation": "killed"}, "Choose what kind of deed it was from the list."),  # not offered: forged
        ({"who_relation": "poisoned"}, "Choose what kind of deed it was from the list."),
        ({"who_person": "nouri-al-maliki"}, "must be one of this event"),  # not among the event's people
        ({"who_person": "isis"}, "must be one of this event"),  # among them, but a group
        ({"who_does_ar": "وصل العبادي إلى الموصل"}, "must not contain their name"),
        ({"who_does_en": "Abadi came to Mosul"}, "must not contain their name"),
        ({"who_does_ar": "وصل\u202eإلى الموصل"}, "changes its direction"),
    ):
        bad = teacher.post(edit, data={**form, **added_who(n, **changes), "save": "1"})
        assert bad.status_code == 422, changes
        assert message in page(bad), (changes, page(bad)[:3000])
        assert re.search(rf'name="c{n}-who" value="y" checked', page(bad))  # the teacher's input is kept
    assert chronology_of(app, slug) == before
    assert count(app, ChronologyVersion) == 1


def test_the_same_addition_sent_twice_makes_one_version(app, teacher):
    slug = saved_without_who(teacher)
    edit = f"/teach/chronologies/{slug}/edit"
    html = page(teacher.get(edit))
    data = {**form_of(html), **added_who(row_of(html, ARRIVAL)), "save": "1"}
    assert teacher.post(edit, data=data).status_code == 302
    assert teacher.post(edit, data=data).status_code == 302  # a double click
    assert len(versions_of(app, slug)) == 2
    assert len(saved_whos(app, slug)) == 1


def test_students_and_other_teachers_cannot_add_a_who(app, teacher):
    slug = saved_without_who(teacher)
    edit = f"/teach/chronologies/{slug}/edit"
    html = page(teacher.get(edit))
    data = {**form_of(html), **added_who(row_of(html, ARRIVAL)), "save": "1"}
    with app.app_context():
        accounts.create_user("huda", "teach-history", role="teacher")
        accounts.create_user("sami", "a long password")
        db.session.commit()
    learner, colleague = app.test_client(), app.test_client()
    login(learner, "sami", "a long password")
    login(colleague, "huda", "teach-history")
    assert learner.get(edit).status_code == 403
    assert learner.post(edit, data=data).status_code == 403
    assert colleague.post(edit, data=data).status_code == 404
    assert saved_whos(app, slug) == {} and count(app, ChronologyVersion) == 1



# A new person the extractor proposes (quiz/chronology/titles.py) in an event it has no "who" for.
NEW_PERSON = """زيارة
في 20 يناير 2025 وصل الرئيس جيمس ويلسون إلى بغداد.
وفي 10 يونيو 2014 سيطر تنظيم داعش على مدينة الموصل.
"""


def test_a_proposed_new_person_can_be_the_who_once_added_with_a_role(app, teacher):
    url = review_url(teacher, text=NEW_PERSON)
    english(teacher)
    html = page(teacher.get(url))
    n = row_of(html, "جيمس ويلسون")
    assert re.search(rf'name="c{n}-who_person"><option value="proposed-1" >جيمس ويلسون', html)
    who = {f"c{n}-who": "y", f"c{n}-who_person": "proposed-1", f"c{n}-who_relation": "visited",
           f"c{n}-who_does_ar": "وصل إلى بغداد", f"c{n}-who_does_en": "arrived in Baghdad"}
    bad = teacher.post(url, data={**form_of(html), **who, "save": "1"})  # the person not added: refused
    assert bad.status_code == 422 and "must be one of this event" in page(bad)
    assert count(app, ChronologyDocument, origin="teacher") == 0
    slug = save_review(teacher, url, **who, **{f"c{n}-new-1": "y", f"c{n}-new-1-role": "us-president"}
                       ).rsplit("/", 1)[1]
    (added,) = [e for e in chronology_of(app, slug)["registry"]["entities"] if e["name_ar"] == "جيمس ويلسون"]
    (saved,) = saved_whos(app, slug).values()
    assert saved["person"] == added["id"] and added["roles"] == ["us-president"]
    question = who_question(app, teacher, slug)
    assert question["prompt_en"] == "Which US president arrived in Baghdad on 20 January 2025?"
    options = [o["text_ar"] for o in question["options"]]
    presidents = {e.name_ar for e in REGISTRY.values() if "us-president" in e.roles}
    assert options[question["correct"]] == "جيمس ويلسون" and set(options) - {"جيمس ويلسون"} <= presidents
