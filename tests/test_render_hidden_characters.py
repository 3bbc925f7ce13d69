"""The terminal, Markdown and HTML reports show a hidden character the same way, through one escape.

The terminal and the Markdown report wrote U+FFFE (and every other noncharacter: U+FFFF of each
plane, U+FDD0-U+FDEF) raw, where the HTML report showed ``\\ufffe``; and they escaped the
right-to-left and left-to-right marks an Arabic or Hebrew draft uses as punctuation, which the
HTML report keeps as written. All three now call ``safetext.escape_hidden``.
"""

from __future__ import annotations

import html
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.render._markup import shown
from factcheck.render._mdtext import visible
from factcheck.render.safetext import clean, escape_hidden

runner = CliRunner()

NONCHARACTERS = ["\ufffe", "\uffff", "\ufdd0", "\ufdef", "\U0001fffe", "\U0010ffff"]
HIDDEN = ["\x01", "\x1b", "\x7f", "\x85", "\u2028", "\u202e", "\u2066", *NONCHARACTERS]
MARKS = ["\u200f", "\u200e", "\u061c"]  # punctuation of right-to-left text: as written everywhere


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


@pytest.mark.parametrize("ch", HIDDEN + MARKS)
def test_the_three_reports_show_a_character_alike(ch: str) -> None:
    text = f"a{ch}b"
    expected = text if ch in MARKS else f"a{_escape(ch)}b"
    assert clean(text) == visible(text) == shown(text) == escape_hidden(text) == expected


@given(st.text(alphabet=st.one_of(st.characters(blacklist_characters="\t\r\n:#"), st.sampled_from(HIDDEN + MARKS)),
               max_size=30))
def test_any_text_is_shown_alike_by_the_three(text: str) -> None:
    """Line breaks and tabs aside (each format shows them its own way) and workflow commands aside
    (defused in the terminal alone), the three agree on every character."""
    out = escape_hidden(text)
    assert clean(text) == visible(text) == shown(text) == out
    assert not any(unicodedata.category(c) in ("Cc", "Cs", "Zl", "Zp") for c in out)
    assert not re.search("[\ufdd0-\ufdef]", out) and not any((ord(c) & 0xFFFE) == 0xFFFE for c in out)


def test_a_run_shows_noncharacters_escaped_in_the_terminal_markdown_and_html(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "t.csv").write_text("id,cat,v\n1,x\ufffey,5\n2,b,3\n", encoding="utf-8")
    (tmp_path / "story.md").write_text("# T\n\nThere were 5 cases.\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text(
        'version: 1\ntitle: "t\\uFFFE\\uFDD0 title \\u200F"\narticle: story.md\ntables:\n  t: {path: t.csv, key: id}\n'
        'claims:\n  - id: c1\n    says: "There were 5 cases \\uFFFE\\U0001FFFF."\n'
        '    measure: {sum: v, of: t, where: "cat == \'x\\uFFFEy\'"}\n    expect: 5\n', encoding="utf-8")
    result = runner.invoke(app, ["run", str(tmp_path / "c.yaml"), "--markdown", str(tmp_path / "out.md"),
                                 "--html", str(tmp_path / "out.html")])
    assert result.exit_code == 0, result.output
    terminal = result.output
    markdown = (tmp_path / "out.md").read_text(encoding="utf-8").replace("\\\\", "\\")  # as GitHub shows it
    page = html.unescape((tmp_path / "out.html").read_text(encoding="utf-8"))
    for report in (terminal, markdown, page):
        assert "t\\ufffe\\ufdd0 title \u200f" in report
        assert "There were 5 cases \\ufffe\\U0001ffff." in report
        assert not re.search("[\ufffe\ufdd0\U0001ffff]", report)
