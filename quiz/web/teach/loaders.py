"""One loader per resource: the current teacher's object, or a 404.

Load → check ownership → act: every view of the package gets its objects from here, so the ownership rule of
each resource is written once. A 404 rather than a 403, because even the existence of another teacher's class
or set is not theirs to know.
"""

from __future__ import annotations

from typing import TypeVar

from flask import abort
from flask_login import current_user

from ...models import (
    ArticleDraft,
    Assignment,
    Attempt,
    ChronologyDocument,
    Classroom,
    Membership,
    QuestionSet,
    UndoRecord,
)
from ...services import articles as article_service
from ...services import assignments as assignment_service
from ...services import classes as class_service
from ...services import question_sets as set_service
from ...services import results as results_service
from ...services import undo as undo_service

T = TypeVar("T")


def load_class(class_id: int) -> Classroom:
    """A class of this teacher (archived ones too)."""
    return _found(class_service.class_for_teacher(class_id, current_user.id))


def load_membership(classroom: Classroom, membership_id: int) -> Membership:
    """A student's place in a class already loaded with load_class."""
    return _found(class_service.membership_of_class(classroom, membership_id))


def find_membership(classroom: Classroom, membership_id: int) -> Membership | None:
    """Like load_membership, but None when it is not there (a removal sent twice finds nobody the second time)."""
    return class_service.membership_of_class(classroom, membership_id)


def load_set(set_id: int, *, write: bool = True, deleted: bool = False) -> QuestionSet:
    """A set this teacher may change (their own, not deleted unless deleted=True) or, with write=False, read:
    their own or one a colleague shares."""
    return _found(set_service.set_for_teacher(set_id, current_user.id, write=write, deleted=deleted))


def load_assignment(assignment_id: int, *, deleted: bool = False) -> Assignment:
    """An assignment given to one of this teacher's classes (not deleted, unless deleted=True)."""
    return _found(assignment_service.assignment_for_teacher(assignment_id, current_user.id, deleted=deleted))


def load_undo(undo_id: int) -> UndoRecord:
    """An undo of an action this teacher took (only the teacher who acted may undo it)."""
    return _found(undo_service.undo_for_teacher(undo_id, current_user.id))


def load_attempt(assignment: Assignment, attempt_id: int) -> Attempt:
    """A student's attempt at an assignment already loaded with load_assignment."""
    return _found(results_service.attempt_of_assignment(assignment, attempt_id))


def load_draft(draft_id: int) -> ArticleDraft:
    """An article this teacher brought and has not yet saved as a chronology."""
    return _found(article_service.draft_for(draft_id, current_user.id))


def load_chronology(slug: str) -> ChronologyDocument:
    """A chronology this teacher made from an article (not the shipped one, not a colleague's)."""
    return _found(article_service.chronology_for_teacher(slug, current_user.id))



def _found(resource: T | None) -> T:
    """The resource, or a 404: what is not this teacher's does not exist, as far as they can tell."""
    if resource is None:
        abort(404)
    return resource
