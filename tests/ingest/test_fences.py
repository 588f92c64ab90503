"""fences.outside_code(): which lines the text passes may rewrite, in the fence shapes real books nest."""

from __future__ import annotations

from app.ingest.fences import outside_code


def prose(text: str) -> list[str]:
    return [line for _, line in outside_code(text.split("\n"))]


def test_a_code_block_opening_a_list_item_is_code_to_its_closing_fence() -> None:
    assert prose("- ```python\n  [[x]]\n  ```\n- After [[Other]].") == ["- After [[Other]]."]


def test_an_indented_run_inside_a_longer_fence_closes_nothing() -> None:
    # MyST's list-table: each item holds a fenced example, inside one fence of four backticks.
    text = (
        "````{list-table}\n* - ````md\n    (inside)=\n    ````\n  - ```rst\n    ```\n````\n(target)=\nText."
    )
    assert prose(text) == ["(target)=", "Text."]
