"""What a teacher sees after an assignment: students' scores, item analysis, the class overview, exports."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from dataclasses import dataclass, replace
from typing import Any

from flask import current_app

from ..authoring.serve import serve_set
from ..clock import as_utc
from ..extensions import db
from ..interop.cells import append_row, safe_cell
from ..models.assignment import Assignment
from ..models.attempt import Attempt
from ..models.classroom import Classroom, Membership
from ..models.user import User
from ..scoring.analysis import AttemptScores, ItemStats, item_statistics, trend
from ..scoring.answer_types import answer_type
from ..scoring.served import ServedQuestion
from .assignments import close_if_overdue, student_grade
from .attempts import served_questions
from .question_sets import content_of

STATUS_NOT_STARTED, STATUS_IN_PROGRESS, STATUS_FINISHED = "not_started", "in_progress", "finished"


@dataclass(frozen=True)
class StudentRow:
    membership_id: int | None  # None: a student removed from the class, whose attempts are kept
    user_id: int
    name: str
    attempts: int
    score: float | None  # 0..1, by the assignment's grading method (quiz.scoring.grading_method)
    graded_attempt_id: int | None  # the attempt that gives the score (for the average: the latest finished)
    time_seconds: int | None  # of that attempt, from start to finish
    status: str

    @property
    def in_class(self) -> bool:
        return self.membership_id is not None


@dataclass(frozen=True)
class AssignmentResults:
    assignment: Assignment
    students: list[StudentRow]
    questions: list[ServedQuestion]  # in the set's order, options too, with the first attempt's option ids
    items: list[ItemStats]

    @property
    def finished(self) -> list[StudentRow]:
        return [s for s in self.students if s.score is not None]

    @property
    def average(self) -> float | None:
        scores = [s.score for s in self.students if s.score is not None]
        return sum(scores) / len(scores) if scores else None


def _seconds(attempt: Attempt) -> int | None:
    if attempt.finished_at is None:
        return None
    return max(0, int((as_utc(attempt.finished_at) - as_utc(attempt.started_at)).total_seconds()))


def _fractions(attempt: Attempt, canonical: list[ServedQuestion]) -> AttemptScores:
    """One attempt's scores, its answers written with the canonical questions' option ids.

    Every attempt has its own option ids (a retake must not reuse them); an option's place in the set is the
    same for everyone, so answers are translated through it and item analysis counts like with like.
    """
    ids_by_place = {q.id: {o.set_index: o.id for o in q.options} for q in canonical}
    own = {q.id: {o.id: o.set_index for o in q.options} for q in served_questions(attempt)}

    def translate(question_id: str, option: str) -> str:
        place = own.get(question_id, {}).get(option)
        return ids_by_place.get(question_id, {}).get(place, option)

    fractions = {r.question_id: r.fraction for r in attempt.responses}
    answers = {r.question_id: (translate(r.question_id, r.answer) if isinstance(r.answer, str)
                               else [translate(r.question_id, a) for a in r.answer])
               for r in attempt.responses}
    return AttemptScores(fractions, answers)


def assignment_results(assignment: Assignment, now: dt.datetime) -> AssignmentResults:
    """Every student's score by the assignment's grading method: the class's students, then those removed from
    the class who made attempts (their results stay in the record)."""
    members = list(db.session.execute(
        db.select(Membership).filter_by(classroom_id=assignment.classroom_id)
        .order_by(Membership.joined_at, Membership.id)
    ).scalars())
    by_user: dict[int, list[Attempt]] = {}
    for attempt in db.session.execute(
        db.select(Attempt).filter_by(assignment_id=assignment.id).order_by(Attempt.started_at, Attempt.id)
    ).scalars():
        close_if_overdue(attempt, now)
        by_user.setdefault(attempt.user_id, []).append(attempt)
    people: list[tuple[int | None, User]] = [(m.id, m.user) for m in members]
    in_class = {m.user_id for m in members}
    former = [user_id for user_id in by_user if user_id not in in_class]  # by their first attempt
    if former:
        users = {u.id: u for u in db.session.execute(db.select(User).where(User.id.in_(former))).scalars()}
        people += [(None, users[user_id]) for user_id in former]
    rows: list[StudentRow] = []
    first_attempts: list[Attempt] = []
    for membership_id, user in people:
        attempts = by_user.get(user.id, [])
        finished = [a for a in attempts if a.is_finished]
        if finished:
            first_attempts.append(finished[0])  # item statistics use each student's first attempt (Moodle's default)
        graded = student_grade(assignment, attempts)
        graded_attempt = next((a for a in finished if graded and a.id == graded.attempt_id), None)
        status = (STATUS_FINISHED if finished and len(finished) == len(attempts)
                  else STATUS_IN_PROGRESS if attempts else STATUS_NOT_STARTED)
        rows.append(StudentRow(membership_id, user.id, user.display_name, len(attempts),
                               graded.score if graded else None, graded.attempt_id if graded else None,
                               _seconds(graded_attempt) if graded_attempt else None, status))
    questions = _questions_in_set_order(assignment, first_attempts)
    items = item_statistics([q.id for q in questions], {q.id: q.key for q in questions},
                            [_fractions(a, questions) for a in first_attempts])
    return AssignmentResults(assignment, rows, questions, items)


def _questions_in_set_order(assignment: Assignment, attempts: list[Attempt]) -> list[ServedQuestion]:
    """The assignment's questions in the set's own order, options too.

    Taken from a stored attempt when there is one (what students answered, whatever happened to the set or the
    secret key since); built afresh otherwise.
    """
    if attempts:
        # The first attempt with every option: a student with fewer options (an accommodation) saw only some.
        served = served_questions(max(attempts, key=_options_shown))
    else:
        served = serve_set(content_of(assignment.set_version), assignment.set_version_id, random.Random(0),
                           shuffle_questions=False, shuffle_options=False, secret=current_app.config["SECRET_KEY"])
    in_order = sorted(served, key=lambda q: q.set_index or 0)
    return [replace(q, options=tuple(sorted(q.options, key=lambda o: o.set_index or 0))) for q in in_order]


def _options_shown(attempt: Attempt) -> int:
    return sum(len(q.options) for q in served_questions(attempt))


def attempt_of_assignment(assignment: Assignment, attempt_id: int) -> Attempt | None:
    return db.session.execute(
        db.select(Attempt).filter_by(id=attempt_id, assignment_id=assignment.id)
    ).scalar_one_or_none()


@dataclass(frozen=True)
class OverviewRow:
    name: str
    scores: list[float | None]  # per assignment, oldest first (None: not done)
    average: float | None
    trend: float | None


def class_overview(classroom: Classroom, now: dt.datetime) -> tuple[list[Assignment], list[OverviewRow]]:
    assignments = list(db.session.execute(
        db.select(Assignment).filter_by(classroom_id=classroom.id, deleted_at=None).order_by(Assignment.opens_at)
    ).scalars())
    results = [assignment_results(a, now) for a in assignments]
    rows = []
    for membership in classroom.memberships:
        scores = []
        for result in results:
            row = next((s for s in result.students if s.user_id == membership.user_id), None)
            scores.append(row.score if row else None)
        done = [s for s in scores if s is not None]
        rows.append(OverviewRow(membership.user.display_name, scores,
                                sum(done) / len(done) if done else None, trend(done)))
    return assignments, rows


# -- exports -------------------------------------------------------------------------------------------


def _table(results: AssignmentResults, labels: dict[str, str]) -> list[list[Any]]:
    """The results as rows; the score column's header names the grading method (labels["score"] has
    %(method)s), so a spreadsheet read months later still says which attempts made the score."""
    header = [labels["student"], labels["status"], labels["attempts"],
              labels["score"] % {"method": labels[f"method_{results.assignment.grading_method}"]}, labels["time"]]
    body = [
        [s.name if s.in_class else f"{s.name} ({labels['removed']})", labels[s.status], s.attempts,
         None if s.score is None else round(100 * s.score, 1), s.time_seconds]
        for s in results.students
    ]
    return [header, *body]


def results_csv(results: AssignmentResults, labels: dict[str, str]) -> bytes:
    """UTF-8 with a byte-order mark: without it Excel reads Arabic as mojibake."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in _table(results, labels):
        writer.writerow(["" if cell is None else safe_cell(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def answers_csv(results: AssignmentResults, labels: dict[str, str], lang: str) -> bytes:
    """Every answer of each student's graded attempt (`answer_rows`), one a row, as the XLSX's Answers sheet."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    header = [labels["student"], labels["question_number"], labels["question"], labels["answer"], labels["points"]]
    for row in [header, *answer_rows(results, lang)]:
        writer.writerow(["" if cell is None else safe_cell(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def results_xlsx(results: AssignmentResults, labels: dict[str, str], *, right_to_left: bool) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = labels["sheet"][:31]
    sheet.sheet_view.rightToLeft = right_to_left
    for row in _table(results, labels):
        append_row(sheet, row)
    items = workbook.create_sheet(labels["items_sheet"][:31])
    items.sheet_view.rightToLeft = right_to_left
    append_row(items, [labels["question"], labels["facility"], labels["discrimination"]])
    for question, stats in zip(results.questions, results.items):
        append_row(items, [question.prompt("ar" if right_to_left else "en"),
                           None if stats.facility is None else round(stats.facility, 1),
                           None if stats.discrimination is None else round(stats.discrimination, 1)])
    answers = workbook.create_sheet(labels["answers_sheet"][:31])
    answers.sheet_view.rightToLeft = right_to_left
    append_row(answers, [labels["student"], labels["question_number"], labels["question"], labels["answer"],
                         labels["points"]])
    for row in answer_rows(results, "ar" if right_to_left else "en"):
        append_row(answers, list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# Between the options of one answer: the Arabic comma in Arabic.
ANSWER_SEPARATORS = {"ar": "، ", "en": ", "}
ORDER_SEPARATOR = " ← "  # an order, first to last, read in the sheet's direction: " ← " points on in Arabic


def answer_text(question: ServedQuestion, answer: Any, lang: str) -> str:
    """An answer as a teacher reads it: the text of the option chosen, of every option ticked (joined with «، »
    in Arabic), or the items in the order given."""
    if answer is None:
        return ""
    texts = {o.id: o.text(lang) for o in question.options}
    chosen = [answer] if isinstance(answer, str) else list(answer)
    separator = ANSWER_SEPARATORS.get(lang, ", ") if answer_type(question.type).picks_options else (
        ORDER_SEPARATOR if lang == "ar" else " → ")
    return separator.join(texts.get(option, option) for option in chosen)


def answer_rows(results: AssignmentResults, lang: str) -> list[tuple[str, int, str, str, float | None]]:
    """Every answer of each student's graded attempt, in the set's order: student, question number, question,
    the answer given (readable), the score as a fraction of the question's mark (0..1; empty: not answered)."""
    ids = [s.graded_attempt_id for s in results.students if s.graded_attempt_id is not None]
    attempts = {a.id: a for a in db.session.execute(db.select(Attempt).where(Attempt.id.in_(ids))).scalars()}
    rows = []
    for student in results.students:
        attempt = attempts.get(student.graded_attempt_id or 0)
        if attempt is None:
            continue
        given = {r.question_id: r for r in attempt.responses}
        for question in sorted(served_questions(attempt), key=lambda q: q.set_index or 0):
            response = given.get(question.id)
            rows.append((student.name, (question.set_index or 0) + 1, question.prompt(lang),
                         answer_text(question, response.answer if response else None, lang),
                         None if response is None else round(response.fraction, 4)))
    return rows
