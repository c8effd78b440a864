"""Counted nouns follow Arabic grammar: six plural forms chosen by CLDR's rules (through Babel), never a number
pasted before a fixed word («11 أحداث», «10 سؤالاً»)."""

from __future__ import annotations

import gettext

import pytest
from babel import Locale
from babel.messages.pofile import read_po

from quiz import paths
from quiz.i18n import save_prefs
from quiz.services.chronologies import get_chronology
from tests.web.helpers import page

CATALOGUE = paths.PACKAGE_DIR / "translations" / "ar" / "LC_MESSAGES" / "messages.po"
CLDR_ORDER = ("zero", "one", "two", "few", "many", "other")  # the msgstr[0..5] order


def say(app, singular: str, plural: str, n: int, *, lang: str = "ar", digits: str = "western") -> str:
    """The message as a page in `lang` shows it for the count n."""
    with app.test_request_context():
        save_prefs(lang=lang, month_style="gregorian", digits=digits)
        return app.jinja_env.from_string("{{ ngettext(s, p, n, num=n|digits) }}").render(s=singular, p=plural, n=n)


def test_the_arabic_catalogue_chooses_forms_by_cldr_plural_rules():
    with CATALOGUE.with_suffix(".mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    arabic = Locale("ar").plural_form
    chosen = {n: CLDR_ORDER[catalogue.plural(n)] for n in range(0, 1201)}
    assert chosen == {n: arabic(n) for n in range(0, 1201)}


def test_every_counted_noun_shows_its_number_from_three_on():
    """Zero, one and two are words («لا أحداث», «حدث واحد», «حدثان»); from 3 on the number is written."""
    with CATALOGUE.open("rb") as source:
        plurals = [m for m in read_po(source) if m.id and m.pluralizable]
    assert len(plurals) >= 15
    for message in plurals:
        assert len(message.string) == 6, message.id
        for form in message.string[3:]:
            assert "%(num)s" in form, (message.id, form)


EVENT = ("%(num)s event", "%(num)s events")
DATED = ("<strong>%(num)s</strong> dated event", "<strong>%(num)s</strong> dated events")
QUESTION = ("%(num)s question", "%(num)s questions")
MINUTES = ("time limit %(num)s minute", "time limit %(num)s minutes")


@pytest.mark.parametrize("message, n, arabic", [
    (EVENT, 0, "لا أحداث"),
    (EVENT, 1, "حدث واحد"),
    (EVENT, 2, "حدثان"),
    (EVENT, 3, "3 أحداث"),
    (EVENT, 11, "11 حدثاً"),
    (EVENT, 100, "100 حدث"),
    (EVENT, 103, "103 أحداث"),
    (DATED, 2, "<strong>حدثان</strong> مؤرَّخان"),
    (DATED, 11, "<strong>11</strong> حدثاً مؤرَّخاً"),
    (DATED, 100, "<strong>100</strong> حدث مؤرَّخ"),
    (QUESTION, 10, "10 أسئلة"),
    (QUESTION, 11, "11 سؤالاً"),
    (MINUTES, 2, "المهلة دقيقتان"),
    (MINUTES, 3, "المهلة 3 دقائق"),
])
def test_counted_nouns_read_as_arabic_grammar_says(app, message, n, arabic):
    assert say(app, *message, n) == arabic


def test_a_count_takes_the_readers_digits_and_english_its_own_two_forms(app):
    assert say(app, *EVENT, 11, digits="eastern") == "١١ حدثاً"
    assert [say(app, *EVENT, n, lang="en") for n in (0, 1, 2, 11)] == ["0 events", "1 event", "2 events",
                                                                       "11 events"]


def test_the_home_page_counts_through_the_plural_rules(app, client):
    """The chronology in figures: each count chooses its own form, the number in bold where it is written."""
    html = page(client.get("/"))
    with app.app_context():
        chronology = get_chronology(app.config["DEFAULT_CHRONOLOGY"])
        counts = {DATED: len(chronology.events), ("<strong>%(num)s</strong> source article",
                                                  "<strong>%(num)s</strong> source articles"): len(chronology.sources),
                  ("<strong>%(num)s</strong> event where the sources disagree",
                   "<strong>%(num)s</strong> events where the sources disagree"):
                      sum(1 for event in chronology.events if event.conflicts)}
    for message, n in counts.items():
        assert f"<li>{say(app, *message, n)}</li>" in html
