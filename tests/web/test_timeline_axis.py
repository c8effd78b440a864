"""The timeline as a time axis (issue 13): events in date order under their year and era, disagreements marked
in words, the filters behind one closed control, the event page's way back to its place, and years that read
in the page's direction with the reader's digits."""

from __future__ import annotations

import re

import pytest

from quiz.services.chronologies import get_chronology


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def prefer(client, *, lang="ar", digits="western", month_style="gregorian"):
    client.post("/prefs/", data={"lang": lang, "month_style": month_style, "digits": digits})


@pytest.fixture
def chronology(app):
    with app.app_context():
        return get_chronology("us-iraq")


def axis_items(page: str) -> list[tuple[str, str]]:
    """What the axis shows from top to bottom: ("era", id), ("year", digits) and ("event", id)."""
    found = re.finditer(
        r'<h2 id="era-([a-z0-9-]+)"|<h3 class="year-tick"><bdi>([^<]+)</bdi>|<li id="event-([a-z0-9-]+)">', page)
    return [("era", m[1]) if m[1] else ("year", m[2]) if m[2] else ("event", m[3]) for m in found]


def event_item(page: str, event_id: str) -> str:
    """The markup of one event on the axis, up to the end of its <li>."""
    start = page.index(f'<li id="event-{event_id}">')
    return page[start:page.index("</li>", start)]


def test_every_event_is_on_the_axis_in_date_order_under_its_year_and_era(client, chronology):
    items = axis_items(html(client.get("/timeline")))
    events = [value for kind, value in items if kind == "event"]
    assert events == [e.id for e in chronology.events]  # the chronology's own date order
    era = year = None
    for kind, value in items:
        if kind == "era":
            era, year = value, None
        elif kind == "year":
            assert year is None or int(value) > year, "the year ticks go forward in time"
            year = int(value)
        else:
            event = chronology.event(value)
            assert (event.era, event.date.year) == (era, year), f"{value} is under {era} {year}"
    assert [value for kind, value in items if kind == "era"] == [e.id for e in chronology.eras]


def test_years_without_an_event_stay_on_the_axis_as_gaps(client, chronology):
    page = html(client.get("/timeline"))
    years = {e.date.year for e in chronology.events}
    empty = [y for y in range(min(years), max(years) + 1) if y not in years]
    assert empty, "the shipped chronology has years with no event (2010, 2012, 2022)"
    for year in empty:
        assert re.search(rf'<li class="axis-year is-empty"><p class="year-tick"><bdi>{year}</bdi>', page)


def test_every_event_is_a_link_to_its_page(client, chronology):
    page = html(client.get("/timeline"))
    for event in chronology.events:
        assert f'href="/timeline/{event.id}"' in event_item(page, event.id)


def test_disputed_events_carry_an_icon_and_words_and_others_do_not(client, chronology):
    page = html(client.get("/timeline"))
    disputed = {e.id for e in chronology.events if e.conflicts}
    assert disputed
    for event in chronology.events:
        item = event_item(page, event.id)
        if event.id in disputed:
            assert "is-disputed" in item
            assert re.search(r'class="mark-disputed"><span aria-hidden="true">⚠</span> المصادر تختلف</span>', item)
        else:
            assert "mark-disputed" not in item and "is-disputed" not in item
    prefer(client, lang="en")
    page = html(client.get("/timeline"))
    assert "⚠</span> Sources disagree" in event_item(page, sorted(disputed)[0])


def _filters(page: str) -> str:
    found = re.search(r"<details class=\"timeline-filters\"[^>]*>", page)
    assert found, "the filters are in one <details> control"
    assert page.count("<details class=\"timeline-filters\"") == 1
    return found[0]


def test_the_filters_wait_closed_behind_one_control(client):
    page = html(client.get("/timeline"))
    assert " open" not in _filters(page)
    assert re.search(r'<details class="timeline-filters">\s*<summary>تصفية</summary>', page)
    # The first event comes before the form's fields in the page, not after a screen of them.
    assert page.index('<form class="filters"') > page.index("<details class=\"timeline-filters\"")


@pytest.mark.parametrize("query", ["era=withdrawal", "year_from=2014", "year_to=2005", "person=barack-obama"])
def test_the_filters_are_open_when_one_is_on(client, query):
    page = html(client.get(f"/timeline?{query}"))
    assert " open" in _filters(page)
    assert "التصفية مفعّلة" in page
    assert 'href="/timeline">عرض الكل</a>' in page


