"""Version requirements such as "mcp<3,>=2.3", read simply: enough for doctor to tell a broken install.

`packaging` reads them fully, but nothing Chapterwise runs on installs it, and release numbers are
all that Chapterwise's own requirements (and Node's ">=18") use.
"""

from __future__ import annotations

import re
from operator import eq, ge, gt, le, lt, ne

# As a package's metadata states it: "name[extra] >=1,<2 ; marker".
REQUIREMENT = re.compile(r"\s*([\w.-]+)\s*(?:\[[^\]]*\])?\s*([^;]*)(;.*)?")
CLAUSE = re.compile(r"(~=|==|!=|<=|>=|<|>)\s*([\w.]+)")
# ~= ("a compatible release") is read as >=: close enough to tell whether an install is broken.
COMPARE = {">=": ge, "~=": ge, ">": gt, "<=": le, "<": lt, "==": eq, "!=": ne}


def unconditional(requirement: str) -> tuple[str, str] | None:
    """(name, specifier) of a requirement every install needs; None under a marker (an extra) or unreadable."""
    parts = REQUIREMENT.fullmatch(requirement)
    if parts is None or parts[3]:
        return None
    return parts[1], parts[2].strip()


def satisfies(version: str, specifier: str) -> bool:
    """Whether a version such as "2.3.0" meets every clause of a specifier such as ">=2.3,<3"."""
    for clause in specifier.split(","):
        parts = CLAUSE.fullmatch(clause.strip())
        if parts is None:
            continue
        have, need = release(version), release(parts[2])
        # 2.3 and 2.3.0 are one release: pad both to one length before comparing.
        width = max(len(have), len(need))
        if not COMPARE[parts[1]](have + (0,) * (width - len(have)), need + (0,) * (width - len(need))):
            return False
    return True


def release(version: str) -> tuple[int, ...]:
    """The release numbers a version starts with: "2.4.0rc1" → (2, 4, 0)."""
    numbers = re.match(r"\d+(\.\d+)*", version)
    return tuple(int(n) for n in numbers[0].split(".")) if numbers else (0,)
