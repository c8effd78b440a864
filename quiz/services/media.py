"""The images of question sets: kept with the set (content-addressed), and shown only to whoever may see a
question that uses them (issue 17, item 4).

Who may see a set's images, the set's own rules: its owner; any teacher while it is shared (and not deleted);
the teacher of a class it was assigned to; a student of such a class (the class not archived, the assignment not
deleted; a class's live lesson records into an assignment of its own, so its players are covered too). Anyone
else gets nothing, not even whether the picture exists.
"""

from __future__ import annotations

import datetime as dt
from typing import Mapping

from sqlalchemy import and_, exists, or_

from ..authoring.media import Media
from ..extensions import db
from ..models.assignment import Assignment
from ..models.classroom import Classroom, Membership
from ..models.question_set import QuestionSet, SetVersion
from ..models.set_media import SetMedia


def keep_media(question_set: QuestionSet, media: Mapping[str, Media], now: dt.datetime) -> None:
    """Store the images a set's content names that it does not have yet (a new version re-uses the rows)."""
    if not media:
        return
    have = set(db.session.execute(db.select(SetMedia.sha256).where(
        SetMedia.set_id == question_set.id, SetMedia.sha256.in_(list(media)))).scalars())
    for sha, item in media.items():
        if sha not in have:
            db.session.add(SetMedia(set_id=question_set.id, sha256=sha, mime=item.mime, size=len(item.data),
                                    data=item.data, created_at=now))
    db.session.flush()


def media_of(question_set: QuestionSet) -> dict[str, Media]:
    """Every image stored with the set, for an export."""
    rows = db.session.execute(db.select(SetMedia).where(SetMedia.set_id == question_set.id)).scalars()
    return {row.sha256: Media(row.mime, row.data) for row in rows}



def _may_see_set(user_id: int, is_teacher: bool):  # noqa: ANN202 (a SQL condition on QuestionSet)
    assigned = exists().where(
        SetVersion.set_id == QuestionSet.id, Assignment.set_version_id == SetVersion.id,
        Assignment.deleted_at.is_(None), Classroom.id == Assignment.classroom_id,
        or_(Classroom.teacher_id == user_id,
            and_(Classroom.archived_at.is_(None),
                 exists().where(Membership.classroom_id == Classroom.id, Membership.user_id == user_id))),
    )
    rules = [QuestionSet.owner_id == user_id, assigned]
    if is_teacher:
        rules.append(and_(QuestionSet.shared.is_(True), QuestionSet.deleted_at.is_(None)))
    return or_(*rules)


def visible_image(sha256: str, user_id: int, is_teacher: bool) -> SetMedia | None:
    """The stored image with this digest from a set this user may see; None otherwise."""
    if len(sha256) != 64:
        return None
    return db.session.execute(
        db.select(SetMedia).join(QuestionSet, QuestionSet.id == SetMedia.set_id)
        .where(SetMedia.sha256 == sha256, _may_see_set(user_id, is_teacher)).limit(1)
    ).scalar_one_or_none()
