"""Self-study pages: the home page and the timeline of the chronology."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, get_template_attribute, render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from ..clock import now
from ..i18n import localized
from ..services import assignments as assignment_service
from ..services import live as live_service
from ..services import reviews as review_service
from ..services.chronologies import get_chronology
from ..services.timeline import era_strip, timeline_view
from ..services.transactions import keep_lazy_changes
from .forms import GRADING_METHOD_LABELS, EmptyForm, TimelineFilterForm, options
from .fragments import display_key, fragment

bp = Blueprint("learn", __name__)


def _chronology():
    return get_chronology(current_app.config["DEFAULT_CHRONOLOGY"])


@bp.get("/")
def home():
    chronology = _chronology()
    due = None
    assignments = []
    if current_user.is_authenticated:
        due = review_service.due_count(current_user.id, current_app.config["DEFAULT_CHRONOLOGY"], now())
        if not current_user.is_teacher:
            assignments = assignment_service.open_assignments_for_student(current_user.id, now())
            keep_lazy_changes()  # attempts past their deadline were closed while reading
    overview = fragment("home_overview", (id(chronology), *display_key()), lambda: render_template(
        "learn/home_overview.html", chronology=chronology, strip=era_strip(chronology)))
    live_codes = live_service.codes_of_assignments([a.assignment.id for a in assignments if a.assignment.live])
    return render_template("learn/home.html", overview=overview, due=due, assignments=assignments,
                           live_codes=live_codes, form=EmptyForm() if assignments else None,
                           grading_method_labels=GRADING_METHOD_LABELS)


@bp.get("/timeline")
def timeline():
    chronology = _chronology()
    # The same for everyone with these preferences and these filters (as typed: the form shows them back).
    key = (id(chronology), *display_key(), tuple(sorted(request.args.items(multi=True))))
    return render_template("learn/timeline.html", body=fragment("timeline", key, lambda: _timeline_body(chronology)))


def _timeline_body(chronology) -> str:
    form = TimelineFilterForm(request.args)
    form.era.choices = options([("", _("All eras"))] + [(e.id, localized(e, "title")) for e in chronology.eras])
    form.person.choices = options([("", _("Everyone"))] + [(p.id, localized(p, "name")) for p in chronology.people()])
    unknown = set(request.args) - set(form.data)
    if unknown or not (form.validate() or form.only_years_reversed()):
        # A filter that names no era, person or sensible year is a URL that points nowhere (and is not kept);
        # years typed the wrong way round come back in the open filters with the mistake marked.
        abort(404)
    view = timeline_view(
        chronology,
        era=form.era.data or None,
        year_from=form.year_from.data,
        year_to=form.year_to.data,
        person=form.person.data or None,
    )
    return render_template("learn/timeline_body.html", chronology=chronology, form=form, view=view,
                           strip=era_strip(chronology))


@bp.get("/timeline/<event_id>")
def event(event_id: str):
    chronology = _chronology()
    if not chronology.has_event(event_id):
        abort(404)
    return render_template("learn/event.html", chronology=chronology, event=chronology.event(event_id))


@bp.app_template_global()
def axis_event(event, chronology) -> Markup:
    """An event's label on the time axis, rendered once per chronology and display preferences
    (quiz/web/fragments.py): the same in every filtered view of the timeline."""
    return fragment("axis_event", (id(chronology), event.id, *display_key()),
                    lambda: get_template_attribute("macros/chronology.html", "axis_event")(event, chronology))
