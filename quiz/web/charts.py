"""The charts of the progress and results pages, as data for templates/macros/charts.html.

They are drawn by Charts.css (quiz/static/vendor/charts.css, MIT), a maintained CSS framework whose charts are
HTML tables styled as bars. It was chosen over the others tried because its labels stay HTML text: the browser
shapes the Arabic, wraps a long era name, isolates the numbers and follows the page's direction, so a bar
grows from the right in Arabic (its rules are written with :dir() and logical properties). The others place
every label themselves:
- pygal (SVG on the server): sizes its margins at 0.6 × the font size per character, anchors labels with
  text-anchor, which the page's inherited `direction: rtl` turns round, and scales its text with the picture
  (about 8 px on a phone);
- Chart.js (canvas, 200 KB): no text in the page, nothing without JavaScript, and axes that do not mirror for
  right-to-left (chartjs/Chart.js#11937).
Charts.css needs no JavaScript, weighs 6 KB compressed (only pages with a chart load it), and the chart is the
data table that screen readers read.

Every value here is already written for the reader (digits, per cent sign); the builders are the one place that
decides which numbers a chart shows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Sequence

from flask import Flask
from flask_babel import gettext as _

from ..chronology.model import PartialDate
from ..i18n import digits, format_date, format_percent, localized, to_school_time
from ..scoring.answer_types import answer_type

if TYPE_CHECKING:
    from ..scoring.analysis import ItemStats
    from ..scoring.served import ServedQuestion
    from ..services.progress import EraMastery, ScorePoint

# A column chart keeps this many of the latest scores: at 390 px each column is then still wide enough for
# "100%" in 12 px type. The table under the chart lists them all.
RECENT_SCORES = 7


@dataclass(frozen=True)
class Bar:
    label: str  # the row's header: an era, an option, a quiz's number
    fraction: float  # 0..1: how long the bar is
    value: str  # what the bar says ("77%", "٢ (٥٠٪)", "no answers yet")
    mark: str = ""  # a word that sets this bar apart, shown with a ✔ beside the label (the right answer)
    href: str = ""  # where the label leads (a question's card on the same page)
    details: tuple[str, ...] = ()  # the table's further columns, in the order of Chart.detail_headings


@dataclass(frozen=True)
class Chart:
    # "bar": one row per bar, growing from the reader's start side; "column": upright, the first on the start side
    kind: Literal["bar", "column"]
    caption: str  # names the chart's table for screen readers (the page's heading says it to everyone)
    label_heading: str
    value_heading: str
    bars: tuple[Bar, ...]
    detail_headings: tuple[str, ...] = ()
    labels_above: bool = False  # long labels (an era, an option's text) get a line of their own over the bar
    drawn_limit: int | None = None  # draw only the last N bars; the table still lists every one

    @property
    def drawn(self) -> tuple[Bar, ...]:
        return self.bars[-self.drawn_limit:] if self.drawn_limit else self.bars


def _share(part: float, whole: float) -> float:
    return max(0.0, min(1.0, part / whole)) if whole else 0.0


def _day(moment: dt.datetime) -> str:
    """The school's calendar day of a moment, in the reader's month names and digits."""
    local = to_school_time(moment)
    return format_date(PartialDate(local.year, local.month, local.day))


def _kind_label(kind: str) -> str:
    return {"review": _("Review"), "assignment": _("Assignment"), "live": _("Live lesson")}.get(kind, _("Practice"))


def score_chart(points: Sequence[ScorePoint]) -> Chart:
    """Progress over time: one column per finished quiz, numbered from the first."""
    bars = tuple(
        Bar(label=digits(number), fraction=_share(point.score, 1), value=format_percent(point.score),
            details=(_day(point.finished_at), _kind_label(point.kind)))
        for number, point in enumerate(points, start=1)
    )
    return Chart("column", _("Score of each finished quiz, oldest first"), _("Quiz"), _("Score"), bars,
                 detail_headings=(_("Finished"), _("Kind")), drawn_limit=RECENT_SCORES)


def mastery_chart(eras: Sequence[EraMastery]) -> Chart:
    """Mastery per era: the mean score of the answers about each era's events, in the chronology's order."""
    bars = tuple(
        Bar(label=localized(m.era, "title"), fraction=_share(m.fraction, 1),
            value=format_percent(m.fraction) if m.answered else _("no answers yet"), details=(digits(m.answered),))
        for m in eras
    )
    return Chart("bar", _("Mastery per era"), _("Era"), _("Mastery"), bars, detail_headings=(_("Answers"),),
                 labels_above=True)


def option_label(option: Any, number: int) -> str:
    """An option's name on a chart: its text, else (an option that is only a picture) what the picture shows."""
    return localized(option, "text") or option.image_alt or _("Option %(num)s (a picture)", num=digits(number))


