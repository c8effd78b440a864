"""Undo records: what a teacher's destructive action took away, kept for a while so that it can be put back.

One table for every kind of action (quiz.services.undo): the payload is what the undo needs to restore, as plain
JSON. An undo applies once (`used_at`), only for the teacher who acted, and only until `expires_at`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, CheckConstraint, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db

UNDO_KINDS = ("delete_question", "remove_student", "archive_class", "new_class_code", "delete_assignment")


class UndoRecord(db.Model):
    __tablename__ = "undo_record"
    __table_args__ = (
        CheckConstraint("kind IN ('delete_question', 'remove_student', 'archive_class', 'new_class_code', "
                        "'delete_assignment', 'delete_set')", name="kind"),
        CheckConstraint("expires_at > created_at", name="expiry"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
