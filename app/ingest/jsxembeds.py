"""A video or a diagram a page embeds with a component, read as a link to the video, or the diagram's source.

Docusaurus sites embed YouTube videos with `react-lite-youtube-embed`'s `<LiteYouTubeEmbed
id="3YDiloj8_d0" />` (Jest's docs), and Astro and Nextra sites with `<YouTube id="…" />`. The
reader has no player, and left alone the component vanishes, leaving "check out this video:"
pointing at nothing, so it becomes a link to the video on YouTube, named by its `title` when it
has one. Only an id that is a YouTube id (letters, digits, `-`, `_`) makes a link: the address
is built here, never taken from the page.
"""

from __future__ import annotations

import re

from app.ingest.fences import outside_code
from app.ingest.jsxtags import Tag

VIDEOS = frozenset({"LiteYouTubeEmbed", "YouTube", "Youtube", "YouTubeEmbed"})
_VIDEO_ID = re.compile(r"[A-Za-z0-9_-]{6,20}")


def video_link(tag: Tag) -> tuple[str, str] | None:
    """An embedded video's title (`YouTube` when it has none) and its address; None without a video id."""
    video = tag.attributes.get("id") or tag.attributes.get("videoId") or ""
    if not _VIDEO_ID.fullmatch(video):
        return None
    return tag.attributes.get("title", "").strip() or "YouTube", f"https://www.youtube.com/watch?v={video}"


# `<Mermaid chart="graph TD; A --> B" />`, its chart often over many lines: the diagram's source.
_MERMAID = re.compile(r"""<Mermaid\s+chart=(?:"([^"]*)"|'([^']*)'|\{`([^`$]*)`\})\s*/>""")
_MOST_CHART = 20_000


def mermaid_charts(text: str) -> str:
    """The page with each `<Mermaid chart="…" />` (Fumadocs', Nextra's) as a ```` ```mermaid ```` block.

    The reader draws no diagrams, but a diagram's source reads as what it says, in a code block; left
    alone, a chart over several lines shows as the tag's text. Charts inside code are left as written.
    """
    if "<Mermaid" not in text:
        return text
    lines = text.split("\n")
    outside = {number for number, _ in outside_code(lines)}
    out: list[str] = []
    at = 0
    for found in _MERMAID.finditer(text):
        start = text.rfind("\n", 0, found.start()) + 1
        indent = text[start : found.start()]
        if text.count("\n", 0, start) not in outside or indent.strip() or len(found.group(0)) > _MOST_CHART:
            continue
        chart = next(group for group in found.groups() if group is not None).strip("\n")
        out += [text[at:start], f"{indent}```mermaid\n{chart}\n{indent}```"]
        at = found.end()
    return "".join(out) + text[at:]
