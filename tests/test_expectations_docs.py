"""docs/tolerance-words.md cannot drift from the code: it must contain the generated table."""

from __future__ import annotations

from pathlib import Path

from factcheck.expectations.reference import reference_table, render_reference_markdown

DOC = Path(__file__).resolve().parent.parent / "docs" / "tolerance-words.md"


def test_doc_contains_the_generated_reference_table() -> None:
    assert render_reference_markdown() in DOC.read_text(encoding="utf-8"), (
        "docs/tolerance-words.md is out of date: paste the output of "
        "factcheck.expectations.reference.render_reference_markdown() under '## Reference'")


def test_doc_contains_every_row() -> None:
    text = DOC.read_text(encoding="utf-8")
    for wording, example, passes in reference_table():
        assert f"`{example}`" in text and passes.replace("|", "\\|") in text, (wording, example)


def test_reference_table_covers_every_wording_of_the_spec() -> None:
    examples = {example for _, example, _ in reference_table()}
    spec = {"165", "5,076", "2.5", "59%", "59.0%", "up 11%", "+11%", "rose 11%", "down 8%", "-8%",
            "fell 8%", "up 5 points", "+5pp", "over one-third", "more than 33%", "at least 100",
            "under 5%", "a majority", "most", "more than half", "nearly half", "almost 60%",
            "about 60%", "one in five", "a third", "two-thirds", "half", "doubled",
            "nearly doubled", "more than doubled", "tripled", "halved", "true",
            "[Instagram, Snapchat]", "down about a third", "up nearly 60%", "more than 2,000"}
    assert spec <= examples, spec - examples
