"""Images in imported files: found in the markup, checked by their bytes, kept within the limits, or dropped
with a warning that says which image, which limit and what to do.

Every importer that meets an image hands its bytes to one `ImageBin` per file: the bin checks the type from
the bytes with Pillow (PNG, JPEG, GIF or WebP that opens and decodes whole; never SVG, which can carry
scripts, nor anything whose name merely says "image"), the size of each image (`limits.MAX_IMAGE_BYTES`) and
of all the set's images (`limits.MAX_SET_MEDIA_BYTES`), and keeps each picture once, by its sha256.
Nothing is ever fetched: an image that is only a web address has no bytes here and is reported as not kept.
"""

from __future__ import annotations

import base64
import binascii
import html
import io
import re
import warnings as python_warnings
import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from typing import Iterable, Mapping
from urllib.parse import unquote

from ..authoring import SetOption, SetQuestion
from ..authoring.media import IMAGE_TYPES, Media, sha256_of
from ..messages import N_, Message, Nn_
from . import limits
from .results import ImportIssue

_MB = 1024 * 1024
PLUGINFILE = "@@PLUGINFILE@@/"
UNNAMED = "an image"  # how markup.Reduced.files names an image without a usable address
_DO = N_("save it as a PNG or JPEG picture under %(max)s MB and add it to the question again",
         max=limits.MAX_IMAGE_BYTES // _MB)


class ImageRefused(ValueError):
    def __init__(self, reason: Message):
        super().__init__(str(reason))
        self.reason = reason


def image_type(data: bytes) -> str:
    """The MIME type of an image judged by its bytes; ImageRefused saying why it is not one we show."""
    if len(data) > limits.MAX_IMAGE_BYTES:
        raise ImageRefused(N_("it is %(size)s MB, over the limit of %(max)s MB for one image",
                              size=f"{len(data) / _MB:.1f}", max=limits.MAX_IMAGE_BYTES // _MB))
    # Pillow is imported where it is used: only imports with images need it.
    from PIL import Image, UnidentifiedImageError

    try:
        with python_warnings.catch_warnings():
            python_warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as picture:
                found = picture.format or "?"
                if found not in IMAGE_TYPES:
                    raise ImageRefused(N_("it is a %(found)s file, not a PNG, JPEG, GIF or WebP picture", found=found))
                width, height = picture.size
                if width * height > limits.MAX_IMAGE_PIXELS:
                    raise ImageRefused(N_("it is %(width)s × %(height)s pixels, more than the limit of %(max)s million",
                                          width=width, height=height, max=limits.MAX_IMAGE_PIXELS // 1_000_000))
                picture.load()  # decodes it whole: a truncated or corrupt picture fails here, not in a browser
    except UnidentifiedImageError:
        raise ImageRefused(N_("it is not a PNG, JPEG, GIF or WebP picture")) from None
    except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombWarning,
            Image.DecompressionBombError) as exc:
        if isinstance(exc, ImageRefused):
            raise
        raise ImageRefused(N_("the picture is damaged or incomplete (%(detail)s)", detail=str(exc)[:80])) from None
    return IMAGE_TYPES[found]


def decode_base64(text: str) -> bytes | None:
    """Base64 as Moodle and data: URLs write it (line breaks allowed); None when it is not base64."""
    try:
        return base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError):
        return None


# Only measures how much of a GIFT text is pictures (GIFT escapes ':' and '=' with a backslash); nothing is
# parsed with it.
_DATA_URL = re.compile(r"data\\?:image/[\w.+-]+;base64,[A-Za-z0-9+/\\=\s]*")


def data_url_size(text: str) -> int:
    """How many characters of a text are data: image addresses (what the text-size limit leaves out)."""
    return sum(len(found.group()) for found in _DATA_URL.finditer(text))


def data_url_bytes(url: str) -> bytes | None:
    """The bytes of a `data:…;base64,…` URL; None for any other address (never fetched)."""
    head, _, body = url.partition(",")
    if not head.lower().startswith("data:") or not head.lower().endswith(";base64"):
        return None
    return decode_base64(body)


class ImageBin:
    """The images one imported file keeps, by sha256, within the set's total."""

    def __init__(self) -> None:
        self.media: dict[str, Media] = {}
        self.total = 0

    def add(self, name: str, data: bytes | None) -> tuple[str | None, Message | None]:
        """(sha256, None) when the image is kept; (None, a warning naming the image) when it is dropped."""
        if data is None:
            return None, N_("image %(name)s not kept: the file holds no picture under that name", name=name)
        sha = sha256_of(data)
        if sha in self.media:
            return sha, None
        try:
            mime = image_type(data)
        except ImageRefused as refused:
            return None, N_("image %(name)s dropped: %(reason)s; %(todo)s", name=name, reason=refused.reason,
                            todo=_DO)
        if self.total + len(data) > limits.MAX_SET_MEDIA_BYTES:
            return None, N_("image %(name)s dropped: the set's images would take more than %(max)s MB together; "
                            "use smaller pictures or split the file", name=name,
                            max=limits.MAX_SET_MEDIA_BYTES // _MB)
        self.media[sha] = Media(mime, data)
        self.total += len(data)
        return sha, None


@dataclass(frozen=True)
class ImageRef:
    src: str
    alt: str

    @property
    def name(self) -> str:
        """What a teacher calls the image: its file name, or the start of its address."""
        if self.src.startswith(PLUGINFILE):
            return unquote(self.src[len(PLUGINFILE):])
        if self.src.lower().startswith("data:"):
            return self.src.split(",", 1)[0]
        return self.src[:120] or "(no address)"


class _Images(HTMLParser):
    """Only reads the attributes of <img> tags: no HTML is ever written from what it finds."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[ImageRef] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            attributes = dict(attrs)
            self.found.append(ImageRef((attributes.get("src") or "").strip(), " ".join((attributes.get("alt") or "")
                                                                                      .split())[:300]))


def images_in(markup: str) -> list[ImageRef]:
    """The <img> tags of an HTML text, in order, with their address and alternative text."""
    if "<img" not in markup.lower():
        return []
    parser = _Images()
    parser.feed(markup)
    parser.close()
    return parser.found


def not_kept_address(ref: ImageRef) -> Message:
    return N_("image %(name)s not kept: the file gives only its address, and Chronoquiz never fetches pictures "
              "from the web; add the picture to the question after the import", name=ref.name)


def one_image_only(ref: ImageRef) -> Message:
    return N_("image %(name)s not kept: a question or an option shows one image, the first one", name=ref.name)


def export_name(sha: str, media: Media) -> str:
    """The file name an export gives an image: its digest (stable, unique) and the extension of its type."""
    extension = {"image/jpeg": "jpg"}.get(media.mime, media.mime.removeprefix("image/"))
    return f"{sha[:16]}.{extension}"


def picture_of(refs: list[ImageRef], bytes_of: Mapping[str, str | bytes], images: ImageBin,
               warnings: list[Message], handled: set[str]) -> tuple[str | None, str | None]:
    """The first image among `refs` that is kept, as (sha256, alt text); a warning for each one that is not.

    `bytes_of` maps the file names a format embeds (Moodle's <file>) to their bytes or base64; a data: URL
    carries its own bytes; any other address has none and is never fetched. `handled` collects the names
    reported here, so that the importer's generic "embedded file dropped" does not repeat them."""
    kept: tuple[str | None, str | None] = (None, None)
    for ref in refs:
        handled.update((ref.name, ref.src))
        if ref.src.lower().startswith("data:"):
            handled.add(UNNAMED)  # the sanitiser drops data: addresses, so markup.py names it only "an image"
        elif not ref.src.startswith(PLUGINFILE):
            warnings.append(not_kept_address(ref))
            continue
        if kept[0] is not None:
            warnings.append(one_image_only(ref))
            continue
        if ref.src.lower().startswith("data:"):
            data = data_url_bytes(ref.src)
        else:
            raw = bytes_of.get(ref.name)
            data = decode_base64(raw) if isinstance(raw, str) else raw
        sha, warning = images.add(ref.name, data)
        if warning is not None:
            warnings.append(warning)
        else:
            kept = (sha, ref.alt or None)
    return kept


moodle_picture = picture_of


def moodle_files(question: ET.Element) -> dict[str, str]:
    """The base64 text of each <file> a Moodle question embeds, by name (decoded only when an image uses it)."""
    return {file.get("name") or "": file.text or "" for file in question.iter("file")
            if (file.get("encoding") or "base64") == "base64"}


def media_size_in_xml(root: ET.Element) -> int:
    """How many characters of a Moodle file are embedded files (what the text-size limit leaves out)."""
    return sum(len(element.text or "") for element in root.iter() if element.tag in ("file", "image_base64"))


def moodle_picture_xml(sha: str | None, alt: str | None, media: Mapping[str, Media]) -> tuple[str, str]:
    """An image as Moodle writes it: an <img> with a @@PLUGINFILE@@ address in the text, and the <file>
    element that holds its bytes; ("", "") without an image (or when its bytes are not at hand)."""
    item = media.get(sha or "")
    if sha is None or item is None:
        return "", ""
    name = export_name(sha, item)
    img = f'<p><img src="{PLUGINFILE}{name}" alt="{html.escape(alt or "", quote=True)}" /></p>'
    encoded = base64.b64encode(item.data).decode("ascii")
    return img, f'      <file name="{name}" path="/" encoding="base64">{encoded}</file>\n'


def used_images(questions: Iterable[SetQuestion]) -> set[str]:
    """The digests of the images the questions (and their options) show."""
    found: set[str] = set()
    for question in questions:
        found.update(image for image in (question.image, *(o.image for o in question.options)) if image)
    return found


def used_media(questions: Iterable[SetQuestion], media: Mapping[str, Media]) -> dict[str, Media]:
    """The images the questions refer to (a skipped question's images are not kept)."""
    wanted = used_images(questions)
    return {sha: item for sha, item in media.items() if sha in wanted}


def images_not_exported(questions: Iterable[SetQuestion], format_label: str) -> list[ImportIssue]:
    """The export report's line for each question whose images a format cannot hold (GIFT, Kahoot, CSV)."""
    issues = []
    for number, question in enumerate(questions, start=1):
        count = bool(question.image) + sum(bool(option.image) for option in question.options)
        if count:
            issues.append(ImportIssue(N_("question %(num)s", num=number), Nn_(
                "%(num)s image not exported: %(format)s files cannot hold pictures",
                "%(num)s images not exported: %(format)s files cannot hold pictures", count, format=format_label)))
    return issues


def alt_for_pictures(questions: Iterable[SetQuestion]) -> tuple[SetQuestion, ...]:
    """For a format that cannot hold images: an option that is only a picture gets its alternative text (or its
    number) as its text, in the languages it lacks, so the question still reads and imports back."""
    def named(option: SetOption, number: int) -> SetOption:
        if option.image is None or (option.text_ar or option.text_en):
            return option
        text = option.image_alt or f"#{number}"
        return replace(option, text_ar=text, text_en=text)

    return tuple(replace(question, options=tuple(named(option, number) for number, option
                                                 in enumerate(question.options, start=1)))
                 for question in questions)
