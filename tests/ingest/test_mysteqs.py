"""Numbered equations in MyST pages: `{eq}` references and the `\\tag{n}` their equations get."""

from __future__ import annotations

import time

from app.ingest.mysteqs import number_equations


def test_labelled_equations_are_numbered_in_page_order_and_references_read_their_number() -> None:
    body = (
        "See {eq}`range` and {eq}`tide`.\n\n"
        "```{math}\n:label: tide\n\nh(t) = A \\cos(\\omega t)\n```\n\n"
        "```{math}\nno label here\n```\n\n"
        "$$\nr = h_{high} - h_{low}\n$$ (range)\n\n"
        ":::{math}\n---\nlabel: third\n---\nx = 1\n:::\n\n"
        "Write `` {eq}`tide` `` to refer, and {eq}`elsewhere` names another page's.\n"
    )
    assert number_equations(body) == (
        "See (2) and (1).\n\n"
        "```{math}\n:label: tide\n\nh(t) = A \\cos(\\omega t) \\tag{1}\n```\n\n"
        "```{math}\nno label here\n```\n\n"
        "$$\nr = h_{high} - h_{low}\n \\tag{2} $$\n\n"
        ":::{math}\n---\nlabel: third\n---\nx = 1 \\tag{3}\n:::\n\n"
        "Write `` {eq}`tide` `` to refer, and {eq}`elsewhere` names another page's.\n"
    )


def test_a_page_without_references_or_labels_is_untouched() -> None:
    body = "$$\nx\n$$ (a)\n\nNo references.\n"
    assert number_equations(body) is body
    unclosed = "{eq}`a`\n\n```{math}\n:label: a\nx\n"
    assert number_equations(unclosed) == unclosed
    in_code = "```md\n$$\nx\n$$ (a)\n```\n\n{eq}`a`\n"
    assert number_equations(in_code) == in_code  # an example in code labels nothing


def test_hostile_pages_take_linear_time() -> None:
    started = time.perf_counter()
    number_equations("{eq}`a`\n" + "```{math}\n" * 20_000)
    number_equations("{eq}`a` " * 50_000 + "\n$$ (a)\n")
    assert time.perf_counter() - started < 2
