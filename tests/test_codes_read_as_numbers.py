"""Codes written with leading zeros (ZIP 02134, FIPS 01001) in a column DuckDB reads as numbers.

Read as numbers, ``02134`` and ``2134`` are one value. Before, that gave a figure without a word in
four places: a lookup joined on such codes found rows twice or found the wrong row, ``top`` merged
two codes into one group, a ``key:`` of codes unique as written was called "not unique", and a
column the data stores as numbers (Parquet, declared ``integer``) compared with ``'02134'`` matched
2134. Each case now stops the run (exit 2) with its place and the declaration that fixes it, and
with that declaration the figure is the one the files write.

Each test builds a small repository in tmp_path and runs the real CLI in-process. A CSV whose
first 24,997 rows hold no code with a zero is read as numbers by DuckDB (it samples the first
rows for types); the codes with their zeros come after.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app

runner = CliRunner()
WEST = 24_997
"""Rows of codes without a zero before the padded ones: past the rows DuckDB samples for types."""


def _repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    return root


def _claims(root: Path, tables: str, measure: str, expect: str) -> Path:
    """A claims file with the tables given (YAML lines under ``tables:``) and one claim ``a``."""
    path = root / "claims.yaml"
    path.write_text(f"version: 1\ntables:\n{tables}claims:\n  - id: a\n    says: a sentence\n"
                    f"    measure: {measure}\n    expect: {expect}\n", encoding="utf-8")
    return path


def _run(path: Path):
    result = runner.invoke(app, ["run", str(path)])
    assert "Traceback" not in result.output and "internal error" not in result.output, result.output
    return result


def _refused(path: Path, *expected: str) -> str:
    result = _run(path)
    assert result.exit_code == 2, result.output
    for text in expected:
        assert text in result.output, f"{text!r} not in:\n{result.output}"
    assert "hint:" in result.output, result.output
    return result.output


def _passes(path: Path) -> str:
    result = _run(path)
    assert result.exit_code == 0 and "PASS" in result.output, result.output
    return result.output


def _calls(root: Path, tail: list[str], *, name: str = "calls.csv") -> None:
    """call_id,zip: western ZIPs without zeros, then ``tail`` (past DuckDB's sample)."""
    rows = [f"C{i},{90000 + i % 97}" for i in range(WEST)] + [f"C{WEST + i},{z}" for i, z in enumerate(tail)]
    (root / name).write_text("call_id,zip\n" + "\n".join(rows) + "\n")


# --------------------------------------------------------------------------- 1. lookups

ZIPS_AS_TEXT = "zip,town\n02134,Allston\n2134,Typo\n" + "".join(f"{90000 + i},West{i}\n" for i in range(97))
"""A lookup table DuckDB reads as text (its first code has a zero), holding 02134 and 2134 apart."""


def test_a_lookup_from_codes_read_as_numbers_to_codes_read_as_text_is_refused(tmp_path) -> None:
    """calls.zip read as numbers, zips.zip as text: DuckDB turned the text into numbers to join, so each
    call of 2134 found Allston and Typo both (3 rows counted for 2). Now refused at the lookup's line."""
    root = _repo(tmp_path)
    _calls(root, ["02134", "2134", "02134"])
    (root / "zips.csv").write_text(ZIPS_AS_TEXT)
    tables = "  calls: {path: calls.csv, lookup: {z: zips via zip}}\n  zips: {path: zips.csv, key: zip}\n"
    out = _refused(_claims(root, tables, "{count: calls, where: \"z.town == 'Allston'\"}", "2"),
                   "claims.yaml:3", "lookup 'z'", "column 'zip' of table 'calls' (read as numbers)",
                   "column 'zip' of table 'zips' (read as text)", "claim 'a'",
                   "columns: {zip: {type: text}} under table 'calls'")
    assert "computed 3" not in out
    declared = "  calls: {path: calls.csv, columns: {zip: {type: text}}, lookup: {z: zips via zip}}\n" \
               "  zips: {path: zips.csv, key: zip}\n"
    _passes(_claims(root, declared, "{count: calls, where: \"z.town == 'Allston'\"}", "2"))


def test_a_small_table_of_numbers_looking_up_codes_kept_as_text_is_refused(tmp_path) -> None:
    """All of small.csv's codes read as numbers (none has a zero): 2134 found '02134' and '2134' both,
    so 2 rows counted as 3. Declared text, each finds the code written as it is."""
    root = _repo(tmp_path)
    (root / "small.csv").write_text("id,zip\nA,2134\nB,90001\n")
    (root / "zips.csv").write_text(ZIPS_AS_TEXT)
    tables = "  small: {path: small.csv, lookup: {z: zips via zip}}\n  zips: {path: zips.csv, key: zip}\n"
    _refused(_claims(root, tables, "{count: small, where: \"z.town is not null\"}", "2"),
             "lookup 'z'", "read as numbers", "read as text")
    declared = tables.replace("{path: small.csv,", "{path: small.csv, columns: {zip: text},")
    _passes(_claims(root, declared, "{count: small, where: \"z.town is not null\"}", "2"))
    _passes(_claims(root, declared, "{count: small, where: \"z.town == 'Typo'\"}", "1"))


def test_the_other_way_round_codes_as_text_looking_up_codes_read_as_numbers_is_refused(tmp_path) -> None:
    root = _repo(tmp_path)
    (root / "calls.csv").write_text("call_id,zip\nA,02134\nB,2134\nC,90001\n")
    (root / "zips.csv").write_text("zip,town\n2134,Allston\n90001,West\n")
    tables = "  calls: {path: calls.csv, lookup: {z: zips via zip}}\n  zips: {path: zips.csv, key: zip}\n"
    _refused(_claims(root, tables, "{count: calls, where: \"z.town == 'Allston'\"}", "1"),
             "column 'zip' of table 'calls' (read as text)", "column 'zip' of table 'zips' (read as numbers)",
             "columns: {zip: {type: text}} under table 'zips'")


def test_a_lookup_between_two_columns_read_as_numbers_whose_file_writes_zeros_is_refused(tmp_path) -> None:
    """Both sides read as numbers: the calls written 02134 and the one written 2134 all found the one
    row of 2134, in silence (the file writes two codes). Now the padded code is named by its line."""
    root = _repo(tmp_path)
    _calls(root, ["02134", "2134", "02134"])
    (root / "zips.csv").write_text("zip,town\n2134,Allston\n" + "".join(f"{90000 + i},West{i}\n" for i in range(97)))
    tables = "  calls: {path: calls.csv, lookup: {z: zips via zip}}\n  zips: {path: zips.csv, key: zip}\n"
    out = _refused(_claims(root, tables, "{count: calls, where: \"z.town == 'Allston'\"}", "1"),
                   f"calls.csv:{WEST + 2}", "table 'calls', column 'zip' is read as numbers",
                   "2 of its values are codes with leading zeros", f"(line {WEST + 2} holds '02134')",
                   "lookup 'z'", "claim 'a'", "'02134' and '2134'", "columns: {zip: {type: text}}",
                   "tables 'calls' and 'zips'")
    assert "computed 3" not in out
    declared = ("  calls: {path: calls.csv, columns: {zip: text}, lookup: {z: zips via zip}}\n"
                "  zips: {path: zips.csv, key: zip, columns: {zip: text}}\n")
    out = _run(_claims(root, declared, "{count: calls, where: \"z.town == 'Allston'\"}", "1"))
    assert out.exit_code == 0 and "PASS" in out.output and "'02134' (2 rows)" in out.output, out.output


def test_a_lookup_target_read_as_numbers_whose_file_writes_zeros_is_refused(tmp_path) -> None:
    """The zeros in the looked-up table: the call written 2134 found the town written 02134 there."""
    root = _repo(tmp_path)
    (root / "calls.csv").write_text("call_id,zip\nA,2134\nB,100001\n")
    towns = [f"{100000 + i},T{i}" for i in range(WEST)] + ["02134,Allston"]
    (root / "zips.csv").write_text("zip,town\n" + "\n".join(towns) + "\n")
    tables = "  calls: {path: calls.csv, lookup: {z: zips via zip}}\n  zips: {path: zips.csv, key: zip}\n"
    _refused(_claims(root, tables, "{count: calls, where: \"z.town == 'Allston'\"}", "0"),
             f"zips.csv:{WEST + 2}", "table 'zips', column 'zip'", "lookup 'z'")
    declared = tables.replace("calls.csv,", "calls.csv, columns: {zip: text},").replace(
        "key: zip}", "key: zip, columns: {zip: text}}")
    _passes(_claims(root, declared, "{count: calls, where: \"z.town == 'Allston'\"}", "0"))


def test_lookups_on_numbers_without_zeros_are_judged_as_before(tmp_path) -> None:
    """Ids that are numbers on both sides, with no code written with a zero: the join is of numbers."""
    root = _repo(tmp_path)
    (root / "cases.csv").write_text("case_id,kind\n1,a\n2,b\n10,a\n")
    (root / "people.csv").write_text("person,case_id\nP1,1\nP2,10\nP3,2\nP4,10\n")
    tables = "  people: {path: people.csv, lookup: {c: cases via case_id}}\n  cases: {path: cases.csv, key: case_id}\n"
    _passes(_claims(root, tables, "{count: people, where: \"c.kind == 'a'\"}", "3"))


# --------------------------------------------------------------------------- 2. top and counting codes

def _ranked(root: Path) -> None:
    """Six-digit ids once each, then past the sample 02134 three times and 2134 twice: as numbers the
    top code is 2134 (5 rows); as written it is 02134 (3 rows)."""
    rows = [f"{100000 + i}" for i in range(WEST)] + ["02134", "2134", "02134", "2134", "02134", "00501"]
    (root / "t.csv").write_text("zip\n" + "\n".join(rows) + "\n")


@pytest.mark.parametrize("measure, expect", [
    ("{top: zip, of: t}", "['02134']"),
    ("{top: zip, of: t, rank: 2}", "['2134']"),
    ("{count_distinct: zip, of: t}", str(WEST + 3)),
])
def test_ranking_or_counting_codes_read_as_numbers_is_refused(tmp_path, measure, expect) -> None:
    """As numbers, 02134 and 2134 were one group of 5: the top said 2134 (a code the file writes for
    2 rows), and count_distinct counted one code fewer. Declared text, each is itself."""
    root = _repo(tmp_path)
    _ranked(root)
    out = _refused(_claims(root, "  t: {path: t.csv}\n", measure, expect),
                   f"t.csv:{WEST + 2}", "table 't', column 'zip' is read as numbers",
                   "4 of its values are codes with leading zeros", "claim 'a'", "'02134' and '2134'",
                   "columns: {zip: {type: text}} under table 't'")
    assert "computed" not in out
    _passes(_claims(root, "  t: {path: t.csv, columns: {zip: {type: text}}}\n", measure, expect))


def test_ranking_numbers_without_codes_reads_nothing_more(tmp_path, monkeypatch) -> None:
    """A column of numbers whose file writes no zero (precincts 1, 5, 44) is ranked as before."""
    root = _repo(tmp_path)
    (root / "t.csv").write_text("precinct\n44\n5\n44\n1\n")
    _passes(_claims(root, "  t: {path: t.csv}\n", "{top: precinct, of: t}", "[44]"))


# --------------------------------------------------------------------------- 3. keys

def test_a_key_of_codes_unique_as_written_is_not_called_repeated(tmp_path) -> None:
    """02134 and 2134 are two codes in the file: the key check said "not unique: 2134 (2 rows)"."""
    root = _repo(tmp_path)
    rows = [f"{100000 + i},1" for i in range(WEST)] + ["02134,1", "2134,1"]
    (root / "t.csv").write_text("zip,n\n" + "\n".join(rows) + "\n")
    out = _refused(_claims(root, "  t: {path: t.csv, key: zip}\n", "{count: t}", str(WEST + 2)),
                   f"t.csv:{WEST + 2}", "table 't', column 'zip' is read as numbers", "the table's key",
                   "'02134' and '2134'", "columns: {zip: {type: text}} under table 't'")
    assert "not unique" not in out
    _passes(_claims(root, "  t: {path: t.csv, key: zip, columns: {zip: text}}\n", "{count: t}", str(WEST + 2)))


def test_a_key_repeated_as_written_is_said_as_written_once_declared_text(tmp_path) -> None:
    root = _repo(tmp_path)
    rows = [f"{100000 + i},1" for i in range(WEST)] + ["02134,1", "02134,1", "2134,1"]
    (root / "t.csv").write_text("zip,n\n" + "\n".join(rows) + "\n")
    _refused(_claims(root, "  t: {path: t.csv, key: zip, columns: {zip: text}}\n", "{count: t}", "1"),
             "key: column 'zip' of table 't' is not unique: 02134 (2 rows)")


def test_a_key_of_numbers_repeated_without_zeros_is_still_not_unique(tmp_path) -> None:
    root = _repo(tmp_path)
    (root / "t.csv").write_text("id\n1\n2\n2\n")
    out = _refused(_claims(root, "  t: {path: t.csv, key: id}\n", "{count: t}", "3"),
                   "key: column 'id' of table 't' is not unique: 2 (2 rows)")
    assert "leading zeros" not in out


# --------------------------------------------------------------------------- 4. numbers the data stores

def test_parquet_integers_compared_with_a_zero_led_code_are_refused(tmp_path) -> None:
    """The Parquet file stores 2134: zip == '02134' matched it by a cast that drops the zero."""
    import duckdb
    root = _repo(tmp_path)
    duckdb.sql(f"COPY (SELECT * FROM (VALUES (2134, 1), (90001, 2), (2134, 3)) v(zip, n)) "
               f"TO '{root / 'z.parquet'}' (FORMAT parquet)")
    table = "  t: {path: z.parquet}\n"
    for where in ("zip == '02134'", "zip in ['02134', '90001']", "zip between '00500' and '02200'"):
        out = _refused(_claims(root, table, f'{{sum: n, of: t, where: "{where}"}}', "4"),
                       "claims.yaml:7", "claim 'a' compares zip with '0", "stores whole numbers",
                       "Parquet", "zip == 2134" if "between" not in where else "hint:")
        assert "computed" not in out
    _passes(_claims(root, table, "{sum: n, of: t, where: \"zip == 2134\"}", "4"))
    _passes(_claims(root, table, "{sum: n, of: t, where: \"zip == '2134'\"}", "4"))


def test_a_column_declared_integer_compared_with_a_zero_led_code_is_refused(tmp_path) -> None:
    root = _repo(tmp_path)
    (root / "t.csv").write_text("zip,n\n02134,1\n2134,3\n")
    out = _refused(_claims(root, "  t: {path: t.csv, columns: {zip: integer}}\n",
                           "{sum: n, of: t, where: \"zip == '02134'\"}", "1"),
                   "claims.yaml:7", "claim 'a' compares zip with '02134'", "declared integer",
                   "columns: {zip: {type: text}}")
    assert "computed" not in out
    _passes(_claims(root, "  t: {path: t.csv, columns: {zip: text}}\n", "{sum: n, of: t, where: \"zip == '02134'\"}", "1"))


def test_a_derive_comparing_stored_numbers_with_a_code_is_refused_at_its_line(tmp_path) -> None:
    root = _repo(tmp_path)
    (root / "t.csv").write_text("zip,n\n2134,3\n")
    _refused(_claims(root, "  t:\n    path: t.csv\n    columns: {zip: integer}\n    derive:\n      boston: \"zip == '02134'\"\n",
                     "{count: t, where: boston}", "1"),
             "claims.yaml:7", "the derive 'boston' of table 't' compares zip with '02134'")


def test_dataframe_integers_compared_with_a_zero_led_code_are_refused(tmp_path) -> None:
    import pandas as pd

    import factcheck
    root = _repo(tmp_path)
    (root / "t.csv").write_text("zip,n\n2134,1\n")
    path = _claims(root, "  t: {path: t.csv}\n", "{sum: n, of: t, where: \"zip == '02134'\"}", "1")
    with pytest.raises(factcheck.ClaimsFileError) as info:
        factcheck.verify(path, tables={"t": pd.DataFrame({"zip": [2134, 90001], "n": [1, 2]})})
    assert "DataFrame" in str(info.value) and "compares zip with '02134'" in str(info.value)


# --------------------------------------------------------------------------- what it costs

def test_the_file_is_read_again_only_for_columns_of_numbers_a_lookup_or_a_grouping_uses(tmp_path,
                                                                                      monkeypatch) -> None:
    """The story's lookups join text (case ids) and rank text: no file is read again. A lookup on ids
    read as numbers reads each side's file once, for that column alone."""
    import factcheck
    from factcheck.sources import codes
    looked: list[tuple[str, list[str]]] = []
    padded = codes.padded_in_file
    monkeypatch.setattr(codes, "padded_in_file", lambda con, src, columns: looked.append((src.name, columns))
                        or padded(con, src, columns))
    story = factcheck.verify(Path(__file__).resolve().parents[1] / "claims" / "2020.yaml")
    assert story.results and looked == []
    root = _repo(tmp_path)
    (root / "cases.csv").write_text("case_id,kind,year\n1,a,2020\n2,b,2021\n")
    (root / "people.csv").write_text("person,case_id,age\nP1,1,30\nP2,2,40\n")
    tables = ("  people: {path: people.csv, lookup: {c: cases via case_id}}\n"
              "  cases: {path: cases.csv, key: case_id}\n")
    _passes(_claims(root, tables, "{count: people, where: \"c.kind == 'a' and age > 20\"}", "1"))
    assert sorted(looked) == [("cases", ["case_id"]), ("people", ["case_id"])]
    looked.clear()
    _passes(_claims(root, tables, "{top: year, of: cases, by: {count: cases}, n: 2}", "[2020, 2021]"))
    assert looked == [("cases", ["year"])]
    looked.clear()
    _passes(_claims(root, tables, "{count: cases, where: \"kind == 'a'\"}", "1"))
    assert looked == []  # a key of numbers that does not repeat: nothing read again
    declared = tables.replace("{path: people.csv,", "{path: people.csv, columns: {case_id: integer},")
    _passes(_claims(root, declared, "{count: people, where: \"c.kind == 'a'\"}", "1"))
    assert looked == [("cases", ["case_id"])]  # a declared type is read as declared: its file is not looked at


# --------------------------------------------------------------------------- any codes

def test_any_codes_are_counted_as_written_or_the_run_stops(tmp_path_factory) -> None:
    """Whatever short codes follow the sample (zero-led or not, repeated or not): count_distinct of
    the column is refused exactly when the file writes a code with a leading zero, and otherwise (or
    declared text) passes with the number of codes as written. Never a figure that merged two."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    prefix = "zip\n" + "".join(f"{100000 + i}\n" for i in range(WEST))

    @settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.lists(st.text("0123456789", min_size=1, max_size=5), min_size=1, max_size=8))
    def check(tail: list[str]) -> None:
        root = _repo(tmp_path_factory.mktemp("codes"))
        (root / "t.csv").write_text(prefix + "".join(f"{c}\n" for c in tail))
        expect = str(WEST + len(set(tail)))
        result = _run(_claims(root, "  t: {path: t.csv}\n", "{count_distinct: zip, of: t}", expect))
        if any(len(c) > 1 and c.startswith("0") for c in tail):
            assert result.exit_code == 2 and "with leading zeros" in result.output, (tail, result.output)
        else:
            assert result.exit_code == 0 and "PASS" in result.output, (tail, result.output)
        _passes(_claims(root, "  t: {path: t.csv, columns: {zip: text}}\n", "{count_distinct: zip, of: t}", expect))

    check()


def test_a_lookup_from_codes_read_as_numbers_to_parquet_numbers_names_only_the_csv_to_declare(tmp_path) -> None:
    """A Parquet file's column holds its own type: the hint names the CSV's table alone."""
    import duckdb
    root = _repo(tmp_path)
    _calls(root, ["02134", "2134"])
    duckdb.sql(f"COPY (SELECT * FROM (VALUES (2134, 'Allston')) v(zip, town)) TO '{root / 'zips.parquet'}' "
               "(FORMAT parquet)")
    tables = "  calls: {path: calls.csv, lookup: {z: zips via zip}}\n  zips: {path: zips.parquet, key: zip}\n"
    out = _refused(_claims(root, tables, "{count: calls, where: \"z.town == 'Allston'\"}", "1"),
                   f"calls.csv:{WEST + 2}", "lookup 'z'", "columns: {zip: {type: text}} under table 'calls'")
    assert "tables 'calls' and 'zips'" not in out
    declared = tables.replace("{path: calls.csv,", "{path: calls.csv, columns: {zip: text},")
    _refused(_claims(root, declared, "{count: calls, where: \"z.town == 'Allston'\"}", "1"),
             "column 'zip' of table 'zips' (read as numbers)", "the Parquet file of table 'zips'")


def test_any_lookup_on_codes_counts_as_written_or_the_run_stops(tmp_path_factory) -> None:
    """Whatever codes the two files write (zero-led or not, past the type sample or in a small file
    DuckDB reads whole): a count through the lookup is the count the files write, or the run stops;
    declared text on both sides, it is always the count the files write."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    codes = st.text("0123", min_size=1, max_size=3)
    prefix = "".join(f"P{i},777777\n" for i in range(WEST))

    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.lists(codes, min_size=1, max_size=6), st.lists(codes, min_size=1, max_size=4, unique=True),
           st.booleans())
    def check(tail: list[str], towns: list[str], long: bool) -> None:
        root = _repo(tmp_path_factory.mktemp("lookup"))
        (root / "calls.csv").write_text("call_id,zip\n" + (prefix if long else "")
                                        + "".join(f"C{i},{c}\n" for i, c in enumerate(tail)))
        (root / "zips.csv").write_text("zip,town\n" + "".join(f"{c},T\n" for c in towns))
        expect = str(sum(c in towns for c in tail))
        tables = "  calls: {path: calls.csv, lookup: {z: zips via zip}}\n  zips: {path: zips.csv, key: zip}\n"
        result = _run(_claims(root, tables, "{count: calls, where: \"z.town == 'T'\"}", expect))
        assert result.exit_code in (0, 2) and "FAIL" not in result.output, (tail, towns, long, result.output)
        if result.exit_code == 2:
            assert "hint:" in result.output and "{type: text}" in result.output, result.output
        declared = tables.replace("calls.csv,", "calls.csv, columns: {zip: text},").replace(
            "key: zip}", "key: zip, columns: {zip: text}}")
        result = _run(_claims(root, declared, "{count: calls, where: \"z.town == 'T'\"}", expect))
        assert result.exit_code == 0 and "FAIL" not in result.output, (tail, towns, long, result.output)

    check()


def test_run_reads_a_large_file_again_only_as_far_as_it_checks_keys_and_check_always(tmp_path, monkeypatch) -> None:
    """Reading a column of 10 million rows again as text took ~2.5 s, half of such a run: `run` does
    it for the files whose key it checks (a CSV of up to 64 MiB), `check` for every one. Here the
    limit is lowered below the calls file's size."""
    import factcheck.loading
    root = _repo(tmp_path)
    _calls(root, ["02134", "2134", "02134"])
    (root / "zips.csv").write_text("zip,town\n2134,Allston\n" + "".join(f"{90000 + i},West{i}\n" for i in range(97)))
    tables = "  calls: {path: calls.csv, lookup: {z: zips via zip}}\n  zips: {path: zips.csv, key: zip}\n"
    claims = _claims(root, tables, "{count: calls, where: \"z.town == 'Allston'\"}", "3")
    monkeypatch.setattr(factcheck.loading, "KEY_READ_UP_TO_BYTES", (root / "calls.csv").stat().st_size - 1)
    assert _run(claims).exit_code == 0  # not read again: the figure the join gives, as documented
    result = runner.invoke(app, ["check", str(claims)])
    assert result.exit_code == 2 and "table 'calls', column 'zip' is read as numbers" in result.output, result.output
