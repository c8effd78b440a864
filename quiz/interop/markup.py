"""Rich text in, plain text out: how HTML from Moodle and GIFT becomes the plain text of our model.

Untrusted HTML is first cleaned by nh3 (the Rust `ammonia` sanitiser; no regular expressions touch the
HTML), then walked with the standard library's HTML parser to plain text: paragraphs, list items and `<br>`
become line breaks, runs of spaces (and non-breaking spaces) become one space, a link keeps its text and,
when it points to the web, its address in brackets. Images and `@@PLUGINFILE@@` links are dropped and
named in `files`, so the importer can tell the teacher which embedded file was lost.

Language: our exports of a bilingual set write each text as `<p lang="ar" dir="rtl">…</p><p lang="en"
dir="ltr">…</p>`, so `Reduced` keeps the text under each `lang` apart; an importer splits a text into Arabic
and English only when both are tagged. Only whole blocks (a paragraph, a div) and Moodle's multilang spans
(`<span lang="en" class="multilang">`, one version of the whole text each) are language versions: the
inline spans Word writes around every run (`<span lang="AR-SA">…</span><span lang="EN-US">CPU</span>`) are
one sentence in reading order, so their `lang` is ignored and every word stays where it was. Untagged text
is Arabic when most of its letters are Arabic.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote

import nh3

from ..authoring.languages import direction, is_arabic_text

_BLOCK_TAGS = frozenset(
    "p div li ul ol dl dt dd h1 h2 h3 h4 h5 h6 blockquote pre table tr caption hr figure figcaption "
    "header footer article aside nav details summary".split()
)
_INLINE_TAGS = frozenset(
    "br img a span b i u s em strong sub sup small code q cite abbr mark del ins td th thead tbody".split()
)
_VOID_TAGS = frozenset({"br", "img", "hr", "wbr"})
_ATTRIBUTES = {"*": {"lang", "dir"}, "img": {"src", "alt"}, "a": {"href"}, "span": {"class"}}
_PLUGINFILE = "@@PLUGINFILE@@/"
_SPACES = re.compile(r"\s+")  # collapses whitespace in text already taken out of the HTML, never parses HTML

_BLOCK, _BREAK = "\x00block", "\x00br"


def has_arabic(text: str | None) -> bool:
    """Any Arabic letter (digits and punctuation do not count)."""
    return any(
        unicodedata.category(ch).startswith("L") and "ARABIC" in unicodedata.name(ch, "")
        for ch in text or ""
        if ch > "\u05ff"
    )


@dataclass(frozen=True)
class Reduced:
    """A rich text reduced to plain text: all of it, and the parts tagged lang="ar" / lang="en"."""

    whole: str
    ar: str = ""
    en: str = ""
    untagged: str = ""
    files: tuple[str, ...] = ()
    # The one language the file declares for all of the text (`<p lang="fr">`), when it is neither Arabic nor
    # English (those are `ar` and `en`): what the importer records as the question's language.
    declared: str | None = None

    @property
    def language(self) -> str:
        """ "both" when tagged in both languages and nothing else; else the tagged or detected language."""
        if self.ar and self.en and not self.untagged:
            return "both"
        if self.ar and not self.en and not self.untagged:
            return "ar"
        if self.en and not self.ar and not self.untagged:
            return "en"
        return "ar" if is_arabic_text(self.whole) else "en"

    def placed(self, language: str) -> tuple[str | None, str | None]:
        """(Arabic, English) for a question in `language`; untagged text counts for both languages."""
        if language == "both":
            return (self.ar or self.untagged or None), (self.en or self.untagged or None)
        return (self.whole or None, None) if language == "ar" else (None, self.whole or None)


class _Walker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[tuple[str | None, str]] = []  # (lang or None, text | _BLOCK | _BREAK)
        self.files: list[str] = []
        self._langs: list[tuple[str, str | None]] = []
        self._link: tuple[str, int] | None = None
        self._declared: list[tuple[str, str | None]] = []  # like _langs, for any declared language
        self.declared: set[str | None] = set()  # the declared language of each piece of text

    def _lang(self) -> str | None:
        return self._langs[-1][1] if self._langs else None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in _BLOCK_TAGS:
            self.tokens.append((self._lang(), _BLOCK))
        if tag == "br":
            self.tokens.append((self._lang(), _BREAK))
        elif tag == "img":
            src = attributes.get("src") or ""
            self.files.append(_file_name(src) or src or "an image")
        elif tag == "a":
            href = attributes.get("href") or ""
            if href.startswith(_PLUGINFILE):
                self.files.append(_file_name(href))
            self._link = (href, len(self.tokens))
        if tag not in _VOID_TAGS:
            self._langs.append((tag, _version_lang(tag, attributes) or self._lang()))
            self._declared.append((tag, _declared_lang(tag, attributes) or (self._declared or [("", None)])[-1][1]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._link:
            href, start = self._link
            shown = "".join(text for _, text in self.tokens[start:] if not text.startswith("\x00")).strip()
            if href.startswith(("http://", "https://", "mailto:")) and shown != href:
                self.tokens.append((self._lang(), f" ({href})"))
            self._link = None
        if tag in _BLOCK_TAGS:
            self.tokens.append((self._lang(), _BLOCK))
        for stack in (self._langs, self._declared):
            for index in range(len(stack) - 1, -1, -1):
                if stack[index][0] == tag:
                    del stack[index:]
                    break

    def handle_data(self, data: str) -> None:
        self.tokens.append((self._lang(), _SPACES.sub(" ", data)))
        if data.strip():
            self.declared.add(self._declared[-1][1] if self._declared else None)


def _version_lang(tag: str, attributes: dict[str, str | None]) -> str | None:
    """ "ar" or "en" when the element is a language version of the text: a block, or a Moodle multilang
    span; None for Word's inline runs (see the module), whose words belong to the sentence around them."""
    lang = _declared_lang(tag, attributes)
    return lang if lang in ("ar", "en") else None


