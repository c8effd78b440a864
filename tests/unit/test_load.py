"""The chronology loader: a valid file loads, and each kind of bad data fails naming file, event and field."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from quiz.chronology.load import ChronologyError, load_chronology, load_registry, parse_chronology

REGISTRY = {
    "schema_version": 1,
    "entities": [
        {"id": "george-w-bush", "kind": "person", "name_ar": "جورج بوش", "name_en": "George W. Bush",
         "roles": ["us-president"], "aliases_ar": ["بوش"]},
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
    ],
    "eras": [{"id": "war", "title_ar": "الحرب", "title_en": "The war", "start_year": 2003, "end_year": 2004}],
    "events": [
        {
            "id": "start", "date": "2003-03-20", "title_ar": "البداية", "title_en": "The start",
            "summary_ar": "بدأ كل شيء.", "summary_en": "It all began.", "era": "war",
            "actors": ["george-w-bush"], "places": ["baghdad"],
            "numbers": [{"key": "troops", "value": 1000, "unit": "soldiers", "label_ar": "جنود",
                         "label_en": "troops", "approx": "about"}],
            "sources": [{"doc": "a"}],
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
            "sources": [{"doc": "b", "note": "year only"}],
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
    assert [e.id for e in chronology.events] == ["start", "later"]
    start = chronology.event("start")
    assert start.date.iso() == "2003-03-20" and start.actors == ("george-w-bush",)
    assert start.is_disputed("numbers.troops") and not start.is_disputed("date")
    later = chronology.event("later")
    assert later.date.qualifier.value == "late" and later.sources[0].note == "year only"
    contract = start.to_contract()
    assert set(contract) >= {"id", "date", "precision", "qualifier", "title_ar", "title_en", "summary_ar",
                             "summary_en", "actors", "places", "numbers", "era", "sources", "conflicts"}


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
    bad["entities"][1]["kind"] = "city"
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
