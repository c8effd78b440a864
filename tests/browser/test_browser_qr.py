"""The class's QR code as a phone camera meets it: rendered by Chromium, photographed (a screenshot of the
element) and read by a real decoder (zxing-cpp), with the quiet zone scanners need and, on the projector, beside
the big code and above the fold."""

from __future__ import annotations

import io

import pytest
import zxingcpp
from PIL import Image

from quiz.extensions import db
from quiz.models import Classroom
from tests.browser.conftest import log_in
from tests.browser.support import PHONE, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_only(reason="the browser tests run once, on SQLite")]

QUIET_ZONE_MODULES = 4  # ISO/IEC 18004: a light margin at least four modules wide on every side
LAPTOP = {"width": 1366, "height": 768}
FULL_HD = {"width": 1920, "height": 1080}


def read_qr(png: bytes) -> tuple[str, float]:
    """What a decoder reads in the picture, and the narrowest light margin around the code, in modules.

    The margin is measured to within a pixel (one more is added): modules that are not whole pixels are
    rounded to the pixel grid, so a 4-module margin may measure a fraction of a pixel less."""
    image = Image.open(io.BytesIO(png))
    found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    assert len(found) == 1, "no QR code could be read in the picture"
    code = found[0]
    corners = code.position
    xs = [corners.top_left.x, corners.top_right.x, corners.bottom_right.x, corners.bottom_left.x]
    ys = [corners.top_left.y, corners.top_right.y, corners.bottom_right.y, corners.bottom_left.y]
    modules = 4 * int(code.extra["Version"]) + 17
    module = (max(xs) - min(xs)) / modules
    width, height = image.size
    margin = min(min(xs), min(ys), width - max(xs), height - max(ys))
    return code.text, (margin + 1) / module


def box(page, selector: str) -> dict:
    return page.locator(selector).first.evaluate(
        "e => { const r = e.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top,"
        " bottom: r.bottom, width: r.width, height: r.height}; }")


def overlap(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


@pytest.fixture
def class_id(live_server) -> int:
    with live_server.app.app_context():
        try:
            return db.session.execute(db.select(Classroom.id).filter_by(name="الصف العاشر - أ")).scalar_one()
        finally:
            db.session.remove()


def teacher_at(open_page, viewport):
    page = open_page(viewport)
    log_in(page, "teacher", "chronoquiz-teacher")
    return page


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_the_class_page_qr_code_reads_as_the_join_link_with_a_quiet_zone(open_page, class_id, viewport):
    page = teacher_at(open_page, viewport)
    page.goto(f"/teach/classes/{class_id}")
    join_link = page.locator(".join-panel a[href*='/join/']").first.get_attribute("href")
    qr = page.locator(".join-panel .qr-wrap svg")
    text, quiet_zone = read_qr(qr.screenshot(animations="disabled"))
    assert text == join_link
    assert quiet_zone >= QUIET_ZONE_MODULES
    assert box(page, ".join-panel .qr-wrap svg")["width"] >= 180, "big enough for a phone at arm's length"
    assert not overlap(box(page, ".join-panel .qr-wrap svg"), box(page, ".join-panel .join-code"))


@pytest.mark.parametrize("viewport", [LAPTOP, FULL_HD], ids=["1366x768", "1920x1080"])
def test_the_projector_shows_the_code_and_a_readable_qr_code_side_by_side_above_the_fold(open_page, class_id,
                                                                                         viewport):
    page = teacher_at(open_page, viewport)
    page.goto(f"/teach/classes/{class_id}/projector")
    page.evaluate("document.fonts.ready.then(() => true)")
    assert page.evaluate("window.scrollY") == 0
    qr, code = box(page, ".projector-qr svg"), box(page, ".projector-code")
    for name, shown in (("QR code", qr), ("join code", code)):
        assert 0 <= shown["top"] and shown["bottom"] <= viewport["height"], f"the {name} is below the fold"
    assert qr["right"] <= code["left"] or code["right"] <= qr["left"], "side by side"
    assert qr["top"] < code["bottom"] and code["top"] < qr["bottom"], "side by side, not one above the other"
    assert qr["height"] >= 0.7 * viewport["height"], "readable from the back of the room"
    assert page.evaluate("document.documentElement.className") == "projector-mode"
    assert float(page.locator(".projector-code").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 96
    text, quiet_zone = read_qr(page.locator(".projector-qr svg").screenshot(animations="disabled"))
    assert text.endswith("/join/" + page.locator(".projector-code").inner_text().strip())
    assert quiet_zone >= QUIET_ZONE_MODULES
    screenshot(page, f"projector-{viewport['width']}")
