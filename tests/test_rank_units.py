"""A record's rank and its rivals are shown in the measure's own unit: a share as a percentage (as
every other message shows it), money as money where the claim's sentence writes an amount.

Found walking a nursing-home story (/tmp/walk FINDINGS F8): "computed no: 0.3394, rank 1 of 3;
next: 2022 (0.348)" of the share of inspections that found a serious violation, where the same
share in any other message is "33.9%".
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import one_table
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.formatting import FigureUnit, figures_shown

runner = CliRunner()


def _inspections(serious: dict[int, tuple[int, int]]) -> list[str]:
    """Rows per year: ``(serious, all)`` inspections."""
    rows = ["id,survey_year,serious"]
    for year, (hit, n) in serious.items():
        rows += [f"{year}-{i},{year},{'Y' if i < hit else 'N'}" for i in range(n)]
    return rows


SHARES = {2022: (348, 1000), 2023: (36, 100), 2024: (37, 109)}  # 34.8%, 36%, 33.94…%
SINCE = "{extreme: {share: \"serious == 'Y'\", of: t}, over: survey_year, at: 2024, since: 2022, is: lowest}"


def test_a_share_ranked_is_shown_as_a_percentage(tmp_path: Path) -> None:
    r = one_table(tmp_path, _inspections(SHARES), SINCE, "true", decl="time: survey_year")
    assert r.value_text.startswith("no: 33.9%, rank 1 of 3; next: 2022 (34.8%); lower than 2022 too (34.8%): ")
    assert "0.3394" not in r.value_text


def test_a_share_ranked_among_categories(tmp_path: Path) -> None:
    rows = ["id,hood,status"] + [f"{h}{i},{h},{'Open' if i < k else 'Closed'}"
                                 for h, k, n in (("Eastfield", 3, 23), ("Harbor", 1, 20), ("Mill", 2, 40))
                                 for i in range(n)]
    r = one_table(tmp_path, rows, "{extreme: {share: \"status == 'Open'\", of: t}, over: hood, at: Harbor, "
                                  "is: highest}", "true")
    assert r.value_text == "no: 5%, rank 2 of 3; first: Eastfield (13.0%)"


def test_two_shares_that_differ_never_read_the_same(tmp_path: Path) -> None:
    close = {2022: (3479, 10000), 2023: (3481, 10000)}
    r = one_table(tmp_path, _inspections(close), "{extreme: {share: \"serious == 'Y'\", of: t}, over: survey_year, "
                                                 "at: 2023, is: lowest}", "true", decl="time: survey_year")
    assert r.value_text == "no: 34.81%, rank 2 of 2; last as low: 2022 (34.79%)"


def test_a_column_in_percent_and_a_count_keep_their_ways(tmp_path: Path) -> None:
    rows = ["year,pct,n"] + [f"{y},{p},{n}" for y, p, n in ((2022, 61.25, 10), (2023, 58.5, 12), (2024, 57.1, 9))]
    pct = one_table(tmp_path, rows, "{extreme: {mean: pct, of: t, unit: percent}, over: year, at: 2024, "
                                    "is: lowest}", "true", decl="time: year")
    assert pct.value_text == "yes: 57.1%, rank 1 of 3; next: 2023 (58.5%)"
    count = one_table(tmp_path, rows, "{extreme: {sum: n, of: t}, over: year, at: 2024, is: lowest}", "true",
                      decl="time: year", says="The fewest, 9, cost $4,000.")
    # the sentence's $4,000 is the amount of something else than its 9: not money
    assert count.value_text == "yes: 9, rank 1 of 3; next: 2022 (10)"


def test_money_where_the_sentence_writes_an_amount(tmp_path: Path) -> None:
    rows = ["id,unit,pay"] + [f"{u}{i},{u},{p}" for u, p, n in (("Patrol", 20061.5, 3), ("Traffic", 15000, 2))
                              for i in range(n)]
    measure = "{extreme: {median: pay, of: t}, over: unit, at: Traffic, is: highest}"
    money = one_table(tmp_path, rows, measure, "true", says="Traffic had the highest median overtime, $15,000.")
    assert money.value_text == "no: $15,000, rank 2 of 2; first: Patrol ($20,061.50)"
    plain = one_table(tmp_path, rows, measure, "true", says="Traffic had the highest median overtime.")
    assert plain.value_text == "no: 15,000, rank 2 of 2; first: Patrol (20,062)"  # as before
    counted = one_table(tmp_path, rows, "{extreme: {count: t}, over: unit, at: Traffic, is: highest}", "true",
                        says="Traffic, paid $15,000, had the most officers.")
    assert counted.value_text == "no: 2, rank 2 of 2; first: Patrol (3)"  # a count is never money


def test_a_tie_at_a_tops_cut_of_shares(tmp_path: Path) -> None:
    rows = ["id,hood,status"] + [f"{h}{i},{h},{'Open' if i < k else 'Closed'}"
                                 for h, k, n in (("A", 1, 3), ("B", 1, 3), ("C", 0, 3)) for i in range(n)]
    r = one_table(tmp_path, rows, "{top: hood, of: t, by: {share: \"status == 'Open'\", of: t}}", "[A]")
    assert "computed a tie at the cut: A, B (33.3% each)" in r.message


def test_every_report_says_it(tmp_path: Path) -> None:
    """Terminal, JSON, Markdown and HTML show the one text."""
    (tmp_path / "t.csv").write_text("\n".join(_inspections(SHARES)) + "\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text(
        f"version: 1\ntables:\n  t: {{path: t.csv, time: survey_year}}\nclaims:\n"
        f"  - {{id: lowest, says: That share was the lowest since 2022., measure: {SINCE}, expect: true}}\n",
        encoding="utf-8")
    out = {k: tmp_path / f"r.{k}" for k in ("json", "md", "html")}
    done = runner.invoke(app, ["run", str(tmp_path / "c.yaml"), "--json", str(out["json"]),
                               "--markdown", str(out["md"]), "--html", str(out["html"])])
    assert done.exit_code == 1, done.output
    said = "33.9%, rank 1 of 3; next: 2022 (34.8%)"
    assert said in " ".join(done.output.split())
    assert said in json.loads(out["json"].read_text(encoding="utf-8"))["results"][0]["value_text"]
    markdown = out["md"].read_text(encoding="utf-8")
    assert said in markdown and "0.3394" not in markdown
    assert said in out["html"].read_text(encoding="utf-8")  # (its table of details lists the raw values)


@given(st.lists(st.fractions(0, 1, max_denominator=100_000), min_size=1, max_size=4))
def test_shares_that_differ_are_written_apart(values: list) -> None:
    shown = figures_shown([float(v) for v in values], FigureUnit("share"))
    for a, ta in zip(values, shown, strict=True):
        assert ta.endswith("%")
        for b, tb in zip(values, shown, strict=True):
            if float(a) != float(b):
                assert ta != tb, (values, shown)
