"""Bytes to text for every text importer (CSV, GIFT, Moodle XML, Chronoquiz YAML/JSON), in one place.

Which encoding, in this order (`detect_encoding`):

1. The teacher's choice, when they re-read a previewed file with another encoding (`reading(encoding=...)`).
2. A byte-order mark: UTF-8, UTF-16 LE or BE.
3. UTF-16 without a mark, from the pattern of its high bytes: text in UTF-16 has, at every other byte, the
   high byte of its characters: 0x00 for Latin letters, digits, commas and line ends, 0x06 for Arabic letters.
   When nearly all bytes at one parity are 0x00 or 0x06 (and NUL bytes are among them), it is UTF-16, little-
   or big-endian by the parity. No UTF-8 or single-byte text has that pattern (they use neither byte in text).
4. UTF-8, when every byte decodes: multi-byte UTF-8 sequences practically never occur by chance in other
   encodings, so valid UTF-8 is UTF-8 (and pure ASCII is the same in all of them).
5. For XML, the encoding its declaration names (`<?xml ... encoding="windows-1256"?>`) when the bytes read in
   it (a re-save in Notepad keeps a declaration of UTF-8 that is no longer true), once 2 to 4 fail. A file
   whose bytes are valid UTF-8 is read as UTF-8 whatever it declares: Moodle always writes UTF-8, and a copied
   declaration is more often wrong than bytes that happen to be valid UTF-8.
6. Windows-1256 when its decoding is Arabic: Arabic Excel's plain "CSV" and Notepad's "ANSI" on an Arabic
   Windows. Statistical detectors need a few hundred bytes to tell the Arabic code pages from Latin ones, and a
   short file (a header and three questions) is often read as Windows-1250 or Latin-1, garbling every Arabic
   letter into accented capitals. So when most letters from bytes >= 0x80 read, in Windows-1256, as Arabic
   with no Latin letter beside them (a German "ä" would read as an Arabic letter inside a Latin word),
   Windows-1256 is chosen. Signs (« » ؟) do not count, nor French accented letters inside Latin words, which
   keep their places in Windows-1256: French text alone never passes this test, and French beside Arabic does.
7. Otherwise the best guess of charset-normalizer (a maintained detector), marked as guessed.

Encodings from 6 and 7 are guesses: `ImportResult.encoding_guessed` is set and the preview asks the teacher to
confirm, offering `CANDIDATES` to re-read the kept file with. Line ends are made `\\n` whatever they were (CR
only, LF, CRLF) before any importer sees the text; a byte-order mark is removed.
"""

from __future__ import annotations

import codecs
import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Iterator

from ..messages import N_, Message
from .limits import check_size
from .results import InteropError

_SAMPLE = 64 * 1024  # detection looks at the start of a file: enough for any pattern, cheap for 5 MB


@dataclass(frozen=True)
class Encoding:
    codec: str  # a Python codec name, as CANDIDATES spells it
    guessed: bool = False  # True when chosen from statistics (steps 6 and 7), not from a mark or a rule


# The encodings the preview offers to re-read a file with (codec, label); the labels are msgids.
CANDIDATES: dict[str, Message] = {
    "utf-8": N_("UTF-8"),
    "utf-16-le": N_("UTF-16 LE (Excel's Unicode Text)"),
    "utf-16-be": N_("UTF-16 BE"),
    "cp1256": N_("Windows-1256 (Arabic)"),
    "iso8859-6": N_("ISO-8859-6 (Arabic)"),
    "cp1252": N_("Windows-1252 (Western European)"),
    "iso8859-1": N_("ISO-8859-1 (Latin-1)"),
}

ARABIC_CODECS = {"cp1256", "iso8859-6", "cp720", "cp864", "mac-arabic"}

SAVE_AS_UTF8 = N_('save the file as UTF-8: in Excel, "%(menu)s" then "%(choice)s" (in an Arabic Excel: «%(menu_ar)s» '
                  "then «%(choice_ar)s»); in Notepad, choose the encoding UTF-8 when saving",
                  menu="File > Save As", choice="CSV UTF-8 (Comma delimited)", menu_ar="ملف > حفظ باسم",
                  choice_ar="CSV UTF-8 (محدد بفاصلة)")
