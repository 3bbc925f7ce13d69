"""Finding the figures of a Markdown article: the 2020 draft, awkward Markdown, and any text at all."""

from __future__ import annotations

import time
from fractions import Fraction
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.draft.figures import Sentence, figures_in_phrase, find_figures

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = (ROOT / "claims" / "2020-article.md").read_text(encoding="utf-8")
AWKWARD = (Path(__file__).parent / "fixtures" / "draft" / "awkward.md").read_text(encoding="utf-8")


def figures(markdown: str) -> list[str]:
    return [f.text for s in find_figures(markdown) for f in s.figures]


def kinds(markdown: str) -> list[tuple[str, str]]:
    return [(f.text, f.kind) for s in find_figures(markdown) for f in s.figures]


def lines_of(markdown: str) -> list[str]:
    return [line.removesuffix("\r") for line in markdown.split("\n")]


def assert_spans_index_the_text(markdown: str, sentences: list[Sentence]) -> None:
    lines = lines_of(markdown)
    for s in sentences:
        for f in s.figures:
            assert f.text and f.text == f.text.strip()
            assert s.text[f.start:f.end] == f.text == f.sentence[f.start:f.end]
            assert lines[f.line - 1][f.column] == f.text[0]
            assert lines[f.end_line - 1][f.end_column - 1] == f.text[-1]
            assert (f.line, f.column) < (f.end_line, f.end_column)
        for p in s.periods:
            assert s.text[p.start:p.end] == p.text
            assert lines[p.line - 1][p.column] == p.text[0]


# --------------------------------------------------------------------------- the 2020 draft

ARTICLE_FIGURES = [
    (1, 70, "an eight-year low", "extreme"), (9, 18, "165", "number"), (9, 80, "11%", "percent"),
    (13, 70, "579", "number"), (15, 0, "94%", "percent"), (17, 81, "257", "number"), (18, 51, "8%", "percent"),
    (22, 17, "163", "number"), (23, 36, "89%", "percent"), (23, 79, "51%", "percent"),
    (24, 13, "the fewest convictions in a single year since 2012", "extreme"),
    (31, 86, "50%", "percent"), (32, 44, "44%", "percent"), (32, 58, "3%", "percent"), (33, 0, "3%", "percent"),
    (33, 34, "53%", "percent"), (35, 42, "a large majority", "qualifier"), (40, 69, "41%", "percent"),
    (41, 30, "the most common recruitment location in every year since 2013", "extreme"),
    (44, 28, "132", "number"), (45, 0, "78", "number"), (45, 39, "59%", "percent"),
    (47, 14, "the bulk", "qualifier"), (47, 32, "104", "number"), (48, 16, "65%", "percent"),
    (48, 76, "the next most common", "extreme"), (51, 36, "28", "number"), (52, 13, "most often", "extreme"),
    (52, 49, "12", "number"), (52, 84, "36%", "percent"), (53, 49, "two", "number"),
    (55, 60, "overwhelmingly", "qualifier"), (59, 0, "Most", "qualifier"), (59, 61, "88%", "percent"),
    (63, 54, "over one-third", "fraction"), (64, 18, "No other source of referrals was as common", "extreme"),
    (66, 61, "5%", "percent"), (67, 51, "Most", "qualifier"), (70, 3, "Two decades", "number"),
    (72, 45, "2,093", "number"), (73, 26, "93%", "percent"), (73, 59, "4,132", "number"),
    (74, 9, "3,169", "number"), (76, 19, "4,824", "number"), (76, 34, "More than half", "fraction"),
    (78, 71, "30%", "percent"),
]


def test_every_figure_of_the_2020_draft_is_found_where_it_is() -> None:
    sentences = find_figures(ARTICLE)
    found = [(f.line, f.column, f.text, f.kind) for s in sentences for f in s.figures]
    assert found == ARTICLE_FIGURES
    assert_spans_index_the_text(ARTICLE, sentences)
    lines = lines_of(ARTICLE)
    for f in (f for s in sentences for f in s.figures if f.line == f.end_line):
        assert lines[f.line - 1][f.column:f.end_column] == f.text


