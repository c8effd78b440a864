"""The home page and the timeline: Arabic by default, English on request, filters, 404s."""

from __future__ import annotations

import re

import pytest

from quiz.services.chronologies import get_chronology
from tests.web.helpers import as_shown


def html(response) -> str:
    return response.get_data(as_text=True)


def axis_ids(page: str) -> list[str]:
    """The events on the timeline's axis, top to bottom (each in an <li id="event-…">)."""
    return re.findall(r'<li id="event-([a-z0-9-]+)">', page)


def test_home_is_arabic_and_right_to_left_by_default(client):
    page = html(client.get("/"))
    assert '<html lang="ar" dir="rtl">' in page
    assert "الخط الزمني" in page  # the way to the timeline, in Arabic


def test_english_switch_is_a_post_that_keeps_the_page(client):
    response = client.post("/prefs/", data={"lang": "en", "month_style": "both", "digits": "western",
                                             "next": "/timeline?era=withdrawal"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/timeline?era=withdrawal")
    page = html(client.get("/timeline"))
    assert '<html lang="en" dir="ltr">' in page
    assert "Timeline" in page


def test_prefs_refuse_unknown_values_and_foreign_redirects(client):
    assert client.post("/prefs/", data={"lang": "fr", "month_style": "both", "digits": "western"}).status_code == 400
    response = client.post("/prefs/", data={"lang": "en", "month_style": "both", "digits": "western",
                                             "next": "https://evil.example/"})
    assert response.headers["Location"] == "/"
    assert client.get("/prefs/").status_code == 405


def test_timeline_lists_every_event_in_date_order_grouped_by_era(app, client):
    page = html(client.get("/timeline"))
    with app.app_context():
        chronology = get_chronology("us-iraq")
    ids = axis_ids(page)
    assert len(ids) == len(chronology.events)
    positions = [ids.index(e.id) for e in chronology.events]
    assert positions == sorted(positions)
    for era in chronology.eras:
        assert f'id="era-{era.id}"' in page


def test_timeline_marks_events_where_sources_disagree(app, client):
    with app.app_context():
        disputed = [e for e in get_chronology("us-iraq").events if e.conflicts]
    assert disputed, "the shipped chronology records disagreements between its sources"
    page = html(client.get(f"/timeline/{disputed[0].id}"))
    assert "المصادر تختلف" in page
    for claim in disputed[0].conflicts[0].claims:
        assert as_shown(app, claim.says_ar) in page


def test_timeline_filter_by_era(app, client):
    with app.app_context():
        chronology = get_chronology("us-iraq")
    era = chronology.eras[0]
    page = html(client.get(f"/timeline?era={era.id}"))
    ids = axis_ids(page)
    assert ids and set(ids) == {e.id for e in chronology.events if e.era == era.id}


def test_timeline_filter_by_year_range_keeps_dates_that_may_fall_inside(app, client):
    with app.app_context():
        chronology = get_chronology("us-iraq")
    page = html(client.get("/timeline?year_from=2014&year_to=2016"))
    ids = set(axis_ids(page))
    expected = {e.id for e in chronology.events if e.date.latest.year >= 2014 and e.date.earliest.year <= 2016}
    assert ids == expected and ids


def test_timeline_filter_by_person(app, client):
    with app.app_context():
        chronology = get_chronology("us-iraq")
    person = next(p for p in chronology.people() if p.kind == "person")
    page = html(client.get(f"/timeline?person={person.id}"))
    ids = set(axis_ids(page))
    assert ids == {e.id for e in chronology.events if person.id in e.actors}


@pytest.mark.parametrize(
    "query",
    [
        "era=no-such-era",
        "person=nobody-at-all",
        "year_from=abc",
        "year_from=1200",
        "colour=red",
    ],
)
def test_bad_filters_are_404(client, query):
    response = client.get(f"/timeline?{query}")
    assert response.status_code == 404
    assert '<html lang="ar" dir="rtl">' in html(response)


def test_unknown_event_is_404_and_known_event_has_its_page(app, client):
    assert client.get("/timeline/no-such-event").status_code == 404
    with app.app_context():
        event = get_chronology("us-iraq").events[0]
    page = html(client.get(f"/timeline/{event.id}"))
    assert event.title_ar in page and event.summary_ar in page


def test_english_pages_show_english_summaries(app, client):
    client.post("/prefs/", data={"lang": "en", "month_style": "both", "digits": "western"})
    with app.app_context():
        event = get_chronology("us-iraq").events[0]
    page = html(client.get(f"/timeline/{event.id}"))
    assert event.summary_en in page and event.summary_ar not in page


def test_month_style_and_digits_change_how_dates_read(client):
    client.post("/prefs/", data={"lang": "ar", "month_style": "levantine", "digits": "eastern"})
    page = html(client.get("/timeline?year_from=2003&year_to=2003"))
    assert "آذار" in page  # 20 March 2003, the invasion, in the Levantine tradition
    assert "٢٠٠٣" in page
    client.post("/prefs/", data={"lang": "ar", "month_style": "gregorian", "digits": "western"})
    page = html(client.get("/timeline?year_from=2003&year_to=2003"))
    assert "مارس" in page and "آذار" not in page


def test_pages_without_loaded_chronology_say_how_to_load_it(empty_app):
    response = empty_app.test_client().get("/timeline")
    assert response.status_code == 503
    assert "flask --app quiz setup" in html(response)


def test_base_template_renders_with_local_css_only(client):
    page = html(client.get("/"))
    assert "/static/css/app.css" in page
    assert "http://" not in page.replace("http://localhost", "") and "https://" not in page
    with client.get("/static/css/app.css") as css:
        assert css.status_code == 200


def test_the_timeline_shows_a_period_from_start_to_end_and_a_running_total_since_its_start(app, client):
    client.post("/prefs/", data={"lang": "en", "month_style": "gregorian", "digits": "western"})
    with app.app_context():
        events = get_chronology("us-iraq").events
    period = next(e for e in events if e.end is not None and e.end != e.date)
    total = next(e for e in events if e.kind.value == "figure" and e.end is None)
    from quiz.chronology.arabic_dates import format_partial_date as when

    page = html(client.get(f"/timeline/{period.id}"))
    assert f"{when(period.date, 'en')} – {when(period.end, 'en')}" in page
    page = html(client.get(f"/timeline/{total.id}"))
    assert f"since {when(total.date, 'en')}" in page


def test_an_events_figures_read_with_their_unit_and_hedge(app, client):
    client.post("/prefs/", data={"lang": "ar", "month_style": "gregorian", "digits": "western"})
    with app.app_context():
        event = next(e for e in get_chronology("us-iraq").events
                     if any(n.approx == "about" and n.unit == "soldiers" and n.value >= 10_000 for n in e.numbers))
    from quiz.generate.units import figure_text

    number = next(n for n in event.numbers if n.approx == "about" and n.unit == "soldiers" and n.value >= 10_000)
    page = html(client.get(f"/timeline/{event.id}"))
    assert figure_text(number.value, "soldiers", "ar") in page  # «30 ألف جندي», not «30,000»
    assert re.search(r"نحو</span>\s*<bdi>" + re.escape(figure_text(number.value, "soldiers", "ar")), page)


def test_a_source_note_shows_on_the_pages_of_its_own_language(app, client):
    """The default chronology's editors wrote their source notes in English: an English page shows them and an
    Arabic page does not (a teacher's saved article notes are Arabic, and show the other way round)."""
    with app.app_context():
        event = next(e for e in get_chronology("us-iraq").events if any(ref.note for ref in e.sources))
        note = next(ref.note for ref in event.sources if ref.note)
    assert note not in html(client.get(f"/timeline/{event.id}"))
    client.post("/prefs/", data={"lang": "en", "month_style": "both", "digits": "western"})
    assert note in html(client.get(f"/timeline/{event.id}"))


def test_arabic_script_tells_an_arabic_note_from_an_english_one():
    from quiz.i18n import in_arabic_script

    assert in_arabic_script("التاريخ مكتوب كاملًا في النص")
    assert not in_arabic_script("same wording as seed-000")
    assert not in_arabic_script("")
    assert in_arabic_script("السنة من العنوان (2005)")
