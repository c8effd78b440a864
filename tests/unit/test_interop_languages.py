"""Question banks in several languages (issue 17): a question in any one language imports as that language,
the set reports its languages, Word's inline language spans keep every word, and a question refused for
another reason is refused for that reason."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.authoring import SetData, SetOption, SetQuestion, validate_set
from quiz.authoring.languages import detect_language, direction, language_counts, question_language
from quiz.interop import import_any, import_gift, import_moodle_xml, import_native_json, import_native_yaml
from quiz.interop.markup import reduce_html
from quiz.interop.native import export_native
from tests.fixtures.interop.samples import fixture

# -- detection ------------------------------------------------------------------------------------------------


def test_arabic_script_is_arabic_even_with_latin_words_inside() -> None:
    assert detect_language(["ما وظيفة وحدة CPU في الحاسوب؟"]) == "ar"
    assert detect_language(["في أي عام أعلن George W. Bush انتهاء العمليات؟"]) == "ar"


SENTENCES = {
    "en": ["Who led Iraq in 1990?", "When did Iraq invade Kuwait?", "Which city is the capital of Iraq?",
           "Order the events from oldest to newest", "In which year did the Gulf War start?"],
    "fr": ["Qui dirigeait l'Irak en 1990 ?", "Quand l'Irak a-t-il envahi le Koweït ?",
           "Quelle ville est la capitale de l'Irak ?", "Rangez les événements du plus ancien au plus récent"],
    "es": ["¿Quién gobernaba Irak en 1990?", "¿Cuándo invadió Irak a Kuwait?", "¿Cuál es la capital de Irak?"],
    "de": ["Wer regierte den Irak im Jahr 1990?", "Wann marschierte der Irak in Kuwait ein?",
           "Welche Stadt ist die Hauptstadt des Irak?"],
    "it": ["Chi governava l'Iraq nel 1990?", "Quando l'Iraq ha invaso il Kuwait?", "Qual è la capitale dell'Iraq?"],
    "pt": ["Quem governava o Iraque em 1990?", "Quando o Iraque invadiu o Kuwait?", "Qual é a capital do Iraque?"],
    "tr": ["Irak 1990 yılında hangi ülkeyi işgal etti?", "Körfez Savaşı ne zaman başladı?"],
}


def test_a_one_sentence_question_is_identified_in_each_language_of_school_banks() -> None:
    wrong = [(lang, sentence, detect_language([sentence])) for lang, sentences in SENTENCES.items()
             for sentence in sentences if detect_language([sentence]) != lang]
    assert not wrong


def test_other_languages_are_identified_over_the_whole_question() -> None:
    assert detect_language(["Which country invaded Kuwait in 1990?", "Iraq", "Iran"]) == "en"
    assert detect_language(["Quel pays a envahi le Koweït en 1990 ?", "L'Irak", "L'Iran"]) == "fr"
    assert detect_language(["¿Qué país invadió Kuwait en 1990?", "Irak", "Irán"]) == "es"


def test_too_little_text_to_tell_is_english() -> None:
    assert detect_language(["CPU", "1990"]) == "en"
    assert detect_language([]) == "en"


def test_the_english_fields_are_never_arabic_and_a_recorded_language_wins() -> None:
    assert question_language(SetQuestion("mcq", prompt_en="ا 0", options=(SetOption(text_en="a"),))) == "en"
    assert question_language(SetQuestion("mcq", prompt_en="Hello there my friend", lang="fr")) == "fr"
    assert question_language(SetQuestion("mcq", prompt_ar="عربي", prompt_en="English")) is None
    assert direction("fr") == "ltr" and direction("ar") == "rtl" and direction(None, "مرحبا Bush") == "rtl"


def test_a_recorded_language_must_be_a_language_code() -> None:
    bad = SetQuestion("mcq", prompt_en="Which?", options=(SetOption(text_en="a"), SetOption(text_en="b")),
                      correct=0, lang="French!")
    data = SetData("t", language="mixed", questions=(bad,))
    try:
        validate_set(data)
    except ValueError as error:
        assert "unknown language code" in str(error)
    else:  # pragma: no cover
        raise AssertionError("a bad language code was accepted")


# -- a bank in several languages -----------------------------------------------------------------------------


def test_a_bank_in_three_languages_imports_every_question_in_its_own_language() -> None:
    result = import_gift(fixture("mixed_languages.gift"))
    data = result.set
    assert data.language == "mixed"
    assert result.languages == {"ar": 3, "en": 1, "fr": 1}
    arabic, word, english, french, cpu = data.questions
    assert arabic.prompt_ar == "متى غزا العراق الكويت؟" and arabic.lang is None
    assert english.prompt_en == "Which city is the capital of Iraq?" and english.prompt_ar is None
    assert french.prompt_en == "Quel pays a envahi le Koweït en août 1990 ?" and french.lang == "fr"
    assert word.prompt_ar == "ما وظيفة وحدة CPU في الحاسوب؟"
    assert cpu.prompt_ar == "CPU هي وحدة المعالجة المركزية، فما وظيفتها؟"  # Arabic, though it starts in Latin


def test_only_a_question_without_text_is_refused_and_other_refusals_give_the_real_reason() -> None:
    result = import_gift(fixture("mixed_languages.gift"))
    reasons = {str(issue.where): str(issue.message) for issue in result.skipped}
    assert reasons == {'line 16 "seven"': "a multiple-choice question needs 2 to 6 options",
                       'line 18 "empty"': "the question has no text"}


def test_a_file_in_one_language_is_still_that_language() -> None:
    result = import_moodle_xml(fixture("word_pasted.moodle.xml"))
    assert result.set.language == "ar" and result.languages == {"ar": 2}
    gift = b"::q:: Which city is the capital of Iraq? {=Baghdad ~Basra}\n"
    assert import_gift(gift).set.language == "en"


def test_a_csv_with_an_english_row_in_an_arabic_bank_keeps_it() -> None:
    csv = ("type,question_ar,question_en,option_1_ar,option_1_en,option_2_ar,option_2_en,correct\r\n"
           "mcq,متى؟,,1990,,1991,,1\r\n"
           "mcq,,Quand l'Irak a-t-il envahi le Koweït ?,,1990,,1991,1\r\n").encode()
    result = import_any(csv, "bank.csv")
    assert result.set.language == "mixed" and not result.skipped
    assert result.languages == {"ar": 1, "fr": 1}


# -- Word-pasted HTML: every word, in reading order ---------------------------------------------------------


def test_word_inline_spans_keep_every_word_in_reading_order() -> None:
    markup = ('<p dir="RTL"><span lang="AR-SA">في أي عام أعلن الرئيس </span><span lang="EN-US">George W. Bush'
              '</span><span lang="AR-SA"> انتهاء العمليات؟</span></p>')
    reduced = reduce_html(markup)
    assert reduced.language == "ar"
    assert reduced.placed("ar") == ("في أي عام أعلن الرئيس George W. Bush انتهاء العمليات؟", None)


def test_whole_blocks_tagged_in_both_languages_are_still_split() -> None:
    reduced = reduce_html('<p lang="ar" dir="rtl">متى؟</p><p lang="en" dir="ltr">When?</p>')
    assert reduced.language == "both" and reduced.placed("both") == ("متى؟", "When?")
    multilang = reduce_html('<span lang="en" class="multilang">When?</span><span lang="ar" class="multilang">متى؟'
                            "</span>")
    assert multilang.placed(multilang.language) == ("متى؟", "When?")


def test_a_word_pasted_moodle_question_keeps_its_latin_words() -> None:
    result = import_moodle_xml(fixture("word_pasted.moodle.xml"))
    cpu, president = result.set.questions
    assert cpu.prompt_ar == "ما وظيفة وحدة CPU في الحاسوب؟" and cpu.prompt_en is None
    assert cpu.explanation_ar == "تنفّذ CPU التعليمات."
    assert [o.text_ar for o in cpu.options] == ["تنفيذ التعليمات", "تخزين USB"]
    assert president.prompt_ar == "في أي عام أعلن الرئيس George W. Bush انتهاء العمليات القتالية الكبرى؟"
    assert not result.warnings and not result.skipped


# -- native files round-trip the languages -------------------------------------------------------------------

_TEXTS = {"ar": st.sampled_from(["متى غزا العراق الكويت؟", "من قاد العراق؟", "ما وظيفة وحدة CPU؟"]),
          "en": st.sampled_from(["When did Iraq invade Kuwait?", "Who led Iraq?", "What is a CPU?"]),
          "fr": st.sampled_from(["Quand l'Irak a-t-il envahi le Koweït ?", "Qui dirigeait l'Irak ?"])}


@st.composite
def one_language_question(draw: st.DrawFn) -> SetQuestion:
    language = draw(st.sampled_from(["ar", "en", "fr"]))
    prompt = draw(_TEXTS[language])
    count = draw(st.integers(2, 6))
    side = "ar" if language == "ar" else "en"
    options = tuple(SetOption(**{f"text_{side}": f"{prompt[:5]} {n}"}) for n in range(count))
    return SetQuestion("mcq", **{f"prompt_{side}": prompt}, options=options, correct=draw(st.integers(0, count - 1)),
                       origin="imported", lang=None if language in ("ar", "en") else language)


@settings(max_examples=40, deadline=None)
@given(st.lists(one_language_question(), min_size=1, max_size=8))
def test_a_set_of_questions_each_in_one_language_round_trips_through_native_files(questions) -> None:
    data = validate_set(SetData("بنك الأسئلة", language="mixed", questions=tuple(questions)))
    for fmt, importer in (("yaml", import_native_yaml), ("json", import_native_json)):
        back = importer(export_native(data, fmt=fmt))
        assert back.set == data
        assert back.languages == language_counts(questions)


# -- other formats keep the languages as they can -----------------------------------------------------------


def test_a_mixed_bank_comes_back_from_moodle_gift_and_csv_with_its_languages() -> None:
    from quiz.interop import export_csv, export_gift, export_moodle_xml, import_csv

    data = import_gift(fixture("mixed_languages.gift")).set
    for export, reimport in ((export_moodle_xml, import_moodle_xml), (export_gift, import_gift),
                             (export_csv, import_csv)):
        back = reimport(export(data))
        assert back.set.language == "mixed" and back.set.questions == data.questions, export.__name__
        assert back.languages == {"ar": 3, "en": 1, "fr": 1}
    assert '<p lang="fr" dir="ltr">Quel pays a envahi le Koweït en août 1990 ?</p>' in export_moodle_xml(data).decode()


def test_kahoot_writes_each_question_of_a_mixed_set_in_its_own_language() -> None:
    from quiz.interop import export_kahoot, import_kahoot

    data = import_gift(fixture("mixed_languages.gift")).set
    back = import_kahoot(export_kahoot(data))
    assert [q.prompt_ar or q.prompt_en for q in back.set.questions] == [q.prompt_ar or q.prompt_en
                                                                       for q in data.questions]
    assert back.languages == {"ar": 3, "en": 1, "fr": 1}


def test_a_language_the_file_declares_wins_over_detection() -> None:
    xml = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="multichoice"><name><text>court</text></name>
    <questiontext format="html"><text><![CDATA[<p lang="fr-FR">Vrai ?</p>]]></text></questiontext>
    <answer fraction="100"><text>Oui</text></answer><answer fraction="0"><text>Non</text></answer>
  </question>
  <question type="multichoice"><name><text>hebrew</text></name>
    <questiontext format="html">
      <text><![CDATA[<p lang="he" dir="rtl">מתי פלשה עיראק לכווית?</p>]]></text></questiontext>
    <answer fraction="100"><text>1990</text></answer><answer fraction="0"><text>1991</text></answer>
  </question>
</quiz>""".encode()
    result = import_moodle_xml(xml)
    short, hebrew = result.set.questions
    assert short.lang == "fr" and short.prompt_en == "Vrai ?"  # too short to detect: the file says French
    assert hebrew.lang == "he" and direction(hebrew.lang) == "rtl"  # not Arabic script, still right to left
    assert result.set.language == "mixed" and result.languages == {"fr": 1, "he": 1}
