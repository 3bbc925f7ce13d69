"""The HTML report: the article itself, with each claim's sentence marked by verdict.

One self-contained file: the CSS and the little script are inline, nothing is
fetched (images in the article are shown as their alt text). The article (the
claims file's ``article:``) is rendered from Markdown with raw HTML disabled,
and each claim's ``says`` sentence is found in it (tolerant of line breaks,
emphasis and curly quotes) and marked in the colour of its verdict. Selecting a
marked sentence, by click or keyboard, shows its evidence beside the text.
Claims whose sentence is not in the article are listed after it; without an
article the page lists every claim. Printed, the page shows the article with
numbered marks and then every piece of evidence.

Everything that comes from a user (titles, ``says``, values, file names, the
article) is escaped with :func:`html.escape`; the writer reads the article file
and writes nothing but its output.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

from ..report import REASON_TEXT, ClaimResult, Report, TableUse, Verdict
from . import chart
from ._common import LABEL, ORDER, computed, failures_first, fmt_num

ICON = {Verdict.PASS: "✓", Verdict.FAIL: "✗", Verdict.UNVERIFIABLE: "?"}


def e(x: object) -> str:
    """Escape for HTML text and (double-quoted) attributes."""
    return escape(str(x), quote=True)


# --------------------------------------------------------------------------- finding sentences

_FOLD = {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "",
         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
         "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00ad": "", "\u200b": "", "*": "", "_": ""}


def normalize(text: str) -> tuple[str, list[int]]:
    """Text folded for matching, and for each folded character its index in ``text``.

    Curly quotes become straight, dashes become '-', emphasis marks (``*``, ``_``,
    backticks) are dropped, runs of whitespace become one space, letters are lower case.
    """
    out: list[str] = []
    where: list[int] = []
    for i, c in enumerate(text):
        c = _FOLD.get(c, c)
        if not c:
            continue
        if c.isspace():
            if not out or out[-1] == " ":
                continue
            c = " "
        low = c.lower()
        out.append(low if len(low) == 1 else c)
        where.append(i)
    return "".join(out), where


def _needle(says: str) -> str:
    folded, _ = normalize(says)
    return folded.strip()


def _find(hay: str, needle: str) -> int:
    """The first occurrence of ``needle`` in ``hay`` not inside a longer word, or -1."""
    if not needle:
        return -1
    start = 0
    while True:
        i = hay.find(needle, start)
        if i < 0:
            return -1
        before = hay[i - 1] if i > 0 else " "
        after = hay[i + len(needle)] if i + len(needle) < len(hay) else " "
        if not (needle[0].isalnum() and before.isalnum()) and not (needle[-1].isalnum() and after.isalnum()):
            return i
        start = i + 1


@dataclass
class Group:
    """One marked stretch of the article and the claims that point at it."""

    number: int
    start: int
    end: int
    claims: list[int] = field(default_factory=list)  # indices into report.results

    def verdict(self, results: list[ClaimResult]) -> Verdict:
        return min((results[i].verdict for i in self.claims), key=lambda v: ORDER[v])


@dataclass
class _Block:
    token: Any                 # the markdown-it inline token
    plain: str                 # its text as a reader sees it
    leaves: dict[int, tuple[int, int]]  # child index -> span in plain
    folded: str = ""
    where: list[int] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)


def _blocks(tokens: list[Any]) -> list[_Block]:
    blocks = []
    for tok in tokens:
        if tok.type != "inline" or not tok.children:
            continue
        plain, leaves = "", {}
        for i, ch in enumerate(tok.children):
            if ch.type in ("text", "code_inline"):
                s = ch.content
            elif ch.type in ("softbreak", "hardbreak"):
                s = " "
            else:
                continue
            leaves[i] = (len(plain), len(plain) + len(s))
            plain += s
        b = _Block(tok, plain, leaves)
        b.folded, b.where = normalize(plain)
        blocks.append(b)
    return blocks


def place(blocks: list[_Block], results: list[ClaimResult]) -> list[int]:
    """Find each claim's sentence; fill each block's groups; return the claims not found."""
    spans: dict[int, list[tuple[int, int, int]]] = {}
    missing = []
    for ci, r in enumerate(results):
        needle = _needle(r.says)
        candidates = [needle]
        trimmed = needle.rstrip(".!?;:,\"' ")
        if trimmed and trimmed != needle:
            candidates.append(trimmed)
        for bi, b in enumerate(blocks):
            hit = next(((i, n) for n in candidates if (i := _find(b.folded, n)) >= 0), None)
            if hit is not None:
                i, n = hit
                spans.setdefault(bi, []).append((b.where[i], b.where[i + len(n) - 1] + 1, ci))
                break
        else:
            missing.append(ci)
    number = 0
    for bi, b in enumerate(blocks):
        groups: list[Group] = []
        for s, t, ci in sorted(spans.get(bi, []), key=lambda x: (x[0], -x[1], x[2])):
            if groups and s < groups[-1].end:  # overlapping sentences share one mark
                groups[-1].end = max(groups[-1].end, t)
                groups[-1].claims.append(ci)
            else:
                groups.append(Group(0, s, t, [ci]))
        for g in groups:
            number += 1
            g.number = number
            g.claims.sort()
        b.groups = groups
    return missing


def _mark_tokens(b: _Block, results: list[ClaimResult]) -> None:
    """Split the block's text tokens at group edges and wrap each marked piece in <mark>."""
    if not b.groups:
        return
    from markdown_it.token import Token

    def group_at(pos: int) -> Group | None:
        return next((g for g in b.groups if g.start <= pos < g.end), None)

    last_piece: dict[int, Token] = {}
    opened: set[int] = set()
    new: list[Any] = []
    current: Group | None = None  # the group whose <mark> is open

    def close() -> None:
        nonlocal current
        if current is not None:
            tok = Token("html_inline", "", 0, content="</mark>")
            new.append(tok)
            last_piece[current.number] = tok
            current = None

    def open_(g: Group) -> None:
        nonlocal current
        v = g.verdict(results)
        attrs = (f'class="fc v-{v.value}" data-group="{g.number}" tabindex="0" role="button" '
                 f'aria-controls="ev-{g.number}" aria-pressed="false"'
                 + (f' id="m-{g.number}"' if g.number not in opened else ""))
        opened.add(g.number)
        new.append(Token("html_inline", "", 0, content=f"<mark {attrs}>"))
        current = g

    for i, ch in enumerate(b.token.children):
        span = b.leaves.get(i)
        if span is None:  # emphasis, links: a mark never straddles their edges
            close()
            new.append(ch)
            continue
        s, t = span
        cuts = sorted({s, t} | {x for g in b.groups for x in (g.start, g.end) if s < x < t})
        if ch.type in ("softbreak", "hardbreak"):
            cuts = [s, t]
        for a, z in itertools.pairwise(cuts):
            piece = ch if len(cuts) == 2 else ch.copy(content=ch.content[a - s:z - s])
            g = group_at(a)
            if g is not current:
                close()
                if g is not None:
                    open_(g)
            new.append(piece)
    close()
    # the last piece of each group carries the number and verdict sign that link it to its evidence
    for g in b.groups:
        end = last_piece.get(g.number)
        if end is not None:
            v = g.verdict(results)
            end.content = f'<sup class="fcn v-{v.value}" aria-hidden="true">{ICON[v]}{g.number}</sup></mark>'
    b.token.children = new


