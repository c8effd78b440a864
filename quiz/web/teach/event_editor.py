"""The one event editor behind two pages: the review of an article's candidates and the edit of a saved
chronology. Rows are plain dicts (what the template shows and the form sends back); this module turns the posted
form into rows (with their problems) and the accepted rows into ReviewedEvents for the service.

Field names: c<n>-accept, -date, -qualifier, -end (a range's end), -title_ar/-title_en, -summary_ar/-summary_en,
-era, -actors/-places (ticked registry ids), -who (the proposed "who" confirmed, or one added to an event with
people) with -who_person (one of the event's people), -who_relation (who_verbs.WHO_VERB_RELATIONS) and
-who_does_ar/-who_does_en (what they did, without their name), -actor-add/-place-add (a
name typed from a datalist), -merge (the number of the row it is the same event as), -new-<i> (+ -role: a
proposed person or place confirmed), -id (a saved event's id), -quote/-start/-end_at (an event added from the
article); new-* for the one being added.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import Callable

from flask import request
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from ...chronology.basis_text import explain_basis
from ...chronology.model import WHO_RELATIONS, Entity
from ...chronology.who_verbs import WHO_VERB_RELATIONS
from ...i18n import current_prefs
from ...services import articles as article_service
from ..input_guard import whole_number


def article_spans(text: str, marks: list[tuple[int, int, int]], unread: Sequence[tuple[int, int, int]] = ()) -> Markup:
    """The article as spans that know their offset (data-at), so a selection in it maps to exact character
    offsets (quiz/static/js/article_select.js); each candidate's clause (start, end, number) marked and numbered,
    and what the extractor left unread (start, end, year; year 0 for words like «في ذلك العام») marked for the
    teacher to look at."""
    parts, position = [], 0
    years = sorted(unread)

    def plain(start: int, end: int) -> Markup:
        return Markup('<span data-at="{a}">{t}</span>').format(a=start, t=text[start:end]) if end > start else Markup()

    def span(start: int, end: int) -> Markup:
        out, at = [], start
        for a, b, year in years[bisect_left(years, (start,)):]:
            if b > end:
                break
            out.append(plain(at, a))
            mark = Markup('<mark class="unread" data-year="{y}">').format(y=year) if year else Markup(
                '<mark class="unread">')  # (words like «في ذلك العام»: no year to fill in)
            out.append(mark + plain(a, b) + Markup("</mark>"))
            at = b
        out.append(plain(at, end))
        return Markup("").join(out)

    for start, end, number in sorted(marks):
        if start < position:
            continue
        parts.append(span(position, start))
        parts.append(Markup('<mark id="clause-{n}"><sup>{n}</sup> ').format(n=number) + span(start, end)
                     + Markup("</mark>"))
        position = end
    parts.append(span(position, len(text)))
    return Markup("").join(parts)


def review_rows(draft, candidates) -> list[dict]:
    """One editable row per candidate, as the review screen first shows it (the seam proposes title and actors).

    ``how`` tells the teacher how the date was found, in the page's language; an inferred date also keeps it as
    the event's source note, in Arabic, the chronology's first language (its schema has one note per source)."""
    prefs = current_prefs()
    rows = []
    for number, candidate in enumerate(candidates, start=1):
        fields = article_service.default_fields(candidate, draft, number - 1)
        rows.append({
            "n": number, "id": "", "accept": True, "date": candidate.date.iso(),
            "qualifier": candidate.qualifier.value if candidate.qualifier else "",
            "end": candidate.range_end.iso() if candidate.range_end else "", "title_ar": fields["title_ar"],
            "title_en": fields["title_en"], "summary_ar": candidate.text_ar, "summary_en": "", "era": "",
            "actors": list(fields["actors"]), "places": list(fields["places"]), "proposed": list(fields["proposed"]),
            "candidate": candidate, "low": candidate.confidence < article_service.LOW_CONFIDENCE,
            "note": explain_basis(candidate.basis, "ar") if candidate.inferred else None, "quote": "", "merge": "",
            "how": explain_basis(candidate.basis, prefs.lang, month_style=prefs.month_style),
            # Proposed, never confirmed by default: a "who" is saved only when the teacher ticks it.
            "who": _who_row(fields.get("who")), "who_on": False,
        })
    return rows


def _who_row(who: dict | None) -> dict | None:
    """A "who" as the editor shows it; a proposed new person (``new``: their place among the row's proposals) is
    named «proposed-<number>» until the teacher adds them."""
    if not who:
        return None
    new = who.get("new")
    return {"person": who["person"] or (f"proposed-{new + 1}" if new is not None else ""),
            "relation": who["relation"], "does_ar": who["does_ar"], "does_en": who.get("does_en") or "",
            "new": new}


def event_rows(document) -> list[dict]:
    """One editable row per event of a saved chronology."""
    content = document.content["chronology"]
    era_names = {era["id"]: era["title_ar"] for era in content["eras"]}
    return [{
        "n": number, "id": event["id"], "accept": True, "date": str(event["date"]),
        "qualifier": event.get("qualifier") or "", "end": event.get("end") or "", "title_ar": event["title_ar"],
        "title_en": "" if event["title_en"] == event["title_ar"] else event["title_en"],
        "summary_ar": event["summary_ar"],
        "summary_en": "" if event["summary_en"] == event["summary_ar"] else event["summary_en"],
        "era": era_names.get(event["era"], ""), "actors": list(event.get("actors", [])),
        "places": list(event.get("places", [])), "proposed": [], "candidate": None, "low": False,
        "note": (event.get("sources") or [{}])[0].get("note"), "quote": "", "merge": "",
        "who": _saved_who(event.get("who")), "who_on": bool(event.get("who")),
    } for number, event in enumerate(content["events"], start=1)]


def _saved_who(who: dict | None) -> dict | None:
    """A saved "who"; its English shown empty when it only repeats the Arabic (as titles are)."""
    row = _who_row(who)
    if row is not None and row["does_en"] == row["does_ar"]:
        row["does_en"] = ""
    return row


def _names(registry: dict[str, Entity]) -> dict[str, str]:
    """Every name, alias and id of the registry → the entity's id (what a teacher may type to add someone)."""
    names: dict[str, str] = {}
    for entity in registry.values():
        for name in (entity.id, entity.name_en, *entity.aliases_en, *entity.all_names_ar()):
            names.setdefault(name.strip().casefold(), entity.id)
    return names


def _posted_row(base: dict, number: int, names: dict[str, str], registry: dict[str, Entity]) -> dict:
    """A row as the form sent it (the base row gives what the form does not carry: the candidate, proposals)."""
    def field(name: str) -> str:
        return (request.form.get(f"c{number}-{name}") or "").strip()

    row = dict(base, n=number, accept=field("accept") == "y", date=field("date"), qualifier=field("qualifier"),
               end=field("end"), title_ar=field("title_ar"), title_en=field("title_en"),
               summary_ar=field("summary_ar"), summary_en=field("summary_en"), era=field("era"), merge=field("merge"),
               problems=[])
    for kind, key in (("actors", "actor"), ("places", "place")):
        chosen = [i for i in request.form.getlist(f"c{number}-{kind}") if i in registry]
        added = field(f"{key}-add")
        if added:
            found = names.get(added.casefold())
            if found is None:
                row["problems"].append("who")
            else:
                chosen.append(found)
        row[kind] = list(dict.fromkeys(chosen))
    # An event without a "who" gets one when the teacher ticks it or starts writing it (the person and relation
    # lists alone, sent by every form, are not a "who").
    if base.get("who") or any(field(name) for name in ("who", "who_does_ar", "who_does_en")):
        row["who"], problem = _posted_who(base.get("who"), field)
        row["who_on"] = field("who") == "y"
        if problem and row["who_on"]:
            row["problems"].append(problem)
    return row


_NO_WHO = {"person": "", "relation": "", "does_ar": "", "does_en": "", "new": None}


def _posted_who(base: dict | None, field: Callable[[str], str]) -> tuple[dict, str | None]:
    """The row's "who" as the form sent it: the proposal (or the saved one) corrected, or one the teacher adds
    to an event that had none; with "who_relation" when the relation is not one of the verbs' (who_verbs): a
    forged form cannot give a "who" a relation the editor does not offer, except the one it already had."""
    who = base or _NO_WHO
    relation = field("who_relation") or who["relation"]
    allowed = relation in WHO_VERB_RELATIONS or (base is not None and relation == base["relation"])
    posted = dict(who, person=field("who_person"), relation=relation, does_ar=field("who_does_ar"),
                  does_en=field("who_does_en"))
    # A relation outside the schema is the service's to refuse (who_problems); here only the editor's choice.
    return posted, None if allowed or relation not in WHO_RELATIONS else "who_relation"


def _new_row(number: int, article: str | None, data: dict[str, str]) -> dict:
    """An event the teacher adds from a passage of the article (offsets from a selection, or a typed quote)."""
    row = {"n": number, "id": "", "accept": True, "date": data.get("date", "").strip(),
           "qualifier": data.get("qualifier", "").strip(), "end": data.get("end", "").strip(),
           "title_ar": data.get("title_ar", "").strip(), "title_en": "", "summary_ar": "", "summary_en": "",
           "era": data.get("era", "").strip(), "actors": [], "places": [], "proposed": [], "candidate": None,
           "low": False, "note": None, "merge": "", "problems": [], "who": None, "who_on": False}
    try:
        start, end = article_service.locate_quote(article or "", data.get("quote", ""),
                                                  _offset(data.get("start")), _offset(data.get("end_at")))
    except article_service.ArticleError:
        row.update(quote=data.get("quote", "").strip(), problems=["quote"])
        return row
    quote = (article or "")[start:end].strip()
    row.update(quote=quote, start=start, end_at=end, summary_ar=data.get("summary_ar", "").strip() or quote)
    row["title_ar"] = row["title_ar"] or article_service.cut_at_word(quote, article_service.TITLE_WORDS_CHARS)
    return row


MAX_ADDED_ROWS = 200  # events added from the article in one sitting; bounds the work a forged form can ask for


def _offset(value: str | None) -> int | None:
    return whole_number(value, max_digits=7)


def _posted(prefix: str) -> dict[str, str]:
    names = ("quote", "start", "end_at", "date", "qualifier", "end", "title_ar", "summary_ar", "era")
    return {name: request.form.get(f"{prefix}{name}") or "" for name in names}


def rows_from_form(base_rows: list[dict], article: str | None, registry: dict[str, Entity]) -> list[dict]:
    """The rows the form sent: the page's own, those added earlier (kept as hidden quotes), and the new one."""
    names = _names(registry)
    posted = whole_number(request.form.get("rows"), max_digits=4) or 0
    count = min(max(posted, len(base_rows)), len(base_rows) + MAX_ADDED_ROWS)
    rows = []
    for number in range(1, count + 1):
        if number <= len(base_rows):
            rows.append(_posted_row(base_rows[number - 1], number, names, registry))
        else:
            added = _new_row(number, article, _posted(f"c{number}-"))
            rows.append(_posted_row(added, number, names, registry) | {
                k: added[k] for k in ("quote", "start", "end_at") if k in added} | {
                "problems": added["problems"]})
    new = _posted("new-")
    if new["quote"].strip():
        rows.append(_new_row(len(rows) + 1, article, new))
    return rows


def _confirmed(row: dict) -> list[tuple[int, dict]]:
    """The people and places proposed for this row that the teacher ticked (with their number in the row's
    proposals), with the role chosen for each."""
    confirmed = []
    for index, proposal in enumerate(row.get("proposed", ()), start=1):
        if request.form.get(f"c{row['n']}-new-{index}") == "y":
            role = (request.form.get(f"c{row['n']}-new-{index}-role") or "").strip()
            confirmed.append((index, dict(proposal, role=role or proposal.get("role"))))
    return confirmed


def _reviewed_who(row: dict, new_ids: dict[str, str]) -> article_service.ReviewedWho | None:
    """The row's "who" when ticked; a proposed person («proposed-2») becomes the id the teacher's confirmation
    gives them (left as it is when not confirmed, which the validation then refuses)."""
    who = row.get("who")
    if not who or not row.get("who_on"):
        return None
    return article_service.ReviewedWho(person=new_ids.get(who["person"], who["person"]), relation=who["relation"],
                                       does_ar=who["does_ar"], does_en=who["does_en"])


def _entity(entry: dict) -> Entity:
    return Entity(entry["id"], entry["kind"], entry["name_ar"], entry["name_en"], tuple(entry.get("roles", ())))


def events_from_rows(rows: list[dict], registry: dict[str, Entity] | None = None
                     ) -> tuple[list[article_service.ReviewedEvent], list[dict], bool]:
    """The accepted rows as events (merged rows folded into the row they name), the registry entries the teacher
    confirmed, and whether any row has a problem (then nothing is saved)."""
    events: dict[int, article_service.ReviewedEvent] = {}
    added: list[dict] = []
    merges: list[tuple[int, int]] = []
    for row in rows:
        if not row["accept"]:
            row["problems"] = []  # a rejected row is not saved, so nothing in it needs correcting
            continue
        entries = []
        new_ids: dict[str, str] = {}
        confirmed = _confirmed(row)
        for (index, _), entry in zip(confirmed, article_service.new_entities([p for _, p in confirmed])):
            same = next((e for e in added if (e["kind"], e["name_ar"]) == (entry["kind"], entry["name_ar"])), None)
            if same is None:  # the same new person ticked for two events is one person
                added.append(entry)
            entries.append(same or entry)
            new_ids[f"proposed-{index}"] = (same or entry)["id"]
        people = tuple(e["id"] for e in entries if e["kind"] != "place")
        places = tuple(e["id"] for e in entries if e["kind"] == "place")
        event = article_service.ReviewedEvent(
            date=row["date"], qualifier=row["qualifier"] or None, title_ar=row["title_ar"],
            summary_ar=row["summary_ar"], title_en=row["title_en"], summary_en=row["summary_en"],
            actors=tuple(row["actors"]) + people, places=tuple(row["places"]) + places, note=row["note"],
            event_id=row["id"] or None, end=row["end"] or None, era=row["era"], who=_reviewed_who(row, new_ids))
        known = None if registry is None else {**registry, **{e["id"]: _entity(e) for e in entries}}
        row["problems"] = row.get("problems", []) + article_service.review_problems(event, known)
        events[row["n"]] = event
        if row["merge"]:
            target = whole_number(row["merge"], max_digits=4) or -1
            kept = {r["n"] for r in rows if r["accept"] and not r["merge"]}
            if target == row["n"] or target not in kept:
                row["problems"].append("merge")
            else:
                merges.append((row["n"], target))
    for source, target in merges:
        if source in events and target in events:
            events[target] = article_service.merged(events[target], events.pop(source))
    return list(events.values()), added, any(row.get("problems") for row in rows)


# What each relation of the schema (model.WHO_RELATIONS) is called in the editor's list; the list offers those of
# the verbs (who_verbs.WHO_VERB_RELATIONS), and a saved "who" keeps its own relation if it is another one.
RELATION_LABELS = {
    "announced": _l("announced"), "decided": _l("decided"), "led": _l("led"), "founded": _l("founded"),
    "visited": _l("visited"), "met": _l("met"), "signed": _l("signed"), "tasked": _l("was given a task"),
    "survived": _l("survived"), "killed": _l("killed"), "was_killed": _l("was killed"), "won": _l("won"),
    "said": _l("said"), "elected": _l("was elected"),
}
assert set(RELATION_LABELS) == set(WHO_RELATIONS)


def _relation_choices(row: dict) -> list[tuple[str, object]]:
    """(relation, label) for a row's list: the verbs' relations, and the row's own if it is not among them."""
    own = (row.get("who") or {}).get("relation")
    relations = [*WHO_VERB_RELATIONS, *([own] if own in RELATION_LABELS and own not in WHO_VERB_RELATIONS else [])]
    return [(relation, RELATION_LABELS[relation]) for relation in relations]


def editor_context(rows: list[dict], registry: dict[str, Entity], article: Markup | None, **context) -> dict:
    """What the one event editor (templates/teach/_event_editor.html) needs, on both pages."""
    people = [e for e in registry.values() if e.kind != "place"]
    roles: dict[str, list[str]] = {}
    for person in people:
        for role in person.roles:
            roles.setdefault(role, []).append(person.name_ar)
    eras = sorted({row["era"] for row in rows if row.get("era")})
    for row in rows:  # who a "who" may name: the event's people with a role (the other options share it)
        row["who_people"] = [i for i in row.get("actors", ()) if i in registry and registry[i].kind == "person"
                             and registry[i].roles]
        row["who_relations"] = _relation_choices(row)
    return dict(context, rows=rows, registry=registry, article=article, people=people, eras=eras,
                places=[e for e in registry.values() if e.kind == "place"],
                roles=sorted(roles.items()), has_problems=any(row.get("problems") for row in rows),
                low=[row for row in rows if row.get("low")])
