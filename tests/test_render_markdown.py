"""The Markdown summary: counts, then one row per claim, failures first, nothing user-written live."""

from __future__ import annotations

from pathlib import Path

from markdown_it import MarkdownIt

import factcheck
from factcheck.render import markdown
from factcheck.render.markdown import code, escape

FIXTURES = Path(__file__).parent / "fixtures" / "reports"


def _table_rows(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("| ") and not line.startswith("| ---")][1:]


def test_counts_then_one_row_per_claim_failures_first() -> None:
    report = factcheck.verify(FIXTURES / "story.yaml")
    text = markdown.render(report)
    assert "**2 failed** · 1 unverifiable · 3 passed of 6 claims" in text
    rows = _table_rows(text)
    assert len(rows) == 6
    verdicts = [row.split(" | ")[0] for row in rows]
    assert verdicts == ["| ❌ **fail**"] * 2 + ["| ⚠️ unverifiable"] + ["| ✅ pass"] * 3
    # file order within a verdict
    assert "`orders-fell`" in rows[0] and "`north-majority`" in rows[1]
    # stated against computed, and why
    assert "| down 40% | -33.3% |" in rows[0]
    assert "`out_of_tolerance`" in rows[0]
    assert "`qualifier_crossed`" in rows[1]


def test_every_row_has_the_same_number_of_cells_as_the_header() -> None:
    for name in ("story.yaml", "hostile.yaml"):
        text = markdown.render(factcheck.verify(FIXTURES / name))
        md = MarkdownIt("commonmark").enable("table")
        tokens = md.parse(text)
        heads = sum(1 for t in tokens if t.type == "th_open")
        rows = [t for t in tokens if t.type == "tr_open"]
        cells = sum(1 for t in tokens if t.type == "td_open")
        assert heads == 6
        assert cells == 6 * (len(rows) - 1), name


def test_user_text_cannot_add_markup_cells_or_html() -> None:
    text = markdown.render(factcheck.verify(FIXTURES / "hostile.yaml"))
    assert "<script>" not in text and "<img" not in text and "<b>" not in text
    assert "&lt;script&gt;alert('says')&lt;/script&gt;" in text
    # rendered as a GitHub-flavoured table, the hostile text stays text
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(text)
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(" in html


def test_escape_and_code_spans() -> None:
    assert escape("a | b\nc") == "a \\| b c"
    assert escape("`x` *y* [l](u) <b>") == "\\`x\\` \\*y\\* \\[l\\](u) &lt;b&gt;"
    assert escape("line one\r\n  line two") == "line one line two"
    assert code("a`b") == "``a`b``"
    assert code("`edge`") == "`` `edge` ``"
    assert code("x|y") == "`x\\|y`"


def test_data_files_and_checksums_are_listed() -> None:
    report = factcheck.verify(FIXTURES / "story.yaml")
    text = markdown.render(report)
    assert report.tables[0].sha256 in text
    assert report.claims_sha256 in text
