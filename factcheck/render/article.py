"""The article in the HTML report: Markdown to HTML, with each claim's sentence marked.

The article (the claims file's ``article:``) is rendered from Markdown with raw
HTML disabled, and each claim's ``says`` sentence is found in it (tolerant of
line breaks, emphasis and curly quotes) and marked in the colour of its verdict.
Images are shown as their alt text: nothing is fetched.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..report import ClaimResult, Report, Verdict
from ..sources import repository_root
from ..sources.tables import follow, version_control_folder
from ._common import ORDER
from ._markup import ICON, e, shown

if TYPE_CHECKING:
    from .figmarks import FigureMark


def read_article(report: Report) -> str | None:
    """The article's text, read from beside the claims file; None when there is none to read."""
    if not report.article:
        return None
    base = Path(report.claims_file).parent
    path = follow(base, report.article)[0]
    root = repository_root(base)
    if path is None or not path.is_relative_to(root) or version_control_folder(path, root) is not None:
        return None  # a claims file must not pull other files into a page people share
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


# --------------------------------------------------------------------------- finding sentences

_FOLD = {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "",
         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
         "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00ad": "", "\u200b": "", "*": "", "_": ""}
_REPLACE = str.maketrans({k: v for k, v in _FOLD.items() if v})
_DROP = "".join(k for k, v in _FOLD.items() if not v)
_SKIP = "[\\s" + re.escape(_DROP) + "]"
_LEADING = re.compile(_SKIP + "*")
# what cannot be folded with the text around it: a stretch of whitespace and dropped marks other
# than one plain space; or a letter that lower-cases differently on its own than in a word, 'İ'
# (whose lower case is two characters, so it is kept) and 'Σ' (final sigma)
_GAP = re.compile(f"{_SKIP}{{2,}}|(?! ){_SKIP}|[\u0130\u03a3]")
_ALONE = {"\u0130": "\u0130", "\u03a3": "\u03c3"}
_SPACE = re.compile(r"\s")


def normalize(text: str) -> tuple[str, list[int]]:
    """Text folded for matching, and for each folded character its index in ``text``.

    Curly quotes become straight, dashes become '-', emphasis marks (``*``, ``_``,
    backticks) are dropped, runs of whitespace become one space (none at the start),
    letters are lower case. Ordinary stretches of text are folded whole and only the
    characters between them one by one: this runs over every paragraph of the article.
    """
    out: list[str] = []
    where: list[int] = []
    done = _LEADING.match(text).end()  # type: ignore[union-attr]  # it matches the empty string too
    for m in _GAP.finditer(text, done):
        a, z = m.span()
        if done < a:  # ordinary text, lower-cased as a whole
            out.append(text[done:a].translate(_REPLACE).lower())
            where.extend(range(done, a))
        done = z
        letter = _ALONE.get(m.group())
        if letter:
            out.append(letter)
            where.append(a)
        elif not out:
            continue  # nothing before: leading space and dropped marks leave no trace
        elif space := _SPACE.search(text, a, z):
            out.append(" ")
            where.append(space.start())
    if done < len(text):
        out.append(text[done:].translate(_REPLACE).lower())
        where.extend(range(done, len(text)))
    return "".join(out), where


def _needle(says: str) -> str:
    folded, _ = normalize(says)
    return folded.strip()


def _find(hay: str, needle: str) -> int:
    """The first occurrence of ``needle`` in ``hay`` not inside a longer word, or -1."""
    if not needle:
        return -1
    start = 0
    while True:
        i = hay.find(needle, start)
        if i < 0:
            return -1
        if whole_word_at(hay, needle, i):
            return i
        start = i + 1


def whole_word_at(hay: str, needle: str, i: int) -> bool:
    """Whether ``needle``, found at ``i``, does not start or end inside a longer word."""
    before = hay[i - 1] if i > 0 else " "
    after = hay[i + len(needle)] if i + len(needle) < len(hay) else " "
    return not (needle[0].isalnum() and before.isalnum()) and not (needle[-1].isalnum() and after.isalnum())


_WORD = re.compile(r"[^\W_]+")  # a run of letters and digits: exactly the characters str.isalnum() accepts


