"""The `chapterwise` command: import, list and remove books, migrate, and serve the app."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app import __version__
from app.db import alembic_config, make_engine, upgrade
from app.errors import ChapterwiseError
from app.library import Library
from app.settings import Settings


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = Settings.from_env(
            data_dir=args.data_dir,
            database_url=args.database_url,
            host=getattr(args, "host", None),
            port=getattr(args, "port", None),
            public_url=getattr(args, "public_url", None),
            allowed_origins=tuple(getattr(args, "allow_origin", None) or ()) or None,
            dev=getattr(args, "dev", None) or None,
        )
        return int(args.command(args, settings) or 0)
    except ChapterwiseError as error:
        print(f"chapterwise: error: {error}", file=sys.stderr)
        return 1


def _many(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _library(settings: Settings) -> Library:
    engine = make_engine(settings.db_url)
    upgrade(engine)
    return Library(engine)


def cmd_import(args: argparse.Namespace, settings: Settings) -> int:
    # Imported here, not at the top: `serve` never parses Markdown and starts faster without it.
    from app.ingest import find_books, read_book

    # Read and check every book before writing any, so one bad file leaves the library untouched.
    roots = [root for path in args.paths for root in find_books(Path(path))]
    drafts = [read_book(root) for root in roots]
    for warning in (warning for draft in drafts for warning in draft.warnings):
        print(f"chapterwise: warning: {warning}", file=sys.stderr)
    if args.dry_run:
        for draft in drafts:
            print(
                f"{draft.title}  [{draft.slug}]  {_many(len(draft.chapters), 'chapter')}, {_many(draft.words, 'word')}"
            )
            for number, chapter in enumerate(draft.chapters, 1):
                pages = f", {len(chapter.pages)} pages" if len(chapter.pages) > 1 else ""
                print(
                    f"  {number:>3}. {chapter.title}  ({_many(chapter.words, 'word')}, {chapter.minutes} min{pages})"
                )
        print("Dry run: nothing was saved.")
        return 0
    for saved in _library(settings).save_books(drafts):
        book = saved.book
        print(
            f"{saved.outcome:>9}  {book.title}  [{book.slug}]  {_many(book.chapters, 'chapter')}, {_many(book.words, 'word')}"
        )
    return 0


def cmd_list(args: argparse.Namespace, settings: Settings) -> int:
    books = _library(settings).list_books()
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
    book = _library(settings).remove_book(args.slug)
    print(f"removed  {book.title}  [{book.slug}]")
    return 0


def cmd_db_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    upgrade(make_engine(settings.db_url))
    print(f"Database is up to date: {settings.db_url}")
    return 0


def cmd_db_revision(args: argparse.Namespace, settings: Settings) -> int:
    from alembic import command
    from alembic.script import ScriptDirectory

    # Autogenerate compares the models with an up-to-date database, so migrate first.
    engine = make_engine(settings.db_url)
    upgrade(engine)
    config = alembic_config(engine)
    # Revisions are numbered 0001, 0002, … so that migrations/versions reads in order.
    head = ScriptDirectory.from_config(config).get_current_head()
    number = f"{int(head or 0) + 1:04}"

    def only_real_changes(context: object, revision: object, directives: list[Any]) -> None:
        # Alembic would otherwise write an empty migration when the models have not changed.
        if directives[0].upgrade_ops.is_empty():
            directives.clear()

    config.attributes["process_revision_directives"] = only_real_changes
    script = command.revision(config, message=args.message, autogenerate=True, rev_id=number)
    if not script:
        print("app/models.py and the migrations already agree: there is nothing to migrate.")
        return 0
    assert not isinstance(script, list)  # one database, so one script
    print(f"wrote {script.path}")
    print(f'Review it, then set SCHEMA_REVISION = "{number}" in app/db.py (a test checks that you did).')
    return 0


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    # Migrate once here, before any worker starts, so workers never race to create tables.
    upgrade(make_engine(settings.db_url))
    if args.stdio:
        from app.server import build_server
        from app.stdio import run_stdio

        run_stdio(build_server(settings))
        return 0
    import uvicorn

    # Workers are separate processes that build the app from the environment (app.http.create_app).
    _export(settings)
    print(_banner(settings), flush=True)
    uvicorn.run(
        "app.http:create_app",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=args.workers,
        log_level="warning",
    )
    return 0


def _export(settings: Settings) -> None:
    os.environ["CHAPTERWISE_DATA_DIR"] = str(settings.data_dir)
    if settings.database_url:
        os.environ["CHAPTERWISE_DATABASE_URL"] = settings.database_url
    if settings.public_url:
        os.environ["CHAPTERWISE_PUBLIC_URL"] = settings.public_url
    if settings.allowed_origins:
        os.environ["CHAPTERWISE_ALLOWED_ORIGINS"] = ",".join(settings.allowed_origins)
    os.environ["CHAPTERWISE_DEV"] = "1" if settings.dev else "0"


def _banner(settings: Settings) -> str:
    local = f"http://{settings.host}:{settings.port}"
    lines = [
        f"Chapterwise {__version__} is serving the MCP endpoint at {settings.mcp_url}",
        f"  health check:  {local}/healthz",
        f"  library:       {settings.db_url}",
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
    parser.add_argument(
        "--data-dir", type=Path, help="where the SQLite library lives (env CHAPTERWISE_DATA_DIR)"
    )
    parser.add_argument("--database-url", help="a SQLAlchemy URL instead (env CHAPTERWISE_DATABASE_URL)")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    p = commands.add_parser("import", help="import Markdown books: files, folders or mdBook folders")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument(
        "--dry-run", action="store_true", help="show how the books split into chapters; save nothing"
    )
    p.set_defaults(command=cmd_import)

    p = commands.add_parser("list", help="list the books in the library")
    p.add_argument("--json", action="store_true", help="print JSON for scripts")
    p.set_defaults(command=cmd_list)

    p = commands.add_parser("remove", help="remove a book by slug")
    p.add_argument("slug")
    p.set_defaults(command=cmd_remove)

    db = commands.add_parser("db", help="database maintenance").add_subparsers(
        required=True, metavar="ACTION"
    )
    db.add_parser("upgrade", help="apply any pending migrations").set_defaults(command=cmd_db_upgrade)
    p = db.add_parser("revision", help="write a new migration from changes to app/models.py (developers)")
    p.add_argument("-m", "--message", required=True, help="what the migration changes")
    p.set_defaults(command=cmd_db_revision)

    p = commands.add_parser("serve", help="serve the MCP app over Streamable HTTP (or stdio)")
    p.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, help="port to listen on (default 8000)")
    p.add_argument("--workers", type=int, default=1, help="worker processes sharing the library (default 1)")
    p.add_argument("--stdio", action="store_true", help="speak MCP over stdin/stdout for local hosts")
    p.add_argument(
        "--public-url", help="the https address of a tunnel/proxy to allow (env CHAPTERWISE_PUBLIC_URL)"
    )
    p.add_argument("--allow-origin", action="append", help="a browser origin to allow; may repeat")
    p.add_argument("--dev", action="store_true", help="also serve the local preview host at /dev")
    p.set_defaults(command=cmd_serve)
    return parser
