"""Question sets in and out of other tools' files: Chronoquiz YAML/JSON, Moodle XML, GIFT, Kahoot, CSV.

Pure core: plain bytes in, `authoring.SetData` out (and back); no Flask, no database. Each format is a
module with `import_<fmt>(data, *, filename="") -> ImportResult` and, where it exports, `export_<fmt>(set)
-> bytes`. `FORMATS` lists them for the web and CLI layers; `import_any` picks the importer by file name and
content; `export_set` returns an `ExportResult` that also lists what a format could not hold.

Every importer refuses files over 5 MB of text (images in a Moodle, Kahoot or Chronoquiz file are checked
one by one, and such a file may be up to 50 MB with them, see limits.py and media.py), reads text in any
encoding `decode` detects (UTF-8, UTF-16, Windows-1256 and other single-byte encodings) and refuses bytes it
cannot read (`InteropError`, with the place), stays
within the limits of `limits` (rows, cells, questions, nesting, digits, unpacked size, a time budget that
`import_any` sets), and returns a valid set or raises: questions it cannot import are skipped and reported,
never silently fixed.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, replace
from functools import partial
from pathlib import PurePath
from typing import Callable

from ..authoring import SetData
from ..messages import N_
from . import limits
from .csv_format import export_csv, import_csv, is_quizizz_header
from .decode import check_size, reading, sniff_separator, sniff_text
from .gift import export_gift, export_gift_report, import_gift, looks_like_gift
from .kahoot import export_kahoot, export_kahoot_report, import_kahoot
from .limits import MAX_UPLOAD_BYTES
from .media import alt_for_pictures, images_not_exported
from .moodle_xml import export_moodle_xml, export_moodle_xml_report, import_moodle_xml
from .native import export_native, import_native_json, import_native_yaml
from .results import MAX_BYTES, ExportResult, ImportIssue, ImportResult, InteropError

Importer = Callable[..., ImportResult]
Exporter = Callable[[SetData], ExportResult]


@dataclass(frozen=True)
class FileFormat:
    key: str
    label: str
    extensions: tuple[str, ...]  # the first is the one exports use
    mime_type: str
    importer: Importer
    exporter: Exporter | None
    loses: str  # what an export leaves out, in a sentence a teacher can read
    holds_images: bool = False  # its exports carry the questions' images (else the export report says so)


def _plain(export: Callable[[SetData], bytes]) -> Exporter:
    return lambda data: ExportResult(export(data))


FORMATS: dict[str, FileFormat] = {
    "native-yaml": FileFormat(
        "native-yaml", "Chronoquiz set (YAML)", (".yaml", ".yml"), "application/yaml",
        import_native_yaml, _plain(partial(export_native, fmt="yaml")), "nothing", holds_images=True,
    ),
    "native-json": FileFormat(
        "native-json", "Chronoquiz set (JSON)", (".json",), "application/json",
        import_native_json, _plain(partial(export_native, fmt="json")), "nothing", holds_images=True,
    ),
    "moodle-xml": FileFormat(
        "moodle-xml", "Moodle XML", (".xml",), "application/xml",
        import_moodle_xml, export_moodle_xml_report,
        "sources, event ids and origin; questions without a category are filed under the set's title; "
        "images are kept", holds_images=True,
    ),
    "gift": FileFormat(
        "gift", "Moodle GIFT", (".gift", ".txt"), "text/plain",
        import_gift, export_gift_report,
        "sources, event ids, origin and images; line breaks inside ordering items become spaces; Moodle's GIFT "
        "reader cannot read the ordering grading type longest ordered subset (kept for Chronoquiz in a comment)",
    ),
    "kahoot": FileFormat(
        "kahoot", "Kahoot! spreadsheet", (".xlsx",),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        import_kahoot, export_kahoot_report,
        "ordering questions, questions with more than 4 options, explanations, sources, event ids, "
        "categories, images, the second language of a bilingual set, and partial credit (Kahoot says only which "
        "answers are right; true/false becomes a two-answer question)",
    ),
    "csv": FileFormat(
        "csv", "CSV spreadsheet", (".csv", ".tsv"), "text/csv",
        import_csv, _plain(export_csv),
        "the title, description, grading type, sources, event ids, origin and images",
    ),
}


def _by_content(text: str) -> str | None:
    """The format a file's text says it is in, when it says so unmistakably (a header, a root element)."""
    stripped = text.lstrip(" \t\n")
    if stripped.startswith(("<?xml", "<quiz", "<question")):
        return "moodle-xml"
    if stripped.startswith("{") and "chronoquiz-set" in stripped:
        return "native-json"
    if "chronoquiz-set" in stripped and "format:" in stripped:
        return "native-yaml"
    header = next(csv.reader([stripped.split("\n", 1)[0]], delimiter=sniff_separator(stripped)), [])
    names = {name.strip().lower() for name in header}
    if is_quizizz_header(header) or ("type" in names and names & {"question_ar", "question_en"}):
        return "csv"
    return None