def render_article(text: str, results: list[ClaimResult]) -> tuple[str, list[Group], list[int]]:
    """The article as HTML with claims marked, its groups, and the claims not found in it."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")

    def image(renderer: Any, tokens: list[Any], idx: int, options: Any, env: Any) -> str:  # no fetching: alt only
        alt = "".join(c.content for c in (tokens[idx].children or []))
        return f'<span class="img-alt">[image: {e(alt)}]</span>'

    md.add_render_rule("image", image)
    tokens = md.parse(text)
    blocks = _blocks(tokens)
    missing = place(blocks, results)
    for b in blocks:
        _mark_tokens(b, results)
    body = md.renderer.render(tokens, md.options, {})
    return body, [g for b in blocks for g in b.groups], missing


# --------------------------------------------------------------------------- evidence

def _interval(r: ClaimResult) -> str:
    x = r.expectation
    if x is None or (x.low is None and x.high is None):
        return ""
    lo = "−∞" if x.low is None else fmt_num(x.low)
    hi = "+∞" if x.high is None else fmt_num(x.high)
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
            keys = list(dict.fromkeys(k for v in value for k in v))
            head = "".join(f"<th>{e(k)}</th>" for k in keys)
            rows = "".join("<tr>" + "".join(f"<td>{_details(v.get(k))}</td>" for k in keys) + "</tr>"
                           for v in value)
            return f'<table class="mini"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
        return ", ".join(_details(v) for v in value)
    if isinstance(value, float):
        return e(fmt_num(value))
    if value is None:
        return "—"
    return e(value)


def _row(label: str, html_value: str) -> str:
    return f"<tr><th scope=\"row\">{e(label)}</th><td>{html_value}</td></tr>" if html_value else ""


def claim_card(r: ClaimResult, index: int, tables: dict[str, TableUse]) -> str:
    v = r.verdict
    parts = [f'<article class="claim v-{v.value}" id="c-{index}" data-claim-id="{e(r.id)}">',
             f'<h3><span class="badge v-{v.value}">{ICON[v]} {e(LABEL[v])}</span> '
             f'<code class="cid">{e(r.id)}</code>'
             + (f' <span class="line">line {e(r.line)}</span>' if r.line is not None else "") + "</h3>",
             f'<blockquote class="says">{e(r.says)}</blockquote>']
    if r.message:
        parts.append(f'<p class="message">{e(r.message)}</p>')
    rows = []
    if r.expectation is not None:
        x = r.expectation
        meaning = f'{e(x.written)} <span class="muted">— read as {e(x.meaning)}</span>'
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
        rows.append(_row("numerator / denominator", f"{e(fmt_num(r.numerator))} / {e(fmt_num(r.denominator))}"))
    if r.rows_kept is not None or r.rows_unknown is not None:
        bits = []
        if r.rows_kept is not None:
            bits.append(f"{r.rows_kept:,} kept")
        if r.rows_unknown is not None:
            bits.append(f"{r.rows_unknown:,} left out as unknown")
        rows.append(_row("rows", e(", ".join(bits))))
    if r.reason is not None:
        rows.append(_row("reason", f"<code>{e(r.reason.value)}</code> {e(REASON_TEXT.get(r.reason, ''))}"))
    if r.notes:
        rows.append(_row("notes", "<ul class=\"notes\">" + "".join(
            f"<li><code>{e(n.code.value)}</code> {e(n.message)}</li>" for n in r.notes) + "</ul>"))
    if r.details:
        rows.append(_row("details", _details(r.details)))
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
    if rows:
        parts.append('<table class="evidence">' + "".join(rows) + "</table>")
    if r.kind in ("change", "extreme"):
        pic = chart.svg(r)
        if pic:
            parts.append(f'<figure class="chart">{pic}</figure>')
    if r.sql:
        parts.append('<details class="sql"><summary>SQL (paste into DuckDB to reproduce)</summary>'
                     f"<pre><code>{e(r.sql)}</code></pre></details>")
    parts.append("</article>")
    return "".join(parts)


# --------------------------------------------------------------------------- the page

def read_article(report: Report) -> str | None:
    """The article's text, read from beside the claims file; None when there is none to read."""
    if not report.article:
        return None
    path = Path(report.claims_file).parent / report.article
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def render(report: Report, article_text: str | None = None) -> str:
    """The report as one self-contained HTML page.

    ``article_text`` overrides reading the article from beside the claims file.
    """
    if article_text is None:
        article_text = read_article(report)
    results = report.results
    tables = {t.name: t for t in report.tables}
    title = report.title or report.claims_file
    s = report.summary

    head = ['<!DOCTYPE html>', '<html lang="en">', "<head>", '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            ("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"),
            f"<title>factcheck: {e(title)}</title>", f"<style>{CSS}</style>", "</head>"]
    body = ['<body class="nojs">', '<header class="top">',
            f'<p class="kicker">factcheck report</p><h1>{e(title)}</h1>',
            ('<p class="counts">'
            f'<span class="chip v-fail">{ICON[Verdict.FAIL]} {s.failed} failed</span> '
            f'<span class="chip v-unverifiable">{ICON[Verdict.UNVERIFIABLE]} {s.unverifiable} unverifiable</span> '
            f'<span class="chip v-pass">{ICON[Verdict.PASS]} {s.passed} passed</span> '
            f'<span class="muted">of {s.total} claim{"s" if s.total != 1 else ""}</span></p>'),
            (f'<p class="meta">claims file <code>{e(report.claims_file)}</code> '
            f'<span class="sha">sha256 {e(report.claims_sha256)}</span> · factcheck {e(report.tool_version)} · '
            f'{e(report.generated_at)}</p>'), "</header>"]

    if article_text is not None:
        article_html, groups, missing = render_article(article_text, results)
        body.append('<main class="layout">')
        body.append(f'<article class="story" id="article" aria-label="the article">{article_html}</article>')
        body.append('<aside class="panel" id="panel" aria-label="evidence" aria-live="polite">')
        body.append(_overview(groups, missing, results))
        for g in groups:
            v = g.verdict(results)
            body.append(f'<section class="group v-{v.value}" id="ev-{g.number}" data-group="{g.number}">'
                        f'<h2 class="gh"><span class="badge v-{v.value}">{ICON[v]}{g.number}</span> '
                        f'{len(g.claims)} claim{"s" if len(g.claims) != 1 else ""} on this sentence</h2>')
            ordered = sorted(g.claims, key=lambda i: (ORDER[results[i].verdict], i))
            body.extend(claim_card(results[i], i, tables) for i in ordered)
            body.append("</section>")
        body.append("</aside></main>")
        if missing:
            body.append('<section class="unplaced" id="unplaced"><h2>Claims not found in the article</h2>'
                        '<p class="muted">Their <code>says</code> text does not appear in '
                        f'<code>{e(report.article)}</code>: the sentence was edited, or the claim is about '
                        "another text.</p>")
            ordered = sorted(missing, key=lambda i: (ORDER[results[i].verdict], i))
            body.extend(claim_card(results[i], i, tables) for i in ordered)
            body.append("</section>")
    else:
        note = (f'The article <code>{e(report.article)}</code> could not be read, so the claims are listed.'
                if report.article else "The claims file names no <code>article:</code>, so the claims are listed.")
        body.append(f'<main class="list" id="claims"><p class="muted">{note}</p>')
        index = {id(r): i for i, r in enumerate(results)}
        body.extend(claim_card(r, index[id(r)], tables) for r in failures_first(report))
        body.append("</main>")

    body.append(_data_section(report))
    body.append(f"<script>{SCRIPT}</script>")
    body.append("</body></html>")
    return "\n".join(head + body) + "\n"


