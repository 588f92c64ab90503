"""The parts of an included file that Sphinx's options pick: whole lines, or text between markers.

Used by mystincludes.py. Each raises LeftOut, saying why, when its option finds nothing: the
directive is then left out with a warning, never shown raw or half-read.
"""

from __future__ import annotations


class LeftOut(Exception):
    """Why a directive reads nothing; the message ends where the caller says so."""


def whole_number(options: dict[str, str], key: str) -> int | None:
    if key not in options or not options[key]:
        return None
    try:
        return int(options[key])
    except ValueError:
        raise LeftOut(f"has `:{key}: {options[key]}`, which is not a whole number") from None


def text_at(content: str, text: str, what: str) -> int:
    at = content.find(text)
    if not text or at < 0:
        raise LeftOut(f"has no text '{text}' to {what}")
    return at


def between(lines: list[str], options: dict[str, str]) -> list[str]:
    """The lines from the first holding `start-at`/`start-after` to the next holding `end-at`/`end-before`."""
    for key, keep in (("start-at", True), ("start-after", False)):
        if key in options:
            at = next((n for n, line in enumerate(lines) if options[key] in line), None)
            if at is None or not options[key]:
                raise LeftOut(f"has no line holding '{options[key]}' to {key.replace('-', ' ')}")
            lines = lines[at if keep else at + 1 :]
    for key, keep in (("end-at", True), ("end-before", False)):
        if key in options:
            at = next((n for n, line in enumerate(lines) if options[key] in line), None)
            if at is None or not options[key]:
                raise LeftOut(f"has no line holding '{options[key]}' to {key.replace('-', ' ')}")
            lines = lines[: at + 1 if keep else at]
    return lines


def pick_lines(lines: list[str], ranges: str) -> list[str]:
    """The lines `2-5,8,10-` names, counted from 1, in the order named (as Sphinx's `:lines:`)."""
    picked: list[str] = []
    for part in ranges.split(","):
        first, dash, last = part.strip().partition("-")
        if not (first.isdigit() or not first) or not (last.isdigit() or not last) or not (first or last):
            raise LeftOut(f"has `:lines: {ranges}`, which is not line numbers like 2-5,8")
        start = int(first) if first else 1
        end = (int(last) if last else len(lines)) if dash else start
        picked.extend(lines[start - 1 : end])
    if not picked:
        raise LeftOut(f"has no lines {ranges}")
    return picked
