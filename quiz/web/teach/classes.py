"""The dashboard and classes: a join code and its QR code, the projector view, the students, the overview."""

from __future__ import annotations

import io

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...clock import now
from ...extensions import db
from ...services import accommodations as accommodation_service
from ...services import assignments as assignment_service
from ...services import classes as class_service
from ...services import question_sets as set_service
from ...services import results as results_service
from ...services import teacher_access
from ..access import forget_signed_in
from ..forms import GRADING_METHOD_LABELS, EmptyForm
from ..public_url import external_url
from . import bp
from .accommodations import class_forms
from .forms import ClassForm, require_button
from .loaders import find_membership, load_class, load_membership
from .undo import confirm_page, confirmed_state, record_and_flash


def join_url(classroom) -> str:
    """The link (and QR code) students open on their phones: an address their phones can reach."""
    return external_url("join.join", code=classroom.join_code)


def qr_svg(url: str) -> str:
    """A QR code of the join link as inline SVG (segno), sized by CSS so it reads from the back of a room.

    Scanners need a light quiet zone of 4 modules around the code (ISO/IEC 18004); it is drawn inside the
    SVG, on its own white, so no page background or neighbouring text can eat into it. The SVG has a viewBox
    and no width or height (omitsize), so CSS scales the whole code: with a fixed size, CSS made the box
    bigger or smaller than the drawing, which sat in a corner of a white box or was cut off.
    """
    out = io.BytesIO()
    import segno  # here, not at the top: it costs every server worker 11 MB for a page few open

    segno.make(url, error="m").save(out, kind="svg", border=4, omitsize=True, xmldecl=False, svgns=True,
                                    svgclass="qr", lineclass="qr-line", dark="#000", light="#fff",
                                    title=_("QR code of the join link"))
    return out.getvalue().decode("utf-8")


@bp.get("/")
def dashboard():
    classes = class_service.classes_of(current_user.id)
    return render_template("teach/dashboard.html", classes=classes, sets=set_service.visible_sets(current_user.id),
                           form=ClassForm(), archived=class_service.classes_of(current_user.id, archived=True),
                           requests_waiting=teacher_access.pending_count())


def _name_problem(form: ClassForm) -> str:
    """Why a class name was refused: the field's own reason (too long, a hidden character), in the reader's
    language, or that it is missing."""
    return form.name.errors[0] if form.name.errors and form.name.data else _("A class needs a name.")


@bp.post("/classes")
def create_class():
    form = ClassForm()
    if not form.validate_on_submit():
        flash(_name_problem(form), "error")
        return redirect(url_for("teach.dashboard"))
    classroom = class_service.create_class(current_user, form.name.data, now())
    db.session.commit()
    return redirect(url_for("teach.class_page", class_id=classroom.id))


@bp.get("/classes/<int:class_id>")
def class_page(class_id: int):
    classroom = load_class(class_id)
    url = join_url(classroom)
    accommodations = accommodation_service.of_class(classroom.id)
    return render_template("teach/class.html", classroom=classroom, join_url=url, qr=qr_svg(url),
                           assignments=assignment_service.assignments_of_class(classroom.id),
                           form=EmptyForm(), rename_form=ClassForm(name=classroom.name),
                           accommodations=accommodations,
                           accommodation_forms=class_forms(classroom.memberships, accommodations,
                                                           for_assignment=False))


@bp.get("/classes/<int:class_id>/projector")
def projector(class_id: int):
    classroom = load_class(class_id)
    url = join_url(classroom)
    return render_template("teach/projector.html", classroom=classroom, join_url=url, qr=qr_svg(url))


@bp.post("/classes/<int:class_id>/rename")
def rename_class(class_id: int):
    classroom = load_class(class_id)
    form = ClassForm()
    if form.validate_on_submit():
        classroom.name = form.name.data.strip()
        db.session.commit()
    else:
        flash(_name_problem(form), "error")
    return redirect(url_for("teach.class_page", class_id=classroom.id))