def _declared_lang(tag: str, attributes: dict[str, str | None]) -> str | None:
    """The language code a block or multilang span declares ("fr" of `lang="fr-FR"`), if it is one."""
    multilang = tag == "span" and "multilang" in (attributes.get("class") or "").split()
    if tag not in _BLOCK_TAGS and not multilang:
        return None
    lang = (attributes.get("lang") or "").split("-")[0].lower()
    return lang if lang.isascii() and lang.isalpha() and 2 <= len(lang) <= 3 else None


def _file_name(url: str) -> str:
    return unquote(url[len(_PLUGINFILE):]) if url.startswith(_PLUGINFILE) else ""


def _render(tokens: list[str]) -> str:
    lines: list[str] = []
    line = ""
    for token in tokens:
        if token == _BREAK:
            lines.append(line)
            line = ""
        elif token == _BLOCK:
            if line.strip():
                lines.append(line)
                line = ""
        else:
            line += token
    lines.append(line)
    cleaned: list[str] = []
    for text in (" ".join(raw.split()) for raw in lines):
        if text or (cleaned and cleaned[-1]):
            cleaned.append(text)
    while cleaned and not cleaned[-1]:
        cleaned.pop()
    return "\n".join(cleaned)


def sanitise(markup: str) -> str:
    """The HTML with only harmless structure left (no scripts, styles, handlers or foreign attributes)."""
    return nh3.clean(markup, tags=set(_BLOCK_TAGS | _INLINE_TAGS), attributes=_ATTRIBUTES, link_rel=None)


def reduce_html(markup: str) -> Reduced:
    walker = _Walker()
    walker.feed(sanitise(markup))
    walker.close()
    by_lang = {
        key: _render([text for lang, text in walker.tokens if lang == key]) for key in ("ar", "en", None)
    }
    seen: dict[str, None] = dict.fromkeys(walker.files)
    return Reduced(
        whole=_render([text for _, text in walker.tokens]),
        ar=by_lang["ar"],
        en=by_lang["en"],
        untagged=by_lang[None],
        files=tuple(seen),
        declared=_only_other_language(walker.declared),
    )


def _only_other_language(declared: set[str | None]) -> str | None:
    (only,) = declared if len(declared) == 1 else (None,)
    return only if only not in ("ar", "en") else None


def reduce_text(text: str, text_format: str = "html") -> Reduced:
    """Plain text from a text in one of Moodle's formats: html, moodle (auto-format), plain or markdown.

    "moodle" is HTML in which a line break is a line break. "plain" and "markdown" are kept as written
    (markdown source reads well as text), with surrounding space and trailing spaces on lines removed.
    """
    if text_format in ("html", "moodle", "moodle_auto_format"):
        if text_format != "html":
            text = text.replace("\r\n", "\n").replace("\n", "<br>")
        return reduce_html(text)
    plain = "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").strip().split("\n"))
    return Reduced(whole=plain, untagged=plain)


def text_html(text: str) -> str:
    """One plain text as HTML: escaped, line breaks as <br />."""
    return html.escape(text, quote=False).replace("\n", "<br />")


def paragraphs_html(text_ar: str | None, text_en: str | None, *, other_lang: str = "en") -> str:
    """A text as HTML paragraphs tagged with their language: Arabic first, then English, or the language
    the question recorded for its English-field text (a French question's `<p lang="fr" dir="ltr">`)."""
    parts = []
    if text_ar:
        parts.append(f'<p lang="ar" dir="rtl">{text_html(text_ar)}</p>')
    if text_en:
        parts.append(f'<p lang="{other_lang}" dir="{direction(other_lang)}">{text_html(text_en)}</p>')
    return "".join(parts)
