"""A teacher gives a question a picture in the set editor (issue 17, item 4): adds one with what it shows for
screen readers, replaces it, removes it. An upload is checked exactly as an imported picture is (its bytes, one
image's and the set's limits): a refused one names the limit and changes nothing."""

from __future__ import annotations

import io
import re

import pytest
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from quiz.authoring.media import sha256_of
from quiz.extensions import db
from quiz.models import SetMedia, SetVersion
from tests.media_files import SVG, big_png, picture
from tests.web.helpers import login, page
from tests.web.test_new_answer_types import MULTI
from tests.web.test_teach import MCQ, ORDERING, assign, create_class, join, new_client

FLAG, MAP = picture("PNG"), picture("JPEG", colour="green")


def in_english(client) -> None:
    """The teacher reads in English: the new messages are checked in English until their Arabic is compiled in."""
    client.post("/prefs/", data={"lang": "en", "month_style": "both", "digits": "western"})


@pytest.fixture
def clock(clock, school_in_utc):
    return clock


def post_question(client, url: str, fields: dict, image: bytes | None = None, name: str = "flag.png",
                  files: dict[str, bytes] | None = None):
    """The editor's form as a browser sends it: multipart, with the question's picture file when one is chosen
    and the options' (`files`: field name → bytes); encoded here, in memory (the test client spools a large body
    to a temporary file it never closes)."""
    data = MultiDict(fields)
    if image is not None:
        data.add("image", FileStorage(io.BytesIO(image), name))
    for field_name, content in (files or {}).items():
        data.add(field_name, FileStorage(io.BytesIO(content), f"{field_name}.png"))
    boundary, body = encode_multipart(data)
    return client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def new_set(client) -> int:
    response = client.post("/teach/sets", data={"title": "الأعلام", "language": "both",
                                                 "grading_type": "relative_all_previous_and_next"})
    return int(response.headers["Location"].rsplit("/", 1)[1])


def with_flag(client, set_id: int, alt: str = "علم أحمر") -> None:
    response = post_question(client, f"/teach/sets/{set_id}/questions/new/mcq", {**MCQ, "image_alt": alt}, FLAG)
    assert response.status_code == 302, page(response)


def stored(app, set_id: int) -> tuple[dict, int]:
    """The latest version's first question, and how many pictures the set keeps."""
    with app.app_context():
        version = db.session.execute(db.select(SetVersion).filter_by(set_id=set_id)
                                     .order_by(SetVersion.number.desc()).limit(1)).scalar_one()
        rows = db.session.execute(db.select(db.func.count()).select_from(SetMedia)
                                  .where(SetMedia.set_id == set_id)).scalar_one()
        return version.content["questions"][0], rows


def test_a_picture_added_in_the_editor_shows_on_the_set_page_and_to_a_student(app, teacher, clock):
    set_id = new_set(teacher)
    with_flag(teacher, set_id)
    question, rows = stored(app, set_id)
    assert question["image"] == sha256_of(FLAG) and question["image_alt"] == "علم أحمر" and rows == 1
    address = f"/media/{sha256_of(FLAG)}"
    html = page(teacher.get(f"/teach/sets/{set_id}"))
    assert f'src="{address}"' in html and 'alt="علم أحمر"' in html
    editor = page(teacher.get(f"/teach/sets/{set_id}/questions/1"))
    assert 'enctype="multipart/form-data"' in editor and f'src="{address}"' in editor
    assert 'name="image_alt"' in editor and 'value="علم أحمر"' in editor and 'name="remove_image"' in editor

    class_id, code = create_class(teacher)
    assignment_id = assign(teacher, class_id, set_id, clock)
    student, _ = join(app, code, "ليلى")
    start = student.post(f"/assignments/{assignment_id}/start")
    html = page(student.get(start.headers["Location"]))
    assert f'src="{address}"' in html and 'alt="علم أحمر"' in html
    served = student.get(address)
    assert served.status_code == 200 and served.get_data() == FLAG


def test_a_picture_is_replaced_and_removed_and_the_text_edits_keep_it(app, teacher):
    set_id = new_set(teacher)
    with_flag(teacher, set_id)
    url = f"/teach/sets/{set_id}/questions/1"
    # a text edit without a new file keeps the picture; its description may be rewritten
    assert post_question(teacher, url, {**MCQ, "prompt_ar": "ما هذا العلم؟", "image_alt": "علم"}).status_code == 302
    question, _ = stored(app, set_id)
    assert question["prompt_ar"] == "ما هذا العلم؟" and question["image"] == sha256_of(FLAG)
    assert question["image_alt"] == "علم"
    assert post_question(teacher, url, {**MCQ, "image_alt": "خريطة العراق"}, MAP, "map.jpg").status_code == 302
    question, rows = stored(app, set_id)
    assert question["image"] == sha256_of(MAP) and question["image_alt"] == "خريطة العراق" and rows == 2
    assert f'src="/media/{sha256_of(MAP)}"' in page(teacher.get(f"/teach/sets/{set_id}"))
    assert post_question(teacher, url, {**MCQ, "image_alt": "خريطة العراق", "remove_image": "y"}).status_code == 302
    question, _ = stored(app, set_id)
    assert "image" not in question and "image_alt" not in question
    assert 'class="q-image' not in page(teacher.get(f"/teach/sets/{set_id}"))


