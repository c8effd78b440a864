"""The images of question sets: kept with the set (content-addressed), and shown only to whoever may see a
question that uses them (issue 17, item 4).

Who may see a set's images, the set's own rules: its owner; any teacher while it is shared (and not deleted);
the teacher of a class it was assigned to; a student of such a class (the class not archived, the assignment not
deleted; a class's live lesson records into an assignment of its own, so its players are covered too); a player
of a live lesson of the set (a guest by the player token on the device, or a signed-in player). Anyone else gets
nothing, not even whether the picture exists.
"""

from __future__ import annotations

import datetime as dt
from typing import Mapping, Sequence

from sqlalchemy import and_, exists, or_

from ..authoring.media import Media, sha256_of
from ..extensions import db
from ..interop import limits
from ..interop.media import ImageRefused, image_type
from ..messages import N_
from ..models.assignment import Assignment
from ..models.classroom import Classroom, Membership
from ..models.live import LiveGame, LivePlayer
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


def checked_upload(question_set: QuestionSet, data: bytes, pending: Mapping[str, Media] | None = None) -> Media:
    """A picture a teacher gives in the question editor, checked exactly as an imported one (its bytes by
    quiz.interop.media.image_type, one image's and the set's limits, counting the `pending` pictures of the
    same form); ImageRefused saying which limit it breaks. Nothing is stored here: `save_content` keeps it with
    the question that shows it."""
    mime = image_type(data)
    sha = sha256_of(data)
    sizes = dict(db.session.execute(db.select(SetMedia.sha256, SetMedia.size)
                                    .where(SetMedia.set_id == question_set.id)).all())
    for other, item in (pending or {}).items():
        sizes.setdefault(other, len(item.data))
    if sha not in sizes and sum(sizes.values()) + len(data) > limits.MAX_SET_MEDIA_BYTES:
        raise ImageRefused(N_("the set's pictures would take more than %(max)s MB together",
                              max=limits.MAX_SET_MEDIA_BYTES // (1024 * 1024)))
    return Media(mime, data)


def _may_see_set(user_id: int | None, is_teacher: bool, player_hashes: list[str]):  # noqa: ANN202 (SQL)
    played = exists().where(
        SetVersion.set_id == QuestionSet.id, LiveGame.set_version_id == SetVersion.id,
        LivePlayer.game_id == LiveGame.id,
        or_(LivePlayer.token_hash.in_(player_hashes), LivePlayer.user_id == (user_id or -1)),
    )
    if user_id is None:
        return played
    assigned = exists().where(
        SetVersion.set_id == QuestionSet.id, Assignment.set_version_id == SetVersion.id,
        Assignment.deleted_at.is_(None), Classroom.id == Assignment.classroom_id,
        or_(Classroom.teacher_id == user_id,
            and_(Classroom.archived_at.is_(None),
                 exists().where(Membership.classroom_id == Classroom.id, Membership.user_id == user_id))),
    )
    rules = [QuestionSet.owner_id == user_id, assigned, played]
    if is_teacher:
        rules.append(and_(QuestionSet.shared.is_(True), QuestionSet.deleted_at.is_(None)))
    return or_(*rules)


def visible_image(sha256: str, user_id: int | None, is_teacher: bool,
                  player_tokens: Sequence[str] = ()) -> SetMedia | None:
    """The stored image with this digest from a set this user (None: nobody signed in) or the live players whose
    device tokens are given may see; None otherwise."""
    if len(sha256) != 64 or (user_id is None and not player_tokens):
        return None
    from .live import token_hash  # here: services.live reaches this module through question_sets

    hashes = [token_hash(token) for token in player_tokens]
    return db.session.execute(
        db.select(SetMedia).join(QuestionSet, QuestionSet.id == SetMedia.set_id)
        .where(SetMedia.sha256 == sha256, _may_see_set(user_id, is_teacher, hashes)).limit(1)
    ).scalar_one_or_none()
