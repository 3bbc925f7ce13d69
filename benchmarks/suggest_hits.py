"""How often `factcheck suggest` finds the measure a person wrote (issue 10, item 6).

Every `measure` of a claims file is stripped; `suggest` proposes measures for each claim;
a claim is a hit at rank k when its k-th candidate is the original measure or one that
computes the same value on the same rows (same value and value text, rows kept,
numerator and denominator when run through the pipeline). Prints top-1 and top-5 rates, the time and
the peak memory, and the claims missed.

    python benchmarks/suggest_hits.py [claims/2020.yaml] [--as-init]

With ``--as-init`` each claim's id is the one `factcheck init` would give it (the first words of
its sentence) and its note is dropped: the words a reporter put there no longer help, as they do
not for the claims of a file `init` has just written.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _key(value: Any, text: Any, rows: Any, num: Any, den: Any) -> tuple[Any, ...]:
    v = round(value, 9) if isinstance(value, float) else (tuple(value) if isinstance(value, list) else value)
    return (v, text, rows, num, den)   # the text tells two extremes apart ("yes: 163, rank 14 of 21")


def measure(path: str | Path, as_init: bool = False) -> dict[str, Any]:
    from factcheck import load, verify
    from factcheck.claims import LoadedClaims
    from factcheck.starter import _slug
    from factcheck.suggest import suggest

    loaded = load(path)
    report = verify(loaded)
    original = {r.id: _key(r.value, r.value_text, r.rows_kept, r.numerator, r.denominator)
                for r in report.results if r.value is not None}
    taken: set[str] = set()
    renamed = {c.id: _slug(c.says, taken) if as_init else c.id for c in loaded.model.claims}
    original = {renamed[k]: v for k, v in original.items()}
    stripped = loaded.model.model_copy(update={"claims": [
        c.model_copy(update={"measure": None, **({"id": renamed[c.id], "note": None} if as_init else {})})
        for c in loaded.model.claims]})
    started, cpu = time.perf_counter(), time.process_time()
    found = suggest(LoadedClaims(stripped, loaded.path, loaded.lines, loaded.text))
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    ranks: dict[str, int | None] = {}
    for c in found.claims:
        if c.id not in original:
            continue
        keys = [_key(s.value, s.value_text, s.rows_kept, s.numerator, s.denominator) for s in c.candidates]
        ranks[c.id] = keys.index(original[c.id]) + 1 if original[c.id] in keys else None
    n = len(ranks)
    top1 = sum(1 for r in ranks.values() if r == 1)
    top5 = sum(1 for r in ranks.values() if r is not None and r <= 5)
    return {"claims": n, "top1": top1, "top5": top5, "top1_rate": top1 / n, "top5_rate": top5 / n,
            "seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2), "capped": found.capped,
            "missed": sorted(k for k, r in ranks.items() if r is None or r > 5),
            "not_first": sorted(k for k, r in ranks.items() if r is not None and 1 < r <= 5)}


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--as-init"]
    result = measure(args[0] if args else ROOT / "claims" / "2020.yaml", as_init="--as-init" in sys.argv[1:])
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(result, indent=2))
