"""The interop registry: every format listed, detected, size- and encoding-checked; the package stays pure."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from quiz.interop import FORMATS, MAX_BYTES, MAX_UPLOAD_BYTES, InteropError, detect_format, export_set, import_any
from tests.fixtures.interop.samples import ARABIC, BILINGUAL, ENGLISH, fixture, question_core

PACKAGE = Path(__file__).resolve().parents[2] / "quiz" / "interop"


def test_the_registry_lists_six_formats_with_what_the_web_layer_needs() -> None:
    assert list(FORMATS) == ["native-yaml", "native-json", "moodle-xml", "gift", "kahoot", "csv"]
    for key, file_format in FORMATS.items():
        assert file_format.key == key and file_format.label and file_format.loses
        assert all(extension.startswith(".") for extension in file_format.extensions)
        assert "/" in file_format.mime_type
        assert callable(file_format.importer) and callable(file_format.exporter)


@pytest.mark.parametrize("key", list(FORMATS))
def test_every_export_is_detected_and_imported_back_by_import_any(key: str) -> None:
    result = export_set(BILINGUAL, key)
    extension = FORMATS[key].extensions[0]
    assert detect_format(f"set{extension}", result.data) == key
    assert detect_format("", result.data) == key  # by content alone (the CSV holds braces, like GIFT)
    back = import_any(result.data, f"set{extension}").set
    not_written = {issue.where for issue in result.not_exported}
    assert [q.prompt_ar for q in back.questions] == [
        q.prompt_ar for n, q in enumerate(BILINGUAL.questions, start=1) if f"question {n}" not in not_written]


@pytest.mark.parametrize("key", ["native-yaml", "native-json", "moodle-xml", "gift", "csv"])
@pytest.mark.parametrize("sample", [ARABIC, BILINGUAL], ids=["ar", "both"])
def test_arabic_and_bilingual_sets_survive_every_lossless_for_questions_format(key: str, sample) -> None:
    back = import_any(export_set(sample, key).data, "set" + FORMATS[key].extensions[0]).set
    assert [question_core(q) for q in back.questions] == [question_core(q) for q in sample.questions]


def test_kahoot_export_through_the_registry_lists_what_it_could_not_write() -> None:
    result = export_set(ENGLISH, "kahoot")
    assert [issue.where for issue in result.not_exported] == ["question 2", "question 3"]


def test_detection_by_extension_and_gift_in_a_txt_file() -> None:
    assert detect_format("quiz.YML", b"") == "native-yaml"
    assert detect_format("moodle-export.txt", b"::q::Q{T}") == "gift"
    assert detect_format("sheet.xlsx", b"") == "kahoot"
    with pytest.raises(InteropError, match="unknown file type"):
        detect_format("notes", b"just some words")


@pytest.mark.parametrize("key", ["csv"])
def test_every_importer_without_images_refuses_files_over_5_mb(key: str) -> None:
    with pytest.raises(InteropError, match=r"^the file is 5\.0 MB; files over 5 MB are refused"):
        FORMATS[key].importer(b"x" * (MAX_BYTES + 1))


@pytest.mark.parametrize("key", ["native-yaml", "native-json", "moodle-xml", "kahoot", "gift"])
def test_importers_of_formats_with_images_refuse_files_over_50_mb(key: str) -> None:
    with pytest.raises(InteropError, match=r"^the file is 50\.0 MB; files over 50 MB are refused"):
        FORMATS[key].importer(b"x" * (MAX_UPLOAD_BYTES + 1))


@pytest.mark.parametrize("key", ["native-yaml", "native-json", "moodle-xml", "gift"])
def test_importers_of_formats_with_images_hold_the_text_without_images_to_5_mb(key: str) -> None:
    padding = "x" * (MAX_BYTES + 1)
    document = {
        "moodle-xml": f"<quiz><!-- {padding} --></quiz>",
        "native-json": '{"format": "chronoquiz-set", "version": 1, "title": "t", "description": "%s"}' % padding,
        "native-yaml": f"format: chronoquiz-set\nversion: 1\ntitle: t\ndescription: {padding}\n",
        "gift": f"::q:: {padding} {{T}}\n",
    }[key]
    with pytest.raises(InteropError, match=r"^without its images the file is still 5\.0 MB; files whose questions "
                                           r"take more than 5 MB are refused"):
        FORMATS[key].importer(document.encode())


@pytest.mark.parametrize("key", ["native-yaml", "native-json", "moodle-xml", "gift", "csv"])
def test_every_text_importer_reads_windows_1256_as_arabic_excel_writes_it(key: str) -> None:
    data = export_set(ARABIC, key).data.decode("utf-8-sig").encode("cp1256")
    back = FORMATS[key].importer(data).set
    assert [question_core(q) for q in back.questions] == [question_core(q) for q in ARABIC.questions]


@pytest.mark.parametrize("key", ["native-yaml", "native-json", "moodle-xml", "gift", "csv"])
def test_every_text_importer_refuses_bytes_its_encoding_cannot_hold_naming_line_and_byte(key: str) -> None:
    data = b"\xff\xfe" + "a\nb\n".encode("utf-16-le") + b"\x00\xdc"  # a lone low surrogate on line 3
    with pytest.raises(InteropError, match=r"^line 3, byte 11: the file cannot be read as UTF-16 LE .*CSV UTF-8"):
        FORMATS[key].importer(data)


@pytest.mark.parametrize("name", ["arabic.gift", "arabic_set.yaml", "arabic_questions.moodle.xml", "arabic.csv"])
def test_a_utf8_byte_order_mark_is_accepted(name: str) -> None:
    plain, with_bom = import_any(fixture(name), name), import_any(b"\xef\xbb\xbf" + fixture(name), name)
    assert plain.set == with_bom.set


def test_the_interop_package_imports_neither_flask_nor_the_database() -> None:
    forbidden = ("flask", "flask_sqlalchemy", "sqlalchemy", "werkzeug", "quiz.models", "quiz.extensions", "quiz.web")
    for source in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            elif isinstance(node, ast.ImportFrom) and node.level and node.module:
                names = ["quiz." + node.module if node.level == 2 else "quiz.interop." + node.module]
            else:
                continue
            for name in names:
                assert not name.startswith(forbidden), f"{source.name} imports {name}"
