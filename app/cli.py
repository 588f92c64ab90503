"""The `chapterwise` command: import, list and remove books, migrate, check the set-up, and serve the app.

This is the edge where a person meets Chapterwise: settings are read here, once, and every error
is worded here for someone at a terminal (app/tools/errors.py words the same errors for the model).
"""

from __future__ import annotations

import argparse
import errno
import json
import socket
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app import __version__
from app.db import alembic_config, make_engine, migrate
from app.errors import AmbiguousBook, BookNotFound, ChapterwiseError, NotesWouldBeLost, StorageProblem
from app.importing import Planned, SlugChoice
from app.library import Library
from app.settings import Settings
from app.text import plural


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return int(args.command(args, Settings.from_args(args)) or 0)
    except ChapterwiseError as error:
        print(f"chapterwise: error: {for_a_person(error)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        # Every write is one transaction: stopping half-way leaves the library as it was.
        print("\nchapterwise: stopped; the library is as it was before.", file=sys.stderr)
        return 130


def for_a_person(error: ChapterwiseError) -> str:
    """The error, worded for someone at a terminal."""
    match error:
        case BookNotFound():
            if not error.total:
                return f"there is no book '{error.ref}': the library is empty. Import one with `chapterwise import PATH`."
            return (
                f"there is no book '{error.ref}' in the library ({plural(error.total, 'book')}). "
                "`chapterwise list` shows each book's slug."
            )
        case AmbiguousBook():
            return f"several books are titled '{error.ref}': {', '.join(error.slugs)}. Name one by its slug."
        case NotesWouldBeLost():
            marks = f"{plural(error.highlights, 'highlight')} and {plural(error.bookmarks, 'bookmark')}"
            return (
                f"'{error.book}' has {marks} by {plural(error.readers, 'reader')}. Remove it with --keep-notes "
                "to keep them (they come back if the book is imported again), or --delete-notes to delete them too."
            )
    return str(error)


def _library(settings: Settings) -> Library:
    return Library(make_engine(settings.db_url))


def cmd_import(args: argparse.Namespace, settings: Settings) -> int:
    from app.importing import plan_import, save_planned
    from app.progress import ProgressBar

    library: Library | None
    if args.dry_run:
        # A dry run changes nothing, not even by creating a library: without one, every book is new.
        try:
            library = Library(make_engine(settings.db_url))
        except StorageProblem:
            library = None
    else:
        engine = make_engine(settings.db_url, create=True)
        if migrate(engine) == "created":
            print(f"Created a new library at {settings.library_location}.")
        library = Library(engine)
    bar = ProgressBar()
    try:
        plan = plan_import(library, args.paths, slug=args.slug, title=args.title, progress=bar)
    finally:
        bar.done()
    for warning in (w for planned in plan if planned.draft for w in planned.draft.warnings):
        print(f"chapterwise: warning: {warning}", file=sys.stderr)
    if len(plan) > 1 and any(Path(p).is_dir() for p in args.paths):
        print(f"Found {plural(len(plan), 'book')}.")
    if args.dry_run:
        for planned in plan:
            _print_dry_run(planned)
        print("Dry run: nothing was saved.")
        return 0
    assert library is not None  # only a dry run goes without one, and it has returned
    outcomes = save_planned(library, plan)
    for planned, outcome in zip(plan, outcomes, strict=True):
        draft, choice = planned.draft, planned.choice
        if draft is None:
            print(f"{outcome:>9}  {planned.stored_title}  [{choice.slug}]")
        else:
            counts = f"{plural(len(draft.chapters), 'chapter')}, {plural(draft.words, 'word')}"
            print(f"{outcome:>9}  {draft.title}  [{draft.slug}]  {counts}")
        note = _slug_note(choice)
        if note:
            print(f"           {note}")
    return 0


def _slug_note(choice: SlugChoice) -> str | None:
    if choice.taken_by is not None:
        return (
            f"slug '{choice.slug}', because '{choice.proposed}' ({choice.reason}) is the book from "
            f"{choice.taken_by}. Choose another with --slug."
        )
    if choice.moved_from is not None:
        return f"updated in place: it was imported from {choice.moved_from}, which is no longer there"
    return None


def _print_dry_run(planned: Planned) -> None:
    draft = planned.draft
    if draft is None:
        print(f"{planned.stored_title}  [{planned.choice.slug}]  unchanged since its last import")
        return
    counts = f"{plural(len(draft.chapters), 'chapter')}, {plural(draft.words, 'word')}"
    print(f"{draft.title}  [{draft.slug}]  {counts}  (slug {planned.choice.reason})")
    for number, chapter in enumerate(draft.chapters, 1):
        pages = f", {len(chapter.pages)} pages" if len(chapter.pages) > 1 else ""
        indent = "  " * chapter.depth
        label = f"{chapter.label} " if chapter.label else ""
        print(f"  {number:>3}. {indent}{label}{chapter.title}  ({plural(chapter.words, 'word')}{pages})")


def cmd_list(args: argparse.Namespace, settings: Settings) -> int:
    books = _library(settings).all_books()
    if args.json:
        print(json.dumps([book.model_dump() for book in books], ensure_ascii=False, indent=2))
        return 0
    if not books:
        print("The library is empty. Import a book: chapterwise import PATH")
        return 0
    width = max(len(book.slug) for book in books)
    print(f"{'SLUG':<{width}}  {'CHAPTERS':>8}  {'WORDS':>8}  {'MIN':>4}  TITLE")
    for book in books:
        print(f"{book.slug:<{width}}  {book.chapters:>8}  {book.words:>8,}  {book.minutes:>4}  {book.title}")
    return 0


def cmd_remove(args: argparse.Namespace, settings: Settings) -> int:
    book = _library(settings).remove_book(args.book, keep_notes=args.notes)
    kept = " (its readers' notes are kept, for when it is imported again)" if args.notes else ""
    print(f"removed  {book.title}  [{book.slug}]{kept}")
    return 0


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    from app.export import notes_markdown

    notes = _library(settings).notes(args.reader, args.book)
    print(
        notes.model_dump_json(indent=2) if args.json else notes_markdown(notes),
        end="" if not args.json else "\n",
    )
    return 0


def cmd_db_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    done = migrate(make_engine(settings.db_url, create=True))
    said = {
        "created": "Created a new library",
        "upgraded": "Upgraded the library",
        "current": "The library is up to date",
    }
    print(f"{said[done]} at {settings.library_location}.")
    return 0


def cmd_db_revision(args: argparse.Namespace, settings: Settings) -> int:
    from alembic import command
    from alembic.script import ScriptDirectory

    # Autogenerate compares the schema with an up-to-date database, so migrate first.
    engine = make_engine(settings.db_url, create=True)
    migrate(engine)
    config = alembic_config(engine)
    # Revisions are numbered 0001, 0002, … so that migrations/versions reads in order.
    head = ScriptDirectory.from_config(config).get_current_head()
    number = f"{int(head or 0) + 1:04}"

    def only_real_changes(context: object, revision: object, directives: list[Any]) -> None:
        # Alembic would otherwise write an empty migration when the schema has not changed.
        if directives[0].upgrade_ops.is_empty():
            directives.clear()

    config.attributes["process_revision_directives"] = only_real_changes
    script = command.revision(config, message=args.message, autogenerate=True, rev_id=number)
    if not script:
        print("app/schema.py and the migrations already agree: there is nothing to migrate.")
        return 0
    assert not isinstance(script, list)  # one database, so one script
    print(f"wrote {script.path}")
    print("Review it (Alembic does not see CHECK constraints), then run the tests.")
    return 0


def cmd_doctor(args: argparse.Namespace, settings: Settings) -> int:
    from app.doctor import diagnose, verdict

    checks = []
    for check in diagnose(settings):
        print(check, flush=True)
        checks.append(check)
    print(verdict(checks))
    return 1 if any(check.status == "fail" for check in checks) else 0


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    # Migrate an existing library once here, before any worker starts, so workers never race to
    # alter tables. A missing library is an error: serving never creates one.
    engine = make_engine(settings.db_url)
    migrate(engine)
    engine.dispose()
    if args.stdio:
        from app.server import build_server
        from app.stdio import run_stdio

        run_stdio(build_server(settings))
        return 0
    import os

    import uvicorn

    _check_port(settings)
    # Workers are separate processes that build the app from the environment (app.http.create_app).
    os.environ.update(settings.to_env())
    print(_banner(settings), flush=True)
    uvicorn.run(
        "app.http:create_app",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        log_level="warning",
    )
    return 0


def _check_port(settings: Settings) -> None:
    """Fail before the banner if the port is taken, and say how to pick another."""
    with socket.socket(socket.AF_INET6 if ":" in settings.host else socket.AF_INET) as probe:
        # As uvicorn binds: a port whose last connections are still closing is free to it.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((settings.host, settings.port))
        except OSError as error:
            busy = error.errno == errno.EADDRINUSE
            raise ChapterwiseError(
                f"cannot listen on {settings.host}:{settings.port}: "
                + (
                    "another program is using that port (another Chapterwise?). "
                    if busy
                    else f"{error.strerror}. "
                )
                + f"Choose another port: chapterwise serve --port {settings.port + 1} (or make run PORT={settings.port + 1})."
            ) from None


def _banner(settings: Settings) -> str:
    local = f"http://{settings.host}:{settings.port}"
    lines = [
        f"Chapterwise {__version__} is serving the MCP endpoint at {settings.mcp_url}",
        f"  health check:  {local}/healthz",
        f"  library:       {settings.library_location}",
        "Next steps:",
        f"  - read in a browser:  {local}/dev"
        if settings.dev
        else "  - add --dev to read in a browser at /dev",
        "  - ChatGPT: run a tunnel (e.g. `cloudflared tunnel --url " + local + "`), restart with",
        "    --public-url https://<tunnel-host>, and create an app with <tunnel-url>/mcp in developer mode",
        "  - Claude / VS Code: use `chapterwise serve --stdio` (see README)",
        "Press Ctrl+C to stop.",
    ]
    return "\n".join(lines)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="chapterwise", description="Read Markdown books inside the chat.")
    parser.add_argument("--version", action="version", version=f"chapterwise {__version__}")
    Settings.add_arguments(parser, "global")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    def command(name: str, help_text: str, handler: Any, parent: Any = commands) -> argparse.ArgumentParser:
        sub: argparse.ArgumentParser = parent.add_parser(name, help=help_text, description=help_text)
        # Global flags work after the command's name too: `chapterwise serve --data-dir X`.
        Settings.add_arguments(sub, "global")
        sub.set_defaults(command=handler)
        return sub

    p = command("import", "import Markdown books: files, folders or mdBook folders", cmd_import)
    p.add_argument("paths", nargs="+", metavar="PATH", type=Path)
    p.add_argument(
        "--dry-run", action="store_true", help="show how the books split into chapters; save nothing"
    )
    p.add_argument("--slug", help="the slug to give the book (one book only)")
    p.add_argument("--title", help="the title to give the book (one book only)")

    p = command("list", "list the books in the library", cmd_list)
    p.add_argument("--json", action="store_true", help="print JSON for scripts")

    p = command("remove", "remove a book by slug (or exact title)", cmd_remove)
    p.add_argument("book", metavar="BOOK")
    notes = p.add_mutually_exclusive_group()
    notes.add_argument(
        "--keep-notes",
        dest="notes",
        action="store_const",
        const=True,
        help="keep readers' highlights and bookmarks",
    )
    notes.add_argument(
        "--delete-notes", dest="notes", action="store_const", const=False, help="delete them with the book"
    )

    p = command("export", "print a reader's highlights, notes and bookmarks as Markdown", cmd_export)
    p.add_argument(
        "book", metavar="BOOK", nargs="?", help="one book (slug or exact title); all books if left out"
    )
    p.add_argument("--json", action="store_true", help="print JSON for scripts")
    p.add_argument("--reader", default="local", help="whose notes: 'local' (the default) or 'host:<id>'")

    db = commands.add_parser("db", help="database maintenance", description="database maintenance")
    actions = db.add_subparsers(required=True, metavar="ACTION")
    command("upgrade", "create the library or apply any pending migrations", cmd_db_upgrade, actions)
    p = command(
        "revision",
        "write a new migration from changes to app/schema.py (developers)",
        cmd_db_revision,
        actions,
    )
    p.add_argument("-m", "--message", required=True, help="what the migration changes")

    p = command("doctor", "check the set-up, and say how to fix what is wrong", cmd_doctor)
    # serve's flags too, so that doctor checks the very address and public URL serve would use.
    Settings.add_arguments(p, "serve")

    p = command("serve", "serve the MCP app over Streamable HTTP (or stdio)", cmd_serve)
    Settings.add_arguments(p, "serve")
    p.add_argument("--stdio", action="store_true", help="speak MCP over stdin/stdout for local hosts")
    return parser
