"""A period named on a label column (``year``) beside a date column is said to be partial when the
dates of its rows cover less than the label says (:mod:`factcheck.planning.partial`).

Found walking a 311 story (/tmp/walk FINDINGS F11): the requests table has a ``year`` column and
a ``created_date`` column, declared ``time: [created_date, year]``; the data runs 2021–2024 and
January–March 2025. "Requests fell 80% in 2025" passed over ``year(created_date)`` with the warning
``period_partial``, and over the ``year`` column with nothing said: the same three months against
twelve.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from conftest import one_table, record_statements
from hypothesis import given
from hypothesis import strategies as st

import factcheck
from factcheck import NoteCode, Verdict
from factcheck.planning.partial import LabelCheck, label_length, partial_said

REPO = Path(__file__).resolve().parent.parent


def _months(year: int, months: range, label: object, per_month: int = 2) -> list[tuple[str, object]]:
    """Rows dated in ``months`` of ``year`` (two a month: the 1st and the 28th), labelled ``label``."""
    return [(f"{year}-{m:02d}-{d:02d}", label) for m in months for d in (1, 28)[:per_month]]


def _rows(dated: list[tuple[str, object]]) -> list[str]:
    return ["id,created_date,year"] + [f"r{i},{d},{y}" for i, (d, y) in enumerate(dated)]


CALENDAR = [row for y in (2022, 2023, 2024) for row in _months(y, range(1, 13), y)] + _months(2025, range(1, 4), 2025)
TIME = "time: [created_date, year]"


def _partial(r: factcheck.ClaimResult) -> list[str]:
    return [n.message for n in r.notes if n.code == NoteCode.PERIOD_PARTIAL and n.warning]


def _claim(tmp_path: Path, rows: list[tuple[str, object]], measure: str, *, decl: str = TIME,
           expect: str | None = None) -> factcheck.ClaimResult:
    if expect is None:
        expect = "true" if "extreme" in measure else "down 80%" if "change" in measure else "'1'"
    return one_table(tmp_path, _rows(rows), measure, expect, table="requests", decl=decl, says="a figure of a year")


@pytest.mark.parametrize("measure", [
    "{change: {count: requests}, over: year, from: 2024, to: 2025}",
    "{count: requests, where: year == 2025}",
    "{count: requests, where: 'year in [2024, 2025]'}",
    "{count: requests, where: year between 2023 and 2025}",
    "{extreme: {count: requests}, over: year, at: 2025, is: lowest}",
])
def test_a_label_year_whose_rows_hold_three_months_is_said(tmp_path: Path, measure: str) -> None:
    r = _claim(tmp_path, CALENDAR, measure)
    assert r.verdict in (Verdict.PASS, Verdict.FAIL), r.message
    assert _partial(r) == ["2025 is only part of a year in the data: the dates of created_date in the rows of year "
                           "2025 run from 2025-01-01 to 2025-03-28 (3 months); its figure is not that of the whole year"]


def test_the_label_and_the_year_of_the_date_say_the_same(tmp_path: Path) -> None:
    """The F11 pair: over the year column and over year(created_date), both carry the warning."""
    decl = TIME + ", derive: {cyear: year(created_date)}"
    on_label = _claim(tmp_path, CALENDAR, "{change: {count: requests}, over: year, from: 2024, to: 2025}", decl=decl)
    on_date = _claim(tmp_path, CALENDAR, "{change: {count: requests}, over: cyear, from: 2024, to: 2025}", decl=decl)
    assert on_label.value == on_date.value == -0.75 and on_label.verdict == on_date.verdict
    assert len(_partial(on_label)) == len(_partial(on_date)) == 1


@pytest.mark.parametrize("measure", [
    "{count: requests, where: year == 2024}",                               # January to December
    "{change: {count: requests}, over: year, from: 2023, to: 2024}",
    "{count: requests, where: year between 2025 and 2025}",                # (below: 2025 is whole there)
    "{count: requests, where: year >= 2024}",                              # a lower end is no period named
])
def test_a_whole_label_year_is_not(tmp_path: Path, measure: str) -> None:
    rows = [row for y in (2023, 2024, 2025) for row in _months(y, range(1, 13), y)]
    assert _partial(_claim(tmp_path, rows, measure)) == []


def test_a_fiscal_year_label_from_july_is_whole(tmp_path: Path) -> None:
    """FY2025 runs from July 2024 to June 2025: dates that begin in July are no partial year."""
    rows = [row for fy in (2023, 2024, 2025)
            for row in _months(fy - 1, range(7, 13), fy) + _months(fy, range(1, 7), fy)]
    for measure in ("{count: requests, where: year == 2025}",
                    "{change: {count: requests}, over: year, from: 2024, to: 2025}",
                    "{count: requests, where: year == 2023}"):
        assert _partial(_claim(tmp_path, rows, measure)) == [], measure


def test_a_fiscal_year_the_export_cut_is_said(tmp_path: Path) -> None:
    """FY2026 from July to September 2025 (an export in October): three months of a fiscal year."""
    rows = [row for fy in (2024, 2025) for row in _months(fy - 1, range(7, 13), fy) + _months(fy, range(1, 7), fy)]
    rows += _months(2025, range(7, 10), 2026)
    r = _claim(tmp_path, rows, "{change: {count: requests}, over: year, from: 2025, to: 2026}")
    assert _partial(r) == ["2026 is only part of a year in the data: the dates of created_date in the rows of year "
                           "2026 run from 2025-07-01 to 2025-09-28 (3 months); its figure is not that of the whole year"]


def test_school_year_labels(tmp_path: Path) -> None:
    """'2024-25' labels: September to June is the whole school year here (every label spans it);
    September to December of the last is part of one, said against the others' ten months."""
    rows = [row for y in (2022, 2023) for row in _months(y, range(9, 13), f"{y}-{str(y + 1)[2:]}")
            + _months(y + 1, range(1, 7), f"{y}-{str(y + 1)[2:]}")]
    rows += _months(2024, range(9, 13), "2024-25")
    whole = _claim(tmp_path, rows, "{count: requests, where: \"year == '2023-24'\"}")
    assert _partial(whole) == []
    part = _claim(tmp_path, rows, "{count: requests, where: \"year == '2024-25'\"}")
    assert _partial(part) == ["2024-25 is only part of a year in the data: the dates of created_date in the rows of "
                              "year 2024-25 run from 2024-09-01 to 2024-12-28 (4 months, where the other years' span "
                              "10 months); its figure is not that of the whole year"]