def option_chart(question: ServedQuestion, stats: ItemStats) -> Chart:
    """Item analysis of a multiple-choice question: how many students picked each option (first attempts)."""

    def bar(label: str, count: int, mark: str = "") -> Bar:
        return Bar(label=label, fraction=_share(count, stats.attempts), mark=mark,
                   value=_("%(count)s (%(percent)s)", count=digits(count),
                           percent=format_percent(_share(count, stats.attempts))))

    right = answer_type(question.type).right_options(question)
    bars = [bar(option_label(option, number), stats.option_counts.get(option.id, 0),
                _("right answer") if option.id in right else "")
            for number, option in enumerate(question.options, start=1)]
    if stats.unanswered:
        bars.append(bar(_("not answered"), stats.unanswered))
    return Chart("bar", _("How often each option was picked"), _("Option"), _("Students"), tuple(bars),
                 labels_above=True)


def facility_chart(questions: Sequence[ServedQuestion], items: Sequence[ItemStats]) -> Chart:
    """The facility of every question at a glance (the share of the marks students got on it); each label
    leads to the question's card."""
    bars = tuple(
        Bar(label=_("Q%(n)s", n=digits(number)), fraction=_share(stats.facility or 0.0, 100),
            value=format_percent((stats.facility or 0.0) / 100), href=f"#question-{number}",
            details=(localized(question, "prompt"),))
        for number, (question, stats) in enumerate(zip(questions, items), start=1)
    )
    return Chart("bar", _("Facility of each question"), _("Question"), _("Facility"), bars,
                 detail_headings=(_("Prompt"),))


def live_answers_chart(question: ServedQuestion, counts: Any, players: int) -> Chart:
    """A live question's answers on the projector: how many players picked each option (multiple choice), or
    how many put the events wholly in order (ordering); players who did not answer in time last."""

    def bar(label: str, count: int, mark: str = "") -> Bar:
        share = _share(count, players)
        return Bar(label=label, fraction=share, mark=mark,
                   value=_("%(count)s (%(percent)s)", count=digits(count), percent=format_percent(share)))

    if counts.by_option:
        right = answer_type(question.type).right_options(question)
        bars = [bar(option_label(option, number), counts.by_option.get(option.id, 0),
                    _("right answer") if option.id in right else "")
                for number, option in enumerate(question.options, start=1)]
    else:
        bars = [bar(_("The right order"), counts.right, _("right answer")),
                bar(_("Another order"), counts.answered - counts.right)]
    bars.append(bar(_("not answered"), max(0, players - counts.answered)))
    return Chart("bar", _("How the players answered"), _("Answer"), _("Players"), tuple(bars), labels_above=True)


def percent_step(fraction: float) -> int:
    """A share (0..1) in whole percent for the size-N and grow-N classes (static/css/charts.css, pages.css),
    which stand in for style attributes the Content-Security-Policy refuses. A share above nothing never
    rounds to an empty bar: a single answer still shows."""
    if fraction <= 0:
        return 0
    return max(1, min(100, round(fraction * 100)))


def init_app(app: Flask) -> None:
    app.add_template_filter(percent_step)
    for builder in (score_chart, mastery_chart, option_chart, facility_chart, live_answers_chart):
        app.add_template_global(builder)
