"""Live lessons in the database: making a game, joining it, the host's controls, answers, and the standings.

The rules of the flow are pure (quiz.live.game); this module reads and writes them. Every change is made under
the game row's lock (FOR UPDATE; on SQLite the writing transaction) and bumps the version, so a second host tab
or a double click acting on what it saw earlier is told so instead of skipping a question. A question whose time
ran out is closed by whoever reads the game next (`settle`): reading needs no write, and every process agrees.

Answers go through the one answer path (services.answering.submit_answer) into each player's attempt; the game
row is read in the answer's transaction (FOR SHARE on PostgreSQL), so an answer and the host's "close" are
ordered: an answer is either counted before the close or refused after it, never counted and left out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Callable, Hashable, Mapping
from weakref import WeakKeyDictionary

from flask import current_app
from sqlalchemy import bindparam, func

from ..authoring.serve import serve_set
from ..clock import as_utc
from ..extensions import db
from ..live import game as rules
from ..live.game import GameRuleError, GameState, Phase
from ..live.nicknames import NicknameRefused, clean_nickname, same_name_key
from ..live.points import Points, Standing, Tally, leaderboard, points_for
from ..messages import N_, Message
from ..models.assignment import Assignment
from ..models.attempt import Attempt, Response
from ..models.classroom import Classroom, Membership
from ..models.live import LiveGame, LivePlayer
from ..models.question_set import SetVersion
from ..models.user import User
from ..scoring.accommodations import Accommodation, fewer_options
from ..scoring.answer_types import Outcome, answer_type
from ..scoring.served import ServedQuestion, ServedQuestions
from . import accommodations
from .answering import AnswerRefused, AttemptStore, Submitted, submit_answer
from .attempts import finish_attempt, given_answers, insert_attempt, score_of
from .question_sets import content_of
from .transactions import begin_write, insert_once

CODE_DIGITS = 6
# A game nobody ended is over after this: its code stops taking players (a code on last week's board is not a
# way into today's lesson).
EXPIRES_AFTER = dt.timedelta(hours=12)
# The host's controls, by the name their buttons post.
ACTIONS: dict[str, Callable[[GameState, dt.datetime], GameState]] = {
    "start": rules.start, "close": rules.close, "next": rules.next_question, "skip": rules.skip,
    "pause": rules.pause, "resume": rules.resume, "end": rules.end}
LEADERBOARD_MODES = ("all", "top5", "hidden")


class LiveError(ValueError):
    """A request a game cannot take; `code` for tests and logs, `message` for the person (translated at the edge).
    Codes: no_game, expired, ended, stale, closed, not_member, full."""

    def __init__(self, code: str, message: Message) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


_ERRORS = {
    "no_game": N_("There is no live lesson with this code. Check the code on the board and try again."),
    "expired": N_("This live lesson's code has expired. Ask your teacher for the new code."),
    "ended": N_("This live lesson has ended."),
    "stale": N_("The game moved on (another tab or a second click): here it is as it is now. Nothing was changed."),
    "closed": N_("This question is closed: answers are no longer taken. Wait for the next question."),
    "not_open": N_("Wait for the teacher to show the question."),
}


def _error(code: str) -> LiveError:
    return LiveError(code, _ERRORS[code])


def message_for(code: str) -> Message:
    """What a player is told for a LiveError code (pages that say it without an exception: a wrong code)."""
    return _ERRORS[code]


@dataclass(frozen=True)
class LiveSettings:
    time_limit: int | None = 30  # seconds for every question (None: no timer); `limits` sets them one by one
    limits: tuple[int | None, ...] | None = None
    auto_advance: int | None = None
    speed_bonus: bool = False
    leaderboard: str = "all"
    grading_type: str = "relative_all_previous_and_next"
    shuffle_options: bool = True


# -- making a game -------------------------------------------------------------------------------------


def normalise_code(text: str) -> str:
    """What a player typed, as digits: Arabic-Indic digits and spaces are fine («١٢٣ ٤٥٦» is 123456)."""
    digits = "".join(str(int(c)) for c in (text or "") if c.isdecimal())  # not isdigit(): "²" has no int()
    return digits[:CODE_DIGITS * 2]


def _new_code() -> str:
    for _ in range(50):
        code = "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))
        if code[0] != "0" and db.session.execute(
                db.select(LiveGame.id).filter_by(code=code)).first() is None:
            return code
    raise RuntimeError("no free live-lesson code after 50 tries")  # a million codes: a bug, not bad luck


def create_game(host: User, version: SetVersion, settings: LiveSettings, now: dt.datetime, *,
                classroom: Classroom | None = None, title: str | None = None) -> LiveGame:
    """A game in its lobby. For a class, its record is an assignment of the class (Assignment.live), open from
    now until the game ends, so the lesson's results sit with the class's other results."""
    if settings.leaderboard not in LEADERBOARD_MODES:
        raise ValueError(f"leaderboard {settings.leaderboard!r}")
    seed = secrets.randbelow(2**31)
    import random

    questions = serve_set(content_of(version), version.id, random.Random(seed), shuffle_questions=False,
                          shuffle_options=settings.shuffle_options, secret=current_app.config["SECRET_KEY"],
                          salt=f"live{seed}")
    limits = settings.limits if settings.limits is not None else (settings.time_limit,) * len(questions)
    if len(limits) != len(questions):
        raise ValueError("one time limit per question")
    GameState(limits=tuple(limits), auto_advance=settings.auto_advance)  # checks the times (GameRuleError)
    title = (title or version.title).strip()[:200]
    slug = _chronology_of(questions)
    assignment = None
    if classroom is not None:
        assignment = Assignment(
            classroom_id=classroom.id, set_version_id=version.id, title=title, opens_at=now,
            closes_at=now + EXPIRES_AFTER, time_limit_minutes=None, max_attempts=1, shuffle_questions=False,
            shuffle_options=settings.shuffle_options, grading_type=settings.grading_type,
            show_answers="immediately", created_at=now, live=True)
        db.session.add(assignment)
        db.session.flush()
    game = LiveGame(
        code=_new_code(), host_id=host.id, classroom_id=classroom.id if classroom else None,
        assignment_id=assignment.id if assignment else None, set_version_id=version.id, title=title,
        questions=[q.to_json() for q in questions], grading_type=settings.grading_type,
        settings={"limits": list(limits), "auto_advance": settings.auto_advance,
                  "speed_bonus": settings.speed_bonus, "leaderboard": settings.leaderboard,
                  "chronology_slug": slug},
        phase="lobby", question_index=-1, paused=False, version=1, created_at=now)
    db.session.add(game)
    db.session.flush()
    return game


def _chronology_of(questions: list[ServedQuestion]) -> str:
    """The chronology whose events the questions are about, when it is the shipped one (generated questions, or a
    set made from them): then each student's spaced review learns from the lesson. "" otherwise."""
    from .chronologies import ChronologyNotLoaded, get_chronology

    asked = {event_id for q in questions for event_id in q.review_events}
    if not asked:
        return ""  # written by the teacher: about no event of a chronology
    slug = current_app.config["DEFAULT_CHRONOLOGY"]
    try:
        known = {event.id for event in get_chronology(slug).events}
    except ChronologyNotLoaded:
        return ""
    return slug if asked <= known else ""