@bp.route("/classes/<int:class_id>/code", methods=["GET", "POST"])
def regenerate_code(class_id: int):
    classroom = load_class(class_id)
    if request.method == "GET":
        return confirm_page(
            _("Give the class a new code?"),
            [_("The code %(code)s stops working: students who have not joined yet need the new code.",
               code=classroom.join_code),
             _("Students already in the class stay in it and keep their personal codes.")],
            _("New code"), url_for("teach.class_page", class_id=classroom.id), expected=classroom.join_code)
    old_code = confirmed_state() or classroom.join_code
    # None: the class no longer has the code the page showed (the same form sent twice): nothing more to do.
    if class_service.regenerate_join_code(classroom, replacing=old_code) is not None:
        record_and_flash("new_class_code", {"class_id": classroom.id, "old_code": old_code},
                         _("The class has a new code; the old one no longer works."))
        db.session.commit()
    return redirect(url_for("teach.class_page", class_id=classroom.id))


@bp.route("/classes/<int:class_id>/archive", methods=["GET", "POST"])
def archive_class(class_id: int):
    """Archive (confirmed, with an undo) or, for an archived class, restore. The confirmation's form says
    which it meant ("archive"), so that the same form sent twice does not archive and then restore."""
    classroom = load_class(class_id)
    if request.method == "GET":
        return confirm_page(
            _("Archive the class %(name)s?", name=classroom.name),
            [_("Students no longer see the class or its assignments, and its code stops working."),
             _("Results are kept; you can restore the class at any time from your dashboard.")],
            _("Archive the class"), url_for("teach.class_page", class_id=classroom.id), expected="archive")
    expected = confirmed_state()
    if classroom.is_archived and expected != "archive":
        classroom.archived_at = None
    elif class_service.archive_class(classroom, now()):
        record_and_flash("archive_class", {"class_id": classroom.id},
                         _("The class %(name)s was archived.", name=classroom.name))
    db.session.commit()
    return redirect(url_for("teach.dashboard"))


@bp.route("/classes/<int:class_id>/students/<int:membership_id>/remove", methods=["GET", "POST"])
def remove_student(class_id: int, membership_id: int):
    classroom = load_class(class_id)
    if request.method == "GET":
        membership = load_membership(classroom, membership_id)
        return confirm_page(
            _("Remove %(name)s from the class?", name=membership.user.display_name),
            [_("They no longer see the class's assignments, and their personal code stops working."),
             _("Their attempts are kept: the results of the class's assignments still show them, marked as "
               "removed."),
             _("Every device logged in as them is logged out. An undo puts them back in the class; they then log in "
               "again with their personal code.")],
            _("Remove"), url_for("teach.class_page", class_id=classroom.id))
    confirmed_state()
    found = find_membership(classroom, membership_id)
    if found is not None:  # else: removed already (the same form sent twice)
        name = found.user.display_name
        kept = class_service.remove_student(found)
        record_and_flash("remove_student", kept, _("%(name)s was removed from the class.", name=name))
        db.session.commit()
        forget_signed_in(int(kept["user_id"]))  # type: ignore[call-overload]  # their devices are logged out from their next request
    return redirect(url_for("teach.class_page", class_id=classroom.id))


@bp.post("/classes/<int:class_id>/students/<int:membership_id>/resume-code")
def reissue_resume_code(class_id: int, membership_id: int):
    classroom = load_class(class_id)
    require_button()
    membership = load_membership(classroom, membership_id)
    code = class_service.reissue_resume_code(membership)
    db.session.commit()
    forget_signed_in(membership.user_id)  # the student's devices are logged out from their next request
    return render_template("teach/resume_code.html", classroom=classroom, membership=membership, code=code)


@bp.get("/classes/<int:class_id>/overview")
def class_overview(class_id: int):
    classroom = load_class(class_id)
    assignments, rows = results_service.class_overview(classroom, now())
    return render_template("teach/overview.html", classroom=classroom, assignments=assignments, rows=rows,
                           grading_method_labels=GRADING_METHOD_LABELS)
