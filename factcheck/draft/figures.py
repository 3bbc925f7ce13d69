"""Every checkable figure of a Markdown article, with its sentence, line and span.

>>> sentences = find_figures("# Report\\n\\nProsecutors filed 165 cases in 2020,\\nup 11% on 2019.\\n")
>>> [(f.text, f.kind, f.line, f.column, f.start) for s in sentences for f in s.figures]
[('165', 'number', 3, 18, 18), ('11%', 'percent', 4, 3, 40)]
>>> [(p.text, p.year, p.relation) for p in sentences[1].periods]
[('2020', 2020, 'in'), ('2019', 2019, 'on')]

What counts as a figure, and what is left out, is in ``docs/reviewing-a-draft.md``; the
phrases are recognised by :mod:`factcheck.draft.phrases`, the Markdown read by
:mod:`factcheck.draft.markdown`.

Positions: ``line`` is 1-based, in the file; ``column`` and ``end_column`` are 0-based
offsets in the file's line (``end_column`` exclusive, on ``end_line``: a figure can wrap
onto the next line, "2.5\\nmillion"); ``start`` and ``end`` index the sentence's ``text``, so
``sentence.text[figure.start:figure.end] == figure.text`` always. When a figure sits on one
line with no markup inside it, ``line_text[column:end_column] == figure.text`` as well.

Headings are read like paragraphs and their sentences are marked ``block="heading"``: a
headline's figure ("convictions fall to an eight-year low") is as checkable as any other.
Figures in quotation marks, or in a blockquote, are found and marked ``quoted=True``.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from .markdown import Block, BlockKind, read_blocks
from .phrases import Band, FigureKind, scan
from .sentences import quoted_mask, split_sentences

__all__ = ["Figure", "Period", "Sentence", "find_figures", "figures_in_phrase"]


@dataclass(frozen=True)
class Figure:
    """One checkable figure as written in the article.

    ``value`` is exact where the figure has one: 165 for "165", 0.59 for "59%" (and for
    "59 points" 0.59 of a percentage point's scale, as ``expect:`` reads them), 1/3 for
    "a third", 2 for "doubled" or "twice", 1/2 for "halved"; ``None`` for qualifiers
    ("a majority"), extremes ("the fewest since 2012") and vague counts ("thousands").
    ``qualifier`` is the band of a tolerance word kept with the figure ("more than half":
    ``"above"``; "nearly 60%": ``"nearly"``).
    """

    text: str
    kind: FigureKind
    value: Fraction | None
    sentence: str
    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int
    quoted: bool = False
    qualifier: Band | None = None
    block: BlockKind = "paragraph"


@dataclass(frozen=True)
class Period:
    """A date or period the sentence names ("in 2020", "from 2015 to 2020", "March 3").

    ``year`` and ``end_year`` are the years it names when it names any; ``relation`` the
    word before it that says how the sentence uses it ("in", "since", "from", "between"…).
    """

    text: str
    line: int
    column: int
    start: int
    end: int
    year: int | None = None
    end_year: int | None = None
    relation: str | None = None


@dataclass(frozen=True)
class Sentence:
    """A sentence of the article (a heading, a table row and a list item count as one)."""

    text: str
    line: int
    column: int
    figures: tuple[Figure, ...] = ()
    periods: tuple[Period, ...] = ()
    block: BlockKind = "paragraph"


def _sentence(block: Block, quoted: list[bool], a: int, b: int) -> Sentence:
    text = block.text[a:b]
    spans, period_spans = scan(text, block.hidden[a:b])
    figures = tuple(
        Figure(text=text[f.start:f.end], kind=f.kind, value=f.value, sentence=text,
               line=block.lines[a + f.start], column=block.columns[a + f.start],
               end_line=block.lines[a + f.end - 1], end_column=block.columns[a + f.end - 1] + 1,
               start=f.start, end=f.end, quoted=block.quoted or any(quoted[a + f.start:a + f.end]),
               qualifier=f.qualifier, block=block.kind)
        for f in spans)
    periods = tuple(
        Period(text=text[p.start:p.end], line=block.lines[a + p.start], column=block.columns[a + p.start],
               start=p.start, end=p.end, year=p.year, end_year=p.end_year, relation=p.relation)
        for p in period_spans)
    return Sentence(text, block.lines[a], block.columns[a], figures, periods, block.kind)


def find_figures(markdown: str) -> list[Sentence]:
    """Every sentence of the article, in order, each with its figures and periods.

    Sentences without a figure are included (a claim's ``says`` is matched against them);
    ``[f for s in find_figures(md) for f in s.figures]`` is the list of figures.
    """
    sentences: list[Sentence] = []
    for block in read_blocks(markdown):
        quoted = quoted_mask(block.text)
        if block.kind in ("heading", "table"):
            spans = [(0, len(block.text))]
        else:
            spans = split_sentences(block.text)
        sentences.extend(_sentence(block, quoted, a, b) for a, b in spans)
    return sentences


def figures_in_phrase(text: str) -> list[Figure]:
    """The figures of a short phrase such as an ``expect:`` ("up 11%", "a third", "2020").

    Unlike in an article, a bare 4-digit number here is a number, not a year.

    >>> [(f.text, f.kind, f.value) for f in figures_in_phrase("down about a third")]
    [('about a third', 'fraction', Fraction(1, 3))]
    """
    spans, _ = scan(text, (), phrase=True)
    return [Figure(text=text[f.start:f.end], kind=f.kind, value=f.value, sentence=text, line=1,
                   column=f.start, end_line=1, end_column=f.end, start=f.start, end=f.end,
                   qualifier=f.qualifier)
            for f in spans]
