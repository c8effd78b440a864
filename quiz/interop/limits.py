"""How much work one uploaded file may cost, in one place every importer uses (issue 16, item 5).

A teacher's upload is read inside a web request, so its cost must stay far below the server's worker timeout
(60 s) whatever the file holds. Each limit is checked as early as it can be, before the costly step it
protects, and a file over a limit is refused with an `InteropError` that names the limit:

* the size of the file (`MAX_BYTES`, 5 MB), before anything is read; a format that embeds images (Moodle XML,
  Kahoot .xlsx) may be up to `MAX_UPLOAD_BYTES` (50 MB), and then its text, once the images are taken out, is
  held to `MAX_BYTES` (`check_text_size`): the images are checked one by one (`MAX_IMAGE_BYTES`, and
  `MAX_SET_MEDIA_BYTES` for all the images a set keeps) and dropped with a warning, not refused with the file;
* for .xlsx (a ZIP archive): the number of its members and their uncompressed sizes, as the archive's
  directory declares them (Python's zipfile never inflates a member past its declared size), and the rows
  the first sheet declares, all before openpyxl parses anything; then rows and cell lengths while the sheet
  is streamed;
* rows of a CSV file, and the number of questions of any file;
* for YAML and JSON: how deeply the document nests and how many digits a number has (Python refuses
  integers over 4,300 digits with a ValueError; far fewer are refused here, with a message);
* a time budget for the whole import, checked in the importers' loops (`tick`): nothing is killed, the
  loop stops at the next row or question once the budget is spent.
"""

from __future__ import annotations

import re
import time
import zipfile
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator

from ..messages import N_
from .results import MAX_BYTES, InteropError

MAX_ROWS = 5_000
"""Rows of a spreadsheet (CSV or .xlsx): a set of 5,000 questions is far beyond any lesson."""
MAX_QUESTIONS = 2_000
MAX_CELL = 10_000
"""Characters in one spreadsheet cell (the set's own limit on a text is 2,000: longer texts are reported)."""
MAX_XLSX_MEMBERS = 200
MAX_XLSX_UNCOMPRESSED = 10 * 1024 * 1024
"""What an .xlsx may inflate to, all its members together (a zip bomb declares far more)."""
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
"""A file of a format that embeds images (Moodle XML, Kahoot .xlsx): its images may be dropped one by one, so the
file as a whole may be this big; its text alone is still held to MAX_BYTES."""
MAX_IMAGE_BYTES = 2 * 1024 * 1024
"""One image of a question or an option (a phone photo saved for the web is well under 1 MB)."""
MAX_SET_MEDIA_BYTES = 20 * 1024 * 1024
"""All the images one set keeps together; an image past it is dropped with a warning."""
MAX_IMAGE_PIXELS = 16_000_000
"""Width × height of an image (a 12-megapixel phone photo fits): a small file can declare a huge picture, which
would take memory to check and to show; decoded, this many pixels take at most 64 MB."""
MAX_DEPTH = 20
"""Nesting of a YAML or JSON document: a Chronoquiz set nests 5 deep."""
MAX_DIGITS = 100
"""Digits of a number in a YAML or JSON file."""
TIME_BUDGET_SECONDS = 8.0
"""The most one import may take, well under the server's 60 s worker timeout."""

_MB = 1024 * 1024


_size_limit: ContextVar[int] = ContextVar("interop_size_limit", default=MAX_BYTES)


