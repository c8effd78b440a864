"""Self-study pages: the home page and the timeline of the chronology."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request
from flask_babel import gettext as _

from ..i18n import localized
from ..services.chronologies import get_chronology
from ..services.timeline import era_strip, timeline_view
from .forms import TimelineFilterForm, options

bp = Blueprint("learn", __name__)


def _chronology():
    return get_chronology(current_app.config["DEFAULT_CHRONOLOGY"])


@bp.get("/")
def home():
    chronology = _chronology()
    return render_template("learn/home.html", chronology=chronology, strip=era_strip(chronology))


@bp.get("/timeline")
def timeline():
    chronology = _chronology()
    form = TimelineFilterForm(request.args)
    form.era.choices = options([("", _("All eras"))] + [(e.id, localized(e, "title")) for e in chronology.eras])
    form.person.choices = options([("", _("Everyone"))] + [(p.id, localized(p, "name")) for p in chronology.people()])
    unknown = set(request.args) - set(form.data)
    if unknown or not form.validate():
        # A filter that names no era, person or sensible year is a URL that points nowhere.
        abort(404)
    view = timeline_view(
        chronology,
        era=form.era.data or None,
        year_from=form.year_from.data,
        year_to=form.year_to.data,
        person=form.person.data or None,
    )
    return render_template("learn/timeline.html", chronology=chronology, form=form, view=view,
                           strip=era_strip(chronology))


@bp.get("/timeline/<event_id>")
def event(event_id: str):
    chronology = _chronology()
    if not chronology.has_event(event_id):
        abort(404)
    return render_template("learn/event.html", chronology=chronology, event=chronology.event(event_id))
