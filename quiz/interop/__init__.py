"""Question sets in and out of other tools' files: Chronoquiz YAML/JSON, Moodle XML, GIFT, Kahoot, CSV.

Pure core: plain bytes in, `authoring.SetData` out (and back); no Flask, no database. Each format is a
module with `import_<fmt>(data, *, filename="") -> ImportResult` and, where it exports, `export_<fmt>(set)
-> bytes`. `FORMATS` lists them for the web and CLI layers; `import_any` picks the importer by file name and
content; `export_set` returns an `ExportResult` that also lists what a format could not hold.

Every importer refuses files over 5 MB (of text: images in a Moodle, Kahoot or Chronoquiz file are checked
one by one, and such a file may be up to 50 MB with them, see limits.py and media.py) and files that are not
UTF-8 (`InteropError`, with the place), stays
within the limits of `limits` (rows, cells, questions, nesting, digits, unpacked size, a time budget that
`import_any` sets), and returns a valid set or raises: questions it cannot import are skipped and reported,
never silently fixed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial
from pathlib import PurePath
from typing import Callable

from ..authoring import SetData
from ..messages import N_
from . import limits
from .csv_format import export_csv, import_csv, is_quizizz_header
from .decode import check_size
from .gift import export_gift, import_gift, looks_like_gift
from .kahoot import export_kahoot, export_kahoot_report, import_kahoot
from .limits import MAX_UPLOAD_BYTES
from .media import alt_for_pictures, images_not_exported
from .moodle_xml import export_moodle_xml, import_moodle_xml
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
        import_moodle_xml, _plain(export_moodle_xml),
        "sources, event ids and origin; questions without a category are filed under the set's title; "
        "images are kept", holds_images=True,
    ),
    "gift": FileFormat(
        "gift", "Moodle GIFT", (".gift", ".txt"), "text/plain",
        import_gift, _plain(export_gift),
        "sources, event ids, origin and images; line breaks inside ordering items become spaces",
    ),
    "kahoot": FileFormat(
        "kahoot", "Kahoot! spreadsheet", (".xlsx",),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        import_kahoot, export_kahoot_report,
        "ordering questions, questions with more than 4 options, explanations, sources, event ids, "
        "categories, images and the second language of a bilingual set",
    ),
    "csv": FileFormat(
        "csv", "CSV spreadsheet", (".csv", ".tsv"), "text/csv",
        import_csv, _plain(export_csv),
        "the title, description, grading type, sources, event ids, origin and images",
    ),
}


def detect_format(filename: str, data: bytes) -> str:
    """The key in FORMATS for a file: by its extension, else by sniffing its first bytes."""
    suffix = PurePath(filename.lower()).suffix
    for key, file_format in FORMATS.items():
        if suffix in file_format.extensions and suffix != ".txt":
            return key
    head = data[:4096]
    if head.startswith(b"PK\x03\x04"):
        return "kahoot"
    text = head.decode("utf-8", errors="ignore").lstrip("\ufeff \t\r\n")
    if text.startswith("<"):
        return "moodle-xml"
    if text.startswith("{") and "chronoquiz-set" in text:
        return "native-json"
    if "chronoquiz-set" in text and "format:" in text:
        return "native-yaml"
    first_line = text.split("\n", 1)[0]
    names = {name.strip().strip('"').lower() for name in first_line.replace(";", ",").replace("\t", ",").split(",")}
    if is_quizizz_header(first_line.split(",")) or ("type" in names and names & {"question_ar", "question_en"}):
        return "csv"
    if suffix == ".txt" or looks_like_gift(text):
        return "gift"
    raise InteropError(N_(
        "unknown file type: use Chronoquiz YAML/JSON, Moodle XML (.xml), GIFT (.gift/.txt), Kahoot (.xlsx) or CSV"
    ))


def import_any(data: bytes, filename: str = "") -> ImportResult:
    """The file read by its format's importer, within the limits of quiz.interop.limits (a time budget
    included): InteropError naming the limit otherwise."""
    # Up to the upload limit here: each importer holds what it reads to MAX_BYTES, and the formats that embed
    # images (Moodle XML, Kahoot, Chronoquiz YAML/JSON) hold their text to it once the images are counted out.
    check_size(data, limits.MAX_UPLOAD_BYTES)
    with limits.time_budget():
        return FORMATS[detect_format(filename, data)].importer(data, filename=filename)


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
