"""Tabs of the Hugo docs themes, as a reader of one long page reads them: each tab under its name.

A site shows one tab at a time; a book shows them one after another, each under its label in bold.
Dropped as unknown shortcodes, the tags left the tabs run together, and Docsy's code tabs worse:
their content is code with no fence, which became paragraphs (a `# comment` a heading). Read here,
before parsing, as each theme reads them:

- Docsy: `{{< tabpane >}}` holds `{{< tab header="hugo.toml" lang="toml" >}}` … `{{< /tab >}}`; the
  content is code in the tab's language (or the pane's `lang`), unless the pane says `text=true`
  or the tab is written `{{% tab %}}`, when it is Markdown. A `disabled=true` tab is only a caption.
- Hextra: `{{< tabs items="JSON,YAML" >}}` names its tabs in order; each `{{< tab >}}` is the next
  name (newer Hextra writes `{{< tab name="JSON" >}}`).
- Hugo Book and Geekdoc: `{{< tabs "id" >}}` holds `{{< tab "macOS" >}}` (Geekdoc: `name="…"`).

Each tag must stand on a line of its own, alone or with other tab tags (`{{% /tab %}} {{% tab … %}}`).
"""

from __future__ import annotations

import re

from app.ingest.fences import outside_code

_TAG = re.compile(r"\{\{([<%])\s*(/?)\s*(tabpane|tabs|tab)\b([^{}\n]*?)\s*(/?)\s*[>%]\}\}")
_SETTING = re.compile(r"""\b([\w-]+)\s*=\s*(?:"([^"\n]*)"|'([^'\n]*)'|([^\s"'>/%]+))""")
_ONE_LINE = re.compile(
    r"[ \t]*\{\{[<%]\s*tab\b([^{}\n]*?)\s*[>%]\}\}(.*?)\{\{[<%]\s*/\s*tab\s*[>%]\}\}[ \t]*"
)
_POSITIONAL = re.compile(r"""^\s*(?:"([^"\n]*)"|'([^'\n]*)'|([^\s"'=]+)(?:\s|$))""")


def hugo_tabs(text: str) -> str:
    """The text with each theme's tabs written out, one after another under their names."""
    if "tab" not in text or "{{" not in text:
        return text
    lines = text.split("\n")
    panes: list[tuple[list[str], str, bool]] = []  # open panes, innermost last: names left, language, text?
    fence = ""  # the fence a code tab opened, to close it with
    for number, line in outside_code(lines):
        tags = list(_TAG.finditer(line))
        inline = _ONE_LINE.fullmatch(line) if len(tags) == 2 else None
        if inline is not None:  # `{{< tab name="JSON" >}}Words{{< /tab >}}`: a tab on one line
            label = _label(inline.group(1), panes[-1][0] if panes else [])
            lines[number] = (f"**{label}**\n\n" if label else "") + inline.group(2).strip() + "\n"
            continue
        if not tags or _TAG.sub("", line).strip():
            continue  # no tab tag, or one amid words: left to tags.py
        out: list[str] = []
        for tag in tags:
            delimiter, closing, name, arguments, self_closing = tag.groups()
            settings = _settings(arguments)
            if name in ("tabpane", "tabs"):
                if closing:
                    panes.pop() if panes else None
                else:
                    items = [
                        item.strip() for item in str(settings.get("items", "")).split(",") if item.strip()
                    ]
                    text_mode = name == "tabs" or settings.get("text", "").lower() == "true"
                    panes.append((items, settings.get("lang", ""), text_mode))
                continue
            items, pane_language, text_mode = panes[-1] if panes else ([], "", True)
            if closing:
                if fence:
                    out.append(fence)
                    fence = ""
                continue
            label = _label(arguments, items)
            if self_closing or settings.get("disabled", "").lower() == "true":
                out += [label, ""] if label else []
                continue
            out += [f"**{label}**", ""] if label else []
            if not text_mode and delimiter == "<":
                language = settings.get("lang") or pane_language
                fence = "````"  # longer than any ``` a configuration sample might hold
                out.append(fence + re.sub(r"[^\w+#.-]", "", language))
        lines[number] = "\n".join(out)
    return "\n".join(lines)


def _label(arguments: str, items: list[str]) -> str:
    """A tab's name: given (`header=`, `name=`, `title=`, or first), else the pane's next `items` name."""
    settings = _settings(arguments)
    label = settings.get("header") or settings.get("name") or settings.get("title") or _positional(arguments)
    return label or (items.pop(0) if items else "")


def _settings(arguments: str) -> dict[str, str]:
    return {m.group(1): m.group(2) or m.group(3) or m.group(4) or "" for m in _SETTING.finditer(arguments)}


def _positional(arguments: str) -> str:
    found = _POSITIONAL.match(arguments)
    return (found.group(1) or found.group(2) or found.group(3) or "") if found else ""
