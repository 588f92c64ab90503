"""A Logseq page's text rewritten, before parsing, into the Markdown it means (see logseq.py).

- `key:: value` properties never show. Of a page's own (its top lines) the reader sees its
  `description::` as a first paragraph and the others that say something about it (`type::`,
  `tags::`, any the author made up) as a short `Key: value` list; Logseq's own bookkeeping
  (`title`, `alias`, `id`, `collapsed`, `icon`, times, templates…) is left out.
- A block reference `((id))` shows the block's first line, linked to its page when that is another
  page; `{{embed ((id))}}` shows the block with its children, and `{{embed [[Page]]}}` the page
  (wikilinks.py's embed, under its rules: depth, cycles, inside the book). A reference to no block
  is left out, and said once a book.
- `#tag` and `#[[some tag]]` link to that page when the graph has it, else are its words
  (`#123` is an issue number, and is left as written). `[words]([[Page]])` links the words.
- `{{video url}}`, `{{youtube url}}`, `{{tweet url}}` are links, `{{cloze words}}` its words; other
  macros (`{{query …}}`, `{{function …}}`, `{{cards}}`…) and `#+BEGIN_QUERY` only Logseq can run:
  they are left out, with one warning a book.
- `#+BEGIN_NOTE`/`TIP`/`IMPORTANT`/`WARNING`/`CAUTION`/`PINNED` blocks are callouts of that kind,
  `#+BEGIN_QUOTE` a quote, `#+BEGIN_EXAMPLE` and `#+BEGIN_SRC lang` code.
- A task's keyword reads as a mark: ☐ to do (TODO, LATER), ◐ under way (DOING, NOW), ☑ done,
  ☒ and struck through when cancelled; a priority (`[#A]`) is left out. Time-tracking drawers
  (`:LOGBOOK:`) are left out, and `SCHEDULED: <date>` reads as words.
- The page stays the outline it is, a list, except that a top-level bullet holding only a heading
  (`- ## Usage`) is that heading, its children the list under it: the chapter gets its sections.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import PurePosixPath

from app.ingest.fences import code_spans
from app.ingest.includes import MAX_DEPTH
from app.ingest.logseqblocks import headings, org_blocks, with_code
from app.ingest.logseqpages import PROPERTY, UUID, LogseqGraph, page_properties

Warn = Callable[[str], None]

_HIDDEN = frozenset(
    {
        "title",
        "alias",
        "id",
        "collapsed",
        "icon",
        "public",
        "filters",
        "template",
        "template-including-parent",
        "exclude-from-graph-view",
        "heading",
        "background-color",
        "ls-type",
        "created-at",
        "updated-at",
        "last-modified-at",
        "file",
        "file-path",
        "hl-type",
        "hl-page",
        "hl-stamp",
        "hl-color",
        "card-last-interval",
        "card-repeats",
        "card-ease-factor",
        "card-next-schedule",
        "card-last-reviewed",
        "card-last-score",
    }
)
_TASK = re.compile(
    r"([^\S\n]*-[^\S\n]+)(TODO|LATER|WAITING|WAIT|DOING|NOW|IN-PROGRESS|DONE|CANCELED|CANCELLED)(?:[^\S\n]+|$)"
)
_TASK_MARKS = {
    "TODO": "☐",
    "LATER": "☐",
    "WAITING": "☐",
    "WAIT": "☐",
    "DOING": "◐",
    "NOW": "◐",
    "IN-PROGRESS": "◐",
    "DONE": "☑",
}
_PRIORITY = re.compile(r"[^\S\n]?\[#[A-Ca-c]\]")
_SCHEDULED = re.compile(r"(SCHEDULED|DEADLINE):[^\S\n]*<([^<>\n]+)>")
_EMBED = re.compile(r"\{\{\{?embed[^\S\n]+(?:\[\[([^\[\]\n]+)\]\]|\(\((" + UUID + r")\)\))[^\S\n]*\}\}\}?")
_MACRO = re.compile(r"\{\{\{?[^\S\n]*([A-Za-z][\w-]*)(.*?)\}\}\}?")
_REF = re.compile(r"\(\((" + UUID + r")\)\)")
_LABELLED = re.compile(r"\[([^\[\]\n]+)\]\((?:\[\[([^\[\]\n]+)\]\]|\(\((" + UUID + r")\)\))\)")
_TAG = re.compile(r"(?<!\S)#(?:\[\[([^\[\]\n]+)\]\]|([^\s#\[\](){}\"',;!?]+))")
_IMAGE_SIZE = re.compile(r"(\]\([^()\n]*\))\{:[^{}\n]*\}")
_LINKS = ("video", "youtube", "tweet", "twitter", "vimeo", "bilibili")
_URL = re.compile(r"https?://[^\s<>]+")


def logseq_markdown(
    text: str,
    *,
    file: PurePosixPath,
    graph: LogseqGraph,
    warn: Warn,
    whole_page: bool = True,
    within: tuple[str, ...] = (),
) -> str:
    """The page's text as Markdown; `whole_page` False for a page embedded in another (no
    properties shown, its headings left in their bullets)."""
    lines = text.split("\n")
    properties, end = page_properties(lines)
    shown = _shown_properties(properties) if whole_page else []
    lines = shown + lines[end:]
    if "#+" in text:
        lines = org_blocks(lines, lambda kind, number: graph.dropped.append((kind, f"{file}:{number + 1}")))
    rewrite = _Lines(graph, file, warn, within)
    out: list[str] = []
    drawer = False
    for number, line, code in with_code(lines):
        stripped = line.strip()
        if code:
            out.append(line)
        elif drawer or stripped in (":LOGBOOK:", ":PROPERTIES:"):
            drawer = stripped != ":END:"
        elif not stripped.lstrip("-").strip() and stripped:
            continue  # an empty bullet, as Logseq leaves one at a page's end
        elif "::" in stripped and PROPERTY.fullmatch(stripped.removeprefix("- ").lstrip()):
            continue
        else:
            out.extend(rewrite.line(line, number - len(shown) + end))
    return "\n".join(headings(out) if whole_page else out)


def _shown_properties(properties: dict[str, str]) -> list[str]:
    described = properties.get("description", "").strip()
    listed = [
        f"**{key[:1].upper()}{key[1:].replace('-', ' ')}:** {value}"
        for key, value in properties.items()
        if value
        and "{{" not in value  # a value only Logseq can work out
        and key != "description"
        and key not in _HIDDEN
        and not key.startswith(("hl-", "card-"))
    ]
    lines = [described, ""] if described else []
    if listed:
        lines += [line + "\\" for line in listed[:-1]] + [listed[-1], ""]
    return lines


class _Lines:
    """Rewrites one line at a time: tasks, macros, embeds, references, tags."""

    def __init__(self, graph: LogseqGraph, file: PurePosixPath, warn: Warn, within: tuple[str, ...]) -> None:
        self.graph, self.file, self.warn, self.within = graph, file, warn, within

    def line(self, line: str, number: int) -> list[str]:
        where = f"{self.file}:{number + 1}"
        if "{{embed" in line:
            embedded = self._embed(line, where)
            if embedded is not None:
                return embedded
        if "[#" in line:
            line = _PRIORITY.sub("", line)
        task = _TASK.match(line)
        if task is not None:
            line = task[1] + _task(task[2], line[task.end() :])
        if ":" in line and ("SCHEDULED" in line or "DEADLINE" in line):
            line = _SCHEDULED.sub(lambda m: f"{m[1].capitalize()}: {m[2]}", line)
        if "{{" in line:
            line = _outside_spans(_MACRO, line, lambda m: self._macro(m, where))
            if not line.strip().lstrip("-").strip():
                return []  # a bullet that held only a query
        if "](" in line:
            line = _outside_spans(_LABELLED, line, lambda m: self._labelled(m, where))
            if "){:" in line:
                line = _IMAGE_SIZE.sub(r"\1", line)
        if "((" in line:
            line = _outside_spans(_REF, line, lambda m: self._reference(m[1], where))
        if "#" in line:
            line = _outside_spans(_TAG, line, self._tag)
        return [line]

    def _embed(self, line: str, where: str) -> list[str] | None:
        """The lines a bullet holding only `{{embed …}}` becomes; None when the embed is in words."""
        found = _EMBED.search(line)
        if found is None or line[: found.start()].strip() not in ("", "-") or line[found.end() :].strip():
            return None
        indent = line[: len(line) - len(line.lstrip())]
        if found[1] is not None:
            return [indent + f"![[{found[1].strip()}]]"]  # wikilinks.py embeds the page
        uuid = found[2].lower()
        block = self.graph.block(uuid)
        if block is None:
            self.graph.unknown.append((uuid, where))
            return []
        if uuid in self.within or len(self.within) > MAX_DEPTH:
            self.warn(
                f"{where}: embeds the block (({uuid})), which embeds this one; it shows as a reference."
            )
            return [indent + "- " + self._reference(uuid, where)]
        text = logseq_markdown(
            "\n".join(block.lines),
            file=block.page,
            graph=self.graph,
            warn=self.warn,
            whole_page=False,
            within=(*self.within, uuid),
        )
        return [indent + part if part else part for part in text.split("\n")]

    def _macro(self, found: re.Match[str], where: str) -> str:
        name, argument = found[1].lower(), found[2].strip()
        if name == "embed":  # in the middle of words: a link, or the block's words
            target = _EMBED.fullmatch(found[0])
            if target is not None:
                return f"[[{target[1]}]]" if target[1] else self._reference(target[2], where)
        if name == "cloze":
            return argument
        if name in _LINKS and (url := _URL.fullmatch(argument)) is not None:
            return f"<{url[0]}>"
        self.graph.dropped.append((name, where))
        return ""

    def _labelled(self, found: re.Match[str], where: str) -> str:
        words = found[1]
        if found[2] is not None:
            return f"[[{found[2]}|{words}]]"
        block = self.graph.block(found[3])
        if block is None:
            self.graph.unknown.append((found[3].lower(), where))
            return words
        return words if block.page == self.file else f"[[{block.page.with_suffix('')}|{words}]]"

    def _reference(self, uuid: str, where: str) -> str:
        block = self.graph.block(uuid)
        if block is None:
            self.graph.unknown.append((uuid.lower(), where))
            return ""
        words = _plain(block.lines[0].lstrip()[1:].strip() if block.lines else "")
        if block.page == self.file:
            return words
        return f"[[{block.page.with_suffix('')}|{words.replace('|', '/')}]]"

    def _tag(self, found: re.Match[str]) -> str:
        name = found[1] or found[2].rstrip(".:")
        trailing = "" if found[1] else found[2][len(name) :]
        if found[2] is not None and name.isdigit():
            return found[0]
        if self.graph.page(name) is not None:
            return f"[[{name}]]{trailing}"
        return name + trailing


def _task(keyword: str, rest: str) -> str:
    if keyword in ("CANCELED", "CANCELLED"):
        return f"☒ ~~{rest.strip()}~~" if rest.strip() and "~~" not in rest else "☒ " + rest
    return f"{_TASK_MARKS[keyword]} {rest}"


def _plain(words: str) -> str:
    """A block's first line as words for a link: its own links, references and marks taken out."""
    words = _TASK.sub(lambda m: _task(m[2], ""), "- " + words)[2:] if _TASK.match("- " + words) else words
    words = _LABELLED.sub(r"\1", words)
    words = re.sub(r"#?\[\[([^\[\]\n]+)\]\]", r"\1", words)
    words = re.sub(r"\[([^\[\]\n]*)\]\([^()\n]*\)", r"\1", words)
    words = _REF.sub("", _MACRO.sub("", words))
    return " ".join(words.replace("[", "").replace("]", "").split())


def _outside_spans(pattern: re.Pattern[str], line: str, replace: Callable[[re.Match[str]], str]) -> str:
    spans = code_spans(line)

    def rewrite(found: re.Match[str]) -> str:
        if any(start <= found.start() < end for start, end in spans):
            return found[0]
        return replace(found)

    return pattern.sub(rewrite, line)
