"""The HTML report without a browser: marks, evidence, charts, escaping, self-containment."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import factcheck
import factcheck.report
from factcheck.render import html as html_report
from factcheck.render.chart import points, svg
from factcheck.render.html import normalize, render, render_article

FIXTURES = Path(__file__).parent / "fixtures" / "reports"


class Page(HTMLParser):
    """Every start tag with its attributes, the text of each <mark> group, and the text of scripts.

    A figure's mark nests inside its sentence's: its text is the sentence's text too.
    """

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.marks: dict[str, str] = {}
        self.scripts: list[str] = []
        self._mark: str | None = None
        self._open: list[str | None] = []  # the group of each <mark> open around the current text
        self._script = False
        self._sup = False
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "mark":
            self._open.append(a.get("data-group") if "fc" in (a.get("class") or "").split() else self._mark)
            self._mark = self._open[-1]
        elif tag == "script":
            self._script = True
            self.scripts.append("")
        elif tag == "sup":
            self._sup = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._open.pop()
            self._mark = self._open[-1] if self._open else None
        elif tag == "script":
            self._script = False
        elif tag == "sup":
            self._sup = False

    def handle_data(self, data: str) -> None:
        if self._script:
            self.scripts[-1] += data
        elif self._mark is not None and not self._sup:
            self.marks[self._mark] = self.marks.get(self._mark, "") + data


@pytest.fixture(scope="module")
def story() -> factcheck.Report:
    return factcheck.verify(FIXTURES / "story.yaml")


@pytest.fixture(scope="module")
def page(story: factcheck.Report) -> str:
    return render(story)


def test_each_found_sentence_is_marked_in_the_colour_of_its_verdict(page: str) -> None:
    p = Page(page)
    marks = {a.get("data-group"): a.get("class") for tag, a in p.tags if tag == "mark" and "fc" in a["class"].split()}
    text = {g: " ".join(t.split()) for g, t in p.marks.items()}
    assert text["1"] == "The shop took 6 orders in 2020."
    assert text["2"] == "Two-thirds of them were placed online."      # across *emphasis*
    assert text["3"] == "Orders fell 40% from 2019."                   # across a line break
    assert text["4"] == "It was the shop’s worst year on record."      # curly apostrophe in the article
    assert text["5"] == "Customers stayed loyal"                       # the article goes on after a comma
    assert marks["1"] == "fc v-pass withfigs" and marks["3"] == "fc v-fail withfigs"  # its figures carry the colour
    assert marks["5"] == "fc v-unverifiable"                           # states no figure: the sentence does
    assert len(text) == 5


def test_selecting_a_sentence_has_its_evidence_to_show(page: str, story: factcheck.Report) -> None:
    p = Page(page)
    sections = {a.get("id"): a for t, a in p.tags if t == "section"}
    for g in "12345":
        assert f"ev-{g}" in sections
    fell = story.result("orders-fell")
    start = page.index('id="ev-3"')
    block = page[start:page.index("</section>", start)]
    assert "orders-fell" in block and "down 40%" in block and "-33.3%" in block
    assert "out_of_tolerance" in block and "9 / 6" not in block
    assert "6 / 9" in block                       # numerator / denominator
    assert story.tables[0].sha256 in block        # the data file by checksum
    assert "<svg" in block                        # change claims get their two periods charted
    assert html_report.e(fell.sql or "") in block  # the SQL, escaped
    # marks are keyboard reachable buttons tied to their evidence
    for tag, a in p.tags:
        if tag == "mark" and "fc" in a["class"].split():
            assert a["tabindex"] == "0" and a["role"] == "button" and a["aria-controls"] == f"ev-{a['data-group']}"


def test_claims_not_in_the_article_are_listed_separately(page: str) -> None:
    start = page.index('id="unplaced"')
    block = page[start:page.index("</section>", start)]
    assert "Claims not found in the article" in block
    assert "north-majority" in block and "Most orders came from the north." in block
    assert "orders-fell" not in block


def test_extreme_claim_has_a_chart_with_the_claimed_point_marked(story: factcheck.Report) -> None:
    worst = story.result("worst-year")
    pts = points(worst)
    assert [k for k, _, _ in pts] == ["2016", "2017", "2018", "2019", "2020"]
    assert [k for k, _, m in pts if m] == ["2020"]
    pic = svg(worst)
    assert pic.startswith("<svg") and pic.count('class="pt marked"') == 1
    fell = story.result("orders-fell")
    assert [(k, v) for k, v, m in points(fell) if m] == [("2019", 9.0), ("2020", 6.0)]  # from, to
    assert [k for k, _, _ in points(fell)][0] == "2016"  # the whole series, for context
    assert svg(story.result("orders-2020")) == ""


def test_no_article_lists_every_claim(story: factcheck.Report) -> None:
    bare = story.model_copy(update={"article": None})
    text = render(bare)
    assert "<mark" not in text
    assert "names no <code>article:</code>" in text
    for r in story.results:
        assert f'data-claim-id="{r.id}"' in text


def test_an_article_that_cannot_be_read_lists_the_claims(story: factcheck.Report) -> None:
    text = render(story.model_copy(update={"article": "missing.md"}))
    assert "could not be read" in text and "<mark" not in text


def test_self_contained_nothing_fetched(page: str) -> None:
    p = Page(page)
    for tag, a in p.tags:
        assert tag not in ("link", "iframe", "object", "embed", "img")
        assert "src" not in a or tag == "svg", (tag, a)
        if tag == "a":
            assert (a.get("href") or "").startswith("#")
    assert len(p.scripts) == 1 and "fetch(" not in p.scripts[0] and "XMLHttpRequest" not in p.scripts[0]
    assert "default-src 'none'" in page
    assert "@media print" in page


def test_images_in_the_article_are_not_fetched() -> None:
    body, _, _ = render_article("See ![a chart](https://example.com/c.png) here.", [])
    assert "<img" not in body and "[image: a chart]" in body


def test_hostile_claims_file_injects_nothing() -> None:
    report = factcheck.verify(FIXTURES / "hostile.yaml")
    text = render(report)
    p = Page(text)
    assert len(p.scripts) == 1  # ours, at the end
    for tag, a in p.tags:
        assert tag not in ("img", "b", "div"), tag
        assert not any(k.startswith("on") for k in a), (tag, a)
    assert "<script>alert" not in text and "<img src=x" not in text
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text           # a data value
    assert "&lt;div onclick=&quot;alert(1)&quot;&gt;" in text          # raw HTML in the article
    marks = {g: " ".join(t.split()) for g, t in p.marks.items()}
    assert "There were <script>alert('says')</script> 5 \"quoted\" & shops | x." in marks.values()
    assert "The top shop was <img src=x onerror=alert(1)>." in marks.values()
    start = text.index('id="unplaced"')
    assert "script-unverifiable" in text[start:]


def test_normalize_folds_quotes_space_and_emphasis() -> None:
    folded, where = normalize("It’s  *very*\n“big”")
    assert folded == "it's very \"big\""
    assert len(where) == len(folded) and where[0] == 0


def test_overlapping_and_shared_sentences_share_one_mark(story: factcheck.Report) -> None:
    a = story.result("orders-2020")
    b = a.model_copy(update={"id": "same-sentence"})
    c = a.model_copy(update={"id": "inside", "says": "6 orders"})
    body, groups, missing = render_article("The shop took 6 orders in 2020.", [a, b, c])
    assert missing == [] and len(groups) == 1 and groups[0].claims == [0, 1, 2]
    assert body.count("<mark") == 1


def test_words_inside_longer_words_do_not_match(story: factcheck.Report) -> None:
    r = story.result("orders-2020").model_copy(update={"says": "men were 3%"})
    _, groups, missing = render_article("Women were 3% of them.", [r])
    assert groups == [] and missing == [0]


# --------------------------------------------------------------------------- placing sentences, fast and the same

_FOLD_REFERENCE = {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "",
                   "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
                   "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00ad": "", "\u200b": "", "*": "", "_": ""}


def _normalize_reference(text: str) -> tuple[str, list[int]]:
    """The folding, one character at a time, as it is specified."""
    out: list[str] = []
    where: list[int] = []
    for i, c in enumerate(text):
        c = _FOLD_REFERENCE.get(c, c)
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


def _place_reference(texts: list[str], says: list[str]) -> list[tuple[int, int, int] | None]:
    """Each claim's (paragraph, start, end) by searching every paragraph in turn, as specified."""
    from factcheck.render.article import _find
    folded = [_normalize_reference(t) for t in texts]
    found: list[tuple[int, int, int] | None] = []
    for s in says:
        needle = _normalize_reference(s)[0].strip()
        candidates = [needle]
        trimmed = needle.rstrip(".!?;:,\"' ")
        if trimmed and trimmed != needle:
            candidates.append(trimmed)
        for bi, (hay, where) in enumerate(folded):
            hit = next(((i, n) for n in candidates if (i := _find(hay, n)) >= 0), None)
            if hit is not None:
                i, n = hit
                found.append((bi, where[i], where[i + len(n) - 1] + 1))
                break
        else:
            found.append(None)
    return found


