"""One loader per resource: the current teacher's object, or a 404.

Load → check ownership → act: every view of the package gets its objects from here, so the ownership rule of
each resource is written once. A 404 rather than a 403, because even the existence of another teacher's class
or set is not theirs to know.
"""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from ...models import ArticleDraft, Assignment, Attempt, ChronologyDocument, Classroom, Membership, QuestionSet
from ...services import articles as article_service
from ...services import assignments as assignment_service
from ...services import classes as class_service
from ...services import question_sets as set_service
from ...services import results as results_service


def load_class(class_id: int) -> Classroom:
    """A class of this teacher (archived ones too)."""
    classroom = class_service.class_for_teacher(class_id, current_user.id)
    if classroom is None:
        abort(404)
    return classroom


def load_membership(classroom: Classroom, membership_id: int) -> Membership:
    """A student's place in a class already loaded with load_class."""
    membership = class_service.membership_of_class(classroom, membership_id)
    if membership is None:
        abort(404)
    return membership


def load_set(set_id: int, *, write: bool = True) -> QuestionSet:
    """A set this teacher may change (their own, not deleted) or, with write=False, read: their own or one a
    colleague shares."""
    question_set = set_service.set_for_teacher(set_id, current_user.id, write=write)
    if question_set is None:
        abort(404)
    return question_set


def load_assignment(assignment_id: int) -> Assignment:
    """An assignment given to one of this teacher's classes."""
    assignment = assignment_service.assignment_for_teacher(assignment_id, current_user.id)
    if assignment is None:
        abort(404)
    return assignment


def load_attempt(assignment: Assignment, attempt_id: int) -> Attempt:
    """A student's attempt at an assignment already loaded with load_assignment."""
    attempt = results_service.attempt_of_assignment(assignment, attempt_id)
    if attempt is None:
        abort(404)
    return attempt


def load_draft(draft_id: int) -> ArticleDraft:
    """An article this teacher brought and has not yet saved as a chronology."""
    draft = article_service.draft_for(draft_id, current_user.id)
    if draft is None:
        abort(404)
    return draft


def load_chronology(slug: str) -> ChronologyDocument:
    """A chronology this teacher made from an article (not the shipped one, not a colleague's)."""
    document = article_service.chronology_for_teacher(slug, current_user.id)
    if document is None:
        abort(404)
    return document
