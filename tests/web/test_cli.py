"""The flask commands: validate, load, dump and setup."""

from __future__ import annotations

import json

import pytest
import yaml

from quiz import create_app
from quiz.extensions import db
from quiz.models import ChronologyDocument, ReviewCard, User
from quiz.paths import registry_path, shipped_chronology_path

CONTRACT_FIELDS = {"id", "date", "precision", "qualifier", "title_ar", "title_en", "summary_ar", "summary_en",
                   "actors", "places", "numbers", "era", "sources", "conflicts",
                   # added with questions/CHRONOLOGY.md: what kind of fact, its end, and what asks of it
                   "kind", "end", "end_qualifier", "minor", "date_inferred", "storylines", "led_to", "who",
                   # whether a figure without an end is a total up to its date (CHRONOLOGY.md)
                   "counted_until"}


def test_validate_reports_the_shipped_chronology(runner):
    result = runner.invoke(args=["chronology", "validate"])
    assert result.exit_code == 0, result.output
    assert "us-iraq.yaml" in result.output and "events" in result.output and "conflicting sources" in result.output


def test_validate_fails_with_the_place_of_the_error(runner, tmp_path):
    data = yaml.safe_load(shipped_chronology_path().read_text(encoding="utf-8"))
    broken_id = data["events"][3]["id"]
    data["events"][3]["date"] = "2003-02-31"
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = runner.invoke(args=["chronology", "validate", str(path), "--registry", str(registry_path())])
    assert result.exit_code == 1
    assert "broken.yaml" in result.output and broken_id in result.output and "'date'" in result.output


def _first_event_with(data, field):
    return next(e for e in data["events"] if e.get(field))


@pytest.mark.parametrize("break_it, field", [
    (lambda d: _first_event_with(d, "numbers")["numbers"][0].pop("sources"), "numbers.0.sources"),
    (lambda d: _first_event_with(d, "conflicts")["conflicts"][0]["claims"][1].update(
        sources=_first_event_with(d, "conflicts")["conflicts"][0]["claims"][0]["sources"]), "conflicts.0.claims"),
    (lambda d: next(e for e in d["events"] if e.get("kind") == "period").update(end="2001"), "end"),
], ids=["figure without a stating source", "conflict with one side", "period ending before it starts"])
def test_validate_refuses_a_fact_that_breaks_the_rules_naming_file_event_and_field(runner, tmp_path, break_it,
                                                                                   field):
    data = yaml.safe_load(shipped_chronology_path().read_text(encoding="utf-8"))
    break_it(data)
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = runner.invoke(args=["chronology", "validate", str(path), "--registry", str(registry_path())])
    assert result.exit_code == 1, result.output
    assert "broken.yaml" in result.output and f"'{field}'" in result.output and "event '" in result.output


def test_dump_json_has_the_contract_fields(runner):
    result = runner.invoke(args=["chronology", "dump", "--format", "json"])
    assert result.exit_code == 0, result.output
    events = json.loads(result.output)
    assert len(events) >= 80
    for event in events:
        assert set(event) == CONTRACT_FIELDS
        assert event["precision"] in {"day", "month", "year"}
        assert event["qualifier"] in {None, "early", "mid", "late"}
        assert event["sources"] and all(set(s) == {"doc", "note"} for s in event["sources"])
    dates = [e["date"] for e in events]
    assert dates[0].startswith("2003")


def test_dump_text_is_one_line_per_event(runner):
    result = runner.invoke(args=["chronology", "dump", "--format", "text"])
    assert result.exit_code == 0
    assert len(result.output.strip().splitlines()) >= 80
    assert "[sources disagree]" in result.output


def test_dump_before_load_says_what_to_run(empty_app):
    result = empty_app.test_cli_runner().invoke(args=["chronology", "dump"])
    assert result.exit_code == 1
    assert "flask --app quiz setup" in result.output


def test_load_is_idempotent(runner, app):
    first = runner.invoke(args=["chronology", "load"])
    assert first.exit_code == 0 and "unchanged us-iraq" in first.output
    with app.app_context():
        assert db.session.execute(db.select(db.func.count()).select_from(ChronologyDocument)).scalar() == 1


def test_setup_migrates_a_fresh_database_and_loads_the_chronology(database_url):
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": database_url})
    result = app.test_cli_runner().invoke(args=["setup", "--demo"])
    assert result.exit_code == 0, result.output
    assert "loaded us-iraq" in result.output
    again = app.test_cli_runner().invoke(args=["setup", "--demo"])
    assert again.exit_code == 0 and "unchanged us-iraq" in again.output
    with app.app_context():
        assert db.session.execute(db.select(ChronologyDocument.slug)).scalar_one() == "us-iraq"
        # The demo's answers went through the one answer path, so spaced review learnt from them.
        learner = db.session.execute(db.select(User).filter_by(username="learner")).scalar_one()
        assert db.session.query(ReviewCard).filter_by(user_id=learner.id).count() > 0
        db.session.remove()  # give the session's connection back first: dispose() closes only idle ones
        db.engine.dispose()