# -- reading a game ------------------------------------------------------------------------------------


def game_by_code(code: str) -> LiveGame | None:
    code = normalise_code(code)
    if not code:
        return None
    return db.session.execute(db.select(LiveGame).filter_by(code=code)).scalar_one_or_none()


def game_for_host(game_id: int, host_id: int) -> LiveGame | None:
    return db.session.execute(db.select(LiveGame).filter_by(id=game_id, host_id=host_id)).scalar_one_or_none()


def games_of(host_id: int) -> list[LiveGame]:
    return list(db.session.execute(
        db.select(LiveGame).filter_by(host_id=host_id).order_by(LiveGame.created_at.desc()).limit(50)).scalars())


def code_of_attempt(attempt_id: int) -> str | None:
    """The live lesson an attempt belongs to (its code), if it is a live lesson's."""
    return db.session.execute(
        db.select(LiveGame.code).join(LivePlayer, LivePlayer.game_id == LiveGame.id)
        .where(LivePlayer.attempt_id == attempt_id)).scalar_one_or_none()


def codes_of_assignments(assignment_ids: list[int]) -> dict[int, str]:
    """The live lessons' codes of these assignments (the live ones among them)."""
    if not assignment_ids:
        return {}
    return {a: c for a, c in db.session.execute(
        db.select(LiveGame.assignment_id, LiveGame.code).where(LiveGame.assignment_id.in_(assignment_ids)))}


