"""How often `factcheck suggest` finds the measure a person wrote (issue 10, item 6).

Every `measure` of a claims file is stripped; `suggest` proposes measures for each claim;
a claim is a hit at rank k when its k-th candidate is the original measure or one that
computes the same value on the same rows (same value and value text, rows kept,
numerator and denominator when run through the pipeline). Prints top-1 and top-5 rates, the time and
the peak memory, and the claims missed.

    python benchmarks/suggest_hits.py [claims/2020.yaml] [--as-init]
    python benchmarks/suggest_hits.py --all [--tree /tmp/before]

``--all`` measures the shipped story and every fixture's claims file in one run, both ways (the ids
written, the ids `init` gives), and prints one Markdown table; ``--tree`` measures another copy of
factcheck's source (``git archive main factcheck | tar -x -C /tmp/before``) for a before/after.
A file none of whose claims writes a measure has nothing to compare the proposals with: it is
reported as such (``claims: 0`` and ``nothing_to_measure``), not divided by.

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
    if n == 0:
        return {"claims": 0, "nothing_to_measure": _why_nothing(loaded.model.claims, original),
                "seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2)}
    top1 = sum(1 for r in ranks.values() if r == 1)
    top5 = sum(1 for r in ranks.values() if r is not None and r <= 5)
    return {"claims": n, "top1": top1, "top5": top5, "top1_rate": top1 / n, "top5_rate": top5 / n,
            "seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2), "capped": found.capped,
            "missed": sorted(k for k, r in ranks.items() if r is None or r > 5),
            "not_first": sorted(k for k, r in ranks.items() if r is not None and 1 < r <= 5)}


def _why_nothing(claims: list[Any], original: dict[str, Any]) -> str:
    """Why a claims file gives no rate: what its claims lack."""
    if not claims:
        return "the file has no claims"
    if all(c.measure is None for c in claims):
        return (f"none of its {len(claims)} claims writes a measure: there is no computation to compare "
                "the proposals with (its claims say a figure and expect it, for `suggest` to read)")
    return "none of its measured claims has a value to compare (each ran without one)"


def shipped() -> list[Path]:
    """The shipped story and every fixture's claims file, in a stable order."""
    found = sorted(ROOT.glob("claims/*.yaml")) + sorted(ROOT.glob("tests/fixtures/*/*.yaml"))
    return [p for p in found if "claims:" in p.read_text(encoding="utf-8")]


def _cell(r: dict[str, Any]) -> str:
    if "error" in r:
        return "not read"
    if not r["claims"]:
        return "nothing to measure"
    return f"{r['top1']}, {r['top5']}"


def table(paths: list[Path]) -> str:
    """One Markdown row per file: first / among the first five, written ids; ids as `init` gives them."""
    rows = ["| claims file (claims) | written ids: first, first five | `init`'s ids | seconds |",
            "| --- | ---: | ---: | ---: |"]
    for path in paths:
        results = []
        for as_init in (False, True):
            try:
                results.append(measure(path, as_init))
            except Exception as exc:  # a fixture written to be refused (hostile.yaml)
                results.append({"error": type(exc).__name__, "claims": 0})
        name = path.relative_to(ROOT)
        n = results[0]["claims"]
        rows.append(f"| {name} ({n}) | {_cell(results[0])} | {_cell(results[1])} | "
                    f"{results[0].get('seconds', '')} |")
    return "\n".join(rows)


def _use_tree(tree: str) -> None:
    """Import factcheck from another copy of its source, not the editable install."""
    sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in repr(f).lower()]
    sys.path.insert(0, str(Path(tree).resolve()))
    import factcheck
    if not str(Path(factcheck.__file__ or "").resolve()).startswith(str(Path(tree).resolve())):
        raise SystemExit(f"factcheck was imported from {factcheck.__file__}, not from {tree}")


if __name__ == "__main__":
    argv = sys.argv[1:]
    if "--tree" in argv:
        at = argv.index("--tree")
        _use_tree(argv[at + 1])
        del argv[at:at + 2]
    if "--all" in argv:
        print(table(shipped()))
        raise SystemExit(0)
    args = [a for a in argv if a != "--as-init"]
    result = measure(args[0] if args else ROOT / "claims" / "2020.yaml", as_init="--as-init" in argv)
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(result, indent=2))