def test_data_taken_once_a_year_is_whole(tmp_path: Path) -> None:
    """A count taken every October: each year's rows span one month, and none is partial for it."""
    rows = [row for y in (2022, 2023, 2024) for row in _months(y, range(10, 11), y)]
    assert _partial(_claim(tmp_path, rows, "{change: {count: requests}, over: year, from: 2023, to: 2024}")) == []


def test_a_quarter_label(tmp_path: Path) -> None:
    rows = [row for q, ms in (("2024-Q3", range(7, 10)), ("2024-Q4", range(10, 13))) for row in _months(2024, ms, q)]
    rows += _months(2025, range(1, 2), "2025-Q1")
    r = _claim(tmp_path, rows, "{count: requests, where: \"year == '2025-Q1'\"}")
    assert [m.split(":")[0] for m in _partial(r)] == ["2025-Q1 is only part of a quarter in the data"]
    assert _partial(_claim(tmp_path, rows, "{count: requests, where: \"year == '2024-Q4'\"}")) == []


def test_a_label_column_without_a_date_beside_it_is_not_judged(tmp_path: Path) -> None:
    """``time: year`` alone: nothing to tell the months by, nothing said, and no query asked for it."""
    r = _claim(tmp_path, CALENDAR, "{count: requests, where: year == 2025}", decl="time: year")
    assert _partial(r) == []


def test_a_year_whose_dates_disagree_with_it_is_not_judged(tmp_path: Path) -> None:
    """A year a case closed, beside the date it was filed: the rows closed in 2025 were filed in
    January to March 2022, which says nothing of how much of 2025 the data holds."""
    rows = _months(2023, range(1, 13), 2024) + _months(2024, range(1, 13), 2024) + _months(2022, range(1, 4), 2025)
    assert _partial(_claim(tmp_path, rows, "{count: requests, where: year == 2025}")) == []


def test_a_date_beside_the_year_that_is_no_date_is_refused_as_a_time_column(tmp_path: Path) -> None:
    """The date column is read for a claim on the year beside it, and checked as the time column it is
    declared: a date written another way stops the run with its line, rather than a partial year
    going unsaid (the year's figure would be right; whether it is whole could not be told)."""
    rows = _rows(CALENDAR) + ["x1,14/03/2024,2024"]
    (tmp_path / "requests.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text(
        "version: 1\ntables:\n  requests: {path: requests.csv, time: [created_date, year]}\nclaims:\n"
        "  - {id: a, says: x, measure: {count: requests, where: year == 2024}, expect: 25}\n", encoding="utf-8")
    with pytest.raises(factcheck.DataError) as caught:
        factcheck.verify(tmp_path / "c.yaml")
    said = str(caught.value)
    assert "time column 'created_date'" in said and "14/03/2024" in said and f"requests.csv:{len(rows)}" in said


