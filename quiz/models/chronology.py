"""Chronologies stored in the database: the shipped one, and later those teachers build from articles."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, CheckConstraint, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

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
    # A teacher's chronology keeps the article it was built from, so that events can be added from it later.
    article: Mapped[str | None] = mapped_column(Text, nullable=True)
    # The draft it was saved from: unique, so the same review sent twice saves one chronology, not two.
    from_draft: Mapped[int | None] = mapped_column(Integer, nullable=True, unique=True)

    versions: Mapped[list["ChronologyVersion"]] = relationship(
        back_populates="document", order_by="ChronologyVersion.number", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<ChronologyDocument {self.slug} {self.content_hash[:8]}>"


class ChronologyVersion(db.Model):
    """A teacher's chronology as one save left it: every save adds one, so an earlier state can be restored.

    Quizzes do not read these: attempts keep their served questions and sets their generated ones.
    """

    __tablename__ = "chronology_version"
    __table_args__ = (UniqueConstraint("chronology_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    chronology_id: Mapped[int] = mapped_column(ForeignKey("chronology_document.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    content_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    document: Mapped[ChronologyDocument] = relationship(back_populates="versions")