def state_of(game: Any) -> GameState:
    """The stored state (a LiveGame or a row with its columns), not yet settled."""
    left = game.paused_left_ms
    return GameState(
        limits=tuple(game.settings["limits"]), auto_advance=game.settings.get("auto_advance"),
        phase=Phase(game.phase), index=game.question_index, opened_at=as_utc(game.opened_at),
        deadline=as_utc(game.deadline), paused=game.paused,
        paused_left=None if left is None else dt.timedelta(milliseconds=left), version=game.version)


def settled(game: Any, now: dt.datetime) -> GameState:
    """The state as of `now` (time that ran out closes its question), computed, not written."""
    state = rules.settle(state_of(game), now)
    if state.phase is not Phase.ENDED and is_expired(game, now):
        state = rules.end(state, now)
    return state


def is_expired(game: Any, now: dt.datetime) -> bool:
    """Whether the game's code has expired (ended or not: an expired code says so, not "ended")."""
    return now - as_utc(game.created_at) > EXPIRES_AFTER  # type: ignore[operator]


# -- what every process keeps ---------------------------------------------------------------------------
# Once a game is made its questions never change, and once a question is closed nobody's points can change: the
# 300 phones that ask for the same thing within a second get it computed once per process, not once each (bench/
# README.md, "Live lessons": the standings per phone were most of the server's work at a reveal).


class _Recent:
    """The last `size` values computed, by key (least recently used out first)."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._values: OrderedDict[Hashable, Any] = OrderedDict()

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        if key in self._values:
            self._values.move_to_end(key)
            return self._values[key]
        value = self._values[key] = compute()
        if len(self._values) > self._size:
            self._values.popitem(last=False)
        return value


# One set per database: a process serves one, but the tests run many apps, each with a database of its own
# where ids start again at 1.
_kept: WeakKeyDictionary[Any, dict[str, _Recent]] = WeakKeyDictionary()


def _recent(name: str, size: int = 64) -> _Recent:
    caches = _kept.setdefault(db.engine, {})
    return caches.setdefault(name, _Recent(size))


def questions_of(game: Any) -> ServedQuestions:
    """The game's questions (a LiveGame or a state row): read once per process."""
    def read() -> ServedQuestions:
        stored = game.questions if isinstance(game, LiveGame) else db.session.execute(
            db.select(LiveGame.questions).where(LiveGame.id == game.id)).scalar_one()
        return ServedQuestions(stored)
    return _recent("questions").get((game.id, game.code), read)  # type: ignore[no-any-return]


def current_question(game: Any, state: GameState) -> ServedQuestion | None:
    return questions_of(game)[state.index] if 0 <= state.index < state.question_count else None


# The players' requests (the state endpoint every second on every phone, their screens and answers) read the game
# as this row: one small statement, no ORM object, no questions (`questions_of` keeps those).
_GAMES = LiveGame.__table__
_STATE = db.select(_GAMES.c.id, _GAMES.c.code, _GAMES.c.title, _GAMES.c.host_id, _GAMES.c.classroom_id,
                   _GAMES.c.grading_type, _GAMES.c.settings, _GAMES.c.phase, _GAMES.c.question_index,
                   _GAMES.c.opened_at, _GAMES.c.deadline, _GAMES.c.paused, _GAMES.c.paused_left_ms, _GAMES.c.version,
                   _GAMES.c.created_at, _GAMES.c.ended_at).where(_GAMES.c.code == bindparam("code"))


