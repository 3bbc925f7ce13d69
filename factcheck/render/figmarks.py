"""The figures of the article marked in the HTML report, each by what checks it.

A sentence mark says which claims quote a sentence; a figure mark says what became of
each figure in it: the verdict of the claims that state it (a sentence holding a passed
and a failed figure shows both), or *not checked* (no claim states it), or *ignored*
(an ``ignore:`` entry, whose reason it shows). Selecting a figure (click, or Tab to it
and press Enter or Space) opens its claims' evidence, or, for a figure nothing checks,
a note saying so.

The figures, with their sentence and their span in it, come from the report's
``coverage``; each sentence is looked up in the rendered blocks with the index that
places the claims' sentences, in article order (each after the one before), so the
whole takes time in proportion to the article. Where the page shows a sentence otherwise
than the figure reader read it (inline HTML is shown as text, a table row is split into
cells), the figure alone is looked for in the blocks of its line. A figure found nowhere,
or one that would straddle a sentence mark's edge, is not marked in the text; the
coverage section below the article lists every figure anyway.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from ..report import ClaimResult, CoverageReport, FigureStatus, Verdict
from ._common import ORDER
from ._markup import e, shown
from .article import Block, BlockIndex, Group, mark_tokens, markdown, normalize, place, split_blocks, whole_word_at

_STATUS_WORDS = {FigureStatus.NOT_CHECKED: "not checked", FigureStatus.IGNORED: "ignored"}


@dataclass
class FigureMark:
    """One figure of the article where the page shows it, and what checks it."""

    key: int                          # its index in the report's coverage.figures
    text: str
    start: int                        # span in its block's plain text
    end: int
    status: FigureStatus
    line: int
    sentence: str
    reason: str | None = None
    claims: list[int] = field(default_factory=list)  # indices into report.results of the claims stating it
    group: Group | None = None        # the sentence mark around it, whose evidence it opens

    def verdict(self, results: list[ClaimResult]) -> Verdict | None:
        return min((results[i].verdict for i in self.claims), key=lambda v: ORDER[v]) if self.claims else None

    def opens(self) -> str | None:
        """The id of the panel section it opens, or None when it opens nothing."""
        if self.status == FigureStatus.NOT_CHECKED:
            return "fg-not-checked"  # one note for all: an article may hold thousands
        if self.status == FigureStatus.IGNORED:
            return f"fg-{self.key}"
        return f"ev-{self.group.number}" if self.group is not None else None

    def open_tag(self, results: list[ClaimResult], first: bool, last: bool) -> str:
        """The ``<mark>`` that opens one piece of the figure (emphasis or a link may split it)."""
        v = self.verdict(results)
        word = _STATUS_WORDS.get(self.status)
        kind = f"fig-{self.status.value}" if word else (f"v-{v.value}" if v is not None else "fig-checked")
        warned = any(n.warning for i in self.claims for n in results[i].notes)
        classes = f"fig {kind}" + (" warned" if warned else "") + (" fig-end" if last else "")
        attrs = f'class="{classes}" data-fig="{self.key}" data-line="{self.line}"'
        target = self.opens()
        if target is not None:
            attrs += f' aria-controls="{target}"'
            if self.claims:
                attrs += ' data-cards="' + " ".join(f"c-{i}" for i in self.claims) + '"'
        if first:
            what = (word or (v.value if v is not None else "checked")) + (", with a warning" if warned else "")
            by = ", ".join(results[i].id for i in self.claims)
            title = (f"{word}: {self.reason}" if word and self.reason else f"{what}: {by}" if by else what)
            attrs += f' id="f-{self.key}" aria-label="{e(self.text)}: {e(what)}" title="{e(title)}"'
            if target is not None:
                attrs += ' tabindex="0" role="button" aria-pressed="false"'
        return f"<mark {attrs}>"


def render_marked(text: str, results: list[ClaimResult], coverage: CoverageReport | None = None
                  ) -> tuple[str, list[Group], list[int], list[FigureMark]]:
    """The article as HTML with the claims' sentences marked and, given the report's ``coverage``,
    each figure in them: its groups, the claims not found in it, and the figures marked."""
    md = markdown()
    tokens = md.parse(text)
    blocks = split_blocks(tokens)
    index = BlockIndex(blocks)
    missing = place(blocks, results, index)
    figures = place_figures(blocks, index, coverage, results) if coverage is not None else []
    for b in blocks:
        mark_tokens(b, results)
    body = shown(md.renderer.render(tokens, md.options, {}))  # the article's own text, hidden characters shown
    return body, [g for b in blocks for g in b.groups], missing, figures


def place_figures(blocks: list[Block], index: BlockIndex, coverage: CoverageReport,
                  results: list[ClaimResult]) -> list[FigureMark]:
    """Find each figure of ``coverage`` in the blocks; fill each block's ``figures``; return them all.

    A figure is found through its sentence, looked for after the sentence before it; when
    the page shows that sentence otherwise (inline HTML shown as text, a table row split
    into cells), the figure alone is looked for, as a whole word, in the blocks of its
    line, after the figures already found there.
    """
    row = {r.id: i for i, r in enumerate(results)}
    of_line: dict[int, list[int]] = {}  # a line of the file (1-based) -> the blocks rendered from it
    for bi, b in enumerate(blocks):
        span = getattr(b.token, "map", None) or (0, 0)
        for line in range(span[0] + 1, span[1] + 1):
            of_line.setdefault(line, []).append(bi)
    edges = _Edges(blocks)
    done = [0] * len(blocks)  # in each block's folded text: where the last figure found there ends
    placed: list[FigureMark] = []
    after = 0  # sentences come in article order: each is looked for after the one before
    for sentence, figures in _by_sentence(coverage):
        folded, where = normalize(sentence)
        needle = folded.rstrip()
        spans = [(k, bisect_left(where, start), bisect_left(where, end)) for k, start, end in figures]
        hit = index.first(needle, after)
        while hit is not None and edges.in_code(hit[0], [(hit[1] + a, hit[1] + z) for _, a, z in spans]):
            hit = index.first(needle, index.starts[hit[0]] + hit[1] + 1)  # that one is code: never a figure
        if hit is not None:
            after = index.starts[hit[0]] + hit[1] + len(needle)
        for k, a, z in spans:
            found = None
            if hit is not None:
                bi, i = hit
                found = (bi, i + a, i + z) if a < z <= len(needle) else None
            else:
                found = _alone(edges, of_line.get(coverage.figures[k].line, []), done,
                               normalize(coverage.figures[k].text)[0].strip())
            mark = _mark(edges, found, k, coverage, row) if found is not None else None
            if found is not None and mark is not None:
                done[found[0]] = max(done[found[0]], found[2])
                placed.append(mark)
    return placed


def _by_sentence(coverage: CoverageReport) -> list[tuple[str, list[tuple[int, int, int]]]]:
    """The report's figures by the sentence that holds them, in article order: each with its span in it.

    A report of an earlier version gives no span: the figure is then its text's first
    occurrence after the figure before it in the sentence.
    """
    out: list[tuple[str, list[tuple[int, int, int]]]] = []
    last_end = -1
    for k, f in enumerate(coverage.figures):
        start = f.start
        if start is None:
            same = bool(out) and out[-1][0] == f.sentence
            start = f.sentence.find(f.text, last_end if same else 0)
            if start < 0 and same:
                start = f.sentence.find(f.text)
            if start < 0:
                continue
        end = f.end if f.end is not None else start + len(f.text)
        if not out or out[-1][0] != f.sentence or start < last_end:  # a new sentence (perhaps the same words again)
            out.append((f.sentence, []))
        out[-1][1].append((k, start, end))
        last_end = end
    return out


class _Edges:
    """Per block, computed once: where its sentence marks start, and its inline code (sorted spans of plain text)."""

    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = blocks
        self.groups: dict[int, list[int]] = {}
        self.code: dict[int, list[tuple[int, int]]] = {}

    def group_starts(self, bi: int) -> list[int]:
        if bi not in self.groups:
            self.groups[bi] = [g.start for g in self.blocks[bi].groups]
        return self.groups[bi]

    def in_code(self, bi: int, spans: list[tuple[int, int]]) -> bool:
        """Whether a span of the block's folded text touches inline code (where the figure reader sees no figure)."""
        b = self.blocks[bi]
        if bi not in self.code:
            children = b.token.children if b.token is not None else []
            self.code[bi] = sorted(span for i, span in b.leaves.items() if children[i].type == "code_inline")
        code = self.code[bi]
        for a, z in spans:
            if code and a < z <= len(b.where):
                s, t = b.where[a], b.where[z - 1] + 1
                k = bisect_right(code, (t,))  # the code spans starting before the figure ends
                if k and code[k - 1][1] > s:
                    return True
        return False


