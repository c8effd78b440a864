"""`flask --app quiz …` commands. Each is a few lines around a service; errors exit non-zero with a message."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext

from . import paths
from .chronology.load import ChronologyError, load_chronology, load_registry
from .clock import now
from .extensions import db
from .generate import (
    InvalidRequest,
    NotEnoughEvents,
    QuizRequest,
    TextStyle,
    format_text,
    generate_quiz,
)
from .schema import upgrade_schema
from .services import accounts, teacher_access
from .services import chronologies as chronology_service
from .services import question_sets as set_service

chronology_cli = AppGroup("chronology", help="Validate, load and dump chronologies.")


def _fail(message: str) -> None:
    raise click.ClickException(message)


@chronology_cli.command("validate")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--registry", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Registry of people and organisations (default: the shipped one).")
def validate_command(files: tuple[Path, ...], registry: Path | None) -> None:
    """Check chronology files (default: the shipped ones) and report what they hold."""
    targets = list(files) or [paths.shipped_chronology_path(s) for s in paths.shipped_chronology_slugs()]
    for target in targets:
        try:
            chronology = load_chronology(target, registry or paths.registry_path())
        except ChronologyError as error:
            _fail(str(error))
        disputed = sum(1 for e in chronology.events if e.conflicts)
        click.echo(
            f"ok {target}: {len(chronology.events)} events, {len(chronology.eras)} eras, "
            f"{len(chronology.sources)} sources, {disputed} with conflicting sources"
        )


def _load_shipped() -> None:
    for slug in paths.shipped_chronology_slugs():
        try:
            document, changed = chronology_service.import_shipped(slug)
        except ChronologyError as error:
            db.session.rollback()
            _fail(str(error))
        db.session.commit()
        click.echo(f"{'loaded' if changed else 'unchanged'} {slug} ({document.content_hash[:12]})")


@chronology_cli.command("extract")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="json", show_default=True)
@click.option("--registry", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Registry of people and places (default: the shipped one).")
@click.option("--year", "default_year", type=click.IntRange(1900, 2100), default=None,
              help="The articles' own year: dates a month named before any year, and 'last year'.")
def extract_command(files: tuple[Path, ...], fmt: str, registry: Path | None, default_year: int | None) -> None:
    """Candidate dated events in Arabic article files, for review (JSON fields: see ARCHITECTURE.md)."""
    try:
        entities = load_registry(registry or paths.registry_path())
    except ChronologyError as error:
        _fail(str(error))
    found = []
    for path in files:
        try:
            text = path.read_bytes().decode("utf-8")  # no newline translation: offsets exact in the file
        except UnicodeDecodeError as error:
            _fail(f"{path}: not UTF-8 text ({error.reason} at byte {error.start}); "
                  "convert it first, e.g. iconv -f WINDOWS-1256 -t UTF-8")
        except OSError as error:
            _fail(f"{path}: cannot read it: {error.strerror}")
        from .chronology.extract import extract_events  # its patterns cost a server worker memory; import late

        found.extend(extract_events(text, doc=str(path), registry=entities, default_year=default_year))
    if fmt == "json":
        click.echo(json.dumps([c.to_contract() for c in found], ensure_ascii=False, indent=2))
        return
    for c in found:
        qualifier = f"{c.qualifier.value} " if c.qualifier else ""
        span = f"..{c.range_end}" if c.range_end else ""
        mark = " inferred" if c.inferred else ""
        click.echo(f"{c.doc}:{c.start}-{c.end}\t{qualifier}{c.date.iso()}{span}\t{c.confidence:.2f}{mark}\t{c.text_ar}")


@chronology_cli.command("load")
def load_command() -> None:
    """Store the shipped chronologies in the database (unchanged files are left alone)."""
    _load_shipped()


@chronology_cli.command("dump")
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="json", show_default=True)
@click.option("--slug", default=None, help="Chronology to dump (default: the app's default).")
def dump_command(fmt: str, slug: str | None) -> None:
    """Print every event of a stored chronology (JSON fields: see ARCHITECTURE.md, "Contracts")."""
    slug = slug or current_app.config["DEFAULT_CHRONOLOGY"]
    try:
        chronology = chronology_service.get_chronology(slug)
    except chronology_service.ChronologyNotLoaded:
        _fail(f"chronology {slug!r} is not in the database; run: flask --app quiz setup")
    if fmt == "json":
        click.echo(json.dumps([e.to_contract() for e in chronology.events], ensure_ascii=False, indent=2))
        return
    for event in chronology.events:
        mark = " [sources disagree]" if event.conflicts else ""
        qualifier = f"{event.date.qualifier.value} " if event.date.qualifier else ""
        click.echo(f"{qualifier}{event.date.iso():<10}  {event.title_en}{mark}  ({', '.join(event.source_docs)})")


def _print_demo(logins) -> None:
    if not logins.created:
        click.echo(f"demo data already present: teacher {logins.teacher[0]!r} / {logins.teacher[1]!r}, "
                   f"learner {logins.learner[0]!r} / {logins.learner[1]!r}")
        return
    click.echo("demo data loaded: this is a demo install (its passwords are published; not for real students). "
               "Log in at /login with:")
    click.echo(f"  teacher: {logins.teacher[0]} / {logins.teacher[1]}")
    click.echo(f"  learner: {logins.learner[0]} / {logins.learner[1]}")
    click.echo(f"  students join class code {logins.class_code} at /join; their personal codes (for /resume):")
    for name, code in logins.student_codes:
        click.echo(f"    {name}: {code}")


@click.command("demo")
@with_appcontext
def demo_command() -> None:
    """Add demo accounts (published passwords), a class, a set and an assignment with attempts (skipped if
    already there), and mark the install as a demo: every page says so from then on."""
    from .services.demo import load_demo

    logins = load_demo(current_app.config["DEFAULT_CHRONOLOGY"], now())
    db.session.commit()
    _print_demo(logins)


@click.command("purge-deleted")
@click.option("--days", type=click.IntRange(1, 3650), default=30, show_default=True,
              help="Purge what was deleted more than this many days ago.")
@with_appcontext
def purge_deleted_command(days: int) -> None:
    """Remove for good the assignments and sets teachers deleted (assignments with their attempts), kept until
    then in case they were deleted by mistake, the expired undo records, and the one-game accounts of live
    lessons' guests. A deleted set that results still need stays hidden."""
    from .services.assignments import purge_deleted_assignments
    from .services.live import purge_guests
    from .services.question_sets import purge_deleted_sets
    from .services.undo import purge_expired_undos

    before = now() - dt.timedelta(days=days)
    count = purge_deleted_assignments(before)
    sets = purge_deleted_sets(before)  # after the assignments: a purged assignment no longer keeps its set
    undos = purge_expired_undos(before)
    guests = purge_guests(before)
    db.session.commit()
    click.echo(f"purged {count} deleted assignment(s), {sets} deleted set(s), {undos} expired undo record(s) "
               f"and {guests} live-lesson guest account(s)")


