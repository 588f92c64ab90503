"""`chapterwise doctor`: each check's pass and fail paths against real things, and the exit status."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import replace
from functools import partial
from http.server import HTTPServer, SimpleHTTPRequestHandler
from importlib import metadata
from pathlib import Path

import pytest
from alembic import command

from app import doctor
from app.cli import main
from app.db import alembic_config, head_revision, make_engine
from app.ingest import find_books, read_book
from app.paths import bundled
from app.settings import Settings
from app.versions import satisfies
from app.widget import MAX_BYTES, render_widget
from tests.conftest import library_copy
from tests.serving import chapterwise, free_port


def run_doctor(settings: Settings, *flags: str) -> int:
    return main(["doctor", "--data-dir", str(settings.data_dir), *flags])


# --- Python and packages -------------------------------------------------------------------------


def test_the_running_python_meets_the_version_chapterwise_declares() -> None:
    check = doctor.check_python()
    assert check.status == "ok"
    assert check.label == f"Python {sys.version_info[0]}.{sys.version_info[1]}.{sys.version_info[2]}"


def test_an_older_python_fails_and_says_how_to_make_the_virtualenv_with_a_newer_one() -> None:
    check = doctor.check_python((3, 10, 4))
    assert check.status == "fail"
    assert check.label == "Python 3.10.4: Chapterwise needs Python >=3.11"
    assert "make run PYTHON=" in check.fix


def test_every_required_package_is_listed_with_its_installed_version() -> None:
    [check] = doctor.check_packages()
    assert check.status == "ok"
    for name in ("mcp", "sqlalchemy", "alembic", "markdown-it-py", "jinja2", "uvicorn", "minify-go"):
        assert f"{name} {metadata.version(name)}" in check.label


def test_a_missing_or_unfit_package_fails_with_the_pip_line_that_fixes_it() -> None:
    checks = doctor.check_packages(
        [
            "mcp>=99",
            "sqlalchemy<2",
            "chapterwise-doctor-no-such-package>=1",
            # Under a marker (here the developers' extra), so not needed to run: not checked.
            "chapterwise-doctor-no-such-tool>=1; extra == 'dev'",
        ]
    )
    assert [check.status for check in checks] == ["fail", "fail", "fail"]
    mcp, sqlalchemy, absent = checks
    assert mcp.label == f"mcp {metadata.version('mcp')} is installed, but Chapterwise needs mcp>=99 to start"
    assert mcp.fix == f"{sys.executable} -m pip install 'mcp>=99'"
    assert "needs sqlalchemy<2" in sqlalchemy.label
    assert absent.label.startswith("chapterwise-doctor-no-such-package is not installed")


@pytest.mark.parametrize(
    ("version", "specifier", "expected"),
    [
        ("2.3.0", "<3,>=2.3", True),
        ("2.2.9", "<3,>=2.3", False),
        ("3.0", "<3,>=2.3", False),
        ("1.13", ">=1.13.0", True),
        ("2.4.0rc1", ">=2.4", True),
        ("20.19.0", ">=18", True),
        ("16.20.2", ">=18", False),
        ("1.2", "~=1.1", True),
        ("1.2", "!=1.2.0", False),
        ("0.54.0", "", True),
    ],
)
def test_a_version_is_read_against_a_specifier_release_number_by_release_number(
    version: str, specifier: str, expected: bool
) -> None:
    assert satisfies(version, specifier) is expected


# --- the library ---------------------------------------------------------------------------------


def test_a_library_with_books_reports_how_many_books_and_chapters_it_holds(sample_settings: Settings) -> None:
    drafts = [read_book(root) for root in find_books(bundled("content"))]
    chapters = sum(len(draft.chapters) for draft in drafts)
    check = doctor.check_library(sample_settings)
    assert check.status == "ok"
    assert check.label.endswith(f": {len(drafts)} books, {chapters} chapters")


def test_an_empty_library_is_a_warning_with_the_import_command(settings: Settings) -> None:
    check = doctor.check_library(settings)
    assert check.status == "warn"
    assert "is empty" in check.label
    assert "chapterwise import PATH" in check.fix


def test_a_missing_library_fails_and_says_how_to_create_one(tmp_path: Path) -> None:
    check = doctor.check_library(Settings(data_dir=tmp_path / "nowhere"))
    assert check.status == "fail"
    assert "chapterwise serve cannot start" in check.label
    assert "chapterwise import PATH" in check.fix
    assert "--data-dir" in check.fix


def test_a_library_behind_the_newest_migration_is_a_warning_with_the_upgrade_command(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    engine = make_engine(settings.db_url, create=True)
    command.upgrade(alembic_config(engine), "0001")
    engine.dispose()
    check = doctor.check_library(settings)
    assert check.status == "warn"
    assert check.label.endswith(f"is at migration 0001, not {head_revision()}")
    assert "chapterwise db upgrade" in check.fix


def test_a_file_that_is_not_a_database_fails_and_names_the_problem(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    settings.data_dir.mkdir()
    (settings.data_dir / "chapterwise.db").write_text("my shopping list, not a library\n")
    check = doctor.check_library(settings)
    assert check.status == "fail"
    assert "cannot be read" in check.label
    assert "not a database" in check.fix


# --- the port ------------------------------------------------------------------------------------


def test_a_free_port_passes(settings: Settings) -> None:
    port = free_port()
    check = doctor.check_port(replace(settings, port=port))
    assert check == doctor.Check("ok", f"port 127.0.0.1:{port} is free for chapterwise serve")


def test_a_port_another_program_holds_fails_and_suggests_the_next_one(settings: Settings) -> None:
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        port = other.getsockname()[1]
        check = doctor.check_port(replace(settings, port=port))
    assert check.status == "fail"
    assert "used by another program" in check.label
    assert f"--port {port + 1}" in check.fix
    assert f"make run PORT={port + 1}" in check.fix


@pytest.fixture
def other_web_server(tmp_path: Path) -> Iterator[int]:
    """A web server that is not Chapterwise (it answers /healthz with 404); yields its port."""
    server = HTTPServer(("127.0.0.1", 0), partial(SimpleHTTPRequestHandler, directory=str(tmp_path)))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()
    thread.join()


def test_a_port_another_web_server_answers_on_is_not_mistaken_for_chapterwise(
    settings: Settings, other_web_server: int
) -> None:
    check = doctor.check_port(replace(settings, port=other_web_server))
    assert check.status == "fail"
    assert "used by another program" in check.label


def test_an_address_that_is_not_this_machines_fails_with_the_host_flag(settings: Settings) -> None:
    # 192.0.2.1 is reserved for documentation: no machine has it.
    check = doctor.check_port(replace(settings, host="192.0.2.1", port=free_port()))
    assert check.status == "fail"
    assert check.label.startswith("cannot listen on 192.0.2.1:")
    assert "--host 127.0.0.1" in check.fix


# --- a running Chapterwise, directly and through a public URL ------------------------------------


@pytest.fixture(scope="module")
def running(samples_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """Settings naming a real `chapterwise serve` (its library and its port), running for this module."""
    settings = library_copy(samples_template, tmp_path_factory.mktemp("doctor"))
    with chapterwise(settings) as url:
        yield replace(settings, port=int(url.rsplit(":", 1)[1]))


@pytest.mark.slow
def test_a_port_chapterwise_already_serves_on_passes(running: Settings) -> None:
    check = doctor.check_port(running)
    assert check == doctor.Check(
        "ok", f"Chapterwise 0.1.0 is already running at http://127.0.0.1:{running.port}"
    )


def test_without_a_public_url_that_check_is_skipped_and_says_how_to_run_it(settings: Settings) -> None:
    check = doctor.check_public_url(settings)
    assert check.status == "skip"
    assert "--public-url https://" in check.label


@pytest.mark.slow
def test_a_public_url_that_reaches_the_server_passes(running: Settings) -> None:
    url = f"http://127.0.0.1:{running.port}"
    check = doctor.check_public_url(replace(running, public_url=url))
    assert check.status == "ok"
    assert check.label.endswith(f"hosts connect to {url}/mcp")


@pytest.mark.slow
def test_a_public_url_whose_host_the_server_refuses_fails_with_421_and_the_flag_that_allows_it(
    running: Settings,
) -> None:
    # 127.1 is another spelling of 127.0.0.1: it reaches the server, but under a host name the
    # server was not told to allow, as a tunnel's is until --public-url names it.
    url = f"http://127.1:{running.port}"
    check = doctor.check_public_url(replace(running, public_url=url))
    assert check.status == "fail"
    assert "421 Misdirected Request" in check.label
    assert f"--public-url {url}" in check.fix


def test_a_public_url_whose_name_does_not_resolve_fails(settings: Settings) -> None:
    # .invalid is reserved: it never resolves.
    check = doctor.check_public_url(replace(settings, public_url="https://chapterwise-doctor.invalid"))
    assert check.status == "fail"
    assert "chapterwise-doctor.invalid does not resolve" in check.label


def test_a_public_url_with_nothing_behind_it_fails_and_says_where_the_tunnel_should_lead(
    settings: Settings,
) -> None:
    check = doctor.check_public_url(replace(settings, public_url=f"http://127.0.0.1:{free_port()}"))
    assert check.status == "fail"
    assert "no answer" in check.label
    assert f"Start the tunnel to http://127.0.0.1:{settings.port}" in check.fix


# --- the widget ----------------------------------------------------------------------------------


def widgets_with(tmp_path: Path, added: str) -> Path:
    """A copy of widgets/ whose page has `added` just before </body>."""
    copy = tmp_path / "widgets"
    shutil.copytree(bundled("widgets"), copy)
    page = copy / "widget.html.j2"
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", f"{added}</body>"), encoding="utf-8")
    return copy


def test_the_widget_passes_and_the_line_names_its_uri_and_size() -> None:
    widget = render_widget(bundled("widgets"))
    check = doctor.check_widget()
    assert check.status == "ok"
    assert check.label.startswith(
        f"widget {widget.uri}: {len(widget.html.encode()) / 1024:.1f} KB of {MAX_BYTES // 1024} KB"
    )


def test_a_widget_loading_a_script_from_elsewhere_fails_as_a_blank_widget(tmp_path: Path) -> None:
    check = doctor.check_widget(
        widgets_with(tmp_path, '<script src="https://cdn.example.test/x.js"></script>')
    )
    assert check.status == "fail"
    assert "loads from elsewhere" in check.label
    assert "blank" in check.label


def test_a_widget_that_does_not_render_fails(tmp_path: Path) -> None:
    check = doctor.check_widget(widgets_with(tmp_path, "{{ no_such_variable }}"))
    assert check.status == "fail"
    assert "no_such_variable" in check.label


def test_a_widget_over_its_budget_is_a_warning(tmp_path: Path) -> None:
    check = doctor.check_widget(widgets_with(tmp_path, f"<p>{'words ' * 9000}</p>"))
    assert check.status == "warn"
    assert f"over its {MAX_BYTES // 1024} KB budget" in check.label


# --- fonts and Node ------------------------------------------------------------------------------

needs_fc_list = pytest.mark.skipif(
    not shutil.which("fc-list"), reason="fontconfig's fc-list is not installed"
)


@pytest.fixture
def empty_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A PATH with no programs on it."""
    (tmp_path / "bin").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))