def _overview(groups: list[Group], missing: list[int], results: list[ClaimResult]) -> str:
    """What the panel shows before a sentence is selected: the sentences that need a look."""
    worth = [g for g in groups if g.verdict(results) != Verdict.PASS]
    out = ['<section class="overview" id="overview"><h2>Evidence</h2>',
           ('<p class="hint">Select a marked sentence (click, or Tab then Enter) to see how its figure '
           "was computed. Marks: "
           '<span class="fc v-pass">pass</span> <span class="fc v-fail">fail</span> '
           '<span class="fc v-unverifiable">unverifiable</span>.</p>')]
    if worth:
        out.append("<p>Sentences to look at:</p><ul class=\"todo\">")
        for g in worth:
            v = g.verdict(results)
            ids = ", ".join(results[i].id for i in g.claims if results[i].verdict != Verdict.PASS)
            out.append(f'<li><a href="#m-{g.number}" data-group="{g.number}" class="jump">'
                       f'<span class="badge v-{v.value}">{ICON[v]}{g.number}</span> {e(ids)}</a></li>')
        out.append("</ul>")
    if missing:
        out.append(f'<p><a href="#unplaced">{len(missing)} claim{"s" if len(missing) != 1 else ""} '
                   "not found in the article</a></p>")
    out.append("</section>")
    return "".join(out)


