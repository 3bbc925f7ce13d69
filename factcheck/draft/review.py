"""The coverage of a claims file's article, as a report section.

:func:`article_coverage` reads the article a claims file names (``article:``), finds its
figures (:func:`~factcheck.draft.figures.find_figures`), matches them to the claims and the
``ignore:`` entries (:func:`~factcheck.draft.coverage.cover`) and returns the
:class:`~factcheck.report.CoverageReport` that every report carries.
"""

from __future__ import annotations

from typing import Literal

from ..claims import LoadedClaims
from ..errors import ClaimsFileError, Problem
from ..measures.aggregate import Max, Min
from ..measures.every import Every
from ..measures.extreme import Extreme
from ..measures.top import Top
from ..measures.top_share import TopRows
from ..report import ArticleFigure, CoverageReport, FigureStatus, StaleSays, UnusedIgnore
from .coverage import ClaimRef, Coverage, Ignore, cover, word_set
from .figures import Sentence, find_figures

__all__ = ["article_coverage", "covered", "report_figures"]


def _read_article(loaded: LoadedClaims, name: str) -> str:
    path = loaded.base_dir / name
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        why = "it is not UTF-8 text" if isinstance(exc, UnicodeDecodeError) else (exc.strerror or str(exc))
        raise ClaimsFileError([Problem(f"the article '{name}' cannot be read: {why}", file=str(loaded.path),
                                       line=loaded.lines.line(("article",)),
                                       hint="'article:' is the Markdown story's path, relative to the claims file")]
                              ) from None


def report_figures(result: Coverage) -> list[ArticleFigure]:
    """The figures of a coverage result as the report writes them: text, place, claims, status, and
    why a figure is not checked when it can be told (an ignore's reason; whose condition it is)."""
    why = _why_unchecked(result)
    return [ArticleFigure(text=f.figure.text, sentence=f.figure.sentence, line=f.figure.line,
                          column=f.figure.column, end_line=f.figure.end_line, end_column=f.figure.end_column,
                          start=f.figure.start, end=f.figure.end,
                          claims=list(f.claims), status=FigureStatus(f.status),
                          reason=f.ignore.reason if f.ignore is not None and f.status == "ignored" else why.get(id(f)))
            for f in result.figures]


def _why_unchecked(result: Coverage) -> dict[int, str]:
    """Why each figure no claim checks is left so, when its sentence tells: a threshold that is the
    condition of the sentence's other figure ("Some 93 homes have *1,000 beds or more*"), which that
    figure's claim checks with its ``where:``, as ``suggest`` notes it. By the ``id`` of its coverage."""
    if not result.not_checked:
        return {}  # the shipped story: nothing to say, and the suggest package is not imported
    from ..suggest.thresholds import condition_of_a_figure
    why: dict[int, str] = {}
    for f in result.not_checked:
        condition = condition_of_a_figure(f.figure.sentence, f.figure.text)
        if condition is None:
            continue
        of, kind = condition
        claims = next((o.claims for o in result.figures if o.figure.sentence == f.figure.sentence
                       and o.figure.line == f.figure.line and o.figure.text == of and o.claims), ())
        checker = f"claim {', '.join(claims)}" if claims else f"the claim of '{of}'"
        why[id(f)] = (f"the condition of '{of}' in its sentence: {checker} checks it ({kind}: …, where: …); "
                      "list it under ignore: with that reason")
    return why


def _measure_words(measure: object) -> frozenset[str]:
    """The words of what a measure reads: its tables, columns, filters and values (``top: hood, of:
    requests`` → hood, request), to tell which of a sentence's extremes it checks."""
    if measure is None:
        return frozenset()
    texts: list[str] = []
    stack: list[object] = [measure]
    while stack:  # the models' own fields (model_dump would build pydantic's serializers: ~20 ms)
        item = stack.pop()
        if isinstance(item, dict):
            stack += list(item.values())
        elif isinstance(item, (list, tuple)):
            stack += list(item)
        elif isinstance(item, str):
            texts.append(item)
        elif hasattr(item, "__pydantic_fields__"):
            stack += [getattr(item, name, None) for name in type(item).__pydantic_fields__]
    return word_set(" ".join(texts).replace("_", " "))


def _counts(measure: object) -> bool | None:
    """Does a ranking measure rank by how many rows (a ``top`` with no ``by:``, or by a count; an
    ``extreme`` of a count), or by an amount of a column (True, False)? None for any other measure."""
    from ..measures import kind_of
    if isinstance(measure, Top):
        return measure.by is None or kind_of(measure.by) == "count"
    if isinstance(measure, Extreme):
        return kind_of(measure.extreme) == "count"
    return None


def _as_values(measure: object, expect: object) -> object:
    """A ``top``'s expect is a list of values however it is written: ``expect: Tom Hale`` states
    ``[Tom Hale]``, and covers the extreme of its sentence as the list does."""
    if isinstance(measure, Top) and isinstance(expect, (str, int, float)) and not isinstance(expect, bool):
        return [expect]
    return expect


def _ranks(measure: object) -> tuple[Literal["highest", "lowest"] | None, int]:
    """The end a claim's measure ranks at and the rank it names: an ``extreme``'s ``is:`` and
    ``rank:``, a ``top``'s end (``lowest: true``) and ``rank:``, a ``max``'s (highest) or a
    ``min``'s (lowest); else no end, rank 1."""
    if isinstance(measure, Extreme):
        return measure.is_, measure.rank
    if isinstance(measure, Top):
        return ("lowest" if measure.lowest else "highest"), measure.rank or 1
    if isinstance(measure, (Max, Min)):  # "the largest fire burned 10,782 acres": the largest is its figure's
        return ("highest" if isinstance(measure, Max) else "lowest"), 1
    return None, 1


def _top_n(measure: object) -> int | None:
    """How many a measure takes at the top: a `top_share`'s or `top_sum`'s `top_n`, a `top`'s `n` when it
    names more than one; None for any other measure."""
    if isinstance(measure, TopRows):
        return measure.top_n
    if isinstance(measure, Top) and measure.n > 1:
        return measure.n
    return None


def article_coverage(loaded: LoadedClaims) -> CoverageReport | None:
    """Which figures of the article the claims state; ``None`` when the file names no article."""
    found = covered(loaded)
    if found is None:
        return None
    result = found[0]
    figures = report_figures(result)
    stale = [StaleSays(id=s.id, says=s.says, closest=s.closest, closest_line=s.closest_line) for s in result.stale]
    unused = [UnusedIgnore(sentence=e.sentence, figure=e.figure, reason=e.reason) for e in result.unused_ignores]
    return CoverageReport(article=loaded.model.article or "", figures=figures, stale=stale, unused_ignores=unused)


def covered(loaded: LoadedClaims) -> tuple[Coverage, list[Sentence]] | None:
    """The article's sentences with their figures, and what the claims and ``ignore:`` entries cover
    of them; ``None`` when the file names no article. The article is read as it is found: the caller
    has checked that it lies inside the repository."""
    model = loaded.model
    if model.article is None:
        return None
    sentences = find_figures(_read_article(loaded, model.article))
    refs = [ClaimRef(c.id, c.says, _as_values(c.measure, c.expect), c.measure is not None, c.unverifiable is not None,
                     *_ranks(c.measure),
                     each=isinstance(c.measure, Every), words=_measure_words(c.measure), counts=_counts(c.measure),
                     top_n=_top_n(c.measure))
            for c in model.claims]
    ignores = [Ignore(e.sentence, e.figure, e.reason) for e in model.ignore]
    return cover(sentences, refs, ignores), sentences
