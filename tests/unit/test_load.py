"""The chronology loader: a valid file loads, and each kind of bad data fails naming file, event and field."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest
import yaml

from quiz.chronology.load import (
    ChronologyError,
    load_chronology,
    load_registry,
    parse_chronology,
)
from quiz.chronology.model import EventKind, Link, Who

REGISTRY = {
    "schema_version": 1,
    "entities": [
        {"id": "george-w-bush", "kind": "person", "name_ar": "جورج بوش", "name_en": "George W. Bush",
         "roles": ["us-president"], "aliases_ar": ["بوش"], "active": [2001, 2009], "affiliations": ["usa"]},
        {"id": "saddam-hussein", "kind": "person", "name_ar": "صدام حسين", "name_en": "Saddam Hussein",
         "roles": ["iraqi-president"], "active": [1979, 2006]},
        {"id": "usa", "kind": "state", "name_ar": "الولايات المتحدة", "name_en": "The United States"},
        {"id": "baghdad", "kind": "place", "name_ar": "بغداد", "name_en": "Baghdad"},
    ],
}

CHRONOLOGY = {
    "schema_version": 1,
    "id": "mini",
    "title_ar": "تسلسل صغير",
    "title_en": "A small chronology",
    "sources": [
        {"id": "a", "file": "a.txt", "title_ar": "المقال أ", "title_en": "Article A", "short_ar": "أ", "short_en": "A"},
        {"id": "b", "file": "b.txt", "title_ar": "المقال ب", "title_en": "Article B", "short_ar": "ب", "short_en": "B"},
        {"id": "c", "file": "c.txt", "title_ar": "المقال ج", "title_en": "Article C", "short_ar": "ج", "short_en": "C"},
    ],
    "eras": [{"id": "war", "title_ar": "الحرب", "title_en": "The war", "start_year": 2003, "end_year": 2004}],
    "storylines": [{"id": "invasion", "title_ar": "الغزو", "title_en": "The invasion"}],
    "events": [
        {
            "id": "start", "date": "2003-03-20", "title_ar": "البداية", "title_en": "The start",
            "summary_ar": "بدأ كل شيء.", "summary_en": "It all began.", "era": "war",
            "actors": ["george-w-bush"], "places": ["baghdad"], "storylines": ["invasion"],
            "led_to": [{"event": "occupation", "sources": ["a"]}],
            "who": {"person": "george-w-bush", "relation": "announced", "does_ar": "أعلن بدء الحرب",
                    "does_en": "announced the start of the war", "sources": ["a"]},
            "numbers": [{"key": "troops", "value": 1000, "unit": "soldiers", "label_ar": "جنود",
                         "label_en": "troops", "approx": "about", "sources": ["a"], "other_readings": [1200]}],
            "sources": [{"doc": "a"}, {"doc": "b"}],
            "conflicts": [{
                "field": "numbers.troops", "topic_ar": "عدد الجنود", "topic_en": "How many troops",
                "claims": [
                    {"value": "1000", "sources": ["a"], "says_ar": "ألف", "says_en": "a thousand"},
                    {"value": "2000", "sources": ["b"], "says_ar": "ألفان", "says_en": "two thousand"},
                ],
            }],
        },
        {
            "id": "later", "date": 2004, "qualifier": "late", "title_ar": "لاحقاً", "title_en": "Later",
            "summary_ar": "حدث شيء لاحقاً.", "summary_en": "Something happened later.", "era": "war",
            "sources": [{"doc": "b", "note": "year only"}], "minor": True,
        },
        {
            "id": "occupation", "kind": "period", "date": "2003-04", "end": "2004-06", "end_qualifier": "late",
            "title_ar": "الاحتلال", "title_en": "The occupation", "summary_ar": "احتلال.",
            "summary_en": "An occupation.", "era": "war", "storylines": ["invasion"], "sources": [{"doc": "a"}],
        },
        {
            "id": "toll", "kind": "figure", "date": 2003, "end": 2004, "title_ar": "الحصيلة",
            "title_en": "The toll", "summary_ar": "حصيلة.", "summary_en": "A toll.", "era": "war",
            "numbers": [{"key": "killed", "value": 4000, "unit": "people", "label_ar": "عدد القتلى",
                         "label_en": "the number killed", "sources": ["b"]}],
            "sources": [{"doc": "b"}],
        },
    ],
}


def write(tmp_path: Path, data, name: str = "chronology.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def registry_file(tmp_path: Path) -> Path:
    return write(tmp_path, REGISTRY, "registry.yaml")


def load_with(tmp_path: Path, registry_file: Path, mutate) -> None:
    data = copy.deepcopy(CHRONOLOGY)
    mutate(data)
    load_chronology(write(tmp_path, data), registry_file)


def test_a_valid_file_loads_in_date_order(tmp_path, registry_file):
    chronology = load_chronology(write(tmp_path, CHRONOLOGY), registry_file)
    # By first possible day: the 2003 toll from 1 January, then 20 March, April, late 2004.
    assert [e.id for e in chronology.events] == ["toll", "start", "occupation", "later"]
    start = chronology.event("start")
    assert start.date.iso() == "2003-03-20" and start.actors == ("george-w-bush",)
    assert start.is_disputed("numbers.troops") and not start.is_disputed("date")
    assert start.kind is EventKind.MOMENT and start.end is None and not start.minor
    troops = start.numbers[0]
    assert troops.sources == ("a",) and troops.other_readings == (1200.0,) and troops.approx == "about"
    assert start.storylines == ("invasion",) and start.led_to == (Link("occupation", ("a",)),)
    assert start.who == Who("george-w-bush", "announced", "أعلن بدء الحرب", "announced the start of the war", ("a",))
    later = chronology.event("later")
    assert later.date.qualifier.value == "late" and later.sources[0].note == "year only" and later.minor
    occupation = chronology.event("occupation")
    assert occupation.kind is EventKind.PERIOD and str(occupation.end) == "late 2004-06"
    assert occupation.latest == dt.date(2004, 6, 30) and not occupation.is_moment and occupation.is_dated
    toll = chronology.event("toll")
    assert toll.kind is EventKind.FIGURE and toll.end.iso() == "2004" and not toll.is_dated
    assert chronology.storyline("invasion").title_en == "The invasion"
    bush = chronology.entity("george-w-bush")
    assert (bush.active_from, bush.active_to, bush.affiliations) == (2001, 2009, ("usa",))
    assert bush.active_in(2003, 2003) and not bush.active_in(2010, 2012)
    contract = start.to_contract()
    assert set(contract) >= {"id", "date", "precision", "qualifier", "title_ar", "title_en", "summary_ar",
                             "summary_en", "actors", "places", "numbers", "era", "sources", "conflicts", "kind",
                             "end", "end_qualifier", "minor", "storylines", "led_to", "who"}
    assert contract["numbers"][0]["sources"] == ["a"] and contract["who"]["person"] == "george-w-bush"


def test_unquoted_yaml_dates_are_read_as_text(tmp_path, registry_file):
    text = yaml.safe_dump(CHRONOLOGY, allow_unicode=True).replace("date: '2003-03-20'", "date: 2003-03-20")
    assert "date: 2003-03-20" in text
    path = tmp_path / "unquoted.yaml"
    path.write_text(text, encoding="utf-8")
    assert load_chronology(path, registry_file).event("start").date.iso() == "2003-03-20"


@pytest.mark.parametrize(
    "mutate, event, field, message",
    [
        (lambda c: c["events"][1].pop("title_en"), "later", "title_en", "Field required"),
        (lambda c: c["events"][1].update(date="2004-02-30"), "later", "date", "does not exist"),
        (lambda c: c["events"][1].update(date="late 2004"), "later", "date", "not YYYY"),
        (lambda c: c["events"][1].update(qualifier="sometime"), "later", "qualifier", "Input should be"),
        (lambda c: c["events"][1].update(era="peace"), "later", "era", "unknown era"),
        (lambda c: c["events"][1].update(date="2011"), "later", "era", "outside era"),
        (lambda c: c["events"][1].update(actors=["nobody"]), "later", "actors.0", "not in the registry"),
        (lambda c: c["events"][1].update(places=["george-w-bush"]), "later", "places.0", "not a place"),
        (lambda c: c["events"][1].update(actors=["baghdad"]), "later", "actors.0", "is a place"),
        (lambda c: c["events"][1].update(sources=[{"doc": "zzz"}]), "later", "sources.0.doc", "unknown source"),
        (lambda c: c["events"][1].update(sources=[]), "later", "sources", "at least 1"),
        (lambda c: c["events"][1].update(id="start"), "start", "id", "duplicate id"),
        (lambda c: c["events"][1].update(colour="red"), "later", "colour", "Extra inputs"),
        (lambda c: c["events"][0]["conflicts"][0].update(field="numbers.dead"), "start", "conflicts.0.field",
         "names no number"),
        (lambda c: c["events"][0]["conflicts"][0]["claims"].pop(), "start", "conflicts.0.claims", "at least 2"),
        # A figure states who says it, among the event's own sources.
        (lambda c: c["events"][0]["numbers"][0].pop("sources"), "start", "numbers.0.sources", "Field required"),
        (lambda c: c["events"][3]["numbers"][0].update(sources=[]), "toll", "numbers.0.sources", "at least 1"),
        (lambda c: c["events"][0]["numbers"][0].update(sources=["c"]), "start", "numbers.0.sources",
         "not one of the event's sources"),
        (lambda c: c["events"][0]["numbers"][0].update(other_readings=[0]), "start", "numbers.0.other_readings.0",
         "greater than 0"),
        # A conflict is two articles disagreeing, about a figure one of them states.
        (lambda c: c["events"][0]["conflicts"][0]["claims"][1].update(sources=["a"]), "start",
         "conflicts.0.claims", "at least two different sources"),
        (lambda c: c["events"][0]["conflicts"][0]["claims"][1].update(sources=["c"]), "start",
         "conflicts.0.claims", "not one of the event's sources"),
        (lambda c: c["events"][0]["numbers"][0].update(value=1500), "start", "conflicts.0.field",
         "none of the claims"),
        (lambda c: c["events"][0]["conflicts"][0]["claims"][1].update(value="two or three thousand"), "start",
         "conflicts.0.claims", "one figure"),
        # What kind of fact it is decides its dates.
        (lambda c: c["events"][2].update(end="2003-01"), "occupation", "end", "precedes the start"),
        (lambda c: c["events"][2].update(end="2003-03", end_qualifier="late"), "occupation", "end",
         "precedes the start"),
        (lambda c: (c["events"][2].pop("end"), c["events"][2].pop("end_qualifier")), "occupation", "end",
         "a period needs an end"),
        (lambda c: c["events"][2].pop("end"), "occupation", "end_qualifier", "needs an end"),
        (lambda c: c["events"][1].update(end="2004-12"), "later", "end", "a moment has no end"),
        (lambda c: c["events"][3].update(end="2002"), "toll", "end", "precedes the start"),
        (lambda c: c["events"][2].update(end="2004-13"), "occupation", "end", "out of range"),
        (lambda c: c["events"][1].update(kind="episode"), "later", "kind", "Input should be"),
        # Storylines, links and "who".
        (lambda c: c["events"][0].update(storylines=["invasion", "mosul"]), "start", "storylines.1",
         "unknown storyline"),
        (lambda c: c["events"][0]["led_to"][0].update(event="nowhere"), "start", "led_to.0.event",
         "not another event"),
        (lambda c: c["events"][0]["led_to"][0].update(event="start"), "start", "led_to.0.event", "not another event"),
        (lambda c: c["events"][1].update(led_to=[{"event": "start", "sources": ["b"]}]), "later", "led_to.0.event",
         "certainly earlier than its cause"),
        (lambda c: c["events"][0]["led_to"][0].update(sources=["c"]), "start", "led_to.0.sources",
         "not one of the event's sources"),
        (lambda c: c["events"][0]["led_to"][0].update(sources=[]), "start", "led_to.0.sources", "at least 1"),
        (lambda c: c["events"][0]["who"].update(person="baghdad"), "start", "who.person", "not a person"),
        (lambda c: c["events"][0]["who"].update(person="usa"), "start", "who.person", "not a person"),
        (lambda c: c["events"][0]["who"].update(person="nobody"), "start", "who.person", "not a person"),
        (lambda c: c["events"][0]["who"].update(relation="liked"), "start", "who.relation", "Input should be"),
        (lambda c: c["events"][0]["who"].update(sources=["b", "c"]), "start", "who.sources",
         "not one of the event's sources"),
    ],
)
def test_bad_events_fail_naming_file_event_and_field(tmp_path, registry_file, mutate, event, field, message):
    with pytest.raises(ChronologyError) as caught:
        load_with(tmp_path, registry_file, mutate)
    error = caught.value
    assert error.file.endswith("chronology.yaml")
    assert (error.event, error.field) == (event, field)
    assert message in error.message
    assert f"event {event!r}" in str(error) and f"field {field!r}" in str(error)


def test_a_led_to_link_to_an_event_that_may_be_earlier_is_accepted(tmp_path, registry_file):
    # "late 2004" may be as early as July 2004; the occupation runs to late June 2004: not certainly earlier.
    def link(c):  # type: ignore[no-untyped-def]
        c["events"][1]["led_to"] = [{"event": "occupation", "sources": ["b"]}]
        c["events"][1]["qualifier"] = None

    load_with(tmp_path, registry_file, link)


def test_a_person_without_a_role_cannot_be_asked_who(tmp_path):
    registry = copy.deepcopy(REGISTRY)
    registry["entities"][0]["roles"] = []
    path = write(tmp_path, registry, "registry.yaml")
    with pytest.raises(ChronologyError) as caught:
        load_chronology(write(tmp_path, CHRONOLOGY), path)
    assert (caught.value.event, caught.value.field) == ("start", "who.person")
    assert "with a role" in caught.value.message


@pytest.mark.parametrize(
    "mutate, entity, field, message",
    [
        (lambda r: r["entities"][0].update(affiliations=["usa", "nato"]), "george-w-bush", "affiliations.1",
         "not another entry of the registry"),
        (lambda r: r["entities"][0].update(affiliations=["george-w-bush"]), "george-w-bush", "affiliations.0",
         "not another entry of the registry"),
        (lambda r: r["entities"][1].update(active=[2006, 1979]), "saddam-hussein", "active", "precedes their start"),
        (lambda r: r["entities"][1].update(active=[1979]), "saddam-hussein", "active.1", "Field required"),
        (lambda r: r["entities"][1].update(active=["from 1979", 2006]), "saddam-hussein", "active.0",
         "valid integer"),
    ],
)
def test_bad_registry_entries_fail_naming_file_entity_and_field(tmp_path, mutate, entity, field, message):
    registry = copy.deepcopy(REGISTRY)
    mutate(registry)
    with pytest.raises(ChronologyError) as caught:
        load_registry(write(tmp_path, registry, "registry.yaml"))
    error = caught.value
    assert error.file.endswith("registry.yaml")
    assert (error.event, error.field) == (entity, field)
    assert message in error.message
    assert f"event {entity!r}" in str(error) and f"field {field!r}" in str(error)


def test_open_active_years_are_read_as_none(tmp_path):
    registry = copy.deepcopy(REGISTRY)
    registry["entities"][0]["active"] = [2001, None]
    bush = load_registry(write(tmp_path, registry, "registry.yaml"))["george-w-bush"]
    assert (bush.active_from, bush.active_to) == (2001, None)
    assert bush.active_in(2030, 2030) and not bush.active_in(1990, 2000)


def test_an_event_without_id_is_named_by_position(tmp_path, registry_file):
    with pytest.raises(ChronologyError) as caught:
        load_with(tmp_path, registry_file, lambda c: c["events"][1].pop("id"))
    assert caught.value.event == "#2" and caught.value.field == "id"


def test_wrong_schema_version_is_refused(tmp_path, registry_file):
    with pytest.raises(ChronologyError, match="schema_version"):
        load_with(tmp_path, registry_file, lambda c: c.update(schema_version=2))


def test_broken_yaml_reports_line(tmp_path, registry_file):
    path = tmp_path / "broken.yaml"
    path.write_text("schema_version: 1\nevents: [\n  - id: x\n", encoding="utf-8")
    with pytest.raises(ChronologyError, match=r"broken\.yaml.*not valid YAML at line \d+"):
        load_chronology(path, registry_file)


def test_not_utf8_is_refused(tmp_path, registry_file):
    path = tmp_path / "latin.yaml"
    path.write_bytes("title_ar: \"بغداد\"".encode("utf-8").replace(b"\xd8", b"\xff"))
    with pytest.raises(ChronologyError, match="not UTF-8"):
        load_chronology(path, registry_file)


def test_missing_file_is_named(tmp_path, registry_file):
    with pytest.raises(ChronologyError, match=r"nothing\.yaml.*file not found"):
        load_chronology(tmp_path / "nothing.yaml", registry_file)


def test_registry_errors_name_the_entity(tmp_path):
    bad = copy.deepcopy(REGISTRY)
    bad["entities"][3]["kind"] = "city"
    with pytest.raises(ChronologyError) as caught:
        load_registry(write(tmp_path, bad, "registry.yaml"))
    assert caught.value.event == "baghdad" and caught.value.field == "kind"
    dup = copy.deepcopy(REGISTRY)
    dup["entities"].append(dict(REGISTRY["entities"][0]))
    with pytest.raises(ChronologyError, match="duplicate id"):
        load_registry(write(tmp_path, dup, "registry.yaml"))


def test_parse_accepts_data_that_is_already_read():
    from quiz.chronology.load import parse_registry

    chronology = parse_chronology(CHRONOLOGY, parse_registry(REGISTRY))
    assert chronology.has_event("start") and not chronology.has_event("nope")
    assert [p.id for p in chronology.people()] == ["george-w-bush"]
    assert [s.id for s in chronology.storylines] == ["invasion"]
