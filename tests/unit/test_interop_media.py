"""Images in imported and exported sets (issue 17, item 4): kept when they are pictures within the limits,
dropped with a warning that names the image, the limit and what to do otherwise; never fetched."""

from __future__ import annotations

import io
import json
from dataclasses import replace

import pytest
from openpyxl import load_workbook
from openpyxl.drawing.image import Image as SheetImage

from quiz.authoring import SetData, SetOption, SetQuestion
from quiz.authoring.media import Media, sha256_of
from quiz.authoring.model import question_from_dict, question_problems, question_to_dict
from quiz.interop import InteropError, export_set, import_any, limits
from quiz.interop.gift import import_gift
from quiz.interop.kahoot import export_kahoot, import_kahoot
from quiz.interop.media import ImageBin, ImageRefused, image_type
from quiz.interop.moodle_xml import export_moodle_xml, import_moodle_xml
from quiz.interop.native import export_native, import_native_json, import_native_yaml
from tests.fixtures.interop.samples import real_file
from tests.media_files import SVG, b64, big_png, moodle_with_images, picture


def messages(issues) -> list[str]:
    return [str(issue.message) for issue in issues]


# -- the type check --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "mime"), [("PNG", "image/png"), ("JPEG", "image/jpeg"), ("GIF", "image/gif"),
                                           ("WEBP", "image/webp")])
def test_pictures_are_typed_by_their_bytes(fmt: str, mime: str) -> None:
    assert image_type(picture(fmt)) == mime


@pytest.mark.parametrize(("data", "reason"), [
    (SVG, "it is not a PNG, JPEG, GIF or WebP picture"),
    (picture("JPEG", (200, 200))[:400], "the picture is damaged or incomplete"),
    (picture("BMP"), "it is a BMP file, not a PNG, JPEG, GIF or WebP picture"),
    (b"", "it is not a PNG, JPEG, GIF or WebP picture"),
    (picture("GIF", (5000, 4000)), "it is 5000 × 4000 pixels, more than the limit of 16 million"),
])
def test_svg_damaged_and_other_files_are_refused_saying_why(data: bytes, reason: str) -> None:
    with pytest.raises(ImageRefused) as refused:
        image_type(data)
    assert str(refused.value.reason).startswith(reason)


def test_a_png_named_jpg_is_stored_as_the_png_it_is() -> None:
    result = import_moodle_xml(moodle_with_images(picture("PNG"), picture("PNG", colour="blue")))
    option_image = result.set.questions[0].options[0].image  # its file is called map.jpg
    assert result.set.media[option_image].mime == "image/png"


def test_one_image_over_2_mb_and_images_past_20_mb_together_are_dropped() -> None:
    images = ImageBin()
    sha, warning = images.add("big.png", b"x" * (limits.MAX_IMAGE_BYTES + 1))
    assert sha is None and str(warning).startswith("image big.png dropped: it is 2.0 MB, over the limit of 2 MB "
                                                   "for one image; save it as a PNG or JPEG picture under 2 MB")
    kept = picture("PNG", (10, 10))
    images.total = limits.MAX_SET_MEDIA_BYTES - len(kept) + 1  # as if the set already held nearly 20 MB
    sha, warning = images.add("last.png", kept)
    assert sha is None and "the set's images would take more than 20 MB together" in str(warning)
    assert images.media == {}


# -- the model --------------------------------------------------------------------------------------------------


def test_an_option_that_is_only_a_picture_is_a_valid_option() -> None:
    question = SetQuestion(type="mcq", prompt_en="Which flag?", correct=0,
                           options=(SetOption(image="a" * 64, image_alt="red"), SetOption(text_en="blue")))
    assert question_problems(question, "en") == []
    assert question_problems(question.__class__(type="mcq", prompt_en="Which flag?", correct=0, options=(
        SetOption(), SetOption(text_en="blue"))), "en") == ["option 1 has no text"]


def test_stored_questions_without_images_read_as_before_and_images_round_trip() -> None:
    old_row = {"type": "mcq", "prompt_en": "Q", "options": [{"text_en": "a"}, {"text_en": "b"}], "correct": 0}
    assert question_from_dict(old_row).image is None
    plain = question_from_dict(old_row)
    assert "image" not in question_to_dict(plain) and "image" not in question_to_dict(plain)["options"][0]
    with_image = SetQuestion(type="mcq", prompt_en="Q", correct=0, image="b" * 64, image_alt="map",
                             options=(SetOption(text_en="a", image="c" * 64), SetOption(text_en="b")))
    assert question_from_dict(question_to_dict(with_image)) == with_image


# -- Moodle XML ---------------------------------------------------------------------------------------------------