"""What to do with a file that cannot be read, naming the menus of an English and an Arabic Excel."""


def canonical(name: str) -> str:
    """A codec name as CANDIDATES spells it ("windows-1256" -> "cp1256"); InteropError for an unknown one."""
    try:
        found = codecs.lookup(name.strip()).name
    except (LookupError, ValueError):
        raise InteropError(N_('"%(encoding)s" is not an encoding Chronoquiz knows', encoding=name[:40])) from None
    return "utf-8" if found == "utf-8-sig" else found.replace("_", "-")


def label(codec: str) -> Message:
    """The name a teacher knows an encoding by."""
    return CANDIDATES.get(codec) or N_("%(encoding)s", encoding=codec.upper())


# -- the teacher's choice and what was read, for import_any ----------------------------------------------------------

_choice: ContextVar[str | None] = ContextVar("interop_encoding_choice", default=None)
_seen: ContextVar[list[Encoding] | None] = ContextVar("interop_encoding_seen", default=None)


@contextmanager
def reading(encoding: str | None = None) -> Iterator[list[Encoding]]:
    """Within the block, files are read with `encoding` when given (the teacher's choice), and the encodings
    used are appended to the list it yields (import_any puts the first in the ImportResult): the importers
    keep their signatures."""
    seen: list[Encoding] = []
    tokens = (_choice.set(canonical(encoding) if encoding else None), _seen.set(seen))
    try:
        yield seen
    finally:
        _seen.reset(tokens[1])
        _choice.reset(tokens[0])


# -- detection ------------------------------------------------------------------------------------------------------

_XML_DECLARATION = re.compile(rb"""^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._-]{1,40})["']""")
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def _bom(data: bytes) -> str | None:
    if data.startswith(b"\xff\xfe\x00\x00") or data.startswith(b"\x00\x00\xfe\xff"):
        return None  # UTF-32: not offered; read on as bytes, refused by the checks below
    return next((codec for bom, codec in _BOMS if data.startswith(bom)), None)


def _utf16_without_bom(sample: bytes) -> str | None:
    """utf-16-le or utf-16-be when one parity of the bytes is nearly all high bytes of UTF-16 text."""
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    for codec, high in (("utf-16-le", sample[1::2][:pairs]), ("utf-16-be", sample[0::2][:pairs])):
        if high.count(0) and high.count(0) + high.count(6) >= 0.9 * pairs:
            return codec
    return None


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _declared(sample: bytes) -> str | None:
    """The encoding an XML declaration names, when Python knows it (an unknown name is no help: detection goes on)."""
    found = _XML_DECLARATION.match(sample)
    try:
        return canonical(found.group(1).decode("ascii")) if found else None
    except InteropError:
        return None


def _decodes(sample: bytes, codec: str) -> bool:
    """Whether the bytes read in `codec` (a declaration naming UTF-8 left by a re-save in another encoding is not
    honoured; the detection goes on)."""
    try:
        sample.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


def _arabic_in_cp1256(sample: bytes) -> bool:
    """Most letters from bytes >= 0x80 read, in Windows-1256, as Arabic with no Latin letter beside them. Only
    letters count: the guillemets and signs Arabic text uses («نعم», ؟) are in the code page's Latin half too, and
    in a short file they would outweigh its few Arabic words."""
    text = sample.decode("cp1256", errors="replace")

    def latin(index: int) -> bool:
        return 0 <= index < len(text) and text[index].isalpha() and not _is_arabic(text[index])

    # A French accented letter inside a Latin word ("l'école") is where Windows-1256 keeps it: no evidence either way
    high = [index for index, ch in enumerate(text) if ord(ch) >= 0x80 and (ch.isalpha() or _is_arabic(ch))
            and not (ch in _FRENCH_IN_CP1256 and (latin(index - 1) or latin(index + 1)))]

    in_words = sum(1 for index in high if _is_arabic(text[index]) and not latin(index - 1) and not latin(index + 1))
    return bool(high) and in_words >= 0.8 * len(high)


_FRENCH_IN_CP1256 = frozenset("àâçèéêëîïôùûüœÀÂÇÈÉÊËÎÏÔÙÛÜŒ")


def _is_arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff"


def _detector(sample: bytes) -> str | None:
    from charset_normalizer import from_bytes  # imported on first use: most files are UTF-8

    best = from_bytes(sample).best()
    return canonical(best.encoding) if best is not None else None


