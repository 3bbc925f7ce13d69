"""The library API: load, verify with files or DataFrames, typed results."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import MINI, one_claim

import factcheck
from factcheck import ClaimsFileError, DataError, Reason, Verdict

CLAIMS = MINI / "claims.yaml"


def test_load_gives_the_validated_model_with_lines() -> None:
    loaded = factcheck.load(CLAIMS)
    assert loaded.model.title == "Mini story"
    assert [c.id for c in loaded.model.claims][:2] == ["cases-2020", "facebook-share"]
    assert loaded.claim_line(0) == 24


def test_verify_returns_typed_results() -> None:
    report = factcheck.verify(CLAIMS)
    assert report.result("facebook-share").verdict is Verdict.PASS
    assert report.result("lone-traffickers").reason is Reason.MARKED_UNVERIFIABLE
    assert report.exit_code() == 0 and report.exit_code(strict=True) == 1
    assert {t.name for t in report.tables} == {"cases", "victims", "gdp"}


def test_dataframes_can_stand_in_for_files() -> None:
    frames = {name: pd.read_csv(MINI / f"{name}.csv") for name in ("cases", "victims", "gdp")}
    frames["cases"]["filed_date"] = pd.to_datetime(frames["cases"]["filed_date"])
    frames["cases"]["last_pending_date"] = pd.to_datetime(frames["cases"]["last_pending_date"])
    from_files = factcheck.verify(CLAIMS)
    from_frames = factcheck.verify(CLAIMS, tables=frames)
    assert [(r.id, r.verdict, r.value) for r in from_frames.results] == \
           [(r.id, r.verdict, r.value) for r in from_files.results]
    assert all(t.path == "<dataframe>" for t in from_frames.tables)


def test_a_changed_dataframe_changes_the_verdict_and_the_checksum() -> None:
    cases = pd.read_csv(MINI / "cases.csv", parse_dates=["filed_date", "last_pending_date"])
    before = factcheck.verify(CLAIMS, tables={"cases": cases}, only=["cases-2020"])
    cases = cases[cases.case_id != "C10"]
    after = factcheck.verify(CLAIMS, tables={"cases": cases}, only=["cases-2020"])
    assert before.results[0].verdict == "pass" and after.results[0].verdict == "fail"
    assert before.tables[0].sha256 != after.tables[0].sha256


def test_unknown_dataframe_name_is_an_error() -> None:
    with pytest.raises(ClaimsFileError, match="does not declare: nope"):
        factcheck.verify(CLAIMS, tables={"nope": pd.DataFrame()})


def test_errors_are_typed_and_carry_problems(mini) -> None:
    with pytest.raises(ClaimsFileError) as info:
        factcheck.verify(mini(one_claim("{count: nope}", "1")))
    problem = info.value.problems[0]
    assert problem.claim == "c" and problem.line is not None and "cases" in (problem.hint or "")


def test_paths_outside_the_repository_need_an_explicit_option(tmp_path: Path) -> None:
    inner = tmp_path / "repo"
    (inner / ".git").mkdir(parents=True)
    (tmp_path / "secret.csv").write_text("a\n1\n")
    claims = inner / "c.yaml"
    claims.write_text("version: 1\ntables: {t: {path: ../secret.csv}}\nclaims:\n"
                      "  - {id: a, says: s, measure: {count: t}, expect: 1}\n")
    with pytest.raises(DataError, match="outside the repository"):
        factcheck.verify(claims)
    assert factcheck.verify(claims, data_root=tmp_path).results[0].verdict == "pass"


def test_absolute_paths_to_system_files_are_refused(tmp_path: Path) -> None:
    claims = tmp_path / "c.yaml"
    claims.write_text("version: 1\ntables: {t: {path: /etc/passwd}}\nclaims:\n"
                      "  - {id: a, says: s, measure: {count: t}, expect: 1}\n")
    with pytest.raises(DataError, match="outside the repository"):
        factcheck.verify(claims)


def test_data_files_are_never_written(mini, tmp_path: Path) -> None:
    path = mini(one_claim("{count: cases}", "10"))
    before = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in tmp_path.glob("*.csv")}
    factcheck.verify(path)
    after = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in tmp_path.glob("*.csv")}
    assert before == after
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cases.csv", "claims.yaml", "gdp.csv", "victims.csv"]


def test_optional_table_missing_makes_its_claims_unverifiable(mini, tmp_path: Path) -> None:
    from conftest import MINI_TABLES
    tables = MINI_TABLES.replace("    path: gdp.csv\n", "    path: gdp.csv\n    optional: true\n")
    (tmp_path / "gdp.csv").unlink()
    report = factcheck.verify(mini(one_claim("{count: gdp}", "7", "g") + one_claim("{count: cases}", "10"), tables))
    assert [(r.verdict, r.reason) for r in report.results] == [
        (Verdict.UNVERIFIABLE, Reason.TABLE_MISSING), (Verdict.PASS, None)]


def test_csv_reading_options(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text("# exported 2021\n# by hand\nname;score\nann;NA\nbob;3\ncat;5\n",
                                    encoding="latin-1")
    (tmp_path / "c.yaml").write_text(
        "version: 1\ntables:\n  t:\n    path: t.csv\n    csv: {delimiter: ';', skip: 2, null: [NA], encoding: latin-1}\n"
        "claims:\n  - {id: a, says: s, measure: {mean: score, of: t}, expect: 4}\n"
        "  - {id: b, says: s, measure: {count: t}, expect: 3}\n")
    report = factcheck.verify(tmp_path / "c.yaml")
    assert [r.verdict for r in report.results] == ["pass", "pass"]
    assert report.results[0].rows_unknown == 1


def test_csv_without_header_uses_names(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text("ann,1\nbob,3\n")
    (tmp_path / "c.yaml").write_text(
        "version: 1\ntables:\n  t:\n    path: t.csv\n    csv: {header: false, names: [name, score]}\n"
        "claims:\n  - {id: a, says: s, measure: {sum: score, of: t}, expect: 4}\n")
    assert factcheck.verify(tmp_path / "c.yaml").results[0].verdict == "pass"


def test_parquet_tables(tmp_path: Path) -> None:
    import duckdb
    duckdb.sql(f"COPY (SELECT * FROM range(1, 4) t(x)) TO '{tmp_path / 't.parquet'}' (FORMAT parquet)")
    (tmp_path / "c.yaml").write_text("version: 1\ntables: {t: {path: t.parquet}}\nclaims:\n"
                                     "  - {id: a, says: s, measure: {sum: x, of: t}, expect: 6}\n")
    assert factcheck.verify(tmp_path / "c.yaml").results[0].verdict == "pass"


def test_only_the_columns_used_are_read() -> None:
    report = factcheck.verify(CLAIMS, only=["cases-2020"])
    cases = next(t for t in report.tables if t.name == "cases")
    # filed_year is derived from filed_date; case_id is the table's key, read to check it is unique
    assert cases.columns_read == ["case_id", "filed_date"]
    assert [t.name for t in report.tables] == ["cases"]


@pytest.mark.parametrize("article", ["/etc/passwd", "../../../../etc/hostname", "missing.md"])
def test_the_article_must_be_a_file_inside_the_repository(tmp_path: Path, article: str) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "t.csv").write_text("a\n1\n")
    claims = repo / "c.yaml"
    claims.write_text(f"version: 1\narticle: {article}\ntables: {{t: {{path: t.csv}}}}\nclaims:\n"
                      "  - {id: a, says: s, measure: {count: t}, expect: 1}\n")
    with pytest.raises(DataError) as info:
        factcheck.verify(claims)
    assert info.value.problems[0].line == 2


def test_the_html_report_never_embeds_a_file_outside_the_repository(tmp_path: Path) -> None:
    from factcheck.render.html import render
    report = factcheck.verify(CLAIMS).model_copy(update={"article": "../../../../../../etc/hostname"})
    secret = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").exists() else None
    page = render(report)
    assert "could not be read" in page
    if secret:
        assert f">{secret}<" not in page


def test_no_query_can_touch_files_once_the_tables_are_read() -> None:
    from factcheck.engine import prepare
    session = prepare(CLAIMS)
    session.materialize()
    session.run()
    with pytest.raises(Exception, match="disabled"):
        session.con.execute("SELECT * FROM read_csv('/etc/hostname')").fetchall()