@click.command("setup")
@click.option("--demo/--no-demo", default=False, show_default=True,
              help="Also add demo accounts with published passwords and mark the install as a demo "
                   "(make run does; never on a real school's server).")
@with_appcontext
def setup_command(demo: bool) -> None:
    """Create or upgrade the database and load the shipped chronologies (safe to run again). Without --demo it
    creates no account: it says how to create the first teacher."""
    upgrade_schema()
    click.echo(f"database ready: {db.engine.url.render_as_string(hide_password=True)}")
    _load_shipped()
    if demo:
        from .services.demo import load_demo

        logins = load_demo(current_app.config["DEFAULT_CHRONOLOGY"], now())
        db.session.commit()
        _print_demo(logins)
    _announce_setup_if_no_teacher()


questions_cli = AppGroup("questions", help="Generate questions from a chronology.")


def _difficulty(value: str | None):
    """"easy" | "medium" | "hard", or a mix such as "easy=0.3,medium=0.5,hard=0.2"."""
    if not value:
        return None
    if "=" not in value:
        return value
    mix = {}
    for part in value.split(","):
        level, _, share = part.partition("=")
        try:
            mix[level.strip()] = float(share)
        except ValueError:
            raise click.BadParameter(f"{part!r} is not level=share", param_hint="--difficulty") from None
    return mix


