""""More than 1,100 deaths every year since 2010": an `every` claim checks both figures of the
sentence; before, "every year since 2010" stayed unchecked beside it, and "every year since
fiscal 2019" was no figure at all (walks of road-deaths and grants stories)."""

from __future__ import annotations

import pytest

from factcheck.draft.coverage import ClaimRef, cover
from factcheck.draft.figures import find_figures

ARTICLE = "Ohio had more than 1,100 deaths every year since 2010.\n\nSpending grew every year since fiscal 2019.\n"


def test_an_every_claim_checks_the_every_year_phrase_of_its_sentence() -> None:
    says = "Ohio had more than 1,100 deaths every year since 2010"
    checked = cover(find_figures(ARTICLE), [ClaimRef("a", says, "more than 1,100", each=True)])
    assert [(f.figure.text, f.status) for f in checked.figures] == [
        ("more than 1,100", "checked"), ("every year since 2010", "checked"),
        ("every year since fiscal 2019", "not_checked")]
    plain = cover(find_figures(ARTICLE), [ClaimRef("a", says, "more than 1,100")])
    assert [f.status for f in plain.figures][1] == "not_checked"  # a claim of another kind does not


@pytest.mark.parametrize(("sentence", "figure"), [
    ("Spending has grown every year since fiscal 2019.", "every year since fiscal 2019"),
    ("It rose every year from fiscal 2019 through fiscal 2023.", "every year from fiscal 2019"),
    ("It rose each year between FY2019 and FY2023.", "each year between FY2019"),
    ("It gave more every year since it opened in 2022.", "every year since it opened in 2022"),
])
def test_every_year_phrases_of_fiscal_years_are_figures(sentence: str, figure: str) -> None:
    assert [(f.text, f.kind) for s in find_figures(sentence) for f in s.figures] == [(figure, "extreme")]
