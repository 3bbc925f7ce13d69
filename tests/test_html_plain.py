"""The HTML evidence in words first, its exact figures folded, and charts that show a missing period as a gap."""

from __future__ import annotations

from fractions import Fraction
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import factcheck
from factcheck.expectations import MeasureShape, parse_expectation
from factcheck.render import plain
from factcheck.render.chart import gaps, svg
from factcheck.render.evidence import claim_card
from factcheck.report import ClaimResult, SeriesPoint
from factcheck.verdicts import expectation_info

FIXTURES = Path(__file__).parent / "fixtures" / "reports"


def _need(raw: object, kind: str, shape: str) -> str:
    info = expectation_info(parse_expectation(raw, MeasureShape(shape)))
    assert info is not None
    return plain.requirement(info, kind)


@pytest.mark.parametrize(("raw", "kind", "shape", "words"), [
    ("59%", "share", "share", "must round to 59%"),
    ("a large majority", "share", "share", "must be more than two thirds"),
    ("most", "share", "share", "must be more than half"),
    ("a majority", "share", "share", "must be more than half"),
    ("over one-third", "share", "share", "must be more than one third"),
    ("overwhelmingly", "share", "share", "must be more than three quarters"),
    ("more than 40%", "share", "share", "must be more than 40%"),
    ("about 60%", "share", "share", "must be about 60%: between 57% and 63%"),
    ("nearly half", "share", "share", "must be nearly half: between 47.5% and 50%"),
    ("up 11%", "change", "change_percent", "must be a rise rounding to 11%"),
    ("down more than 20%", "change", "change_percent", "must be down more than 20%"),
    ("at least 10", "count", "number", "must be at least 10"),
    ("165", "count", "number", "must round to 165"),
    (True, "extreme", "boolean", "must hold"),
    (False, "extreme", "boolean", "must not hold"),
    (["Instagram", "Snapchat"], "top", "values", "must be [Instagram, Snapchat] in this order"),
    ({"between": ["10%", "20%"]}, "share", "share", "must be between 10% and 20%"),
    # a multiple is a verb: "must have doubled", its band said as a rise, a fall or times the earlier value
    ("doubled", "change", "change_percent", "must have doubled: a rise of 95% to 105%"),
    ("halved", "change", "change_percent", "must have halved: a fall of 45% to 55%"),
    ("doubled", "change", "change_ratio", "must have doubled: 1.95 to 2.05 times the earlier value"),
    ("nearly doubled", "change", "change_ratio", "must have nearly doubled: 1.9 to 2 times the earlier value"),
    ("more than doubled", "change", "change_ratio", "must have more than doubled"),
    ("tripled", "change", "change_ratio", "must have tripled: 2.95 to 3.05 times the earlier value"),
])
def test_what_a_figure_must_be_in_words(raw: object, kind: str, shape: str, words: str) -> None:
    assert _need(raw, kind, shape) == words


def test_fraction_words_only_for_fractions_people_say() -> None:
    assert plain.fraction_words(2 / 3) == "two thirds" and plain.fraction_words(0.666667) == "two thirds"
    assert plain.fraction_words(0.5) == "half" and plain.fraction_words(0.75) == "three quarters"
    assert plain.fraction_words(0.4) == "two fifths"
    assert plain.fraction_words(0.41) is None and plain.fraction_words(1.0) is None
    assert plain.fraction_words(0.0) is None and plain.fraction_words(2 / 7) is None


@given(st.fractions(min_value=Fraction(0), max_value=Fraction(2)))
def test_fraction_words_name_the_fraction_itself(f: Fraction) -> None:
    words = plain.fraction_words(float(f))
    if words is not None:  # a word is only ever given to a value within a millionth of its fraction
        named = next(k for k, v in plain._WORDS.items() if v == words)
        assert abs(float(named) - float(f)) < 1e-6


@pytest.fixture(scope="module")
def story() -> factcheck.Report:
    return factcheck.verify(FIXTURES / "story.yaml")