class BlockIndex:
    """Every block's folded text, and where each word of it starts: sentences found in near-linear time.

    A sentence found as a whole (see :func:`whole_word_at`) holds whole words of the text, so
    it can only start at the occurrences of its rarest word, shifted back by that
    word's place in the sentence; each is checked with one comparison. Searching
    every block for every claim instead took minutes for thousands of claims.
    """

    def __init__(self, blocks: list[Block]) -> None:
        self.hay = "\n".join(b.folded for b in blocks)  # folded text holds no newline: blocks never run together
        self.starts = list(itertools.accumulate((len(b.folded) + 1 for b in blocks[:-1]), initial=0))
        self.words: dict[str, list[int]] = {}
        for m in _WORD.finditer(self.hay):
            self.words.setdefault(m.group(), []).append(m.start())

    def first(self, needle: str, after: int = 0) -> tuple[int, int] | None:
        """The block and offset of the first whole occurrence of ``needle`` at or after ``after``, or None."""
        if not needle:
            return None
        words = [(m.group(), m.start()) for m in _WORD.finditer(needle)]
        if words:
            word, offset = min(words, key=lambda w: len(self.words.get(w[0], ())))
            places = self.words.get(word, [])
            candidates: Any = (places[k] - offset for k in range(bisect_left(places, after + offset), len(places)))
        else:
            candidates = self._everywhere(needle, after)
        for i in candidates:
            if i >= 0 and self.hay.startswith(needle, i) and whole_word_at(self.hay, needle, i):
                block = bisect_right(self.starts, i) - 1
                return block, i - self.starts[block]
        return None

    def _everywhere(self, needle: str, after: int) -> Any:
        i = self.hay.find(needle, after)
        while i >= 0:
            yield i
            i = self.hay.find(needle, i + 1)


WARN_SIGN = "\u26a0"
"""Beside a sentence's number, and in the counts, when a claim on it carries a warning."""


@dataclass
class Group:
    """One marked stretch of the article and the claims that point at it."""

    number: int
    start: int
    end: int
    claims: list[int] = field(default_factory=list)  # indices into report.results

    def verdict(self, results: list[ClaimResult]) -> Verdict:
        return min((results[i].verdict for i in self.claims), key=lambda v: ORDER[v])

    def warned(self, results: list[ClaimResult]) -> bool:
        """Does a claim on the sentence carry a warning (``unmatched_lookup``, ``period_partial`` …)?"""
        return any(n.warning for i in self.claims for n in results[i].notes)


@dataclass
class Block:
    token: Any                 # the markdown-it inline token
    plain: str                 # its text as a reader sees it
    leaves: dict[int, tuple[int, int]]  # child index -> span in plain
    folded: str = ""
    where: list[int] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    figures: list[FigureMark] = field(default_factory=list)  # sorted, never overlapping, each inside a group or none


def split_blocks(tokens: list[Any]) -> list[Block]:
    blocks = []
    for tok in tokens:
        if tok.type != "inline" or not tok.children:
            continue
        plain, leaves = "", {}
        for i, ch in enumerate(tok.children):
            if ch.type in ("text", "code_inline"):
                s = ch.content
            elif ch.type in ("softbreak", "hardbreak"):
                s = " "
            else:
                continue
            leaves[i] = (len(plain), len(plain) + len(s))
            plain += s
        b = Block(tok, plain, leaves)
        b.folded, b.where = normalize(plain)
        blocks.append(b)
    return blocks


def place(blocks: list[Block], results: list[ClaimResult], index: BlockIndex | None = None) -> list[int]:
    """Find each claim's sentence; fill each block's groups; return the claims not found."""
    spans: dict[int, list[tuple[int, int, int]]] = {}
    missing = []
    index = BlockIndex(blocks) if index is None else index
    for ci, r in enumerate(results):
        # the sentence as written, or without its closing punctuation: the first paragraph that
        # holds either, and in it the sentence as written when it is there
        needle = _needle(r.says)
        trimmed = needle.rstrip(".!?;:,\"' ") or needle  # found wherever the whole sentence is
        hit = index.first(trimmed)
        if hit is None:
            missing.append(ci)
            continue
        bi, i = hit
        b, n = blocks[bi], trimmed
        if trimmed != needle and (whole := _find(b.folded, needle)) >= 0:
            i, n = whole, needle
        spans.setdefault(bi, []).append((b.where[i], b.where[i + len(n) - 1] + 1, ci))
    number = 0
    for bi, b in enumerate(blocks):
        groups: list[Group] = []
        for s, t, ci in sorted(spans.get(bi, []), key=lambda x: (x[0], -x[1], x[2])):
            if groups and s < groups[-1].end:  # overlapping sentences share one mark
                groups[-1].end = max(groups[-1].end, t)
                groups[-1].claims.append(ci)
            else:
                groups.append(Group(0, s, t, [ci]))
        for g in groups:
            number += 1
            g.number = number
            g.claims.sort()
        b.groups = groups
    return missing


# --------------------------------------------------------------------------- marking them