def _alone(edges: _Edges, candidates: list[int], done: list[int], needle: str) -> tuple[int, int, int] | None:
    """The first whole occurrence of a figure's folded text in the blocks of its line, after those found."""
    for bi in candidates:
        hay = edges.blocks[bi].folded
        i = hay.find(needle, done[bi]) if needle else -1
        while i >= 0 and not (whole_word_at(hay, needle, i) and not edges.in_code(bi, [(i, i + len(needle))])):
            i = hay.find(needle, i + 1)
        if i >= 0:
            return bi, i, i + len(needle)
    return None


def _mark(edges: _Edges, found: tuple[int, int, int], k: int, coverage: CoverageReport,
          row: dict[str, int]) -> FigureMark | None:
    """The mark of figure ``k`` at a span of a block's folded text, added to the block; None if it cannot nest."""
    bi, a, z = found
    b, f = edges.blocks[bi], coverage.figures[k]
    mark = FigureMark(k, f.text, b.where[a], b.where[z - 1] + 1, f.status, f.line, f.sentence, f.reason,
                      [row[c] for c in f.claims if c in row])
    if b.figures and b.figures[-1].end > mark.start or not _fits(mark, b.groups, edges.group_starts(bi)):
        return None
    b.figures.append(mark)
    return mark


def _fits(mark: FigureMark, groups: list[Group], starts: list[int]) -> bool:
    """Whether the figure lies inside one sentence mark or outside all (marks nest, never straddle).

    The sentence mark around a stated figure is the one it opens; a figure whose claims
    are in no mark around it (their sentence was not found in the page) opens nothing.
    """
    k = bisect_right(starts, mark.start) - 1
    inside = groups[k] if k >= 0 and mark.start < groups[k].end else None
    if inside is not None and mark.end > inside.end:
        return False
    following = k + 1
    if inside is None and following < len(groups) and groups[following].start < mark.end:
        return False
    if inside is not None and set(mark.claims) & set(inside.claims):
        mark.group = inside
    return True


