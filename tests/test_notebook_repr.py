"""In a notebook (issue 11, item 8): a Report shows itself as an HTML table and a result as its
evidence card, escaped, without importing pandas or rich."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import FIXTURES

import factcheck
from factcheck.report import Report

HOSTILE = FIXTURES / "reports" / "hostile.yaml"
STORY = FIXTURES / "reports" / "story.yaml"


class Page(HTMLParser):
    """The tags opened, and the text of each table row's cells."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self.rows:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


@pytest.fixture(scope="module")
def hostile() -> Report:
    return factcheck.verify(HOSTILE)


def test_a_report_is_a_table_of_verdict_id_says_computed_expected(hostile: Report) -> None:
    page = Page(hostile._repr_html_())
    header, *rows = page.rows
    assert header == ["verdict", "id", "says", "computed", "expected"]
    assert [r[1] for r in rows] == ["script-top", "script-unverifiable", "script-count"]  # failures first
    top = rows[0]
    assert top[0] == "✗ fail"
    assert top[2].startswith("The top shop was <img src=x onerror=alert(1)>.")
    assert top[3] == "<script>alert(1)</script>" and top[4] == "[<b>not it</b>]"
    assert rows[2][3:] == ["5", "5"]
    assert "3 claims: 1 passed, 1 failed, 1 unverifiable" in "".join(page.text)


def test_user_text_is_never_markup(hostile: Report) -> None:
    for html in [hostile._repr_html_(), *(r._repr_html_() for r in hostile.results)]:
        page = Page(html)
        assert not {"script", "img", "b"} & set(page.tags), page.tags
        assert "onerror" not in html.replace("onerror=alert(1)&gt;", "")


def test_a_result_is_its_evidence_card() -> None:
    report = factcheck.verify(STORY)
    fell = report.result("orders-fell")
    page = Page(fell._repr_html_())
    text = " ".join("".join(page.text).split())
    assert "✗ fail" in text and "orders-fell" in text and "Orders fell 40% from 2019." in text
    evidence = {row[0]: row[1] for row in page.rows if len(row) == 2}
    assert evidence["expected"].startswith("down 40%") and evidence["computed"].startswith("-33.3%")
    assert "out_of_tolerance" in text and "6 / 9" in evidence["numerator / denominator"]
    assert "SQL (paste into DuckDB to reproduce)" in text
    assert "<svg" in fell._repr_html_()  # a change gets its chart


def test_neither_pandas_nor_rich_is_imported_for_it(tmp_path: Path, hostile: Report) -> None:
    saved = tmp_path / "r.json"
    saved.write_text(hostile.to_json(), encoding="utf-8")
    code = ("import sys; from factcheck.report import Report\n"
            f"r = Report.model_validate_json(open({str(saved)!r}, encoding='utf-8').read())\n"
            "html = r._repr_html_() + r.results[0]._repr_html_()\n"
            "assert '<table>' in html, html\n"
            "print(sorted(m for m in ('pandas', 'rich', 'duckdb') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


def test_cards_shown_together_in_a_notebook_share_no_element_id() -> None:
    """A notebook shows many cards in one page: an HTML id in each would repeat (`c-0` in every one)."""
    report = factcheck.verify(STORY)
    shown = "".join(r._repr_html_() for r in report.results)
    assert re.findall(r'(?<![-\w])id="[^"]*"', shown) == []
