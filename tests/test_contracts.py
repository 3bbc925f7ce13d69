"""Data contracts (columns: in the claims file): every violation, located, before anything is judged.

Each test copies the gate fixture (tests/fixtures/gate) into tmp_path, breaks a
copy of the data the way a refresh might, and checks what factcheck says.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.engine import verify
from factcheck.errors import DataError
from factcheck.sources.contracts import SAMPLES, date_shape

FIXTURE = Path(__file__).parent / "fixtures" / "gate"


@pytest.fixture
def story(tmp_path: Path) -> Path:
    """A private copy of the gate story; returns its claims file."""
    shutil.copytree(FIXTURE, tmp_path / "repo")
    (tmp_path / "repo" / ".git").mkdir()
    return tmp_path / "repo" / "claims" / "story.yaml"


def data(story: Path, name: str) -> Path:
    return story.parent.parent / "data" / name


def edit(path: Path, old: str, new: str, count: int = -1) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, count) if count > 0 else text.replace(old, new))


def problems(story: Path) -> list:
    with pytest.raises(DataError) as info:
        verify(story)
    return info.value.problems


def only(found: list, column: str):
    hits = [p for p in found if p.column == column]
    assert len(hits) == 1, [p.describe() for p in found]
    return hits[0]


def test_fixture_meets_its_contracts(story: Path) -> None:
    assert verify(story).summary.failed == 0


def test_renamed_category_names_file_lines_count_and_the_close_allowed_value(story: Path) -> None:
    victims = data(story, "victims.csv")
    edit(victims, ",Facebook\n", ",facebook\n")
    p = only(problems(story), "recruitment_platform")
    assert p.file.endswith("victims.csv")
    assert p.line == 2                                    # the first data line (line 1 is the header)
    assert "6 rows hold a value not in allowed" in p.message and "'facebook' (6)" in p.message
    assert "differs from the allowed 'Facebook' only in capitals" in p.hint
    assert p.detail.splitlines()[0] == "line 2: 'facebook'"
    assert p.detail.splitlines()[-1] == "… and 1 more"     # the first few, then the count


def test_a_new_category_lists_the_allowed_values(story: Path) -> None:
    edit(data(story, "victims.csv"), "V010,C020,internet,Snapchat", "V010,C020,internet,TikTok")
    p = only(problems(story), "recruitment_platform")
    assert p.line == 11 and "'TikTok' (1)" in p.message
    assert "allowed: Facebook, Instagram, Snapchat, Other" in p.hint


def test_shifted_date_format_is_named(story: Path) -> None:
    cases = data(story, "cases.csv")
    lines = cases.read_text().splitlines()
    shifted = [lines[0]] + [",".join([f[0], f"{f[1][5:7]}/{f[1][8:]}/{f[1][:4]}", *f[2:]])
                            for f in (l.split(",") for l in lines[1:])]
    cases.write_text("\n".join(shifted) + "\n")
    p = only(problems(story), "filed_date")
    assert p.file.endswith("cases.csv") and p.line == 2
    assert "24 rows are not a valid date" in p.message
    assert "every value written like '01/04/2018' (MM/DD/YYYY or DD/MM/YYYY)" in p.message
    assert "the date format changed" in p.message
    assert "YYYY-MM-DD" in p.hint
    assert len(p.detail.splitlines()) == SAMPLES + 1 and p.detail.endswith(f"… and {24 - SAMPLES} more")


def test_some_shifted_dates_say_some(story: Path) -> None:
    edit(data(story, "cases.csv"), "2020-10-04", "10/04/2020")
    p = only(problems(story), "filed_date")
    assert p.line == 25 and "1 row is not a valid date: some values written like '10/04/2020'" in p.message


@pytest.mark.parametrize("values, shape", [
    (["03/15/2020"], "MM/DD/YYYY or DD/MM/YYYY"), (["15.03.2020"], "DD.MM.YYYY"),
    (["2020/03/15"], "YYYY/MM/DD"), (["20200315"], "YYYYMMDD"), (["March 15, 2020"], "Month D, YYYY"),
    (["2020-03-15", "oops"], None), ([], None),
])
def test_date_shapes(values: list[str], shape: str | None) -> None:
    assert date_shape(values) == shape


def test_dropped_column_is_caught_even_when_no_claim_uses_it(story: Path) -> None:
    cases = data(story, "cases.csv")
    cases.write_text("".join(l.rsplit(",", 1)[0] + "\n" for l in cases.read_text().splitlines()))
    p = only(problems(story), "state")
    assert p.file.endswith("cases.csv")
    assert "column 'state' is declared under columns: but the file has no such column (dropped or renamed?)" in p.message
    assert "columns in the file: case_id, filed_date, case_type" in p.detail
    assert "restore it" in p.hint


def test_dropped_column_a_claim_uses_is_reported_as_data_not_as_the_claims_file(story: Path) -> None:
    cases = data(story, "cases.csv")
    rows = [l.split(",") for l in cases.read_text().splitlines()]
    cases.write_text("".join(",".join(r[:2] + r[3:]) + "\n" for r in rows))
    p = only(problems(story), "case_type")
    assert "no such column" in p.message


def test_renamed_column_suggests_the_new_name(story: Path) -> None:
    edit(data(story, "cases.csv"), "case_id,filed_date,case_type,state", "case_id,filed_date,case_type,region")
    p = only(problems(story), "state")
    assert "the file has 'region'" in p.hint and "in the file but not declared: region" in p.detail


def test_renamed_column_by_case_suggests_it(story: Path) -> None:
    edit(data(story, "cases.csv"), "case_id,filed_date,case_type,state", "case_id,filed_date,case_type,State")
    assert "the file has 'State'" in only(problems(story), "state").hint


def test_null_in_a_non_nullable_column(story: Path) -> None:
    edit(data(story, "cases.csv"), "C005,2018-05-16,labor_trafficking", "C005,2018-05-16,")
    p = only(problems(story), "case_type")
    assert p.line == 6 and "1 row is empty, but the column is declared nullable: false" in p.message
    assert p.detail == "line 6: (empty)"


def test_duplicate_key(story: Path) -> None:
    edit(data(story, "cases.csv"), "C024,", "C023,")
    p = only(problems(story), "case_id")
    assert "declared unique, but 1 value repeats (2 rows)" in p.message
    assert p.line == 24 and p.detail == "line 24: 'C023'\nline 25: 'C023'"


def test_integer_column_rejects_decimals_and_thousands_separators(story: Path) -> None:
    claims = story.read_text().replace("      state: text\n", "      state: text\n      n: integer\n")
    story.write_text(claims)
    cases = data(story, "cases.csv")
    rows = cases.read_text().splitlines()
    values = ["1.5" if i == 3 else '"1,234"' if i == 4 else str(i) for i in range(1, len(rows))]
    cases.write_text("\n".join([rows[0] + ",n"] + [r + "," + v for r, v in zip(rows[1:], values, strict=True)]) + "\n")
    p = only(problems(story), "n")
    assert "2 rows are not a valid integer" in p.message
    assert p.detail.splitlines()[:2] == ["line 4: '1.5'", "line 5: '1,234'"]
    assert "thousands separators" in p.hint


def test_every_violation_is_reported_together(story: Path) -> None:
    edit(data(story, "victims.csv"), ",Facebook\n", ",facebook\n")
    edit(data(story, "cases.csv"), "2020-10-04", "10/04/2020")
    edit(data(story, "cases.csv"), "case_id,filed_date,case_type,state", "case_id,filed_date,case_type,region")
    found = problems(story)
    assert sorted(p.column for p in found) == ["filed_date", "recruitment_platform", "state"]


def test_skipped_lines_count_in_line_numbers(story: Path) -> None:
    victims = data(story, "victims.csv")
    victims.write_text("exported 2021-01-05\nby the refresh job\n" + victims.read_text().replace(",Facebook\n", ",facebook\n"))
    story.write_text(story.read_text().replace("    key: victim_id\n", "    key: victim_id\n    csv: {skip: 2}\n"))
    assert only(problems(story), "recruitment_platform").line == 4


def test_dataframes_are_checked_by_row(story: Path) -> None:
    frame = pd.read_csv(data(story, "victims.csv"), dtype=str, keep_default_na=False).replace("", None)
    frame.loc[2, "recruitment_platform"] = "facebook"
    with pytest.raises(DataError) as info:
        verify(story, {"victims": frame})
    p = only(info.value.problems, "recruitment_platform")
    assert p.line is None and p.detail == "row 3: 'facebook'" and p.file == "<dataframe victims>"


def test_check_command_prints_every_violation_and_exits_2(story: Path) -> None:
    edit(data(story, "victims.csv"), ",Facebook\n", ",facebook\n")
    result = CliRunner().invoke(app, ["check", str(story)])
    assert result.exit_code == 2
    assert "victims.csv:2" in result.output and "recruitment_platform" in result.output
    assert "only in capitals" in result.output


def test_data_files_are_never_written(story: Path) -> None:
    edit(data(story, "victims.csv"), ",Facebook\n", ",facebook\n")
    folder = story.parent.parent / "data"
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}
    CliRunner().invoke(app, ["check", str(story)])
    CliRunner().invoke(app, ["run", str(story)])
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()} == before


def test_tables_without_contracts_are_not_checked(story: Path) -> None:
    text = story.read_text()
    start, end = text.index("    columns:\n      victim_id"), text.index("\nclaims:")
    story.write_text(text[:start] + text[end:])
    edit(data(story, "victims.csv"), "V010,C020,internet,Snapchat", "V010,C020,internet,TikTok")
    assert verify(story).result("facebook-online-recruitment").verdict == "pass"