class _Marker:
    """Rebuilds one block's inline children with its marks: sentences, and the figures nested inside them.

    A piece of text is cut at every mark's edge and at every emphasis or link edge (a mark
    never straddles those: it is closed before and opened again after), so the ``<mark>``s
    nest properly; a figure's first piece carries its id and focus, its last its sign.
    """

    def __init__(self, b: Block, results: list[ClaimResult]) -> None:
        from markdown_it.token import Token

        self.token_type = Token
        self.b, self.results = b, results
        self.new: list[Any] = []
        self.group: Group | None = None         # the sentence whose <mark> is open
        self.figure: FigureMark | None = None   # the figure whose <mark> is open, inside it
        self.closing: dict[int, Any] = {}       # group number -> the token closing its last piece
        self.opened: set[int] = set()
        self.figure_opens: dict[int, list[Any]] = {}  # figure key -> the tokens opening its pieces
        self.with_figures = {f.group.number for f in b.figures if f.group is not None}
        self.group_starts = [g.start for g in b.groups]
        self.figure_starts = [f.start for f in b.figures]
        spans = [(g.start, g.end) for g in b.groups] + [(f.start, f.end) for f in b.figures]
        self.edges = sorted({x for span in spans for x in span})

    def _tag(self, content: str) -> Any:
        tok = self.token_type("html_inline", "", 0, content=content)
        self.new.append(tok)
        return tok

    def _piece(self, ch: Any, content: str) -> Any:
        """A piece of a text token (a new plain token: five times cheaper than ``copy``) or of inline code."""
        return self.token_type("text", "", 0, content=content) if ch.type == "text" else ch.copy(content=content)

    def _close(self, group_too: bool) -> None:
        if self.figure is not None:
            self._tag("</mark>")
            self.figure = None
        if group_too and self.group is not None:
            self.closing[self.group.number] = self._tag("</mark>")
            self.group = None

    def _open_group(self, g: Group) -> None:
        v = g.verdict(self.results)
        quiet = " withfigs" if g.number in self.with_figures else ""
        quiet += " warned" if g.warned(self.results) else ""
        attrs = (f'class="fc v-{v.value}{quiet}" data-group="{g.number}" tabindex="0" role="button" '
                 f'aria-controls="ev-{g.number}" aria-pressed="false"'
                 + (f' id="m-{g.number}"' if g.number not in self.opened else ""))
        self.opened.add(g.number)
        self._tag(f"<mark {attrs}>")
        self.group = g

    def _open_figure(self, f: FigureMark) -> None:
        self.figure_opens.setdefault(f.key, []).append(self._tag(""))  # written once its pieces are known
        self.figure = f

    def _move(self, g: Group | None, f: FigureMark | None) -> None:
        if g is not self.group:
            self._close(group_too=True)
            if g is not None:
                self._open_group(g)
        elif f is self.figure:
            return
        self._close(group_too=False)
        if f is not None:
            self._open_figure(f)

    def run(self) -> None:
        b = self.b
        for i, ch in enumerate(b.token.children):
            span = b.leaves.get(i)
            if span is None:  # emphasis, links: a mark never straddles their edges
                self._close(group_too=True)
                self.new.append(ch)
                continue
            s, t = span
            cuts = [s, *self.edges[bisect_right(self.edges, s):bisect_left(self.edges, t)], t]
            if ch.type in ("softbreak", "hardbreak"):
                cuts = [s, t]
            for a, z in itertools.pairwise(cuts):
                self._move(_at(b.groups, self.group_starts, a), _at(b.figures, self.figure_starts, a))
                self.new.append(ch if len(cuts) == 2 else self._piece(ch, ch.content[a - s:z - s]))
        self._close(group_too=True)
        # the last piece of each group carries the number and verdict sign that link it to its evidence
        for g in b.groups:
            end = self.closing.get(g.number)
            if end is not None:
                v = g.verdict(self.results)
                warn = WARN_SIGN if g.warned(self.results) else ""
                end.content = f'<sup class="fcn v-{v.value}" aria-hidden="true">{ICON[v]}{g.number}{warn}</sup></mark>'
        for f in b.figures:
            opens = self.figure_opens.get(f.key, [])
            for k, tok in enumerate(opens):
                tok.content = f.open_tag(self.results, first=k == 0, last=k == len(opens) - 1)
        b.token.children = self.new


def _at(marks: list[Any], starts: list[int], pos: int) -> Any:
    """The mark (sorted, never overlapping) that holds ``pos``, or None."""
    k = bisect_right(starts, pos) - 1
    return marks[k] if k >= 0 and pos < marks[k].end else None


def mark_tokens(b: Block, results: list[ClaimResult]) -> None:
    """Split the block's text tokens at mark edges and wrap each marked piece in <mark>."""
    if b.groups or b.figures:
        _Marker(b, results).run()


def markdown() -> Any:
    """The Markdown renderer of the article: CommonMark and tables, raw HTML shown as text, images as alt text."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")

    def image(renderer: Any, tokens: list[Any], idx: int, options: Any, env: Any) -> str:  # no fetching: alt only
        alt = "".join(c.content for c in (tokens[idx].children or []))
        return f'<span class="img-alt">[image: {e(alt)}]</span>'

    md.add_render_rule("image", image)
    return md


def render_article(text: str, results: list[ClaimResult]) -> tuple[str, list[Group], list[int]]:
    """The article as HTML with claims marked, its groups, and the claims not found in it.

    :func:`factcheck.render.figmarks.render_marked` marks each figure in it too.
    """
    md = markdown()
    tokens = md.parse(text)
    blocks = split_blocks(tokens)
    missing = place(blocks, results)
    for b in blocks:
        mark_tokens(b, results)
    body = shown(md.renderer.render(tokens, md.options, {}))
    return body, [g for b in blocks for g in b.groups], missing