def _data_section(report: Report) -> str:
    rows = "".join(f"<tr><td><code>{e(t.name)}</code></td><td>{e(t.path)}</td><td>{t.rows:,}</td>"
                   f"<td>{e(', '.join(t.columns_read))}</td><td class=\"sha\">{e(t.sha256)}</td></tr>"
                   for t in report.tables)
    return ('<section class="data" id="data"><h2>Data files</h2>'
            '<table class="files"><thead><tr><th>table</th><th>file</th><th>rows</th><th>columns read</th>'
            f"<th>sha256</th></tr></thead><tbody>{rows}</tbody></table>"
            f'<p class="muted">schema_version {e(report.schema_version)}; the same figures as data: '
            "<code>factcheck run … --json PATH</code>.</p></section>")


CSS = """
:root{--pass:#1a7f37;--pass-bg:#dcf5e3;--fail:#c62828;--fail-bg:#ffd9d6;--unv:#8a6100;--unv-bg:#fff1c2;
--ink:#1d1d1f;--muted:#5f6368;--line:#d9d9de;--paper:#fff;--panel:#f7f7f9}
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 Georgia,'Times New Roman',serif;color:var(--ink);background:var(--paper)}
header.top,main,section.unplaced,section.data{max-width:1280px;margin:0 auto;padding:0 24px}
header.top{padding-top:18px;padding-bottom:8px;border-bottom:1px solid var(--line);font-family:system-ui,sans-serif}
.kicker{margin:0;text-transform:uppercase;letter-spacing:.08em;font-size:12px;color:var(--muted)}
h1{margin:2px 0 8px;font-size:24px}
.counts{margin:6px 0}.meta{margin:4px 0;font-size:12px;color:var(--muted);overflow-wrap:anywhere}
.chip{display:inline-block;padding:2px 10px;border-radius:12px;font-weight:600;font-size:14px}
.chip.v-pass,.badge.v-pass{background:var(--pass-bg);color:var(--pass)}
.chip.v-fail,.badge.v-fail{background:var(--fail-bg);color:var(--fail)}
.chip.v-unverifiable,.badge.v-unverifiable{background:var(--unv-bg);color:var(--unv)}
.muted{color:var(--muted)}.sha{font-family:ui-monospace,monospace;font-size:11px;color:var(--muted);overflow-wrap:anywhere}
main.layout{display:grid;grid-template-columns:minmax(0,1fr) minmax(320px,440px);gap:32px;align-items:start}
article.story{max-width:42em;padding:8px 0 40px}
article.story h1{font-size:30px;line-height:1.2}
mark.fc{cursor:pointer;border-radius:2px;padding:0;color:inherit;box-decoration-break:clone;-webkit-box-decoration-break:clone}
mark.fc.v-pass{background:var(--pass-bg);border-bottom:2px solid var(--pass)}
mark.fc.v-fail{background:var(--fail-bg);border-bottom:2px solid var(--fail)}
mark.fc.v-unverifiable{background:var(--unv-bg);border-bottom:2px dashed var(--unv)}
mark.fc:hover{filter:brightness(.95)}
mark.fc:focus-visible,mark.fc.active{outline:2px solid #1f4fd6;outline-offset:1px}
span.fc{padding:0 4px;border-radius:3px}
span.fc.v-pass{background:var(--pass-bg)}span.fc.v-fail{background:var(--fail-bg)}span.fc.v-unverifiable{background:var(--unv-bg)}
sup.fcn{font:700 10px system-ui,sans-serif;margin-left:2px}
sup.fcn.v-pass{color:var(--pass)}sup.fcn.v-fail{color:var(--fail)}sup.fcn.v-unverifiable{color:var(--unv)}
aside.panel{position:sticky;top:0;max-height:100vh;overflow:auto;padding:12px 16px 24px;background:var(--panel);
border-left:1px solid var(--line);font:14px/1.45 system-ui,sans-serif}
aside.panel h2{font-size:16px;margin:8px 0}
.js section.group{display:none}.js section.group.active{display:block}
.js section.overview.hidden{display:none}
section.group{border-top:1px solid var(--line);padding-top:4px}
.badge{display:inline-block;padding:0 7px;border-radius:10px;font:600 12px system-ui,sans-serif}
article.claim{background:#fff;border:1px solid var(--line);border-left:4px solid var(--line);border-radius:6px;
padding:10px 12px;margin:10px 0;font:14px/1.45 system-ui,sans-serif;break-inside:avoid}
article.claim.v-pass{border-left-color:var(--pass)}article.claim.v-fail{border-left-color:var(--fail)}
article.claim.v-unverifiable{border-left-color:var(--unv)}
article.claim h3{margin:0 0 6px;font-size:14px}.cid{font-size:13px}.line{font-weight:400;color:var(--muted);font-size:12px}
blockquote.says{margin:6px 0;padding-left:10px;border-left:3px solid var(--line);font-family:Georgia,serif;color:#333}
p.message{margin:6px 0;font-weight:600}
table.evidence{border-collapse:collapse;width:100%;font-size:13px}
table.evidence th{text-align:left;vertical-align:top;color:var(--muted);font-weight:500;padding:3px 8px 3px 0;white-space:nowrap}
table.evidence td{padding:3px 0;vertical-align:top;overflow-wrap:anywhere}
table.mini{border-collapse:collapse;font-size:12px}table.mini th,table.mini td{border:1px solid var(--line);padding:1px 6px}
ul.kv,ul.notes,ul.files{margin:0;padding-left:16px}.k{color:var(--muted)}
details.sql summary{cursor:pointer;color:#1f4fd6;font-size:13px;margin-top:6px}
details.sql pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f2f2f5;padding:8px;border-radius:4px;font-size:11px;max-height:320px;overflow:auto}
figure.chart{margin:8px 0}svg.chart{max-width:100%;height:auto;font:10px system-ui,sans-serif}
svg.chart .grid{stroke:#e3e3e8}svg.chart .line{fill:none;stroke:#555;stroke-width:1.5}
svg.chart .pt{fill:#555}svg.chart .pt.marked{fill:#1f4fd6;stroke:#fff;stroke-width:1.5}
svg.chart .tick,svg.chart .key{fill:var(--muted)}svg.chart .key.marked{fill:#1f4fd6;font-weight:700}
svg.chart .val{fill:#1f4fd6;font-weight:700}
ul.todo{list-style:none;padding:0}ul.todo li{margin:4px 0}a.jump{text-decoration:none;color:inherit}
a.jump:hover{text-decoration:underline}
section.unplaced,section.data,main.list{padding-top:8px;padding-bottom:16px;border-top:1px solid var(--line);font-family:system-ui,sans-serif}
table.files{border-collapse:collapse;font-size:13px;width:100%}table.files th,table.files td{text-align:left;border-bottom:1px solid var(--line);padding:4px 8px;vertical-align:top}
.img-alt{color:var(--muted);font-style:italic}
@media (max-width:900px){main.layout{grid-template-columns:1fr}aside.panel{position:static;max-height:none;border-left:0}}
@media print{
body{font-size:11pt}main.layout{display:block}aside.panel{position:static;max-height:none;overflow:visible;background:none;border:0;padding:0}
.js section.group,section.group{display:block!important}section.overview{display:none!important}
mark.fc{outline:none!important}article.claim{border-color:#999}details.sql pre{max-height:none}
a.jump{display:none}header.top{border:0}
}
"""