def detect_format(filename: str, data: bytes) -> str:
    """The key in FORMATS for a file: a zip is a Kahoot spreadsheet; otherwise its text (decoded like the
    importers decode it) decides when it is unmistakable (an XML root, a CSV header, a Chronoquiz set), so a
    CSV or GIFT saved as .txt, or an XML file with another extension, is read right; then the extension; then
    a weaker look at the text (a GIFT answer block)."""
    suffix = PurePath(filename.lower()).suffix
    if data.startswith(b"PK\x03\x04"):
        return "kahoot"
    text = sniff_text(data)
    found = _by_content(text)
    if found:
        return found
    for key, file_format in FORMATS.items():
        if suffix in file_format.extensions and suffix != ".txt":
            return key
    if text.lstrip(" \t\n").startswith("<"):
        return "moodle-xml"
    if suffix == ".txt" or looks_like_gift(text):
        return "gift"
    raise InteropError(N_(
        "unknown file type: use Chronoquiz YAML/JSON, Moodle XML (.xml), GIFT (.gift/.txt), Kahoot (.xlsx) or CSV"
    ))


def import_any(data: bytes, filename: str = "", *, encoding: str | None = None) -> ImportResult:
    """The file read by its format's importer, within the limits of quiz.interop.limits (a time budget
    included): InteropError naming the limit otherwise. `encoding` (a codec name) overrides the detected one
    (the teacher re-reading a previewed file); the result names the encoding used, and whether it was guessed."""
    # Up to the upload limit here: each importer holds what it reads to MAX_BYTES, and the formats that embed
    # images (Moodle XML, Kahoot, Chronoquiz YAML/JSON) hold their text to it once the images are counted out.
    check_size(data, limits.MAX_UPLOAD_BYTES)
    with limits.time_budget(), reading(encoding) as seen:
        key = detect_format(filename, data)
        result = FORMATS[key].importer(data, filename=filename)
    if seen:
        result.encoding, result.encoding_guessed = seen[0].codec, seen[0].guessed
    return result


def export_set(data: SetData, key: str) -> ExportResult:
    exporter = FORMATS[key].exporter
    if exporter is None:
        raise InteropError(N_("%(format)s files can be imported, not exported", format=FORMATS[key].label))
    if FORMATS[key].holds_images:
        return exporter(data)
    result = exporter(replace(data, questions=alt_for_pictures(data.questions)))
    result.warnings.extend(images_not_exported(data.questions, FORMATS[key].label))
    return result


__all__ = [
    "FORMATS", "MAX_BYTES", "MAX_UPLOAD_BYTES",
    "ExportResult", "FileFormat", "ImportIssue", "ImportResult", "InteropError",
    "detect_format", "export_csv", "export_gift", "export_kahoot", "export_kahoot_report", "export_moodle_xml",
    "export_native", "export_set", "import_any", "import_csv", "import_gift", "import_kahoot", "import_moodle_xml",
    "import_native_json", "import_native_yaml",
]
