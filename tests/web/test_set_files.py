"""Sets in and out: CLI import/export, the teacher's upload with a preview, downloads."""

from __future__ import annotations

import html as html_module
import io
import re
from pathlib import Path

import pytest

from quiz import interop
from quiz.extensions import db
from quiz.models import QuestionSet
from quiz.services import accounts
from tests.web.helpers import page

GIFT = """// A set written by hand
$CATEGORY: $course$/تاريخ العراق

::q1:: متى بدأ غزو العراق؟ {=2003 ~2001 ~2005 ~2008}

::q2:: رتّب الأحداث من الأقدم إلى الأحدث {>3 ALL VERTICAL ABSOLUTE_POSITION
الغزو
الانسحاب
سقوط الموصل
}

::essay:: اكتب فقرة عن الانسحاب. {}
"""
MOODLE_INTEROP = Path(__file__).resolve().parents[3] / "shared" / "interop" / "moodle"


def test_cli_import_then_export_round_trip(app, runner, tmp_path):
    with app.app_context():
        accounts.create_user("karim", "teach-history", role="teacher")
        db.session.commit()
    source = tmp_path / "set.gift"
    source.write_text(GIFT, encoding="utf-8")
    result = runner.invoke(args=["sets", "import", str(source), "--owner", "karim"])
    assert result.exit_code == 0, result.output
    assert "2 questions" in result.output and "skipped" in result.output
    set_id = re.search(r"imported set (\d+)", result.output).group(1)
    out = tmp_path / "out.xml"
    exported = runner.invoke(args=["sets", "export", set_id, "--format", "moodle-xml", "-o", str(out)])
    assert exported.exit_code == 0, exported.output
    assert b"<quiz>" in out.read_bytes() and "متى بدأ غزو العراق؟".encode() in out.read_bytes()
    again = runner.invoke(args=["sets", "import", str(out), "--owner", "karim"])
    assert again.exit_code == 0 and "2 questions" in again.output
    unknown = runner.invoke(args=["sets", "export", set_id, "--format", "pdf"])
    assert unknown.exit_code == 2 and "'pdf' is not one of" in unknown.output and "moodle-xml" in unknown.output


def test_cli_import_failures_change_nothing(app, runner, tmp_path):
    with app.app_context():
        accounts.create_user("karim", "teach-history", role="teacher")
        db.session.commit()
    broken = tmp_path / "broken.xml"
    broken.write_text("<quiz><question type='multichoice'><name>", encoding="utf-8")
    result = runner.invoke(args=["sets", "import", str(broken), "--owner", "karim"])
    assert result.exit_code == 1 and "line" in result.output
    assert runner.invoke(args=["sets", "import", str(broken), "--owner", "nobody"]).exit_code == 1
    with app.app_context():
        assert db.session.execute(db.select(db.func.count()).select_from(QuestionSet)).scalar() == 0


def preview_token(html: str) -> str:
    """The token of the previewed set the preview page's confirm form carries."""
    return html_module.unescape(re.search(r'name="token" type="hidden" value="([^"]*)"', html).group(1))


def test_upload_shows_a_preview_and_saves_only_on_confirm(app, teacher):
    response = teacher.post("/teach/sets/import", data={"upload": (io.BytesIO(GIFT.encode()), "set.gift")},
                            content_type="multipart/form-data")
    html = page(response)
    assert response.status_code == 200 and "متى بدأ غزو العراق؟" in html and "essay" in html
    with app.app_context():
        assert db.session.execute(db.select(db.func.count()).select_from(QuestionSet)).scalar() == 0
    confirmed = teacher.post("/teach/sets/import/confirm", data={"token": preview_token(html)})
    assert confirmed.status_code == 302
    set_id = int(confirmed.headers["Location"].rsplit("/", 1)[1])
    with app.app_context():
        assert len(db.session.get(QuestionSet, set_id).latest.content["questions"]) == 2


def test_bad_uploads_say_where_and_save_nothing(app, teacher):
    cases = [
        (b"<quiz><question></quiz>", "broken.xml"),
        (b"\xff\xfe" + "متى؟ {=نعم ~لا}".encode("utf-16-le") + b"\x00\xdc", "set.gift"),  # a lone surrogate
        (b"PK\x03\x04not really a zip", "kahoot.xlsx"),
        (b"", "empty.csv"),
    ]
    for data, name in cases:
        response = teacher.post("/teach/sets/import", data={"upload": (io.BytesIO(data), name)},
                                content_type="multipart/form-data")
        assert response.status_code == 422, name
        assert 'role="alert"' in page(response)
    assert teacher.post("/teach/sets/import/confirm", data={}).status_code == 400
    unknown = teacher.post("/teach/sets/import/confirm", data={"token": "not-a-preview"})
    assert unknown.status_code == 302 and unknown.headers["Location"].endswith("/teach/sets/import")
    with app.app_context():
        assert db.session.execute(db.select(db.func.count()).select_from(QuestionSet)).scalar() == 0


