"""Classes: create, join with a code, resume on another device, and the teacher's housekeeping."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
import unicodedata
from typing import Any, cast

from flask import current_app
from sqlalchemy import CursorResult, update
from sqlalchemy.exc import IntegrityError

from ..clock import as_utc
from ..extensions import db
from ..models.classroom import Classroom, Membership
from ..models.user import User
from .accounts import end_sessions

# No look-alikes: no 0/O, 1/I/L, 2/Z, 5/S, 8/B, U/V.
CODE_ALPHABET = "ACDEFGHJKMNPQRTWXY34679"
JOIN_CODE_LENGTH = 6
RESUME_CODE_LENGTH = 10  # shown as XXXXX-XXXXX; 23**10 ≈ 4e13 codes
NAME_KEY_LENGTH = 160
# How long a join form sent again (a double click, a second tab, a retry after a lost connection) still
# gives back the student it made, personal code included. Later, the same name is refused as taken.
JOIN_REPLAY_WINDOW = dt.timedelta(minutes=10)
# Arabic marks a reader does not see as a different name: harakat, Quranic signs, the superscript alef,
# tatweel; and letters typed interchangeably: hamza forms of alef, alef maqsura and ya, final ta marbuta.
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})


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


def name_key(display_name: str) -> str:
    """A joining name as compared for duplicates in a class: «ليلى», «لَيْلى», «ليلي» and «ليـلى» are one name,
    so are "Sara" and "sara  "; "" when nothing readable is left."""
    text = unicodedata.normalize("NFKC", display_name)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")  # direction marks, zero widths
    text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_LETTERS).casefold()
    return " ".join(text.split())[:NAME_KEY_LENGTH]


def _join_resume_code(classroom_id: int, join_token: str) -> str:
    """The personal code of the student a join form makes: derived from the form's token with the app's
    secret, so that every request carrying the same form shows the same code, and only its hash is kept."""
    digest = hmac.new(current_app.config["SECRET_KEY"].encode(), f"join:{classroom_id}:{join_token}".encode(),
                      hashlib.sha256).digest()
    number = int.from_bytes(digest, "big")
    letters = []
    for _ in range(RESUME_CODE_LENGTH):
        number, index = divmod(number, len(CODE_ALPHABET))
        letters.append(CODE_ALPHABET[index])
    return "".join(letters)


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


def join_class(code: str, display_name: str, now: dt.datetime, *, user: User | None = None,
               join_token: str | None = None) -> tuple[Membership, str | None]:
    """Join with the class code. A visitor gets a student account made on the spot; returns the membership
    and the resume code to show (None when a logged-in learner joins: they already have a login).

    `join_token` is the join form's one-time token. The same form sent again (a double click, two tabs, a
    retry) gives back the same student and, within JOIN_REPLAY_WINDOW, the same resume code, however the
    requests interleave: the database's unique keys decide (see Membership). A visitor whose name is
    already taken in the class is refused (ClassError "name_taken").

    Must be the first write of its transaction: when a concurrent request wins a unique key, the session is
    rolled back to read the winner."""
    classroom = find_by_join_code(code)
    if classroom is None:
        raise ClassError("code")
    name = display_name.strip()
    key = name_key(name)
    if user is None and not key:
        raise ClassError("name")
    if user is not None and user.is_teacher:
        raise ClassError("teacher")
    token_hash = _hash(join_token) if join_token else None
    earlier = _by_token(classroom, token_hash) if token_hash else None
    if earlier is not None:
        replayed = _replay(earlier, join_token, user, key, now)
        if replayed is not None:
            return replayed
    try:
        # A form that made another join before (another name; too late to replay) joins without its token.
        return _join(classroom, name, key, now, user, None if earlier else token_hash, join_token)
    except IntegrityError:
        # A request that ran alongside committed first: its row was invisible to the checks above and now
        # blocks ours.
        db.session.rollback()
    except ClassError as error:
        if str(error) != "name_taken":  # (the name may have been taken by this very submission, just now)
            raise
    # Read what the other request made (the same submission: the same student) or why we cannot join.
    winner = _by_token(classroom, token_hash) if token_hash and earlier is None else None
    replayed = _replay(winner, join_token, user, key, now) if winner is not None else None
    if replayed is not None:
        return replayed
    if user is None and _name_taken(classroom, key):
        raise ClassError("name_taken")
    if user is not None:
        existing = _membership_of(classroom, user)
        if existing is not None:
            return existing, None
    raise ClassError("busy")


def _by_token(classroom: Classroom, token_hash: str) -> Membership | None:
    return db.session.execute(
        db.select(Membership).filter_by(classroom_id=classroom.id, join_token_hash=token_hash)
    ).scalar_one_or_none()


def _membership_of(classroom: Classroom, user: User) -> Membership | None:
    return db.session.execute(
        db.select(Membership).filter_by(classroom_id=classroom.id, user_id=user.id)
    ).scalar_one_or_none()


def _name_taken(classroom: Classroom, key: str) -> bool:
    return db.session.execute(
        db.select(Membership.id).filter_by(classroom_id=classroom.id, name_key=key)
    ).first() is not None


def _replay(membership: Membership, join_token: str, user: User | None, key: str, now: dt.datetime
            ) -> tuple[Membership, str | None] | None:
    """`membership` (the one this join form's token made) if this very submission made it: the same name
    (or the same logged-in learner), recently enough; with its resume code while it can still be shown."""
    recent = as_utc(membership.joined_at) + JOIN_REPLAY_WINDOW >= now
    if user is None:
        if membership.name_key != key or not recent:
            return None
    elif membership.user_id != user.id:
        return None
    code = _join_resume_code(membership.classroom_id, join_token)
    shown = (recent and membership.user.password_hash == "!"  # a code-only student: the code is their login
             and hmac.compare_digest(membership.resume_code_hash, _hash(code)))  # not reissued since
    return membership, (format_resume_code(code) if shown else None)


def _join(classroom: Classroom, name: str, key: str, now: dt.datetime, user: User | None, token_hash: str | None,
          join_token: str | None) -> tuple[Membership, str | None]:
    if user is None:
        if _name_taken(classroom, key):
            raise ClassError("name_taken")
        user = User(username=f"s-{secrets.token_hex(6)}", display_name=name[:80], password_hash="!",
                    role="learner")
        db.session.add(user)
        db.session.flush()
        joined_as = key
    else:
        existing = _membership_of(classroom, user)
        if existing is not None:
            return existing, None
        joined_as = None  # a learner with an account is in the class under the account's name
    resume_code = _join_resume_code(classroom.id, join_token) if token_hash and join_token else \
        _random_code(RESUME_CODE_LENGTH)
    membership = Membership(classroom_id=classroom.id, user_id=user.id, joined_at=now,
                            resume_code_hash=_hash(resume_code), join_token_hash=token_hash, name_key=joined_as)
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
    """A new personal code; the old one stops working, and so does every device logged in as the student (a
    new code is what a teacher gives when a code or a phone went astray)."""
    code = _random_code(RESUME_CODE_LENGTH)
    membership.resume_code_hash = _hash(code)
    db.session.flush()
    end_sessions(membership.user_id)
    return format_resume_code(code)


def regenerate_join_code(classroom: Classroom, replacing: str | None = None) -> str | None:
    """A new join code. With `replacing`, only if the class still has that code (one conditional UPDATE: the
    same confirmation sent twice, even at once, changes the code once); None when it did nothing."""
    code = _unique_join_code()
    query = update(Classroom).where(Classroom.id == classroom.id)
    if replacing is not None:
        query = query.where(Classroom.join_code == replacing)
    changed = cast("CursorResult[Any]", db.session.execute(
        query.values(join_code=code).execution_options(synchronize_session=False))).rowcount == 1
    db.session.refresh(classroom, ["join_code"])
    return code if changed else None


def archive_class(classroom: Classroom, now: dt.datetime) -> bool:
    """Archive the class; False if it was archived already (by this same request sent twice, say)."""
    archived = cast("CursorResult[Any]", db.session.execute(
        update(Classroom).where(Classroom.id == classroom.id, Classroom.archived_at.is_(None))
        .values(archived_at=now).execution_options(synchronize_session=False))).rowcount == 1
    db.session.refresh(classroom, ["archived_at"])
    return archived


def membership_of_class(classroom: Classroom, membership_id: int) -> Membership | None:
    return db.session.execute(
        db.select(Membership).filter_by(id=membership_id, classroom_id=classroom.id)
    ).scalar_one_or_none()


def remove_student(membership: Membership) -> dict[str, object]:
    """Take a student out of the class; returns what an undo needs to put them back. Their attempts stay (the
    assignments' results list them as removed), and so does their account; every device logged in as them is
    logged out. (An undo puts the membership back but not those sessions: the student logs in again with
    their personal code, which the undo restores.)"""
    kept = {"class_id": membership.classroom_id, "user_id": membership.user_id,
            "joined_at": as_utc(membership.joined_at).isoformat(),  # type: ignore[union-attr]
            "resume_code_hash": membership.resume_code_hash, "join_token_hash": membership.join_token_hash,
            "name_key": membership.name_key}
    user_id = membership.user_id
    db.session.delete(membership)
    db.session.flush()
    end_sessions(user_id)
    return kept


def restore_student(classroom: Classroom, kept: dict) -> None:
    """Put a removed student back as they were (same name, same personal code). ClassError "name_taken" if a
    new student took the name meanwhile, "gone" if the account no longer exists; nothing to do if they have
    joined again."""
    user = db.session.get(User, kept["user_id"])
    if user is None:
        raise ClassError("gone")
    if _membership_of(classroom, user) is not None:
        return
    if kept["name_key"] and _name_taken(classroom, kept["name_key"]):
        raise ClassError("name_taken")
    code_in_use = db.session.execute(
        db.select(Membership.id).filter_by(resume_code_hash=kept["resume_code_hash"])).first()
    db.session.add(Membership(
        classroom_id=classroom.id, user_id=user.id, joined_at=dt.datetime.fromisoformat(kept["joined_at"]),
        # (a personal code cannot be in use twice; should it be, the student asks the teacher for a new one)
        resume_code_hash=kept["resume_code_hash"] if code_in_use is None else _hash(_random_code(RESUME_CODE_LENGTH)),
        join_token_hash=kept["join_token_hash"], name_key=kept["name_key"]))
    db.session.flush()


def restore_join_code(classroom: Classroom, code: str) -> None:
    """Bring an old join code back; ClassError "code_taken" if another class has it now."""
    if classroom.join_code == code:
        return
    taken = db.session.execute(db.select(Classroom.id).filter_by(join_code=code)).first()
    if taken is not None:
        raise ClassError("code_taken")
    classroom.join_code = code
    db.session.flush()


def memberships_of_student(user_id: int) -> list[Membership]:
    return list(db.session.execute(
        db.select(Membership).join(Classroom).where(Membership.user_id == user_id, Classroom.archived_at.is_(None))
    ).scalars())