class Card(HTMLParser):
    """Text inside the card's closed fold (``details.exact``) and outside it."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.folded, self.shown, self.open_folds = "", "", 0
        self._depth = 0  # inside details.exact
        self._in_sql = 0
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "details":
            if "open" in a:
                self.open_folds += 1
            if a.get("class") == "exact":
                self._depth += 1
            elif a.get("class") == "sql":
                self._in_sql += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "details":
            if self._depth:
                self._depth -= 1
            elif self._in_sql:
                self._in_sql -= 1

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.folded += data
        elif not self._in_sql:
            self.shown += data


def test_the_card_says_it_plainly_and_folds_interval_fraction_and_checksum(story: factcheck.Report) -> None:
    tables = {t.name: t for t in story.tables}
    r = story.result("online-share")  # two-thirds: 4 of 6 orders online
    card = Card(claim_card(r, 1, tables))
    assert card.open_folds == 0
    assert "\u201ctwo-thirds\u201d must be two thirds: between 63.33…% and 70%; computed 66.7% (4 of 6)." in card.shown
    assert f"computed {r.value_text} ({r.numerator:.0f} of {r.denominator:.0f})" in card.shown
    assert "orders.csv" in card.shown
    assert tables["orders"].sha256 in card.folded and tables["orders"].sha256 not in card.shown
    assert "on the measure's scale" in card.folded and "on the measure's scale" not in card.shown
    assert r.value_exact is not None and r.value_exact in card.folded
    fell = Card(claim_card(story.result("orders-fell"), 2, tables))
    assert "out_of_tolerance" in fell.shown  # the reason stays in sight, with its words
    assert "\u201cdown 40%\u201d must be a fall rounding to 40%; computed down 33.3%." in fell.shown
    assert "6 / 9" in fell.folded            # numerator / denominator on the measure's terms, folded


def test_a_claim_without_a_figure_has_no_words_line(story: factcheck.Report) -> None:
    r = story.result("loyal-customers")
    text = claim_card(r, 4, {t.name: t for t in story.tables})
    assert 'class="plain"' not in text and 'class="exact"' not in text
    assert "customer ids" in text


def test_plain_words_are_escaped(story: factcheck.Report) -> None:
    r = story.result("online-share")
    assert r.expectation is not None
    hostile = r.model_copy(update={"value_text": "<b>4</b>", "expectation": r.expectation.model_copy(
        update={"written": "<script>x</script>", "meaning": "<i>most</i>: x > 50%"})})
    text = claim_card(hostile, 1, {})
    assert "<script>x" not in text and "<i>most" not in text and "<b>4" not in text
    assert "&lt;script&gt;x&lt;/script&gt;" in text and "&lt;b&gt;4&lt;/b&gt;" in text


def _with_series(r: ClaimResult, values: list[float | None], marked: int | None = None) -> ClaimResult:
    return r.model_copy(update={"series": [SeriesPoint(key=str(2011 + i), value=v, marked=i == marked)
                                           for i, v in enumerate(values)]})


def test_a_missing_period_is_a_labelled_gap_not_a_dot(story: factcheck.Report) -> None:
    r = _with_series(story.result("worst-year"), [5, 7, None, 6, None, None, 8, 9, None, 4], marked=9)
    pic = svg(r)
    assert pic.count('class="gap"') == 3
    assert ">no data 2013<" in pic and ">no data 2015–2016<" in pic and ">no data 2019<" in pic
    assert "no data for 2013, 2015–2016, 2019" in pic  # said to a screen reader too
    assert pic.count("<circle") == 6                   # a point for each value, none for the gaps
    assert pic.count('class="line solo"') == 1         # 2014 stands alone: a level stroke and its figure
    assert '<text class="key missing"' in pic


def test_gaps_are_the_runs_without_a_value() -> None:
    pts: list[tuple[str, float | None, bool]] = [
        ("a", None, False), ("b", 1.0, False), ("c", None, False), ("d", None, False), ("e", 2.0, False),
        ("f", None, False)]
    assert gaps(pts) == [(0, 0), (2, 3), (5, 5)]
    assert gaps([("a", 1.0, False)]) == []


@given(st.lists(st.one_of(st.none(), st.floats(-1e6, 1e6)), min_size=2, max_size=30))
def test_every_gap_is_drawn_and_labelled(values: list[float | None]) -> None:
    r = ClaimResult(id="c", says="s", verdict="pass", kind="extreme",
                    series=[SeriesPoint(key=f"<{2000 + i}>", value=v) for i, v in enumerate(values)])
    pic = svg(r)
    if all(v is None for v in values):
        assert pic == ""
        return
    runs = gaps([(str(i), v, False) for i, v in enumerate(values)])
    assert pic.count('class="gap"') == len(runs)
    assert pic.count('class="gap-label"') == len(runs)
    assert pic.count("<circle") == sum(v is not None for v in values)
    assert "<20" not in pic  # keys are escaped


def _examples() -> list[tuple[str, str]]:
    import re

    from factcheck.expectations.wording import EXAMPLES_BY_KIND
    out = []
    for shape, text in EXAMPLES_BY_KIND.items():
        if shape in ("boolean", "values"):
            continue
        out.extend((shape, w) for w in re.findall(r"'([^']+)'", text))
    return out


@pytest.mark.parametrize(("shape", "written"), _examples())
def test_every_documented_wording_reads_as_words_without_the_math(shape: str, written: str) -> None:
    kind = {"number": "count", "share": "share"}.get(shape, "change")
    words = _need(written, kind, shape)
    assert words.startswith("must ")
    assert " x " not in f" {words} " and "≤" not in words and "<" not in words and ">" not in words