def test_a_new_picture_needs_its_description(app, teacher):
    in_english(teacher)
    set_id = new_set(teacher)
    with_flag(teacher, set_id)
    url = f"/teach/sets/{set_id}/questions/1"
    response = post_question(teacher, url, {**MCQ, "prompt_en": "Which flag?", "image_alt": "  "}, MAP, "map.jpg")
    assert response.status_code == 422
    assert "Write what the picture shows" in page(response)
    assert "Which flag?</textarea>" in page(response)  # the rest of the form as typed
    question, rows = stored(app, set_id)
    assert question["image"] == sha256_of(FLAG) and question["image_alt"] == "علم أحمر" and rows == 1
    # a description with a direction-changing character is refused like any other text
    response = post_question(teacher, url, {**MCQ, "image_alt": "علم\u202e"}, MAP, "map.jpg")
    assert response.status_code == 422 and stored(app, set_id)[0]["image"] == sha256_of(FLAG)


@pytest.mark.parametrize(("data", "name", "limit"), [
    (SVG, "flag.svg", "not a PNG, JPEG, GIF or WebP picture"),
    (picture("PNG"), "flag.jpg", None),  # a PNG named .jpg is judged by its bytes: a PNG, and kept
    (picture("JPEG")[:-200], "flag.jpg", "the picture is damaged or incomplete"),
    (big_png(3), "big.png", "over the limit of 2 MB for one image"),
])
def test_a_refused_upload_names_the_limit_and_changes_nothing(app, teacher, data, name, limit):
    in_english(teacher)
    set_id = new_set(teacher)
    with_flag(teacher, set_id)
    before = stored(app, set_id)
    url = f"/teach/sets/{set_id}/questions/1"
    response = post_question(teacher, url, {**MCQ, "prompt_en": "Which flag is this?", "image_alt": "علم"}, data,
                             name)
    if limit is None:
        assert response.status_code == 302
        assert stored(app, set_id)[0]["image"] == sha256_of(data)
        return
    html = page(response)
    assert response.status_code == 422 and "The picture was not saved" in html and limit in html, html
    assert "at most 2 MB" in html and "Which flag is this?</textarea>" in html
    assert stored(app, set_id) == before


def test_the_sets_pictures_together_stay_within_the_set_limit(app, teacher, monkeypatch):
    from quiz.interop import limits

    in_english(teacher)
    set_id = new_set(teacher)
    with_flag(teacher, set_id)
    monkeypatch.setattr(limits, "MAX_SET_MEDIA_BYTES", len(FLAG) + len(MAP) - 1)
    before = stored(app, set_id)
    response = post_question(teacher, f"/teach/sets/{set_id}/questions/1", {**MCQ, "image_alt": "خريطة"}, MAP)
    assert response.status_code == 422 and "pictures would take more than" in page(response)
    assert stored(app, set_id) == before
    # the picture the set has already is no extra weight
    response = post_question(teacher, f"/teach/sets/{set_id}/questions/new/mcq", {**MCQ, "image_alt": "علم"}, FLAG)
    assert response.status_code == 302


def test_the_same_form_sent_twice_stores_the_picture_once(app, teacher):
    set_id = new_set(teacher)
    with_flag(teacher, set_id)
    url = f"/teach/sets/{set_id}/questions/1"
    for _ in range(2):
        assert post_question(teacher, url, {**MCQ, "image_alt": "خريطة"}, MAP, "map.jpg").status_code == 302
    question, rows = stored(app, set_id)
    assert question["image"] == sha256_of(MAP) and rows == 2  # the flag, and the map once


def test_an_answered_set_gets_a_new_version_that_reuses_the_picture_rows(app, teacher, clock):
    set_id = new_set(teacher)
    with_flag(teacher, set_id)
    class_id, code = create_class(teacher)
    assignment_id = assign(teacher, class_id, set_id, clock)
    student, _ = join(app, code, "ليلى")
    student.post(f"/assignments/{assignment_id}/start")
    url = f"/teach/sets/{set_id}/questions/1"
    assert post_question(teacher, url, {**MCQ, "prompt_ar": "أي علم هذا؟", "image_alt": "علم"}).status_code == 302
    with app.app_context():
        versions = db.session.execute(db.select(SetVersion).filter_by(set_id=set_id)
                                      .order_by(SetVersion.number)).scalars().all()
        assert [v.content["questions"][0]["image"] for v in versions] == [sha256_of(FLAG)] * 2
    assert stored(app, set_id)[1] == 1


