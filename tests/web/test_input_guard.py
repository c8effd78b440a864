"""Each fuzz class that gave a 500 (issue 16, item 6), as a focused specification: the request gets a 4xx with
a message or a normal form error, and nothing is written. tests/web/test_no_500s.py sweeps every route; these
pin down each fix (quiz/web/input_guard.py, _safe_next, whole-number parsing, ids beyond the database's range)."""

from __future__ import annotations

import io

import pytest

from quiz.extensions import db
from quiz.models import Assignment, Classroom
from quiz.models.live import LiveGame
from quiz.services import live as live_service
from quiz.web.input_guard import file_field_names, whole_number
from quiz.web.prefs import _safe_next
from tests.web.helpers import page, signup
from tests.web.test_live import start_game
from tests.web.test_teach import create_class, create_set

NUL_REFUSED = "cannot be stored (a NUL byte)"
FILE_REFUSED = "A file was sent where the form expects text."


@pytest.fixture
def teacher(teacher):
    teacher.post("/prefs/", data={"lang": "en", "month_style": "gregorian", "digits": "western"})
    return teacher


def classes(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(db.select(Classroom.name)))


# -- NUL bytes: PostgreSQL stores none, so none gets past the door ---------------------------------------------

@pytest.mark.parametrize("name", ["a\x00b", "\x00"])
def test_a_nul_in_a_form_field_is_refused_with_a_message_and_nothing_is_written(app, teacher, name):
    response = teacher.post("/teach/classes", data={"name": name})
    assert response.status_code == 400 and NUL_REFUSED in page(response)
    assert classes(app) == []


def test_a_nul_in_a_query_argument_or_a_path_segment_is_refused(client):
    assert client.get("/login", query_string={"next": "/\x00"}).status_code == 400
    assert client.get("/timeline/%00").status_code == 400
    assert client.get("/live/12%0034").status_code == 400


def test_a_nul_in_an_uploaded_files_name_is_refused(app, teacher):
    response = teacher.post("/teach/sets/import", data={"upload": (io.BytesIO(b"{}"), "set\x00.yaml")},
                            content_type="multipart/form-data")
    assert response.status_code == 400 and NUL_REFUSED in page(response)


def test_nul_free_text_in_every_script_passes(app, teacher):
    teacher.post("/teach/classes", data={"name": "الصف العاشر \u200f 10 ب"})
    assert classes(app) == ["الصف العاشر \u200f 10 ب"]


# -- a text field sent as a file --------------------------------------------------------------------------------

def test_only_the_forms_file_fields_may_carry_files():
    # an import's file; a question's picture and each option's in the editor (issue 17)
    assert file_field_names() == {"upload", "image", "options-#-image"}


def test_a_text_field_sent_as_a_file_is_refused_with_a_message_and_nothing_is_written(app, teacher):
    response = teacher.post("/teach/classes", data={"name": (io.BytesIO(b"class"), "name.txt")},
                            content_type="multipart/form-data")
    assert response.status_code == 400 and FILE_REFUSED in page(response)
    assert classes(app) == []


def test_a_log_in_with_its_fields_sent_as_files_is_refused_and_logs_no_one_in(app, client):
    signup(client)
    client.post("/logout")
    response = client.post("/login", data={"username": (io.BytesIO(b"sara"), "u.txt"),
                                           "password": (io.BytesIO(b"a long password"), "p.txt")},
                           content_type="multipart/form-data")
    assert response.status_code == 400
    assert client.get("/account").status_code == 302  # still a visitor


def test_a_real_upload_with_text_fields_beside_it_still_works(app, teacher):
    response = teacher.post("/teach/articles", data={"title": "مقال", "text": "",
                                                     "upload": (io.BytesIO("في 20 مارس 2003 بدأ الغزو.".encode()),
                                                                "article.txt")},
                            content_type="multipart/form-data")
    assert response.status_code == 302, page(response)


# -- CRLF and other control characters in next= ------------------------------------------------------------------

