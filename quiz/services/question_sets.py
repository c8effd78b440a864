"""Question sets: create, edit (versioned), duplicate, share, delete, and what a teacher may see."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import replace
from typing import Any

from sqlalchemy import func, or_

from ..authoring.from_generated import to_set_question
from ..authoring.model import (
    SetData,
    SetQuestion,
    question_from_dict,
    question_to_dict,
    set_from_dict,
    set_to_dict,
    validate_set,
)
from ..chronology.model import Chronology
from ..extensions import db
from ..generate import QuizRequest, generate_quiz
from ..models.assignment import Assignment
from ..models.attempt import Attempt
from ..models.live import LiveGame
from ..models.question_set import QuestionSet, SetVersion
from ..models.regrade import Regrade
from ..models.user import User
from . import media as media_service


def create_set(owner: User, data: SetData, now: dt.datetime) -> QuestionSet:
    validate_set(data)
    question_set = QuestionSet(owner_id=owner.id, shared=False, created_at=now)
    db.session.add(question_set)
    db.session.flush()
    _add_version(question_set, data, now)
    media_service.keep_media(question_set, data.media, now)
    return question_set


def _add_version(question_set: QuestionSet, data: SetData, now: dt.datetime) -> SetVersion:
    number = (question_set.versions[-1].number + 1) if question_set.versions else 1
    version = SetVersion(set_id=question_set.id, number=number, title=data.title, content=set_to_dict(data),
                         created_at=now)
    db.session.add(version)
    db.session.flush()
    db.session.refresh(question_set, ["versions"])
    return version


def content_of(version: SetVersion) -> SetData:
    return set_from_dict(version.content)


def content_with_media(version: SetVersion) -> SetData:
    """The content with its images' bytes, for an export."""
    return replace(content_of(version), media=media_service.media_of(version.question_set))


def version_has_attempts(version: SetVersion) -> bool:
    return db.session.execute(
        db.select(Attempt.id).join(Assignment, Attempt.assignment_id == Assignment.id)
        .where(Assignment.set_version_id == version.id).limit(1)
    ).first() is not None


def save_content(question_set: QuestionSet, data: SetData, now: dt.datetime) -> SetVersion:
    """Store new content. A version someone has answered is never changed: it gets a successor instead,
    and results keep pointing at the version that was answered."""
    validate_set(data)
    media_service.keep_media(question_set, data.media, now)
    latest = question_set.latest
    if version_has_attempts(latest):
        return _add_version(question_set, data, now)
    latest.title = data.title
    latest.content = set_to_dict(data)
    db.session.flush()
    return latest


def add_generated(question_set: QuestionSet, chronology: Chronology, request: QuizRequest, now: dt.datetime) -> int:
    """Add questions generated from `chronology` to the set as editable drafts; returns how many. The set keeps
    its languages: generated questions have both, which an Arabic-only (or English-only) set accepts; only the
    teacher changes a set's languages (settings). Raises the generator's InvalidRequest / NotEnoughEvents."""
    generated = generate_quiz(chronology, request)
    data = content_of(question_set.latest)
    questions = data.questions + tuple(to_set_question(q) for q in generated)
    save_content(question_set, replace(data, questions=questions), now)
    return len(generated)


