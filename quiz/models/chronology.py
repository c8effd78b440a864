"""Chronologies stored in the database: the shipped one, and later those teachers build from articles."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, CheckConstraint, DateTime, ForeignKey, String, func
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


class ChronologyDocument(db.Model):
    """One chronology as validated data (the file's content and the registry it was checked against).

    The content is kept whole, as the pure loader reads it, so the database and the YAML files can never
    disagree about what an event is: both go through `quiz.chronology.load.parse_chronology`.
    """

    __tablename__ = "chronology_document"
    __table_args__ = (
        CheckConstraint("origin IN ('shipped', 'teacher')", name="origin"),
        CheckConstraint("(origin = 'teacher') = (owner_id IS NOT NULL)", name="owner"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    origin: Mapped[str] = mapped_column(String(16))
    # A teacher's own chronology (built from an article) belongs to that teacher; shipped ones to nobody.
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), nullable=True,
                                                 index=True)
    title_ar: Mapped[str] = mapped_column(String(300))
    title_en: Mapped[str] = mapped_column(String(300))
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    content_hash: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )

    def __repr__(self) -> str:
        return f"<ChronologyDocument {self.slug} {self.content_hash[:8]}>"
