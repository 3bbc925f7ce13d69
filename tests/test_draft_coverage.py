"""Which figures of a draft the claims check: the 2020 story, edits to it, ignore lists, expect wordings."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.draft.coverage import ClaimRef, Coverage, Ignore, cover
from factcheck.draft.figures import find_figures

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = (ROOT / "claims" / "2020-article.md").read_text(encoding="utf-8")
CLAIMS = yaml.safe_load((ROOT / "claims" / "2020.yaml").read_text(encoding="utf-8"))["claims"]


def refs(claims: list[dict[str, object]]) -> list[ClaimRef]:
    return [ClaimRef(str(c["id"]), str(c["says"]), c.get("expect"), "measure" in c, "unverifiable" in c)
            for c in claims]


def story(article: str = ARTICLE, ignore: tuple[Ignore, ...] = ()) -> Coverage:
    return cover(find_figures(article), refs(CLAIMS), ignore)


def covered(markdown: str, says: str, expect: object) -> list[str]:
    result = cover(find_figures(markdown), [ClaimRef("c", says, expect)])
    return [f.figure.text for f in result.figures if f.claims]


# figures of the 2020 draft that no claim states (pinned: a new claim updates this); the claims
# file's `ignore:` leaves this one unchecked on purpose (not passed to cover() here)
NOT_CHECKED_TODAY = [(70, "Two decades")]


def test_every_figure_the_46_claims_state_is_found_and_covered() -> None:
    result = story()
    assert len(CLAIMS) == 46
    assert result.stale == ()
    assert result.states_no_figure == ()     # every claim with an expect covers a figure of its sentence
    covering = {claim for f in result.figures for claim in f.claims}
    assert covering == {str(c["id"]) for c in CLAIMS} - {"pandemic-caused-the-fall"}  # its sentence has no figure


def test_the_figures_of_the_2020_draft_not_checked_today() -> None:
    result = story()
    assert [(f.figure.line, f.figure.text) for f in result.not_checked] == NOT_CHECKED_TODAY
    assert {f.status for f in result.figures} == {"checked", "not_checked"}
    assert len(result.figures) == 46


def test_who_covers_what_in_the_2020_draft() -> None:
    by_figure = {(f.figure.line, f.figure.text): f for f in story().figures}
    assert by_figure[9, "11%"].claims == ("new-cases-up-11",)
    assert by_figure[24, "the fewest convictions in a single year since 2012"].claims == (
        "fewest-convictions-since-2012",)
    # two claims share "Men were 3% of victims, and boys another 3%." and both state 3%: each covers
    # one, in order (before, each covered both, and one claim alone would have covered the two)
    assert by_figure[32, "3%"].claims == ("victims-men-share",)
    assert by_figure[33, "3%"].claims == ("victims-boys-share",)
    assert by_figure[41, "the most common recruitment location in every year since 2013"].claims == (
        "internet-top-location-since-2013",)
    assert by_figure[53, "two"].claims == ("online-adults-instagram",)
    assert by_figure[63, "over one-third"].claims == ("referrals-victims-over-one-third",)
    # a claim marked unverifiable speaks for its whole sentence: the figure is looked at, and judged
    assert (by_figure[67, "Most"].claims, by_figure[67, "Most"].status) == (("traffickers-work-alone",), "checked")


def test_a_figure_added_to_the_draft_is_not_checked() -> None:
    edited = ARTICLE.replace("Courts convicted 163 trafficking defendants in 2020.",
                             "Courts convicted 163 trafficking defendants in 2020. Another 27 were acquitted.")
    result = story(edited)
    assert [(f.figure.line, f.figure.text) for f in result.not_checked] == sorted(
        NOT_CHECKED_TODAY + [(22, "27")])
    assert result.stale == ()


def test_an_edited_sentence_makes_its_claim_stale_with_the_closest_sentence_as_hint() -> None:
    edited = ARTICLE.replace("Prosecutors filed 165 new criminal", "Prosecutors filed 166 new criminal")
    result = story(edited)
    assert [(s.id, s.closest, s.closest_line) for s in result.stale] == [
        ("new-cases-2020", "Prosecutors filed 166 new criminal human-trafficking cases in 2020.", 9)]
    assert result.stale[0].similarity > 0.9
    assert (9, "166") in [(f.figure.line, f.figure.text) for f in result.not_checked]


def test_ignored_figures_are_reported_as_ignored_and_unused_entries_are_reported() -> None:
    ignore = (
        Ignore("with 12 victims", "12", "the report's own table; not in our data"),
        Ignore("Two decades of cases", "two decades", "a section title"),
        Ignore("Child-safety advocates say", "overwhelmingly", "covered anyway"),
        Ignore("A sentence that is not there.", "5", "stale entry"),
        Ignore("Girls made up 50% of those victims.", "51%", "wrong figure"),
    )
    # as before the claim of WeChat's 12 victims was written
    result = cover(find_figures(ARTICLE), refs([c for c in CLAIMS if c["id"] != "online-adults-wechat-12"]), ignore)
    status = {(f.figure.line, f.figure.text): (f.status, f.ignore) for f in result.figures}
    assert status[52, "12"] == ("ignored", ignore[0])
    assert status[70, "Two decades"] == ("ignored", ignore[1])
    assert status[55, "overwhelmingly"] == ("checked", ignore[2])  # a claim covers it: checked wins
    assert result.unused_ignores == (ignore[3], ignore[4])
    assert result.not_checked == ()


def test_claims_without_a_measure_are_noted_not_checked() -> None:
    result = cover(find_figures("Prosecutors filed 165 cases, up 11%."),
                   [ClaimRef("noted", "Prosecutors filed 165 cases, up 11%.", "up 11%", has_measure=False),
                    ClaimRef("both", "Prosecutors filed 165 cases", 165, has_measure=False),
                    ClaimRef("encoded", "filed 165 cases", "165")])
    assert [(f.figure.text, f.claims, f.status) for f in result.figures] == [
        ("165", ("both", "encoded"), "checked"), ("11%", ("noted",), "not_encoded")]


def test_a_claim_found_whose_expect_states_no_figure_of_its_sentence_is_reported() -> None:
    result = cover(find_figures("Convictions were down 51% from 2019."),
                   [ClaimRef("typo", "Convictions were down 51% from 2019.", "down 15%")])
    assert result.states_no_figure == ("typo",)
    assert [f.status for f in result.figures] == ["not_checked"]


def test_says_matches_through_emphasis_curly_quotes_line_breaks_and_links() -> None:
    md = "The report\u2019s *headline* figure:\n**59%** of [all](http://x.org/12) online\nrecruitment."
    assert covered(md, "The report's headline figure: 59% of all online recruitment", "59%") == ["59%"]
    assert covered(md, "The report\u2019s _headline_ figure: 59% of [all](http://y) online recruitment.",
                   "59%") == ["59%"]
    assert covered(md, "headline figure: 59%", "59%") == ["59%"]          # a part of the sentence
    assert covered(md, "line figure: 59%", "59%") == []                   # not inside a longer word


def test_a_part_of_a_sentence_covers_only_the_figures_inside_it() -> None:
    md = "Men were 3% of victims, and boys another 3%."
    result = cover(find_figures(md), [ClaimRef("men", "Men were 3% of victims", "3%")])
    assert [(f.figure.start, f.claims) for f in result.figures] == [(9, ("men",)), (41, ())]


@pytest.mark.parametrize("sentence, expect, expected", [
    ("It was 59 per cent of all.", "59%", ["59 per cent"]),
    ("It was 59% of all.", "58%", []),
    ("It was 59% of all, half of it online.", 0.59, ["59%"]),
    ("It was 59% of all, half of it online.", "0.5", ["half"]),
    ("Instagram for just two victims.", 2, ["two"]),
    ("Cases rose 11% to 165.", "up 11%", ["11%"]),
    ("Cases rose 11% to 165.", 165, ["165"]),
    ("Cases fell \u22128% in 2020.", "down 8%", ["\u22128%"]),
    ("It was over one-third of referrals.", "over one-third", ["over one-third"]),
    ("It was more than a third of referrals.", "over one-third", ["more than a third"]),
    ("It was over one-third of referrals.", "a third", []),               # the tolerance differs
    ("Most victims were girls.", "a majority", ["Most"]),
    ("Most victims were girls.", "the vast majority", []),
    ("It was the fewest since 2012, at 163.", True, ["the fewest since 2012"]),
    ("It was the fewest since 2012, at 163.", "true", ["the fewest since 2012"]),
    ("Instagram was the most common platform, with 12.", ["Instagram"], ["the most common"]),
    ("It was 59% of all.", {"value": 0.59, "within": 0.01}, ["59%"]),
    ("It was 15% of all.", {"between": ["10%", "20%"]}, ["15%"]),
    ("The rate was 2.5 and 2.5 million.", 2.5, ["2.5"]),
    ("Cases doubled; twice as many.", "doubled", ["doubled", "twice as many"]),
    ("Up 5 points, not 5%.", "up 5 points", ["5 points"]),
    ("A sentence with 12 in it.", None, ["12"]),                          # no expect: the whole statement
    ("In 2020, 88% of cases.", 2020, []),                                 # a year is a period, never a figure
    # "a quarter" alone read as a span of time ("for a quarter"), so `expect: A quarter` stated nothing
    ("A quarter of visitors were 65 or older.", "A quarter", ["A quarter"]),
    ("Noise was about a quarter of complaints.", "about a quarter", ["about a quarter"]),
    ("Sales fell by a quarter.", "down a quarter", ["a quarter"]),
])
def test_an_expect_states_the_figures_it_names(sentence: str, expect: object, expected: list[str]) -> None:
    assert covered(sentence, sentence, expect) == expected


def test_a_claim_covers_every_place_its_sentence_appears() -> None:
    md = "Convictions fell 51%.\n\nLater, again: Convictions fell 51%."
    result = cover(find_figures(md), [ClaimRef("c", "Convictions fell 51%", "down 51%")])
    assert [f.claims for f in result.figures] == [("c",), ("c",)]


def _babble(rng: random.Random, words: int) -> str:
    """A sentence of common words, every one like every other: the worst case for the closest search."""
    vocabulary = "the a of and to in was were he she they we at as on by up or no her his all for from".split()
    return " ".join(rng.choice(vocabulary) for _ in range(words)).capitalize() + " rose 11% in 2020."


def test_finding_the_closest_sentence_for_many_stale_claims_takes_bounded_time() -> None:
    """Each stale claim was compared character by character with every sentence (the product of
    their lengths a pair): 200 stale claims against a 70 KB article took a minute, one 35 KB says
    against one 35 KB sentence 40 s. Now a few candidate sentences are compared, on their starts."""
    rng = random.Random(6)
    article = "\n\n".join(_babble(rng, 45) for _ in range(300)) + "\n\n" + _babble(rng, 3000) + "\n"
    claims = [ClaimRef(f"c{i}", _babble(rng, 45), 5) for i in range(100)] + [ClaimRef("long", _babble(rng, 3000), 5)]
    sentences = find_figures(article)
    start = time.process_time()
    result = cover(sentences, claims)
    assert time.process_time() - start < 3.0
    assert len(result.stale) == 101 and all(s.closest for s in result.stale)


def test_the_closest_sentence_is_the_edited_one_among_near_twins_and_for_a_part_of_a_sentence() -> None:
    """The bounded search still finds, of sentences alike but for a word, the one the edit made."""
    rng = random.Random(8)
    twins = [f"In {year}, prosecutors filed {n} new criminal human-trafficking cases in the district."
             for year, n in zip(range(2000, 2040), rng.sample(range(100, 999), 40), strict=True)]
    article = " ".join(twins) + "\n"
    says = twins[23].replace(" new ", " fresh ")
    [stale] = cover(find_figures(article), [ClaimRef("c", says, 5)]).stale
    assert stale.closest == twins[23]
    [stale] = cover(find_figures(article), [ClaimRef("c", "prosecutors filed " + twins[31].split(" filed ")[1]
                                                     .replace("criminal", "crim."), 5)]).stale
    assert stale.closest == twins[31]


def test_stale_claims_against_an_empty_article_have_no_hint() -> None:
    result = cover([], [ClaimRef("gone", "Prosecutors filed 165 cases.", 165)])
    assert [(s.id, s.closest, s.closest_line, s.similarity) for s in result.stale] == [("gone", None, None, 0.0)]
    assert result.figures == ()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article=st.text(max_size=300), says=st.text(max_size=60),
       expect=st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20),
                        st.lists(st.text(max_size=5), max_size=2),
                        st.dictionaries(st.sampled_from(["value", "between", "values", "within"]),
                                        st.one_of(st.text(max_size=5), st.floats(), st.lists(st.integers()))),
                        ),
       ignored=st.tuples(st.text(max_size=40), st.text(max_size=10)))
def test_coverage_never_raises_and_accounts_for_every_figure(article: str, says: str, expect: object,
                                                             ignored: tuple[str, str]) -> None:
    sentences = find_figures(article)
    result = cover(sentences, [ClaimRef("c", says, expect)], [Ignore(*ignored, reason="r")])
    assert [f.figure for f in result.figures] == [f for s in sentences for f in s.figures]
    assert len(result.stale) + (0 if result.stale else 1) == 1


def test_a_figure_set_with_typographic_spaces_is_covered_by_its_claim() -> None:
    """An article set in SI or European style: "12 000" and "59 %" (no-break spaces) are the figures
    the claims state, whether their expect is written "12,000" or as the article sets it."""
    says = "Prosecutors charged 12\u00a0000 defendants, and 59\u00a0% were convicted."
    assert covered(says, says, "12,000") == ["12\u00a0000"]
    assert covered(says, says, "12\u00a0000") == ["12\u00a0000"]
    assert covered(says, says, "59%") == ["59\u00a0%"]
    assert covered(says, says, "59\u00a0%") == ["59\u00a0%"]
