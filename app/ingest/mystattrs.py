"""MyST directives with inline options: `:::{tip icon=false}`, `:::{note .dropdown #weather}`.

mystmd (MyST's own tool, which Jupyter Book 2 and the Project Pythia cookbooks build with) lets a
directive's options sit inside its braces, after its name, instead of on `:key: value` lines
below it: `.name` adds a class, `#name` gives its label, and `key=value` (the value quoted when it
holds spaces) sets an option. Read as before, `{tip icon=false}` was no directive name, so the
whole tip showed as `:::{tip icon=false}` among the words. Here the name is split from them and
they join the options the lines below give (which win, being the longer form); see myst.py.
"""

from __future__ import annotations

import re

# `{name attrs…} argument`: a name as MyST spells one, then anything but braces before the `}`.
NAME = re.compile(r"\{([A-Za-z][\w:-]*)(?:[ \t]+([^{}]*))?\}[ \t]*(.*)")
_ATTRIBUTE = re.compile(r"""([.#])([\w:-]+)|([\w-]+)=(?:"([^"]*)"|'([^']*)'|([^\s"']+))""")


def inline_options(attributes: str) -> dict[str, str] | None:
    """The options `.class #label key=value` give, or None when the text is not only such options
    (`{eval-rst} x` is a name and an argument, but `{ tip }` or `{tip some words}` names nothing)."""
    options: dict[str, str] = {}
    classes: list[str] = []
    done = 0
    for found in _ATTRIBUTE.finditer(attributes):
        if attributes[done : found.start()].strip():
            return None
        done = found.end()
        sign, word, key = found.group(1), found.group(2), found.group(3)
        if sign == ".":
            classes.append(word)
        elif sign == "#":
            options["label"] = word
        else:
            value = next(group for group in found.group(4, 5, 6) if group is not None)
            options[key.lower()] = value
    if attributes[done:].strip():
        return None
    if classes:
        options["class"] = " ".join(classes)
    return options