def state_row(code: str) -> Any | None:
    return db.session.execute(_STATE, {"code": code}).one_or_none()


def public_state(row: Any, now: dt.datetime) -> dict[str, Any]:
    """What every phone may know at `now`: no question, no key, nobody's answers (the same for every player,
    so it is cacheable and its version is its ETag)."""
    state = settled(row, now)
    left = state.time_left(now)
    return {"v": state.version, "phase": state.phase.value, "index": state.index, "total": state.question_count,
            "paused": state.paused, "left_ms": None if left is None else int(left.total_seconds() * 1000)}


# -- the host ------------------------------------------------------------------------------------------


def _lock_game(game_id: int, host_id: int) -> LiveGame | None:
    begin_write()
    return db.session.execute(
        db.select(LiveGame).filter_by(id=game_id, host_id=host_id).with_for_update()
    ).scalar_one_or_none()


def _write_state(game: LiveGame, state: GameState) -> None:
    game.phase = state.phase.value
    game.question_index = state.index
    game.opened_at = state.opened_at
    game.deadline = state.deadline
    game.paused = state.paused
    game.paused_left_ms = None if state.paused_left is None else int(state.paused_left.total_seconds() * 1000)
    game.version = state.version


def act(game_id: int, host_id: int, action: str, seen_version: int | None, now: dt.datetime) -> GameState:
    """The host's control, under the game's lock. `seen_version`: the version the host's page showed; a click made
    on an older page (a second tab, a double click) changes nothing and raises LiveError("stale")."""
    game = _lock_game(game_id, host_id)
    if game is None:
        raise _error("no_game")
    state = settled(game, now)
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    if seen_version is not None and seen_version != state.version:
        _write_state(game, state)  # what time changed is kept as well
        if state.phase is Phase.ENDED:
            _end(game, now)
        raise _error("stale")
    new = ACTIONS[action](state, now)
    _write_state(game, new)
    if new.phase is Phase.ENDED:
        _end(game, now)
    return new


def keep_if_over(game: LiveGame, now: dt.datetime) -> bool:
    """A game that ended by itself (auto-advance past the last question, or its code expired) is ended for good
    when it is next looked at: the players' attempts are finished and a class's record closes. Idempotent; True
    when it wrote. (A game ended by the host was ended by `act`.)"""
    if game.ended_at is not None or settled(game, now).phase is not Phase.ENDED:
        return False
    locked = _lock_game(game.id, game.host_id)
    if locked is None or locked.ended_at is not None:
        return False
    _write_state(locked, settled(locked, now))
    _end(locked, now)
    return True


def set_limits(game_id: int, host_id: int, limits: tuple[int | None, ...], seen_version: int | None,
               now: dt.datetime) -> GameState:
    """Change the questions' timers before the game starts (GameRuleError on a time out of range)."""
    game = _lock_game(game_id, host_id)
    if game is None:
        raise _error("no_game")
    state = settled(game, now)
    if seen_version is not None and seen_version != state.version:
        raise _error("stale")
    if state.phase is not Phase.LOBBY:
        raise GameRuleError("already_started", N_("The game has already started."))
    GameState(limits=limits, auto_advance=state.auto_advance)
    game.settings = {**game.settings, "limits": list(limits)}
    game.version = state.version + 1
    return state_of(game)


def _end(game: LiveGame, now: dt.datetime) -> None:
    """The game is over: every player's attempt is finished (unanswered questions count zero) and a class's
    record closes, so the lesson reads as done in the class's results."""
    if game.ended_at is not None:
        return
    game.ended_at = now
    attempts = db.session.execute(
        db.select(Attempt).join(LivePlayer, LivePlayer.attempt_id == Attempt.id)
        .where(LivePlayer.game_id == game.id, Attempt.finished_at.is_(None)).with_for_update(of=Attempt)
    ).scalars()
    for attempt in attempts:
        finish_attempt(attempt, now, given_answers(attempt.id))
    if game.assignment_id is not None:
        assignment = db.session.get(Assignment, game.assignment_id)
        if assignment is not None:
            assignment.closes_at = max(now, as_utc(assignment.opens_at) + dt.timedelta(seconds=1))  # type: ignore


