"""The measuring stick for the date extractor (bench/extractor_eval.py) and its corpus (tests/data/extractor_corpus).

What is checked: every answer key fits its text (each quote is in the text, each value is well formed), the
held-out split is the one its recorded rule gives, the matching rules behave (an extractor whose output is the
key scores 100%/100%, and each way of being wrong costs what the README says), and the script runs.
None of these tests asserts the extractor's figures: they are the baseline the README reports.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bench import extractor_eval as ev

CORPUS = ev.CORPUS
SLUGS = sorted(p.stem for p in CORPUS.glob("*.txt"))
DOCS = {slug: ev.load_document(slug) for slug in SLUGS}


def as_found(entry: ev.Entry, which: int = 0) -> ev.Found:
    start, end = entry.spans[which]
    return ev.Found(entry.value, start, end)


# -- the corpus ----------------------------------------------------------------------------------------------


def test_the_corpus_has_enough_texts_each_with_a_source_and_a_key() -> None:
    assert len(SLUGS) >= 18
    for slug, doc in DOCS.items():
        assert doc.source.startswith("http"), slug
        assert doc.entries, slug
        raw = yaml.safe_load((CORPUS / f"{slug}.key.yaml").read_text(encoding="utf-8"))
        assert raw.get("retrieved"), slug


def test_the_corpus_has_no_seed_article() -> None:
    seeds = ev.REPO.parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip(f"seed articles not available at {seeds} (they live outside the repo)")
    seed_texts = [p.read_text(encoding="utf-8") for p in seeds.glob("*.txt")]
    for slug, doc in DOCS.items():
        opening = doc.text[:200]
        assert not any(opening in seed for seed in seed_texts), slug


FIRST_ROUND_TEXTS = 28  # the corpus when the first held-out part was drawn (SPLIT.yaml, history)
SECOND_BATCH_TEXTS = 18  # the second round's held-out part, now dev
HELDOUT_PREFIX = "t24_"  # the twenty-fourth round's held-out texts, keyed blind (t3_ to t23_ joined dev after one run)
# batches now in dev: the third and fourth rounds' held-out parts (each measured once) and the development texts
DEV_BATCH_PREFIXES = {"third_batch": "t3_", "fourth_heldout": "t4_", "fifth_heldout": "t5_", "sixth_heldout": "t6_",
                      "seventh_heldout": "t7_", "eighth_heldout": "t8_", "ninth_heldout": "t9_",
                      "tenth_heldout": "t10_", "eleventh_heldout": "t11_",
                      "twelfth_heldout": "t12_", "thirteenth_heldout": "t13_",
                      "fourteenth_heldout": "t14_", "fifteenth_heldout": "t15_",
                      "sixteenth_heldout": "t16_", "seventeenth_heldout": "t17_",
                      "eighteenth_heldout": "t18_", "nineteenth_heldout": "t19_",
                      "twentieth_heldout": "t20_", "twenty_first_heldout": "t21_",
                      "twenty_second_heldout": "t22_", "twenty_third_heldout": "t23_",
                      "fourth_batch": "d4_", "fifth_batch": "d5_",
                      "sixth_batch": "d6_", "seventh_batch": "d7_", "eighth_batch": "d8_", "ninth_batch": "d9_",
                      "tenth_batch": "d10_", "eleventh_batch": "d11_",
                      "twelfth_batch": "d12_", "thirteenth_batch": "d13_", "fourteenth_batch": "d14_",
                      "fifteenth_batch": "d15_", "sixteenth_batch": "d16_",
                      "seventeenth_batch": "d17_", "eighteenth_batch": "d18_"}


def split_errors(raw: dict, slugs: list[str]) -> list[str]:
    """What is wrong with a recorded split (SPLIT.yaml) for the texts ``slugs``, by its rule (twenty-fourth round):
    dev = every text of the first round and of the second batch (each held-out part joined dev after its one
    measurement) and of the later batches (slugs ``d4_…`` to ``d18_…``: development data; ``t3_…``, ``t4_…``:
    the third to twenty-third rounds' held-out parts, each measured once), held-out = every ``t24_…`` text."""
    first_round, second_batch = raw["first_round"], raw["second_batch"]
    later = [slug for batch in DEV_BATCH_PREFIXES for slug in raw[batch]]
    errors = []
    if len(first_round) != FIRST_ROUND_TEXTS or len(second_batch) != SECOND_BATCH_TEXTS:
        errors.append("the first round and the second batch are as recorded")
    if any(raw[batch] != sorted(s for s in slugs if s.startswith(prefix))
           for batch, prefix in DEV_BATCH_PREFIXES.items()):
        errors.append("a text was added or removed: the split must be chosen again, and recorded")
    if raw["dev"] != sorted(first_round + second_batch + later):
        errors.append("dev must be the whole first round, second batch and later development batches, as recorded")
    heldout = sorted(s for s in slugs if s.startswith(HELDOUT_PREFIX))
    if raw["heldout"] != heldout or set(slugs) != set(first_round + second_batch + later + heldout):
        errors.append("a text was added or removed: the split must be chosen again, and recorded")
    if sorted(raw["dev"] + raw["heldout"]) != sorted(slugs) or set(raw["dev"]) & set(raw["heldout"]):
        errors.append("every text must be in exactly one part")
    if raw["texts"] != len(slugs):
        errors.append("the recorded number of texts is wrong")
    return errors


def test_the_split_is_what_its_recorded_rule_gives() -> None:
    raw = yaml.safe_load(ev.SPLIT.read_text(encoding="utf-8"))
    assert split_errors(raw, SLUGS) == []


def test_a_text_added_without_a_recorded_split_fails_the_check() -> None:
    raw = yaml.safe_load(ev.SPLIT.read_text(encoding="utf-8"))
    errors = split_errors(raw, [*SLUGS, "zz_new_text"])
    assert "a text was added or removed: the split must be chosen again, and recorded" in errors


def test_the_first_rounds_held_out_part_was_the_seeded_draw_and_is_now_in_dev() -> None:
    raw = yaml.safe_load(ev.SPLIT.read_text(encoding="utf-8"))
    first_round = sorted(raw["first_round"])
    drawn = sorted(random.Random(raw["seed"]).sample(first_round, round(len(first_round) / 3)))
    assert raw["first_heldout"] == drawn
    assert set(drawn) <= set(raw["dev"])


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ({"quote": "نص غير موجود", "date": "2011", "precision": "year"}, "is not in the text"),
        ({"quote": "في 2011", "date": "2011-03", "precision": "year"}, "is not of precision"),
        ({"quote": "في 2011", "date": "2011", "precision": "week"}, "precision must be"),
        ({"quote": "في 2011", "date": "2011-03-01", "precision": "day", "qualifier": "early"}, "no early/mid/late"),
        ({"quote": "في 2011", "date": "198s", "precision": "decade"}, "decade is written"),
        ({"quote": "في 2011", "precision": "range", "start": "2011", "end": "20x"}, "20x"),
    ],
)
def test_a_key_that_does_not_fit_its_text_is_refused_with_its_place(tmp_path: Path, item: dict, message: str) -> None:
    (tmp_path / "t.txt").write_text("بدأت الحرب في 2011 وانتهت.", encoding="utf-8")
    key = {"source": "https://example.org/t", "retrieved": "2026-12-01", "entries": [item]}
    (tmp_path / "t.key.yaml").write_text(yaml.safe_dump(key, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ev.BadKey, match=message) as raised:
        ev.load_document("t", tmp_path)
    assert "t.key.yaml entry 1" in str(raised.value)


def test_a_repeated_quote_is_placed_at_the_occurrence_asked_for(tmp_path: Path) -> None:
    (tmp_path / "t.txt").write_text("في 2011 بدأت. وفي 2011 انتهت.", encoding="utf-8")
    key = {"source": "https://example.org/t",
           "entries": [{"quote": "2011", "nth": 2, "date": "2011", "precision": "year"}]}
    (tmp_path / "t.key.yaml").write_text(yaml.safe_dump(key, allow_unicode=True), encoding="utf-8")
    doc = ev.load_document("t", tmp_path)
    assert doc.entries[0].spans == ((18, 22),)


# -- matching ------------------------------------------------------------------------------------------------


@settings(max_examples=80, deadline=None)
@given(slug=st.sampled_from(SLUGS), data=st.data())
def test_recall_precision_and_the_review_count_exactly_what_was_found(slug: str, data: st.DataObject) -> None:
    doc = DOCS[slug]
    kept = data.draw(st.sets(st.integers(0, len(doc.entries) - 1)), label="entries found")
    # Noise: values no key entry has, anywhere in the text.
    noise = data.draw(st.lists(st.integers(0, len(doc.text) - 1), max_size=5), label="false hits at")
    found = [as_found(doc.entries[i]) for i in kept]
    found += [ev.Found(("year", "0001", None, None), at, at + 1) for at in noise]
    score = ev.score_document(doc, found)
    assert score.matched == len(kept)
    assert score.correct == len(kept)
    assert len(score.misses) == len(doc.entries) - len(kept)
    assert len(score.false_hits) == len(noise)
    # the teacher's review of the same output: every statement accepted, edited or typed, and every wrong
    # candidate either edited into a statement or rejected
    assert score.matched + score.edited + score.typed == score.entries
    assert score.edited + score.rejected == len(score.false_hits) == len(noise)


@pytest.mark.parametrize("slug", SLUGS)
def test_an_extractor_that_returns_the_key_scores_full_marks(slug: str) -> None:
    doc = DOCS[slug]
    score = ev.score_document(doc, [as_found(e) for e in reversed(doc.entries)])
    assert (score.recall, score.precision, score.misses, score.false_hits) == (1.0, 1.0, [], [])


def _doc(text: str, *entries: dict, excluded: tuple[dict, ...] = ()) -> ev.Document:
    built = []
    for item in entries:
        quotes = [item["quote"]] if isinstance(item["quote"], str) else item["quote"]
        built.append(ev.Entry(ev._value(item, "test"), tuple(ev._span(text, q, 1, "test") for q in quotes), quotes[0]))
    gone = tuple(ev.Excluded(ev._span(text, e["quote"], 1, "test"), e["quote"], e["why"]) for e in excluded)
    return ev.Document("t", text, tuple(built), gone, "https://example.org/t")


TEXT = "في 15 آذار 2011 خرجت مظاهرات. وفي 2012 عادت. قتل 2000 شخص."
DAY = {"quote": "15 آذار 2011", "date": "2011-03-15", "precision": "day"}
YEAR = {"quote": "في 2012", "date": "2012", "precision": "year"}


def test_the_same_date_elsewhere_in_the_text_is_not_a_match() -> None:
    doc = _doc(TEXT, DAY, YEAR)
    at = TEXT.index("مظاهرات")
    score = ev.score_document(doc, [ev.Found(("day", "2011-03-15", None, None), at, at + 4)])
    assert (score.matched, score.correct) == (0, 0)
    assert "not in the key" in score.false_hits[0]


def test_a_wrong_date_at_the_quote_is_a_miss_and_a_false_hit_that_say_so() -> None:
    doc = _doc(TEXT, DAY, YEAR)
    at = TEXT.index("15 آذار")
    score = ev.score_document(doc, [ev.Found(("month", "2011-03", None, None), at, at + 7, "15 آذار")])
    assert "read as 2011-03 (month)" in score.misses[0]
    assert "the key has 2011-03-15 (day)" in score.false_hits[0]


def test_a_qualifier_or_a_range_is_part_of_the_value() -> None:
    doc = _doc("في أواخر 2011 ومن 2012 إلى 2014", {"quote": "أواخر 2011", "date": "2011", "precision": "year",
                                                   "qualifier": "late"},
               {"quote": "من 2012 إلى 2014", "precision": "range", "start": "2012", "end": "2014"})
    plain_year = ev.Found(("year", "2011", None, None), 3, 13)
    start_only = ev.Found(("year", "2012", None, None), 16, 23)
    assert ev.score_document(doc, [plain_year, start_only]).matched == 0
    right = [ev.Found(("year", "2011", None, "late"), 3, 13), ev.Found(("range", "2012", "2014", None), 16, 32)]
    assert ev.score_document(doc, right).matched == 2


def test_a_date_said_twice_for_one_statement_is_correct_once_and_counted_once() -> None:
    text = "25 يناير 2011\nفي الخامس والعشرين من يناير خرجت مظاهرات."
    quotes = ["25 يناير 2011", "في الخامس والعشرين من يناير"]
    doc = _doc(text, {"quote": quotes, "date": "2011-01-25", "precision": "day"})
    value = ("day", "2011-01-25", None, None)
    second = text.index("الخامس")
    score = ev.score_document(doc, [ev.Found(value, 0, 13), ev.Found(value, second, second + 10)])
    assert (score.matched, score.correct, score.candidates, len(score.duplicates)) == (1, 2, 2, 1)


def _two_meetings() -> tuple[ev.Document, int, int]:
    """Two key entries on one quote (two days of one month), and where the quote starts and ends."""
    text = "عقد اجتماعان في ١٠ و٢٤ أكتوبر 1954."
    quote = "١٠ و٢٤ أكتوبر 1954"
    doc = _doc(text, {"quote": quote, "date": "1954-10-10", "precision": "day"},
               {"quote": quote, "date": "1954-10-24", "precision": "day"})
    return doc, text.index(quote), text.index(quote) + len(quote)


def test_one_candidate_serves_one_entry_only() -> None:
    doc, at, end = _two_meetings()
    score = ev.score_document(doc, [ev.Found(("day", "1954-10-24", None, None), at + 3, end)])
    assert (score.matched, score.correct) == (1, 1)
    assert "1954-10-10" in score.misses[0]


def test_a_false_hit_on_an_excluded_phrase_gives_the_reason() -> None:
    doc = _doc(TEXT, DAY, YEAR, excluded=({"quote": "2000 شخص", "why": "a count"},))
    at = TEXT.index("2000")
    score = ev.score_document(doc, [ev.Found(("year", "2000", None, None), at, at + 4)])
    assert score.false_hits == [f"2000 (year) «» at {at}: not a dated statement (a count)"]


def test_misses_and_false_hits_are_counted_by_kind() -> None:
    # what the nineteenth round counted on dev to choose what to change (python -m bench.extractor_eval --kinds)
    doc = _doc(TEXT, DAY, YEAR, excluded=({"quote": "2000 شخص", "why": "a count with its scope"},))
    day_at, count_at, stray = TEXT.index("15 آذار"), TEXT.index("2000"), TEXT.index("عادت")
    found = [ev.Found(("month", "2011-03", None, None), day_at, day_at + 7),  # the day read as its month
             ev.Found(("year", "2000", None, None), count_at, count_at + 4),  # at an excluded span
             ev.Found(("year", "2013", None, None), stray, stray + 4)]  # at nothing the key has
    assert ev.kinds(doc, found) == {
        "wrong value: month read for a day": 1,
        "missed, nothing found: a date in digits": 1,  # the 2012
        "false hit, excluded: a list's or a text's scope": 1,
        "false hit, not in the key": 1,
    }
    year_at = TEXT.index("2012")
    right = [ev.Found(("day", "2011-03-15", None, None), day_at, day_at + 12),
             ev.Found(("year", "2012", None, None), year_at, year_at + 4)]
    assert ev.kinds(doc, right) == {}  # the key itself: nothing to count


# -- the teacher's review of the same output ---------------------------------------------------------------


def test_a_wrong_date_at_a_statement_is_one_edit_not_a_miss_and_a_rejection() -> None:
    doc = _doc(TEXT, DAY, YEAR, excluded=({"quote": "2000 شخص", "why": "a count"},))
    day_at, count_at = TEXT.index("15 آذار"), TEXT.index("2000")
    found = [ev.Found(("month", "2011-03", None, None), day_at, day_at + 7),  # at the day, wrong: one edit
             ev.Found(("year", "2000", None, None), count_at, count_at + 4)]  # at no statement: rejected
    score = ev.score_document(doc, found)
    assert (score.matched, score.edited, score.typed, score.rejected) == (0, 1, 1, 1)  # the 2012 is typed


def test_a_perfect_output_asks_nothing_of_the_teacher() -> None:
    doc = _doc(TEXT, DAY, YEAR)
    score = ev.score_document(doc, [as_found(e) for e in doc.entries])
    assert (score.matched, score.edited, score.typed, score.rejected) == (2, 0, 0, 0)


def test_one_wrong_candidate_fixes_one_statement_only() -> None:
    doc, at, end = _two_meetings()
    score = ev.score_document(doc, [ev.Found(("month", "1954-10", None, None), at, end)])
    assert (score.edited, score.typed, score.rejected) == (1, 1, 0)


def test_the_part_total_adds_the_review_and_says_it_in_words() -> None:
    doc = _doc(TEXT, DAY, YEAR)
    at = TEXT.index("15 آذار")
    one = ev.score_document(doc, [ev.Found(("month", "2011-03", None, None), at, at + 7)])
    whole = ev.total("part", [one, one])
    assert (whole.edited, whole.typed, whole.rejected) == (2, 2, 0)
    assert ev.review_line(whole) == ("review part: of 4 statements, 0 (0.0%) accepted as found, 2 (50.0%) fixed by "
                                     "one edit, 2 (50.0%) typed by hand; 0 candidates rejected (0.0 per 100 "
                                     "statements)")


# -- the script ----------------------------------------------------------------------------------------------


def test_the_script_scores_one_small_text_with_the_real_extractor(capsys: pytest.CaptureFixture[str]) -> None:
    assert ev.main(["--text", "syria_reuters_month_pairs"]) == 0
    out = capsys.readouterr().out
    assert "syria_reuters_month_pairs" in out and "overall syria_reuters_month_pairs" in out
    row = next(line for line in out.splitlines() if line.startswith("syria_reuters_month_pairs "))
    key, found, matched = (int(x) for x in row.split()[1:4])
    assert key == len(DOCS["syria_reuters_month_pairs"].entries) and 0 <= matched <= min(key, found)


def test_the_script_refuses_an_unknown_text() -> None:
    with pytest.raises(SystemExit):
        ev.main(["--text", "no_such_text"])


def test_a_part_with_no_text_says_so_and_never_passes_the_check() -> None:
    assert ev.report("heldout", []) == "== heldout ==\nno texts in this part"


# -- two keyers -----------------------------------------------------------------------------------------------


def test_two_keys_agree_on_an_entry_with_the_same_value_at_an_overlapping_quote() -> None:
    first = _doc(TEXT, DAY, YEAR)
    wider = {**DAY, "quote": "في 15 آذار 2011 خرجت"}  # the second keyer quoted more words around the same date
    agreement = ev.key_agreement(first, _doc(TEXT, wider, {**YEAR, "date": "2013"}))
    assert (agreement.first, agreement.second, agreement.agreed) == (2, 2, 1)
    assert agreement.only_first == [str(first.entries[1])] and "2013" in agreement.only_second[0]


def test_the_second_keys_load_and_agree_with_the_corpus_keys_as_documented() -> None:
    slugs = sorted(p.name[: -len(".key.yaml")] for p in ev.AGREEMENT.glob("*.key.yaml"))
    assert len(slugs) == 24 and all(slug in SLUGS for slug in slugs)
    rows = [ev.key_agreement(ev.load_document(s), ev.load_document(s, keys=ev.AGREEMENT)) for s in slugs]
    agreed, first = sum(r.agreed for r in rows), sum(r.first for r in rows)
    assert agreed / first > 0.95  # README, "Two keyers": 121 of 124