def test_the_2020_draft_names_its_periods_but_they_are_not_figures() -> None:
    sentences = find_figures(ARTICLE)
    periods = [(p.line, p.text, p.year, p.relation) for s in sentences for p in s.periods]
    assert periods == [
        (3, "2020", 2020, None), (6, "2020", 2020, "in"), (9, "2020", 2020, "in"), (11, "2000", 2000, "since"),
        (18, "2020", 2020, "in"), (18, "2019", 2019, "from"), (22, "2020", 2020, "in"), (24, "2019", 2019, "from"),
        (24, "2012", 2012, "since"), (31, "2020", 2020, "in"), (42, "2013", 2013, "since"),
        (59, "2020", 2020, "in"), (72, "2000", 2000, "since"), (73, "two decades", None, "the"),
        (78, "twenty years", None, "all"),
    ]
    assert not {"2020", "2019", "2012", "2013", "2000"} & set(figures(ARTICLE))


def test_every_says_of_the_2020_claims_is_one_sentence_of_the_draft() -> None:
    """Sentence splitting agrees with the editor's: each claim's sentence is exactly one of ours."""
    sentences = {s.text for s in find_figures(ARTICLE)}
    claims = yaml.safe_load((ROOT / "claims" / "2020.yaml").read_text(encoding="utf-8"))["claims"]
    assert len(claims) == 46
    assert [c["id"] for c in claims if c["says"] not in sentences] == []


def test_a_figure_that_wraps_onto_the_next_line_starts_and_ends_where_it_is() -> None:
    extreme = next(f for s in find_figures(ARTICLE) for f in s.figures if f.text.startswith("the most common"))
    assert (extreme.line, extreme.column, extreme.end_line, extreme.end_column) == (41, 30, 42, 4)
    eleven = next(f for s in find_figures(ARTICLE) for f in s.figures if f.text == "11%")
    assert eleven.sentence.startswith("That was up 11% on the year before")  # the sentence spans lines 9-11
    assert eleven.line == 9


# --------------------------------------------------------------------------- awkward Markdown

def test_awkward_markdown_keeps_out_what_is_not_prose() -> None:
    sentences = find_figures(AWKWARD)
    found = [(f.line, f.column, f.text, f.kind) for s in sentences for f in s.figures]
    assert found == [
        (9, 13, "11%", "percent"), (14, 10, "165", "number"), (15, 8, "12", "number"), (16, 26, "45%", "percent"),
        (18, 17, "2.5 million", "number"), (19, 3, "12 points", "points"), (19, 38, "30%", "percent"),
        (19, 76, "40", "number"), (20, 18, "2,093", "number"), (20, 42, "the highest since 2013", "extreme"),
        (21, 14, "59%", "percent"), (26, 2, "Nearly half", "fraction"), (30, 9, "149", "number"),
        (30, 15, "54%", "percent"), (31, 9, "165", "number"), (31, 15, "59%", "percent"),
        (39, 68, "1 in 5", "fraction"),
    ]
    texts = {f[2] for f in found}
    left_out = {
        "999": "front matter", "777": "an HTML comment", "888": "an HTML comment", "1": "a footnote marker",
        "3": "a superscript", "2": "list numbering", "10": "list numbering", "42": "inline code",
        "77": "a link URL", "31%": "image alt text", "88": "an image path", "55": "a bare URL",
        "123": "a fenced code block", "456": "an indented code block", "19": "an identifier (COVID-19)",
        "24": "24/7", "230": "Section 230", "14": "page 14", "321": "a link reference definition",
        "5": "No. 5",
    }
    for text, why in left_out.items():
        assert text not in texts, f"{text} ({why}) was read as a figure"
    assert_spans_index_the_text(AWKWARD, sentences)


def test_awkward_markdown_blocks_and_sentences() -> None:
    sentences = find_figures(AWKWARD)
    assert [(s.line, s.block) for s in sentences] == [
        (9, "heading"), (11, "heading"), (14, "list"), (15, "list"), (16, "list"), (18, "paragraph"),
        (19, "paragraph"), (20, "paragraph"), (21, "paragraph"), (23, "paragraph"), (26, "quote"),
        (28, "table"), (30, "table"), (31, "table"), (39, "paragraph"), (42, "footnote"),
    ]
    texts = [s.text for s in sentences]
    assert "Dr. Lee, of No. 5 Court, counted 40 cases." in texts
    assert "See the 2019 report and SELECT 42 or at https://example.com/55." in texts
    assert "2019 | 149 | 54%" in texts