def question_fingerprint(question: SetQuestion) -> str:
    """A short digest of a question's content: a confirmation form carries it, so that the same "Delete" sent
    twice (a double click) cannot delete the question that moved into its place."""
    text = json.dumps(question_to_dict(question), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def delete_question(question_set: QuestionSet, position: int, now: dt.datetime) -> dict[str, Any]:
    """Remove the question at `position` (from 0); returns what an undo needs to put it back."""
    data = content_of(question_set.latest)
    removed = data.questions[position]
    save_content(question_set, replace(data, questions=data.questions[:position] + data.questions[position + 1:]),
                 now)
    return {"set_id": question_set.id, "position": position, "question": question_to_dict(removed)}


def restore_question(question_set: QuestionSet, kept: dict[str, Any], now: dt.datetime) -> None:
    """Put a deleted question back where it was (at the end, if the set has fewer questions now)."""
    data = content_of(question_set.latest)
    position = min(kept["position"], len(data.questions))
    question = question_from_dict(kept["question"])
    save_content(question_set, replace(data, questions=data.questions[:position] + (question,)
                                       + data.questions[position:]), now)


def duplicate_set(question_set: QuestionSet, owner: User, now: dt.datetime, copy_suffix: str) -> QuestionSet:
    data = content_of(question_set.latest)
    copy = SetData(title=f"{data.title} {copy_suffix}"[:200], language=data.language, description=data.description,
                   grading_type=data.grading_type, questions=data.questions,
                   media=media_service.media_of(question_set))
    return create_set(owner, copy, now)


def delete_set(question_set: QuestionSet, now: dt.datetime) -> dict[str, object] | None:
    """Hidden at once, erased by `purge_deleted_sets` later: an undo can bring it back whole meanwhile, and the
    results of assignments that used it stay readable for good. Returns what the undo needs; None when it was
    deleted already (the same form sent twice)."""
    if question_set.deleted_at is not None:
        return None
    kept = {"set_id": question_set.id, "shared": bool(question_set.shared)}
    question_set.deleted_at = now
    question_set.shared = False
    db.session.flush()
    return kept


def restore_set(question_set: QuestionSet, kept: dict) -> None:
    """Undo a delete: the set is back as it was, shared again if it was."""
    question_set.deleted_at = None
    question_set.shared = bool(kept.get("shared"))


def set_at_stake(question_set: QuestionSet) -> tuple[int, int]:
    """What a delete would touch, for its confirmation page: (questions in the set, assignments using it)."""
    questions = len(content_of(question_set.latest).questions)
    assignments = db.session.execute(
        db.select(func.count(Assignment.id)).join(SetVersion).where(SetVersion.set_id == question_set.id,
                                                                    Assignment.deleted_at.is_(None))
    ).scalar_one()
    return questions, assignments


def purge_deleted_sets(before: dt.datetime) -> int:
    """Erase the sets deleted before `before` that nothing refers to. A set an assignment, a live lesson or a
    regrade used stays hidden instead: their results need its questions (and the database refuses anyway)."""
    used = db.select(SetVersion.set_id).where(or_(
        SetVersion.id.in_(db.select(Assignment.set_version_id)),
        SetVersion.id.in_(db.select(LiveGame.set_version_id)),
        SetVersion.id.in_(db.select(Regrade.from_version_id)),
        SetVersion.id.in_(db.select(Regrade.to_version_id)),
    ))
    doomed = list(db.session.execute(
        db.select(QuestionSet).where(QuestionSet.deleted_at.is_not(None), QuestionSet.deleted_at < before,
                                     QuestionSet.id.not_in(used))
    ).scalars())
    for question_set in doomed:
        db.session.delete(question_set)
    db.session.flush()
    return len(doomed)


def visible_sets(teacher_id: int) -> list[QuestionSet]:
    """The teacher's own sets and the sets other teachers share."""
    return list(db.session.execute(
        db.select(QuestionSet).where(
            QuestionSet.deleted_at.is_(None),
            or_(QuestionSet.owner_id == teacher_id, QuestionSet.shared.is_(True)),
        ).order_by(QuestionSet.created_at.desc())
    ).scalars())


def set_for_teacher(set_id: int, teacher_id: int, *, write: bool, deleted: bool = False) -> QuestionSet | None:
    """The set if this teacher may read it (own or shared) or, with write=True, change it (own only); a deleted
    one only with deleted=True (a delete sent twice must find it)."""
    question_set = db.session.get(QuestionSet, set_id)
    if question_set is None or question_set.deleted_at is not None and not deleted:
        return None
    if question_set.owner_id == teacher_id:
        return question_set
    if not write and question_set.shared:
        return question_set
    return None
