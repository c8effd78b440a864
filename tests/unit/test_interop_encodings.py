"""Files in the encodings and line ends other programs write (issue 17, item 1): every text importer reads them
through quiz.interop.decode, the result names the encoding, and the teacher may choose another one."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz.interop import FORMATS, InteropError, detect_format, export_set, import_any
from quiz.interop.decode import CANDIDATES, decode_text, detect_encoding, sniff_separator
from tests.fixtures.interop.encodings.make import FILES  # the fixtures' generator (their bytes are committed)
from tests.fixtures.interop.samples import ARABIC, BILINGUAL, question_core, valid_sets

ENCODINGS = Path(__file__).resolve().parents[1] / "fixtures" / "interop" / "encodings"

FIRST_PROMPT = "في أي عام غزا العراق الكويت؟"

# file -> (format, encoding, guessed, number of questions)
EXPECTED = {
    "arabic_excel.cp1256.csv": ("csv", "cp1256", True, 3),
    "unicode_text.utf16le.txt": ("csv", "utf-16-le", False, 3),
    "no_bom.utf16le.csv": ("csv", "utf-16-le", False, 3),
    "cr_only.gift": ("gift", "utf-8", False, 3),
    "semicolon.csv": ("csv", "utf-8", False, 3),
    "bom.utf16be.gift": ("gift", "utf-16-be", False, 3),
    "notepad_ansi.cp1256.gift": ("gift", "cp1256", True, 3),
    "declared_cp1256.moodle.txt": ("moodle-xml", "cp1256", False, 1),
}


def test_the_committed_fixtures_are_what_their_generator_writes() -> None:
    assert set(FILES) == set(EXPECTED)
    for name, data in FILES.items():
        assert (ENCODINGS / name).read_bytes() == data, name


@pytest.mark.parametrize("name", list(EXPECTED))
def test_each_fixture_is_detected_read_and_names_its_encoding(name: str) -> None:
    key, encoding, guessed, count = EXPECTED[name]
    data = (ENCODINGS / name).read_bytes()
    assert detect_format(name, data) == key
    result = import_any(data, name)
    assert (result.encoding, result.encoding_guessed) == (encoding, guessed)
    assert len(result.set.questions) == count and result.set.questions[0].prompt_ar == FIRST_PROMPT
    assert result.set.questions[0].options[1].text_ar == "1990" and result.set.questions[0].correct == 1
    assert not result.skipped


def test_the_same_bank_in_every_encoding_imports_as_the_same_questions() -> None:
    sets = {name: import_any((ENCODINGS / name).read_bytes(), name).set
            for name, (key, *_) in EXPECTED.items() if key == "csv"}
    cores = {name: [question_core(q) for q in data.questions] for name, data in sets.items()}
    assert len({repr(core) for core in cores.values()}) == 1, cores
    gift = [import_any((ENCODINGS / name).read_bytes(), name).set for name, (key, *_) in EXPECTED.items()
            if key == "gift"]
    assert all(data.questions == gift[0].questions for data in gift)


def test_detection_by_content_whatever_the_extension() -> None:
    gift_in_utf16 = codecs.BOM_UTF16_LE + "::q::السؤال {=نعم ~لا}\r\n".encode("utf-16-le")
    assert detect_format("from-notepad.txt", gift_in_utf16) == "gift"
    assert detect_format("sheet.txt", "type,question_en,option_1_en,option_2_en,correct\n".encode()) == "csv"
    moodle = export_set(ARABIC, "moodle-xml").data
    assert detect_format("bank.gift", moodle) == detect_format("bank.csv", moodle) == "moodle-xml"
    assert detect_format("set.txt", export_set(ARABIC, "native-yaml").data.decode().encode("utf-16")) == "native-yaml"
    assert import_any(moodle, "bank.csv").set.questions == import_any(moodle, "bank.xml").set.questions


@pytest.mark.parametrize("text", ["نعم", "ما عاصمة مصر؟", "أ,ب,ج", "type,question_ar\nmcq,من؟",
                                  # guillemets and a question mark outweigh three Arabic words; a French word beside
                                  # them keeps its accent where Windows-1256 has it (both found by hypothesis)
                                  "mcq,«نعم»,,غزو,,؟", "mcq,l'école,,غزو,,1990"])
def test_short_arabic_in_windows_1256_is_read_as_arabic(text: str) -> None:
    data = text.encode("cp1256")
    assert detect_encoding(data).codec == "cp1256"
    assert decode_text(data) == text


@pytest.mark.parametrize(("text", "codec"), [
    ("Où est la gare ? Très bien, café crème, élève à l'école.", "cp1252"),
    ("Die Männer und Frauen waren über die Straße gegangen, schön.", "cp1252"),
])
def test_latin_text_in_a_single_byte_encoding_is_not_taken_for_arabic(text: str, codec: str) -> None:
    encoding = detect_encoding(text.encode(codec))
    assert encoding.codec != "cp1256" and encoding.guessed
    assert "\u0600" > max(decode_text(text.encode(codec)))


def test_utf16_without_a_byte_order_mark_in_both_byte_orders_even_all_arabic() -> None:
    for text in ("type,question_en\nmcq,Who?\n", "متى غزا العراق الكويت؟ في ١٩٩٠"):
        for codec in ("utf-16-le", "utf-16-be"):
            assert detect_encoding(text.encode(codec)).codec == codec
            assert decode_text(text.encode(codec)) == text


def test_an_xml_declaration_is_honoured_and_a_false_utf8_one_is_not_trusted() -> None:
    moodle = export_set(ARABIC, "moodle-xml").data.decode("utf-8")
    declared = moodle.replace('encoding="UTF-8"', 'encoding="ISO-8859-6"')
    result = import_any(declared.encode("iso8859-6", errors="strict"), "bank.xml")
    assert result.encoding == "iso8859-6" and not result.encoding_guessed
    resaved = import_any(moodle.encode("cp1256"), "bank.xml")  # Notepad's "ANSI" keeps the UTF-8 declaration
    assert resaved.encoding == "cp1256" and resaved.encoding_guessed
    assert resaved.set.questions == result.set.questions
    unknown = moodle.replace('encoding="UTF-8"', 'encoding="x-mac-klingon"').encode("cp1256")
    assert import_any(unknown, "bank.xml").encoding == "cp1256"  # an encoding Python lacks: detected instead


def test_the_teachers_choice_of_encoding_overrides_the_detection() -> None:
    data = (ENCODINGS / "arabic_excel.cp1256.csv").read_bytes()
    as_latin = import_any(data, "bank.csv", encoding="windows-1252")
    assert as_latin.encoding == "cp1252" and not as_latin.encoding_guessed
    assert as_latin.set.questions[0].prompt_ar != FIRST_PROMPT  # garbled, as the teacher asked
    assert import_any(data, "bank.csv", encoding="cp1256").set.questions[0].prompt_ar == FIRST_PROMPT
    with pytest.raises(InteropError, match='"klingon" is not an encoding Chronoquiz knows'):
        import_any(data, "bank.csv", encoding="klingon")


def test_bytes_the_chosen_encoding_cannot_read_name_line_byte_and_what_to_do() -> None:
    data = (ENCODINGS / "arabic_excel.cp1256.csv").read_bytes()
    offset = data.index(b"\r\n") + 2 + len("mcq,")
    with pytest.raises(InteropError) as raised:
        import_any(data, "bank.csv", encoding="utf-8")
    assert str(raised.value).startswith(f"line 2, byte {offset + 1}: the file cannot be read as UTF-8 (byte 0xDD)")
    assert '"File > Save As" then "CSV UTF-8 (Comma delimited)"' in str(raised.value)
    assert "«ملف > حفظ باسم» then «CSV UTF-8 (محدد بفاصلة)»" in str(raised.value)  # an Arabic Excel's menus
    assert raised.value.message.msgid.startswith("line %(line)s, byte %(byte)s")  # translatable


def test_the_offered_encodings_all_exist_and_read_the_fixtures_without_crashing() -> None:
    for codec in CANDIDATES:
        assert codecs.lookup(codec)
    data = (ENCODINGS / "arabic_excel.cp1256.csv").read_bytes()
    for codec in ("cp1256", "iso8859-6", "cp1252"):
        try:
            import_any(data, "bank.csv", encoding=codec)
        except InteropError:
            pass  # a wrong choice may leave nothing readable: an error, never a crash


@pytest.mark.parametrize(("header", "separator"), [
    ('type,question_ar,"a;b;c"\n', ","), ('type;question_ar;"a,b,c,d"\n', ";"), ("type\tquestion_ar\t\"a,b\"\n", "\t"),
    ("type\n", ","), ('"multi\nline, header";x;y\n', ";"),
])
def test_the_csv_separator_is_counted_on_the_header_line_outside_quotes(header: str, separator: str) -> None:
    assert sniff_separator(header + "mcq,x,y,z,1\n") == separator


@pytest.mark.parametrize("key", ["native-yaml", "native-json", "moodle-xml", "gift", "csv"])
@pytest.mark.parametrize("line_end", ["\r", "\n", "\r\n"], ids=["cr", "lf", "crlf"])
def test_every_text_format_reads_cr_lf_and_crlf_line_ends(key: str, line_end: str) -> None:
    text = export_set(BILINGUAL, key).data.decode("utf-8-sig")
    data = text.replace("\r\n", "\n").replace("\n", line_end).encode("utf-8")
    back = import_any(data, "set" + FORMATS[key].extensions[0]).set
    assert [question_core(q) for q in back.questions] == [question_core(q) for q in BILINGUAL.questions]


# --- property: any set, any of the encodings and line ends teachers' programs write ------------------------------

_WORDS = st.sampled_from(["غزو", "الكويت", "عاصفة", "الصحراء", "مصر", "؟", "،", "1990", "CPU", "Iraq", "war",
                          "Kuwait", "(a)", "x-y", "«نعم»", "l'école"])
_TEXT = st.lists(_WORDS, min_size=1, max_size=6).map(" ".join)
_LINES = st.lists(_TEXT, min_size=1, max_size=2).map("\n".join)


def _variants(text: str) -> list[tuple[str, bytes]]:
    """The text as each program would save it: encodings (where the text fits) times line ends."""
    out: list[tuple[str, bytes]] = []
    for line_end, name in (("\n", "lf"), ("\r", "cr"), ("\r\n", "crlf")):
        body = text.replace("\r\n", "\n").replace("\n", line_end)
        for codec, bom in (("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE),
                           ("utf-16-be", codecs.BOM_UTF16_BE), ("utf-16-le", b""), ("cp1256", b"")):
            try:
                out.append((f"{codec}{'+bom' if bom else ''}/{name}", bom + body.encode(codec)))
            except UnicodeEncodeError:
                continue  # the text does not fit this code page
    return out


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_sets(_LINES, rich=False, exact=True, title=_TEXT), st.sampled_from(["csv", "gift", "moodle-xml"]))
def test_any_export_re_encoded_and_with_any_line_ends_imports_back_to_the_same_set(data, key: str) -> None:
    exported = export_set(data, key).data
    expected = import_any(exported, "set" + FORMATS[key].extensions[0])
    for variant, raw in _variants(exported.decode("utf-8-sig")):
        back = import_any(raw, "set" + FORMATS[key].extensions[0])
        assert back.set == expected.set, variant
        assert (back.warnings, back.skipped) == (expected.warnings, expected.skipped), variant


def test_arabic_after_a_long_ascii_start_is_still_found() -> None:
    rows = "".join(f"mcq,Question {n} on the modern history of the region?,yes,no,1\n" for n in range(1500))
    last = "When did Iraq invade Kuwait? (متى غزا العراق الكويت؟)"
    data = "type,question_en,option_1_en,option_2_en,correct\n" + rows + f"mcq,{last},1990,1991,1\n"
    assert data.index("م") > 70_000  # beyond the start the detection reads first
    result = import_any(data.encode("cp1256"), "bank.csv")
    assert result.encoding == "cp1256" and result.set.questions[-1].prompt_en == last
