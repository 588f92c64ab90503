"""GitHub's emoji shortcodes (`:rocket:`, `:notebook_with_decorative_cover:`), shown as the emoji.

GitHub (and mkdocs' pymdownx.emoji, and most README renderers) draw `:name:` as an emoji; READMEs
and awesome lists put them in headings (`## :trident: Chapters`) and lists. Left as text, a reader
sees `:notebook_with_decorative_cover:` in the contents. GitHub's names (its gemoji list) are
mostly Unicode's own names, lower-cased with underscores, so a name is looked up there when it has
two words or more (`ballot_box_with_check`: no prose says that between colons by chance); short
names that differ from Unicode's, or that could be an ordinary word between colons, come from the
table below, and only those. A name neither knows is left as written, as GitHub leaves it.
Code spans and blocks are never touched: `:root:` in CSS stays `:root:`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from markdown_it.token import Token

from app.ingest.anchors import github_slug
from app.ingest.text import inline_text

_SHORTCODE = re.compile(r":([a-z0-9+-][a-z0-9_+-]*):")
# Unicode names GitHub shortens: `:warning:` is WARNING SIGN, `:trident:` TRIDENT EMBLEM.
_SUFFIXES = ("", " sign", " symbol", " emblem", " face")
_FIRST_EMOJI = 0x2190  # arrows and up: Latin letters and punctuation (`:a:`, `:comma:`) are no emoji
# Where a one-word name is trusted to Unicode (`:ear:`, `:penguin:`): the pictographs' own planes.
_PICTOGRAPHS = range(0x1F300, 0x1FB00)
# One-word Unicode names there that GitHub does not draw, and that prose could hold between colons.
_NOT_GITHUB = frozenset({"note", "notepad", "document", "page", "book", "frame", "stamp"})
# GitHub's short names used most in READMEs, where Unicode's name differs or is a plain word.
_NAMED = {
    "+1": "👍", "-1": "👎", "100": "💯", "thumbsup": "👍", "thumbsdown": "👎", "smile": "😄",
    "smiley": "😃", "grin": "😁", "grinning": "😀", "joy": "😂", "laughing": "😆", "wink": "😉",
    "blush": "😊", "heart_eyes": "😍", "sunglasses": "😎", "sweat_smile": "😅", "cry": "😢", "sob": "😭",
    "rage": "😡", "worried": "😟", "thinking": "🤔", "nerd_face": "🤓", "heart": "❤️", "star": "⭐",
    "star2": "🌟", "sparkles": "✨", "fire": "🔥", "tada": "🎉", "rocket": "🚀", "zap": "⚡", "boom": "💥",
    "bulb": "💡", "book": "📖", "books": "📚", "memo": "📝", "pencil": "📝", "pencil2": "✏️",
    "warning": "⚠️", "x": "❌", "white_check_mark": "✅", "heavy_check_mark": "✔️", "question": "❓",
    "exclamation": "❗", "grey_question": "❔", "clap": "👏", "wave": "👋", "pray": "🙏", "muscle": "💪",
    "point_right": "👉", "point_left": "👈", "point_up": "☝️", "point_down": "👇", "ok_hand": "👌",
    "eyes": "👀", "beer": "🍺", "coffee": "☕", "gift": "🎁", "trophy": "🏆", "new": "🆕", "hammer": "🔨",
    "wrench": "🔧", "gear": "⚙️", "lock": "🔒", "key": "🔑", "link": "🔗", "mag": "🔍", "bell": "🔔",
    "email": "📧", "computer": "💻", "iphone": "📱", "globe_with_meridians": "🌐", "earth_africa": "🌍",
    "earth_americas": "🌎", "earth_asia": "🌏", "cloud": "☁️", "sunny": "☀️", "bug": "🐛",
    "package": "📦", "pushpin": "📌", "calendar": "📆", "clipboard": "📋", "bar_chart": "📊",
    "hourglass": "⌛", "construction": "🚧", "rotating_light": "🚨", "checkered_flag": "🏁",
    "dart": "🎯", "art": "🎨", "notes": "🎶", "camera": "📷", "tv": "📺", "mega": "📣",
    "speech_balloon": "💬", "information_source": "\u2139\ufe0f", "arrow_right": "➡️", "arrow_left": "⬅️",
    "arrow_up": "⬆️", "arrow_down": "⬇️", "recycle": "♻️", "shield": "🛡️", "scroll": "📜",
    "bookmark": "🔖", "label": "🏷️", "moneybag": "💰", "dollar": "💵", "trident": "🔱", "anger": "💢",
    "restroom": "🚻", "newspaper": "📰", "notebook": "📓", "ledger": "📒", "page_facing_up": "📄",
    "file_folder": "📁", "open_file_folder": "📂", "floppy_disk": "💾", "cd": "💿", "battery": "🔋",
    "electric_plug": "🔌", "microscope": "🔬", "telescope": "🔭", "satellite": "📡", "robot": "🤖",
    "ghost": "👻", "penguin": "🐧", "snake": "🐍", "whale": "🐳", "crab": "🦀", "no_entry": "⛔",
    "no_entry_sign": "🚫", "red_circle": "🔴", "green_heart": "💚", "blue_heart": "💙",
    "purple_heart": "💜", "yellow_heart": "💛", "broken_heart": "💔", "handshake": "🤝",
    "raised_hands": "🙌", "fist": "✊", "v": "✌️", "see_no_evil": "🙈",
    "heavy_plus_sign": "\u2795", "heavy_minus_sign": "\u2796", "mailbox": "📫", "phone": "☎️", "telephone": "☎️",
    "movie_camera": "🎥", "video_game": "🎮", "musical_note": "🎵", "pizza": "🍕", "tea": "🍵",
    "bike": "🚲", "car": "🚗", "house": "🏠", "school": "🏫", "mortar_board": "🎓", "seedling": "🌱",
    "herb": "🌿", "evergreen_tree": "🌲", "ocean": "🌊", "snowflake": "❄️", "umbrella": "☔",
    "wastebasket": "🗑️", "card_index": "📇", "chart_with_upwards_trend": "📈", "lipstick": "💄",
    "speaker": "🔈", "loudspeaker": "📢", "bookmark_tabs": "📑", "toolbox": "🧰", "jigsaw": "🧩",
}  # fmt: skip


def emoji(name: str) -> str | None:
    """The emoji GitHub draws for `:name:`, or None when it draws none (then the text stays)."""
    if name in _NAMED:
        return _NAMED[name]
    if "_" in name:
        return _unicode(name)
    if name in _NOT_GITHUB or not name.isalpha():
        return None
    found = _unicode(name)
    return found if found is not None and ord(found) in _PICTOGRAPHS else None


@lru_cache(maxsize=2048)
def _unicode(name: str) -> str | None:
    words = name.replace("_", " ")
    for suffix in _SUFFIXES:
        try:
            found = unicodedata.lookup(words + suffix)
        except KeyError:
            continue
        if ord(found) >= _FIRST_EMOJI and unicodedata.category(found) == "So":
            return found
        return None
    return None


def show_emoji(tokens: list[Token]) -> None:
    """Each shortcode in the prose (headings, paragraphs, link text) becomes its emoji.

    GitHub makes a heading's anchor from its text as written, shortcode names and all: a README's
    `[Contents](#anger-table-of-contents)` points at `## :anger: Table of Contents`. That anchor is
    kept as the heading's own id, so such links still find it once the name is an emoji.
    """
    for index, token in enumerate(tokens):
        if token.type != "inline" or not token.children or ":" not in token.content:
            continue
        written = inline_text(token)
        changed = False
        for child in token.children:
            if child.type == "text" and child.content.count(":") > 1:
                shown = _SHORTCODE.sub(_replaced, child.content)
                changed = changed or shown != child.content
                child.content = shown
        opening = tokens[index - 1] if index else None
        if (
            changed
            and opening is not None
            and opening.type == "heading_open"
            and not opening.meta.get("explicit_id")
        ):
            opening.meta = {**opening.meta, "explicit_id": github_slug(written)}


def _replaced(match: re.Match[str]) -> str:
    return emoji(match.group(1)) or match.group(0)
