"""Undo for a teacher's destructive actions: one mechanism for all of them.

An action that takes something away (delete a question, a set or an assignment, remove a student, archive a class,
give a class a new code) records what it took in an UndoRecord; for UNDO_WINDOW the teacher who acted can put
it back, once. Applying claims the record with one conditional UPDATE, so an undo sent twice (a double click,
two tabs) restores once, whatever the timing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, cast

from sqlalchemy import CursorResult, delete, update

from ..authoring.model import SetValidationError
from ..clock import as_utc
from ..extensions import db
from ..models.assignment import Assignment
from ..models.classroom import Classroom
from ..models.question_set import QuestionSet
from ..models.undo import UndoRecord
from ..models.user import User
from . import assignments as assignment_service
from . import classes as class_service
from . import question_sets as set_service

UNDO_WINDOW = dt.timedelta(minutes=10)


class UndoError(ValueError):
    """Why an undo did nothing (a key the view translates): expired, used, gone (what it would restore no
    longer exists), name_taken (a new student has the removed one's name), code_taken (another class has
    the old code now), invalid (the deleted question no longer fits its set as it is now)."""


def record_undo(teacher: User, kind: str, payload: dict[str, Any], now: dt.datetime) -> UndoRecord:
    record = UndoRecord(teacher_id=teacher.id, kind=kind, payload=payload, created_at=now,
                        expires_at=now + UNDO_WINDOW)
    db.session.add(record)
    db.session.flush()
    return record


def purge_expired_undos(before: dt.datetime) -> int:
    """Forget undo records that expired before `before` (they can never be applied again)."""
    return cast("CursorResult[Any]", db.session.execute(
        delete(UndoRecord).where(UndoRecord.expires_at < before))).rowcount


def undo_for_teacher(undo_id: int, teacher_id: int) -> UndoRecord | None:
    """The undo record if this teacher made it (anyone else's does not exist, as far as they can tell)."""
    return db.session.execute(
        db.select(UndoRecord).filter_by(id=undo_id, teacher_id=teacher_id)
    ).scalar_one_or_none()


def apply_undo(record: UndoRecord, now: dt.datetime) -> None:
    """Put back what the action took, or raise UndoError. The caller commits (or rolls back on an error: the
    claim is undone with the rest)."""
    if record.used_at is not None:
        raise UndoError("used")
    if now >= as_utc(record.expires_at):  # type: ignore[operator]
        raise UndoError("expired")
    claimed = cast("CursorResult[Any]", db.session.execute(
        update(UndoRecord).where(UndoRecord.id == record.id, UndoRecord.used_at.is_(None)).values(used_at=now)
    )).rowcount
    if claimed != 1:
        raise UndoError("used")  # another request claimed it first
    try:
        _RESTORE[record.kind](record.payload, now)
    except class_service.ClassError as error:
        raise UndoError(str(error)) from error
    except SetValidationError as error:  # the set changed since so that the question no longer fits it
        raise UndoError("invalid") from error


def _owned(model: type, object_id: int) -> Any:
    found = db.session.get(model, object_id)
    if found is None or getattr(found, "deleted_at", None) is not None and model is QuestionSet:
        raise UndoError("gone")
    return found


def _restore_set(payload: dict[str, Any], now: dt.datetime) -> None:
    question_set = db.session.get(QuestionSet, payload["set_id"])
    if question_set is None:  # purged meanwhile
        raise UndoError("gone")
    set_service.restore_set(question_set, payload)


def _restore_question(payload: dict[str, Any], now: dt.datetime) -> None:
    set_service.restore_question(_owned(QuestionSet, payload["set_id"]), payload, now)


def _restore_student(payload: dict[str, Any], now: dt.datetime) -> None:
    class_service.restore_student(_owned(Classroom, payload["class_id"]), payload)


def _restore_class(payload: dict[str, Any], now: dt.datetime) -> None:
    _owned(Classroom, payload["class_id"]).archived_at = None


def _restore_code(payload: dict[str, Any], now: dt.datetime) -> None:
    class_service.restore_join_code(_owned(Classroom, payload["class_id"]), payload["old_code"])


def _restore_assignment(payload: dict[str, Any], now: dt.datetime) -> None:
    assignment_service.restore_assignment(_owned(Assignment, payload["assignment_id"]))


_RESTORE: dict[str, Callable[[dict[str, Any], dt.datetime], None]] = {
    "delete_question": _restore_question,
    "remove_student": _restore_student,
    "archive_class": _restore_class,
    "new_class_code": _restore_code,
    "delete_assignment": _restore_assignment,
    "delete_set": _restore_set,
}
