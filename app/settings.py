"""Settings, read once at the edge (environment and command line) and passed down as one object."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from app.errors import ChapterwiseError


@dataclass(frozen=True, slots=True)
class Settings:
    data_dir: Path = Path("data")
    # None means the embedded SQLite file data_dir/chapterwise.db.
    database_url: str | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    # The https address a tunnel or proxy gives this server; its host is allowed past the
    # DNS-rebinding protection, which otherwise accepts only localhost.
    public_url: str | None = None
    allowed_origins: tuple[str, ...] = field(default_factory=tuple)
    # Serve the local preview host at /dev: a page that plays ChatGPT or an MCP Apps host.
    dev: bool = False

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Build settings from CHAPTERWISE_* variables; keyword overrides (the CLI's flags) win."""
        env = os.environ if environ is None else environ
        settings = cls(
            data_dir=Path(env.get("CHAPTERWISE_DATA_DIR", "data")),
            database_url=env.get("CHAPTERWISE_DATABASE_URL") or None,
            public_url=env.get("CHAPTERWISE_PUBLIC_URL") or None,
            allowed_origins=tuple(o for o in env.get("CHAPTERWISE_ALLOWED_ORIGINS", "").split(",") if o),
            dev=env.get("CHAPTERWISE_DEV", "") == "1",
        )
        settings = replace(settings, **{k: v for k, v in overrides.items() if v is not None})
        if settings.public_url is not None:
            check_public_url(settings.public_url)
        return settings

    @property
    def db_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'chapterwise.db').as_posix()}"

    @property
    def mcp_url(self) -> str:
        base = self.public_url.rstrip("/") if self.public_url else f"http://{self.host}:{self.port}"
        return f"{base}/mcp"


def check_public_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ChapterwiseError(
            f"--public-url {url!r} is not an http(s) address. "
            "Pass the address your tunnel prints, e.g. https://example.trycloudflare.com"
        )
