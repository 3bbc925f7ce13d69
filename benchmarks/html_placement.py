"""Time of the HTML report for a long article with many claims (issue 8, item 11).

    python benchmarks/html_placement.py                   # 8,000 claims over 8,000 paragraphs
    python benchmarks/html_placement.py --claims 2000 --paragraphs 2000
    python benchmarks/html_placement.py --paragraphs 1 --sentences 8000   # one huge paragraph
    python benchmarks/html_placement.py --no-coverage     # sentences only, no figure marks

Builds, in memory, an article of N paragraphs of S sentences each (3 by default) and
a report of M claims (each says one sentence of the article, one in fifty a sentence
that is not in it) with the article's coverage (every figure of the article, each stated by
the claims that quote its sentence: about 5 figures a sentence, so 120,000 figure marks by
default; computed before the clock starts), then times ``factcheck.render.html.render``,
the placement of the sentences alone and that of the figures, in CPU seconds (the wall clock is shown
too; on a shared machine it says more about the neighbours). It prints the SHA-256
of the page, so two versions of the code can be shown to produce the same HTML byte
for byte.
"""

from __future__ import annotations

import argparse
import hashlib
import time

from factcheck.render import article as article_mod
from factcheck.render import figmarks, html
from factcheck.report import (
    ArticleFigure,
    ClaimResult,
    CoverageReport,
    ExpectationInfo,
    FigureStatus,
    Report,
    Verdict,
    summarize,
)

WORDS = ["prosecutors", "filed", "cases", "victims", "defendants", "convicted", "district", "federal",
         "online", "recruitment", "Facebook", "share", "rose", "fell", "record", "since"]


def sentence(i: int, j: int) -> str:
    w = WORDS
    return (f"In the {w[i % 16]} of district {i}, {w[(i * 7 + j) % 16]} {w[(i + j) % 16]} "
            f"{i % 97 + j} {w[(i * 3 + j) % 16]} in {2000 + (i + j) % 21}, up {(i * j) % 13}%.")


def build(claims: int, paragraphs: int, sentences: int = 3, coverage: bool = True) -> tuple[Report, str]:
    paras = [" ".join(sentence(i, j) for j in range(sentences)) for i in range(paragraphs)]
    text = "# A long story\n\n" + "\n\n".join(paras) + "\n"
    verdicts = [Verdict.PASS, Verdict.FAIL, Verdict.UNVERIFIABLE]
    results = []
    for k in range(claims):
        i, j = k % paragraphs, (k // paragraphs) % sentences
        says = sentence(i, j) if k % 50 else f"A sentence {k} that the article does not hold."
        results.append(ClaimResult(id=f"c{k}", says=says, verdict=verdicts[k % 3], value=0.5, value_text="50%",
                                   expectation=ExpectationInfo(written="50%", meaning="rounds to 50%"),
                                   tables=["cases"]))
    report = Report(tool_version="bench", generated_at="2026-01-01T00:00:00+00:00", claims_file="bench.yaml",
                    claims_sha256="0" * 64, title="bench", article="story.md", tables=[], results=results,
                    summary=summarize(results), coverage=figures_of(text, results) if coverage else None)
    return report, text


def figures_of(text: str, results: list[ClaimResult]) -> CoverageReport:
    """Every figure of the article, stated by the claims that quote its sentence (found by the sentence)."""
    from factcheck.draft.figures import find_figures

    quoting: dict[str, list[str]] = {}
    for r in results:
        quoting.setdefault(r.says, []).append(r.id)
    figures = [ArticleFigure(text=f.text, sentence=s.text, line=f.line, column=f.column, end_line=f.end_line,
                             end_column=f.end_column, start=f.start, end=f.end, claims=quoting.get(s.text, []),
                             status=FigureStatus.CHECKED if s.text in quoting else FigureStatus.NOT_CHECKED)
               for s in find_figures(text) for f in s.figures]
    return CoverageReport(article="story.md", figures=figures)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=8000)
    parser.add_argument("--paragraphs", type=int, default=8000)
    parser.add_argument("--sentences", type=int, default=3, help="sentences per paragraph")
    parser.add_argument("--no-coverage", action="store_true", help="no coverage: sentence marks only")
    args = parser.parse_args()
    report, text = build(args.claims, args.paragraphs, args.sentences, coverage=not args.no_coverage)

    from markdown_it import MarkdownIt
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    blocks = article_mod.split_blocks(tokens)
    c0 = time.process_time()
    index = article_mod.BlockIndex(blocks)
    missing = article_mod.place(blocks, report.results, index)
    c_place = time.process_time() - c0
    c0 = time.process_time()
    marked = (figmarks.place_figures(blocks, index, report.coverage, report.results)
              if report.coverage is not None else [])
    c_figures = time.process_time() - c0

    t0, c0 = time.perf_counter(), time.process_time()
    page = html.render(report, text)
    t_page, c_page = time.perf_counter() - t0, time.process_time() - c0
    print(f"{args.claims:,} claims over {args.paragraphs:,} paragraphs ({len(text):,} characters): "
          f"placing the sentences {c_place:.2f} s CPU ({len(missing)} not found); the figures "
          f"{c_figures:.2f} s CPU ({len(marked):,} of {len(report.coverage.figures) if report.coverage else 0:,}); "
          "whole HTML report "
          f"{c_page:.2f} s CPU ({t_page:.2f} s wall); page {len(page):,} bytes, "
          f"sha256 {hashlib.sha256(page.encode()).hexdigest()[:16]}")


if __name__ == "__main__":
    main()