def test_one_query_for_the_label_column_shared_by_its_claims(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "requests.csv").write_text("\n".join(_rows(CALENDAR)) + "\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text(
        "version: 1\ntables:\n  requests: {path: requests.csv, time: [created_date, year]}\nclaims:\n"
        "  - {id: a, says: x, measure: {count: requests, where: year == 2025}, expect: 24}\n"
        "  - {id: b, says: x, measure: {change: {count: requests}, over: year, from: 2024, to: 2025}, "
        "expect: down 75%}\n", encoding="utf-8")
    asked = record_statements(monkeypatch)
    report = factcheck.verify(tmp_path / "c.yaml")
    assert all(len(_partial(r)) == 1 for r in report.results)
    spans = [s for s in asked if "GROUP BY" in s and 'min("requests"."created_date")' in s]
    assert len(spans) == 1, spans


def test_the_shipped_story_asks_no_label_query(monkeypatch: pytest.MonkeyPatch) -> None:
    """The shipped story names its years as year(date): no label column, no extra statement."""
    from factcheck.engine import prepare
    from factcheck.planning.partial import label_checks
    session = prepare(REPO / "claims" / "2020.yaml")
    prepared = session.prepared
    session.backend.close()
    assert all(label_checks(prepared.catalog, plan) == [] for plan in prepared.plans)
    asked = record_statements(monkeypatch)
    factcheck.verify(REPO / "claims" / "2020.yaml")
    assert not [s for s in asked if "GROUP BY" in s and "min(" in s and "IS NOT NULL AND" in s
                and s.count("\n") == 3]


def test_the_cli_says_it(tmp_path: Path) -> None:
    """The F11 reproduction through the command: the warning on the claim over the year column."""
    import subprocess
    (tmp_path / "requests.csv").write_text("\n".join(_rows(CALENDAR)) + "\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text(
        "version: 1\ntables:\n  requests: {path: requests.csv, time: [created_date, year]}\nclaims:\n"
        "  - {id: by-year-col, says: Requests fell 75% in 2025., "
        "measure: {change: {count: requests}, over: year, from: 2024, to: 2025}, expect: down 75%}\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "factcheck", "run", "c.yaml"], cwd=tmp_path, capture_output=True,
                          text=True, check=False, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin",
                                                       "NO_COLOR": "1", "COLUMNS": "200"})
    assert done.returncode == 0, done.stdout + done.stderr
    assert "WARNING period_partial" in done.stdout
    assert "note period_partial: 2025 is only part of a year in the data" in done.stdout


# --------------------------------------------------------------------------- the rule itself

CHECK = LabelCheck("t", "year", "d", "2010", 12, "year")


def _span(start: int, months: int) -> tuple[dt.date, dt.date]:
    """``months`` months from month number ``start`` (months since January of year 0)."""
    end = start + months - 1
    return dt.date(start // 12, start % 12 + 1, 1), dt.date(end // 12, end % 12 + 1, 28)


@given(held=st.integers(1, 30), others=st.lists(st.integers(1, 30), max_size=5), shift=st.integers(0, 11))
def test_partial_is_fewer_months_than_the_label_and_than_another_label(held: int, others: list[int],
                                                                        shift: int) -> None:
    """Said exactly when the label's rows span fewer months than a year and than some other label
    does (capped at a year), whatever month the periods begin in (a fiscal July); a label whose
    dates run past December of the year after it is no period of them, and sets no usual span."""
    spans = {"2010": _span(2010 * 12 + shift, held)}
    spans.update({str(2011 + i): _span((2011 + i) * 12 + shift, n) for i, n in enumerate(others)})
    said = partial_said(CHECK, spans)
    near = [n for n in others if shift + n <= 24]
    assert (said is not None) == (held < 12 and any(held < min(n, 12) for n in near))
    if said is not None:
        assert said.startswith("2010 is only part of a year in the data: the dates of d in the rows of year 2010 run ")


def test_label_lengths() -> None:
    assert [label_length(x) for x in ("2025", "FY2025", "2024-25", "2025-Q1", "Q3 2024", "2025-03", "North")] == [
        (12, "year"), (12, "year"), (12, "year"), (3, "quarter"), (3, "quarter"), None, None]


def test_dates_that_are_no_dates_say_nothing() -> None:
    whole = _span(2011 * 12, 12)
    assert partial_said(CHECK, {"2010": ("x", "y"), "2011": whole}) is None
    assert partial_said(CHECK, {"2011": whole}) is None                  # the label has no dated row
    assert partial_said(CHECK, {"2010": _span(2010 * 12, 3)}) is None   # no other label to tell its usual span by
    assert partial_said(CHECK, {"2010": _span(2010 * 12, 3), "2011": whole}) is not None
