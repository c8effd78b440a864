"""An article a teacher pasted or uploaded, kept while its extracted events are reviewed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


class ArticleDraft(db.Model):
    __tablename__ = "article_draft"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    default_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    # The extractor's candidates (Candidate.to_contract each), found once when the draft is made: the review
    # page reads them instead of extracting again on every view. None for drafts made before they were kept.
    candidates: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON, nullable=True)
    # The years neither the rules nor the second look read, [start, end, year] each, found with the candidates:
    # the review page marks them in the article. None for drafts made before they were kept (nothing marked).
    unread: Mapped[list[list[int]] | None] = mapped_column(JSON, nullable=True)