def test_years_the_wrong_way_round_come_back_marked_in_the_open_filters(client):
    page = html(client.get("/timeline?year_from=2015&year_to=2010"))
    assert " open" in _filters(page)
    assert 'aria-invalid="true"' in page and 'aria-describedby="year_to-error"' in page
    assert re.search(r'<p class="field-error" id="year_to-error" role="alert">سنة النهاية تسبق سنة البداية.</p>', page)
    assert 'value="2015"' in page and 'value="2010"' in page  # what was typed, shown back
    assert '<li id="event-' not in page and "لا يوجد حدث يطابق" in page


def test_the_event_page_links_back_to_the_events_place_on_the_axis(client, chronology):
    for event in (chronology.events[0], next(e for e in chronology.events if e.conflicts), chronology.events[-1]):
        page = html(client.get(f"/timeline/{event.id}"))
        back = re.search(r'<p class="back-to-axis"><a [^>]*href="([^"]+)">العودة إلى موضعه على الخط الزمني</a>', page)
        assert back and back[1] == f"/timeline#event-{event.id}"
        assert f'<li id="event-{event.id}">' in html(client.get("/timeline"))
        # The breadcrumb's era leads to the era alone, on the same event.
        era_link = re.search(rf'<a href="(/timeline\?era={event.era}#event-{event.id})">', page)
        assert era_link
        assert f'<li id="event-{event.id}">' in html(client.get(era_link[1].split("#")[0]))


def test_the_chosen_era_is_marked_on_the_strip_and_the_axis(client):
    page = html(client.get("/timeline?era=withdrawal"))
    assert re.search(r'<li class="era-\d is-current">\s*<a href="/timeline#era-withdrawal" aria-current="true">', page)
    assert re.search(r'<li class="era-band era-\d is-current">', page)


@pytest.mark.parametrize("path", ["/", "/timeline"])
def test_era_years_read_in_the_pages_direction(client, chronology, path):
    era = chronology.eras[0]
    prefer(client, lang="ar", digits="western")
    assert f'<bdi class="year-range" dir="rtl">{era.start_year}–{era.end_year}</bdi>' in html(client.get(path))
    prefer(client, lang="ar", digits="eastern")
    eastern = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
    years = f"{era.start_year}–{era.end_year}".translate(eastern)
    assert f'<bdi class="year-range" dir="rtl">{years}</bdi>' in html(client.get(path))
    prefer(client, lang="en", digits="eastern")  # an English page keeps Western digits
    assert f'<bdi class="year-range" dir="ltr">{era.start_year}–{era.end_year}</bdi>' in html(client.get(path))


def test_event_dates_read_in_the_pages_direction(client, chronology):
    period = next(e for e in chronology.events if e.end is not None and e.end.year != e.date.year)
    prefer(client, lang="ar")
    item = event_item(html(client.get("/timeline")), period.id)
    assert re.search(r'<span class="axis-date"><bdi dir="rtl">[^<]*2003[^<]*–[^<]*</bdi>', item)
    assert '<bdi dir="rtl">' in html(client.get(f"/timeline/{period.id}"))
    prefer(client, lang="en")
    item = event_item(html(client.get("/timeline")), period.id)
    assert '<span class="axis-date"><bdi dir="ltr">' in item


def test_years_and_dates_on_the_axis_use_the_chosen_digits(client, chronology):
    first = chronology.events[0]
    prefer(client, lang="ar", digits="eastern")
    page = html(client.get("/timeline"))
    ticks = [value for kind, value in axis_items(page) if kind == "year"]
    assert ticks[0] == "٢٠٠٣" and all(re.fullmatch("[٠-٩]{4}", t) for t in ticks)
    assert not re.search(r"[0-9]", re.sub(r"<[^>]+>", "", event_item(page, first.id)))
    prefer(client, lang="ar", digits="western")
    page = html(client.get("/timeline"))  # another preference, another cached body: no Eastern digit leaks in
    ticks = [value for kind, value in axis_items(page) if kind == "year"]
    assert ticks[0] == "2003" and all(re.fullmatch("[0-9]{4}", t) for t in ticks)
    assert not re.search("[٠-٩]", re.sub(r"<[^>]+>", "", event_item(page, first.id)))


def test_the_timeline_loads_its_own_styles_and_script_from_this_server(client):
    page = html(client.get("/timeline"))
    assert '/static/css/timeline.css' in page and '/static/js/timeline.js' in page
    assert "https://" not in page
    for asset in ("/static/css/timeline.css", "/static/js/timeline.js"):
        with client.get(asset) as response:
            assert response.status_code == 200