@pytest.mark.parametrize("target", ["/\r\nSet-Cookie: stolen=1", "/teach\r\n", "/\t/evil.example", "/\n/evil.example",
                                    "/\\evil.example", "//evil.example", "https://evil.example/", "/a b", "/\x7f"])
def test_a_next_that_is_no_plain_path_of_this_site_goes_home(app, target):
    with app.test_request_context():
        assert _safe_next(target) == "/"


@pytest.mark.parametrize("target", ["/teach/", "/attempts/3?feedback=1", "/timeline#2003"])
def test_a_plain_path_of_this_site_is_kept(app, target):
    with app.test_request_context():
        assert _safe_next(target) == target


def test_crlf_in_next_after_prefs_and_log_in_redirects_home_with_no_injected_header(app, client):
    response = client.post("/prefs/", data={"lang": "en", "month_style": "gregorian", "digits": "western",
                                            "next": "/\r\nSet-Cookie: stolen=1"})
    assert response.status_code == 302 and response.headers["Location"] == "/"
    signup(client)
    client.post("/logout")
    response = client.post(
        "/login", data={"username": "sara", "password": "a long password", "next": "/x\r\nSet-Cookie: stolen=1"})
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert "stolen" not in str(response.headers)


# -- whole numbers: huge, superscript, Arabic-Indic ----------------------------------------------------------------

@pytest.mark.parametrize(("raw", "expected"), [("30", 30), ("٣٠", 30), (" 7 ", 7), ("", None), (None, None),
                                                ("²", None), ("-1", None), ("1.5", None), ("9" * 5000, None),
                                                ("9" * 10, None)])
def test_whole_number_reads_what_a_person_types_and_nothing_else(raw, expected):
    assert whole_number(raw) == expected


def test_live_codes_keep_arabic_indic_digits_and_drop_superscripts():
    assert live_service.normalise_code("²١٢٣ ٤٥٦") == "123456"


@pytest.mark.parametrize("limit", ["9" * 5000, "²", "1e3"])
def test_a_live_timer_that_is_no_usable_number_is_a_message_and_changes_nothing(app, teacher, limit):
    game_id, _ = start_game(teacher, create_set(teacher))
    with app.app_context():
        before = db.session.get(LiveGame, game_id).settings["limits"]
    response = teacher.post(f"/teach/live/{game_id}/times", data={"limit-0": limit, "limit-1": "20"},
                            follow_redirects=True)
    assert response.status_code == 200 and "whole number of seconds" in page(response)
    with app.app_context():
        assert db.session.get(LiveGame, game_id).settings["limits"] == before


def test_a_live_timer_in_arabic_indic_digits_is_saved(app, teacher):
    game_id, _ = start_game(teacher, create_set(teacher))
    teacher.post(f"/teach/live/{game_id}/times", data={"limit-0": "٤٥", "limit-1": ""})
    with app.app_context():
        assert db.session.get(LiveGame, game_id).settings["limits"] == [45, None]


# -- ids beyond what the database holds ----------------------------------------------------------------------------

@pytest.mark.parametrize("bad_id", [str(2**31), str(2**63), str(10**30), "9" * 5000])
def test_an_id_beyond_the_databases_range_in_a_url_is_a_404(teacher, bad_id):
    assert teacher.get(f"/teach/classes/{bad_id}").status_code == 404
    assert teacher.post(f"/teach/sets/{bad_id}/duplicate").status_code == 404


@pytest.mark.parametrize("bad_id", [str(2**31), str(2**63), str(10**30), "9" * 5000, "-1"])
def test_an_id_beyond_the_databases_range_in_a_form_is_a_form_error_and_nothing_is_written(app, teacher, clock,
                                                                                          bad_id):
    class_id, _ = create_class(teacher)
    create_set(teacher)
    response = teacher.post(f"/teach/classes/{class_id}/assignments/new",
                            data={"question_set": bad_id, "title": "x", "opens_at": "2026-03-01T09:00",
                                  "closes_at": "2026-03-03T09:00", "max_attempts": "1", "show_answers": "never"})
    assert response.status_code in (200, 422) and "field-error" in page(response)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Assignment.id))) == 0
