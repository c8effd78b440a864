"""Classes: create, join with a code, resume on another device, and the teacher's housekeeping."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from ..extensions import db
from ..models.classroom import Classroom, Membership
from ..models.user import User

# No look-alikes: no 0/O, 1/I/L, 2/Z, 5/S, 8/B, U/V.
CODE_ALPHABET = "ACDEFGHJKMNPQRTWXY34679"
JOIN_CODE_LENGTH = 6
RESUME_CODE_LENGTH = 10  # shown as XXXXX-XXXXX; 23**10 ≈ 4e13 codes


class ClassError(ValueError):
    """A join or resume that cannot go ahead; the message is a key the view translates."""


def _random_code(length: int) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def normalise_code(text: str) -> str:
    """What a person typed, as a code: upper case, without spaces or dashes."""
    return "".join(ch for ch in text.strip().upper() if ch not in " -")


def format_resume_code(code: str) -> str:
    return f"{code[:5]}-{code[5:]}"


def _hash(code: str) -> str:
    return hashlib.sha256(code.encode("ascii", "ignore")).hexdigest()


def _unique_join_code() -> str:
    while True:
        code = _random_code(JOIN_CODE_LENGTH)
        exists = db.session.execute(db.select(Classroom.id).filter_by(join_code=code)).first()
        if exists is None:
            return code


def create_class(teacher: User, name: str, now: dt.datetime) -> Classroom:
    classroom = Classroom(teacher_id=teacher.id, name=name.strip(), join_code=_unique_join_code(), created_at=now)
    db.session.add(classroom)
    db.session.flush()
    return classroom


def classes_of(teacher_id: int, *, archived: bool = False) -> list[Classroom]:
    query = db.select(Classroom).filter_by(teacher_id=teacher_id)
    query = query.where(Classroom.archived_at.is_not(None) if archived else Classroom.archived_at.is_(None))
    return list(db.session.execute(query.order_by(Classroom.created_at.desc())).scalars())


def class_for_teacher(class_id: int, teacher_id: int) -> Classroom | None:
    return db.session.execute(db.select(Classroom).filter_by(id=class_id, teacher_id=teacher_id)).scalar_one_or_none()


def find_by_join_code(code: str) -> Classroom | None:
    classroom = db.session.execute(
        db.select(Classroom).filter_by(join_code=normalise_code(code))
    ).scalar_one_or_none()
    return classroom if classroom is not None and not classroom.is_archived else None


def join_class(code: str, display_name: str, now: dt.datetime, *, user: User | None = None
               ) -> tuple[Membership, str | None]:
    """Join with the class code. A visitor gets a student account made on the spot; returns the membership
    and the resume code to show once (None when a logged-in learner joins: they already have a login)."""
    classroom = find_by_join_code(code)
    if classroom is None:
        raise ClassError("code")
    name = display_name.strip()
    if user is None:
        if not name:
            raise ClassError("name")
        user = User(username=f"s-{secrets.token_hex(6)}", display_name=name[:80], password_hash="!",
                    role="learner")
        db.session.add(user)
        db.session.flush()
    elif user.is_teacher:
        raise ClassError("teacher")
    existing = db.session.execute(
        db.select(Membership).filter_by(classroom_id=classroom.id, user_id=user.id)
    ).scalar_one_or_none()
    if existing is not None:
        return existing, None
    resume_code = _random_code(RESUME_CODE_LENGTH)
    membership = Membership(classroom_id=classroom.id, user_id=user.id, joined_at=now,
                            resume_code_hash=_hash(resume_code))
    db.session.add(membership)
    db.session.flush()
    return membership, (format_resume_code(resume_code) if user.password_hash == "!" else None)


def resume(code: str) -> Membership | None:
    """The membership a resume code belongs to (in a class that is not archived), or None."""
    membership = db.session.execute(
        db.select(Membership).filter_by(resume_code_hash=_hash(normalise_code(code)))
    ).scalar_one_or_none()
    if membership is None or membership.classroom.is_archived:
        return None
    return membership


def reissue_resume_code(membership: Membership) -> str:
    code = _random_code(RESUME_CODE_LENGTH)
    membership.resume_code_hash = _hash(code)
    db.session.flush()
    return format_resume_code(code)


def regenerate_join_code(classroom: Classroom) -> str:
    classroom.join_code = _unique_join_code()
    db.session.flush()
    return classroom.join_code


def membership_of_class(classroom: Classroom, membership_id: int) -> Membership | None:
    return db.session.execute(
        db.select(Membership).filter_by(id=membership_id, classroom_id=classroom.id)
    ).scalar_one_or_none()


def remove_student(membership: Membership) -> None:
    db.session.delete(membership)
    db.session.flush()


def memberships_of_student(user_id: int) -> list[Membership]:
    return list(db.session.execute(
        db.select(Membership).join(Classroom).where(Membership.user_id == user_id, Classroom.archived_at.is_(None))
    ).scalars())