def check_size(data: bytes, limit: int | None = None) -> None:
    """The file's size against `limit`, else the limit in force (MAX_BYTES, or MAX_UPLOAD_BYTES inside
    `allowing_media`)."""
    limit = _size_limit.get() if limit is None else limit
    if len(data) > limit:
        raise InteropError(N_("the file is %(size)s MB; files over %(max)s MB are refused",
                              size=f"{len(data) / _MB:.1f}", max=limit // _MB))


@contextmanager
def allowing_media() -> Iterator[None]:
    """Within the block, files up to MAX_UPLOAD_BYTES pass `check_size`: for a reader of a format that embeds
    images, which then holds its text to MAX_BYTES with `check_text_size`."""
    token = _size_limit.set(MAX_UPLOAD_BYTES)
    try:
        yield
    finally:
        _size_limit.reset(token)


def check_text_size(size: int) -> None:
    """The size of a file once its embedded images are taken out (what the import really has to read)."""
    if size > MAX_BYTES:
        raise InteropError(N_("without its images the file is still %(size)s MB; files whose questions take more "
                              "than %(max)s MB are refused: split it into smaller files",
                              size=f"{size / _MB:.1f}", max=MAX_BYTES // _MB))


# -- the time budget ----------------------------------------------------------------------------------------------

_deadline: ContextVar[float | None] = ContextVar("interop_deadline", default=None)


@contextmanager
def time_budget(seconds: float | None = None) -> Iterator[None]:
    """Within the block, `tick()` refuses the file once `seconds` (TIME_BUDGET_SECONDS) have passed (an outer
    budget is kept)."""
    outer = _deadline.get()
    end = time.monotonic() + (TIME_BUDGET_SECONDS if seconds is None else seconds)
    token = _deadline.set(end if outer is None else min(outer, end))
    try:
        yield
    finally:
        _deadline.reset(token)


def tick() -> None:
    """Called once per row or question by every importer: InteropError when the time budget is spent."""
    end = _deadline.get()
    if end is not None and time.monotonic() > end:
        raise InteropError(N_("reading the file took longer than %(seconds)s seconds, the limit: split it into "
                              "smaller files", seconds=f"{TIME_BUDGET_SECONDS:g}"))


# -- counts -----------------------------------------------------------------------------------------------------------


def check_rows(count: int) -> None:
    if count > MAX_ROWS:
        raise InteropError(N_("the sheet has more than %(max)s rows, the limit: split it into smaller files",
                              max=MAX_ROWS))


def check_questions(count: int) -> None:
    if count > MAX_QUESTIONS:
        raise InteropError(N_("the file has more than %(max)s questions, the limit: split it into smaller files",
                              max=MAX_QUESTIONS))


def check_cell(text: str, row: int, column: int) -> None:
    if len(text) > MAX_CELL:
        raise InteropError(N_("row %(row)s, column %(column)s: a cell holds more than %(max)s characters, the limit",
                              row=row, column=column, max=MAX_CELL))


def check_depth(depth: int) -> None:
    if depth > MAX_DEPTH:
        raise InteropError(N_("the document nests deeper than %(max)s levels, the limit", max=MAX_DEPTH))


def check_number(text: str) -> None:
    """A number's digits (its text as written), before Python converts it."""
    if sum(ch.isdigit() for ch in text[:MAX_DIGITS * 2 + 16]) > MAX_DIGITS:
        raise InteropError(N_("a number has more than %(max)s digits, the limit", max=MAX_DIGITS))


def json_depth(document: object) -> int:
    """How deeply a parsed JSON document nests (iteratively: a deep one must not exhaust the stack here)."""
    deepest, stack = 0, [(document, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, (dict, list)):
            deepest = max(deepest, depth)
            if depth > MAX_DEPTH:
                return depth
            stack.extend((child, depth + 1) for child in (node.values() if isinstance(node, dict) else node))
    return deepest


# -- .xlsx archives ---------------------------------------------------------------------------------------------------

_DIMENSION_RE = re.compile(rb'<(?:\w+:)?dimension\s+ref="[A-Z]+\d+:[A-Z]+(\d+)"')


def check_xlsx_archive(archive: zipfile.ZipFile) -> None:
    """Refuse an .xlsx whose members would inflate past the limits, or whose sheets declare too many rows,
    before openpyxl reads it. The sizes are the archive's own: zipfile stops reading a member at its declared
    size (and fails on a bad CRC), so a member cannot inflate past what is checked here."""
    members = archive.infolist()
    if len(members) > MAX_XLSX_MEMBERS:
        raise InteropError(N_("the .xlsx archive has more than %(max)s parts, the limit", max=MAX_XLSX_MEMBERS))
    # Embedded pictures (xl/media/) are checked one by one when read, and dropped rather than refused: they count
    # against the upload limit, not against what the sheets' text may inflate to.
    pictures = sum(member.file_size for member in members if member.filename.startswith("xl/media/"))
    total = sum(member.file_size for member in members) - pictures
    if pictures > MAX_UPLOAD_BYTES:
        raise InteropError(N_("the .xlsx file unpacks to %(size)s MB; files that unpack to more than %(max)s MB "
                              "are refused", size=f"{pictures / _MB:.0f}", max=MAX_UPLOAD_BYTES // _MB))
    if total > MAX_XLSX_UNCOMPRESSED:
        raise InteropError(N_("the .xlsx file unpacks to %(size)s MB; files that unpack to more than %(max)s MB "
                              "are refused", size=f"{total / _MB:.0f}", max=MAX_XLSX_UNCOMPRESSED // _MB))
    for member in members:
        if member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml"):
            with archive.open(member) as sheet:
                head = sheet.read(4096)  # the dimension comes first in a sheet; absent, the stream's cap holds
            found = _DIMENSION_RE.search(head)
            if found:
                check_rows(int(found.group(1)[:12]))
