"""The requests a run replays: built once, before the clock starts, so the load generator only sends bytes.

A pool file is the raw requests one after another, each preceded by its length in decimal and a newline;
replay.lua reads it. Answers are spread so that the same attempt comes back only after every other attempt
has had a turn: two requests in flight never answer the same attempt (a double-click is another test).
"""

from __future__ import annotations

import random
from pathlib import Path

from .classroom import AttemptRef, Question
from .rawhttp import Request
from .sessions import Login


def answer_form(question: Question, token: str, rng: random.Random) -> tuple[tuple[str, str], ...]:
    """What the question form sends: one of the choices, or every item's position (a random order)."""
    fields = [("csrf_token", token), ("question_id", question.id)]
    if question.type == "mcq":
        fields.append(("choice", rng.choice(question.options)))
    else:
        order = list(question.options)
        rng.shuffle(order)
        fields += [(f"pos-{item}", str(order.index(item) + 1)) for item in question.options]
    return tuple(fields)


def answers(attempts: list[AttemptRef], logins: list[Login], rng: random.Random, *,
            first_question: int = 0, last_question: int | None = None) -> list[Request]:
    """New answers to the attempts' questions `first_question`..`last_question` (all by default), in the order a
    student gives them, interleaved across attempts."""
    longest = max((len(ref.questions) for ref in attempts), default=0)
    requests = []
    for k in range(first_question, longest if last_question is None else min(last_question + 1, longest)):
        for ref in attempts:
            if k < len(ref.questions):
                login = logins[ref.student]
                requests.append(Request("POST", f"/attempts/{ref.id}/answer", login.cookie,
                                        answer_form(ref.questions[k], login.token, rng)))
    return requests


def pages(paths: list[str], logins: list[Login] | None) -> list[Request]:
    """GET requests, each with its own student's cookie (or none: a visitor)."""
    if logins is None:
        return [Request("GET", path) for path in paths]
    return [Request("GET", path, login.cookie) for path, login in zip(paths, logins)]


def write_pool(path: Path, requests: list[Request], address: str) -> Path:
    with path.open("wb") as out:
        for request in requests:
            raw = request.to_bytes(address)
            out.write(b"%d\n" % len(raw))
            out.write(raw)
    return path