# -- players -------------------------------------------------------------------------------------------


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_player_token() -> str:
    return secrets.token_urlsafe(24)


def _joinable(game: LiveGame, now: dt.datetime) -> None:
    if is_expired(game, now):
        raise _error("expired")
    if game.ended_at is not None or game.phase == "ended":
        raise _error("ended")


# A player as every screen needs them: a row (id, game_id, user_id, nickname, guest, attempt_id), no ORM object.
_PLAYERS = LivePlayer.__table__
_PLAYER = db.select(_PLAYERS.c.id, _PLAYERS.c.game_id, _PLAYERS.c.user_id, _PLAYERS.c.nickname, _PLAYERS.c.guest,
                    _PLAYERS.c.attempt_id).where(_PLAYERS.c.game_id == bindparam("game_id"))
_BY_TOKEN = _PLAYER.where(_PLAYERS.c.token_hash == bindparam("token_hash"))
_BY_USER = _PLAYER.where(_PLAYERS.c.user_id == bindparam("user_id"))


def player_by_token(game_id: int, token: str | None) -> Any | None:
    if not token:
        return None
    return db.session.execute(_BY_TOKEN, {"game_id": game_id, "token_hash": token_hash(token)}).one_or_none()


def player_of_user(game_id: int, user_id: int) -> Any | None:
    return db.session.execute(_BY_USER, {"game_id": game_id, "user_id": user_id}).one_or_none()


def nicknames_in(game_id: int) -> list[str]:
    return list(db.session.execute(
        db.select(LivePlayer.nickname).filter_by(game_id=game_id).order_by(LivePlayer.joined_at, LivePlayer.id)
    ).scalars())


def player_count(game_id: int) -> int:
    return int(db.session.execute(db.select(func.count(LivePlayer.id)).filter_by(game_id=game_id)).scalar_one())


