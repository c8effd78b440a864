"""An assignment: one version of a set, given to one class, with its window, limits and review policy."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, CheckConstraint, DateTime, ForeignKey, Integer, String, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..scoring.grading_method import GRADING_METHODS  # noqa: F401 - the values the check constraint allows
from .classroom import Classroom
from .question_set import SetVersion

SHOW_ANSWERS = ("immediately", "after_submit", "after_close", "never")


class Assignment(db.Model):
    __tablename__ = "assignment"
    __table_args__ = (
        CheckConstraint("closes_at > opens_at", name="window"),
        CheckConstraint("time_limit_minutes IS NULL OR time_limit_minutes > 0", name="time_limit"),
        CheckConstraint("max_attempts >= 1", name="max_attempts"),
        CheckConstraint(
            "show_answers IN ('immediately', 'after_submit', 'after_close', 'never')", name="show_answers"
        ),
        CheckConstraint("grading_method IN ('highest', 'average', 'first', 'last')", name="grading_method"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classroom.id", ondelete="CASCADE"), index=True)
    set_version_id: Mapped[int] = mapped_column(ForeignKey("set_version.id", ondelete="RESTRICT"))
    title: Mapped[str] = mapped_column(String(200))
    opens_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    closes_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    time_limit_minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    max_attempts: Mapped[int] = mapped_column(Integer, default=1)
    shuffle_questions: Mapped[bool] = mapped_column(Boolean, default=True)
    shuffle_options: Mapped[bool] = mapped_column(Boolean, default=True)
    grading_type: Mapped[str] = mapped_column(String(40))
    show_answers: Mapped[str] = mapped_column(String(16), default="after_submit")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    # A live lesson's record (quiz.models.live.LiveGame.assignment_id): answered in the game, never started alone.
    live: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Which of a student's attempts make their grade (quiz.scoring.grading_method); Moodle's default.
    grading_method: Mapped[str] = mapped_column(String(8), default="highest", server_default="highest")
    # A soft delete: gone from every list, results kept until purged, so an undo can bring it back whole.
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    classroom: Mapped[Classroom] = relationship()
    set_version: Mapped[SetVersion] = relationship()
