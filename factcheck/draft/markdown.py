"""Markdown as a reader sees it: blocks of plain text, each character traced to the file.

A deliberately small reader (standard library only) that knows what finding figures
needs, not a full CommonMark renderer:

* left out entirely: front matter (``---`` … ``---`` or ``+++`` … ``+++`` at the top),
  HTML comments, fenced and indented code blocks, ``<pre>``/``<script>``/``<style>``
  blocks, link reference definitions, thematic breaks, table delimiter rows;
* markers dropped, content kept: list markers (``-``, ``*``, ``+``, ``1.``, ``1)``),
  blockquote ``>``, heading ``#`` marks and setext underlines, footnote definition labels
  (``[^1]:``), emphasis (``*``, ``_``, ``~~``), backslash escapes, HTML tags;
* dropped with what they hold: images (``![alt](src)``: alt text is not prose), footnote
  references (``[^1]``), superscripts (``<sup>1</sup>``, ``¹``), link destinations
  (``[text](url)`` keeps ``text``);
* kept but *hidden* (read as text, never as a figure): inline code and bare or angle-bracket
  URLs.

Each :class:`Block` holds its text with soft line breaks as one space and runs of
whitespace collapsed, and for every character the line (1-based) and column (0-based) it
came from; a space standing for a line break points at the end of its line.

>>> [(b.kind, b.text) for b in read_blocks("# Title\\n\\n1. Rose *11%* [^1]\\n   in [2020](http://x/2019).")]
[('heading', 'Title'), ('list', 'Rose 11% in 2020.')]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Literal

from ..formatting import GROUP_SPACES

BlockKind = Literal["paragraph", "heading", "list", "quote", "table", "footnote"]


@dataclass
class Block:
    """One block of the article as plain text, with where each character came from."""

    kind: BlockKind
    text: str = ""
    lines: list[int] = field(default_factory=list)    # per character: line in the file (1-based)
    columns: list[int] = field(default_factory=list)  # per character: column in that line (0-based)
    hidden: list[bool] = field(default_factory=list)  # per character: code or URL, never a figure
    quoted: bool = False                               # inside a blockquote


# --------------------------------------------------------------------------- blocks

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_RAW_OPEN = re.compile(r" {0,3}<(pre|script|style|textarea)(?:\s|>|$)", re.IGNORECASE)
_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+|$)")
_ATX_CLOSE = re.compile(r"[ \t]+#+[ \t]*$|^#+[ \t]*$")
_SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*$")
_BREAK = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_TABLE_DELIMITER = re.compile(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_LIST = re.compile(r"( {0,3})([-+*]|(\d{1,9})[.)])(?:[ \t]+|$)")
_FOOTNOTE_DEF = re.compile(r" {0,3}\[\^[^\]]+\]:[ \t]*")
_LINK_DEF = re.compile(r" {0,3}\[(?!\^)[^\]]+\]:[ \t]*\S")
_QUOTE = re.compile(r"(?: {0,3}>[ \t]?)+")

Segment = tuple[int, int, str]  # (line number, column where the text starts, the text)


def _indent(text: str) -> int:
    n = 0
    for c in text:
        if c == " ":
            n += 1
        elif c == "\t":
            n += 4 - n % 4
        else:
            break
    return n


class _Comments:
    """Blanks out HTML comments (which may span lines), keeping every column where it was."""

    def __init__(self) -> None:
        self.open = False

    def mask(self, line: str) -> str:
        out = list(line)
        i = 0
        while i < len(line):
            if self.open:
                j = line.find("-->", i)
                stop = len(line) if j < 0 else j + 3
                out[i:stop] = " " * (stop - i)
                if j < 0:
                    break
                self.open, i = False, stop
            else:
                j = line.find("<!--", i)
                if j < 0:
                    break
                self.open, i = True, j
        return "".join(out)


def _front_matter_end(lines: list[str]) -> int:
    """How many lines of front matter open the file (0 when there is none)."""
    if not lines or lines[0].strip() not in ("---", "+++"):
        return 0
    marker = lines[0].strip()
    closers = ("---", "...") if marker == "---" else ("+++",)
    for i in range(1, len(lines)):
        if lines[i].strip() in closers:
            return i + 1
    return 0


class _Reader:
    """The line-by-line state machine that groups lines into blocks."""

    def __init__(self) -> None:
        self.blocks: list[tuple[BlockKind, bool, list[Segment]]] = []
        self.para: list[Segment] = []
        self.kind: BlockKind = "paragraph"
        self.quoted = False
        self.in_table = False
        self.after_list = False  # the last block was a list item: indented lines continue it
        self.fence: str | None = None
        self.raw_close: str | None = None
        self.in_indented_code = False

    def flush(self) -> None:
        if self.para:
            self.blocks.append((self.kind, self.quoted, self.para))
            self.after_list = self.kind == "list"
        self.para = []

    def start(self, kind: BlockKind, quoted: bool, segment: Segment | None) -> None:
        self.flush()
        self.kind, self.quoted = kind, quoted
        if segment is not None and segment[2].strip():
            self.para = [segment]
        elif kind in ("list", "footnote"):
            self.para = []
            self.after_list = kind == "list"

    def line(self, number: int, line: str) -> None:
        if self.fence is not None:
            stripped = line.strip()
            if stripped.startswith(self.fence) and set(stripped) == {self.fence[0]}:
                self.fence = None
            return
        if self.raw_close is not None:
            if self.raw_close in line.lower():
                self.raw_close = None
            return
        quote = _QUOTE.match(line)
        quoted = quote is not None
        offset = quote.end() if quote else 0
        content = line[offset:]
        if not content.strip():
            self.flush()
            self.in_table = False
            return
        if self.in_indented_code and _indent(content) >= 4:
            return
        self.in_indented_code = False
        if self.para and quoted != self.quoted:
            self.flush()
        self._content(number, offset, content, quoted)

    def _content(self, number: int, offset: int, content: str, quoted: bool) -> None:
        if (m := _FENCE.match(content)) is not None:
            self.flush()
            self.fence = m[1]
            return
        if (m := _RAW_OPEN.match(content)) is not None:
            self.flush()
            close = f"</{m[1].lower()}>"
            if close not in content.lower():
                self.raw_close = close
            return
        if _indent(content) >= 4 and not self.para and not self.after_list:
            self.in_indented_code = True
            return
        if (m := _ATX.match(content)) is not None:
            self.flush()
            rest = content[m.end():]
            rest = _ATX_CLOSE.sub("", rest) if rest.strip() else rest
            self.start("heading", quoted, (number, offset + m.end(), rest))
            self.flush()
            self.after_list = False
            return
        if self.para and self.kind == "paragraph" and _SETEXT.match(content) \
                and not self.in_table and "|" not in content:
            self.kind = "heading"
            self.flush()
            self.after_list = False
            return
        if _BREAK.match(content):
            self.flush()
            self.after_list = False
            return
        if "|" in content and _TABLE_DELIMITER.match(content) and self.para and "|" in self.para[-1][2]:
            header = self.para.pop()
            self.flush()
            self._row(header, quoted)
            self.in_table = True
            return
        if self.in_table and "|" in content:
            self._row((number, offset, content), quoted)
            return
        self.in_table = False
        if (m := _FOOTNOTE_DEF.match(content)) is not None:
            self.start("footnote", quoted, (number, offset + m.end(), content[m.end():]))
            return
        if not self.para and _LINK_DEF.match(content):
            return
        if (m := _LIST.match(content)) is not None and self._can_start_list(m, content):
            self.start("list", quoted, (number, offset + m.end(), content[m.end():]))
            return
        lead = len(content) - len(content.lstrip())
        segment = (number, offset + lead, content[lead:])
        if self.para:
            self.para.append(segment)
        elif self.after_list and _indent(content) >= 2:
            self.kind, self.quoted, self.para = "list", quoted, [segment]
        else:
            self.start("quote" if quoted else "paragraph", quoted, segment)

    def _can_start_list(self, m: re.Match[str], content: str) -> bool:
        """A list item interrupts a paragraph only as CommonMark allows: not '2013.' mid-sentence."""
        if not self.para or self.kind != "paragraph":
            return True
        has_content = bool(content[m.end():].strip())
        return has_content and (m[3] is None or m[3] == "1")

    def _row(self, segment: Segment, quoted: bool) -> None:
        number, column, text = segment
        lead = len(text) - len(text.lstrip())
        text = text[lead:]
        column += lead
        if text.startswith("|"):
            text, column = text[1:], column + 1
        text = text.rstrip()
        if text.endswith("|") and not text.endswith("\\|"):
            text = text[:-1]
        self.blocks.append(("table", quoted, [(number, column, text)]))


# --------------------------------------------------------------------------- inline

_INLINE = re.compile(r"""
  (?=[`!\[<\\*_~hHwW\u00b9\u00b2\u00b3\u2070-\u2079])   # only where one of these can start
  (?:(?P<ticks>`++)   # a code span's opening run: where it closes is looked up (_CodeCloser), not scanned for
| (?P<image>!\[(?:[^\[\]]|\[[^\[\]]*\])*\](?:\((?:[^()]|\([^()]*\))*\)|\[[^\]]*\])?)
| (?P<footref>\[\^[^\]\s]*\])
| (?P<link>\[(?P<link_text>(?:[^\[\]]|\[[^\[\]]*\])*)\](?:\((?:[^()]|\([^()]*\))*\)|\[[^\]]*\]))
| (?P<autolink><(?P<auto_body>(?:https?|ftp|mailto):[^>\s]*)>)
| (?P<url>(?:https?://|www\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'"])
| (?P<sup><sup\b[^>]*>(?:[^<]|<(?!/?sup\b)){0,200}?</sup\s*>)
| (?P<tag></?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>)
| (?P<supdigit>[\u00b9\u00b2\u00b3\u2070-\u2079])
| (?P<escape>\\(?P<escaped>[!-/:-@\[-`{-~]))
| (?P<emph>\*+|~~|(?<![A-Za-z0-9])_+|_+(?![A-Za-z0-9])))
""", re.VERBOSE | re.DOTALL | re.IGNORECASE)


# whitespace that is not a single plain space, or a single no-break, narrow no-break or thin space (kept:
# they group thousands, "12\u00a0000", and set "59\u00a0%", as SI and European newsrooms write them)
_ODD_SPACE = re.compile(rf"\s{{2,}}|[^\S {GROUP_SPACES}]")


class _CodeCloser:
    """Where a code span that opens with a run of backticks closes: at the next run of exactly as many
    (CommonMark). Every run of the text is found once and looked up by its length, so a paragraph
    of thousands of backticks that nothing closes is read in linear time: a pattern that scanned the
    rest of the paragraph for each opening length took minutes on 6,000 backticks."""

    def __init__(self, src: str, start: int, end: int) -> None:
        self._runs: dict[int, list[int]] = {}  # length -> the starts of the runs of that length, in order
        for m in _TICKS.finditer(src, start, end):
            self._runs.setdefault(m.end() - m.start(), []).append(m.start())

    def after(self, at: int, length: int) -> tuple[int, int] | None:
        """The (start, end) of the first run of ``length`` backticks starting at ``at`` or later."""
        starts = self._runs.get(length, [])
        i = bisect_left(starts, at)
        return (starts[i], starts[i] + length) if i < len(starts) else None


_TICKS = re.compile(r"`+")


class _Plain:
    """Accumulates plain text, collapsing whitespace, with the origin of every character."""

    def __init__(self, block: Block, src: str, lines: list[int], columns: list[int]) -> None:
        self.block, self.src, self.src_lines, self.src_columns = block, src, lines, columns
        self.parts: list[str] = []
        self.after_space = True  # drops leading whitespace

    def emit(self, i: int, hidden: bool = False) -> None:
        self.run(i, i + 1, hidden)

    def run(self, start: int, end: int, hidden: bool = False) -> None:
        """Copy ``src[start:end]``, each run of whitespace (a line break, a tab, two spaces) as one space."""
        at = start
        for m in _ODD_SPACE.finditer(self.src, start, end):
            self._copy(at, m.start(), hidden)
            if not self.after_space:
                self._append(" ", m.start(), m.start() + 1, hidden)
                self.after_space = True
            at = m.end()
        self._copy(at, end, hidden)

    def _copy(self, start: int, end: int, hidden: bool) -> None:
        """Copy a stretch whose only whitespace is single plain spaces."""
        if start < end and self.after_space and self.src[start] == " ":
            start += 1
        if start < end:
            self._append(self.src[start:end], start, end, hidden)
            self.after_space = self.src[end - 1] == " "

    def _append(self, text: str, start: int, end: int, hidden: bool) -> None:
        self.parts.append(text)
        self.block.lines.extend(self.src_lines[start:end])
        self.block.columns.extend(self.src_columns[start:end])
        self.block.hidden.extend([hidden] * (end - start))

    def inline(self, start: int, end: int) -> None:
        at = pos = start
        closer = _CodeCloser(self.src, start, end)
        while (m := _INLINE.search(self.src, pos, end)) is not None:
            kind = m.lastgroup
            if kind == "ticks":
                closing = closer.after(m.end(), m.end() - m.start())
                if closing is None:  # no run of as many backticks follows: the run is plain text
                    pos = m.end()
                    continue
                self.run(at, m.start())
                self.run(m.end(), closing[0], hidden=True)
                at = pos = closing[1]
                continue
            self.run(at, m.start())
            at = pos = m.end()
            if kind == "link":
                self.inline(m.start("link_text"), m.end("link_text"))
            elif kind == "autolink":
                self.run(m.start("auto_body"), m.end("auto_body"), hidden=True)
            elif kind == "url":
                self.run(m.start(), m.end(), hidden=True)
            elif kind == "escape":
                self.emit(m.start("escaped"))
            # image, footref, sup, tag, supdigit, emph: dropped
        self.run(at, end)


def _plain(kind: BlockKind, quoted: bool, segments: list[Segment]) -> Block:
    block = Block(kind, quoted=quoted)
    parts: list[str] = []
    lines: list[int] = []
    columns: list[int] = []
    for k, (number, column, text) in enumerate(segments):
        if k:
            parts.append("\n")
            prev_number, prev_column, prev_text = segments[k - 1]
            lines.append(prev_number)
            columns.append(prev_column + len(prev_text))
        parts.append(text)
        lines.extend([number] * len(text))
        columns.extend(range(column, column + len(text)))
    src = "".join(parts)
    plain = _Plain(block, src, lines, columns)
    plain.inline(0, len(src))
    text = "".join(plain.parts)
    if text.endswith(" "):  # at most one: runs of whitespace are collapsed
        text = text[:-1]
        del block.lines[-1], block.columns[-1], block.hidden[-1]
    block.text = text
    return block


def read_blocks(markdown: str) -> list[Block]:
    """The article's blocks of prose (paragraphs, headings, list items, quotes, table rows)."""
    lines = [line.removesuffix("\r") for line in markdown.split("\n")]
    skip = _front_matter_end(lines)
    reader = _Reader()
    comments = _Comments()
    for i, line in enumerate(lines):
        if i < skip:
            continue
        masked = comments.mask(line) if reader.fence is None else line
        reader.line(i + 1, masked)
    reader.flush()
    blocks = [_plain(kind, quoted, segments) for kind, quoted, segments in reader.blocks]
    return [b for b in blocks if b.text]
