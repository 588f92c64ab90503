"""Logseq graphs: what makes a folder one, and the order its pages and journals are read in.

A folder holding `logseq/config.edn` and a `pages/` or `journals/` folder is a Logseq graph, and
a graph is one book. Its first part, "Pages", holds the pages in natural title order, the page
config.edn opens on (`:default-home {:page "…"}`) first; its second, "Journals", the days, oldest
first: Logseq shows the newest on top, but a book reads forward in time. A day's title is its date
("14 May 2024"), read from its file name by `:journal/file-name-format` (`yyyy_MM_dd` unless
config.edn says otherwise); a day with no text is left out, as Logseq shows none. The book is
titled by the home page's `title::`, else by the folder's name. config.edn is never evaluated:
a small scanner finds the two keys above and nothing else. Pages Logseq keeps as Org files are
not Markdown, and are left out with one warning that lists them. How a page's names and text are
read is logseqpages.py's and logseqtext.py's.
"""

from __future__ import annotations

import calendar
import re
from pathlib import Path

from app.ingest.files import BookFolder, Unreadable
from app.ingest.logseqpages import LogseqGraph, page_name, properties_of
from app.ingest.placement import MARKDOWN_SUFFIXES, Layout, Placed, natural_key
from app.text import plural

CONFIG = Path("logseq") / "config.edn"
PAGES, JOURNALS = "pages", "journals"
_CONFIG_BYTES = 1024 * 1024
_STRING = r'"((?:[^"\\\n]|\\.)*)"'
_HOME = re.compile(r":default-home\s*\{[^{}]*?:page\s+" + _STRING)
_COMMENT = re.compile(r'"(?:[^"\\]|\\.)*"|;[^\n]*')  # strings kept whole, so a `;` in one is no comment
_JOURNAL_FORMAT = re.compile(r":journal/file-name-format\s+" + _STRING)
_DATE_FIELDS = {
    "yyyy": r"(?P<y>\d{4})",
    "MM": r"(?P<m>\d{2})",
    "M": r"(?P<m>\d{1,2})",
    "dd": r"(?P<d>\d{2})",
    "d": r"(?P<d>\d{1,2})",
}
_DATE_TOKEN = re.compile(r"yyyy|MM|M|dd|d|[^yMd]+|[yMd]+")


def logseq_of(folder: Path) -> Path | None:
    """The folder itself if it is a Logseq graph (`logseq/config.edn`, and pages or journals), else None."""
    config = folder / CONFIG
    if (
        config.is_file()
        and not config.is_symlink()
        and any((folder / name).is_dir() for name in (PAGES, JOURNALS))
    ):
        return folder
    return None


def read_logseq(books: BookFolder, graph: Path, warnings: list[str]) -> Layout:
    config = _config_text(books, graph / CONFIG, warnings)
    home_name = _HOME.search(config)
    date_format = _JOURNAL_FORMAT.search(config)
    dated = _date_pattern(date_format.group(1) if date_format else "yyyy_MM_dd")
    pages, left_out = _files(graph / PAGES)
    journals, more_left_out = _files(graph / JOURNALS)
    notes = LogseqGraph(books, graph)
    titled = [(path, title) for path in pages if (title := notes.add_page(path, page_name(path.stem)))]
    home = _home(titled, home_name.group(1) if home_name else None)
    if home is not None and home_name is not None and not properties_of(notes.text(home)).get("title"):
        # config.edn names the home page as its author spells it; its file name may be lower case.
        titled = [(path, home_name.group(1).strip() if path == home else title) for path, title in titled]
    titled.sort(key=lambda entry: (entry[0] != home, natural_key(entry[1])))
    placed = [Placed(path, title, part="Pages") for path, title in titled]
    days = [(date, path) for path in journals if (date := _date(dated, path.stem)) is not None]
    for (year, month, day), path in sorted(days):
        title = f"{day} {calendar.month_name[month]} {year}"
        if notes.add_page(path, title, day=_logseq_day(year, month, day)) is not None:
            placed.append(Placed(path, title, part="Journals"))
    for path in journals:
        # A note kept among the days: Logseq reads it as a page.
        if _date(dated, path.stem) is None and (title := notes.add_page(path, page_name(path.stem))):
            placed.append(Placed(path, title, part="Journals"))
    unread = left_out + more_left_out
    if unread:
        shown = ", ".join(unread[:5]) + (" …" if len(unread) > 5 else "")
        warnings.append(
            f"{graph}: Chapterwise reads Markdown only, so it left out {plural(len(unread), 'Org file')} "
            f"({shown}). Convert {'it' if len(unread) == 1 else 'them'} to Markdown (pandoc can) to read "
            f"{'it' if len(unread) == 1 else 'them'} here."
        )
    metadata = {}
    if home is not None and (title := properties_of(notes.text(home)).get("title", "").strip()):
        metadata["title"] = title
    return Layout(placed, metadata, site_root=graph, dialect="logseq", graph=notes)


def _config_text(books: BookFolder, config: Path, warnings: list[str]) -> str:
    """config.edn without its `;` comments (which quote keys as examples), or "" if unreadable."""
    try:
        text = books.read_text(config, limit=_CONFIG_BYTES)
    except Unreadable as problem:
        warnings.append(f"{config}: {problem}, so the graph is read with Logseq's defaults.")
        return ""
    return _COMMENT.sub(lambda found: found[0] if found[0].startswith('"') else "", text)


def _files(folder: Path) -> tuple[list[Path], list[str]]:
    """The folder's Markdown pages, and the names of its Org ones."""
    if not folder.is_dir() or folder.is_symlink():
        return [], []
    entries = sorted(
        (p for p in folder.iterdir() if not p.name.startswith(".") and p.is_file()),
        key=lambda p: natural_key(p.name),
    )
    return (
        [p for p in entries if p.suffix.lower() in MARKDOWN_SUFFIXES],
        [p.name for p in entries if p.suffix.lower() == ".org"],
    )


def _home(titled: list[tuple[Path, str]], name: str | None) -> Path | None:
    if not name or not name.strip():
        return None
    wanted = name.strip().casefold()
    return next((path for path, title in titled if title.casefold() == wanted), None)


def _date_pattern(written: str) -> re.Pattern[str]:
    """A journal file name's pattern from Logseq's date format (`yyyy_MM_dd`, `yyyy-MM-dd`)."""
    pattern, seen = "", set()
    for token in _DATE_TOKEN.findall(written):
        field = _DATE_FIELDS.get(token)
        if field is not None and token[0] not in seen:
            seen.add(token[0])
            pattern += field
        else:
            pattern += re.escape(token)
    return re.compile(
        pattern
        if seen == {"y", "M", "d"}
        else _DATE_FIELDS["yyyy"] + "_" + _DATE_FIELDS["MM"] + "_" + _DATE_FIELDS["dd"]
    )


def _date(pattern: re.Pattern[str], stem: str) -> tuple[int, int, int] | None:
    found = pattern.fullmatch(stem)
    if found is None:
        return None
    year, month, day = int(found["y"]), int(found["m"]), int(found["d"])
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return year, month, day


def _logseq_day(year: int, month: int, day: int) -> str:
    """A day as Logseq names its journal page unless told otherwise (`May 14th, 2024`), for links to it."""
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{calendar.month_abbr[month]} {day}{suffix}, {year}"
