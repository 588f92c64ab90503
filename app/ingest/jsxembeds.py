"""A video a page embeds with a component, read as a link to the video.

Docusaurus sites embed YouTube videos with `react-lite-youtube-embed`'s `<LiteYouTubeEmbed
id="3YDiloj8_d0" />` (Jest's docs), and Astro and Nextra sites with `<YouTube id="…" />`. The
reader has no player, and left alone the component vanishes, leaving "check out this video:"
pointing at nothing, so it becomes a link to the video on YouTube, named by its `title` when it
has one. Only an id that is a YouTube id (letters, digits, `-`, `_`) makes a link: the address
is built here, never taken from the page.
"""

from __future__ import annotations

import re

from app.ingest.jsxtags import Tag

VIDEOS = frozenset({"LiteYouTubeEmbed", "YouTube", "Youtube", "YouTubeEmbed"})
_VIDEO_ID = re.compile(r"[A-Za-z0-9_-]{6,20}")


def video_link(tag: Tag) -> tuple[str, str] | None:
    """An embedded video's title (`YouTube` when it has none) and its address; None without a video id."""
    video = tag.attributes.get("id") or tag.attributes.get("videoId") or ""
    if not _VIDEO_ID.fullmatch(video):
        return None
    return tag.attributes.get("title", "").strip() or "YouTube", f"https://www.youtube.com/watch?v={video}"
