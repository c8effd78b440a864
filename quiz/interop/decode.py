"""Bytes to text for every importer: the size limit and the encodings we accept.

UTF-8 with or without a byte-order mark everywhere. Spreadsheet text (CSV) may also be UTF-16 with a BOM,
which is what Excel writes for "Unicode text". Anything else (Windows-1256 from an Arabic Excel, Latin-1)
is refused with the byte offset of the first bad byte, because guessing an encoding silently garbles Arabic.
"""

from __future__ import annotations

import codecs

from ..messages import N_
from .limits import check_size
from .results import InteropError


def decode_utf8(data: bytes, *, hint: str = N_("save it as UTF-8")) -> str:
    """The text of a UTF-8 file (BOM removed); InteropError naming the first bad byte otherwise."""
    check_size(data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InteropError(N_("not UTF-8 at byte %(byte)s (line %(line)s): %(hint)s", byte=exc.start, line=line,
                              hint=hint)) from None
    return text.removeprefix("\ufeff")


def decode_spreadsheet_text(data: bytes) -> str:
    """CSV text: UTF-16 when it starts with a UTF-16 BOM (Excel's "Unicode text"), UTF-8 otherwise."""
    check_size(data)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16").removeprefix("\ufeff")
        except UnicodeDecodeError as exc:
            raise InteropError(N_("not valid UTF-16 at byte %(byte)s", byte=exc.start)) from None
    return decode_utf8(data, hint=N_('in Excel choose "Save as: %(choice)s"', choice="CSV UTF-8 (Comma delimited)"))
