"""Suggestions as text: each measure a ready-to-paste ``measure:`` block, and the terminal view."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import yamltext

if TYPE_CHECKING:
    from . import Suggestion, Suggestions


def measure_yaml(measure: dict[str, Any], indent: int = 0) -> str:
    """``measure:`` and its mapping as YAML (quoted wherever it needs to be: :mod:`factcheck.yamltext`)."""
    text = yamltext.dump({"measure": measure}, sort_keys=False, default_flow_style=False,
                          allow_unicode=True, width=10_000)
    pad = " " * indent
    return "".join(pad + line + "\n" for line in text.splitlines())


def _line(rank: int | str, s: Suggestion, mark: bool = False) -> str:
    """One suggestion's line; ``mark``: say when it passes only by reading the sentence otherwise
    (not needed under a failing reading, whose header says it of them all, unless the candidate
    says what it reads instead: "the mean for the median the sentence names")."""
    value = s.value_text if s.value_text is not None else "no value"
    line = f"  {rank}. {value} -> {s.verdict}" + (f" ({s.reason})" if s.reason else "")
    if s.departs and s.verdict == "pass" and s.instead:
        line += f" - reads the sentence otherwise: it takes {s.instead}"
    elif mark and s.departs and s.verdict == "pass":
        line += " - reads the sentence otherwise: it adds a filter, a year or a count the sentence does not name"
    if s.latest:
        line += f" ({s.latest})"
    return line


def render(found: Suggestions) -> str:
    """The terminal view: per claim, the sentence's reading when it does not meet the expectation,
    the candidates best first, then the nearest misses."""
    from . import NOTHING_MEETS
    out: list[str] = []
    for c in found.claims:
        out.append(f"{c.id}: {c.says}")
        out.append(f"  expect: {c.expect}")
        if c.reading is not None:
            if c.reading.value_text is None:  # no value: nothing said against the figure
                out.append("  read as the sentence says, the data cannot settle the figure (no value):")
            else:
                out.append("  read as the sentence says, the figure does NOT meet the expectation (is it wrong?):")
            out.append(_line("!", c.reading))
            out.append(measure_yaml(c.reading.measure, 6).rstrip("\n"))
            if c.candidates:
                out.append("  these meet it only read otherwise (each says how): check each")
        if not c.candidates and c.note and c.note != NOTHING_MEETS:
            out.append(f"  no candidate: {c.note}")
        elif not c.candidates:
            out.append("  no candidate meets the expectation" + (f" ({c.note})" if c.note else ""))
        for i, s in enumerate(c.candidates, 1):
            out.append(_line(i, s, mark=c.reading is None))
            out.append(measure_yaml(s.measure, 6).rstrip("\n"))
        if c.misses:
            out.append("  nearest misses (these do NOT meet the expectation):")
            for s in c.misses:
                out.append(_line("x", s))
                out.append(measure_yaml(s.measure, 6).rstrip("\n"))
        out.append("")
    for cap in found.capped:
        out.append(f"search capped: {cap}")
    return "\n".join(out) + "\n"