def _attempt_values(game: LiveGame, user_id: int, in_class: bool, now: dt.datetime,
                    questions: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    values = dict(user_id=user_id, kind="live", chronology_slug=game.settings.get("chronology_slug", ""), seed=0,
                  grading_type=game.grading_type,
                  settings={"live_game_id": game.id, "set_version_id": game.set_version_id},
                  questions=game.questions if questions is None else questions, started_at=now, shown_at=None,
                  start_key=f"live:{game.id}")
    if in_class:
        # Also the class's one attempt at the lesson's assignment: its results, exports and the student's list
        # of assignments find it there.
        values.update(assignment_id=game.assignment_id, start_key=f"assignment:{game.assignment_id}:1")
    return values


def join_with_nickname(game: LiveGame, raw_nickname: str, token: str, now: dt.datetime) -> Any:
    """A player with a nickname (NicknameRefused when it cannot be used). `token` is the join form's one-time
    token, which becomes the device's player token: the same form sent twice is one player."""
    _joinable(game, now)
    begin_write()
    earlier = player_by_token(game.id, token)
    if earlier is not None:
        return earlier
    try:
        nickname = clean_nickname(raw_nickname, nicknames_in(game.id))
    except NicknameRefused as refused:
        # The same form sent from another tab may have committed its player between the look-up above and the
        # list of names (PostgreSQL, read committed): then the name is "taken" by this very form.
        again = player_by_token(game.id, token) if refused.code == "taken" else None
        if again is not None:
            return again
        raise
    guest = User(username=f"live-{secrets.token_hex(8)}", display_name=nickname, password_hash="!",
                 role="learner", active=True, created_at=now)
    db.session.add(guest)
    db.session.flush()
    attempt = insert_attempt(_attempt_values(game, guest.id, False, now))
    values = dict(game_id=game.id, user_id=guest.id, nickname=nickname, name_key=same_name_key(nickname),
                  token_hash=token_hash(token), guest=True, attempt_id=attempt.id, joined_at=now)
    if not insert_once(LivePlayer.__table__, values, unique=("game_id", "name_key")):
        # Another phone took the name in the same instant (or this form was sent twice at once).
        db.session.rollback()
        return join_with_nickname(game, raw_nickname, token, now)
    player = player_by_token(game.id, token)
    assert player is not None
    return player


def join_as_user(game: LiveGame, user: User, now: dt.datetime) -> Any:
    """A signed-in learner plays as themselves: a student of the game's class answers into the lesson's
    assignment (their results, history and review); anyone else into an attempt of their own."""
    earlier = player_of_user(game.id, user.id)
    if earlier is not None:
        return earlier
    _joinable(game, now)
    begin_write()
    member = game.classroom_id is not None and db.session.execute(
        db.select(Membership.id).filter_by(classroom_id=game.classroom_id, user_id=user.id)).first() is not None
    accommodation = accommodation_of_player(game, user.id, guest=False)
    questions = None if accommodation.max_options is None else [
        as_player_sees(ServedQuestion.from_json(q), game, user.id, accommodation).to_json() for q in game.questions]
    attempt = insert_attempt(_attempt_values(game, user.id, member and game.assignment_id is not None, now,
                                             questions))
    nickname = user.display_name[:80]
    key = same_name_key(nickname)
    if db.session.execute(db.select(LivePlayer.id).filter_by(game_id=game.id, name_key=key)).first() is not None:
        nickname = f"{nickname} ({user.id})"  # a nickname player took the student's name: both play
        key = same_name_key(nickname)
    insert_once(LivePlayer.__table__, dict(game_id=game.id, user_id=user.id, nickname=nickname, name_key=key,
                                           token_hash=None, guest=False, attempt_id=attempt.id, joined_at=now),
                unique=("game_id", "user_id"))
    player = player_of_user(game.id, user.id)
    assert player is not None
    return player


# -- accommodations ------------------------------------------------------------------------------------

_NO_ACCOMMODATION = Accommodation()


def accommodation_of_player(game: Any, user_id: int, *, guest: bool) -> Accommodation:
    """A signed-in player's accommodations in this lesson (fewer options, read-aloud): looked up once per process
    and player, since every phone's screen asks at every change. A guest (a nickname) has none."""
    if guest:
        return _NO_ACCOMMODATION
    return _recent("accommodations", 4096).get(  # type: ignore[no-any-return]
        (game.id, user_id), lambda: accommodations.in_live_lesson(user_id, game.assignment_id) or _NO_ACCOMMODATION)


def as_player_sees(question: ServedQuestion, game: Any, user_id: int, accommodation: Accommodation) -> ServedQuestion:
    """The question with the player's fewer options: the same ones in their stored attempt (scored and reviewed)
    and on their screen."""
    return fewer_options(question, accommodation.max_options, f"live:{game.id}:{user_id}")


# -- answers -------------------------------------------------------------------------------------------


class LiveAnswerStore(AttemptStore):
    """A player's attempt, taking an answer only to the question on the projector while it is open; the time an
    answer took counts from the moment the question opened for everyone."""

    def __init__(self, row: Any, opened_at: dt.datetime | None, accepting: bool, learns: bool):
        super().__init__(row)
        self._opened_at = opened_at
        self._accepting = accepting
        self._learns = learns

    def close_if_overdue(self, now: dt.datetime) -> bool:
        return not self._accepting  # reported as "time_up": the question is closed

    @property
    def is_finished(self) -> bool:
        return not self._accepting or super().is_finished

    def _question_shown_at(self) -> dt.datetime | None:
        return self._opened_at

    def learn(self, question: ServedQuestion, outcome: Outcome, now: dt.datetime) -> None:
        if self._learns:
            super().learn(question, outcome, now)

    def _key_shown_from(self) -> tuple[bool, dt.datetime | None]:
        return True, None  # a live lesson shows each question's answer as soon as it closes: no look-up needed

    def finish(self, now: dt.datetime) -> None:
        # Answering every question finishes the attempt as usual; the game's end finishes the others.
        if not super().is_finished:
            self._finished_at = now
            self._update(finished_at=now, score=score_of(self._responses.values(), len(self.questions)))


_ATTEMPTS = Attempt.__table__
_PLAYER_ATTEMPT = (db.select(_ATTEMPTS.c.id, _ATTEMPTS.c.user_id, _ATTEMPTS.c.chronology_slug,
                             _ATTEMPTS.c.grading_type, _ATTEMPTS.c.questions, _ATTEMPTS.c.shown_at,
                             _ATTEMPTS.c.finished_at, _ATTEMPTS.c.deadline_at, _ATTEMPTS.c.assignment_id)
                   .where(_ATTEMPTS.c.id == bindparam("attempt_id")).with_for_update())


def answer(game: Any, player: Any, question_id: str, fields: Mapping[str, str],
           now: dt.datetime) -> Submitted:
    """Take a player's answer to the open question: once (a retry returns the first answer), and only while the
    question is open (LiveError "closed" otherwise; "not_open" before the first question). InvalidAnswer: the
    fields are not an answer to the question."""
    begin_write()
    locked = db.session.execute(
        db.select(_GAMES).where(_GAMES.c.id == game.id).with_for_update(read=True)).one()
    state = settled(locked, now)
    question = current_question(game, state)
    accepting = (question is not None and question.id == question_id and state.takes_answers(now))
    row = db.session.execute(_PLAYER_ATTEMPT, {"attempt_id": player.attempt_id}).one()
    # Only a student's own account learns (spaced review); a guest account made for one game does not come back.
    store = LiveAnswerStore(row, state.opened_at, accepting, learns=not player.guest)
    try:
        return submit_answer(store, question_id, fields, now)
    except AnswerRefused as refused:
        if state.phase is Phase.LOBBY:
            raise _error("not_open") from refused
        raise _error("closed") from refused


# -- results -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionCounts:
    answered: int
    by_option: dict[str, int]  # option id -> players who picked it (types that pick options); empty for ordering
    right: int  # wholly right answers


def question_counts(game: LiveGame, question: ServedQuestion) -> QuestionCounts:
    rows = db.session.execute(
        db.select(Response.answer, Response.correct).join(LivePlayer, LivePlayer.attempt_id == Response.attempt_id)
        .where(LivePlayer.game_id == game.id, Response.question_id == question.id)).all()
    kind = answer_type(question.type)
    by_option = {o.id: 0 for o in question.options} if kind.picks_options else {}
    for chosen, _correct in rows:
        for option in kind.picked(chosen):  # several correct answers: every ticked box counts
            if option in by_option:
                by_option[option] += 1
    return QuestionCounts(len(rows), by_option, sum(1 for _a, c in rows if c))


def answered_count(game_id: int, question_id: str) -> int:
    return int(db.session.execute(
        db.select(func.count(Response.id)).join(LivePlayer, LivePlayer.attempt_id == Response.attempt_id)
        .where(LivePlayer.game_id == game_id, Response.question_id == question_id)).scalar_one())


def _limit(game: Any, index: int) -> dt.timedelta | None:
    seconds = game.settings["limits"][index]
    return None if seconds is None else dt.timedelta(seconds=seconds)


def answer_points(game: Any, index: int, points: float, max_points: float, correct: bool,
                  time_spent_ms: int) -> Points:
    fraction = min(1.0, max(0.0, points / max_points)) if max_points else 0.0
    return points_for(fraction, correct=correct, speed_bonus=bool(game.settings.get("speed_bonus")),
                      took=dt.timedelta(milliseconds=time_spent_ms), limit=_limit(game, index))


def standings(game: Any, state: GameState) -> list[Standing]:
    """Every player in rank order, as `state` has it. Computed once per process for each version of the game and
    count of answers to its question (what a timer's grace still takes after the close is counted), so every phone
    asking for its place at a reveal costs a lookup, not a pass over every answer of the game."""
    count_speed = bool(game.settings.get("speed_bonus"))
    question = current_question(game, state)
    answered = answered_count(game.id, question.id) if question is not None else 0
    key = (game.id, game.code, state.version, answered, count_speed)
    return list(_recent("standings").get(key, lambda: tuple(leaderboard(tallies(game), count_speed=count_speed))))


def tallies(game: Any, *, up_to: int | None = None) -> list[Tally]:
    """Every player's points so far (questions up to index `up_to`, all by default): computed from the stored
    answers, so it is the same on every process and after a restart."""
    players = db.session.execute(
        db.select(LivePlayer.id, LivePlayer.nickname, LivePlayer.attempt_id).filter_by(game_id=game.id)).all()
    by_attempt = {attempt_id: [player_id, nickname, 0, 0, 0, 0] for player_id, nickname, attempt_id in players}
    responses = db.session.execute(
        db.select(Response.attempt_id, Response.question_index, Response.points, Response.max_points,
                  Response.correct, Response.time_spent_ms)
        .join(LivePlayer, LivePlayer.attempt_id == Response.attempt_id).where(LivePlayer.game_id == game.id)).all()
    for attempt_id, index, points, max_points, correct, spent in responses:
        if up_to is not None and index > up_to:
            continue
        earned = answer_points(game, index, points, max_points, correct, spent)
        entry = by_attempt[attempt_id]
        entry[2] += earned.accuracy
        entry[3] += earned.speed
        entry[4] += 1 if correct else 0
        entry[5] += 1
    return [Tally(player_id=e[0], nickname=e[1], accuracy=e[2], speed=e[3], right=e[4], answered=e[5])
            for e in by_attempt.values()]


_RESPONSES = Response.__table__
_RESPONSE = db.select(_RESPONSES.c.answer, _RESPONSES.c.points, _RESPONSES.c.max_points, _RESPONSES.c.correct,
                      _RESPONSES.c.time_spent_ms).where(_RESPONSES.c.attempt_id == bindparam("attempt_id"),
                                                        _RESPONSES.c.question_id == bindparam("question_id"))


def player_response(player: Any, question_id: str) -> Any | None:
    """The player's answer to a question (a row: answer, points, max_points, correct, time_spent_ms), or None."""
    return db.session.execute(_RESPONSE, {"attempt_id": player.attempt_id, "question_id": question_id}
                              ).one_or_none()


def class_of(game: LiveGame) -> Classroom | None:
    return db.session.get(Classroom, game.classroom_id) if game.classroom_id else None


# -- clean-up ------------------------------------------------------------------------------------------------


def purge_guests(before: dt.datetime) -> int:
    """Remove for good the accounts made for guests (a nickname, no account) of games that ended, or started
    and were left, before `before`: each served one game and can never log in again (no password), so all
    they keep is a nickname and a score. Their answers and players go with them; the game stays, with its
    class's students. Statements, not ORM deletes, as purge_deleted_assignments does."""
    finished = func.coalesce(LiveGame.ended_at, LiveGame.created_at)
    doomed = list(db.session.execute(
        db.select(LivePlayer.user_id).join(LiveGame, LiveGame.id == LivePlayer.game_id)
        .where(LivePlayer.guest.is_(True), finished < before)
    ).scalars())
    if doomed:
        attempts = db.select(Attempt.id).where(Attempt.user_id.in_(doomed))
        db.session.execute(Response.__table__.delete().where(Response.attempt_id.in_(attempts)))
        db.session.execute(LivePlayer.__table__.delete().where(LivePlayer.user_id.in_(doomed)))
        db.session.execute(Attempt.__table__.delete().where(Attempt.user_id.in_(doomed)))
        db.session.execute(User.__table__.delete().where(User.id.in_(doomed), User.password_hash == "!"))
        db.session.expire_all()
    return len(doomed)