def test_moodle_images_are_kept_and_one_over_the_limit_is_dropped_with_the_question_kept() -> None:
    small, option, big = picture("PNG"), picture("JPEG", colour="green"), big_png(6)
    data = moodle_with_images(small, option, big)
    assert len(data) > limits.MAX_BYTES  # refused whole before issue 17
    result = import_any(data, "bank.xml")
    first, second = result.set.questions
    assert first.image == sha256_of(small) and first.image_alt == "علم أحمر"
    assert first.options[0].image == sha256_of(option) and first.options[0].text_ar is None
    assert first.options[0].image_alt == "خريطة العراق"
    assert second.image is None and second.prompt_ar == "أين تقع البصرة؟"
    assert set(result.set.media) == {sha256_of(small), sha256_of(option)}
    (warning,) = [issue for issue in result.warnings if "big map.png" in str(issue.message)]
    assert str(warning.where).startswith('question 2 "خريطة كبيرة"')
    assert str(warning.message).startswith("image big map.png dropped: it is 6.")
    assert "over the limit of 2 MB for one image; save it as a PNG or JPEG picture under 2 MB" in str(warning.message)


def test_moodle_files_over_50_mb_or_with_more_than_5_mb_of_text_are_refused() -> None:
    with pytest.raises(InteropError, match="files over 50 MB are refused"):
        import_any(b"<quiz>" + b" " * limits.MAX_UPLOAD_BYTES + b"</quiz>", "bank.xml")
    text = b"<quiz><!--" + b"x" * limits.MAX_BYTES + b"--></quiz>"
    with pytest.raises(InteropError, match="^without its images the file is still 5.0 MB"):
        import_any(text, "bank.xml")


def test_moodle_export_writes_images_as_pluginfile_files_and_reads_back_losslessly() -> None:
    imported = import_moodle_xml(moodle_with_images(picture("PNG"), picture("GIF", colour="blue"))).set
    exported = export_moodle_xml(imported)
    assert exported.count(b'encoding="base64"') == 2 and b'src="@@PLUGINFILE@@/' in exported
    again = import_moodle_xml(exported)
    # (a question without a category comes back under the set's title, as before issue 17)
    assert [replace(q, category=None) for q in again.set.questions] == list(imported.questions)
    assert again.set.media == imported.media and again.warnings == []


def test_the_real_moodle_multichoice_flags_survive_a_round_trip() -> None:
    imported = import_moodle_xml(real_file("moodle/qformat_xml/multichoice.xml")).set
    again = import_moodle_xml(export_moodle_xml(imported)).set
    assert again.questions == imported.questions and again.media == imported.media and len(again.media) == 4


# -- GIFT -----------------------------------------------------------------------------------------------------------


def gift_escape(text: str) -> str:
    return text.replace("=", "\\=").replace(":", "\\:")


def test_gift_keeps_a_data_image_and_reports_addresses_it_never_fetches() -> None:
    flag = picture("PNG")
    img = gift_escape(f'<img src="data:image/png;base64,{b64(flag)}" alt="علم">')
    web = gift_escape('<img src="https://example.com/map.png">')
    plugin = gift_escape('<img src="@@PLUGINFILE@@/old.png">')
    text = (f"::flag::[html]<p>ما هذا العلم؟ {img}</p>{{=العراق ~الكويت}}\n\n"
            f"::web::[html]<p>أين؟ {web}</p>{{=هنا ~هناك}}\n\n"
            f"::plugin::[html]<p>متى؟ {plugin}</p>{{=أمس ~اليوم}}\n")
    result = import_gift(text.encode())
    flagged, on_web, from_moodle = result.set.questions
    assert flagged.image == sha256_of(flag) and flagged.image_alt == "علم" and on_web.image is None
    assert from_moodle.image is None
    notes = {str(issue.where): str(issue.message) for issue in result.warnings}
    assert notes['line 3 "web"'].startswith("image https://example.com/map.png not kept: the file gives only its "
                                           "address, and Chronoquiz never fetches pictures from the web")
    assert notes['line 5 "plugin"'].startswith("image old.png not kept")
    assert 'line 1 "flag"' not in notes  # nothing lost


def test_gift_export_reports_that_it_cannot_hold_images() -> None:
    imported = import_moodle_xml(moodle_with_images(picture("PNG"), picture("PNG", colour="blue"))).set
    for key, label in (("gift", "Moodle GIFT"), ("kahoot", "Kahoot! spreadsheet"), ("csv", "CSV spreadsheet")):
        result = export_set(imported, key)
        assert [(str(i.where), str(i.message)) for i in result.warnings if "image" in str(i.message)] == [
            ("question 1", f"2 images not exported: {label} files cannot hold pictures")]
    assert export_set(imported, "moodle-xml").warnings == []
    # the option that is only a picture is written with its alternative text, and reads back as that text
    again = import_gift(export_set(imported, "gift").data).set
    assert [o.text_ar for o in again.questions[0].options] == ["خريطة العراق", "علم الكويت"]