_TRICKY = st.sampled_from(["a", "b", "ab", "the", "The", "59%", "İ", "Σ", "ΑΣ", "ß", " ", "  ", "\n", "\t", "\u00a0",
                           "*", "_", "`", "\u00ad", "\u200b", "’", "“", "—", ".", ",", "!", "'", '"', "-", "x9", "ǅ"])
_TEXT = st.lists(st.one_of(_TRICKY, st.text(max_size=3)), max_size=14).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_normalize_is_the_character_by_character_folding(text: str) -> None:
    assert normalize(text) == _normalize_reference(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(_TEXT, min_size=1, max_size=5), st.lists(st.one_of(_TEXT, st.sampled_from(["a b", "the ab.", "59%."])),
                                                          min_size=1, max_size=6))
def test_the_index_places_each_sentence_where_a_search_of_every_paragraph_does(texts: list[str],
                                                                               says: list[str]) -> None:
    from factcheck.render.article import Block, place
    blocks = []
    for t in texts:
        b = Block(None, t, {})
        b.folded, b.where = normalize(t)
        blocks.append(b)
    results = [factcheck.report.ClaimResult(id=f"c{i}", says=s, verdict=factcheck.Verdict.PASS)
               for i, s in enumerate(says)]
    missing = place(blocks, results)
    expected = _place_reference(texts, says)
    assert missing == [i for i, e in enumerate(expected) if e is None]
    for bi, b in enumerate(blocks):  # overlapping sentences of a paragraph share one mark
        merged: list[list] = []
        for s, t, ci in sorted((e[1], e[2], ci) for ci, e in enumerate(expected) if e and e[0] == bi):
            if merged and s < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], t)
                merged[-1][2].append(ci)
            else:
                merged.append([s, t, [ci]])
        assert [(g.start, g.end, g.claims) for g in b.groups] == [(s, t, sorted(c)) for s, t, c in merged]