@needs_fc_list
def test_installed_cjk_and_emoji_fonts_pass() -> None:
    chinese = subprocess.run(["fc-list", ":lang=zh"], check=True, capture_output=True, text=True).stdout
    emoji = "emoji" in subprocess.run(["fc-list"], check=True, capture_output=True, text=True).stdout.lower()
    if not (chinese.strip() and emoji):
        pytest.skip("this machine lacks CJK or emoji fonts (.ci/run installs them)")
    assert doctor.check_fonts() == doctor.Check("ok", "fonts for the local preview: CJK and emoji")


@needs_fc_list
def test_missing_fonts_are_a_warning_with_the_apt_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A real fontconfig, told to look in an empty folder: a machine with no fonts.
    (tmp_path / "fonts").mkdir()
    config = tmp_path / "fonts.conf"
    config.write_text(
        f"<fontconfig><dir>{tmp_path / 'fonts'}</dir><cachedir>{tmp_path}</cachedir></fontconfig>"
    )
    monkeypatch.setenv("FONTCONFIG_FILE", str(config))
    check = doctor.check_fonts()
    assert check.status == "warn"
    assert check.label.startswith("no CJK or emoji font")
    assert check.fix == "sudo apt-get install fonts-noto-cjk fonts-noto-color-emoji"


