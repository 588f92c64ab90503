"""Clients nobody here wrote: the MCP conformance suite, the MCP Inspector CLI and the TypeScript SDK."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.conftest import TOOL_NAMES
from tests.interop.conftest import BIN, run_node

# The conformance scenarios that apply to any server. The others exercise fixtures of the
# suite's reference server (tools named test_simple_text, prompts, sampling, elicitation,
# subscriptions), which Chapterwise rightly does not have.
SCENARIOS = ["server-initialize", "ping", "tools-list", "resources-list", "dns-rebinding-protection"]


def chapterwise_stdio(library_dir: Path) -> list[str]:
    return [sys.executable, "-m", "app", "--data-dir", str(library_dir), "serve", "--stdio"]


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_the_official_conformance_suite_passes(base_url: str, scenario: str) -> None:
    out = run_node(str(BIN / "conformance"), "server", "--url", f"{base_url}/mcp", "--scenario", scenario)
    assert " 0 failed" in out, out


def inspector(*args: str) -> dict[str, object]:
    return dict(json.loads(run_node(str(BIN / "mcp-inspector"), "--cli", *args)))


def test_the_inspector_cli_lists_calls_and_reads_over_http(base_url: str) -> None:
    url = [f"{base_url}/mcp", "--transport", "http"]
    tools = inspector(*url, "--method", "tools/list")["tools"]
    assert isinstance(tools, list)
    assert {tool["name"] for tool in tools} == TOOL_NAMES
    result = inspector(
        *url, "--method", "tools/call", "--tool-name", "read-chapter",
        "--tool-arg", "book=chapterwise-guide", "--tool-arg", "chapter=2",
    )  # fmt: skip
    assert result["structuredContent"]["title"] == "The Contract"  # type: ignore[index]
    resources = inspector(*url, "--method", "resources/list")["resources"]
    assert isinstance(resources, list)
    widget = next(r["uri"] for r in resources if r["uri"].startswith("ui://chapterwise/widget-"))
    read = inspector(*url, "--method", "resources/read", "--uri", widget)
    assert read["contents"][0]["mimeType"] == "text/html;profile=mcp-app"  # type: ignore[index]
    templates = inspector(*url, "--method", "resources/templates/list")["resourceTemplates"]
    assert isinstance(templates, list)
    assert "chapterwise://books/{book}/chapters/{chapter}" in {t["uriTemplate"] for t in templates}
    chapter = inspector(
        *url, "--method", "resources/read", "--uri", "chapterwise://books/chapterwise-guide/chapters/2"
    )
    assert chapter["contents"][0]["mimeType"] == "text/markdown"  # type: ignore[index]
    assert chapter["contents"][0]["text"].startswith("# The Contract")  # type: ignore[index]


def test_the_inspector_cli_works_over_stdio(library_dir: Path) -> None:
    tools = inspector(*chapterwise_stdio(library_dir), "--method", "tools/list")["tools"]
    assert isinstance(tools, list)
    assert len(tools) == len(TOOL_NAMES)


def check_ts_report(report: dict[str, dict[str, object]]) -> None:
    tools = report["tools"]
    # The widget's own writes are listed as app-only; the SDK client calls every tool the model may.
    assert report["appOnly"] == sorted(name for name in TOOL_NAMES if name.startswith(("save-", "delete-")))
    assert set(tools) | set(report["appOnly"]) == TOOL_NAMES
    for tool in tools.values():
        assert isinstance(tool, dict)
        assert tool["hasOutputSchema"] is True
        assert tool["isError"] is False
        assert tool["mimeType"] == "text/html;profile=mcp-app"
        assert str(tool["resourceUri"]).startswith("ui://chapterwise/")
    assert tools["read-chapter"]["structuredKeys"] == sorted(  # type: ignore[index]
        ["book", "book_title", "language", "chapter", "chapters", "title", "label", "numbered", "trail", "page", "pages",
         "words", "minutes", "at", "first_passage", "furthest_chapter", "spoiler_safe", "bookmark",
         "previous_title", "next_title"]
    )  # fmt: skip
    assert report["resourceTemplates"] == [
        "chapterwise://books/{book}",
        "chapterwise://books/{book}/chapters/{chapter}",
        "ui://chapterwise/{name}.html",
    ]
    assert report["chapterResource"] == {
        "mimeType": "text/markdown",
        "start": "# The Contract\n\nFrom Chapterwise from th",
    }
    missing = report["errors"]["missingChapter"]
    assert isinstance(missing, dict)
    assert missing["isError"] is True
    assert str(missing["text"]).startswith("Book 'chapterwise-guide' has no chapter 99 (it has 8 chapters).")


def test_the_typescript_sdk_client_validates_every_tool_over_http(base_url: str) -> None:
    check_ts_report(json.loads(run_node("node", "ts-client.mjs", f"{base_url}/mcp")))


def test_the_typescript_sdk_client_works_over_stdio(library_dir: Path) -> None:
    check_ts_report(json.loads(run_node("node", "ts-client.mjs", "--stdio", *chapterwise_stdio(library_dir))))
