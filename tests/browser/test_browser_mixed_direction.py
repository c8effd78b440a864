"""Mixed-direction question texts in a real browser (issue 17): an English question on the Arabic pages and
an Arabic one on the English pages read in their own direction (the question mark at the end of the
sentence, not at the other side of the line), and a Latin word inside an Arabic sentence ("CPU") keeps its
place among the Arabic words. Positions are measured on the rendered glyphs."""

from __future__ import annotations

import pytest

from tests.browser.support import choose_prefs
from tests.fixtures.interop.samples import HERE as FIXTURES

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_only(reason="the browser tests run once, on SQLite")]

# The left edge of the first rendered occurrence of `needle` inside the element holding `text`.
LEFT_OF = """([text, needle]) => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const texts = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node);
  const holder = [...document.querySelectorAll('.question-prompt')].find(el => el.textContent.includes(text));
  if (!holder) return null;
  for (const node of texts) {
    if (!holder.contains(node)) continue;
    const at = node.data.indexOf(needle);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + needle.length);
    return range.getBoundingClientRect().left;
  }
  return null;
}"""


def left(page, text: str, needle: str) -> float:
    value = page.evaluate(LEFT_OF, [text, needle])
    assert value is not None, (text, needle)
    return value


@pytest.fixture
def mixed_set(teacher_page):
    """The demo teacher imports the bank in Arabic, English and French; the set page is open."""
    page = teacher_page
    page.goto("/teach/sets/import")
    page.set_input_files("input[type=file]", str(FIXTURES / "mixed_languages.gift"))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    page.locator("form[action$='/confirm'] button[type=submit]").click()
    page.wait_for_load_state()
    assert "/teach/sets/" in page.url
    return page


def test_an_english_question_reads_left_to_right_on_the_arabic_set_page(mixed_set):
    page = mixed_set
    english = "Which city is the capital of Iraq?"
    assert left(page, english, "Which") < left(page, english, "?")
    french = "Quel pays a envahi le Koweït en août 1990 ?"
    assert left(page, french, "Quel") < left(page, french, "1990")
    assert page.locator("bdi[lang=fr]").count() >= 1


def test_a_latin_word_keeps_its_place_inside_an_arabic_sentence(mixed_set):
    page = mixed_set
    arabic = "ما وظيفة وحدة CPU في الحاسوب؟"
    # Right to left: وحدة, then CPU, then في.
    assert left(page, arabic, "وحدة") > left(page, arabic, "CPU") > left(page, arabic, "في")
    assert left(page, arabic, "ما") > left(page, arabic, "الحاسوب")


def test_an_arabic_question_reads_right_to_left_on_the_english_set_page(mixed_set):
    page = mixed_set
    url = page.url
    choose_prefs(page, lang="en")
    page.goto(url)
    assert page.locator("html").get_attribute("lang") == "en"
    arabic = "متى غزا العراق الكويت؟"
    assert left(page, arabic, "متى") > left(page, arabic, "الكويت")
    # An Arabic sentence that starts with a Latin word starts on the right, like any Arabic sentence: on its
    # own, an English page's paragraph would put "CPU" first on the left.
    starts_latin = "CPU هي وحدة المعالجة المركزية، فما وظيفتها؟"
    assert left(page, starts_latin, "CPU") > left(page, starts_latin, "هي") > left(page, starts_latin, "وظيفتها")
