"""The figures of the article marked in the HTML report (issue 10, item 2): each figure by what
checks it, a sentence with a passed and a failed figure showing both, figures nothing checks
visibly "not checked", ignored ones with their reason; nested marks, escaping, article order."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import factcheck
from factcheck.draft.coverage import ClaimRef, Ignore, cover
from factcheck.draft.figures import find_figures
from factcheck.draft.review import report_figures
from factcheck.render.figmarks import render_marked
from factcheck.render.html import render
from factcheck.report import (
    ClaimResult,
    CoverageReport,
    FigureStatus,
    Report,
    Verdict,
    summarize,
)

FIXTURES = Path(__file__).parent / "fixtures" / "reports"


class Marks(HTMLParser):
    """Each figure mark's pieces (attributes and text), the sentence mark around each, and whether tags nest."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.pieces: list[tuple[dict[str, str | None], str, str | None]] = []  # attrs, text, group around
        self.nested = True
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "mark" and "fig" in (a.get("class") or "").split():
            around = next((b.get("data-group") for t, b in reversed(self.stack) if t == "mark"), None)
            self.pieces.append((a, "", around))
        if tag not in ("meta", "br", "hr", "img", "input", "line", "circle", "polyline", "rect", "path"):
            self.stack.append((tag, a))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1][0] != tag:
            self.nested = False
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1][0] == "mark" and "fig" in (self.stack[-1][1].get("class") or "").split():
            a, text, around = self.pieces[-1]
            self.pieces[-1] = (a, text + data, around)

    def figures(self) -> dict[str, tuple[str, str, str | None, dict[str, str | None]]]:
        """Each figure (by its key): its whole text, its classes, the sentence around it, its first piece."""
        out: dict[str, tuple[str, str, str | None, dict[str, str | None]]] = {}
        for a, text, around in self.pieces:
            key = a["data-fig"] or ""
            if key in out:
                whole, classes, group, first = out[key]
                out[key] = (whole + text, a["class"] or "", group, first)
            else:
                out[key] = (text, a["class"] or "", around, a)
        return out


@pytest.fixture(scope="module")
def report() -> factcheck.Report:
    return factcheck.verify(FIXTURES / "figures.yaml")


@pytest.fixture(scope="module")
def page(report: factcheck.Report) -> str:
    return render(report)


def _by_text(page: str) -> dict[str, tuple[str, str, str | None, dict[str, str | None]]]:
    return {text: (key, classes, group, first) for key, (text, classes, group, first) in Marks(page).figures().items()}


def test_a_sentence_with_a_passed_and_a_failed_figure_shows_both(page: str) -> None:
    figs = _by_text(page)
    six, forty = figs["6"], figs["40%"]
    assert "v-pass" in six[1].split() and "v-fail" in forty[1].split()
    assert six[2] == forty[2] == "1"             # both inside the one sentence mark, which opens their evidence
    assert six[3]["aria-controls"] == forty[3]["aria-controls"] == "ev-1"
    assert six[3]["data-cards"] == "c-0" and forty[3]["data-cards"] == "c-1"   # each its own claim's card
    assert 'class="fc v-fail withfigs"' in page     # the sentence itself steps back: its figures carry the colour
    assert six[3]["aria-label"] == "6: pass" and forty[3]["aria-label"] == "40%: fail"


def test_a_figure_split_by_emphasis_is_one_figure_with_one_id_and_one_sign(page: str) -> None:
    pieces = [(a, text) for a, text, _ in Marks(page).pieces if text == "40%"]
    assert len(pieces) == 1 and pieces[0][0]["id"] == "f-1" and "fig-end" in (pieces[0][0]["class"] or "")
    assert "<em><mark" in page  # the mark was closed before the emphasis and opened inside it


def test_a_figure_nothing_checks_is_marked_not_checked_and_opens_a_note(page: str, report: factcheck.Report) -> None:
    key, classes, group, first = _by_text(page)["3"]
    assert classes.split() == ["fig", "fig-not_checked", "fig-end"] and group is None
    assert first["tabindex"] == "0" and first["role"] == "button" and first["aria-label"] == "3: not checked"
    assert first["aria-controls"] == "fg-not-checked" and first["data-line"] == "3"
    start = page.index('<section class="group figure-note" id="fg-not-checked"')
    note = page[start:page.index("</section>", start)]   # one note for them all: the script names the figure
    assert "Not checked: no claim states this figure." in note and "factcheck suggest" in note
    assert page.count('id="fg-not-checked"') == 1
    assert report.coverage is not None and [f.text for f in report.coverage.not_checked] == ["3"]