def test_a_sentence_is_found_in_the_first_paragraph_holding_it_even_without_its_full_stop() -> None:
    from factcheck.render.article import Block, place
    blocks = []
    for t in ["Cases fell 8% last year", "Cases fell 8% last year.", "cases fell 8%"]:
        b = Block(None, t, {})
        b.folded, b.where = normalize(t)
        blocks.append(b)
    results = [factcheck.report.ClaimResult(id="c", says="Cases fell 8% last year.", verdict=factcheck.Verdict.PASS),
               factcheck.report.ClaimResult(id="d", says="fell 8%", verdict=factcheck.Verdict.PASS)]
    assert place(blocks, results) == []
    assert [(g.start, g.end, g.claims) for g in blocks[0].groups] == [(0, 23, [0, 1])]


HIDDEN = "\x01\x08\x0b\x1b\x7f\x85\u2028\u2029\u202a\u202e\u2066\u2069\ufdd0\ufffe\uffff\U0010ffff"


def test_hidden_and_reordering_characters_are_shown_escaped_everywhere(tmp_path: Path) -> None:
    """A right-to-left override in a data value reversed the rest of the message and the chart's
    labels; controls and noncharacters reached the title, the says and the article raw. They are
    shown as the terminal and Markdown show them (``\\u202e``), and only they: the article's own
    accents, CJK, emoji and Arabic and Hebrew letters are as written."""
    (tmp_path / "t.csv").write_text("id,yr,cat,v\n1,2019,\u202eevil,5\n2,2020,\u202eevil,3\n3,2020,x\x01\ufffe,9\n"
                                    "4,2019,x\x01\ufffe,4\n", encoding="utf-8")
    ordinary = "Café señora 東京 😀 مرحبا שלום \u200fא\u200e 2 \u061c"  # right-to-left marks are punctuation
    (tmp_path / "story.md").write_text(f"# t\n\nCases rose 33% in 2020.\n\n{ordinary} \u202ereversed\x1b.\n\n"
                                       f"Hidden: {HIDDEN} end.\n", encoding="utf-8")
    claims = {"title": "t\x01\u202e title", "article": "story.md", "tables": {"t": {"path": "t.csv", "key": "id"}},
              "claims": [{"id": "c1", "says": "Cases rose 33% in 2020.", "expect": "up 33%",
                          "measure": {"change": {"sum": "v", "of": "t"}, "over": "yr", "from": 2019, "to": 2020}},
                         {"id": "c2", "says": "Sum was highest in 2020.", "expect": True,
                          "measure": {"extreme": {"sum": "v", "of": "t"}, "over": "cat", "at": "\u202eevil",
                                      "is": "highest"}},
                         {"id": "c3", "says": "gone \x1b\u2066 says \ufffe", "unverifiable": "why \x07\u202e"}]}
    path = tmp_path / "c.yaml"
    path.write_text(yaml.safe_dump(claims, allow_unicode=True), encoding="utf-8")
    page = render(factcheck.verify(path))
    assert [hex(ord(c)) for c in page if c in HIDDEN] == []
    for escaped in ("\\u202eevil", "x\\x01\\ufffe", "t\\x01\\u202e title", "\\u202ereversed\\x1b",
                    "gone \\x1b\\u2066 says \\ufffe", "why \\x07\\u202e", "\\U0010ffff end."):
        assert escaped in page, escaped
    assert ordinary in page
    assert '<text class="key"' in page and "\\u202eevil</text>" in page  # the chart's labels