def test_quoted_material_is_found_and_flagged() -> None:
    sentences = find_figures(AWKWARD)
    quoted = {(f.line, f.text): f.quoted for s in sentences for f in s.figures}
    assert quoted[21, "59%"] is True            # "We saw 59% more cases," a lawyer said.
    assert quoted[26, "Nearly half"] is True    # a blockquote
    assert quoted[20, "2,093"] is False
    assert quoted[31, "59%"] is False
    md = "He called it \u201ca third of all cases\u201d. The report\u2019s 40% was \u2018about 12\u2019 higher."
    assert [(f.text, f.quoted) for s in find_figures(md) for f in s.figures] == [
        ("a third", True), ("40%", False), ("about 12", True)]


def test_a_numbered_line_inside_a_paragraph_is_not_a_list() -> None:
    md = "The internet has led every year since\n2013. Then 40% of cases\n1. Listed item with 7%\n"
    sentences = find_figures(md)
    assert [(s.text, s.block) for s in sentences] == [
        ("The internet has led every year since 2013.", "paragraph"),
        ("Then 40% of cases", "paragraph"), ("Listed item with 7%", "list")]


def test_headings_are_marked_not_dropped() -> None:
    md = "# Convictions fell 51%\n\nSub heading with 12 cases\n---\n\nBody had 3 more.\n\n***\n"
    assert [(s.text, s.block, [f.text for f in s.figures]) for s in find_figures(md)] == [
        ("Convictions fell 51%", "heading", ["51%"]), ("Sub heading with 12 cases", "heading", ["12"]),
        ("Body had 3 more.", "paragraph", ["3"])]


def test_windows_line_endings_and_tabs() -> None:
    md = "Cases rose\t11% in 2020,\r\nto 165.\r\n"
    sentences = find_figures(md)
    assert [(f.text, f.line, f.column) for s in sentences for f in s.figures] == [("11%", 1, 11), ("165", 2, 3)]
    assert sentences[0].text == "Cases rose 11% in 2020, to 165."


# --------------------------------------------------------------------------- phrases

@pytest.mark.parametrize("text, expected", [
    ("Prosecutors filed 165 cases, 5,076 in all, and 2.5 million dollars.",
     [("165", "number"), ("5,076", "number"), ("2.5 million", "number")]),
    ("It cost $1.2bn, or \u00a3900m, and 10k euros.", [("$1.2bn", "number"), ("\u00a3900m", "number"),
                                                      ("10k", "number")]),
    ("Shares: 59%, 59 percent, 59 per cent and 59.5 %.",
     [("59%", "percent"), ("59 percent", "percent"), ("59 per cent", "percent"), ("59.5 %", "percent")]),
    ("It rose 12 points, then 3 percentage points, then 2pp.",
     [("12 points", "points"), ("3 percentage points", "points"), ("2pp", "points")]),
    ("A third, one in five, half of them, two-thirds, a quarter of all, nine out of 10.",
     [("A third", "fraction"), ("one in five", "fraction"), ("half", "fraction"), ("two-thirds", "fraction"),
      ("a quarter", "fraction"), ("nine out of 10", "fraction")]),
    ("It doubled, then tripled and halved; three times as many; twice the rate; a tenfold rise; 2.5x.",
     [("doubled", "multiple"), ("tripled", "multiple"), ("halved", "multiple"),
      ("three times as many", "multiple"), ("twice", "multiple"), ("tenfold", "multiple"),
      ("2.5x", "multiple")]),
    ("A majority agreed; most victims were girls; the vast majority were minors.",
     [("A majority", "qualifier"), ("most", "qualifier"), ("the vast majority", "qualifier")]),
    ("More than half were children, nearly 60% were girls and about a third were boys.",
     [("More than half", "fraction"), ("nearly 60%", "percent"), ("about a third", "fraction")]),
    ("It was the fewest since 2012 and the highest on record.",
     [("the fewest since 2012", "extreme"), ("the highest on record", "extreme")]),
    ("It led every year since 2013, for the third straight year, a record high.",
     [("every year since 2013", "extreme"), ("for the third straight year", "streak"),
      ("a record high", "extreme")]),
    ("Two victims, twelve appeals and twenty-five judges.",
     [("Two", "number"), ("twelve", "number"), ("twenty-five", "number")]),
    ("Thousands of cases and a dozen appeals.", [("Thousands", "number"), ("a dozen", "number")]),
    ("Prosecutors charged 2000 defendants, over 2020 cases.", [("2000", "number"), ("over 2020", "number")]),
])
def test_phrases_that_carry_a_figure(text: str, expected: list[tuple[str, str]]) -> None:
    assert kinds(text) == expected


