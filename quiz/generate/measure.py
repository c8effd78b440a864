"""What a teacher would see across many default quizzes: the mix of kinds, the balance of eras, and how
often each soundness rule turned a candidate question down (`flask questions review --stats`)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from quiz.chronology.model import Chronology

from .errors import NotEnoughEvents
from .index import index_for
from .kinds import KINDS, ORDERING_KINDS
from .quiz import QuizRequest, generate_quiz

# Which rule a refusal's reason names (the first pattern that matches wins).
RULES: tuple[tuple[str, str], ...] = (
    ("disputed date", r"disagree on the date"),
    ("disputed detail", r"disagree on a detail|agree on everything"),
    ("not a moment (period or total)", r"is a period|total over a span|no date that can be ordered"),
    ("wrong dates: a week apart, not a tied event's", r"dates of the same precision|certainly apart"),
    ("who: no spec", r"names no one person"),
    ("who: same role, active, not linked", r"people of the role|distinct names"),
    ("figure stated in the title", r"title or label states"),
    ("figures: outside the key's band and other readings", r"plausible wrong figures|cannot be read|told apart"),
    ("certain order of every pair", r"certain order|certainly|orderable|other side"),
    ("storyline too short", r"storyline"),
    ("era", r"era"),
    ("cause/consequence", r"cannot be the answer|links"),
)


def rule_of(reason: str) -> str:
    for rule, pattern in RULES:
        if re.search(pattern, reason):
            return rule
    return "other"


@dataclass
class Measurement:
    quizzes: int = 0
    questions: int = 0
    kinds: Counter = field(default_factory=Counter)
    eras: Counter = field(default_factory=Counter)
    refused: Counter = field(default_factory=Counter)
    short_quizzes: int = 0

    @property
    def ordering_share(self) -> float:
        return sum(self.kinds[k] for k in ORDERING_KINDS) / self.questions if self.questions else 0.0


def measure(chronology: Chronology, *, quizzes: int = 200, count: int = 20, seed: int = 0) -> Measurement:
    """Generate `quizzes` default quizzes of `count` questions (seeds seed, seed+1, ...) and count."""
    result = Measurement()
    era_of = {e.id: e.era for e in chronology.events}
    for offset in range(quizzes):
        refusals: list[tuple[str, str]] = []
        try:
            questions = generate_quiz(chronology, QuizRequest(count=count, seed=seed + offset), refusals=refusals)
        except NotEnoughEvents:
            result.short_quizzes += 1
            continue
        result.quizzes += 1
        result.questions += len(questions)
        for question in questions:
            result.kinds[question.kind] += 1
            result.eras[era_of[question.subject_ids[0]]] += 1
        for kind, reason in refusals:
            result.refused[rule_of(reason)] += 1
    return result


def report(chronology: Chronology, m: Measurement) -> str:
    """The measurement as plain text: shares of kinds, of eras (beside each era's share of the years), and
    refusals per rule as a share of all candidates tried."""
    lines = [f"{m.quizzes} quizzes, {m.questions} questions ({m.short_quizzes} could not be filled)", "", "kinds:"]
    for kind, n in m.kinds.most_common():
        lines.append(f"  {kind:<16} {n:>6}  {100 * n / m.questions:5.1f}%")
    lines.append(f"  ordering total   {100 * m.ordering_share:5.1f}%")
    lines += ["", "eras (share of questions / share of the years):"]
    years = {e.id: e.end_year - e.start_year + 1 for e in chronology.eras}
    total_years = sum(years.values())
    for era in chronology.eras:
        n = m.eras[era.id]
        share = 100 * n / max(1, m.questions)
        lines.append(f"  {era.id:<26} {share:5.1f}%  / {100 * years[era.id] / total_years:5.1f}%")
    tried = m.questions + sum(m.refused.values())
    lines += ["", f"candidates refused, by rule (of {tried} tried):"]
    for rule, n in m.refused.most_common():
        lines.append(f"  {rule:<48} {n:>6}  {100 * n / tried:5.1f}%")
    lines += ["", "events each kind may ask about at all (before any question is tried):"]
    lines += [f"  {line}" for line in eligibility(chronology)]
    return "\n".join(lines) + "\n"


def eligibility(chronology: Chronology) -> list[str]:
    """Per kind, how many of the classroom's events (not minor) it may ask about, and why the others not.

    The first filter of every kind (a moment for "when", a who-spec for "who", a dated and undisputed date
    for orderings): these events never reach the rules counted above."""
    index = index_for(chronology)
    events = [f for f in index.facts if not f.event.minor]
    why: Counter[str] = Counter()
    for f in events:
        if not f.dated:
            why["totals (figure)"] += 1
        elif not f.moment:
            why["periods"] += 1
        if f.event.is_disputed("date"):
            why["date disputed"] += 1
        if f.event.date_inferred:
            why["date inferred, not stated"] += 1
        if f.event.who is None:
            why["no one person named as doing it"] += 1
    lines = []
    for name, kind in KINDS.items():
        n = sum(1 for f in events if kind.eligible(f, index))
        lines.append(f"{name:<16} {n:>3} of {len(events)}")
    lines.append("excluded because: " + "; ".join(f"{reason} {n}" for reason, n in why.most_common()))
    lines.append(f"minor events left out of classroom quizzes: {sum(1 for f in index.facts if f.event.minor)}")
    return lines