def detect_encoding(data: bytes, *, xml: bool = False) -> Encoding:
    """The encoding of a file's bytes, by the rules of this module's docstring (read from its start, and from
    its first byte over 0x7F)."""
    choice = _choice.get()
    if choice:
        return Encoding(choice)
    sample = data[:_SAMPLE]
    found = _bom(sample) or _utf16_without_bom(sample)
    if found:
        return Encoding(found)
    if _is_utf8(data):
        return Encoding("utf-8")
    declared = _declared(sample) if xml else None
    if declared and _decodes(sample, declared):
        return Encoding(declared)
    first = _HIGH_BYTE.search(data)  # what tells encodings apart may start after 64 KB of plain ASCII
    sample = data[max(0, first.start() - 1024):first.start() + _SAMPLE] if first else sample
    if _arabic_in_cp1256(sample):
        return Encoding("cp1256", guessed=True)
    detected = _detector(sample)
    if detected is None:
        raise _undecodable(data, "utf-8")
    return Encoding(detected, guessed=True)


# -- decoding -------------------------------------------------------------------------------------------------------


def _line_of(data: bytes, codec: str, offset: int) -> int:
    before = data[:offset].decode(codec, errors="replace")
    return before.count("\n") + before.count("\r") - before.count("\r\n") + 1


def _undecodable(data: bytes, codec: str, offset: int | None = None) -> InteropError:
    if offset is None:
        try:
            data.decode(codec)
        except UnicodeDecodeError as exc:
            offset = exc.start
        else:
            offset = 0
    return InteropError(N_(
        "line %(line)s, byte %(byte)s: the file cannot be read as %(encoding)s (byte %(value)s): %(advice)s",
        line=_line_of(data, codec, offset), byte=offset + 1, encoding=label(codec),
        value=f"0x{data[offset]:02X}" if offset < len(data) else "", advice=SAVE_AS_UTF8))


def normalise_line_ends(text: str) -> str:
    """CRLF (Windows) and CR alone (old Mac, some exports) as LF, which every importer splits on."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def decode_text(data: bytes, *, xml: bool = False) -> str:
    """The text of a file: encoding detected (or the teacher's choice), BOM removed, line ends as LF;
    InteropError naming the line and byte that cannot be read, and what to do."""
    check_size(data)
    encoding = detect_encoding(data, xml=xml)
    body = data[len(codecs.BOM_UTF8):] if encoding.codec == "utf-8" and data.startswith(codecs.BOM_UTF8) else data
    try:
        text = body.decode(encoding.codec)
    except UnicodeDecodeError as exc:
        raise _undecodable(data, encoding.codec, exc.start + len(data) - len(body)) from None
    seen = _seen.get()
    if seen is not None:
        seen.append(encoding)
    return normalise_line_ends(text.removeprefix("\ufeff"))


def sniff_text(data: bytes) -> str:
    """The start of a file as text for format detection: decoded like `decode_text`, but never refused."""
    encoding = detect_encoding(data, xml=data.lstrip()[:5] == b"<?xml")
    head = data[:_SAMPLE]
    if encoding.codec.startswith("utf-16"):
        head = head[:len(head) // 2 * 2]
    return normalise_line_ends(head.decode(encoding.codec, errors="ignore").removeprefix("\ufeff"))


# -- CSV separators -----------------------------------------------------------------------------------------------

SEPARATORS = (",", ";", "\t")


def sniff_separator(text: str) -> str:
    """The separator of a CSV file: whichever of comma, semicolon and tab its header line holds most, counted
    outside quoted cells (a header cell may hold a comma in quotes); comma when none."""
    counts = dict.fromkeys(SEPARATORS, 0)
    quoted = False
    for ch in text[:_SAMPLE]:
        if ch == '"':
            quoted = not quoted
        elif quoted:
            continue
        elif ch == "\n":
            break
        elif ch in counts:
            counts[ch] += 1
    best = max(SEPARATORS, key=lambda separator: counts[separator])
    return best if counts[best] else ","


__all__ = ["CANDIDATES", "Encoding", "check_size", "decode_text", "detect_encoding", "label", "reading",
           "sniff_separator", "sniff_text"]
