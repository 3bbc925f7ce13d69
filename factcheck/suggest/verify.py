"""Run the best candidates through the real pipeline, so the verdict shown is ``factcheck run``'s.

All candidates of all claims go into one claims file in memory (same tables, same
article) and are judged in one run. A candidate the pipeline refuses is dropped; one
that does not pass when run for real is moved to the misses, never shown as a pass; the
sentence's reading (:class:`~.propose.Proposed`) is shown as it runs.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from ..claims import Claim, LoadedClaims
from ..errors import FactcheckError

if TYPE_CHECKING:
    from ..report import ClaimResult
    from . import ClaimSuggestions, Suggestion
    from .propose import Proposed
    from .search import Found


def _claim(cid: str, says: str, expect: Any, measure: dict[str, Any]) -> Claim | None:
    try:
        return Claim.model_validate({"id": cid, "says": says, "measure": measure, "expect": expect})
    except ValidationError:
        return None


def _run(loaded: LoadedClaims, claims: list[Claim], data_root: str | Path | None) -> dict[str, ClaimResult]:
    from ..engine import verify
    if not claims:
        return {}
    # the article is left out: its coverage is no part of a candidate's verdict, and costs time
    trial = LoadedClaims(loaded.model.model_copy(update={"claims": claims, "article": None, "ignore": []}),
                         loaded.path, loaded.lines, loaded.text)
    try:
        report = verify(trial, data_root=data_root)
    except FactcheckError:
        if len(claims) == 1:
            return {}
        half = len(claims) // 2  # find the refused ones by halves; the rest still run together
        return {**_run(loaded, claims[:half], data_root), **_run(loaded, claims[half:], data_root)}
    return {r.id: r for r in report.results}


def _suggestion(found: Found, result: ClaimResult) -> Suggestion:
    from . import Suggestion
    return Suggestion(found.measure, result.value, result.value_text, result.verdict.value,
                      result.reason.value if result.reason else None, result.message,
                      result.rows_kept, result.numerator, result.denominator, found.departs,
                      found.instead)


def _ranks_nothing(result: ClaimResult) -> bool:
    """An extreme among fewer than two values ("rank 1 of 1": a filter that keeps one year's rows)
    is the lowest and the highest at once: it checks no "most on record", so it is never shown."""
    details = result.details
    return getattr(details, "kind", None) == "extreme" and getattr(details, "of", 2) < 2


def _round(loaded: LoadedClaims, entries: list[ClaimSuggestions],
           ranked: dict[str, Proposed], top: int, data_root: str | Path | None) -> None:
    """Run these candidates, misses and readings of every entry in one run; file each by its real
    verdict. A reading that passes when run for real is a candidate, the first."""
    trials: list[Claim] = []
    origin: dict[str, tuple[int, Found, bool]] = {}
    for e_index, entry in enumerate(entries):
        proposed = ranked.get(entry.id)
        if proposed is None:
            continue
        found_list = [(f, False) for f in (*proposed.hits, *proposed.misses)]
        if proposed.reading is not None:
            found_list.append((proposed.reading, True))
        for found, reading in found_list:
            cid = f"s{len(trials)}"
            claim = _claim(cid, entry.says, entry.expect, found.measure)
            if claim is not None:
                trials.append(claim)
                origin[cid] = (e_index, found, reading)
    results = _run(loaded, trials, data_root)
    for cid, (e_index, found, reading) in origin.items():
        result = results.get(cid)
        if result is None:
            continue
        entry = entries[e_index]
        if _ranks_nothing(result):
            continue
        s = _suggestion(found, result)
        if reading and s.verdict == "pass":
            entry.candidates.insert(0, s)
            del entry.candidates[top:]
        elif reading:
            entry.reading = s
        elif s.verdict == "pass" and len(entry.candidates) < top:
            entry.candidates.append(s)
        elif s.verdict != "pass":
            entry.misses.append(s)


def verify_all(loaded: LoadedClaims, entries: list[ClaimSuggestions], ranked: dict[str, Proposed], top: int,
               data_root: str | Path | None, misses: int = 3) -> None:
    """Fill each entry's candidates (passing for real, best first), misses and reading: the best
    ``top`` first, then, only for claims where some did not pass, the spares in a second run."""
    from .propose import Proposed
    _round(loaded, entries, {cid: replace(p, hits=p.hits[:top]) for cid, p in ranked.items()}, top, data_root)
    again = {e.id: Proposed(ranked[e.id].hits[top:], [], None, []) for e in entries
             if len(e.candidates) < top and e.id in ranked and ranked[e.id].hits[top:]}
    if again:
        _round(loaded, entries, again, top, data_root)
    for entry in entries:
        entry.misses = entry.misses[:misses]
