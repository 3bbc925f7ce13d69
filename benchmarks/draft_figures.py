"""Speed of finding the figures of a draft (issue 10): the 2020 article and synthetic long ones.

    python benchmarks/draft_figures.py                     # 2020 article, 1,000 and 10,000 paragraphs
    python benchmarks/draft_figures.py --paragraphs 100 1000 10000 100000

The synthetic article repeats the 2020 draft's paragraphs (headings dropped, a heading
every 25 paragraphs, every 2- or 3-digit number shifted a little so no two paragraphs
are the same text), so each paragraph has the real mix of figures, periods and
abbreviations. Times are CPU seconds (``time.process_time``: on a shared machine the wall
clock mostly measures the neighbours), best of three for inputs under 1 MB. The last
column is microseconds per character: flat means linear.

Only the standard library and the installed factcheck are used.
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

from factcheck.draft.coverage import ClaimRef, cover
from factcheck.draft.figures import find_figures

ROOT = Path(__file__).resolve().parents[1]


def synthetic(article: str, paragraphs: int) -> str:
    bodies = [p for p in article.split("\n\n") if not p.startswith("#")]
    out = []
    for i in range(paragraphs):
        body = re.sub(r"\b(\d{2,3})\b", lambda m, i=i: str(int(m[1]) + i % 7), bodies[i % len(bodies)])
        out.append(body if i % 25 else f"## Section {i}\n\n{body}")
    return "\n\n".join(out)


def best_cpu(text: str) -> tuple[float, int, int]:
    best, sentences, figures = float("inf"), 0, 0
    for _ in range(3 if len(text) < 1_000_000 else 1):
        start = time.process_time()
        found = find_figures(text)
        best = min(best, time.process_time() - start)
        sentences, figures = len(found), sum(len(s.figures) for s in found)
    return best, sentences, figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--paragraphs", type=int, nargs="*", default=[1_000, 10_000])
    args = parser.parse_args()
    article = (ROOT / "claims" / "2020-article.md").read_text(encoding="utf-8")
    inputs = [("claims/2020-article.md", article)]
    inputs += [(f"{n:,} paragraphs", synthetic(article, n)) for n in args.paragraphs]
    print(f"{'input':<24} {'chars':>10} {'sentences':>10} {'figures':>8} {'CPU s':>8} {'µs/char':>8}")
    for label, text in inputs:
        seconds, sentences, figures = best_cpu(text)
        print(f"{label:<24} {len(text):>10,} {sentences:>10,} {figures:>8,} {seconds:>8.3f} "
              f"{seconds / max(len(text), 1) * 1e6:>8.2f}")
    import yaml  # a dependency of factcheck; only to read the claims for the coverage timing

    claims = yaml.safe_load((ROOT / "claims" / "2020.yaml").read_text(encoding="utf-8"))["claims"]
    refs = [ClaimRef(c["id"], c["says"], c.get("expect"), "measure" in c, "unverifiable" in c) for c in claims]
    sentences = find_figures(article)
    start = time.process_time()
    result = cover(sentences, refs)
    print(f"coverage of the 2020 draft by its {len(refs)} claims: {time.process_time() - start:.3f} CPU s, "
          f"{len(result.not_checked)} of {len(result.figures)} figures not checked")


if __name__ == "__main__":
    main()
