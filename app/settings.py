"""Settings, read once at the edge (environment and command line) and passed down as one frozen object.

Each setting is declared once, below, with its flag, its environment variable and its help. The
command line's flags, the environment's parsing and writing (`from_env` / `to_env`, which carry
the settings to uvicorn's worker processes) and the README's configuration table all come from
that one declaration.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Mapping
from dataclasses import MISSING, dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from app.errors import ChapterwiseError


@dataclass(frozen=True, slots=True)
class Option:
    """How one setting is spelled on the command line and in the environment."""

    flag: str
    env: str
    help: str
    # "global" flags work with every command (before or after its name); "serve" ones only there.
    scope: Literal["global", "serve"] = "global"
    parse: Callable[[str], Any] = str
    # "value" takes an argument; a "switch" is on when given (environment: 1); a "list" flag may
    # be given several times (environment: comma-separated).
    kind: Literal["value", "switch", "list"] = "value"

    def read(self, text: str) -> Any:
        if self.kind == "switch":
            return text.strip().lower() in ("1", "true", "yes", "on")
        if self.kind == "list":
            return tuple(part for part in text.split(",") if part.strip())
        try:
            return self.parse(text)
        except ValueError:
            raise ChapterwiseError(f"{self.env}={text!r} is not valid: {self.help}.") from None

    def write(self, value: Any) -> str:
        if self.kind == "switch":
            return "1" if value else "0"
        return ",".join(value) if self.kind == "list" else str(value)


def _declared(option: Option) -> dict[str, Option]:
    """A dataclass field's metadata: how that setting is spelled on the command line and in the environment."""
    return {"option": option}


