"""Jekyll's Liquid code blocks: `{% highlight ruby %}` … `{% endhighlight %}`.

Before kramdown had fenced code, Jekyll pages wrote code in Liquid's `highlight` tag, and many
still do (Jekyll's own docs, most themes' examples). tags.py would drop the two tags and keep the
lines between as prose: a reader saw the code run together as a paragraph, its `#` comments as
headings. Here, before Markdown is read, such a block becomes a fenced code block in the same
language (`linenos` and other options only style it). Inside it, `{% raw %}` and `{% endraw %}`
lines are how a page shows Liquid as written, and go: the code is shown as it stands.
"""

from __future__ import annotations

import re

_OPENING = re.compile(r"^([ \t]*)\{%-?\s*highlight\s+([\w+#.-]+)?[^%\n]*-?%\}[ \t]*$")
_CLOSING = re.compile(r"^[ \t]*\{%-?\s*endhighlight\s*-?%\}[ \t]*$")
_RAW_LINE = re.compile(r"^[ \t]*\{%-?\s*(?:raw|endraw)\s*-?%\}[ \t]*$")
_BACKTICKS = re.compile(r"`{3,}")


def liquid_code(text: str) -> str:
    """The text with each `{% highlight %}` block as a fenced code block; one never closed stays."""
    if "highlight" not in text:
        return text
    lines = text.split("\n")
    number = 0
    while number < len(lines):
        opening = _OPENING.match(lines[number])
        if opening is None:
            number += 1
            continue
        end = next((at for at in range(number + 1, len(lines)) if _CLOSING.match(lines[at])), None)
        if end is None:
            break  # never closed: left as it is, and tags.py drops the tag
        inner = [line for line in lines[number + 1 : end] if not _RAW_LINE.match(line)]
        # A fence longer than any run of backticks inside, so the code cannot close it early.
        longest = max((len(run) for line in inner for run in _BACKTICKS.findall(line)), default=2)
        fence = opening.group(1) + "`" * max(3, longest + 1)
        block = [fence + (opening.group(2) or ""), *inner, fence]
        lines[number : end + 1] = block
        number += len(block)
    return "\n".join(lines)
