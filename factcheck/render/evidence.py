"""The evidence in the HTML report: one card per claim, and the panel's overview.

A card shows how the claim's figure was computed, in words first (what the figure
must be, what was computed, why, the notes, the data files; see :mod:`.plain`), a
chart for changes and extremes, then in a closed fold the exact evidence (the
interval on the measure's scale, the exact fraction, numerator and denominator,
rows, details, each data file's sha256) and the SQL to reproduce it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..expectations.numbers import money_text, to_fraction
from ..formatting import plain_number, with_sign
from ..money import leading_sign
from ..report import ClaimResult, NoteCode, TableUse, Verdict, warnings
from . import chart, plain
from ._common import LABEL, ORDER, computed, numerator_denominator, read_as, reason_meaning, warning_text
from ._markup import ICON, e, e_spaced
from .article import WARN_SIGN

if TYPE_CHECKING:
    from .article import Group


def _interval(r: ClaimResult) -> str:
    x = r.expectation
    if x is None or (x.low is None and x.high is None):
        return ""
    lo = "−∞" if x.low is None else plain_number(x.low)
    hi = "+∞" if x.high is None else plain_number(x.high)
    left = "[" if x.low is not None and x.low_closed else "("
    right = "]" if x.high is not None and x.high_closed else ")"
    return f"{left}{lo}, {hi}{right}"


def _details(value: Any) -> str:
    """The claim's extra evidence (ranks, rankings, periods) as nested lists and tables."""
    if isinstance(value, dict):
        if not value:
            return "—"
        if set(value) == {"key", "value"}:  # a period and its figure: "2012 (160)"
            return f"{_details(value['key'])} ({_details(value['value'])})"
        return "<ul class=\"kv\">" + "".join(
            f"<li><span class=\"k\">{e(str(k).replace('_', ' '))}</span> {_details(v)}</li>"
            for k, v in value.items()) + "</ul>"
    if isinstance(value, list):
        if not value:
            return "none"
        if all(isinstance(v, dict) for v in value):
            keys = [k for k in dict.fromkeys(k for v in value for k in v) if k != "figure_text"]
            head = "".join(f"<th>{e(k)}</th>" for k in keys)
            rows = "".join("<tr>" + "".join(f"<td>{_cell(v, k)}</td>" for k in keys) + "</tr>"
                           for v in value)
            return f'<table class="mini"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
        return ", ".join(_details(v) for v in value)
    if isinstance(value, float):
        return e(plain_number(value))
    if value is None:
        return "—"
    return e(value)


def _for_people(fields: dict[str, Any]) -> dict[str, Any]:
    """A top's details as a reader knows them: each id a lookup names by its name ("Harbor Paving Co.
    (V0001)", the names then said once), and its sums in money when its groups' are."""
    names = fields.get("names")
    if names is None:
        return fields
    out = {k: v for k, v in fields.items() if k != "names"}
    if names:
        out["ranking"] = [{**g, "value": f"{names[g['value']]} ({g['value']})"} if g["value"] in names else g
                          for g in fields.get("ranking") or []]
        out["ties_at_cut"] = [f"{names[t]} ({t})" if t in names else t for t in fields.get("ties_at_cut") or []]
    sign = leading_sign(str((fields.get("ranking") or [{}])[0].get("figure_text") or ""))
    for k in ("top_total", "total"):
        if sign and isinstance(out.get(k), (int, float)):
            out[k] = with_sign(money_text(to_fraction(out[k])), sign)
    return out


def _cell(item: dict[str, Any], k: str) -> str:
    """One cell of a table of details: a group's sum as it is written for people when it is
    ("$222,293,788.86" for a top's group whose column is money), else as it is."""
    if k == "figure" and item.get("figure_text"):
        return e(item["figure_text"])
    return _details(item.get(k))


def _row(label: str, html_value: str) -> str:
    return f"<tr><th scope=\"row\">{e(label)}</th><td>{html_value}</td></tr>" if html_value else ""