SCRIPT = r"""
(function(){
  var body=document.body;body.classList.remove('nojs');body.classList.add('js');
  var marks=Array.prototype.slice.call(document.querySelectorAll('mark.fc'));
  var overview=document.getElementById('overview');
  function select(n,scroll){
    marks.forEach(function(m){var on=m.getAttribute('data-group')===n;m.classList.toggle('active',on);m.setAttribute('aria-pressed',on?'true':'false');});
    Array.prototype.forEach.call(document.querySelectorAll('section.group'),function(s){s.classList.toggle('active',s.getAttribute('data-group')===n);});
    if(overview){overview.classList.add('hidden');}
    var panel=document.getElementById('panel');if(panel){panel.scrollTop=0;}
    if(scroll){var m=document.getElementById('m-'+n);if(m){m.scrollIntoView({block:'center'});m.focus();}}
  }
  marks.forEach(function(m){
    m.addEventListener('click',function(){select(m.getAttribute('data-group'),false);});
    m.addEventListener('keydown',function(ev){if(ev.key==='Enter'||ev.key===' '){ev.preventDefault();select(m.getAttribute('data-group'),false);}});
  });
  Array.prototype.forEach.call(document.querySelectorAll('a.jump'),function(a){
    a.addEventListener('click',function(ev){ev.preventDefault();select(a.getAttribute('data-group'),true);});
  });
  document.addEventListener('keydown',function(ev){
    if(ev.key==='Escape'){marks.forEach(function(m){m.classList.remove('active');m.setAttribute('aria-pressed','false');});
      Array.prototype.forEach.call(document.querySelectorAll('section.group'),function(s){s.classList.remove('active');});
      if(overview){overview.classList.remove('hidden');}}
  });
  window.addEventListener('beforeprint',function(){Array.prototype.forEach.call(document.querySelectorAll('details'),function(d){d.setAttribute('open','');});});
})();
"""