def test_an_ignored_figure_shows_its_reason_escaped(page: str) -> None:
    key, classes, group, first = _by_text(page)["12"]
    assert "fig-ignored" in classes.split()
    assert first["title"] == "ignored: <b>the rival's own count</b>, not in our data"   # parsed back: it was escaped
    start = page.index(f'id="fg-{key}"')
    note = page[start:page.index("</section>", start)]
    assert "&lt;b&gt;the rival&#x27;s own count&lt;/b&gt;" in note
    assert "<b>" not in page


def test_a_figure_only_a_noted_claim_states_is_marked_by_that_claims_verdict(page: str) -> None:
    key, classes, group, first = _by_text(page)["Two-thirds"]
    assert "v-unverifiable" in classes.split() and group == "2" and first["data-cards"] == "c-2"


def test_every_figure_of_the_2020_story_is_marked_in_its_text() -> None:
    story = factcheck.verify(Path(__file__).resolve().parents[1] / "claims" / "2020.yaml")
    assert story.coverage is not None
    figs = Marks(render(story)).figures()
    assert len(figs) == len(story.coverage.figures) == 46
    for key, (text, classes, group, first) in figs.items():
        f = story.coverage.figures[int(key)]
        assert " ".join(text.split()) == " ".join(f.text.split())
        if f.status == FigureStatus.IGNORED:
            assert "fig-ignored" in classes and f.reason and f.reason in (first["title"] or "")
        else:
            assert group is not None and first["aria-controls"] == f"ev-{group}"


# --------------------------------------------------------------------------- any article, any marks

def _report(article: str, claims: list[tuple[str, str, str, Verdict]], ignore: list[Ignore] = ()) -> Report:
    """A report with the coverage the run would give, for an article and (id, says, expect, verdict) claims."""
    result = cover(find_figures(article), [ClaimRef(i, says, expect) for i, says, expect, _ in claims], ignore)
    figures = report_figures(result)
    results = [ClaimResult(id=i, says=says, verdict=v) for i, says, _, v in claims]
    return Report(tool_version="test", generated_at="2026-01-01T00:00:00+00:00", claims_file="t.yaml",
                  claims_sha256="0" * 64, article="t.md", tables=[], results=results, summary=summarize(results),
                  coverage=CoverageReport(article="t.md", figures=figures))


def test_a_figure_across_emphasis_and_a_line_break_is_marked_in_pieces() -> None:
    article = "Sales reached **2.5** million\nin March, and *a third* of them came online.\n"
    report = _report(article, [("sales", "Sales reached 2.5 million in March", "2.5 million", Verdict.PASS)])
    body, groups, missing, figures = render_marked(article, report.results, report.coverage)
    assert missing == [] and [f.text for f in figures] == ["2.5 million", "a third"]
    m = Marks(body)
    assert m.nested
    pieces = [(a["class"], text) for a, text, _ in m.pieces if a["data-fig"] == "0"]
    assert pieces == [("fig v-pass", "2.5"), ("fig v-pass fig-end", " million")]
    assert [a.get("id") for a, _, _ in m.pieces if a["data-fig"] == "0"] == ["f-0", None]
    assert m.figures()["1"][1] == "fig fig-not_checked fig-end" and m.figures()["1"][2] is None


def test_repeated_sentences_mark_each_figure_where_it_is() -> None:
    article = "Cases rose 5%.\n\nCases rose 5%.\n\nThen 7 more.\n"
    report = _report(article, [("rose", "Cases rose 5%.", "5%", Verdict.FAIL)])
    body, _, _, figures = render_marked(article, report.results, report.coverage)
    assert [(f.text, f.status.value) for f in figures] == [("5%", "checked"), ("5%", "checked"), ("7", "not_checked")]
    assert len({(f.start, id(f.group)) for f in figures}) == 3
    assert body.count('class="fig v-fail fig-end"') == 2


_WORDS = st.sampled_from(["cases", "the", "rose", "in", "2020", "orders", "online", "and", "fell", "Two"])
_FIGURES = st.sampled_from(["5", "12%", "2.5 million", "a third", "half", "165", "40 per cent", "doubled"])
_MARKUP = st.sampled_from(["{}", "*{}*", "**{}**", "`{}`", "[{}](https://example.com/x)", "{}\n", "<b>{}</b>"])


