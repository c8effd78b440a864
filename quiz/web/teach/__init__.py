"""Teachers' pages: one blueprint, ``teach``, under /teach, with one guard and one loader per resource.

- ``__init__``   the blueprint and its guard. Every route of the package is for a logged-in teacher; the guard
                 runs before any view: someone not logged in goes to the log-in page, and a student or learner
                 gets a page (403) that says the pages are for teachers and how to get access
                 (``access.teacher_required``).
- ``loaders``    ``load_class``, ``load_membership``, ``load_set``, ``load_assignment``, ``load_attempt``,
                 ``load_draft``, ``load_chronology``: the current teacher's own object (or, to read, a set a
                 colleague shares), else a 404. Views load through these and never look an object up
                 themselves, so a teacher never reaches another teacher's class, set, results or article.
- ``classes``    the dashboard; a class: its join code and QR code, the projector view, its students, its
                 overview.
- ``sets``       question sets: the list, a new set, a set's page, settings, print, duplicate, delete, and the
                 wizard that generates questions from a chronology.
- ``questions``  the question editor inside a set: write, edit and delete one question.
- ``assignments`` a set given to a class, its results, one student's attempt, the results as CSV or Excel.
- ``live``       live lessons: start one from a set (or freshly generated questions), host it on the projector.
- ``regrades``   an assignment's answers scored again after its set was fixed: a preview first, then apply.
- ``articles``   an Arabic article pasted or uploaded → review of the dated events found → the teacher's own
                 chronology, which the generate wizard then offers.
- ``teacher_requests`` learners' requests for teacher access: the list, approve, decline.
- ``files``      sets in and out of files: import (Moodle XML, GIFT, Kahoot, CSV, native) with a preview
                 first, and export in each format; the format labels the templates show.
- ``undo``       confirm, then undo: the confirmation page of a destructive action, the flash with an Undo
                 button after it, and /teach/undo/<id> (quiz.services.undo).
- ``forms``      the forms of these pages, and ``require_button``, the CSRF check of a POST-only button.

Every change is a POST with CSRF; the views load, check, call one service, then redirect or render.
"""

from __future__ import annotations

from flask import Blueprint

from ..access import teacher_required

bp = Blueprint("teach", __name__, url_prefix="/teach")


@bp.before_request
@teacher_required
def require_teacher() -> None:
    """The one guard: teachers only, for every route of the package (nothing to do once a teacher is in)."""


# The route modules attach their views to bp; imported last, as they import bp from here.
from . import (  # noqa: E402, F401
    accommodations,
    articles,
    assignments,
    classes,
    files,
    live,
    questions,
    regrades,
    sets,
    teacher_requests,
    undo,
)