@dataclass(frozen=True, slots=True)
class Settings:
    data_dir: Path = field(
        default=Path("data"),
        metadata=_declared(
            Option(
                "--data-dir",
                "CHAPTERWISE_DATA_DIR",
                "folder of the SQLite library, chapterwise.db",
                parse=Path,
            )
        ),
    )
    database_url: str | None = field(
        default=None,
        metadata=_declared(
            Option(
                "--database-url",
                "CHAPTERWISE_DATABASE_URL",
                "a SQLAlchemy database URL to use instead (PostgreSQL)",
            )
        ),
    )
    host: str = field(
        default="127.0.0.1",
        metadata=_declared(Option("--host", "CHAPTERWISE_HOST", "address to listen on", "serve")),
    )
    port: int = field(
        default=8000,
        metadata=_declared(Option("--port", "CHAPTERWISE_PORT", "port to listen on", "serve", int)),
    )
    workers: int = field(
        default=1,
        metadata=_declared(Option("--workers", "CHAPTERWISE_WORKERS", "worker processes", "serve", int)),
    )
    # The https address a tunnel or proxy gives this server; its host is allowed past the
    # DNS-rebinding protection, which otherwise accepts only localhost.
    public_url: str | None = field(
        default=None,
        metadata=_declared(
            Option(
                "--public-url",
                "CHAPTERWISE_PUBLIC_URL",
                "public https address of a tunnel or proxy to allow",
                "serve",
            )
        ),
    )
    allowed_origins: tuple[str, ...] = field(
        default=(),
        metadata=_declared(
            Option(
                "--allow-origin",
                "CHAPTERWISE_ALLOWED_ORIGINS",
                "extra browser origins to allow (comma-separated)",
                "serve",
                kind="list",
            )
        ),
    )
    # Serve the local preview host at /dev: a page that plays ChatGPT or an MCP Apps host.
    dev: bool = field(
        default=False,
        metadata=_declared(
            Option(
                "--dev",
                "CHAPTERWISE_DEV",
                "also serve the local preview host at /dev",
                "serve",
                kind="switch",
            )
        ),
    )
    # Whose reading state a call keeps (progress, highlights, bookmarks). "one": a single reader,
    # whoever calls; right for a server only its owner reaches. "host": the anonymous user id the
    # host sends (ChatGPT's openai/subject), telling its users apart. That id is not proof of who
    # is calling: anyone who can reach the server can send any id (README, "Reading state").
    readers: str = field(
        default="one",
        metadata=_declared(
            Option(
                "--readers", "CHAPTERWISE_READERS", "whose reading state: one, or per host user id", "serve"
            )
        ),
    )

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Settings from CHAPTERWISE_* variables; keyword overrides (the command line's flags) win."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for name, option in _options():
            text = env.get(option.env, "")
            if text:
                values[name] = option.read(text)
        values.update({name: value for name, value in overrides.items() if value is not None})
        return cls(**values).checked()

    def to_env(self) -> dict[str, str]:
        """The environment from_env() reads back into these settings (for uvicorn's worker processes)."""
        env = {}
        for name, option in _options():
            value = getattr(self, name)
            if value != _default(name):
                env[option.env] = option.write(value)
        return env

    @classmethod
    def from_args(cls, args: argparse.Namespace, environ: Mapping[str, str] | None = None) -> Settings:
        """Settings from the flags add_arguments() declared (only those given) over the environment."""
        given = {
            name: tuple(getattr(args, name)) if option.kind == "list" else getattr(args, name)
            for name, option in _options()
            if hasattr(args, name)
        }
        return cls.from_env(environ, **given)

    @staticmethod
    def add_arguments(parser: argparse.ArgumentParser, scope: Literal["global", "serve"]) -> None:
        # SUPPRESS leaves a flag that was not given out of the namespace, so a global flag may
        # appear before or after the command's name without one spelling erasing the other.
        for name, option in _options():
            if option.scope != scope:
                continue
            help_text = f"{option.help} (env {option.env})"
            how: dict[str, Any] = (
                {"action": "store_true"}
                if option.kind == "switch"
                else {"action": "append"}
                if option.kind == "list"
                else {"type": option.parse}
            )
            parser.add_argument(option.flag, dest=name, default=argparse.SUPPRESS, help=help_text, **how)

    @staticmethod
    def markdown_table() -> str:
        """The README's configuration table; tests/test_settings.py checks the README holds exactly this."""
        rows = ["| setting | flag | environment | default |", "|---|---|---|---|"]
        for name, option in _options():
            default = _default(name)
            shown = "—" if default in (None, ()) else ("off" if default is False else f"`{default}`")
            command = "" if option.scope == "global" else "serve "
            rows.append(f"| {option.help} | `{command}{option.flag}` | `{option.env}` | {shown} |")
        return "\n".join(rows)

    def checked(self) -> Settings:
        if self.public_url is not None:
            check_public_url(self.public_url)
        if not 0 < self.port < 65536:
            raise ChapterwiseError(
                f"port {self.port} is not a TCP port. Pass a number from 1 to 65535, e.g. 8001."
            )
        if self.workers < 1:
            raise ChapterwiseError(f"workers must be at least 1 (got {self.workers}).")
        if self.readers not in ("one", "host"):
            raise ChapterwiseError(
                f"readers {self.readers!r} is not a choice: pass 'one' (one reader, the default) or 'host'."
            )
        return replace(self, allowed_origins=tuple(o.strip() for o in self.allowed_origins if o.strip()))

    @property
    def db_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'chapterwise.db').as_posix()}"

    @property
    def library_location(self) -> str:
        """Where the library is, for messages: its file, never a database URL (it may hold a password)."""
        return str(self.data_dir / "chapterwise.db") if not self.database_url else "the configured database"

    @property
    def mcp_url(self) -> str:
        base = self.public_url.rstrip("/") if self.public_url else f"http://{self.host}:{self.port}"
        return f"{base}/mcp"


def _options() -> list[tuple[str, Option]]:
    return [(f.name, f.metadata["option"]) for f in fields(Settings)]


def _default(name: str) -> Any:
    [declared] = [f for f in fields(Settings) if f.name == name]
    return None if declared.default is MISSING else declared.default


def check_public_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ChapterwiseError(
            f"--public-url {url!r} is not an http(s) address. "
            "Pass the address your tunnel prints, e.g. https://example.trycloudflare.com"
        )
