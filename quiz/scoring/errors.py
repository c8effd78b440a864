"""Small domain exceptions of the scoring core, translated into HTTP or form errors at the edge.

A learner's answer that is not a possible answer (an id that is not on offer, an item missing or given twice)
must never be graded as if it were one: a silently repaired answer would show a score for something the
learner did not submit. So the core refuses it, and says what was wrong in plain text for the log or the page.
"""

from __future__ import annotations


class InvalidAnswer(ValueError):
    """A response that cannot be graded against its question (not a permutation of the key, unknown choice).

    It subclasses ValueError so that generic input handling still catches it, while the web layer can answer
    "400 Bad Request" for exactly this case.
    """
