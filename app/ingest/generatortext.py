"""The text passes of the static site generators Jekyll, Hugo and Zola, in the order they must run.

Each page's text goes through these before Markdown is read (source.py calls them once):

- a Jekyll site's (the layout found its `_config.yml`): Markdown includes (jekyllincludes.py),
  `{% highlight %}` blocks (liquidcode.py), Liquid links and permalinks (jekylllinks.py), then
  kramdown's attribute lists (kramdown.py), last, as kramdown reads them after Liquid has run;
- Zola's `@/` links (zola.py), in any book inside a Zola site's `content/`;
- Hugo's shortcodes whose content is in the book: includes, glossary terms and version notes
  (hugoincludes.py), then links, pictures, callouts and tabs (hugothemes.py). A shortcode no page
  of the book can fill in is left to tags.py, which drops it with a warning.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePosixPath

from app.ingest import hugoincludes
from app.ingest.hugothemes import theme_shortcodes
from app.ingest.jekyllincludes import jekyll_includes
from app.ingest.jekylllinks import jekyll_links
from app.ingest.kramdown import kramdown_attributes
from app.ingest.liquidcode import liquid_code
from app.ingest.placement import Layout
from app.ingest.zola import zola_links

ReadText = Callable[[PurePosixPath], str]


def generator_text(
    body: str,
    *,
    file: PurePosixPath,
    layout: Layout,
    book_root: Path,
    site_root: PurePosixPath,
    read: ReadText,
    warn: Callable[[str], None],
) -> str:
    """The page's text with its site generator's syntax carried out (see above)."""
    if layout.jekyll is not None:
        body = jekyll_includes(body, file=file, site_root=site_root, read=read, warn=warn)
        body = jekyll_links(liquid_code(body), file=file, site=layout.jekyll, warn=warn)
        body = kramdown_attributes(body)
    body = zola_links(body, file=file, root=book_root)
    body = hugoincludes.expand(body, file=file, site_root=site_root, read=read, warn=warn)
    return theme_shortcodes(body, file=file, site_root=site_root, read=read)
