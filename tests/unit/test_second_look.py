"""The extractor's second look (quiz/chronology/second_look.py): a learned reader of the years the rules leave
unread. What it reads of a year, which years it looks at, what it adds to the extractor's output, and that its
model was trained on the corpus's dev part and nothing else. The texts are made up for the tests."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.extractor_eval import Document, Entry, load_split
from bench.train_second_look import dev_fingerprint, label
from quiz.chronology.extract import extract_events, years_left_unread
from quiz.chronology.model import Precision
from quiz.chronology.second_look import BASIS, MODEL_PATH, Model, Seen, YearToken, load_model, unread_years

# -- the model file -----------------------------------------------------------------------------------------------


def test_the_model_was_trained_on_the_dev_part_of_the_recorded_split_and_nothing_else() -> None:
    raw = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    dev = load_split()["dev"]
    assert raw["trained_on"]["part"] == "dev"
    assert raw["trained_on"]["texts"] == len(dev)
    # a held-out text in training, or a new split without retraining (python -m bench.train_second_look), fails here
    assert raw["trained_on"]["dev_sha256"] == dev_fingerprint(dev)


def test_the_model_loads_with_a_threshold_between_nothing_and_everything() -> None:
    model = load_model()
    assert model is not None and 0.0 < model.threshold < 1.0
    assert len(model.weights) > 100 and all(math.isfinite(w) for w in model.weights.values())


def test_a_probability_is_the_logistic_of_the_bias_and_the_weights_present() -> None:
    model = Model(bias=-1.0, weights={"a": 2.0, "b": -5.0}, threshold=0.5)
    assert model.probability({}) == pytest.approx(1 / (1 + math.exp(1.0)))
    assert model.probability({"a": 1.0, "unknown": 1.0}) == pytest.approx(1 / (1 + math.exp(-1.0)))
    assert model.probability({"a": 1.0, "b": 1.0}) == pytest.approx(1 / (1 + math.exp(4.0)))


# -- which years it looks at --------------------------------------------------------------------------------------


def years(text: str, spans: list[tuple[int, int]] | None = None) -> list[int]:
    return [t.year for t in unread_years(text, spans or [], [])]


def test_every_year_no_candidate_covers_is_looked_at_in_western_or_eastern_digits() -> None:
    assert years("غادر العراق ١٩٨١ ثم عاد 1986.") == [1981, 1986]


def test_a_year_inside_a_candidates_date_is_not_looked_at_again() -> None:
    text = "في عام 1990 دخل العراق الكويت، وفي 1991 خرج منها."
    assert years(text, [(text.index("عام"), text.index("1990") + 4)]) == [1991]


def test_numbers_that_are_not_years_are_not_looked_at() -> None:
    # a count out of range, a decimal, a clock time, a numeric date's parts, a longer number
    assert years("قتل 35000 شخص، ونسبة 2.2003، في الساعة 10:30، يوم 12/5/2003، ورقم 450.") == []
    assert years("في عام 499 وعام 2031") == []


def test_the_words_around_a_year_are_read_without_their_clitics_and_marks() -> None:
    [token] = unread_years("حصل على الماجستير بِماليزيا 1983 ثم عاد", [], [])
    assert {"p1=بماليزيا", "p1s=ماليزيا", "n1=ثم", "cb=sp", "ca=sp"} <= set(token.features)


def test_a_year_on_a_line_of_its_own_is_read_as_such() -> None:
    [token] = unread_years("مقدمة\n1984\nافتتاح المدرج الثاني", [], [])
    assert token.features["linestart"] == 1.0 and token.features["lineend"] == 1.0


def test_a_year_a_rule_found_and_set_aside_stays_the_rules_decision() -> None:
    text = "أول انتشار منذ عام 1991 في البلاد، وآخر عام 1998"
    start = text.index("عام")
    assert [t.year for t in unread_years(text, [], [], [Seen(start, start + 8, "found")])] == [1998]


def test_a_number_the_rules_doubted_is_weighed_with_that_doubt_and_a_count_is_left_alone() -> None:
    text = "وفي 1792 أعلنت الجمهورية. ووصل 1500 جندي."
    doubt, count = text.index("1792"), text.index("1500")
    [token] = unread_years(text, [], [], [Seen(doubt, doubt + 4, "doubted"), Seen(count, count + 4, "count")])
    assert token.year == 1792 and token.features["doubted"] == 1.0


def test_a_page_without_line_breaks_is_read_in_bounded_windows() -> None:
    text = "كلمة " * 5000 + "عام 1983 " + "كلمة " * 5000
    [token] = unread_years(text, [], [])
    assert token.features["linestart"] == 0.0 and token.features["linelen=5"] == 1.0


# -- what it adds to the extractor's output ----------------------------------------------------------------------


def test_a_year_after_a_place_that_the_rules_leave_is_added_as_a_year_to_check() -> None:
    text = "ولد في الخرطوم عام 1944، وحصل على ماجستير العلوم العسكرية بماليزيا 1983، وزمالة أكاديمية السودان."
    rules = extract_events(text, second_look=False)
    assert [c.date_text for c in rules] == ["عام 1944"]
    added = [c for c in extract_events(text) if c.basis == BASIS]
    assert [(c.date_text, c.date.year, c.precision) for c in added] == [("1983", 1983, Precision.YEAR)]
    assert added[0].confidence_level == "low" and not added[0].inferred
    assert added[0].text_ar == text.rstrip(".")  # its clause is its sentence, for the title and the review page


def test_a_year_the_rules_read_is_not_doubled() -> None:
    text = "في عام 2003 بدأت الحرب. وفي عام 2011 انسحبت القوات."
    assert [c.date_text for c in extract_events(text)] == ["عام 2003", "عام 2011"]


def test_offsets_still_point_into_a_text_in_presentation_forms() -> None:
    text = "ﺛﻮﺭﺓ " + "غادر العراق 1981 متجهاً لفرنسا."
    for token in years_left_unread(text):
        assert text[token.start:token.end] == "1981"


_FRAGMENTS = st.sampled_from([
    "في عام 2003 ", "بماليزيا 1983، ", "(1770) ", "قتل 1500 جندي ", "\n1984\n", "وفي 12 مارس 2011 ", "منذ عام 1991 ",
    "افتتاح المبنى ", "، ", ". ", "ومن 1920 إلى 1927 ", "دستور 1861 ", "نحو ٢٠٠٠ ", "كانت سنتا 1975 و 1976 حاسمة ",
])


@settings(max_examples=60, deadline=None)
@given(st.lists(_FRAGMENTS, min_size=1, max_size=14))
def test_the_second_look_only_adds_low_confidence_years_beside_what_the_rules_found(parts: list[str]) -> None:
    text = "".join(parts)
    rules = extract_events(text, second_look=False)
    both = extract_events(text)
    assert [c for c in both if c.basis != BASIS] == rules
    for c in (c for c in both if c.basis == BASIS):
        assert c.precision is Precision.YEAR and c.range_end is None and c.confidence_level == "low"
        assert c.date_text == text[c.date_start:c.date_end] and c.date_text.strip().isdigit()
        assert not any(r.date_start < c.date_end and c.date_start < r.date_end for r in rules)


# -- what it learns from ------------------------------------------------------------------------------------------


def _doc(text: str, entries: list[Entry]) -> Document:
    return Document("x", text, tuple(entries), (), "https://example.org")


def test_a_year_is_a_date_to_learn_when_the_key_states_that_year_there() -> None:
    text = "حصل على الماجستير بماليزيا 1983 ثم رقم 1990 في القائمة"
    at = text.index("1983")
    year_entry = Entry(("year", "1983", None, None), ((at - 9, at + 4),), "بماليزيا 1983")
    assert label(_doc(text, [year_entry]), YearToken(at, at + 4, 1983, {})) == 1
    other = text.index("1990")
    assert label(_doc(text, [year_entry]), YearToken(other, other + 4, 1990, {})) == 0
    # the key reads something else there (a range): not a year to add
    range_entry = Entry(("range", "1983", "1990", None), ((at, other + 4),), "1983 ثم رقم 1990")
    assert label(_doc(text, [range_entry]), YearToken(at, at + 4, 1983, {})) == 0


def test_a_year_line_with_another_year_line_under_it_heads_nothing() -> None:
    page = "تاريخ المطار\n1970\n1988 افتتاح المبنى الثاني\n"
    assert years(page) == [1988]


def test_a_number_that_counts_what_adad_names_is_no_year_to_offer() -> None:
    assert [c.date_text for c in extract_events("بلغ عدد الجنود 1500، والضباط 1700، والقتلى 1900.")] == []
    assert [c.date_text for c in extract_events("عدد سكان المدينة 1956\n")] == []
