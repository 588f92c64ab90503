"""Import paths a site's `tsconfig.json` gives a name to (`@en/fragments/setup.mdx`), found as its bundler finds them.

Sites built on Rsbuild, Vite or Next.js resolve a page's imports through the `compilerOptions.paths`
of the project's `tsconfig.json` (or `jsconfig.json`): `"@en/*": ["./docs/en/*"]` makes
`import Setup from '@en/fragments/setup.mdx'` the file docs/en/fragments/setup.mdx, relative to the
config's folder (or its `baseUrl`). Rspress's own docs share fragments between pages that way. The
config is the nearest one above the page, inside the book; it is read as data (comments and trailing
commas allowed, as TypeScript allows them), never run, and only its first target for a name is used.
A path it does not name is left as written, for the usual reading (relative to the page).
"""

from __future__ import annotations

from pathlib import PurePosixPath

from app.ingest.includes import ReadText
from app.ingest.placement import BOOK_ROOT, join
from app.ingest.scripts import exported

_CONFIG_NAMES = ("tsconfig.json", "jsconfig.json")


def aliased(written: str, file: PurePosixPath, read: ReadText) -> PurePosixPath | None:
    """The book path an import path names through a `paths` alias, or None when no alias names it."""
    if written.startswith((".", "/")):
        return None
    for folder in file.parents:
        for name in _CONFIG_NAMES:
            try:
                config = exported(read(folder / name if folder != BOOK_ROOT else PurePosixPath(name)))
            except Exception:  # noqa: BLE001, S112 - none here, or not data: look further up
                continue
            return _through(written, folder, config)
    return None


def _through(written: str, folder: PurePosixPath, config: object) -> PurePosixPath | None:
    options = config.get("compilerOptions") if isinstance(config, dict) else None
    paths = options.get("paths") if isinstance(options, dict) else None
    if not isinstance(paths, dict):
        return None
    base = options.get("baseUrl") if isinstance(options, dict) else None
    plain = not isinstance(base, str) or (base.strip("./") == "" and ".." not in base)
    root = folder if plain else join(folder, str(base))  # `"baseUrl": "."` is the config's folder
    if root is None:
        return None
    for pattern, targets in paths.items():
        if not isinstance(targets, list) or not targets or not isinstance(targets[0], str):
            continue
        target = targets[0]
        if pattern.endswith("/*") and target.endswith("/*") and written.startswith(pattern[:-1]):
            return join(root, target[:-1] + written[len(pattern) - 1 :])
        if pattern == written:
            return join(root, target)
    return None