def figure_sections(figures: list[FigureMark]) -> list[str]:
    """The panel's notes, shown when a figure nothing checks is selected: one for every figure
    not checked (the script writes the selected figure and its line into it), one per ignored
    figure with its reason."""
    out = []
    if any(f.status == FigureStatus.NOT_CHECKED for f in figures):
        out.append('<section class="group figure-note" id="fg-not-checked" data-group="fg-not-checked">'
                   '<h2>Figure <span class="fig-text"></span> <span class="line fig-line"></span>'
                   '<button type="button" class="close" aria-label="close the note">\u00d7</button></h2>'
                   '<p class="message">Not checked: no claim states this figure.</p>'
                   '<p class="muted">Add a claim for it (<code>factcheck suggest</code> proposes a measure), '
                   "or an <code>ignore:</code> entry saying why it is left unchecked; "
                   "<code>--require-coverage</code> fails the run while a figure is not checked.</p></section>")
    for f in figures:
        if f.status == FigureStatus.IGNORED:
            out.append(f'<section class="group figure-note" id="fg-{f.key}" data-group="fg-{f.key}">'
                       f'<h2>Figure \u201c{e(f.text)}\u201d <span class="line">line {f.line}</span>'
                       f'<button type="button" class="close" aria-label="close the note">\u00d7</button></h2>'
                       f'<p class="message">Ignored: left unchecked on purpose.</p>'
                       f'<p><span class="k">reason</span> {e(f.reason or "")}</p>'
                       f'<blockquote class="says">{e(f.sentence)}</blockquote></section>')
    return out


