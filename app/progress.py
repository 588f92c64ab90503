"""A progress bar for long imports: drawn on a terminal, silent in pipes, logs and CI."""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

_WIDTH = 24


class ProgressBar:
    """One line, redrawn in place at most ten times a second; call done() to clear it."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        # A bar is for a person watching: not for pipes, log files or CI, where each redraw
        # would become a line of noise.
        self.enabled = self.stream.isatty() and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"
        self._last = 0.0
        self._shown = False

    def __call__(self, label: str, done: int, total: int) -> None:
        now = time.monotonic()
        if not self.enabled or (now - self._last < 0.1 and done < total):
            return
        self._last = now
        filled = _WIDTH * done // max(total, 1)
        bar = "█" * filled + "░" * (_WIDTH - filled)
        name = label if len(label) <= 40 else label[:39] + "…"
        self.stream.write(f"\r\x1b[K{name}  {bar}  {done}/{total} chapters")
        self.stream.flush()
        self._shown = True

    def done(self) -> None:
        if self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._shown = False
