"""Accommodations as stored: set and clear them, and read the rules they make for one student.

Rules and ranges live in quiz.scoring.accommodations (pure); this module only reads and writes rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, or_

from ..clock import as_utc
from ..extensions import db
from ..models.accommodation import Accommodation as AccommodationRow
from ..models.assignment import Assignment
from ..models.attempt import Attempt
from ..models.classroom import Classroom, Membership
from ..scoring.accommodations import (
    Accommodation,
    AccommodationError,
    AssignmentRules,
    EffectiveRules,
    check,
    effective_rules,
)

_FIELDS = ("time_multiplier", "extra_minutes", "extra_attempts", "closes_at", "max_options", "read_aloud")

__all__ = ["AccommodationError", "StudentAccommodations", "extended_since", "in_live_lesson", "last_close",
           "of_assignment", "of_class", "rules_for", "rules_for_each", "rules_of", "save", "self_study"]


def _plain(row: AccommodationRow | None) -> Accommodation | None:
    if row is None:
        return None
    values = {name: getattr(row, name) for name in _FIELDS}
    values["closes_at"] = as_utc(row.closes_at)
    return Accommodation(**values)


def _row(classroom_id: int, user_id: int, assignment_id: int | None) -> AccommodationRow | None:
    return db.session.execute(db.select(AccommodationRow).filter_by(
        classroom_id=classroom_id, user_id=user_id, assignment_id=assignment_id)).scalar_one_or_none()


def save(membership: Membership, assignment: Assignment | None, values: Accommodation,
         now: dt.datetime) -> AccommodationRow | None:
    """Set the student's accommodation in the class or for one assignment of it; all fields empty clears it.
    AccommodationError (nothing changed) when a value is out of range or the close date is not later than the
    assignment's own."""
    check(values, closes_after=as_utc(assignment.closes_at) if assignment is not None else None)
    # The membership's lock makes two saves of one student's accommodation queue (PostgreSQL; SQLite's
    # writing transaction already does), so a double submission updates the one row.
    db.session.execute(db.select(Membership.id).where(Membership.id == membership.id).with_for_update())
    assignment_id = assignment.id if assignment is not None else None
    row = _row(membership.classroom_id, membership.user_id, assignment_id)
    if values.is_empty:
        if row is not None:
            db.session.delete(row)
            db.session.flush()
        return None
    if row is None:
        row = AccommodationRow(classroom_id=membership.classroom_id, user_id=membership.user_id,
                               assignment_id=assignment_id)
        db.session.add(row)
    for name in _FIELDS:
        setattr(row, name, getattr(values, name))
    # Off is a choice only over the class's (an assignment's override); in a class, off is simply not set.
    row.read_aloud = values.read_aloud if assignment is not None else values.read_aloud or None
    row.updated_at = now
    db.session.flush()
    _extend_running_attempts(membership, assignment, now)
    return row


def _extend_running_attempts(membership: Membership, assignment: Assignment | None, now: dt.datetime) -> None:
    """Give an attempt in progress the time its student now has: more, never less (an attempt keeps the rules it
    started under otherwise). One whose time is already up stays over."""
    query = (db.select(Attempt, Assignment).join(Assignment, Assignment.id == Attempt.assignment_id)
             .where(Attempt.user_id == membership.user_id, Attempt.finished_at.is_(None), Attempt.kind == "assignment",
                    Assignment.classroom_id == membership.classroom_id))
    if assignment is not None:
        query = query.where(Assignment.id == assignment.id)
    for attempt, its_assignment in db.session.execute(query.with_for_update(of=Attempt)).all():
        deadline = as_utc(attempt.deadline_at)
        if deadline is None or deadline <= now:
            continue
        extended = rules_for(its_assignment, membership.user_id).deadline(as_utc(attempt.started_at))  # type: ignore[arg-type]
        if extended > deadline:
            attempt.deadline_at = extended
    db.session.flush()


def rules_of(assignment: Assignment) -> AssignmentRules:
    return AssignmentRules(opens_at=as_utc(assignment.opens_at), closes_at=as_utc(assignment.closes_at),  # type: ignore[arg-type]
                           time_limit_minutes=assignment.time_limit_minutes, max_attempts=assignment.max_attempts)


def rules_for(assignment: Assignment, user_id: int) -> EffectiveRules:
    """The rules this student works under in this assignment: its own, with their accommodations."""
    rows = db.session.execute(db.select(AccommodationRow).where(
        AccommodationRow.classroom_id == assignment.classroom_id, AccommodationRow.user_id == user_id,
        or_(AccommodationRow.assignment_id.is_(None), AccommodationRow.assignment_id == assignment.id),
    )).scalars().all()
    in_class = next((_plain(r) for r in rows if r.assignment_id is None), None)
    for_assignment = next((_plain(r) for r in rows if r.assignment_id is not None), None)
    return effective_rules(rules_of(assignment), in_class, for_assignment)


