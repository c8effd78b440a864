"""Self-study pages: the home page and the timeline of the chronology."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, get_template_attribute, render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from ..clock import now
from ..i18n import current_prefs, localized
from ..services import assignments as assignment_service
from ..services import reviews as review_service
from ..services.chronologies import get_chronology
from ..services.timeline import era_strip, timeline_view
from ..services.transactions import keep_lazy_changes
from .forms import EmptyForm, TimelineFilterForm, options

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
    return render_template("learn/home.html", chronology=chronology, strip=era_strip(chronology), due=due,
                           assignments=assignments, form=EmptyForm())


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


# Rendered event cards, per chronology version and display preferences: the timeline shows up to a hundred
# cards, and rendering each one anew made it the slowest page (bench/README.md). A card depends only on the
# event, the language, the month style and the digits, so the cache cannot go stale within one chronology.
_card_cache: dict[tuple, Markup] = {}
_CARD_CACHE_LIMIT = 20_000


@bp.app_template_global()
def event_card(event, chronology) -> Markup:
    prefs = current_prefs()
    key = (id(chronology), event.id, prefs.lang, prefs.month_style, prefs.digits)
    html = _card_cache.get(key)
    if html is None:
        if len(_card_cache) >= _CARD_CACHE_LIMIT:
            _card_cache.clear()
        macro = get_template_attribute("macros/chronology.html", "event_card")
        html = _card_cache[key] = Markup(macro(event, chronology))
    return html
