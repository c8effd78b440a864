"""The example sets shipped in questions/sets/ use the native format and agree with the chronology."""

from __future__ import annotations

import pytest

from quiz import interop, paths
from quiz.chronology.load import load_chronology

SETS = sorted((paths.questions_dir() / "sets").glob("*.yaml"))


def test_there_are_example_sets():
    assert len(SETS) >= 2


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.name)
def test_example_set_imports_cleanly_and_round_trips(path):
    result = interop.import_native_yaml(path.read_bytes(), filename=path.name)
    assert result.warnings == [] and result.skipped == []
    assert interop.import_native_yaml(interop.export_native(result.set, fmt="yaml")).set == result.set


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.name)
def test_example_ordering_keys_follow_the_chronology(path):
    chronology = load_chronology(paths.shipped_chronology_path(), paths.registry_path())
    data = interop.import_native_yaml(path.read_bytes()).set
    for question in data.questions:
        assert all(chronology.has_event(e) for e in question.event_ids)
        if question.type == "ordering":
            dates = [chronology.event(o.event_id).date for o in question.options]
            assert all(a.certainly_before(b) for a, b in zip(dates, dates[1:]))
