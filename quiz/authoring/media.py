"""An image a question or an option shows: its bytes and their checked type, named by their sha256.

A question refers to an image by the sha256 of its bytes (`SetQuestion.image`), so the same picture used
twice, or kept through several versions of a set, is stored once; the bytes travel beside the questions in
`SetData.media` when a set is imported or exported, and live in the `set_media` table once saved.
The type is checked from the bytes by quiz.interop.media before an image gets here.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

IMAGE_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp"}
"""The formats a question image may have (Pillow's names → the MIME type it is served with). No SVG: it can
carry scripts and links."""


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Media:
    mime: str
    data: bytes

    @property
    def sha256(self) -> str:
        return sha256_of(self.data)