@questions_cli.command("generate")
@click.option("--count", type=click.IntRange(1, 500), default=10, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True, help="The same seed gives the same questions.")
@click.option("--era", "eras", multiple=True, help="Only events of this era (repeat for several).")
@click.option("--year-from", type=click.IntRange(1900, 2100), default=None)
@click.option("--year-to", type=click.IntRange(1900, 2100), default=None)
@click.option("--person", "people", multiple=True, help="Only events involving this registry id (repeatable).")
@click.option("--kind", "kinds", multiple=True, help="Question kinds (repeatable); default: all.")
@click.option("--difficulty", default=None, help='easy, medium, hard, or a mix "easy=0.3,medium=0.5,hard=0.2".')
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="json", show_default=True)
@click.option("--lang", type=click.Choice(["ar", "en"]), default="ar", show_default=True, help="For --format text.")
@click.option("--month-style", type=click.Choice(["gregorian", "levantine", "both"]), default="gregorian",
              show_default=True)
@click.option("--digits", type=click.Choice(["western", "eastern"]), default="western", show_default=True)
@click.option("--slug", default=None, help="Chronology (default: the app's default).")
def generate_command(count, seed, eras, year_from, year_to, people, kinds, difficulty, fmt, lang, month_style,
                     digits, slug) -> None:
    """Print a quiz (JSON fields: see ARCHITECTURE.md, "Contracts")."""
    slug = slug or current_app.config["DEFAULT_CHRONOLOGY"]
    try:
        chronology = chronology_service.get_chronology(slug)
    except chronology_service.ChronologyNotLoaded:
        _fail(f"chronology {slug!r} is not in the database; run: flask --app quiz setup")
    unknown_eras = sorted(set(eras) - {e.id for e in chronology.eras})
    unknown_people = sorted(set(people) - set(chronology.registry))
    if unknown_eras or unknown_people:
        _fail("unknown " + "; ".join(filter(None, [
            (f"era(s) {', '.join(unknown_eras)} (known: {', '.join(e.id for e in chronology.eras)})"
             if unknown_eras else ""),
            f"person id(s) {', '.join(unknown_people)}" if unknown_people else "",
        ])))
    try:
        request = QuizRequest(
            count=count, seed=seed, kinds=kinds or None, eras=eras or None, year_from=year_from, year_to=year_to,
            actors=people or None, difficulty=_difficulty(difficulty),
            style=TextStyle(month_style=month_style, digits=digits),
        )
        questions = generate_quiz(chronology, request)
    except (InvalidRequest, NotEnoughEvents) as error:
        _fail(str(error))
    if fmt == "json":
        click.echo(json.dumps([q.to_contract() for q in questions], ensure_ascii=False, indent=2))
    else:
        click.echo(format_text(questions, lang=lang))


