"""Small domain exceptions of the scoring core, translated into HTTP or form errors at the edge.

A learner's answer that is not a possible answer (an id that is not on offer, an item missing or given twice)
must never be graded as if it were one: a silently repaired answer would show a score for something the
learner did not submit. So the core refuses it, and says what was wrong: in plain English for the log, and as a
`code` (with `params`) that the web layer turns into a message in the learner's language.
"""

from __future__ import annotations

from typing import Any


class InvalidAnswer(ValueError):
    """A response that cannot be graded against its question (not a permutation of the key, unknown choice).

    It subclasses ValueError so that generic input handling still catches it, while the web layer can answer
    "400 Bad Request" for exactly this case. Codes: `choose_one` (no option chosen), `not_offered` (an option that
    was not on offer), `positions` (an ordering whose positions are missing, out of range or shared),
    `malformed` (anything else that is not an answer of the question's type).
    """

    def __init__(self, message: str, code: str = "malformed", **params: Any) -> None:
        super().__init__(message)
        self.code = code
        self.params = params