@st.composite
def _stories(draw: st.DrawFn) -> tuple[str, list[tuple[str, str, str, Verdict]]]:
    sentences = []
    for _ in range(draw(st.integers(1, 5))):
        words = [draw(_MARKUP).format(draw(_FIGURES)) if draw(st.booleans()) else draw(_WORDS)
                 for _ in range(draw(st.integers(1, 6)))]
        sentences.append("The " + " ".join(words) + ".")
    article = "\n\n".join(" ".join(sentences[k:k + 2]) for k in range(0, len(sentences), 2)) + "\n"
    claims = []
    for k, s in enumerate(sentences):
        if draw(st.booleans()):
            plain = re.sub(r"[*`]|<b>|</b>|\[|\]\(https://example.com/x\)", "", s).replace("\n", " ")
            found = [f.text for sen in find_figures(plain) for f in sen.figures]
            claims.append((f"c{k}", plain, draw(st.sampled_from(found)) if found else "1",
                           draw(st.sampled_from(list(Verdict)))))
    return article, claims


_TAGS = re.compile(r'<mark [^>]*>|</mark>|<sup class="fcn[^<]*</sup>')


@settings(max_examples=150, deadline=None)
@given(_stories())
def test_figure_marks_nest_hold_their_figure_and_change_no_text(story: tuple[str, list]) -> None:
    article, claims = story
    report = _report(article, claims)
    assert report.coverage is not None
    body, groups, _, figures = render_marked(article, report.results, report.coverage)
    plain, _, _, _ = render_marked(article, report.results, None)
    assert _TAGS.sub("", body) == _TAGS.sub("", plain)          # marks add tags, never change or lose text
    m = Marks(body)
    assert m.nested and m.stack == []                           # every <mark> closes where it should
    shown = m.figures()
    for f in figures:
        text, classes, around, first = shown[str(f.key)]
        assert " ".join(text.split()) == " ".join(f.text.split())
        assert first["id"] == f"f-{f.key}" and classes.endswith("fig-end")
        wanted = report.coverage.figures[f.key]
        assert "fig-not_checked" in classes.split() if wanted.status == FigureStatus.NOT_CHECKED else True
        if f.group is not None:                                 # a stated figure opens its sentence's evidence
            assert around == str(f.group.number) and first["aria-controls"] == f"ev-{f.group.number}"


def test_a_report_of_an_earlier_version_without_figure_spans_is_marked_the_same(report: factcheck.Report) -> None:
    assert report.coverage is not None
    old = report.coverage.model_copy(update={"figures": [f.model_copy(update={"start": None, "end": None})
                                                         for f in report.coverage.figures]})
    assert render(report.model_copy(update={"coverage": old})) == render(report)
    assert "mark class=\"fig" not in render(report.model_copy(update={"coverage": None}))


def test_placing_figures_takes_work_in_proportion_to_the_article(monkeypatch: pytest.MonkeyPatch) -> None:
    """Counted, not timed (a timed version failed CI on a busy machine): the lines of Python that
    factcheck.render runs. A scan from the article's start for every sentence, or over every
    block for every figure, would make them grow with the square of the article."""
    import sys

    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from html_placement import build
    from markdown_it import MarkdownIt

    import factcheck.render
    from factcheck.render import article, figmarks

    package = str(Path(factcheck.render.__file__).parent)

    def work(n: int) -> tuple[int, int]:
        report, text = build(n, n)
        blocks = article.split_blocks(MarkdownIt("commonmark").parse(text))
        index = article.BlockIndex(blocks)
        article.place(blocks, report.results, index)
        assert report.coverage is not None
        lines = 0

        def count(frame: Any, event: str, arg: Any) -> Any:
            nonlocal lines
            lines += event == "line"
            return count

        def enter(frame: Any, event: str, arg: Any) -> Any:
            return count if frame.f_code.co_filename.startswith(package) else None

        before = sys.gettrace()
        sys.settrace(enter)
        try:
            placed = figmarks.place_figures(blocks, index, report.coverage, report.results)
        finally:
            sys.settrace(before)
        assert len(placed) == len(report.coverage.figures)
        return lines, len(placed)

    small, n_small = work(250)
    large, n_large = work(2000)             # 8 times the article: quadratic would be 64 times the work
    assert n_large >= 7 * n_small
    assert large < 10 * small, (small, large)
