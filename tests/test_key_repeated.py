"""A declared key that repeats stops `run` as it stops `check`: the docs promise a key is checked
to be unique, and a repeated award (exported twice) counted its dollars twice, in silence."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from factcheck.cli import app


def _files(folder: Path, rows: str) -> Path:
    (folder / "a.csv").write_text("award_id,amount\n" + rows)
    (folder / "c.yaml").write_text("tables:\n  a: {path: a.csv, key: award_id}\nclaims:\n"
                                   "  - id: total\n    says: The city gave $600.\n    measure: {sum: amount, of: a}\n"
                                   "    expect: $600\n")
    return folder / "c.yaml"


def test_run_refuses_a_repeated_key(tmp_path: Path) -> None:
    claims = _files(tmp_path, "A1,100\nA2,200\nA2,200\nA3,100\n")  # $600 only with A2 twice
    for command in ("run", "check"):
        result = CliRunner().invoke(app, [command, str(claims)])
        assert result.exit_code == 2, result.output
        assert "c.yaml:2" in result.output and "key: column 'award_id' of table 'a' is not unique: A2 (2 rows)" in result.output
        assert "a key names one row" in result.output and "lookup" not in result.output


def test_a_unique_key_runs(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["run", str(_files(tmp_path, "A1,100\nA2,200\nA3,300\n"))])
    assert result.exit_code == 0, result.output


def test_run_checks_the_keys_of_tables_up_to_a_size_and_check_all(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Counting 10 million distinct keys took a quarter of the benchmark's run: `run` checks tables
    of up to KEYS_CHECKED_UP_TO rows, `check` every one."""
    import factcheck.loading as loading
    monkeypatch.setattr(loading, "KEYS_CHECKED_UP_TO", 3)
    claims = _files(tmp_path, "A1,100\nA2,200\nA2,200\nA3,100\n")  # four rows: more than 3
    assert CliRunner().invoke(app, ["run", str(claims)]).exit_code == 0
    assert CliRunner().invoke(app, ["check", str(claims)]).exit_code == 2


def test_a_derived_key_is_checked_too(tmp_path: Path) -> None:
    """`key: kid` with `kid: upper(award_id)` was never checked: `run` and `check` passed $600."""
    (tmp_path / "a.csv").write_text("award_id,amount\na1,100\na2,200\nA2,200\na3,100\n")
    (tmp_path / "c.yaml").write_text("tables:\n  a: {path: a.csv, key: kid, derive: {kid: upper(award_id)}}\nclaims:\n"
                                     "  - id: total\n    says: The city gave $600.\n    measure: {sum: amount, of: a}\n"
                                     "    expect: $600\n")
    for command in ("run", "check"):
        result = CliRunner().invoke(app, [command, str(tmp_path / "c.yaml")])
        assert result.exit_code == 2, result.output
        assert "key: column 'kid' of table 'a' is not unique: A2 (2 rows)" in result.output


def _composite(folder: Path, rows: str, key: str) -> Path:
    (folder / "e.csv").write_text("district,year,band,students\n" + rows)
    (folder / "c.yaml").write_text(f"tables:\n  e: {{path: e.csv, key: {key}}}\nclaims:\n"
                                   "  - id: total\n    says: 230 students.\n    measure: {sum: students, of: e}\n"
                                   "    expect: 230\n")
    return folder / "c.yaml"


def test_a_key_of_several_columns_catches_a_repeated_row(tmp_path: Path) -> None:
    """Enrollment by district, year and band: no one column is a key, and a row exported twice passed
    (a walk of a schools story, where `key: [...]` was refused with a hint about quoting brackets)."""
    rows = "D1,2022,high,100\nD2,2022,high,65\nD2,2022,high,65\nD2,2022,middle,0\n"
    for command in ("run", "check"):
        result = CliRunner().invoke(app, [command, str(_composite(tmp_path, rows, "[district, year, band]"))])
        assert result.exit_code == 2, result.output
        assert ("key: columns 'district', 'year', 'band' of table 'e' are not unique together: "
                "(D2, 2022, high) (2 rows)") in result.output
    once = "D1,2022,high,100\nD2,2022,high,130\nD2,2022,middle,0\n,2022,high,0\n,2022,high,0\n"  # blank: no row named
    result = CliRunner().invoke(app, ["run", str(_composite(tmp_path, once, "[district, year, band]"))])
    assert result.exit_code == 0, result.output


def test_a_key_names_each_column_once(tmp_path: Path) -> None:
    for key, said in (("[]", "a key names at least one column"), ("[year, year]", "a key names each of its columns once"),
                      ("[year, nope]", "no column 'nope'")):
        result = CliRunner().invoke(app, ["run", str(_composite(tmp_path, "D1,2022,high,230\n", key))])
        assert result.exit_code == 2 and said in result.output, result.output


def test_rows_with_a_blank_part_of_the_key_are_not_listed_as_repeats(tmp_path: Path) -> None:
    rows = "D1,2022,high,100\nD2,2022,high,65\nD2,2022,high,65\nD3,2022,,0\nD3,2022,,0\n"
    result = CliRunner().invoke(app, ["check", str(_composite(tmp_path, rows, "[district, year, band]"))])
    assert result.exit_code == 2 and "(D2, 2022, high) (2 rows)" in result.output, result.output
    assert "None" not in result.output and "D3" not in result.output
    assert "drop key: if the columns are no key" in result.output
