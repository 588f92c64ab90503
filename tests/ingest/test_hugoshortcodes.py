"""Hugo shortcodes with content in the book: includes, glossary terms, version notes, relref, figures, theme callouts."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from app.ingest import hugoincludes, read_book
from app.ingest.files import Unreadable
from app.ingest.hugotabs import hugo_tabs
from app.ingest.hugothemes import theme_shortcodes
from tests.ingest.helpers import problems, write

PAGES = {
    PurePosixPath("_common/gloves.md"): "---\ntitle: x\n---\nWear dry gloves.",
    PurePosixPath("_common/loop.md"): '{{% include "/_common/loop.md" %}}',
    PurePosixPath("bread/rye.md"): "---\ndescription: Dense and dark.\n---\nRye.",
    PurePosixPath("bread/_index.md"): "Bread.",
    PurePosixPath("quick-reference/glossary/glob-pattern.md"): "A pattern such as `*.md`.",
}


def read(path: PurePosixPath) -> str:
    if path not in PAGES:
        raise Unreadable("does not exist")
    return PAGES[path]


def expand(text: str, file: str = "bread/wheat.md") -> tuple[str, list[str]]:
    warnings: list[str] = []
    out = hugoincludes.expand(
        text, file=PurePosixPath(file), site_root=PurePosixPath(), read=read, warn=warnings.append
    )
    return out, warnings


def test_an_include_shows_the_page_less_its_front_matter_from_its_folder_or_the_content_root() -> None:
    assert expand('A\n{{% include "/_common/gloves.md" %}}\nB') == ("A\nWear dry gloves.\nB", [])
    assert expand("{{% include _common/gloves %}}") == ("Wear dry gloves.", [])
    assert expand('{{< include "rye" >}}') == ("Rye.", [])  # beside the page first


def test_a_missing_looping_or_escaping_include_is_a_warning_and_goes() -> None:
    out, warnings = expand('{{% include "/_common/none.md" %}}')
    assert out == ""
    assert warnings == [
        (
            "bread/wheat.md:1: the page `/_common/none.md` that this shortcode shows was not found; add it "
            "inside the book, or fix the path. It was left out."
        )
    ]
    out, warnings = expand('{{% include "/../../etc/passwd" %}}')
    assert out == ""
    assert "is outside the book" in warnings[0]
    out, warnings = expand('{{% include "/_common/loop.md" %}}')
    assert out == ""
    assert "more than 10 deep" in warnings[0]


def test_glossary_terms_version_badges_and_notes() -> None:
    assert expand('{{% glossary-term "Glob pattern" %}}')[0] == "A pattern such as `*.md`."
    assert expand("See {{< new-in 0.140.0 />}} and `{{< new-in 1 />}}`.")[0] == (
        "See **New in v0.140.0** and `{{< new-in 1 />}}`."
    )
    assert expand("{{< deprecated-in v0.1 >}}\nUse rye.\n\nOr spelt.\n{{< /deprecated-in >}}")[0] == (
        "> [!WARNING]\n> Deprecated in v0.1\n>\n> Use rye.\n>\n> Or spelt.\n"
    )
    code = '```\n{{% include "/_common/gloves.md" %}}\n```'
    assert expand(code)[0] == code


def themes(text: str) -> str:
    return theme_shortcodes(text, file=PurePosixPath("bread/wheat.md"), site_root=PurePosixPath(), read=read)


def test_relref_and_ref_become_paths_of_the_pages_they_name() -> None:
    assert themes(
        '[r]({{< relref "rye" >}}) [s]({{% ref "/bread" %}}) [t]({{< relref path="rye.md#crust" >}})'
    ) == ("[r](/bread/rye.md) [s](/bread/_index.md) [t](/bread/rye.md#crust)")
    assert themes('[h]({{< relref "#crust" >}}) [x]({{< relref "nowhere" >}})') == "[h](#crust) [x](nowhere)"
    assert themes('{{% get-page-desc "/bread/rye" %}}') == "Dense and dark."


def test_figures_and_theme_callouts() -> None:
    assert themes('{{< figure src="a.png" alt="Loaf" caption="Crust" >}}') == "![Loaf](<a.png>)\n\n*Crust*"
    assert themes("{{< img src=b.png >}}") == "![](<b.png>)"
    assert (
        themes('{{< callout type="error" >}}\nHot.\n{{< /callout >}}')
        == "{{< danger >}}\nHot.\n{{< /danger >}}"
    )
    assert themes('{{% alert title="Mind" color="primary" %}}\nX\n{{% /alert %}}') == (
        '{{% info title="Mind" %}}\nX\n{{% /info %}}'
    )
    assert themes("{{% hint warning %}}\nX\n{{% /hint %}}") == "{{% warning %}}\nX\n{{% /warning %}}"


def test_an_include_through_a_symlink_out_of_the_book_is_not_read(tmp_path: Path) -> None:
    write(tmp_path / "secret.md", "The key is under the mat.")
    site = tmp_path / "site"
    write(site / "hugo.toml", 'title = "Bakehouse"\n')
    write(
        site / "content" / "bread.md",
        '---\ntitle: Bread\n---\nFlour.\n\n{{% include "/_common/secret.md" %}}\n',
    )
    (site / "content" / "_common").mkdir()
    os.symlink(tmp_path / "secret.md", site / "content" / "_common" / "secret.md")
    draft = read_book(site / "content")
    html = "".join(page.html for chapter in draft.chapters for page in chapter.pages)
    assert "mat" not in html
    assert any("secret.md" in warning for warning in problems(draft))


def test_docsy_code_tabs_are_labelled_code_blocks_and_text_tabs_labelled_text() -> None:
    pane = (
        '{{< tabpane >}}\n{{< tab header="Settings:" disabled=true />}}\n{{< tab header="hugo.toml" lang="toml" >}}\n'
        "# oven\nheat = 250\n{{< /tab >}}\n{{< /tabpane >}}"
    )
    assert hugo_tabs(pane) == "\nSettings:\n\n**hugo.toml**\n\n````toml\n# oven\nheat = 250\n````\n"
    text = '{{< tabpane text=true >}}\n{{% tab header="Rye" %}}\nDense.\n{{% /tab %}} {{% tab header="Wheat" %}}\nLight.\n{{% /tab %}}\n{{< /tabpane >}}'
    assert hugo_tabs(text) == "\n**Rye**\n\nDense.\n**Wheat**\n\nLight.\n\n"


def test_hextra_and_book_tabs_take_their_names_from_the_pane_or_the_tab() -> None:
    hextra = '{{< tabs items="JSON,YAML" >}}\n{{< tab >}}A{{< /tab >}}\n{{< tab >}}\nB\n{{< /tab >}}\n{{< /tabs >}}'
    assert hugo_tabs(hextra) == "\n**JSON**\n\nA\n\n**YAML**\n\nB\n\n"
    book = '{{< tabs "id" >}}\n{{% tab "macOS" %}} brew {{% /tab %}}\n{{< /tabs >}}'
    assert hugo_tabs(book) == "\n**macOS**\n\nbrew\n\n"
    kept = "Use {{< tab >}} in prose.\n```\n{{< tabs >}}\n```"
    assert hugo_tabs(kept) == kept


def test_a_link_to_g_is_a_link_to_the_glossary_term_or_its_singular() -> None:
    assert themes("Match [glob patterns](g), [`Glob pattern`](g) or [crumbs](g).") == (
        "Match [glob patterns](/quick-reference/glossary/glob-pattern.md), "
        "[`Glob pattern`](/quick-reference/glossary/glob-pattern.md) or [crumbs](g)."
    )