@pytest.mark.skipif(not MOODLE_INTEROP.is_dir(), reason="../shared/interop is not here: the real Moodle files "
                                                        "live outside the repository")
def test_a_real_moodle_ordering_export_imports_through_the_web(teacher):
    data = (MOODLE_INTEROP / "qtype_ordering" / "testimport.moodle.xml").read_bytes()
    response = teacher.post("/teach/sets/import", data={"upload": (io.BytesIO(data), "testimport.moodle.xml")},
                            content_type="multipart/form-data")
    assert response.status_code == 200 and "Modular" in page(response)


def test_downloads_in_every_exportable_format(app, teacher):
    preview = page(teacher.post("/teach/sets/import", data={"upload": (io.BytesIO(GIFT.encode()), "set.gift")},
                                content_type="multipart/form-data"))
    teacher.post("/teach/sets/import/confirm", data={"token": preview_token(preview)})
    with app.app_context():
        set_id = db.session.execute(db.select(QuestionSet.id)).scalar_one()
        keys = [k for k, f in interop.FORMATS.items() if f.exporter]
    html = page(teacher.get(f"/teach/sets/{set_id}"))
    for key in keys:
        assert f"/teach/sets/{set_id}/export/{key}" in html
        response = teacher.get(f"/teach/sets/{set_id}/export/{key}")
        assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
        assert response.get_data()
    assert teacher.get(f"/teach/sets/{set_id}/export/essay").status_code == 404


ORDERING_ONLY = """::order:: Put the events in order {>3 ALL VERTICAL ABSOLUTE_POSITION
Invasion of Kuwait
Desert Storm
Ceasefire
}
"""


def import_through_the_web(teacher, app, text: str, name: str = "set.gift") -> int:
    preview = page(teacher.post("/teach/sets/import", data={"upload": (io.BytesIO(text.encode()), name)},
                                content_type="multipart/form-data"))
    confirmed = teacher.post("/teach/sets/import/confirm", data={"token": preview_token(preview)})
    return int(confirmed.headers["Location"].rsplit("/", 1)[1])


def test_a_kahoot_export_with_nothing_kahoot_can_hold_says_why_instead_of_an_empty_file(app, teacher):
    teacher.post("/prefs/", data={"lang": "en", "month_style": "both", "digits": "western"})
    set_id = import_through_the_web(teacher, app, ORDERING_ONLY)
    response = teacher.get(f"/teach/sets/{set_id}/export/kahoot")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/teach/sets/{set_id}")
    html = page(teacher.get(response.headers["Location"]))
    assert "nothing to export to Kahoot" in html and "an ordering question" in html
    assert teacher.get(f"/teach/sets/{set_id}/export/gift").status_code == 200  # other formats still export


def test_the_cli_kahoot_export_of_nothing_exportable_fails_saying_why(app, runner, tmp_path):
    with app.app_context():
        accounts.create_user("karim", "teach-history", role="teacher")
        db.session.commit()
    source = tmp_path / "order.gift"
    source.write_text(ORDERING_ONLY, encoding="utf-8")
    imported = runner.invoke(args=["sets", "import", str(source), "--owner", "karim"])
    set_id = re.search(r"imported set (\d+)", imported.output).group(1)
    out = tmp_path / "out.xlsx"
    result = runner.invoke(args=["sets", "export", set_id, "--format", "kahoot", "-o", str(out)])
    assert result.exit_code == 1 and not out.exists()
    assert "nothing to export to Kahoot" in result.output and "question 1: an ordering question" in result.output


SEVERAL_GIFT = """::w:: Which were in the Warsaw Pact? {
\t~%50%Poland
\t~%50%Hungary
\t~%-100%France
}

::t:: The Berlin Wall fell in 1989.{TRUE}
"""


def test_several_answers_and_true_false_import_and_download_in_moodles_and_kahoots_formats(app, teacher, runner,
                                                                                          tmp_path):
    # Imported by the CLI: the import preview shows each question with its type's template, which the pages of
    # the new types bring.
    source = tmp_path / "several.gift"
    source.write_text(SEVERAL_GIFT, encoding="utf-8")
    imported = runner.invoke(args=["sets", "import", str(source), "--owner", "karim"])
    set_id = int(re.search(r"imported set (\d+)", imported.output).group(1))
    with app.app_context():
        questions = db.session.get(QuestionSet, set_id).latest.content["questions"]
    assert [q["type"] for q in questions] == ["multi", "truefalse"]
    assert [o.get("fraction") for o in questions[0]["options"]] == [0.5, 0.5, -1.0]
    moodle = teacher.get(f"/teach/sets/{set_id}/export/moodle-xml").get_data(as_text=True)
    assert "<single>false</single>" in moodle and '<question type="truefalse">' in moodle
    kahoot = teacher.get(f"/teach/sets/{set_id}/export/kahoot")
    assert kahoot.status_code == 200 and kahoot.get_data()[:2] == b"PK"
