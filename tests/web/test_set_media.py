"""Pictures in questions through the web (issue 17, item 4): an upload with images is previewed and confirmed
with its images, they are stored once with the set, shown in the teacher's set and the student's question,
served with strict headers, and only to those who may see the question (a 404 for everyone else)."""

from __future__ import annotations

import io
import re

import pytest
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from quiz.extensions import db
from quiz.interop import limits
from quiz.models import QuestionSet, SetMedia, SetVersion
from quiz.services import accounts
from tests.media_files import big_png, moodle_with_images, picture
from tests.web.helpers import login, page
from tests.web.test_set_files import preview_token
from tests.web.test_teach import assign, create_class, join, new_client, take

QUESTION_PICTURE, OPTION_PICTURE = picture("PNG"), picture("JPEG", colour="green")


@pytest.fixture
def clock(clock, school_in_utc):
    return clock


def upload(teacher, data: bytes, name: str = "bank.xml"):
    # Encoded here, in memory: the test client spools a large body to a temporary file it never closes.
    boundary, body = encode_multipart(MultiDict({"upload": FileStorage(io.BytesIO(data), name)}))
    return teacher.post("/teach/sets/import", data=body, content_type=f"multipart/form-data; boundary={boundary}")


def import_bank(app, teacher, big: bytes | None = None) -> tuple[int, str]:
    """Upload and confirm the bank; the set's id and the question picture's address."""
    preview = upload(teacher, moodle_with_images(QUESTION_PICTURE, OPTION_PICTURE, big))
    assert preview.status_code == 200, page(preview)
    confirmed = teacher.post("/teach/sets/import/confirm", data={"token": preview_token(page(preview))})
    assert confirmed.status_code == 302
    set_id = int(confirmed.headers["Location"].rsplit("/", 1)[1])
    html = page(teacher.get(f"/teach/sets/{set_id}"))
    addresses = re.findall(r'<img class="q-image[^"]*" src="(/media/[0-9a-f]{64})"', html)
    assert len(addresses) == 2, html  # the question's picture and the option that is only a picture
    return set_id, addresses[0]


def media_rows(app) -> list[tuple[int, str, int]]:
    with app.app_context():
        return [(row.set_id, row.mime, row.size) for row in db.session.execute(
            db.select(SetMedia).order_by(SetMedia.id)).scalars()]


def test_an_upload_over_the_old_limit_keeps_its_pictures_through_preview_and_confirm(app, teacher):
    big = big_png(6)
    data = moodle_with_images(QUESTION_PICTURE, OPTION_PICTURE, big)
    assert len(data) > app.config["MAX_CONTENT_LENGTH"]  # the import form alone accepts more
    preview = upload(teacher, data)
    html = page(preview)
    assert preview.status_code == 200 and "big map.png" in html and "2 ميغابايت" in html  # the dropped one, said why
    token = preview_token(html)
    assert media_rows(app) == []  # nothing stored before the teacher confirms
    assert 'src="/media/' not in html
    assert html.count('<span class="tag">') == 2  # so the preview tags the question's and the option's picture
    assert teacher.post("/teach/sets/import/confirm", data={"token": token}).status_code == 302
    again = teacher.post("/teach/sets/import/confirm", data={"token": token})  # a double click
    assert again.status_code == 302 and again.headers["Location"].endswith("/teach/sets/import")
    with app.app_context():
        (set_id,) = db.session.execute(db.select(QuestionSet.id)).scalars().all()
    assert sorted(media_rows(app)) == sorted([(set_id, "image/png", len(QUESTION_PICTURE)),
                                              (set_id, "image/jpeg", len(OPTION_PICTURE))])


