"""`<Mermaid chart="…" />` reads as the diagram's source in a code block, never as the tag's text."""

from __future__ import annotations

from pathlib import Path

from app.ingest import read_book
from app.ingest.jsxembeds import mermaid_charts
from tests.ingest.helpers import markdown_of, write


def test_a_chart_over_several_lines_is_a_mermaid_code_block(tmp_path: Path) -> None:
    page = '# Rota\n\nWho waters what:\n\n<Mermaid\n  chart="\ngraph TD;\nA[Ana] --> B[Beans];\n\nA --> C[Chard];"\n/>\n'
    text = markdown_of(read_book(write(tmp_path / "rota.mdx", page)))
    assert "```mermaid\ngraph TD;\nA[Ana] --> B[Beans];\n\nA --> C[Chard];\n```" in text
    assert "Mermaid" not in text
    assert "chart=" not in text


def test_a_chart_inside_code_or_computed_is_left_alone() -> None:
    fenced = '```mdx\n<Mermaid chart="graph TD; A-->B" />\n```\n'
    assert mermaid_charts(fenced) == fenced
    computed = "<Mermaid chart={`graph ${direction}; A-->B`} />\n"
    assert mermaid_charts(computed) == computed
    assert mermaid_charts("<Mermaid chart='graph LR; A-->B' />") == "```mermaid\ngraph LR; A-->B\n```"
