"""Small picture files and files that embed them, built by the tests (issue 17): nothing binary is checked in."""

from __future__ import annotations

import base64
import io
import random

from PIL import Image


def picture(fmt: str = "PNG", size: tuple[int, int] = (24, 16), colour: str = "red") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, fmt)
    return out.getvalue()


def big_png(megabytes: float = 6.0) -> bytes:
    """A PNG of noise (which does not compress), a little over `megabytes`."""
    side = int((megabytes * 1024 * 1024 / 3) ** 0.5) + 20
    noise = random.Random(17).randbytes(side * side * 3)
    out = io.BytesIO()
    Image.frombytes("RGB", (side, side), noise).save(out, "PNG", compress_level=0)
    return out.getvalue()


SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script>'
       b'<rect width="10" height="10"/></svg>')


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def moodle_with_images(question_image: bytes, option_image: bytes, big: bytes | None = None) -> bytes:
    """A Moodle XML bank: question 1 with a picture and an option that is only a picture; question 2 (when `big`
    is given) with a picture over the limit."""
    second = "" if big is None else f"""
  <question type="multichoice">
    <name><text>خريطة كبيرة</text></name>
    <questiontext format="html">
      <text><![CDATA[<p>أين تقع البصرة؟ <img src="@@PLUGINFILE@@/big%20map.png" alt="خريطة"></p>]]></text>
      <file name="big map.png" path="/" encoding="base64">{b64(big)}</file>
    </questiontext>
    <answer fraction="100"><text>في الجنوب</text></answer>
    <answer fraction="0"><text>في الشمال</text></answer>
  </question>"""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="multichoice">
    <name><text>العلم</text></name>
    <questiontext format="html">
      <text><![CDATA[<p>ما هذا العلم؟</p><p><img src="@@PLUGINFILE@@/flag.png" alt="علم أحمر" /></p>]]></text>
      <file name="flag.png" path="/" encoding="base64">{b64(question_image)}</file>
    </questiontext>
    <answer fraction="100" format="html">
      <text><![CDATA[<p><img src="@@PLUGINFILE@@/map.jpg" alt="خريطة العراق" /></p>]]></text>
      <file name="map.jpg" path="/" encoding="base64">{b64(option_image)}</file>
    </answer>
    <answer fraction="0"><text>علم الكويت</text></answer>
  </question>{second}
</quiz>
""".encode()