# -- Kahoot -----------------------------------------------------------------------------------------------------


def kahoot_sheet(question_picture: bytes, cell: str = "B9") -> bytes:
    """A Kahoot sheet as our export writes it (the template's layout), with a logo in the instruction rows, as
    the real template has, and a picture anchored on the first question's row."""
    data = SetData(title="t", language="ar", questions=(SetQuestion(
        type="mcq", prompt_ar="ما عاصمة العراق؟", correct=0,
        options=(SetOption(text_ar="بغداد"), SetOption(text_ar="البصرة"))),))
    workbook = load_workbook(io.BytesIO(export_kahoot(data)))
    sheet = workbook.worksheets[0]
    sheet.add_image(SheetImage(io.BytesIO(picture("PNG", (60, 20), "purple"))), "B1")  # the logo
    sheet.add_image(SheetImage(io.BytesIO(question_picture)), cell)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_kahoot_keeps_a_picture_on_a_question_row_and_not_the_logo_above_the_header() -> None:
    flag = picture("PNG", (30, 20))
    result = import_kahoot(kahoot_sheet(flag))
    (question,) = result.set.questions
    assert question.prompt_ar == "ما عاصمة العراق؟" and question.image == sha256_of(flag)
    assert list(result.set.media) == [sha256_of(flag)] and result.warnings == []


def test_kahoot_picture_over_the_limit_is_dropped_with_its_cell_named() -> None:
    result = import_kahoot(kahoot_sheet(big_png(2.5), "C9"))
    assert result.set.questions[0].image is None
    assert messages(result.warnings)[0].startswith("image in cell C9 dropped: it is 2.")


def test_the_real_kahoot_templates_logo_is_not_a_question_picture() -> None:
    template = real_file("kahoot/KahootQuizTemplate.xlsx")
    workbook = load_workbook(io.BytesIO(template))
    assert len(workbook.worksheets[0]._images) == 1  # the Kahoot logo, in the rows above the header
    sheet = workbook.worksheets[0]
    sheet["H9"] = "1"  # the template's example question, with one correct answer
    out = io.BytesIO()
    workbook.save(out)
    result = import_kahoot(out.getvalue())
    assert result.set.media == {} and all(q.image is None for q in result.set.questions)


# -- Chronoquiz YAML / JSON ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "reader"), [("yaml", import_native_yaml), ("json", import_native_json)])
def test_native_files_carry_images_losslessly(fmt, reader) -> None:
    imported = import_moodle_xml(moodle_with_images(picture("PNG"), picture("WEBP", colour="blue"))).set
    again = reader(export_native(imported, fmt=fmt))
    assert again.set.questions == imported.questions and again.set.media == imported.media


def test_a_native_file_naming_an_svg_keeps_the_question_without_it() -> None:
    document = {
        "format": "chronoquiz-set", "version": 1, "title": "t", "language": "en",
        "questions": [{"type": "mcq", "prompt_en": "Q", "image": "x.svg",
                       "options": [{"text_en": "a", "correct": True}, {"text_en": "b"}]}],
        "media": [{"name": "x.svg", "data": b64(SVG)}],
    }
    result = import_native_json(json.dumps(document).encode())
    assert result.set.questions[0].image is None and result.set.media == {}
    assert messages(result.warnings) == ["image x.svg dropped: it is not a PNG, JPEG, GIF or WebP picture; save it "
                                         "as a PNG or JPEG picture under 2 MB and add it to the question again"]


def test_a_set_without_images_exports_no_media_key() -> None:
    data = SetData(title="t", language="en", questions=(SetQuestion(
        type="mcq", prompt_en="Q", correct=0, options=(SetOption(text_en="a"), SetOption(text_en="b"))),),
        media={"f" * 64: Media("image/png", picture())})
    assert b"media" not in export_native(data)


def test_a_gift_file_may_be_over_5_mb_by_its_data_pictures() -> None:
    flag = picture("PNG")
    img = gift_escape(f'<img src="data:image/png;base64,{b64(flag)}">')
    padding = gift_escape(f'<img src="data:image/png;base64,{"A" * limits.MAX_BYTES}">')
    text = (f"::flag::[html]<p>ما هذا العلم؟ {img}</p>{{=العراق ~الكويت}}\n\n"
            f"::pad::[html]<p>هل هذه صورة؟ {padding}</p>{{T}}\n")
    result = import_gift(text.encode())
    assert result.set.questions[0].image == sha256_of(flag)
    (dropped,) = [str(issue.message) for issue in result.warnings if str(issue.where) == 'line 3 "pad"']
    assert dropped.startswith("image data:image/png;base64 dropped: it is 3.8 MB, over the limit of 2 MB")
