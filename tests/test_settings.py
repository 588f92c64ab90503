"""Settings are declared once: the flags, the environment and the README's table all follow from it."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from app.errors import ChapterwiseError
from app.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def test_the_readme_configuration_table_is_the_one_the_code_declares() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert Settings.markdown_table() in readme


def test_every_setting_survives_the_trip_through_the_environment_to_a_worker() -> None:
    chosen = Settings(
        data_dir=Path("/srv/books"),
        database_url="postgresql+psycopg://reader@db/chapterwise",
        host="0.0.0.0",
        port=8123,
        workers=3,
        public_url="https://reader.example.test",
        allowed_origins=("https://a.test", "https://b.test"),
        dev=True,
    )
    assert Settings.from_env(chosen.to_env()) == chosen
    assert Settings().to_env() == {}  # defaults need no variables


def test_flags_win_over_the_environment_and_absent_flags_leave_it_alone() -> None:
    parser = argparse.ArgumentParser()
    Settings.add_arguments(parser, "global")
    Settings.add_arguments(parser, "serve")
    args = parser.parse_args(["--port", "9001", "--allow-origin", "https://x.test"])
    settings = Settings.from_args(args, {"CHAPTERWISE_PORT": "7000", "CHAPTERWISE_DATA_DIR": "/books"})
    assert (settings.port, settings.data_dir, settings.allowed_origins) == (
        9001,
        Path("/books"),
        ("https://x.test",),
    )


@pytest.mark.parametrize(
    ("environ", "said"),
    [
        ({"CHAPTERWISE_PORT": "eighty"}, "CHAPTERWISE_PORT='eighty' is not valid: port to listen on."),
        (
            {"CHAPTERWISE_PORT": "70000"},
            "port 70000 is not a TCP port. Pass a number from 1 to 65535, e.g. 8001.",
        ),
        (
            {"CHAPTERWISE_PUBLIC_URL": "tunnel.example"},
            "--public-url 'tunnel.example' is not an http(s) address.",
        ),
    ],
)
def test_a_bad_setting_is_one_sentence_naming_it(environ: dict[str, str], said: str) -> None:
    with pytest.raises(ChapterwiseError) as raised:
        Settings.from_env(environ)
    assert str(raised.value).startswith(said)
