"""Cells that are safe to open in a spreadsheet: what every CSV and XLSX the app writes goes through.

A cell that starts with = + - @ (or a tab or CR) is a formula to Excel and LibreOffice when the file is opened:
a student's nickname `=HYPERLINK("http://…")` would run on the teacher's machine ("CSV injection", OWASP). In a
CSV such text is written with a leading apostrophe, which spreadsheets take as "text", and read back without it
(`unprotect`); in an XLSX the cell is typed as text, so it keeps its exact characters and is never evaluated.
Numbers that look like formulas (-3, +1) are left alone. Control characters (other than tab and line ends) cannot
be stored in an XLSX at all (openpyxl refuses them) and mean nothing to a reader: dropped.
"""

from __future__ import annotations

import re
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def formula_like(text: str) -> bool:
    """Starts, after any apostrophes, with = + - @ (or a tab or CR), and is not a number."""
    body = text.lstrip("'")
    return body.startswith(FORMULA_START) and not _is_number(body)


def protect(text: str) -> str:
    return "'" + text if formula_like(text) else text


def unprotect(text: str) -> str:
    return text[1:] if text.startswith("'") and formula_like(text) else text


def printable(text: str) -> str:
    """The text without control characters (tab, CR and LF kept)."""
    return _CONTROL.sub("", text)


def safe_cell(value: Any) -> Any:
    """A value for a CSV cell: text made printable and protected from being run; numbers, dates and None as
    they are."""
    if isinstance(value, str):
        return protect(printable(value))
    return value


def append_row(sheet: Any, values: list[Any]) -> None:
    """Append a row to an openpyxl worksheet: text printable and typed as text (openpyxl would store a string
    that starts with "=" as a formula), numbers, dates and None as they are."""
    sheet.append([printable(value) if isinstance(value, str) else value for value in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.data_type == "f":
            cell.data_type = "s"
