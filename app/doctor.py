"""`chapterwise doctor`: the checks to run when something does not work, each with its fix in one line.

Each check is a small function returning a Check. A failure is something a user needs that is
broken, and says what a host shows because of it; a warning blocks nothing; a skip checked nothing.
"""

from __future__ import annotations

import errno
import http.client
import json
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from sqlalchemy.exc import SQLAlchemyError

from app.db import current_revision, head_revision, make_engine
from app.errors import ChapterwiseError
from app.library import Library
from app.paths import bundled
from app.settings import Settings
from app.text import plural
from app.versions import satisfies, unconditional

Status = Literal["ok", "warn", "fail", "skip"]
MARKS: dict[Status, str] = {"ok": "✓", "warn": "!", "fail": "✗", "skip": "-"}
TIMEOUT = 5.0
INTEROP = Path(__file__).resolve().parent.parent / "tests" / "interop"  # there only in a checkout
LIST_TOOLS = {"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}}
# What asking over HTTP can fail with: no connection, a timeout, or a program that does not speak HTTP.
UNREACHABLE = (OSError, http.client.HTTPException)
# The port check asks this machine directly, never through a proxy the environment names.
LOCAL, PUBLIC = urllib.request.build_opener(urllib.request.ProxyHandler({})), urllib.request.build_opener()


@dataclass(frozen=True, slots=True)
class Check:
    status: Status
    label: str
    fix: str = ""

    def __str__(self) -> str:
        line = f"{MARKS[self.status]} {self.label}"
        return f"{line}\n  {self.fix}" if self.fix else line


def diagnose(settings: Settings) -> Iterator[Check]:
    """Every check, in the order a set-up is built; one at a time, so each line shows once it is known."""
    try:
        metadata.distribution("chapterwise")
    except metadata.PackageNotFoundError:
        # `python -m app` runs in a checkout without it; then its requirements cannot be read.
        yield Check("fail", "Chapterwise is not installed in this Python", "Install it: make run")
    else:
        yield check_python()
        yield from check_packages()
    yield check_library(settings)
    yield check_port(settings)
    yield check_public_url(settings)
    yield check_widget()
    yield check_fonts()
    if INTEROP.is_dir():
        yield check_node(INTEROP)


def verdict(checks: Iterable[Check]) -> str:
    failed = sum(check.status == "fail" for check in checks)
    if failed:
        return f"{plural(failed, 'problem')} to fix (the ✗ lines); then run chapterwise doctor again."
    # Follow-ups are the one trouble no check can see: the host decides when to deliver them.
    return (
        "Nothing is broken. If Summarize or Explain seem to do nothing in a host, the host is holding\n"
        "the message until the model has answered or you allow it: wait, or type the request."
    )


def check_python(running: tuple[int, ...] = sys.version_info[:3]) -> Check:
    version = ".".join(map(str, running))
    needed = metadata.metadata("chapterwise")["Requires-Python"] or ""
    if satisfies(version, needed):
        return Check("ok", f"Python {version}")
    fix = "Install a newer Python, then make .venv with it: rm -rf .venv && make run PYTHON=python3.12"
    return Check("fail", f"Python {version}: Chapterwise needs Python {needed}", fix)


def check_packages(requirements: list[str] | None = None) -> list[Check]:
    """Each package Chapterwise requires (as its installed metadata says) is installed at a version it allows."""
    if requirements is None:
        requirements = metadata.requires("chapterwise") or []
    found, problems = [], []
    for name, specifier in filter(None, map(unconditional, requirements)):
        try:
            installed: str | None = metadata.version(name)
        except metadata.PackageNotFoundError:
            installed = None
        if installed and satisfies(installed, specifier):
            found.append(f"{name} {installed}")
            continue
        state = f"{name} {installed} is installed" if installed else f"{name} is not installed"
        fix = f"{sys.executable} -m pip install '{name}{specifier}'"
        problems.append(Check("fail", f"{state}, but Chapterwise needs {name}{specifier} to start", fix))
    return problems or [Check("ok", f"packages: {', '.join(found)}")]


def check_library(settings: Settings) -> Check:
    where = settings.library_location
    try:
        library = Library(make_engine(settings.db_url))
    except (ChapterwiseError, SQLAlchemyError, ImportError) as error:
        return Check("fail", "the library cannot be opened: chapterwise serve cannot start", _reason(error))
    try:
        current, head = current_revision(library.engine), head_revision()
        if current != head:
            fix = "Run chapterwise db upgrade (chapterwise serve also does it as it starts)."
            state = f"is at migration {current}, not {head}" if current else "has no tables yet"
            return Check("warn", f"the library {where} {state}", fix)
        books = library.all_books()
    except (ChapterwiseError, SQLAlchemyError) as error:
        return Check("fail", f"the library {where} cannot be read: every tool call fails", _reason(error))
    finally:
        library.close()
    if not books:
        fix = "Import a book: chapterwise import PATH (make import brings in the samples from content/)."
        return Check("warn", f"the library {where} is empty: a host has no book to open", fix)
    chapters = sum(book.chapters for book in books)
    return Check("ok", f"library {where}: {plural(len(books), 'book')}, {plural(chapters, 'chapter')}")


def check_port(settings: Settings) -> Check:
    where, base = f"{settings.host}:{settings.port}", f"http://{_here(settings.host)}:{settings.port}"
    with socket.socket(socket.AF_INET6 if ":" in settings.host else socket.AF_INET) as probe:
        # As uvicorn does, so that a port whose last connections are still closing counts as free.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((settings.host, settings.port))
            return Check("ok", f"port {where} is free for chapterwise serve")
        except OSError as error:
            if error.errno != errno.EADDRINUSE:
                fix = "Choose an address of this machine (--host 127.0.0.1) and a port from 1024 up (--port)."
                return Check("fail", f"cannot listen on {where}: {error.strerror}", fix)
    try:
        status, body = _fetch(f"{base}/healthz", local=True)
        health = json.loads(body)
    except (*UNREACHABLE, ValueError):
        status, health = 0, None
    # Chapterwise's /healthz names its version when it is fine, and the problem when it is not.
    if isinstance(health, dict) and status == 200 and "version" in health:
        return Check("ok", f"Chapterwise {health['version']} is already running at {base}")
    if isinstance(health, dict) and status == 503 and "problem" in health:
        return Check("fail", f"the Chapterwise at {base} cannot serve", str(health["problem"]))
    fix = f"Choose another port: chapterwise serve --port {settings.port + 1} (make run PORT={settings.port + 1})."
    return Check("fail", f"port {where} is used by another program, so chapterwise serve cannot start", fix)


def check_public_url(settings: Settings) -> Check:
    if not settings.public_url:
        return Check("skip", "public URL: none given (to check a tunnel: --public-url https://TUNNEL-HOST)")
    base, local = settings.public_url.rstrip("/"), f"http://{_here(settings.host)}:{settings.port}"
    host = urlsplit(base).hostname or ""
    try:
        socket.getaddrinfo(host, None)
    except OSError:
        fix = "Copy the address your tunnel printed this time (most tunnels get a new one at each start)."
        return Check("fail", f"public URL {base}: {host} does not resolve, so no host can reach the app", fix)
    try:
        health, _ = _fetch(f"{base}/healthz")
        listed, _ = _fetch(f"{base}/mcp", LIST_TOOLS) if health == 200 else (health, "")
    except UNREACHABLE as error:
        why = getattr(error, "reason", error)
        fix = f"Start the tunnel to {local}, and chapterwise serve there."
        return Check("fail", f"public URL {base}: no answer ({why}), so hosts cannot reach the app", fix)
    if 421 in (health, listed):
        fix = f"Restart the server with --public-url {base} (or CHAPTERWISE_PUBLIC_URL={base})."
        return Check(
            "fail", f"public URL {base}: the server refuses its host with 421 Misdirected Request", fix
        )
    if (health, listed) != (200, 200):
        fix = f"Check that the tunnel leads to {local}, where chapterwise serve listens."
        return Check("fail", f"public URL {base}: /healthz answers {health} and /mcp {listed}, not 200", fix)
    return Check("ok", f"public URL {base}: resolves and answers; hosts connect to {base}/mcp")


def check_widget(widgets: Path | None = None) -> Check:
    try:
        from jinja2 import TemplateError

        from app.widget import EXTERNAL, MAX_BYTES, render_widget
    except ImportError as error:
        return Check("fail", f"the widget cannot be built: {error}", "Install the packages named above.")
    try:
        widget = render_widget(widgets or bundled("widgets"))
    except (TemplateError, OSError, ValueError) as error:
        fix = "Reinstall Chapterwise (make run), or fix the template error if you changed widgets/."
        return Check("fail", f"the widget does not render ({error}), so chapterwise serve cannot start", fix)
    outside = sorted({found.group(0) for found in EXTERNAL.finditer(widget.html)})
    if outside:
        fix = "Inline it in widgets/: hosts allow inline scripts and styles, and data: images."
        return Check("fail", f"the widget loads from elsewhere ({', '.join(outside)}…): blank in hosts", fix)
    size, budget = len(widget.html.encode()) / 1024, MAX_BYTES // 1024
    if size > budget:
        fix = "Trim widgets/ until tests/widgets pass again."
        return Check("warn", f"the widget is {size:.1f} KB, over its {budget} KB budget: slow to appear", fix)
    return Check("ok", f"widget {widget.uri}: {size:.1f} KB of {budget} KB, loads nothing from elsewhere")


def check_fonts() -> Check:
    try:
        chinese = _output(["fc-list", ":lang=zh", "family"]).strip()
        emoji = "emoji" in _output(["fc-list"]).lower()
    except (OSError, subprocess.SubprocessError):
        return Check("skip", "fonts: fc-list is not available to ask for CJK and emoji fonts")
    missing = [what for what, found in (("CJK", chinese), ("emoji", emoji)) if not found]
    if missing:
        fix = "sudo apt-get install fonts-noto-cjk fonts-noto-color-emoji"
        return Check("warn", f"no {' or '.join(missing)} font: the local preview shows boxes instead", fix)
    return Check("ok", "fonts for the local preview: CJK and emoji")


def check_node(interop: Path) -> Check:
    why = "needed only for make test's interop suite"
    try:
        version = _output(["node", "--version"]).strip().lstrip("v")
    except (OSError, subprocess.SubprocessError):
        return Check("warn", f"Node.js is not installed ({why})", "sudo apt-get install nodejs npm")
    if not satisfies(version, ">=18"):
        return Check("warn", f"Node.js {version} is older than 18 ({why})", "Install Node.js 18 or newer.")
    if not (interop / "node_modules").is_dir():
        return Check("warn", f"the interop clients are not installed ({why})", f"npm ci --prefix {interop}")
    return Check("ok", f"Node.js {version} and the interop clients")


def _fetch(url: str, payload: object = None, *, local: bool = False) -> tuple[int, str]:
    """GET url (or POST payload as JSON); the status and the body, whatever the status."""
    headers = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream"}
    data = json.dumps(payload).encode() if payload is not None else None
    request = urllib.request.Request(url, data=data, headers=headers if data else {})
    try:
        with (LOCAL if local else PUBLIC).open(request, timeout=TIMEOUT) as response:
            return int(response.status), response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def _output(command: list[str]) -> str:
    return subprocess.run(command, capture_output=True, text=True, timeout=30, check=True).stdout


def _here(host: str) -> str:
    """How to reach, from this machine, a server listening on `host` (which may be every address)."""
    reachable = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)
    return f"[{reachable}]" if ":" in reachable else reachable


def _reason(error: Exception) -> str:
    # SQLAlchemy adds a link to its docs; the driver's own message is the part a person needs.
    return str(getattr(error, "orig", None) or error)
