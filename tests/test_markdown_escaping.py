"""Markdown escaping checked against GitHub's own renderer (cmark-gfm, with its extensions).

For any text, what GitHub shows for ``escape(text)`` in a table cell or a line, and for
``code(text)``, is the text itself (control characters as escapes, line breaks as
spaces) and nothing else: no HTML element, no link, no image, no extra cell or line.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

import cmarkgfm
from hypothesis import example, given, settings
from hypothesis import strategies as st

from factcheck.render._mdtext import WORD_JOINER, code, escape, visible

# the pieces an attacker (or a careless data file) would use, mixed with anything at all
PIECES = ["<img src=x onerror=alert(1)>", "<script>", "</td>", "[Click to approve](https://evil.example)",
          "![x](https://evil.example/p.png)", "https://evil.example", "HTTP://x.y", "ftp://a.b", "www.evil.example",
          "WWW.x.org", "mailto:a@b.example", "xmpp:a@b.example", "someone@evil.example", "@team", "`", "``", "|",
          "\\", "\\|", "*", "**", "_", "~~", "#", "$x$", "&amp;", "&#64;", "&lt;", "\n", "\r\n", "\t", "\x1b[2J",
          "\x1b]0;pwned\x07", "\x00", "\u202e", "\u2028", "\x85", " ", "  ", ":", "//", ".", "(", ")", "<", ">",
          "a", "é", "9", "::error file=x::boom"]
TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=12).map("".join)


class _Cells(HTMLParser):
    """The cells of the first body row: their text and every tag inside them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.cells: list[str] = []
        self.tags: list[str] = []
        self._in = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "td":
            self.cells.append("")
            self._in = True
        elif self._in:
            self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            self._in = False

    def handle_data(self, data: str) -> None:
        if self._in:
            self.cells[-1] += data


def _github(markdown: str) -> str:
    return cmarkgfm.github_flavored_markdown_to_html(markdown)  # type: ignore[no-any-return]


def _cells(cell: str) -> _Cells:
    parser = _Cells()
    parser.feed(_github(f"| a | b | c |\n| --- | --- | --- |\n| x | {cell} | z |\n"))
    return parser


def _squash(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


@settings(max_examples=250, deadline=None)
@given(TEXT)
@example("\ufffd")  # a replacement character of the text's own: left out of both sides, as the parser's are
def test_escaped_text_in_a_table_cell_shows_as_itself(text: str) -> None:
    parsed = _cells(escape(text))
    assert parsed.tags == [] and len(parsed.cells) == 3
    assert parsed.cells[0] == "x" and parsed.cells[2] == "z"
    shown = parsed.cells[1].replace("@" + WORD_JOINER, "@").replace("\ufffd", "")
    assert _squash(shown) == _squash(visible(text).replace("\ufffd", ""))


@settings(max_examples=250, deadline=None)
@given(TEXT)
def test_escaped_text_on_a_line_shows_as_itself(text: str) -> None:
    html = _github(f"Baseline: {escape(text)}.\n")
    body = re.fullmatch(r"<p>(.*)</p>\n", html, re.S)
    assert body is not None, html
    assert "<" not in body.group(1)
    shown = unescape(body.group(1)).replace("@" + WORD_JOINER, "@")
    assert _squash(shown) == _squash(f"Baseline: {visible(text).strip()}.")


@settings(max_examples=250, deadline=None)
@given(TEXT)
def test_code_in_a_table_cell_shows_the_text(text: str) -> None:
    parsed = _cells(code(text))
    assert parsed.tags == ["code"] and len(parsed.cells) == 3
    assert parsed.cells[1] == visible(text) or (visible(text) == "" and parsed.cells[1] == " ")


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_code_on_a_line_shows_the_text(text: str) -> None:
    html = _github(f"- file {code(text, table=False)} read\n")
    m = re.search(r"<code>(.*)</code>", html, re.S)
    assert m is not None and html.count("<code>") == 1
    assert unescape(m.group(1)) == (visible(text) or " ")


def test_the_reported_attacks_are_text() -> None:
    html = _github(escape("<img src=x> [Click to approve](https://evil.example) `x` a|b\nline2 \x1b[2J @org/team"))
    assert "<img" not in html and "<a " not in html and "<code>" not in html
    assert "\x1b" not in html and "\\x1b[2J" in html