@pytest.mark.usefixtures("empty_path")
def test_without_fc_list_the_font_check_is_skipped() -> None:
    assert doctor.check_fonts().status == "skip"


@pytest.mark.usefixtures("empty_path")
def test_a_missing_node_is_only_a_warning(tmp_path: Path) -> None:
    check = doctor.check_node(tmp_path)
    assert check.status == "warn"
    assert check.label == "Node.js is not installed (needed only for make test's interop suite)"


needs_node = pytest.mark.skipif(not shutil.which("node"), reason="Node.js is not installed")


@needs_node
def test_node_without_the_interop_clients_is_a_warning_with_the_npm_line(tmp_path: Path) -> None:
    check = doctor.check_node(tmp_path)
    assert check.status == "warn"
    assert check.fix == f"npm ci --prefix {tmp_path}"


@needs_node
def test_node_with_the_interop_clients_passes(tmp_path: Path) -> None:
    (tmp_path / "node_modules").mkdir()
    check = doctor.check_node(tmp_path)
    assert check.status == "ok"
    assert check.label.startswith("Node.js ")


# --- the command ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_doctor_exits_0_when_nothing_is_broken_and_ends_with_the_follow_up_hint(
    running: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    public = f"http://127.0.0.1:{running.port}"
    assert run_doctor(running, "--port", str(running.port), "--public-url", public) == 0
    lines = capsys.readouterr().out.splitlines()
    marks = [line[0] for line in lines if not line.startswith("  ")]
    assert "✗" not in marks
    assert set(marks[:-2]) <= {"✓", "!", "-"}
    assert lines[-2].startswith("Nothing is broken.")
    assert "type the request" in lines[-1]


def test_doctor_exits_1_when_something_is_broken_and_puts_each_fix_under_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_doctor(Settings(data_dir=tmp_path / "nowhere"), "--port", str(free_port())) == 1
    lines = capsys.readouterr().out.splitlines()
    failed = next(number for number, line in enumerate(lines) if line.startswith("✗ "))
    assert lines[failed] == "✗ the library cannot be opened: chapterwise serve cannot start"
    assert lines[failed + 1].startswith("  There is no library at")
    assert lines[-1] == "1 problem to fix (the ✗ lines); then run chapterwise doctor again."


def test_doctor_reads_the_public_url_from_the_environment(
    sample_settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CHAPTERWISE_PUBLIC_URL", "https://chapterwise-doctor.invalid")
    assert run_doctor(sample_settings, "--port", str(free_port())) == 1
    assert "✗ public URL https://chapterwise-doctor.invalid: " in capsys.readouterr().out