def claim_card(r: ClaimResult, index: int | None, tables: dict[str, TableUse]) -> str:
    """One claim's evidence: in words first, then the chart; the exact figures, files and SQL folded.

    ``index`` gives the card its element id in the report page; a card shown on its own (a
    notebook) has none, since a notebook page holds many cards.
    """
    v = r.verdict
    anchor = f' id="c-{index}"' if index is not None else ""
    parts = [f'<article class="claim v-{v.value}"{anchor} data-claim-id="{e(r.id)}">',
             f'<h3><span class="badge v-{v.value}">{ICON[v]} {e(LABEL[v])}</span> '
             f'<code class="cid">{e(r.id)}</code>'
             + (f' <span class="line">line {e(r.line)}</span>' if r.line is not None else "")
             + (f' <strong class="warning">{e_spaced(warning_text(r))}</strong>' if warning_text(r) else "") + "</h3>",
             f'<blockquote class="says">{e(r.says)}</blockquote>']
    if r.message:
        parts.append(f'<p class="message">{e_spaced(r.message)}</p>')
    parts.extend(_plain_lines(r, tables))
    if r.kind in ("change", "extreme"):
        pic = chart.svg(r)
        if pic:
            window = [n for n in r.notes if n.code == NoteCode.WINDOW_SENSITIVE]
            caption = "".join(f'<figcaption class="window"><code>{e(n.code.value)}</code> {e_spaced(n.message)}'
                              "</figcaption>" for n in window)
            parts.append(f'<figure class="chart">{pic}{caption}</figure>')
    rows = _figure_rows(r) + _context_rows(r, tables)
    if rows:
        parts.append('<details class="exact"><summary>Exact figures, interval and checksums</summary>'
                     '<table class="evidence">' + "".join(rows) + "</table></details>")
    if r.sql:
        parts.append('<details class="sql"><summary>SQL (paste into DuckDB to reproduce)</summary>'
                     f"<pre><code>{e(r.sql)}</code></pre></details>")
    parts.append("</article>")
    return "".join(parts)


def _plain_lines(r: ClaimResult, tables: dict[str, TableUse]) -> list[str]:
    """The evidence in words, shown first: what the figure must be, what was computed, why, the files."""
    out = []
    need = ""
    if r.expectation is not None and read_as(r):
        x = r.expectation
        need = e(plain.requirement(x, r.kind))
        if not need.endswith(e(x.written)):  # "must round to 59%" says the figure already
            need = f"\u201c{e(x.written)}\u201d {need}"
    got = plain.found(r)
    if got:
        head, _, rest = got.partition(" ")
        got = f"{e(head)} <strong>{e(rest)}</strong>"
    if need or got:
        line = "; ".join(x for x in (need, got) if x)
        out.append(f'<p class="plain">{line[:1].upper()}{line[1:]}.</p>')
    if r.reason is not None:
        out.append(f'<p class="why">{e(reason_meaning(r))} <code class="muted">{e(r.reason.value)}</code></p>')
    if r.notes:
        out.append("<ul class=\"notes\">" + "".join(
            f"<li>{e_spaced(n.message)} <code class=\"muted\">{e(n.code.value)}</code></li>" for n in r.notes) + "</ul>")
    if r.tables:
        names = [f"<code>{e(n)}</code>" + (f" {e(tables[n].path)}" if n in tables else "") for n in r.tables]
        out.append(f'<p class="from">from {", ".join(names)}</p>')
    return out


