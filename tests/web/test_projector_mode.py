"""Projector mode: big type for a class, a display preference kept in the session. `?projector=1|0` on any page
or the header's Display menu turns it on and off; the language switch leaves it as it is; the header (rendered
once per kind of page) shows the choice that is in force."""

from __future__ import annotations

import re

from tests.web.helpers import page

ON = re.compile(r'<html [^>]*class="projector-mode"')


def projector_choice(html: str) -> str:
    select = re.search(r'<select id="pref-projector" name="projector">(.*?)</select>', html, re.S)
    assert select, "the Display menu offers projector mode"
    chosen = re.search(r'<option value="(\d)" selected', select.group(1))
    return chosen.group(1) if chosen else "0"


def test_projector_mode_is_off_until_asked_for(client):
    html = page(client.get("/"))
    assert not ON.search(html)
    assert projector_choice(html) == "0"


def test_the_query_turns_it_on_for_every_page_until_turned_off(client):
    assert ON.search(page(client.get("/timeline?projector=1")))
    html = page(client.get("/practice"))
    assert ON.search(html), "remembered in the session"
    assert projector_choice(html) == "1", "the cached header shows the choice in force"
    assert not ON.search(page(client.get("/practice?projector=0")))
    assert not ON.search(page(client.get("/")))
    client.get("/?projector=1")
    assert ON.search(page(client.get("/?projector=yes"))), "other values change nothing"


def test_the_display_menu_sets_it_and_the_language_switch_keeps_it(client):
    sent = client.post("/prefs/", data={"lang": "ar", "month_style": "both", "digits": "western", "projector": "1",
                                        "next": "/timeline"})
    assert sent.status_code == 302 and sent.headers["Location"] == "/timeline"
    assert ON.search(page(client.get("/")))
    client.post("/prefs/", data={"lang": "en", "month_style": "both", "digits": "western", "next": "/"})
    html = page(client.get("/"))
    assert '<html lang="en"' in html and ON.search(html), "switching the language leaves projector mode on"
    client.post("/prefs/", data={"lang": "en", "month_style": "both", "digits": "western", "projector": "0"})
    assert not ON.search(page(client.get("/")))


def test_a_bad_projector_value_changes_nothing(client):
    client.get("/?projector=1")
    client.post("/prefs/", data={"lang": "ar", "month_style": "both", "digits": "western", "projector": "maybe"})
    assert ON.search(page(client.get("/")))


def test_the_teachers_join_screen_is_always_in_projector_mode(app, teacher):
    html = page(teacher.get("/teach/"))
    found = re.search(r'href="(/teach/classes/\d+)"', html)
    if not found:
        teacher.post("/teach/classes", data={"name": "الصف الثامن"})
        found = re.search(r'href="(/teach/classes/\d+)"', page(teacher.get("/teach/")))
    assert found
    assert ON.search(page(teacher.get(found.group(1) + "/projector")))
    assert not ON.search(page(teacher.get(found.group(1))))