@pytest.mark.parametrize("text", [
    "It happened in 2020, since 2000, from 2015 to 2020, on March 3 and in May.",
    "One of the cases; more than one agency; a year later; the first half of 2020.",
    "A third party filed in the third quarter, a fifth consecutive hearing by the first time.",
    "See No. 5, Section 230, page 14, Title 9, #3 and Q3 2020 at 10:30 am or 9pm.",
    "COVID-19 hit 24/7 hotlines; version 2.0 of claims/2020.yaml; the 1990s and the \u201990s.",
    "the victims.1 The courts;2 and H1N1 and G7 and 3D printing and 1st place.",
    "He was tried twice; it was the third time in a row.",
    "Call the hotline at 1-800-373-7888, (202) 555-0143 or 202.555.0143 for help.",  # telephone numbers
    "He saved in a 401(k) plan and gave to a 501(c)(3) charity.",  # a statute's section, not a figure
])
def test_words_and_numbers_that_are_not_figures(text: str) -> None:
    assert figures(text) == []


def test_a_telephone_number_beside_figures_leaves_them_figures() -> None:
    assert figures("Of 1,200 calls to 1-800-373-7888, 59% came at night; 100-200 were hang-ups.") == [
        "1,200", "59%", "100", "200"]


def test_a_count_of_times_is_a_number_not_a_multiple() -> None:
    assert kinds("They met three times a week, and three times the usual.") == [
        ("three", "number"), ("three times", "multiple")]


def test_a_multiple_of_a_name_of_several_words() -> None:
    """"four times New York's rate" was the number four, so a claim of `expect: four times` left it
    unchecked, while "four times Clark's rate" was a multiple (a walk of a road-deaths story)."""
    assert kinds("It was four times New York's rate and three times St. Mary's total.") == [
        ("four times", "multiple"), ("three times", "multiple")]
    assert kinds("It happened four times in Ohio's capital.") == [("four", "number")]


def test_periods_a_sentence_names() -> None:
    md = "Between 2015 and 2020, fiscal 2021, Q3 2020, March 3, 2021, the 2010s, mid-2019 and 2019-20."
    assert [p.text for s in find_figures("In 2019 and 2020, from 1999-00 to 2005.") for p in s.periods] == [
        "2019", "2020", "from 1999-00", "2005"]
    (s,) = find_figures(md)
    assert [(p.text, p.year, p.end_year, p.relation) for p in s.periods] == [
        ("Between 2015 and 2020", 2015, 2020, "between"), ("fiscal 2021", 2021, None, None),
        ("Q3 2020", 2020, None, None), ("March 3, 2021", 2021, None, None), ("2010s", 2010, None, None),
        ("mid-2019", 2019, None, None), ("2019-20", 2019, 2020, "and")]


def test_values_are_exact() -> None:
    values = {f.text: f.value for s in find_figures(
        "59%, 5,076, 2.5 million, 12 points, a third, halved, three times as many, -8% and a majority.")
        for f in s.figures}
    assert values == {"59%": Fraction(59, 100), "5,076": 5076, "2.5 million": 2_500_000,
                      "12 points": Fraction(12, 100), "a third": Fraction(1, 3), "halved": Fraction(1, 2),
                      "three times as many": 3, "-8%": Fraction(-8, 100), "a majority": None}