@questions_cli.command("review")
@click.option("--count", type=click.IntRange(1, 200), default=20, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--lang", type=click.Choice(["ar", "en"]), default="ar", show_default=True)
@click.option("--kind", "kinds", multiple=True, help="Only these kinds (repeatable); default: the classroom mix.")
@click.option("--stats", "quizzes", type=click.IntRange(1, 5000), default=None,
              help="Instead of a sample, measure this many default quizzes: kinds, eras, refusals per rule.")
@click.option("--slug", default=None, help="Chronology (default: the app's default).")
def review_command(count, seed, lang, kinds, quizzes, slug) -> None:
    """Print a default quiz for a human reviewer: key, options, explanation and sources side by side."""
    from .generate.measure import measure, report
    from .generate.text import format_review

    slug = slug or current_app.config["DEFAULT_CHRONOLOGY"]
    try:
        chronology = chronology_service.get_chronology(slug)
    except chronology_service.ChronologyNotLoaded:
        _fail(f"chronology {slug!r} is not in the database; run: flask --app quiz setup")
    if quizzes is not None:
        click.echo(report(chronology, measure(chronology, quizzes=quizzes, count=count, seed=seed)), nl=False)
        return
    try:
        questions = generate_quiz(chronology, QuizRequest(count=count, seed=seed, kinds=kinds or None))
    except (InvalidRequest, NotEnoughEvents) as error:
        _fail(str(error))
    click.echo(format_review(questions, chronology, lang), nl=False)


sets_cli = AppGroup("sets", help="Import and export question sets (Chronoquiz, Moodle XML, GIFT, Kahoot, CSV).")


@sets_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--owner", required=True, help="User name of the teacher who will own the set.")
@click.option("--title", default=None, help="Title of the new set (default: from the file).")
@click.option("--encoding", default=None,
              help="Read a text file in this encoding (default: detected), e.g. cp1256, utf-16-le, iso8859-6.")
def import_set_command(file: Path, owner: str, title: str | None, encoding: str | None) -> None:
    """Import FILE as a new set: all or nothing; skipped questions are listed with where they are."""
    from . import interop  # here, not at the top: every server worker registers these commands

    teacher = accounts.find_user(owner)
    if teacher is None or not teacher.is_teacher:
        _fail(f"no teacher called {owner!r}")
    try:
        result = interop.import_any(file.read_bytes(), file.name, encoding=encoding)
    except interop.InteropError as error:
        _fail(f"{file}: {error}" + "".join(f"\n  {issue}" for issue in getattr(error, "issues", ())))
    data = result.set if title is None else replace(result.set, title=title)
    question_set = set_service.create_set(teacher, data, now())
    db.session.commit()
    if result.encoding:
        guessed = " (a guess: check the questions, or give --encoding)" if result.encoding_guessed else ""
        click.echo(f"read as {interop.decode.label(result.encoding)}{guessed}")
    for issue in result.skipped:
        click.echo(f"skipped {issue}")
    for issue in result.warnings:
        click.echo(f"warning {issue}")
    click.echo(f"imported set {question_set.id} {data.title!r}: {len(data.questions)} questions"
               f" ({_languages_in_english(result.languages)})")


def _languages_in_english(counts: dict[str, int]) -> str:
    """ "2 in Arabic, 1 in English, 1 in French": the languages of an import, as the web preview says them."""
    from babel import Locale

    names = Locale("en").languages
    return ", ".join(f"{number} in {'Arabic and English' if code == 'ar+en' else names.get(code, code)}"
                     for code, number in counts.items())


@sets_cli.command("export")
@click.argument("set_id", type=int)
@click.option("--format", "fmt", default="native-yaml", show_default=True,
              help="native-yaml, native-json, moodle-xml, gift, kahoot or csv.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write (default: standard output).")
def export_set_command(set_id: int, fmt: str, output: Path | None) -> None:
    """Export set SET_ID (its latest version); what the format cannot hold is listed on standard error."""
    from . import interop  # here, not at the top: every server worker registers these commands
    from .models import QuestionSet

    exporters = sorted(key for key, file_format in interop.FORMATS.items() if file_format.exporter)
    if fmt not in exporters:
        raise click.BadParameter(f"{fmt!r} is not one of {', '.join(exporters)}", param_hint="'--format'")

    question_set = db.session.get(QuestionSet, set_id)
    if question_set is None or question_set.deleted_at is not None:
        _fail(f"no set {set_id}")
    try:
        result = interop.export_set(set_service.content_with_media(question_set.latest), fmt)
    except interop.InteropError as error:  # nothing the format can hold: say why instead of an empty file
        _fail(f"set {set_id}: {error}")
    for issue in result.not_exported:
        click.echo(f"not exported {issue}", err=True)
    for issue in result.warnings:
        click.echo(f"warning {issue}", err=True)
    if output is None:
        click.get_binary_stream("stdout").write(result.data)
    else:
        output.write_bytes(result.data)
        click.echo(f"wrote {output} ({len(result.data)} bytes)", err=True)


users_cli = AppGroup("users", help="Manage accounts.")


_ACCOUNT_ERRORS = {
    "taken": "that user name is already taken; choose another (user names ignore upper and lower case)",
    "username": "a user name is 3 to 40 letters, digits, dots, dashes or underscores",
    "name": "the name shown to students is needed, at most 80 characters, without control, direction-changing "
            "or invisible characters",
    "password": "the password needs at least 8 characters (at most 200)",
}


@users_cli.command("create-teacher")
@click.argument("username", required=False)
@click.option("--name", "display_name", default=None, help="Name shown to students (default: the user name).")
@click.option("--password", default=None, help="Asked for (twice, hidden) when not given; at least 8 characters.")
def create_teacher_command(username: str | None, display_name: str | None, password: str | None) -> None:
    """Create a teacher account (open sign-up only ever makes learners); asks for what is not given."""
    if username is None:
        username = click.prompt("User name")
        display_name = display_name or click.prompt("Name shown to students", default=username)
    display_name = username if display_name is None else display_name
    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        accounts.check_new_account(username, display_name, password)
        user = accounts.create_user(username, password, display_name, role="teacher")
    except accounts.AccountError as error:
        _fail(_ACCOUNT_ERRORS[str(error)])
    db.session.commit()
    teacher_access.discard_setup_token(teacher_access.setup_token_path())  # a teacher exists: setup is over
    click.echo(f"teacher {user.username!r} created")


@click.command("backup")
@click.option("--to", "target", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The backup file (default: instance/backups/chronoquiz-<date>-<time>.sqlite3 or .pgdump).")
@with_appcontext
def backup_command(target: Path | None) -> None:
    """Back up the whole database while the app runs (SQLite's online backup; pg_dump for PostgreSQL)."""
    from .services import backup

    url = current_app.config["SQLALCHEMY_DATABASE_URI"]
    folder = Path(current_app.instance_path) / "backups"
    if target is None:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        target = backup.default_target(folder, url, now())
    try:
        made = backup.backup(url, target)
    except backup.BackupError as error:
        _fail(str(error))
    click.echo(f"backup written: {made.path} ({made.size:,} bytes, owner-only)")


@click.command("restore")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_appcontext
def restore_command(source: Path, yes: bool) -> None:
    """Replace the database with a backup (stop the app first). SQLite keeps the database as it was beside it."""
    from .schema import code_revision
    from .services import backup

    url = current_app.config["SQLALCHEMY_DATABASE_URI"]
    shown = db.engine.url.render_as_string(hide_password=True)
    if not yes:
        click.confirm(f"Replace everything in {shown} with {source}?", abort=True)
    db.session.remove()
    db.engine.dispose()  # no connection of this process holds the old database open
    try:
        kept = backup.restore(url, source, code_revision(), now())
    except backup.BackupError as error:
        _fail(str(error))
    upgrade_schema()  # a backup from an older version is brought up to this one
    click.echo(f"restored {source} into {shown}" + (f"; the database as it was: {kept}" if kept else ""))


def _announce_setup_if_no_teacher() -> None:
    """A fresh install without demo data has no teacher: say how to make the first one, token included."""
    if teacher_access.setup_open():
        teacher_access.announce_setup_token(teacher_access.setup_token_path(), echo=click.echo)


def register_commands(app: Flask) -> None:
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
    app.cli.add_command(chronology_cli)
    app.cli.add_command(questions_cli)
    app.cli.add_command(sets_cli)
    app.cli.add_command(users_cli)
    app.cli.add_command(setup_command)
    app.cli.add_command(demo_command)
    app.cli.add_command(purge_deleted_command)