def rules_for_each(assignments: list[Assignment], user_id: int) -> dict[int, EffectiveRules]:
    """`rules_for` of each assignment (by id), in one statement: the student's home lists them all."""
    rows = db.session.execute(db.select(AccommodationRow).where(
        AccommodationRow.user_id == user_id,
        AccommodationRow.classroom_id.in_({a.classroom_id for a in assignments}),
    )).scalars().all()
    in_class = {r.classroom_id: _plain(r) for r in rows if r.assignment_id is None}
    for_assignment = {r.assignment_id: _plain(r) for r in rows if r.assignment_id is not None}
    return {a.id: effective_rules(rules_of(a), in_class.get(a.classroom_id), for_assignment.get(a.id))
            for a in assignments}


def extended_since(user_id: Any, since: Any) -> Select:
    """The ids of assignments whose close this student has had moved to after `since` (a subquery)."""
    return db.select(AccommodationRow.assignment_id).where(
        AccommodationRow.user_id == user_id, AccommodationRow.closes_at > since)


@dataclass(frozen=True)
class StudentAccommodations:
    """One student's accommodations as a teacher's page shows them."""

    in_class: Accommodation | None
    for_assignment: Accommodation | None = None

    @property
    def combined(self) -> Accommodation | None:
        if self.for_assignment is None:
            return self.in_class
        return self.for_assignment.over(self.in_class)


def last_close(assignment: Assignment) -> dt.datetime:
    """When the assignment has closed for everyone: its own close, or the latest a student was given."""
    latest = db.session.execute(db.select(db.func.max(AccommodationRow.closes_at))
                                .where(AccommodationRow.assignment_id == assignment.id)).scalar_one_or_none()
    own = as_utc(assignment.closes_at)
    return max(own, as_utc(latest)) if latest is not None else own  # type: ignore[type-var, return-value]


def of_class(classroom_id: int) -> dict[int, StudentAccommodations]:
    """Class-level accommodations by student (user id)."""
    rows = db.session.execute(db.select(AccommodationRow).filter_by(classroom_id=classroom_id, assignment_id=None))
    return {r.user_id: StudentAccommodations(_plain(r)) for r in rows.scalars()}


def of_assignment(assignment: Assignment) -> dict[int, StudentAccommodations]:
    """Each accommodated student's class-level and assignment-level accommodations (user id)."""
    rows = db.session.execute(db.select(AccommodationRow).where(
        AccommodationRow.classroom_id == assignment.classroom_id,
        or_(AccommodationRow.assignment_id.is_(None), AccommodationRow.assignment_id == assignment.id),
    )).scalars().all()
    users = {r.user_id for r in rows}
    return {u: StudentAccommodations(
        next((_plain(r) for r in rows if r.user_id == u and r.assignment_id is None), None),
        next((_plain(r) for r in rows if r.user_id == u and r.assignment_id is not None), None)) for u in users}


def self_study(user_id: int) -> Accommodation | None:
    """What follows the student into practice, review and live lessons outside an assignment: from their
    classes' class-level accommodations, the fewest options any class set and read-aloud if any class set it."""
    rows = db.session.execute(
        db.select(AccommodationRow.max_options, AccommodationRow.read_aloud)
        .join(Classroom, Classroom.id == AccommodationRow.classroom_id)
        .join(Membership, (Membership.classroom_id == Classroom.id) & (Membership.user_id == user_id))
        .where(AccommodationRow.user_id == user_id, AccommodationRow.assignment_id.is_(None),
               Classroom.archived_at.is_(None))
    ).all()
    options = [r.max_options for r in rows if r.max_options is not None]
    found = Accommodation(max_options=min(options) if options else None,
                          read_aloud=any(r.read_aloud for r in rows) or None)
    return None if found.is_empty else found


def in_live_lesson(user_id: int, assignment_id: int | None) -> Accommodation | None:
    """What follows a signed-in student into a live lesson: fewer options and read-aloud (its questions share one
    timer on the projector, so extra time cannot follow). A class's lesson is its assignment's rules; any other
    lesson, what follows them into self-study."""
    assignment = db.session.get(Assignment, assignment_id) if assignment_id is not None else None
    if assignment is None:
        return self_study(user_id)
    found = rules_for(assignment, user_id)
    plain = Accommodation(max_options=found.max_options, read_aloud=found.read_aloud or None)
    return None if plain.is_empty else plain