def test_sentences_split_at_ends_not_at_abbreviations_or_decimals() -> None:
    md = ("Dr. Smith of the U.S. Justice Dept. counted 2.5 million cases, e.g. 40% in No. 5 court. "
          "It was in the U.S. The rate rose 3%. J. Doe said so! Did it? Yes.")
    assert [s.text for s in find_figures(md)] == [
        "Dr. Smith of the U.S. Justice Dept. counted 2.5 million cases, e.g. 40% in No. 5 court.",
        "It was in the U.S.", "The rate rose 3%.", "J. Doe said so!", "Did it?", "Yes."]


def test_figures_in_an_expect_phrase() -> None:
    assert [(f.text, f.kind, f.qualifier) for f in figures_in_phrase("up 11%")] == [("11%", "percent", None)]
    assert [(f.text, f.value) for f in figures_in_phrase("2020")] == [("2020", 2020)]
    assert [(f.text, f.qualifier) for f in figures_in_phrase("over one-third")] == [("over one-third", "above")]


# --------------------------------------------------------------------------- never raises, spans always index

_PIECES = ["59%", "165", "5,076", "2.5", " million", "a third", "one in five", "doubled", "three times as many",
           "the fewest since 2012", "every year since 2013", "more than half", "most", "a majority", "in 2020",
           "March 3", "No. 5", "U.S.", "Dr.", "e.g.", " ", " ", "\n", "\n\n", "\r\n", "\t", ". ", ", ", "# ",
           "## ", "1. ", "- ", "> ", "|", " | ", "---", "===", "```", "~~~", "    ", "`", "*", "**", "_", "~~",
           "[", "]", "(", ")", "](http://x.org/12)", "![", "[^1]", "[^1]: ", "<sup>2</sup>", "\u00b3", "<!--",
           "-->", "<b>", "\\", '"', "\u201c", "\u201d", "\u2018", "\u2019", "&amp;", "http://a.b/7", "-", "\u2212",
           "+", "$", "%", "x", "twenty-five", "half", "Most", "the", "COVID-19", "24/7", "2019-20", "Q3"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=60).map("".join))
def test_markdownish_text_never_raises_and_spans_index_the_figures(text: str) -> None:
    sentences = find_figures(text)
    assert_spans_index_the_text(text, sentences)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_text_never_raises_and_spans_index_the_figures(text: str) -> None:
    sentences = find_figures(text)
    assert_spans_index_the_text(text, sentences)
    for f in figures_in_phrase(text):
        assert text[f.start:f.end] == f.text


@pytest.mark.parametrize("piece", ["<sup>", "[a ", "![a ", "<a ", "*a ", "[a](b ", "`` ` ", '"a ', "a. ", "x`", "`a",
                                   "the most ", "no other ", "every year since ", "one in ", "1,"])
