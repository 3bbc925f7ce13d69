"""Bad input: every kind gets exit status 2 and a located message with a hint, never a traceback.

Each case writes a broken claims file (or breaks the data) and runs the real CLI in-process.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MINI_TABLES, one_claim
from typer.testing import CliRunner

from factcheck.cli import app

runner = CliRunner()

GOOD = one_claim("{count: cases}", "10")


def run(path: Path, *args: str):
    result = runner.invoke(app, ["run", str(path), *args])
    assert "Traceback" not in result.output
    return result


CLAIMS_ERRORS = [
    # (name, tables, claims, expected substrings: message, line, hint)
    ("yaml syntax", MINI_TABLES, "- id: a\n  says: [unclosed\n", ["not valid YAML", ":"]),
    ("unknown top-level field", MINI_TABLES.replace("title:", "titel:"), GOOD, ["unknown field 'titel'", "did you mean 'title'"]),
    ("unknown claim field", MINI_TABLES, "- id: a\n  says: s\n  mesure: {count: cases}\n  expect: 1\n",
     ["unknown field 'mesure'", "did you mean 'measure'"]),
    ("unknown table", MINI_TABLES, one_claim("{count: casse}", "1"), ["unknown table 'casse'", "did you mean 'cases'"]),
    ("unknown column", MINI_TABLES, one_claim("{count: victims, where: \"platfrom == 'Facebook'\"}", "1"),
     ["no column 'platfrom'", "did you mean 'platform'", "^"]),
    ("column renamed in the data", MINI_TABLES, one_claim("{count: victims, where: \"recruitment_platform == 'x'\"}", "1"),
     ["no column 'recruitment_platform'", "did you mean 'platform'"]),  # its words are the new name's and more
    ("column words reordered", MINI_TABLES.replace("year(filed_date)", "year(date_filed)"), GOOD,
     ["date_filed", "did you mean 'filed_date'"]),
    ("unknown link", MINI_TABLES, one_claim("{count: victims, where: cse.active_2020}", "1"), ["unknown lookup 'cse'", "'case'"]),
    ("unknown measure kind", MINI_TABLES, one_claim("{shar: x, of: victims}", "1"), ["unknown measure kind 'shar'", "'share'"]),
    ("two measure kinds", MINI_TABLES, one_claim("{count: cases, share: x, of: cases}", "1"), ["one kind"]),
    ("unknown function", MINI_TABLES, one_claim("{count: cases, where: yeer(filed_date) == 2020}", "1"), ["yeer", "year"]),
    ("unparsable expression", MINI_TABLES, one_claim("{count: cases, where: \"filed_year == \"}", "1"), ["where", "^"]),
    ("unreadable expectation", MINI_TABLES, one_claim("{count: cases}", "lots"), ["cannot read expect", "hint"]),
    ("points on a percent change", MINI_TABLES,
     one_claim("{change: {count: cases}, over: filed_year, from: 2019, to: 2020}", "up 5 points"), ["points"]),
    ("duplicate claim ids", MINI_TABLES, GOOD + GOOD.replace("- id: c", "- id: c"), ["used twice"]),
    ("missing expect", MINI_TABLES, "- id: a\n  says: s\n  measure: {count: cases}\n", ["needs 'expect'"]),
    ("duplicate yaml key", MINI_TABLES, "- id: a\n  id: b\n  says: s\n  unverifiable: x\n", ["appears twice"]),
    ("unknown derive column", MINI_TABLES.replace("year(filed_date)", "year(filed_dat)"), GOOD, ["filed_dat", "filed_date"]),
    ("bad lookup", MINI_TABLES.replace("cases via case_id", "cases by case_id"), GOOD, ["cannot read lookup", "via"]),
    ("lookup to unknown table", MINI_TABLES.replace("cases via case_id", "casess via case_id"), GOOD, ["unknown table 'casess'"]),
    ("lag of an expression", MINI_TABLES, one_claim("{count: gdp, where: growth < lag(growth + 1)}", "1"),
     ["lag() takes a column name", "lag(cases, year)", "^"]),
    ("lag of a lookup's column", MINI_TABLES, one_claim("{count: victims, where: case.region != lag(case.region)}", "1"),
     ["lag() takes a column of the table itself", "'case'"]),
    ("text function on a number column", MINI_TABLES, one_claim("{count: victims, where: lower(age) == 'x'}", "1"),
     ["lower()'s argument must be text, not a number", "lower(name)", "^"]),
    ("text function on a number derive", MINI_TABLES, one_claim("{count: cases, where: \"contains(filed_year, '20')\"}", "1"),
     ["contains()'s first argument must be text, not a number", "^"]),
    ("word with a text position", MINI_TABLES, one_claim("{count_distinct: \"word(platform, 'one')\", of: victims}", "1"),
     ["word()'s second argument is a whole number written out", "word(name, 1)"]),
    ("word counts from 1", MINI_TABLES, one_claim("{top: \"word(platform, 0)\", of: victims}", "[a]"),
     ["counts from 1", "-1 the last"]),
    ("like as an operator", MINI_TABLES, one_claim("{count: victims, where: \"platform like 'F%'\"}", "1"),
     ["'like' is a function here", "like(platform, 'T%')"]),
    ("coalesce of two types", MINI_TABLES, one_claim("{count: victims, where: \"coalesce(platform, 0) == 'x'\"}", "1"),
     ["coalesce()'s arguments must be of one type: text and a number"]),
    ("percentile p as a fraction", MINI_TABLES, one_claim("{percentile: age, of: victims, p: 0.9}", "1"),
     ["p is on a 0-100 scale", "p: 90"]),
    ("percentile p above 100", MINI_TABLES, one_claim("{percentile: age, of: victims, p: 150}", "1"),
     ["p is a number from 0 to 100"]),
    ("top_share in_top as a fraction", MINI_TABLES, one_claim("{top_share: age, of: victims, in_top: 0.1}", "1"),
     ["in_top is on a 0-100 scale", "in_top: 10"]),
    ("top_share of negative values", MINI_TABLES, one_claim("{top_share: growth, of: gdp, in_top: 50%}", "50%"),
     ["top_share needs values of at least 0"]),
    ("unknown --only id", MINI_TABLES, GOOD, ["no claim with id 'nope'"]),
    # a date written otherwise than YYYY-MM-DD: DuckDB's "Conversion Error: invalid date field format"
    ("a date literal written day first", MINI_TABLES, one_claim("{count: cases, where: \"filed_date >= '01/04/2020'\"}", "1"),
     ["'01/04/2020' is not a date written YYYY-MM-DD", "^", "e.g. '2020-12-31'"]),
    ("a year as a date literal", MINI_TABLES, one_claim("{count: cases, where: \"filed_date == '2020'\"}", "1"),
     ["'2020' is not a date written YYYY-MM-DD", "year(filed_date) == 2020"]),
    # a day no calendar has: DuckDB stopped at the file's first row and named it, as if the data were wrong
    ("a day February lacks", MINI_TABLES, one_claim("{count: cases, where: \"filed_date == '2020-02-31'\"}", "0"),
     ["'2020-02-31' is no day of the calendar (February 2020 has 29 days)", "^", "e.g. '2020-02-29'"]),
    ("a thirteenth month", MINI_TABLES,
     one_claim("{count: cases, where: \"filed_date between '2020-01-01' and '2020-13-01'\"}", "0"),
     ["'2020-13-01' is no day of the calendar (there is no month 13)", "e.g. '2020-12-01'"]),
    # a range in words cannot be read; the hint now shows the explicit interval that says it
    ("a range in words", MINI_TABLES, one_claim("{share: minor, of: victims}", "between 50% and 60%"),
     ["cannot read expect", "expect: {between: [50%, 60%]}"]),
    ("a range with a dash", MINI_TABLES, one_claim("{share: minor, of: victims}", "50-60%"),
     ["cannot read expect", "expect: {between: [50%, 60%]}"]),
    ("a range of counts", MINI_TABLES, one_claim("{count: victims}", "from 5 to 12"),
     ["cannot read expect", "expect: {between: [5, 12]}"]),
    # a count is a number of rows: "59%" on it always failed, as "stated 59%, computed 9: 841 points high"
    ("percentage on a count", MINI_TABLES, one_claim("{count: victims, where: minor}", "59%"),
     ["expect: '59%' is a part of a whole, but a count is a number of rows", "share: CONDITION, of: victims"]),
    ("fraction on a distinct count", MINI_TABLES, one_claim("{count_distinct: case_id, of: victims}", "one in five"),
     ["expect: 'one in five' is a part of a whole, but a count is a number of rows", "share:"]),
    # a share is from 0% to 100%: "-5%" (a fall, written on the share) could only ever fail
    ("a negative share", MINI_TABLES, one_claim("{share: minor, of: victims}", "-5%"),
     ["cannot read expect: '-5%' is below 0%, but a share is a part of its rows", "change: {share: ...}"]),
    ("a share above all its rows", MINI_TABLES, one_claim("{share: minor, of: victims}", "more than 100%"),
     ["'more than 100%' is above 100%"]),
    ("a top_share below nothing", MINI_TABLES, one_claim("{top_share: age, of: victims, in_top: 10}", "{between: [-0.2, -0.1]}"),
     ["is below 0%"]),
]


@pytest.mark.parametrize("name, tables, claims, expected", CLAIMS_ERRORS, ids=[c[0] for c in CLAIMS_ERRORS])
def test_claims_file_errors_exit_2_with_location_and_hint(mini, name, tables, claims, expected) -> None:
    path = mini(claims, tables)
    result = run(path, *(["--only", "nope"] if name == "unknown --only id" else []))
    assert result.exit_code == 2, result.output
    out = result.output
    assert "nothing was judged" in out
    assert str(path) in out  # the file is named
    for text in expected:
        assert text in out, f"{text!r} not in:\n{out}"


def test_all_problems_in_a_file_are_reported_together(mini) -> None:
    claims = (one_claim("{count: casse}", "1", "a") + one_claim("{count: cases, where: nope}", "1", "b")
              + one_claim("{count: cases}", "lots", "c"))
    result = run(mini(claims))
    assert result.exit_code == 2
    assert "3 problems" in result.output
    for cid in ("'a'", "'b'", "'c'"):
        assert f"claim {cid}" in result.output


def test_error_names_the_yaml_line(mini) -> None:
    path = mini(one_claim("{count: cases}", "1") + one_claim("{count: victims, where: nope == 1}", "1", "second"))
    lines = path.read_text().splitlines()
    where_line = next(i for i, l in enumerate(lines, 1) if "nope" in l)
    result = run(path)
    assert f"{path}:{where_line}: claim 'second'" in result.output


def test_lookup_whose_key_repeats(mini, tmp_path) -> None:
    with open(tmp_path / "cases.csv", "a") as fh:
        fh.write("C1,2019-01-01,sex_trafficking,,west\n")
    path = mini(one_claim("{count: victims, where: case.active_2020}", "6"))
    result = run(path)
    assert result.exit_code == 2
    assert "lookup 'case'" in result.output and "not unique" in result.output and "C1 (2 rows)" in result.output
    # `check` looks at every declared key and lookup, used by a claim or not
    result = runner.invoke(app, ["check", str(mini(GOOD, name="other.yaml"))])
    assert result.exit_code == 2 and "C1 (2 rows)" in result.output


def test_missing_data_file(mini, tmp_path) -> None:
    (tmp_path / "gdp.csv").unlink()
    result = run(mini(GOOD))
    assert result.exit_code == 2
    assert "not found" in result.output and "gdp" in result.output and "optional: true" in result.output


@pytest.mark.parametrize(("written", "hint"), [
    ("gdp", "did you mean 'gdp.csv'?"),  # the extension left out
    ("gpd.csv", "did you mean 'gdp.csv'?"),  # a typo
    ("nothing_like_it.csv", "paths are relative to the claims file"),
    ("https://example.com/gdp.csv", "factcheck reads files, not web addresses: download the file"),
])
def test_a_data_file_not_found_offers_a_close_name_or_says_what_to_do(mini, written: str, hint: str) -> None:
    result = run(mini(GOOD, MINI_TABLES.replace("path: gdp.csv", f"path: '{written}'")))
    assert result.exit_code == 2, result.output
    out = " ".join(result.output.split())
    assert f"data file for table 'gdp' not found: {written}" in out and f"hint: {hint}" in out, out


def test_a_key_no_column_is_close_to_lists_the_tables_columns(mini) -> None:
    result = run(mini(GOOD, MINI_TABLES.replace("key: victim_id", "key: vid")))
    assert result.exit_code == 2, result.output
    out = " ".join(result.output.split())
    assert "table 'victims' has no column 'vid'" in out, out
    assert "hint: the table's columns are (closest first): victim_id" in out, out


@pytest.mark.parametrize(("option", "shown"), [("skip: 2", "csv: {skip: 2}"), ("delimiter: ';'", "csv: {delimiter: ';'}"),
                                               ("header: false", "csv: {header: false}")])
def test_a_reading_option_beside_path_is_told_to_go_under_csv(mini, option: str, shown: str) -> None:
    result = run(mini(GOOD, MINI_TABLES.replace("    path: cases.csv\n", f"    path: cases.csv\n    {option}\n")))
    assert result.exit_code == 2, result.output
    out = " ".join(result.output.split())
    assert f"is a reading option: put it under csv:, e.g. {shown}" in out, out


def test_a_misspelt_column_type_is_offered_the_close_one(mini) -> None:
    tables = MINI_TABLES.replace("    key: victim_id\n", "    key: victim_id\n    columns: {age: {type: txt}}\n")
    result = run(mini(GOOD, tables))
    assert result.exit_code == 2, result.output
    assert "unknown column type 'txt': did you mean 'text'?" in " ".join(result.output.split())


def test_an_empty_text_compared_is_told_blank_cells_are_missing(mini) -> None:
    result = run(mini(one_claim("{count: victims, where: \"platform == ''\"}", "1")))
    assert result.exit_code == 2, result.output
    out = " ".join(result.output.split())
    assert "never holds ''" in out and "hint: an empty cell is read as a missing value: write platform is null" in out, out


def test_csv_row_with_wrong_number_of_fields(mini, tmp_path) -> None:
    with open(tmp_path / "victims.csv", "a") as fh:
        fh.write("V11,C1,female\n")
    result = run(mini(one_claim("{count: victims}", "11")))
    assert result.exit_code == 2
    assert "victims.csv" in result.output and "line 12" in result.output and "fields" in result.output


def test_value_contradicting_a_declared_type(mini, tmp_path) -> None:
    tables = MINI_TABLES.replace("    key: victim_id\n", "    key: victim_id\n    columns: {age: integer}\n")
    with open(tmp_path / "victims.csv", "a") as fh:
        fh.write("V11,C1,female,true,seventeen,street,\n")
    result = run(mini(one_claim("{mean: age, of: victims}", "19"), tables))
    assert result.exit_code == 2
    assert "line 12" in result.output and "'age'" in result.output and "seventeen" in result.output


def test_unknown_column_type_in_declaration(mini) -> None:
    tables = MINI_TABLES.replace("    key: victim_id\n", "    key: victim_id\n    columns: {age: integr}\n")
    result = run(mini(GOOD, tables))
    assert result.exit_code == 2 and "unknown column type 'integr'" in result.output


def test_yaml_alias_bomb_is_refused(tmp_path) -> None:
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        bomb.append(f"{cur}: &{cur} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(bomb) + "\n")
    result = run(path)
    assert result.exit_code == 2 and "expands to more than" in result.output


def test_yaml_python_tags_are_not_executed(tmp_path) -> None:
    path = tmp_path / "evil.yaml"
    path.write_text("version: 1\ntitle: !!python/object/apply:os.system ['touch pwned']\ntables: {}\nclaims: []\n")
    result = run(path)
    assert result.exit_code == 2
    assert not (tmp_path / "pwned").exists() and not Path("pwned").exists()


def test_empty_and_non_mapping_files(tmp_path) -> None:
    (tmp_path / "empty.yaml").write_text("")
    (tmp_path / "list.yaml").write_text("- a\n- b\n")
    assert "empty" in run(tmp_path / "empty.yaml").output
    assert "mapping" in run(tmp_path / "list.yaml").output


def test_missing_claims_file(tmp_path) -> None:
    result = run(tmp_path / "nope.yaml")
    assert result.exit_code == 2 and "no such claims file" in result.output


def test_value_measure_keeping_several_rows_is_an_error(mini) -> None:
    result = run(mini(one_claim("{value: growth, of: gdp}", "1")))
    assert result.exit_code == 2 and "exactly one" in result.output


def test_sum_of_text_is_an_error_not_a_crash(mini) -> None:
    result = run(mini(one_claim("{sum: platform, of: victims}", "1")))
    assert result.exit_code == 2 and "claim 'c'" in result.output and "holds text, not numbers" in result.output


@pytest.mark.parametrize("measure", ["{min: filed_date, of: cases}", "{max: last_pending_date, of: cases}",
                                     "{sum: filed_date, of: cases}", "{median: filed_date, of: cases}",
                                     "{percentile: filed_date, of: cases, p: 90}",
                                     "{value: filed_date, of: cases, where: case_id == 'C1'}",
                                     "{change: {max: filed_date, of: cases}, over: filed_year, from: 2019, to: 2020}",
                                     "{top_share: filed_date, of: cases, in_top: 10%}"])
def test_a_number_measured_over_dates_says_so_and_how_to_take_the_year(mini, measure: str) -> None:
    """Not the engine's "Unimplemented type for cast (DATE -> DECIMAL(38,10))" with a general hint:
    the claim, the column and its type, and the measure that gives the year."""
    expect = "up 10%" if "change" in measure else "20%" if "top_share" in measure else "2020"
    result = run(mini(one_claim(measure, expect)))
    assert result.exit_code == 2, result.output
    assert "claims.yaml:" in result.output and "claim 'c'" in result.output
    column = "last_pending_date" if "last_pending" in measure else "filed_date"
    assert f"{column} holds dates, not numbers" in result.output, result.output
    assert f"year({column})" in result.output and "Conversion Error" not in result.output


def test_bad_usage_exits_2() -> None:
    assert runner.invoke(app, ["run"]).exit_code == 2
    assert runner.invoke(app, ["run", "--nope", "x.yaml"]).exit_code == 2


def test_wrong_field_count_after_skipped_lines_names_the_file_line(tmp_path) -> None:
    (tmp_path / "t.csv").write_text("# exported\n# by hand\na,b\n1,2\n3\n")
    (tmp_path / "c.yaml").write_text("version: 1\ntables: {t: {path: t.csv, csv: {skip: 2}}}\nclaims:\n"
                                     "  - {id: a, says: s, measure: {count: t}, expect: 2}\n")
    result = run(tmp_path / "c.yaml")
    assert result.exit_code == 2 and "line 5 has 1 field, the header has 2" in result.output
    assert "the row is cut short" in result.output  # a value, not a note under the data


WRONG_TYPES = [
    # (claims, expected substrings): YAML reads a bare value as a number, true/false or a list, where a
    # field needs text or a whole number; the message said only "Input should be a valid string"
    ("- id: a\n  says: 2021\n  measure: {count: cases}\n  expect: 10\n",
     ["'says' must be text", "YAML reads 2021 as a number", "hint: put it in quotes: says: '2021'"]),
    ("- id: 2020\n  says: s\n  measure: {count: cases}\n  expect: 10\n",
     ["'id' must be text", "hint: put it in quotes: id: '2020'"]),
    ("- id: a\n  says: s\n  measure: {count: cases, where: true}\n  expect: 10\n",
     ["'where' must be text", "YAML reads true as true or false", "where: 'true'"]),
    ("- id: a\n  says: s\n  unverifiable: yes\n",
     ["'unverifiable' must be text", "unverifiable: 'yes'"]),
    ("- id: a\n  says: [s]\n  measure: {count: cases}\n  expect: 10\n",
     ["'says' must be text", "YAML reads ['s'] as a list", "quotes"]),
    ("- id: a\n  says: s\n  measure: {top: platform, of: victims, n: two}\n  expect: [a]\n",
     ["'n' must be a whole number", "n: 2"]),
]


@pytest.mark.parametrize("claims, expected", WRONG_TYPES, ids=[str(i) for i in range(len(WRONG_TYPES))])
def test_a_value_yaml_reads_as_another_type_says_what_to_write(mini, claims: str, expected: list[str]) -> None:
    path = mini(claims)
    result = run(path)
    assert result.exit_code == 2, result.output
    out = " ".join(result.output.split())
    assert "claims.0" not in out, out  # a person's words, not pydantic's location
    for text in expected:
        assert text in out, f"{text!r} not in:\n{out}"


ONE_VALUE = [
    # (claims, expected substrings, unwanted): a mapping or a list where one value goes was said once for
    # each kind of value pydantic tried ("'bool': Input should be a valid boolean", "'int': …", "'float': …",
    # "'str' must be text"): four problems, none naming the field
    ("- id: a\n  says: s\n  measure: {change: {count: cases}, over: filed_year, from: {filed_year: 2019}, to: 2020}\n"
     "  expect: rose\n",
     ["1 problem stops", "'from' must be one value", "YAML reads {'filed_year': 2019} as a mapping",
      "hint: write the period alone, with its column in over: (from: 2019 and over: filed_year)"]),
    ("- id: a\n  says: s\n  measure: {change: {count: cases}, over: filed_year, from: 2019, to: [2020]}\n"
     "  expect: rose\n",
     ["1 problem stops", "'to' must be one value", "YAML reads [2020] as a list", "hint: write the value alone, e.g. to: 2020"]),
    ("- id: a\n  says: s\n  measure: {count: cases, where: {case_type: sex}}\n  expect: 10\n",
     ["'where' must be text", "hint: a filter is an expression: where: case_type == 'sex'"]),
    ("- id: a\n  says: s\n  measure: {count: [cases]}\n  expect: 10\n",
     ["'count' must be text", "hint: write it alone, without brackets: count: cases"]),
]


SHAPES = [
    # (claims, expected substrings): a field that takes a mapping, or a part left out, said in pydantic's
    # words ("Input should be a valid dictionary or instance of RatioParts") or with no hint
    ("- id: a\n  says: s\n  measure: {ratio: cases, per: 1000}\n  expect: 10\n",
     ["'ratio' must be a mapping", "hint: a ratio is two measures: ratio: {numerator: {count: victims}, "
      "denominator: {count: cases}}"]),
    ("- id: a\n  says: s\n  measure: {ratio: {numerator: {count: cases}}}\n  expect: 10\n",
     ["'denominator' is missing", "hint: the measure below, e.g. ratio:"]),
    ("- id: a\n  says: s\n  measure: {change: {count: cases}, over: filed_year, to: 2020}\n  expect: rose\n",
     ["'from' is missing", "hint: the period compared from, a value of the over: column, e.g. from: 2019"]),
]


@pytest.mark.parametrize("claims, expected", SHAPES, ids=[str(i) for i in range(len(SHAPES))])
def test_a_mapping_field_or_a_missing_part_is_said_with_an_example(mini, claims: str, expected: list[str]) -> None:
    result = run(mini(claims))
    assert result.exit_code == 2, result.output
    out = " ".join(result.output.split())
    for text in expected:
        assert text in out, f"{text!r} not in:\n{out}"
    assert "Input should be" not in out, out


def test_table_options_that_take_a_mapping_say_so_with_an_example(mini) -> None:
    tables = MINI_TABLES.replace("    path: cases.csv\n", "    path: cases.csv\n    csv: ';'\n    lookup: cases via case_id\n", 1)
    result = run(mini(GOOD, tables=tables))
    assert result.exit_code == 2, result.output
    out = " ".join(result.output.split())
    assert "'csv' must be a mapping" in out and "hint: the file's reading options, e.g. csv: {delimiter: ';'}" in out, out
    assert "'lookup' must be a mapping" in out and "lookup: {case: cases via case_id}" in out, out


@pytest.mark.parametrize("claims, expected", ONE_VALUE, ids=[str(i) for i in range(len(ONE_VALUE))])
def test_a_mapping_or_list_where_one_value_goes_is_one_problem_naming_the_field(mini, claims: str,
                                                                                expected: list[str]) -> None:
    result = run(mini(claims))
    assert result.exit_code == 2, result.output
    out = " ".join(result.output.split())
    for text in expected:
        assert text in out, f"{text!r} not in:\n{out}"
    for kind in ("'bool'", "'int'", "'float'", "'str'"):
        assert kind not in out, out


def test_claims_written_as_a_mapping_or_tables_as_a_list_say_how_to_write_them(mini) -> None:
    out = " ".join(run(mini("id: a\nsays: s\n")).output.split())
    assert "'claims' must be a list" in out and "hint:" in out and "'- '" in out, out
    path = mini(GOOD, "version: 1\ntables: [cases.csv]\n")
    out = " ".join(run(path).output.split())
    assert "'tables' must be a mapping" in out and "hint:" in out and "path:" in out, out


@pytest.mark.parametrize("text", [
    "tables:\n  t: {path: t.csv}\nclaims:\n\t- id: a\n",                         # a tab before the item
    "tables:\n  t: {path: t.csv}\nclaims:\n  - id: a\n  \tsays: s\n",              # spaces, then a tab
    "tables:\n\tt: {path: t.csv}\nclaims: []\n",
])
def test_a_line_indented_with_a_tab_says_so(tmp_path: Path, text: str) -> None:
    # the hint was "check indentation and quoting near that line": a tab is invisible in most editors
    path = tmp_path / "claims.yaml"
    path.write_text(text, encoding="utf-8")
    result = run(path)
    assert result.exit_code == 2, result.output
    out = " ".join(result.output.split())
    assert "not valid YAML" in out and "indented with a tab" in out and "spaces" in out, out
