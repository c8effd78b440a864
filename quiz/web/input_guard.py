"""Input no view can store or read, refused at the door with a 400 and a message in the reader's language.

Two kinds of hostile input would otherwise reach the views and end as a 500 (issue 16, item 6):

- a NUL byte in a query argument, form field, path segment or file name: PostgreSQL refuses it in any text
  column (a DataError deep in a service), and no person types one;
- a file part under the name of a text field (a multipart upload where the form has a text box): Flask-WTF
  gives the field a FileStorage instead of a string, and its validators and the views fail on it. Only the
  names of the app's `FileField`s may carry files.

Checking here, before any view, covers every form and route at once, the ones to come included.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from flask import Flask, Response, render_template, request
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import FieldList, FormField
from wtforms.fields.core import UnboundField

NUL = "\x00"


def _subclasses(cls: type) -> Iterable[type]:
    sub: type
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _file_fields(form: type, prefix: str = "") -> Iterable[str]:
    """The FileFields of a form class, and of the forms it repeats (a FieldList of FormFields, whose fields
    are named `<list>-<index>-<name>`: written with `#` for the index)."""
    for name in dir(form):
        field = getattr(form, name, None)
        if not isinstance(field, UnboundField):
            continue
        if issubclass(field.field_class, FileField):
            yield prefix + name
        elif issubclass(field.field_class, FieldList) and field.args and isinstance(field.args[0], UnboundField) \
                and issubclass(field.args[0].field_class, FormField) and field.args[0].args:
            yield from _file_fields(field.args[0].args[0], f"{prefix}{name}-#-")


@cache
def file_field_names() -> frozenset[str]:
    """The names of every FileField of the app's forms: the only fields that may arrive as files. (The question
    editor's forms are built when quiz.web.teach.forms is imported, so they are all here.)"""
    return frozenset(name for form in _subclasses(FlaskForm) for name in _file_fields(form))


_INDEX = re.compile(r"-\d{1,3}-")


def _is_file_field(name: str) -> bool:
    return _INDEX.sub("-#-", name) in file_field_names()


def _texts() -> Iterable[str]:
    yield from (value for _name, value in request.args.items(multi=True))
    yield from (value for _name, value in request.form.items(multi=True))
    yield from (value for value in (request.view_args or {}).values() if isinstance(value, str))
    yield from (upload.filename or "" for _name, upload in request.files.items(multi=True))


def _refusal(message: str) -> tuple[str, int]:
    return render_template("errors/refused_input.html", message=message), 400


def refused_input() -> tuple[str, int] | None:
    """The 400 answer for input no view can take; None when the request may go on."""
    if request.files and not all(_is_file_field(name) for name in request.files):
        return _refusal(_("A file was sent where the form expects text. Open the form again and send it "
                          "from its page."))
    if any(NUL in text for text in _texts()):
        return _refusal(_("The form contains a character that cannot be stored (a NUL byte). Remove it and "
                          "send the form again."))
    return None


def whole_number(raw: str | None, *, max_digits: int = 9) -> int | None:
    """A whole number typed in a form (ASCII or Arabic-Indic digits), or None when `raw` is none: not
    `int(raw)`, which raises on superscripts that pass `isdigit()` ("²") and on strings of over 4,300 digits,
    and would hand the database a number no column holds."""
    text = (raw or "").strip()
    if not text.isdecimal() or len(text) > max_digits:
        return None
    return int(text)


def init_app(app: Flask) -> None:
    @app.before_request
    def guard_input() -> Response | tuple[str, int] | None:
        return refused_input()
