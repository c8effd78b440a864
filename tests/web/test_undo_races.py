"""Confirm and undo under real simultaneous requests (gunicorn, live_server): an Undo clicked in several tabs at
once restores once, and one confirmation sent many times at once acts once; never a 500."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from quiz.extensions import db
from quiz.models import Classroom, Membership, UndoRecord
from quiz.services import accounts, classes
from tests.live_server import at_once

N = 8


def setup_class(app) -> tuple[int, int]:
    """Karim's class with Layla in it: (class id, Layla's membership id)."""
    with app.app_context():
        teacher = accounts.create_user("karim", "teach-history", "الأستاذ كريم", role="teacher")
        classroom = classes.create_class(teacher, "الصف العاشر", dt.datetime.now(dt.timezone.utc))
        membership, _ = classes.join_class(classroom.join_code, "ليلى", dt.datetime.now(dt.timezone.utc))
        db.session.commit()
        return classroom.id, membership.id


def logged_in(live_server):
    browser = live_server.browser()
    assert browser.submit(browser.form("/login"), username="karim", password="teach-history").status_code == 302
    return browser


def count(app, query) -> int:
    with app.app_context():
        value = db.session.scalar(query)
        db.session.remove()
    return value


def test_an_undo_clicked_in_many_tabs_at_once_restores_once(app, live_server):
    class_id, membership_id = setup_class(app)
    browser = logged_in(live_server)
    removed = browser.submit(browser.form(f"/teach/classes/{class_id}/students/{membership_id}/remove"))
    undo = browser.form(browser.follow(removed), action="/teach/undo/")
    tabs = [browser.fork() for _ in range(N)]
    responses = at_once(tab.prepare(undo) for tab in tabs)
    assert {r.status_code for r in responses} == {302}
    assert count(app, select(func.count(Membership.id))) == 1
    # One tab is told it is undone; every other one that it was undone already (an error flash).
    pages = [tab.follow(response).text for tab, response in zip(tabs, responses)]
    assert sum('class="flash flash-success"' in p for p in pages) == 1
    assert sum('class="flash flash-error"' in p for p in pages) == N - 1
    live_server.assert_no_server_errors()


def test_one_confirmation_sent_many_times_at_once_acts_once(app, live_server):
    class_id, _ = setup_class(app)
    browser = logged_in(live_server)
    confirm = browser.form(f"/teach/classes/{class_id}/code")
    responses = at_once(tab.prepare(confirm) for tab in [browser.fork() for _ in range(N)])
    assert {r.status_code for r in responses} == {302}
    assert count(app, select(func.count(UndoRecord.id))) == 1
    with app.app_context():
        new_code = db.session.get(Classroom, class_id).join_code
        old_code = db.session.execute(select(UndoRecord)).scalar_one().payload["old_code"]
        db.session.remove()
    assert new_code != old_code
    live_server.assert_no_server_errors()
