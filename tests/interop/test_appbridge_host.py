"""The reader inside a host built on the MCP Apps project's own AppBridge, in a real browser."""

from __future__ import annotations

import subprocess
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser import Watched
from tests.interop.conftest import BIN, HERE
from tests.serving import post_mcp

pytestmark = pytest.mark.browser

PAGE = '<!doctype html><html><body><iframe id="app" sandbox="allow-scripts" style="width:760px;height:900px">' \
    "</iframe><script>{script}</script></body></html>"  # fmt: skip


@pytest.fixture(scope="module")
def host_script(tmp_path_factory: pytest.TempPathFactory) -> str:
    bundle = tmp_path_factory.mktemp("appbridge") / "host.js"
    subprocess.run(
        [
            str(BIN / "esbuild"),
            "appbridge-host.mjs",
            "--bundle",
            "--format=iife",
            f"--outfile={bundle}",
            "--log-level=warning",
        ],
        cwd=HERE,
        check=True,
    )
    return bundle.read_text(encoding="utf-8")


def rpc(base_url: str, method: str, params: dict[str, Any]) -> Any:
    status, body = post_mcp(base_url, {"jsonrpc": "2.0", "id": 1, "method": method, "params": params})
    assert status == 200, body
    return body["result"]


def test_an_appbridge_host_can_page_through_chapters_and_receive_follow_ups(
    watched: Watched, base_url: str, host_script: str
) -> None:
    page = watched.page
    tools = {tool["name"]: tool for tool in rpc(base_url, "tools/list", {})["tools"]}
    uri = tools["read-chapter"]["_meta"]["ui"]["resourceUri"]
    html = rpc(base_url, "resources/read", {"uri": uri})["contents"][0]["text"]
    arguments = {"book": "chapterwise-guide", "chapter": 2}
    result = rpc(base_url, "tools/call", {"name": "read-chapter", "arguments": arguments})

    page.expose_function("callServer", lambda method, params: rpc(base_url, method, params))
    page.set_content(PAGE.format(script=host_script.replace("</script", "<\\/script")))
    page.evaluate("args => startHost(args)", {"html": html, "toolArgs": arguments, "toolResult": result})

    frame = page.frame_locator("#app")
    expect(frame.locator(".chapter-title")).to_have_text("The Contract")
    frame.get_by_role("button", name="Next chapter →").click()
    expect(frame.locator(".chapter-title")).to_have_text("From Markdown to Chapters")
    frame.get_by_role("button", name="← Previous chapter").click()
    expect(frame.locator(".chapter-title")).to_have_text("The Contract")
    frame.get_by_role("button", name="✨ Summarize this chapter").click()
    expect(frame.locator(".suggest button").first).to_contain_text("✓ Sent")

    seen = page.evaluate("window.seen")
    # Turning the page, and (a moment after the reader stops) saving their place: nothing else.
    turns = [call for call in seen["toolCalls"] if call["name"] == "read-chapter"]
    assert [call["arguments"]["chapter"] for call in turns] == [3, 2]
    assert {call["name"] for call in seen["toolCalls"]} <= {"read-chapter", "save-progress"}
    [message] = seen["messages"]
    assert message["role"] == "user"
    assert message["content"][0]["text"] == (
        "Summarize chapter 2 («The Contract») of the book 'chapterwise-guide'. "
        "Do not reveal anything after chapter 2."
    )
    assert "chapter 2 of 8" in seen["contexts"][-1]["content"][0]["text"]
    assert watched.errors == []