def _figure_rows(r: ClaimResult) -> list[str]:
    """The exact evidence on the figure: the expectation as read, its interval, the exact value, the rows."""
    rows = []
    if r.expectation is not None:
        x = r.expectation
        meaning = e(x.written) + (f' <span class="muted">— read as {e(read_as(r))}</span>' if read_as(r) else "")
        rows.append(_row("expected", meaning))
        iv = _interval(r)
        if iv:
            rows.append(_row("interval", f'<code>{e(iv)}</code> <span class="muted">on the measure\'s scale</span>'))
    if r.value is not None or r.value_text is not None:
        val = f"<strong>{e(computed(r))}</strong>"
        if r.value_exact and r.value_exact != r.value_text:
            val += f' <span class="muted">exactly {e(r.value_exact)}</span>'
        rows.append(_row("computed", val))
    if r.numerator is not None or r.denominator is not None:
        rows.append(_row("numerator / denominator", " / ".join(e(x) for x in numerator_denominator(r))))
    if r.rows_kept is not None or r.rows_unknown is not None:
        bits = []
        if r.rows_kept is not None:
            bits.append(f"{r.rows_kept:,} kept")
        if r.rows_unknown is not None:
            bits.append(f"{r.rows_unknown:,} left out as unknown")
        rows.append(_row("rows", e(", ".join(bits))))
    return rows


def _context_rows(r: ClaimResult, tables: dict[str, TableUse]) -> list[str]:
    """The exact evidence around the figure: the kind's details (ranks, rankings) and the files' SHA-256."""
    rows = []
    if r.details:
        rows.append(_row("details", _details(_for_people(r.details.fields()))))
    if r.tables:
        files = []
        for name in r.tables:
            t = tables.get(name)
            if t is None:
                files.append(f"<li><code>{e(name)}</code></li>")
            else:
                files.append(f'<li><code>{e(name)}</code> {e(t.path)} '
                             f'<span class="sha">sha256 {e(t.sha256)}</span></li>')
        rows.append(_row("data", "<ul class=\"files\">" + "".join(files) + "</ul>"))
    return rows


def group_section(g: Group, results: list[ClaimResult], tables: dict[str, TableUse]) -> list[str]:
    """The panel's section for one marked sentence: its heading, then its claims' cards, worst first."""
    v = g.verdict(results)
    out = [f'<section class="group v-{v.value}" id="ev-{g.number}" data-group="{g.number}">'
           f'<h2 class="gh"><span class="badge v-{v.value}">{ICON[v]}{g.number}</span> '
           f'{len(g.claims)} claim{"s" if len(g.claims) != 1 else ""} on this sentence'
           '<button type="button" class="close" aria-label="close the evidence">\u00d7</button></h2>']
    ordered = sorted(g.claims, key=lambda i: (ORDER[results[i].verdict], i))
    out.extend(claim_card(results[i], i, tables) for i in ordered)
    out.append("</section>")
    return out


def overview(groups: list[Group], missing: list[int], results: list[ClaimResult]) -> str:
    """What the panel shows before a sentence is selected: the sentences that need a look."""
    worth = [g for g in groups if g.verdict(results) != Verdict.PASS or g.warned(results)]
    out = ['<section class="overview" id="overview"><h2>Evidence</h2>',
           ('<p class="hint">Select a marked sentence (click, or Tab then Enter) to see how its figure '
           "was computed. Marks: "
           '<span class="fc v-pass">pass</span> <span class="fc v-fail">fail</span> '
           '<span class="fc v-unverifiable">unverifiable</span>.</p>')]
    if worth:
        out.append("<p>Sentences to look at:</p><ul class=\"todo\">")
        for g in worth:
            v = g.verdict(results)
            ids = ", ".join(results[i].id + (" (warning)" if warnings(results[i]) else "") for i in g.claims
                            if results[i].verdict != Verdict.PASS or warnings(results[i]))
            warn = f'<span class="warn-sign" title="a claim here carries a warning">{WARN_SIGN}</span>' \
                if g.warned(results) else ""
            out.append(f'<li><a href="#m-{g.number}" data-group="{g.number}" class="jump">'
                       f'<span class="badge v-{v.value}">{ICON[v]}{g.number}</span>{warn} {e(ids)}</a></li>')
        out.append("</ul>")
    if missing:
        out.append(f'<p><a href="#unplaced">{len(missing)} claim{"s" if len(missing) != 1 else ""} '
                   "not found in the article</a></p>")
    out.append("</section>")
    return "".join(out)
