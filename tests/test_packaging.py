"""The built wheel carries widgets/, migrations/ and content/, so an installed chapterwise works anywhere."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.serving import free_port

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(out), str(ROOT)],
        check=True,
    )
    [built] = out.glob("chapterwise-*.whl")
    return built


def test_the_wheel_contains_the_widgets_migrations_and_sample_books(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "app/widgets/widget.html.j2" in names
    assert "app/migrations/env.py" in names
    assert any(name.startswith("app/migrations/versions/0001") for name in names)
    assert "app/content/README.md" in names
    assert any(name.startswith("app/content/chapterwise-guide/") for name in names)


def test_an_installed_chapterwise_imports_and_lists_its_samples_from_any_folder(
    wheel: Path, tmp_path: Path
) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([venv / "bin" / "pip", "install", "--quiet", str(wheel)], check=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    chapterwise = venv / "bin" / "chapterwise"
    content = subprocess.run(
        [venv / "bin" / "python", "-c", "from app.paths import bundled; print(bundled('content'))"],
        cwd=elsewhere,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    assert content.startswith(str(venv))
    subprocess.run([chapterwise, "import", content], cwd=elsewhere, check=True, capture_output=True)
    listed = subprocess.run(
        [chapterwise, "list", "--json"], cwd=elsewhere, check=True, capture_output=True, text=True
    ).stdout
    slugs = {book["slug"] for book in json.loads(listed)}
    assert "chapterwise-guide" in slugs
    assert (elsewhere / "data" / "chapterwise.db").is_file()
    # doctor reads the requirements from the installed metadata, and a wheel has no interop tests to check.
    report = subprocess.run(
        [chapterwise, "doctor", "--port", str(free_port())],
        check=False,
        cwd=elsewhere,
        capture_output=True,
        text=True,
    )
    assert report.returncode == 0, report.stdout
    assert "✓ packages: alembic " in report.stdout
    assert f"✓ library data/chapterwise.db: {len(slugs)} books" in report.stdout
    assert "Node.js" not in report.stdout
