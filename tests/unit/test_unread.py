"""The words that point back to a date, marked on the review page when no candidate reads them
(quiz/chronology/unread.py). Made-up sentences."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from quiz.chronology.extract import extract_events
from quiz.chronology.unread import REFERENCE_RE, unread_references


def marked(text: str, spans: list[tuple[int, int]] | None = None) -> list[str]:
    return [text[a:b] for a, b in unread_references(text, spans or [])]


def test_the_references_a_reader_dates_most_of_the_time_are_marked() -> None:
    text = ("ففي ذلك العام توفي كثيرون، وفي تلك الليلة احترقت المدينة، وفي اليوم التالي وصلت النجدة، "
            "وفي الشهر نفسه عاد الوالي، وفي هذه الأثناء هرب الناس.")
    assert marked(text) == ["ذلك العام", "تلك الليلة", "اليوم التالي", "الشهر نفسه", "هذه الأثناء"]


def test_vague_references_and_an_on_this_day_refrain_are_not() -> None:
    assert marked("كان الرئيس آنذاك مريضا، وحينها في تلك الفترة، وفي مثل هذا اليوم من عام 1990.") == []


def test_a_reference_inside_a_candidates_date_is_not_marked() -> None:
    text = "بدأت الحرب في مارس 1990. وفي نفس العام انتهت."
    at = text.index("نفس العام")
    assert marked(text, [(at, at + len("نفس العام"))]) == []
    assert marked(text, [(0, 5), (at - 3, at + 2)]) == []  # overlapping the start is covering it
    assert marked(text, [(0, at - 1)]) == ["نفس العام"]


def test_the_extractor_reports_what_it_left_unread_in_text_order() -> None:
    text = "ورقم السجل 1766 في الأرشيف. ولم يعرف أحد ما جرى في تلك الليلة إلا بعد سنوات."
    unread: list[tuple[int, int, int]] = []
    extract_events(text, unread=unread)
    assert [(text[a:b], year) for a, b, year in unread] == [("1766", 1766), ("تلك الليلة", 0)]


_WORDS = st.sampled_from(["ذلك العام", "تلك الليلة", "نفس اليوم", "كلمة", "في", "آنذاك", "اليوم التالي", " ", "،"])


@given(st.lists(_WORDS, max_size=30), st.lists(st.tuples(st.integers(0, 300), st.integers(1, 40)), max_size=8))
def test_marks_are_references_that_no_span_overlaps(words: list[str], raw: list[tuple[int, int]]) -> None:
    text = " ".join(words)
    spans = [(a, a + n) for a, n in raw]
    for a, b in unread_references(text, spans):
        assert REFERENCE_RE.fullmatch(text[a:b])
        assert not any(s < b and a < e for s, e in spans)
    expected = [m.span() for m in REFERENCE_RE.finditer(text)
                if not any(s < m.end() and m.start() < e for s, e in spans)]
    assert unread_references(text, spans) == expected
