"""The article extractor takes time in proportion to the text (issue 16, item 5): a long article, or one long
sentence full of dates, can no longer hold a server worker. A 40 KB sentence of years took 19 s before."""

from __future__ import annotations

import time

import pytest

from bench.extract_speed import SHAPES  # the shapes that were quadratic, measured by the bench too
from quiz.chronology.extract import Candidate, extract_events
from quiz.chronology.load import load_registry
from quiz.paths import registry_path

REGISTRY = load_registry(registry_path())



def article(unit: str, size: int) -> str:
    return unit * (size // len(unit.encode("utf-8")))


def seconds(text: str) -> float:
    """CPU seconds of this process: other work on a busy machine (a CI run beside it) does not count."""
    started = time.process_time()
    extract_events(text, registry=REGISTRY)
    return time.process_time() - started


# The absolute budget (a 200 KB article in under 2 s) lives in bench/, measured by itself: an absolute time in
# the suite fails whenever the machine is busy, which says nothing about the code. The suite keeps the shape
# of the cost (linear), which a busy machine slows down on both sides of the ratio.


@pytest.mark.parametrize("shape", SHAPES)
def test_twice_the_text_takes_well_under_three_times_as_long(shape: str):
    small, large = article(SHAPES[shape], 25_000), article(SHAPES[shape], 50_000)
    seconds(small)  # warm the compiled patterns
    # The best of three runs each, so a busy machine does not decide the ratio.
    ratio = min(seconds(large) for _ in range(3)) / min(seconds(small) for _ in range(3))
    assert ratio < 3.0, f"{shape}: twice the text took {ratio:.1f} times as long"


def test_one_sentence_of_thousands_of_dates_is_read_without_running_out_of_stack():
    # Coordinated clauses were split recursively, one level per date: a 500 on a long enough sentence.
    candidates = extract_events(article(SHAPES["no punctuation"], 100_000), registry=REGISTRY)
    assert len(candidates) > 1000


def test_a_candidate_survives_the_round_trip_through_the_draft_it_is_kept_with():
    text = "في أواخر مارس 2003 دخلت القوات بغداد، وبين عامي 2005 و2007 اشتد القتال في الموصل."
    found = extract_events(text, doc="مقال", registry=REGISTRY)
    assert found and any(c.range_end for c in found) and any(c.qualifier for c in found)
    assert [Candidate.from_contract(c.to_contract()) for c in found] == found
