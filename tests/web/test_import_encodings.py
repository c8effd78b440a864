"""The import preview names the encoding a text file was read with, and reads the kept file again with another
one without a new upload (issue 17, item 1)."""

from __future__ import annotations

import html as html_module
import io
import re
from pathlib import Path

from quiz.extensions import db
from quiz.models import QuestionSet
from quiz.models.pending_import import PendingImport
from quiz.services import accounts
from tests.web.helpers import login, page

CP1256_CSV = (Path(__file__).resolve().parents[1] / "fixtures" / "interop" / "encodings"
              / "arabic_excel.cp1256.csv").read_bytes()
PROMPT = "في أي عام غزا العراق الكويت؟"


def _english(client) -> None:
    client.post("/prefs/", data={"lang": "en", "month_style": "gregorian", "digits": "western"})


def _upload(client, data: bytes, name: str):
    return client.post("/teach/sets/import", data={"upload": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def _tokens(html: str) -> tuple[str, str]:
    """The confirm form's token and the re-read form's."""
    confirm = re.search(r'name="token" type="hidden" value="([^"]*)"', html)
    reread = re.search(r'name="reread-token" type="hidden" value="([^"]*)"', html)
    return html_module.unescape(confirm.group(1)), html_module.unescape(reread.group(1))


def _reread(client, token: str, encoding: str):
    return client.post("/teach/sets/import/reread", data={"reread-token": token, "reread-encoding": encoding})


def _sets(app) -> list[QuestionSet]:
    with app.app_context():
        return db.session.execute(db.select(QuestionSet)).scalars().all()


def _kept_rows(app) -> int:
    with app.app_context():
        return db.session.execute(db.select(db.func.count()).select_from(PendingImport)).scalar()


def test_a_guessed_encoding_is_shown_for_the_teacher_to_confirm(app, teacher):
    _english(teacher)
    response = _upload(teacher, CP1256_CSV, "bank.csv")
    html = page(response)
    assert response.status_code == 200 and PROMPT in html
    assert 'data-encoding="cp1256" data-guessed="yes"' in html
    assert "read with the encoding Windows-1256 (Arabic), a guess" in html
    select = re.search(r'<select[^>]*name="reread-encoding".*?</select>', html, re.S).group(0)
    options = re.findall(r'<option(?: selected)? value="([^"]+)"', select)
    assert options[:4] == ["utf-8", "utf-16-le", "utf-16-be", "cp1256"] and "iso8859-6" in options
    assert '<option selected value="cp1256">' in select
    confirm, reread = _tokens(html)
    assert confirm == reread and _kept_rows(app) == 2  # the set and the file's bytes


def test_a_utf8_file_says_so_without_asking_and_a_spreadsheet_has_no_encoding(app, teacher):
    _english(teacher)
    html = page(_upload(teacher, "::q::متى؟ {=نعم ~لا}\n".encode(), "set.gift"))
    assert 'data-encoding="utf-8" data-guessed="no"' in html and "read with the encoding UTF-8." in html


def test_reading_again_with_another_encoding_replaces_the_preview_without_a_new_upload(app, teacher):
    _english(teacher)
    first, _ = _tokens(page(_upload(teacher, CP1256_CSV, "bank.csv")))
    latin = _reread(teacher, first, "cp1252")
    html = page(latin)
    assert latin.status_code == 200 and 'data-encoding="cp1252" data-guessed="no"' in html and PROMPT not in html
    second, _ = _tokens(html)
    assert second != first and _kept_rows(app) == 2
    twice = _reread(teacher, first, "cp1256")  # the same re-read sent again: its preview was replaced
    assert twice.status_code == 302 and _kept_rows(app) == 2
    stale = teacher.post("/teach/sets/import/confirm", data={"token": first})  # the old preview is gone
    assert stale.status_code == 302 and stale.headers["Location"].endswith("/teach/sets/import")
    arabic = page(_reread(teacher, second, "cp1256"))
    assert PROMPT in arabic and 'data-encoding="cp1256" data-guessed="no"' in arabic
    third, _ = _tokens(arabic)
    assert teacher.post("/teach/sets/import/confirm", data={"token": third}).status_code == 302
    (question_set,) = _sets(app)
    with app.app_context():
        content = db.session.get(QuestionSet, question_set.id).latest.content
        assert content["questions"][0]["prompt_ar"] == PROMPT
    assert _kept_rows(app) == 0  # confirming drops the kept bytes too
    again = _reread(teacher, third, "utf-8")
    assert again.status_code == 302 and len(_sets(app)) == 1


def test_an_encoding_that_cannot_read_the_file_says_where_and_keeps_the_preview(app, teacher):
    _english(teacher)
    token, _ = _tokens(page(_upload(teacher, CP1256_CSV, "bank.csv")))
    refused = _reread(teacher, token, "utf-8")
    html = page(refused)
    assert refused.status_code == 422 and 'role="alert"' in html
    assert "line 2, byte" in html and "cannot be read as UTF-8" in html and "CSV UTF-8" in html
    assert re.search(r'name="reread-token" type="hidden" value="([^"]*)"', html).group(1) == token
    assert teacher.post("/teach/sets/import/confirm", data={"token": token}).status_code == 302
    assert len(_sets(app)) == 1


def test_bad_re_read_requests_change_nothing(app, teacher, huda):
    token, _ = _tokens(page(_upload(teacher, CP1256_CSV, "bank.csv")))
    assert _reread(teacher, token, "klingon").status_code == 400  # not one of the choices
    assert teacher.post("/teach/sets/import/reread", data={"reread-encoding": "utf-8"}).status_code == 400
    assert _reread(teacher, token + ":source", "cp1256").status_code == 302  # never a kept file as a preview
    assert teacher.post("/teach/sets/import/confirm", data={"token": token + ":source"}).status_code == 302
    colleague = app.test_client()
    login(colleague, "huda", "teach-history")
    theirs = _reread(colleague, token, "cp1256")  # another teacher's preview is not found
    assert theirs.status_code == 302 and theirs.headers["Location"].endswith("/teach/sets/import")
    assert _sets(app) == [] and _kept_rows(app) == 2


def test_the_kept_bytes_go_with_old_previews(app, teacher):
    for _ in range(7):
        _upload(teacher, CP1256_CSV, "bank.csv")
    assert _kept_rows(app) == 10  # the latest five previews, each with its file


def test_the_cli_says_which_encoding_it_read_and_takes_another(app, runner, tmp_path):
    with app.app_context():
        accounts.create_user("karim", "teach-history", role="teacher")
        db.session.commit()
    source = tmp_path / "bank.csv"
    source.write_bytes(CP1256_CSV)
    guessed = runner.invoke(args=["sets", "import", str(source), "--owner", "karim"])
    assert guessed.exit_code == 0 and "read as Windows-1256 (Arabic) (a guess" in guessed.output
    chosen = runner.invoke(args=["sets", "import", str(source), "--owner", "karim", "--encoding", "utf-8"])
    assert chosen.exit_code == 1 and "line 2, byte" in chosen.output
    assert len(_sets(app)) == 1