def test_pathological_input_takes_linear_time(piece: str) -> None:
    """No pattern rescans the rest of a paragraph for each of many openers (a 60,000-character paragraph)."""
    text = piece * (60_000 // len(piece))
    start = time.process_time()
    find_figures(text)
    assert time.process_time() - start < 3.0


def test_an_unclosed_run_of_backticks_in_an_article_line_is_read_at_once() -> None:
    """A line of 6,000 backticks in the article named by a claims file kept `check` busy for minutes:
    each opening length was looked for to the end of the paragraph."""
    start = time.process_time()
    assert figures("There are 3 rows. " + "`" * 6000) == ["3"]
    assert time.process_time() - start < 3.0


@pytest.mark.parametrize(("markdown", "found"), [
    ("Count `12` and 13.", ["13"]),
    ("Count ``a ` 12`` and 13.", ["13"]),          # a single backtick inside a span of two
    ("Count ```12` and 13.", ["12", "13"]),        # three open, nothing closes them: plain text (as GitHub shows it)
    ("Count \\``12` and 13.", ["13"]),           # an escaped backtick, then a span of one
    ("Count `12\\` and 13.", ["13"]),            # a backslash before the closing run closes it still
    ("Count `` 12 ``` 14 `` and 13.", ["13"]),     # a run of three inside a span of two
])
def test_code_spans_open_and_close_on_runs_of_as_many_backticks(markdown: str, found: list[str]) -> None:
    assert figures(markdown) == found


def test_every_example_in_the_docs_table_of_kinds_is_found_as_that_kind() -> None:
    doc = (ROOT / "docs" / "reviewing-a-draft.md").read_text(encoding="utf-8")
    rows = [line for line in doc.split("## What counts as a figure", 1)[1].split("###", 1)[0].splitlines()
            if line.startswith("| `")]
    assert len(rows) == 8
    for row in rows:
        kind, examples = row.split("|")[1].strip().strip("`"), row.split("|")[2]
        for example in examples.split("`")[1::2]:
            example = example.replace("\u2026", "convictions")
            found = [(f.text, f.kind) for s in find_figures(f"They said {example} of them.") for f in s.figures]
            assert any(k == kind and (example.startswith(t) or t.startswith(example)) for t, k in found), (
                example, kind, found)


def test_a_pattern_is_compiled_only_when_a_sentence_may_need_it() -> None:
    """Compiling every phrase pattern cost 60-140 ms of each run with an article; those whose
    words a sentence lacks are never compiled (and the figures found are the same)."""
    import subprocess
    import sys
    code = ("from factcheck.draft import phrases\n"
            "figures, _ = phrases.scan('Convictions fell to 163 in 2020, down 51% from 2019.')\n"
            "print([f.kind for f in figures])\n"
            "patterns = phrases._EXTREMES + phrases._STREAKS\n"
            "print(sum(p._compiled is not None for _, p in patterns), len(patterns))\n"
            "figures, _ = phrases.scan('It was the fewest since 2012, for the third straight year.')\n"
            "print([f.kind for f in figures])\n"
            "print(sum(p._compiled is not None for _, p in patterns))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[0] == "['number', 'percent']"
    assert out[1] == f"0 {out[1].split()[1]}" and int(out[1].split()[1]) >= 10
    assert out[2] == "['extreme', 'streak']"
    assert 0 < int(out[3]) < int(out[1].split()[1])


# --------------------------------------------------------------------------- typographic spaces

@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u2009"])  # no-break, narrow no-break, thin
def test_thousands_grouped_by_a_typographic_space_are_one_figure(space: str) -> None:
    """As SI and many European newsrooms set them: "12 000" is twelve thousand, not 12 and 000."""
    text = f"Prosecutors charged 12{space}000 defendants, 1{space}234{space}567.5 dollars, one in 1{space}000."
    assert [(f.text, f.kind, f.value) for f in figures_in_phrase(text)] == [
        (f"12{space}000", "number", 12_000), (f"1{space}234{space}567.5", "number", Fraction(2_469_135, 2)),
        (f"one in 1{space}000", "fraction", Fraction(1, 1000))]


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", " "])
def test_a_percent_sign_after_any_space_is_a_percentage(space: str) -> None:
    """French sets "59 %" with a no-break space: it was read as the number 59."""
    assert [(f.text, f.kind, f.value) for f in figures_in_phrase(f"59{space}% of them, up 3{space}points")] == [
        (f"59{space}%", "percent", Fraction(59, 100)), (f"3{space}points", "points", Fraction(3, 100))]


def test_a_plain_space_between_digits_still_separates_two_numbers() -> None:
    """A plain space is ambiguous ("in 2019 100 cases"), so it is never read as grouping."""
    assert figures("In 2019 100 cases were filed; 12 000 were not.") == ["100", "12", "000"]
    assert figures("In 2019\u00a0100 cases were filed.") == ["100"]  # a year is never a group of three


@given(st.integers(min_value=1000, max_value=10**15), st.sampled_from(["\u00a0", "\u202f", "\u2009"]))
def test_any_number_grouped_by_a_typographic_space_reads_back(n: int, space: str) -> None:
    written = f"{n:,}".replace(",", space)
    assert [(f.text, f.value) for f in figures_in_phrase(f"They counted {written} cases.")] == [(written, n)]