def test_a_colleague_or_a_student_cannot_post_to_the_editor(app, teacher, huda, clock):
    set_id = new_set(teacher)
    with_flag(teacher, set_id)
    before = stored(app, set_id)
    colleague = new_client(app)
    login(colleague, "huda", "teach-history")
    class_id, code = create_class(teacher)
    student, _ = join(app, code, "ليلى")
    for url in (f"/teach/sets/{set_id}/questions/1", f"/teach/sets/{set_id}/questions/new/mcq"):
        assert post_question(colleague, url, {**MCQ, "image_alt": "x"}, MAP).status_code == 404
        assert post_question(student, url, {**MCQ, "image_alt": "x"}, MAP).status_code == 403
    assert stored(app, set_id) == before
    assert re.search(r"q-image", page(teacher.get(f"/teach/sets/{set_id}")))


def test_with_csrf_on_the_multipart_editor_needs_its_token(app, teacher):
    set_id = new_set(teacher)
    url = f"/teach/sets/{set_id}/questions/new/mcq"
    app.config["WTF_CSRF_ENABLED"] = True  # read at each request, as in production
    try:
        assert post_question(teacher, url, {**MCQ, "image_alt": "علم"}, FLAG).status_code == 400
        assert stored_questions(app, set_id) == 0
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page(teacher.get(url))).group(1)
        response = post_question(teacher, url, {**MCQ, "image_alt": "علم", "csrf_token": token}, FLAG)
        assert response.status_code == 302, page(response)
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert stored(app, set_id)[0]["image"] == sha256_of(FLAG)


def stored_questions(app, set_id: int) -> int:
    with app.app_context():
        version = db.session.execute(db.select(SetVersion).filter_by(set_id=set_id)).scalars().one()
        return len(version.content.get("questions", []))


def test_an_option_may_be_only_a_picture_and_loses_it_when_removed(app, teacher):
    set_id = new_set(teacher)
    only_picture = {**MCQ, "options-1-text_ar": "", "options-1-text_en": "", "options-1-image_alt": "خريطة العراق"}
    response = post_question(teacher, f"/teach/sets/{set_id}/questions/new/mcq", only_picture,
                             files={"options-1-image": MAP})
    assert response.status_code == 302, page(response)
    question, rows = stored(app, set_id)
    assert question["options"][1]["image"] == sha256_of(MAP) and rows == 1
    assert "image" not in question  # the question itself has none
    html = page(teacher.get(f"/teach/sets/{set_id}"))
    assert f'class="q-image q-image-option" src="/media/{sha256_of(MAP)}" alt="خريطة العراق"' in html
    editor = page(teacher.get(f"/teach/sets/{set_id}/questions/1"))
    assert 'name="options-1-remove_image"' in editor and 'name="options-0-remove_image"' not in editor
    # an option with text keeps its text when its picture is removed
    with_text = {**MCQ, "options-1-text_ar": "2001", "options-1-remove_image": "y"}
    assert post_question(teacher, f"/teach/sets/{set_id}/questions/1", with_text).status_code == 302
    option = stored(app, set_id)[0]["options"][1]
    assert (option["text_ar"], option["text_en"]) == ("2001", "2001") and "image" not in option


@pytest.mark.parametrize(("kind", "fields"), [("ordering", ORDERING), ("multi", MULTI)])
def test_ordering_items_and_several_answer_options_take_pictures_too(app, teacher, kind, fields):
    set_id = new_set(teacher)
    response = post_question(teacher, f"/teach/sets/{set_id}/questions/new/{kind}",
                             {**fields, "options-0-image_alt": "صورة"}, files={"options-0-image": FLAG})
    assert response.status_code == 302, page(response)
    assert stored(app, set_id)[0]["options"][0]["image"] == sha256_of(FLAG)
    assert f'src="/media/{sha256_of(FLAG)}"' in page(teacher.get(f"/teach/sets/{set_id}/questions/1"))


def test_a_refused_option_picture_names_its_option_and_saves_nothing(app, teacher):
    in_english(teacher)
    set_id = new_set(teacher)
    with_flag(teacher, set_id)
    before = stored(app, set_id)
    response = post_question(teacher, f"/teach/sets/{set_id}/questions/1",
                             {**MCQ, "image_alt": "خريطة", "options-2-image_alt": "رسم"}, MAP, "map.jpg",
                             files={"options-2-image": SVG})
    html = page(response)
    assert response.status_code == 422 and "Option 3: The picture was not saved" in html, html
    assert stored(app, set_id) == before  # the question's good new picture is not kept either
