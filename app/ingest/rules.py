"""Rule names, as the Rust Reference writes them: an `r[items.fn.intro]` line above each rule.

The Reference is an mdBook whose preprocessor (mdbook-spec) turns each such line into a small
link in the margin, and lets any page link to a rule by its name alone: `[ABI][items.fn.extern]`
or `[items.fn.extern]`. Read as plain Markdown, the Reference showed some three thousand of those
lines as paragraphs, every chapter's title twice (a rule line above the `# Title` hid it from the
title check), and its links by rule name as bracketed text. Here the lines go, each name lands on
the heading its rule is under, and a link by rule name lands there too.
"""

from __future__ import annotations

import re

from app.ingest.fences import outside_code

_RULE = re.compile(r"r\[([A-Za-z0-9_][A-Za-z0-9_.\-]*)\]")
_HEADING = re.compile(r"#{1,6}(?:\s|$)")
# A link by rule name, whose name has a dot in it as every rule's does: `[words][name]` (a reference
# link), or in a page with rules `[name]` on its own (a shortcut; `[name](…)` and `[name]:` are not).
_REFERENCE = re.compile(r"\]\[([a-z0-9_][a-z0-9_\-]*(?:\.[a-z0-9_\-]+)+)\]")
_SHORTCUT = re.compile(r"\[([a-z0-9_][a-z0-9_\-]*(?:\.[a-z0-9_\-]+)+)\](?![\[(:])")
_DEFINED = re.compile(r"^ {0,3}\[([^\]\n]+)\]:", re.MULTILINE)


def take_rules(text: str) -> tuple[str, dict[str, int]]:
    """The text without its rule lines, and where each rule is: the line of the heading it sits under.

    A link by rule name gets a definition at the end of the text whose address is the name, which
    the book's link index knows as a label (links.py). A reference link to an undefined name is
    broken Markdown in any book, so that one is read as a link to a rule everywhere; a page's own
    rule lines are needed before `[name]` alone is.
    """
    rules: dict[str, int] = {}
    if text.startswith("r[") or "\nr[" in text:
        text, rules = _without_rule_lines(text)
    if "][" in text or rules:
        linked = set(_REFERENCE.findall(text))
        if rules:
            linked.update(_SHORTCUT.findall(text))
        linked -= {name.lower() for name in _DEFINED.findall(text)}
        if linked:
            text += "\n\n" + "".join(f"[{name}]: {name}\n" for name in sorted(linked))
    return text, rules


def _without_rule_lines(text: str) -> tuple[str, dict[str, int]]:
    """A rule right above a heading (only blank lines between) names that heading; any other names the
    heading before it, or -1 above the first. The lines are blanked rather than removed, so every
    other line keeps its number for warnings."""
    lines = text.splitlines(keepends=True)
    rules: dict[str, int] = {}
    waiting: list[str] = []  # rules not yet placed: the next non-blank line decides where they land
    heading = -1
    for number, line in outside_code(lines, with_fences=True):
        stripped = line.strip()
        if not stripped:
            continue
        found = _RULE.fullmatch(stripped)
        if found:
            lines[number] = "\n"
            waiting.append(found.group(1))
            continue
        if _HEADING.match(stripped):
            heading = number
        for name in waiting:
            rules.setdefault(name, heading)
        waiting.clear()
    for name in waiting:
        rules.setdefault(name, heading)
    return "".join(lines), rules
