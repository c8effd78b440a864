"""What the pure core says to a person: a message to be translated at the edge, not a finished English sentence.

The core (interop, authoring, generate) knows nothing of Flask or of the reader's language. When it has
something to tell a teacher (why a question was skipped, what a set lacks, why no quiz could be made), it
returns a `Message`: a msgid of the message catalogue with named parameters. The web edge renders it in the
reader's language (`quiz.i18n.render_message`); anything else (the CLI, logs, tests) reads it as English,
because a `Message` *is* its English text (a `str`).

    N_("row %(row)s", row=9)                      -> "row 9"
    Nn_("%(num)s hint dropped", "%(num)s hints dropped", 2)   -> "2 hints dropped"

`N_` and `Nn_` are also the markers `pybabel extract` looks for (`-k N_ -k Nn_:1,2`, Makefile `translations`),
so every msgid the core can say is in the catalogue. Parameters may themselves be messages (a place inside a
sentence: 'question 2 "Greeting" (line 11)') or lists of messages (joined with "; "); codes, field paths, file
names and user content are passed as plain strings and shown as they are.
"""

from __future__ import annotations

from typing import Any, Iterable

SEPARATOR = "; "


class Message(str):
    """A catalogue msgid with its parameters; as a `str`, its English text.

    `plural` and `number` are set for a counted message (ngettext): `number` is also the parameter `num`.
    (Not `count`: that is str.count.)
    """

    msgid: str
    plural: str | None
    number: int | None
    params: dict[str, Any]

    def __new__(cls, msgid: str, params: dict[str, Any] | None = None, *, plural: str | None = None,
                number: int | None = None) -> Message:
        params = dict(params or {})
        if plural is not None and number is not None:
            params.setdefault("num", number)
        template = plural if plural is not None and number != 1 else msgid
        text = template % {name: english(value) for name, value in params.items()} if params else template
        message = super().__new__(cls, text)
        message.msgid, message.plural, message.number, message.params = msgid, plural, number, params
        return message

    def __reduce__(self) -> tuple[Any, ...]:  # pickle and copy keep the structure, not only the text
        return (_rebuild, (self.msgid, self.params, self.plural, self.number))


def _rebuild(msgid: str, params: dict[str, Any], plural: str | None, number: int | None) -> Message:
    return Message(msgid, params, plural=plural, number=number)


def english(value: Any) -> str:
    """A parameter as English text: messages as themselves, lists of messages joined with "; "."""
    if isinstance(value, (list, tuple)):
        return SEPARATOR.join(english(item) for item in value)
    return str(value)


def N_(msgid: str, **params: Any) -> Message:  # noqa: N802 (the gettext convention)
    """A message marked for extraction; `params` fill its %(name)s placeholders."""
    return Message(msgid, params)


def Nn_(singular: str, plural: str, count: int, **params: Any) -> Message:  # noqa: N802
    """A counted message (ngettext): `count` chooses the form and is the parameter %(num)s."""
    return Message(singular, params, plural=plural, number=count)


def joined(messages: Iterable[str]) -> Message:
    """Several messages as one ("a; b; c"), each still translatable (the list's msgid is not for translators)."""
    return Message("%(items)s", {"items": list(messages)})


def as_message(value: str) -> Message:
    """Any text as a message: a `Message` as it is, other text (a library's own error) as a parameter shown
    untranslated."""
    return value if isinstance(value, Message) else Message("%(text)s", {"text": value})


__all__ = ["Message", "N_", "Nn_", "as_message", "english", "joined"]