def test_other_posts_keep_the_small_limit(app, teacher):
    body = b"title=" + b"x" * app.config["MAX_CONTENT_LENGTH"]
    response = teacher.post("/teach/sets", data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413


def test_the_picture_is_served_with_strict_headers_and_cached_by_its_digest(app, teacher):
    _set_id, address = import_bank(app, teacher)
    response = teacher.get(address)
    assert response.status_code == 200 and response.get_data() == QUESTION_PICTURE
    assert response.headers["Content-Type"] == "image/png"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Security-Policy"].startswith("default-src 'none'; sandbox")
    assert response.headers["Content-Disposition"].startswith("inline")
    assert "immutable" in response.headers["Cache-Control"] and "max-age=31536000" in response.headers["Cache-Control"]
    digest = address.rsplit("/", 1)[1]
    assert response.headers["ETag"] == f'"{digest}"'
    assert teacher.get(address, headers={"If-None-Match": f'"{digest}"'}).status_code == 304
    page_csp = teacher.get("/teach/sets").headers["Content-Security-Policy"]
    assert "img-src 'self'" in page_csp and "data:" not in page_csp  # same origin, and nothing more


def test_only_those_who_may_see_the_question_get_the_picture(app, teacher, clock):
    set_id, address = import_bank(app, teacher)
    class_id, code = create_class(teacher)
    _other_class, other_code = create_class(teacher, "الصف الحادي عشر")
    assignment_id = assign(teacher, class_id, set_id, clock)
    student, _ = join(app, code, "ليلى")
    outsider, _ = join(app, other_code, "سامي")
    assert student.get(address).status_code == 200
    assert outsider.get(address).status_code == 404  # a student of another class
    assert new_client(app).get(address).status_code == 404  # nobody logged in
    assert teacher.get("/media/" + "0" * 64).status_code == 404 and teacher.get("/media/nothex").status_code == 404
    colleague = new_client(app)
    with app.app_context():
        accounts.create_user("huda", "teach-history", "الأستاذة هدى", role="teacher")
        db.session.commit()
    login(colleague, "huda", "teach-history")
    assert colleague.get(address).status_code == 404  # not shared
    with app.app_context():
        db.session.get(QuestionSet, set_id).shared = True
        db.session.commit()
    assert colleague.get(address).status_code == 200
    # the student sees it in the question, with its alternative text
    start = student.post(f"/assignments/{assignment_id}/start")
    html = page(student.get(start.headers["Location"]))
    assert f'src="{address}"' in html and 'alt="علم أحمر"' in html


def test_editing_a_question_keeps_its_pictures_and_downloads_carry_them(app, teacher):
    set_id, address = import_bank(app, teacher)
    # the option that is only a picture has no text in the form, and stays
    fields = {"prompt_ar": "ما هذا العلم الأحمر؟", "options-0-text_ar": "", "options-1-text_ar": "علم الكويت",
              "correct": "1"}
    response = teacher.post(f"/teach/sets/{set_id}/questions/1", data=fields)
    assert response.status_code == 302, page(response)
    html = page(teacher.get(f"/teach/sets/{set_id}"))
    assert "ما هذا العلم الأحمر؟" in html and html.count('class="q-image') == 2
    exported = teacher.get(f"/teach/sets/{set_id}/export/moodle-xml").get_data()
    assert exported.count(b'encoding="base64"') == 2
    yaml = teacher.get(f"/teach/sets/{set_id}/export/native-yaml").get_data()
    assert b"media:" in yaml
    assert limits.MAX_IMAGE_BYTES == 2 * 1024 * 1024


def test_the_cli_imports_and_exports_pictures_too(app, runner, tmp_path):
    with app.app_context():
        accounts.create_user("karim", "teach-history", role="teacher")
        db.session.commit()
    source = tmp_path / "bank.xml"
    source.write_bytes(moodle_with_images(QUESTION_PICTURE, OPTION_PICTURE))
    result = runner.invoke(args=["sets", "import", str(source), "--owner", "karim"])
    assert result.exit_code == 0, result.output
    set_id = re.search(r"imported set (\d+)", result.output).group(1)
    out = tmp_path / "out.xml"
    exported = runner.invoke(args=["sets", "export", set_id, "--format", "moodle-xml", "-o", str(out)])
    assert exported.exit_code == 0 and out.read_bytes().count(b'encoding="base64"') == 2
    gift = runner.invoke(args=["sets", "export", set_id, "--format", "gift", "-o", str(tmp_path / "out.gift")])
    assert gift.exit_code == 0 and "2 images not exported: Moodle GIFT files cannot hold pictures" in gift.output


def test_a_new_version_reuses_the_pictures_and_answered_attempts_keep_showing_them(app, teacher, clock):
    set_id, address = import_bank(app, teacher)
    class_id, code = create_class(teacher)
    assignment_id = assign(teacher, class_id, set_id, clock, show_answers="immediately")
    student, _ = join(app, code, "ليلى")
    attempt_id = take(student, assignment_id)
    results = page(teacher.get(f"/teach/assignments/{assignment_id}"))
    assert f'src="{address}"' in results and "خريطة العراق" in results  # the picture option named on the chart
    rows = media_rows(app)
    fields = {"prompt_ar": "ما هذا العلم الأحمر؟", "options-0-text_ar": "", "options-1-text_ar": "علم الكويت",
              "correct": "1"}
    assert teacher.post(f"/teach/sets/{set_id}/questions/1", data=fields).status_code == 302
    with app.app_context():
        versions = db.session.execute(db.select(SetVersion).filter_by(set_id=set_id)).scalars().all()
        assert len(versions) == 2  # the answered version was kept
        assert versions[0].content["questions"][0]["image"] == versions[1].content["questions"][0]["image"]
    assert media_rows(app) == rows  # the same rows, not copies
    review = page(student.get(f"/attempts/{attempt_id}/result"))  # the review of the answered version
    assert f'src="{address}"' in review
    assert student.get(address).status_code == 200


def test_guest_players_of_a_live_lesson_of_the_set_see_its_pictures_and_no_one_elses(app, teacher, clock):
    from tests.web.test_live import control, player, start_game
    from tests.web.test_teach import create_set

    set_id, address = import_bank(app, teacher)
    game_id, code = start_game(teacher, set_id)
    other_game, other_code = start_game(teacher, create_set(teacher))
    phone, elsewhere = player(app, code, "نجم"), player(app, other_code, "قمر")
    live_address = "/live" + address  # where the player's token cookie goes
    assert phone.get(live_address).status_code == 200
    assert elsewhere.get(live_address).status_code == 404  # a player of a game of another set
    assert new_client(app).get(live_address).status_code == 404
    control(teacher, game_id, "start")
    screen = page(phone.get(f"/live/{code}"))
    assert f'src="{live_address}"' in screen  # shown with the question on the phone
