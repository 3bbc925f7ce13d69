"""The HTML report: the article itself, with each claim's sentence marked by verdict.

One self-contained file: the CSS and the little script are inline, nothing is
fetched (images in the article are shown as their alt text). The article (the
claims file's ``article:``) is rendered from Markdown with raw HTML disabled,
and each claim's ``says`` sentence is found in it (tolerant of line breaks,
emphasis and curly quotes) and marked in the colour of its verdict. Selecting a
marked sentence, by click or keyboard, shows its evidence beside the text (on a
narrow screen, in the text right under the sentence).
Given the report's coverage, each figure of the article is marked inside its
sentence too: by the verdict of the claims stating it, or "not checked", or
"ignored".
Claims whose sentence is not in the article are listed after it; without an
article the page lists every claim. Printed, the page shows the article with
numbered marks and then every piece of evidence.

The parts live beside this module: :mod:`.article` renders the article and marks
its sentences, :mod:`.figmarks` the figures in them, :mod:`.evidence` builds each claim's evidence and the panel,
:mod:`._assets` holds the inline CSS and script, :mod:`._markup` the escaping.
This module puts the page together.

Everything that comes from a user (titles, ``says``, values, file names, the
article) is escaped with :func:`html.escape`, and a character that hides or reorders
text (a control, a right-to-left override) is shown as an escape (``\\u202e``), as in the
terminal; the writer reads the article file and writes nothing but its output.
"""

from __future__ import annotations

from ..report import Report, Verdict, warnings
from . import figmarks
from ._assets import CSS, SCRIPT
from ._common import ORDER, draft_command, failures_first
from ._markup import ICON, e
from .article import WARN_SIGN, Group, normalize, place, read_article, render_article
from .evidence import claim_card, group_section, overview

# the names callers and tests reach through this module
__all__ = ["CSS", "ICON", "SCRIPT", "Group", "claim_card", "e", "normalize", "place", "read_article", "render",
           "render_article"]


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
    warned = sum(1 for r in results if warnings(r))

    head = ['<!DOCTYPE html>', '<html lang="en">', "<head>", '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            ("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"),
            f"<title>factcheck: {e(title)}</title>", f"<style>{CSS}{figmarks.CSS}</style>", "</head>"]
    body = ['<body class="nojs">', '<header class="top">',
            f'<p class="kicker">factcheck report</p><h1>{e(title)}</h1>',
            ('<p class="counts">'
            f'<span class="chip v-fail">{ICON[Verdict.FAIL]} {s.failed} failed</span> '
            f'<span class="chip v-unverifiable">{ICON[Verdict.UNVERIFIABLE]} {s.unverifiable} unverifiable</span> '
            f'<span class="chip v-pass">{ICON[Verdict.PASS]} {s.passed} passed</span> '
            + (f'<span class="chip warned">{WARN_SIGN} {warned} with a warning</span> ' if warned else "")
            + f'<span class="muted">of {s.total} claim{"s" if s.total != 1 else ""}</span></p>'),
            (f'<p class="meta">claims file <code>{e(report.claims_file)}</code> '
            f'<span class="sha">sha256 {e(report.claims_sha256)}</span> · factcheck {e(report.tool_version)} · '
            f'engine {e(report.engine)} · {e(report.generated_at)}</p>'), "</header>"]

    if article_text is not None:
        article_html, groups, missing, figures = figmarks.render_marked(article_text, results, report.coverage)
        body.append('<main class="layout">')
        body.append(f'<article class="story" id="article" aria-label="the article">{article_html}</article>')
        body.append('<aside class="panel" id="panel" aria-label="evidence" aria-live="polite">')
        body.append(overview(groups, missing, results))
        for g in groups:
            body.extend(group_section(g, results, tables))
        body.extend(figmarks.figure_sections(figures))
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

    body.append(_coverage_section(report))
    body.append(_data_section(report))
    body.append(f"<script>{SCRIPT}{figmarks.SCRIPT}</script>")
    body.append("</body></html>")
    return "\n".join(head + body) + "\n"


_FIGURE_STATUS = {"not_checked": "not checked", "not_encoded": "noted, no measure yet", "ignored": "ignored"}


def _coverage_section(report: Report) -> str:
    """The article's figures that no claim checks (and those noted or ignored), stale claims, unused ignores."""
    cov = report.coverage
    if cov is None:
        return ""
    n = len(cov.not_checked)
    shown = [f for f in cov.figures if f.status.value != "checked"]
    rows = "".join(f'<tr class="fig-{e(f.status.value)}"><td><strong>{e(f.text)}</strong></td><td>{f.line}</td>'
                   f"<td>{e(f.sentence)}</td><td>{e(_FIGURE_STATUS[f.status.value])}</td>"
                   f"<td>{e(f.reason or ', '.join(f.claims))}</td></tr>" for f in shown)
    table = ("<table class=\"files\"><thead><tr><th>figure</th><th>line</th><th>sentence</th><th>status</th>"
             f"<th>why</th></tr></thead><tbody>{rows}</tbody></table>" if shown else "")
    fails = " (a failure under <code>--require-coverage</code>)" if n and cov.required else ""
    extra = "".join(f'<p class="stale">Stale: claim <code>{e(st.id)}</code> says \u201c{e(st.says)}\u201d, no '
                    "longer in the article" + (f"; closest now (line {st.closest_line}): \u201c{e(st.closest)}\u201d"
                                               if st.closest else "") + ".</p>" for st in cov.stale)
    extra += "".join(f'<p class="unused">Unused ignore: figure \u201c{e(u.figure)}\u201d in \u201c{e(u.sentence)}'
                     "\u201d matches nothing in the article.</p>" for u in cov.unused_ignores)
    return ('<section class="unplaced coverage" id="coverage"><h2>Coverage of the article</h2>'
            f'<p class="muted">{n} figure{"s" if n != 1 else ""} of {len(cov.figures)} in '
            f'<code>{e(cov.article)}</code> {"are" if n != 1 else "is"} not checked{fails}.</p>'
            + (f'<p class="muted">To draft a claim for {"each" if n > 1 else "it"}, with the measures that meet its '
               f"figure: <code>{e(draft_command(report.claims_file))}</code></p>" if n else "")
            + f"{table}{extra}</section>")


def _data_section(report: Report) -> str:
    rows = "".join(f"<tr><td><code>{e(t.name)}</code></td><td>{e(t.path)}</td><td>{t.rows:,}</td>"
                   f"<td>{e(', '.join(t.columns_read))}</td><td class=\"sha\">{e(t.sha256)}</td></tr>"
                   for t in report.tables)
    return ('<section class="data" id="data"><h2>Data files</h2>'
            '<table class="files"><thead><tr><th>table</th><th>file</th><th>rows</th><th>columns read</th>'
            f"<th>sha256</th></tr></thead><tbody>{rows}</tbody></table>"
            f'<p class="muted">schema_version {e(report.schema_version)}; the same figures as data: '
            "<code>factcheck run … --json PATH</code>.</p></section>")