CSS = """
mark.fc.withfigs{background:none;border-bottom:1px dotted var(--muted)}
mark.fig{cursor:pointer;color:inherit;padding:0 1px;border-radius:2px;background:none;box-decoration-break:clone;-webkit-box-decoration-break:clone}
mark.fig.v-pass{background:var(--pass-bg);border-bottom:2px solid var(--pass)}
mark.fig.v-fail{background:var(--fail-bg);border-bottom:2px solid var(--fail)}
mark.fig.v-unverifiable{background:var(--unv-bg);border-bottom:2px dashed var(--unv)}
mark.fig.fig-not_checked{background:#e9ebff;border-bottom:2px dotted #4a4fb3}
mark.fig.fig-ignored{background:#f0f0f2;border-bottom:2px dotted var(--muted)}
mark.fig.fig-checked{cursor:default;border-bottom:1px solid var(--muted)}
mark.fig.fig-end::after{font:700 10px system-ui,sans-serif;vertical-align:super;margin-left:2px;white-space:nowrap}
mark.fig.v-pass.fig-end::after{content:"\\2713";color:var(--pass)}
mark.fig.warned{outline:2px dotted #b26a00;outline-offset:1px}mark.fig.v-pass.warned.fig-end::after{content:"\\2713\\26a0";color:#8a5300}
mark.fig.v-fail.fig-end::after{content:"\\2717";color:var(--fail)}
mark.fig.v-unverifiable.fig-end::after{content:"?";color:var(--unv)}
mark.fig.fig-not_checked.fig-end::after{content:"not checked";color:#4a4fb3}
mark.fig.fig-ignored.fig-end::after{content:"ignored";color:var(--muted)}
mark.fig:hover{filter:brightness(.95)}
mark.fig:focus-visible,mark.fig.active{outline:2px solid #1f4fd6;outline-offset:1px}
article.claim.picked{box-shadow:0 0 0 2px #1f4fd6}
section.figure-note h2{font-size:15px}
#fg-not-checked{display:none}.js #fg-not-checked.active{display:block}
@media print{mark.fig{outline:none!important}#fg-not-checked{display:none!important}}
"""

SCRIPT = r"""
(function(){
  var figs=Array.prototype.slice.call(document.querySelectorAll('mark.fig[aria-controls]'));
  function each(sel,fn){Array.prototype.forEach.call(document.querySelectorAll(sel),fn);}
  function clear(){
    figs.forEach(function(f){f.classList.remove('active');if(f.hasAttribute('aria-pressed')){f.setAttribute('aria-pressed','false');}});
    each('article.claim.picked',function(c){c.classList.remove('picked');});
  }
  function pick(f){
    var id=f.getAttribute('aria-controls');
    var sentence=document.querySelector('mark.fc[aria-controls="'+id+'"]');
    clear();
    if(sentence){sentence.click();each('mark.fc.active',function(m){m.classList.remove('active');});}
    else{
      each('section.group',function(s){s.classList.toggle('active',s.id===id);});
      each('mark.fc',function(m){m.classList.remove('active');m.setAttribute('aria-pressed','false');});
      var overview=document.getElementById('overview');if(overview){overview.classList.add('hidden');}
      var panel=document.getElementById('panel');if(panel){panel.scrollTop=0;}
      var note=document.getElementById(id);
      if(note){
        var shown=figs.filter(function(g){return g.getAttribute('data-fig')===f.getAttribute('data-fig');}).map(function(g){return g.textContent;}).join('');
        var t=note.querySelector('.fig-text');if(t){t.textContent='\u201c'+shown+'\u201d';}
        var l=note.querySelector('.fig-line');if(l){l.textContent='line '+f.getAttribute('data-line');}
      }
    }
    var k=f.getAttribute('data-fig');
    figs.forEach(function(g){if(g.getAttribute('data-fig')===k){g.classList.add('active');if(g.hasAttribute('aria-pressed')){g.setAttribute('aria-pressed','true');}}});
    var first=null;
    (f.getAttribute('data-cards')||'').split(' ').forEach(function(id){var c=id?document.getElementById(id):null;if(c){c.classList.add('picked');first=first||c;}});
    if(first){first.scrollIntoView({block:'nearest'});}
  }
  var opener=null;  // the figure whose note is open: the note's close button gives it the focus back
  each('section.figure-note button.close',function(b){
    b.addEventListener('click',function(){
      var back=opener;clear();each('section.figure-note',function(s){s.classList.remove('active');});
      var overview=document.getElementById('overview');if(overview){overview.classList.remove('hidden');}
      if(back){back.focus();}
    });
  });
  figs.forEach(function(f){
    f.addEventListener('click',function(){opener=f;});
    f.addEventListener('keydown',function(ev){if(ev.key==='Enter'||ev.key===' '){opener=f;}});
    f.addEventListener('click',function(ev){ev.stopPropagation();pick(f);});
    f.addEventListener('keydown',function(ev){if(ev.key==='Enter'||ev.key===' '){ev.preventDefault();ev.stopPropagation();pick(f);}});
  });
  document.addEventListener('keydown',function(ev){if(ev.key==='Escape'){clear();}});
})();
"""
