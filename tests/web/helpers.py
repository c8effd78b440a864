"""Small helpers for driving quiz pages through the Flask test client, as a browser would."""

from __future__ import annotations

import datetime as dt
import re


def page(response) -> str:
    return response.get_data(as_text=True)


def question_form(html: str) -> dict:
    """What the current question page offers: its id, the choice ids or the item ids shown (in order)."""
    qid = re.search(r'name="question_id" value="([^"]+)"', html)
    assert qid, "no question on this page"
    return {
        "question_id": qid.group(1),
        "choices": re.findall(r'name="choice" value="([^"]+)"', html),
        "items": re.findall(r'name="pos-([^"]+)"', html),
    }


def answer_data(form: dict, *, choice_index: int = 0, order: list[str] | None = None) -> dict:
    """Form data answering the question: a choice by position, or an order of item ids (default: as shown)."""
    data = {"question_id": form["question_id"]}
    if form["choices"]:
        data["choice"] = form["choices"][choice_index]
    else:
        for position, item in enumerate(order or form["items"], start=1):
            data[f"pos-{item}"] = str(position)
    return data


def signup(client, username="sara", password="a long password", name="سارة"):
    return client.post("/signup", data={"username": username, "display_name": name, "password": password,
                                        "confirm": password})


def login(client, username="sara", password="a long password"):
    return client.post("/login", data={"username": username, "password": password})


class Clock:
    """An injected clock (app.config["CLOCK"]) that a test moves by hand."""

    def __init__(self, start: dt.datetime = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.timezone.utc)):
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta) -> None:
        self.now += dt.timedelta(**delta)


def as_shown(app, text: str) -> str:
    """Stored Arabic text as a page shows it by default: in the app's month names and digits."""
    from quiz.chronology.arabic_dates import restyle_arabic

    return restyle_arabic(text, month_style=app.config["MONTH_STYLE"], digits=app.config["DIGITS"])
