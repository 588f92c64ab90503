"""The sanitised corpus is inert in Chromium, mounted as hosts mount a widget: sandboxed, under the widgets' CSP.

Static checks (test_xss.py) cannot see mutation XSS: markup that is harmless as written but that
a browser re-parses into something live. So the corpus goes through ingest, and its pages are
put into a sandboxed frame that may run scripts (as widgets do), under the CSP the local preview
host gives widgets. A script of ours proves scripts do run there; then nothing from the book may
run, open a dialog, reach the network, or leave a live handler or dangerous element in the DOM.
"""

from __future__ import annotations

import json
import re
from pathlib import Path, PurePosixPath

import pytest
from playwright.sync_api import Browser, Request, Route

from app.ingest import SourceFile, parse_book
from app.ingest.pictures import PictureUnavailable

pytestmark = pytest.mark.browser

ROOT = Path(__file__).parents[2]
CORPUS = (Path(__file__).parent / "xss_corpus.md").read_text(encoding="utf-8")
# An SVG file shown as a picture: browsers must run none of its scripts (see pictures.py).
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" '
    b"onload=\"parent.postMessage({xss: 'svg-file'}, '*')\">"
    b"<script>parent.postMessage({xss: 'svg-script'}, '*')</script>"
    b'<image href="https://evil.example/from-svg.png" width="10" height="10"/></svg>'
)


def widget_csp() -> str:
    """The policy app/preview.html gives widgets, read from it so the two never drift apart."""
    source = (ROOT / "app" / "preview.html").read_text(encoding="utf-8")
    match = re.search(r'const DEFAULT_CSP = ((?:"[^"]*"\s*\+?\s*)+);', source)
    assert match, "DEFAULT_CSP not found in app/preview.html"
    return "".join(re.findall(r'"([^"]*)"', match.group(1)))


def read_picture(path: PurePosixPath) -> bytes:
    if path.suffix == ".svg":
        return SVG
    raise PictureUnavailable("was not found; add the file or fix the path")


def corpus_pages() -> list[str]:
    book = parse_book(
        [SourceFile("corpus.md", CORPUS + "\n\n![a picture that is an SVG file](drawing.svg)\n")],
        slug="corpus",
        pictures=read_picture,
    )
    return [page.html for chapter in book.chapters for page in chapter.pages]


def frame_document(pages: list[str]) -> str:
    # The proof that scripts run here comes first; the book's pages after it, each in its own
    # container as the reader shows one; a click handler keeps links from navigating, as the
    # reader's does, and records what they point at.
    return f"""<!doctype html><html><head>
<meta http-equiv="Content-Security-Policy" content="{widget_csp()}">
<script>
  window.clicked = [];
  addEventListener("click", e => {{
    const link = e.target.closest("a");
    if (link) {{ e.preventDefault(); window.clicked.push(link.getAttribute("href")); }}
  }}, true);
  parent.postMessage({{ok: "scripts run"}}, "*");
</script></head><body>
{"".join(f'<article class="prose">{page}</article>' for page in pages)}
<script>parent.postMessage({{ok: "parsed"}}, "*");</script>
</body></html>"""


def test_the_corpus_is_inert_in_chromium_under_the_widgets_csp(browser: Browser) -> None:
    pages = corpus_pages()
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    requests: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    def refuse(route: Route, request: Request) -> None:
        requests.append(request.url)
        route.abort()

    page.route("**/*", refuse)
    page.set_content(
        "<!doctype html><script>window.got = []; addEventListener('message', e => got.push(e.data));</script>"
        '<iframe id="widget" sandbox="allow-scripts"></iframe>'
    )
    page.eval_on_selector("#widget", "(frame, html) => { frame.srcdoc = html; }", frame_document(pages))
    page.wait_for_function("got.some(m => m && m.ok === 'parsed')")
    frame = page.frame_locator("#widget")
    body = frame.locator("body")
    # Let every picture finish loading or failing, so that an onerror or onload would have fired.
    body.evaluate("b => Promise.all([...b.ownerDocument.images].map(i => i.decode().catch(() => null)))")

    live = body.evaluate(
        """b => [...b.querySelectorAll('.prose *')].flatMap(el => [...el.attributes]
            .filter(a => a.name.startsWith('on') || a.name === 'style' || a.name === 'srcset'
                || /^\\s*(javascript|vbscript|data:text)/i.test(a.value))
            .map(a => el.tagName + ' ' + a.name + '=' + a.value))"""
    )
    assert live == []
    dangerous = "script, iframe, svg, math, object, embed, style, template, noscript, form, input, button, base, link, meta"
    assert body.locator(f".prose :is({dangerous})").count() == 0

    # Open every <details>, hover, focus and click everything the book holds.
    body.evaluate(
        """b => { for (const d of b.querySelectorAll('details')) d.open = true;
                  for (const el of b.querySelectorAll('.prose *')) {
                    for (const type of ['mouseover', 'focus', 'click', 'animationstart']) el.dispatchEvent(new Event(type)); } }"""
    )
    links = frame.locator(".prose a")
    for index in range(links.count()):
        links.nth(index).click()
    # A round trip through the frame's event loop after all that, so any handler would have run.
    body.evaluate("() => new Promise(done => setTimeout(() => requestAnimationFrame(() => done(null)), 0))")

    messages = page.evaluate("got")
    assert {json.dumps(m) for m in messages} == {'{"ok": "scripts run"}', '{"ok": "parsed"}'}
    assert dialogs == []
    assert requests == []
    clicked = body.evaluate("() => window.clicked")
    assert clicked, "the corpus has links, so clicks must have been seen"
    for href in clicked:
        assert href is None or re.match(r"^(https?:|mailto:|#)", href), href
    # The SVG file was shown as a picture, and its script did not run (checked above).
    assert body.locator('.prose img[src^="data:image/svg+xml;base64,"]').count() == 1
    context.close()
