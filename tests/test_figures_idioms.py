"""Idioms written with numbers are no figures of a draft: "a 9-to-5 job", "she is one in a million".

Found by people trying `factcheck run` on their own stories: the list of figures no claim checks
held "9" and "5", and "a million" (1,000,000) for "one in a million", noise an editor has to read
past. The list is kept to phrases that are never a finding: a first version also took games'
scores ("won 3-1"), "two cents", "100 percent" before an adjective and "a million times" for
idioms, and an attack on it found election results ("The Democrat won 52-48"), ranges ("drew
200-300 people"), a gas-tax rise and loan guarantees gone from the figures an editor must check.
A missed figure goes unchecked; a false one costs an ``ignore``. So those stay figures.
"""

from __future__ import annotations

import pytest

from factcheck.draft.figures import find_figures


def figures(text: str) -> list[tuple[str, str]]:
    return [(f.text, f.kind) for s in find_figures(text) for f in s.figures]


@pytest.mark.parametrize("text", [
    "She quit a 9-to-5 job to write.",
    "She quit the 9-to-5 for good.",
    "He works 9 to 5, like his father.",
    "It was a nine-to-five existence.",
    "She is one in a million, her coach said.",
    "He's one in a million.",
    "It was a one-in-a-million talent.",
    "Thanks a million, she wrote.",
    "It was a fifty-fifty call.",
    "It is a 50-50 chance at best.",
    "I am a hundred percent sure.",
    "The players gave 110 percent.",
    "Trust is a two-way street.",
    "It was a two-horse race.",
    "He was on cloud nine.",
    "They went the whole nine yards.",
    "Good help is a dime a dozen.",
])
def test_an_idiom_is_no_figure(text: str) -> None:
    assert figures(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    # a tally is checked against the roll call: not a game's score
    ("The council voted 7-2 to approve.", [("7", "number"), ("2", "number")]),
    ("The vote passed 5-4.", [("5", "number"), ("4", "number")]),
    ("The ordinance won 5-4 in the council.", [("5", "number"), ("4", "number")]),
    ("The Senate is split 50-50.", [("50", "number"), ("50", "number")]),
    ("Democrats won the seat 52-48.", [("52", "number"), ("48", "number")]),  # an election's result
    ("She won the primary by a 3-1 margin.", [("3", "number"), ("1", "number")]),
    ("Prices fell 2-3% in May.", [("2", "number"), ("3%", "percent")]),
    ("They won 10-12 seats.", [("10", "number"), ("12", "number")]),
    ("The measure won 3-to-1.", [("3-to-1", "multiple")]),
    # numbers from 9 to 5 that are counts, not the working day
    ("Clinics fell from 9 to 5.", [("9", "number"), ("5", "number")]),
    ("Wait times fell from 9 to 5 hours.", [("9", "number"), ("5 hours", "number")]),
    # fractions and amounts beside the idioms
    ("One in five residents moved.", [("One in five", "fraction")]),
    ("One in a thousand births was affected.", [("One in a thousand", "fraction")]),
    # a probability, however much it sounds like the idiom: checked against the data's rate
    ("The risk of a severe reaction is one in a million.", [("one in a million", "fraction")]),
    ("The odds are one in a million.", [("one in a million", "fraction")]),
    ("It was a one-in-a-million chance, the study found.", [("one-in-a-million", "fraction")]),
    ("A hundred percent of the cost was covered.", [("A hundred percent", "percent")]),
    ("They gave 100 percent of the proceeds.", [("100 percent", "percent")]),
    ("Costs rose 110 percent.", [("110 percent", "percent")]),
    ("It was a million times more likely.", [("a million times more", "multiple")]),
    ("The city spent a million dollars.", [("a million", "number")]),
    ("Two cases were filed, then a dozen.", [("Two", "number"), ("a dozen", "number")]),
    # what the first version took for idioms (the attack): results, ranges, prices and shares
    ("The Democrat won 52-48.", [("52", "number"), ("48", "number")]),
    ("The measure won 58-42.", [("58", "number"), ("42", "number")]),
    ("The rally drew 200-300 people.", [("200", "number"), ("300", "number")]),
    ("A credit score of 620-680 qualifies.", [("620", "number"), ("680", "number")]),
    ("The Jets won 3-1 on Sunday.", [("3", "number"), ("1", "number")]),
    ("The tax on gasoline rose two cents a gallon.", [("two", "number")]),
    ("In the trial, 100% recovered within two weeks.", [("100%", "percent"), ("two weeks", "number")]),
    ("The loans are 100 percent guaranteed by the state.", [("100 percent", "percent")]),
    ("The state gave 100 percent funding to the district.", [("100 percent", "percent")]),
    ("Carfentanil is a million times stronger than morphine.", [("a million", "number")]),
    ("The telescope orbits a million miles from Earth.", [("a million", "number")]),
    ("The Senate is split fifty-fifty.", [("fifty", "number"), ("fifty", "number")]),
    ("The team won 12 of 15 games.", [("12", "number"), ("15", "number")]),
])
def test_the_neighbours_of_an_idiom_stay_figures(text: str, expected: list[tuple[str, str]]) -> None:
    assert figures(text) == expected


def test_a_figure_beside_an_idiom_in_the_same_sentence_is_still_found() -> None:
    assert figures("After a 9-to-5 job, she volunteered 12 hours a week.") == [("12 hours", "number")]


@pytest.mark.parametrize("text", [
    "The council was at sixes and sevens.",
    "It's a Catch-22 for renters.",
    "They met one-on-one with the mayor.",
    "The 24-hour news cycle moved on.",
    "It happens once in a blue moon.",
])
def test_idioms_that_were_never_figures_stay_so(text: str) -> None:
    assert figures(text) == []
