"""The images of a set's questions (issue 17): content-addressed, one row per picture per set.

A question names its image by the sha256 of the bytes (quiz.authoring.media), so every version of a set
re-uses the same row, and a version that has been answered keeps showing its pictures after the set changes.
The type was checked from the bytes when the image came in (quiz.interop.media) and is what it is served as.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


class SetMedia(db.Model):
    __tablename__ = "set_media"
    __table_args__ = (UniqueConstraint("set_id", "sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    set_id: Mapped[int] = mapped_column(ForeignKey("question_set.id", ondelete="CASCADE"))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    mime: Mapped[str] = mapped_column(String(32))
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
