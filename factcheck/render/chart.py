"""A small inline SVG line chart of a claim's series, with the claimed points marked.

Used by the HTML report for ``change`` and ``extreme`` claims: an editor sees
"the fewest since 2012" faster than reads it. A period without a value is drawn as
a shaded gap labelled "no data 2016" (the line stops on either side of it), and a
value with no neighbour to join is drawn with its figure, so a missing year never
reads as a stray dot. No script, no external fonts, no network: plain SVG that
prints. Every label is escaped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..formatting import plain_number
from ..report import ClaimResult
from ._markup import e as escape

WIDTH, HEIGHT = 360, 150
LEFT, RIGHT, TOP, BOTTOM = 44, 22, 16, 30


def points(r: ClaimResult) -> list[tuple[str, float | None, bool]]:
    """The (key, value, marked) points to draw for a claim, or [] when there is no series.

    The verifier's ``series`` with its ``marked`` flags comes first. When it marks
    no point, the periods the claim's evidence names are marked instead (``from``,
    ``to``, ``at``, ``since``, the last time as low/high, and the periods sharing the
    claimed value). A ``change`` without a series still gets its two periods.
    """
    d: dict[str, Any] = r.details.fields() if r.details else {}
    named = set()
    for k in ("from", "to", "at", "since", "last_as_low", "last_as_high"):
        v = d.get(k)
        if isinstance(v, dict) and v.get("key") is not None:
            named.add(str(v["key"]))
        elif isinstance(v, (str, int)) and k in ("at", "since"):
            named.add(str(v))
    if r.series:
        pts = [(p.key, p.value, p.marked) for p in r.series]
        if not any(m for _, _, m in pts):
            value = d.get("value") if r.kind == "extreme" else None
            pts = [(k, v, k in named or (value is not None and v == value)) for k, v, _ in pts]
        return pts
    if r.kind == "change":
        ends = [e for e in (d.get("from"), d.get("to")) if isinstance(e, dict) and "key" in e]
        if len(ends) == 2:
            return [(str(e["key"]), _num(e.get("value")), True) for e in ends]
    return []


def _num(x: object) -> float | None:
    return float(x) if isinstance(x, (int, float)) and not isinstance(x, bool) else None


def gaps(pts: list[tuple[str, float | None, bool]]) -> list[tuple[int, int]]:
    """The runs of periods without a value, as (first, last) indices into ``pts``."""
    runs: list[tuple[int, int]] = []
    for i, (_, value, _) in enumerate(pts):
        if value is not None:
            continue
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def _periods(pts: list[tuple[str, float | None, bool]], a: int, z: int) -> str:
    return pts[a][0] if a == z else f"{pts[a][0]}–{pts[z][0]}"


def _gap_marks(pts: list[tuple[str, float | None, bool]], x: Callable[[int], float]) -> list[str]:
    """A shaded band over each run of periods without a value, labelled 'no data 2016' upright in it."""
    out = []
    plot_h = HEIGHT - TOP - BOTTOM
    half = (x(1) - x(0)) / 2
    for a, z in gaps(pts):
        x0, x1 = max(LEFT, x(a) - half), min(WIDTH - RIGHT, x(z) + half)
        text = "no data " + _periods(pts, a, z)
        shown = text if len(text) * 5.5 <= plot_h else "no data"  # the full text stays in the tooltip
        cx, cy = (x0 + x1) / 2, TOP + plot_h / 2
        out.append(f'<rect class="gap" x="{x0:.1f}" y="{TOP}" width="{x1 - x0:.1f}" height="{plot_h}">'
                   f"<title>{escape(text)}</title></rect>")
        out.append(f'<text class="gap-label" x="{cx:.1f}" y="{cy:.1f}" text-anchor="middle" '
                   f'dominant-baseline="middle" transform="rotate(-90 {cx:.1f} {cy:.1f})">{escape(shown)}</text>')
    return out


def _fmt(v: float) -> str:
    return plain_number(v, 3, decimals=1)


def svg(r: ClaimResult, over: str | None = None) -> str:
    """The chart as an ``<svg>`` element, or '' when the claim has nothing to chart."""
    pts = points(r)
    known: list[float] = [v for _, v, _ in pts if v is not None]
    if len(pts) < 2 or not known:
        return ""
    lo, hi = min(0.0, min(known)), max(known)
    if hi == lo:
        hi = lo + 1
    n = len(pts)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(i: int) -> float:
        return LEFT + (plot_w * i / (n - 1))

    def y(v: float) -> float:
        return TOP + plot_h * (1 - (v - lo) / (hi - lo))

    holes = [_periods(pts, a, z) for a, z in gaps(pts)]
    label = f"{r.id}: values by {over or 'period'}, claimed periods marked" + (
        f"; no data for {', '.join(holes)}" if holes else "")
    out = [(f'<svg class="chart" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
           f'xmlns="http://www.w3.org/2000/svg" aria-label="{escape(label)}">'),
           f"<title>{escape(label)}</title>"]
    # axes and the two gridlines at the bottom and the top of the scale
    for v in (lo, hi):
        out.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(v):.1f}" y2="{y(v):.1f}"/>')
        out.append(f'<text class="tick" x="{LEFT - 4}" y="{y(v) + 3:.1f}" text-anchor="end">{escape(_fmt(v))}</text>')
    # a period with no value: a shaded gap, labelled, that the line does not cross
    out.extend(_gap_marks(pts, x))
    # the line, broken where a period has no value
    run: list[str] = []
    for i, (_, value, _) in enumerate(pts):
        if value is None:
            if len(run) > 1:
                out.append(f'<polyline class="line" points="{" ".join(run)}"/>')
            run = []
            continue
        run.append(f"{x(i):.1f},{y(value):.1f}")
    if len(run) > 1:
        out.append(f'<polyline class="line" points="{" ".join(run)}"/>')
    # points; marked ones larger and labelled
    step = max(1, n // 6)
    for i, (k, point, marked) in enumerate(pts):
        show_key = marked or i in (0, n - 1) or (n <= 12) or i % step == 0
        if show_key:
            cls = " marked" if marked else " missing" if point is None else ""
            out.append(f'<text class="key{cls}" x="{x(i):.1f}" y="{HEIGHT - BOTTOM + 14}" '
                       f'text-anchor="middle">{escape(k)}</text>')
        if point is None:
            continue
        tip = f"<title>{escape(k)}: {escape(_fmt(point))}</title>"
        alone = (i == 0 or pts[i - 1][1] is None) and (i == n - 1 or pts[i + 1][1] is None)
        if alone and not marked:  # no neighbour to join: a short level stroke and its figure, not a dot
            out.append(f'<line class="line solo" x1="{x(i) - 5:.1f}" x2="{x(i) + 5:.1f}" '
                       f'y1="{y(point):.1f}" y2="{y(point):.1f}"/>')
            out.append(f'<text class="solo-val" x="{x(i):.1f}" y="{y(point) - 7:.1f}" text-anchor="middle">'
                       f"{escape(_fmt(point))}</text>")
        if marked:
            out.append(f'<circle class="pt marked" cx="{x(i):.1f}" cy="{y(point):.1f}" r="4.5">{tip}</circle>')
            out.append(f'<text class="val" x="{x(i):.1f}" y="{y(point) - 8:.1f}" text-anchor="middle">'
                       f"{escape(_fmt(point))}</text>")
        else:
            out.append(f'<circle class="pt" cx="{x(i):.1f}" cy="{y(point):.1f}" r="2">{tip}</circle>')
    out.append("</svg>")
    return "".join(out)
