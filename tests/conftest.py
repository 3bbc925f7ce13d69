"""Shared helpers: write a claims file beside copies of the mini data, then run it."""

from __future__ import annotations

import os
import shutil
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

# No per-example deadline anywhere: a shared CI machine can be slow for a moment, and a test
# that fails for the clock's sake says nothing about the code (max_examples bounds the time).
settings.register_profile("factcheck", deadline=None)
settings.load_profile("factcheck")

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini"

MINI_TABLES = """\
version: 1
title: Mini story
tables:
  cases:
    path: cases.csv
    key: case_id
    time: [filed_date, last_pending_date]
    derive:
      filed_year: year(filed_date)
      active_2020: filed_date <= '2020-12-31' and (last_pending_date is null or last_pending_date >= '2020-01-01')
  victims:
    path: victims.csv
    key: victim_id
    lookup:
      case: cases via case_id
  gdp:
    path: gdp.csv
    key: quarter
    derive:
      previous: lag(growth)
"""


@pytest.fixture
def mini(tmp_path: Path):
    """``mini(claims_yaml, tables=MINI_TABLES) -> Path``: a claims file over the mini data."""
    for csv in MINI.glob("*.csv"):
        shutil.copy(csv, tmp_path / csv.name)

    def write(claims: str, tables: str = MINI_TABLES, name: str = "claims.yaml") -> Path:
        path = tmp_path / name
        path.write_text(tables + "claims:\n" + textwrap.indent(textwrap.dedent(claims), "  "), encoding="utf-8")
        return path

    return write


class Recorded:
    """A DuckDB connection that keeps every statement run through it (``.sql``), in order, and
    those DuckDB refused (``.failed``)."""

    def __init__(self, con: Any) -> None:
        self.con = con
        self.sql: list[str] = []
        self.failed: list[str] = []

    def execute(self, sql: str, *args: object) -> Any:
        self.sql.append(sql)
        try:
            return self.con.execute(sql, *args)
        except Exception:
            self.failed.append(sql)
            raise

    def __getattr__(self, name: str) -> object:
        return getattr(self.con, name)


def one_table(folder: Path, rows: list[str], measure: str, expect: str, *, table: str = "t", decl: str = "",
              says: str = "a sentence") -> Any:
    """Verify one claim over one CSV table: ``rows`` are its lines, the header first; ``decl``: the
    rest of the table's declaration (``time: year``). Returns the claim's result."""
    import factcheck
    (folder / f"{table}.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (folder / "c.yaml").write_text(
        f"version: 1\ntables:\n  {table}: {{path: {table}.csv{', ' + decl if decl else ''}}}\nclaims:\n"
        + textwrap.indent(f"- id: c\n  says: {says}\n  measure: {measure}\n  expect: {expect}\n", "  "),
        encoding="utf-8")
    return factcheck.verify(folder / "c.yaml").results[0]


def verify_one(folder: Path, tables: str, measure: str, expect: str, *, says: str = "a sentence") -> Any:
    """Verify one claim against the tables declared in ``tables`` (the YAML under ``tables:``, its
    lines indented by two spaces), their files already in ``folder``. Returns the claim's result."""
    import factcheck
    (folder / "c.yaml").write_text(
        "tables:\n" + textwrap.indent(textwrap.dedent(tables), "  ")
        + "claims:\n" + textwrap.indent(f"- id: c\n  says: {says}\n  measure: {measure}\n  expect: {expect}\n", "  "),
        encoding="utf-8")
    return factcheck.verify(folder / "c.yaml").results[0]


def one_claim(measure: str, expect: str, cid: str = "c") -> str:
    """A single claim block in YAML."""
    return f"- id: {cid}\n  says: a sentence\n  measure: {measure}\n  expect: {expect}\n"


@pytest.fixture(scope="session")
def spark():
    """One local Spark session for every Spark test of the run (starting one costs 10-30 s on two
    cores); skipped, saying why, without pyspark or Java. factcheck's Spark runs use it (an active
    session is used, not stopped)."""
    pytest.importorskip("pyspark", reason="pyspark is not installed: pip install -e '.[spark]'")
    if shutil.which("java") is None:
        pytest.skip("Java is not installed (Spark needs Java 17: apt-get install openjdk-17-jre-headless)")
    from factcheck.backends.spark_session import spark_session
    session = spark_session(app_name="factcheck-tests")
    yield session
    session.stop()


# --------------------------------------------------------------------------- one headless Chromium

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def chromium_binary() -> str | None:
    """Debian's Chromium (or $FACTCHECK_CHROMIUM), which Playwright drives for the HTML tests."""
    candidates = [os.environ.get("FACTCHECK_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser",
                  shutil.which("chromium"), shutil.which("chromium-browser"), shutil.which("google-chrome")]
    return next((c for c in candidates if c and Path(c).is_file() and os.access(c, os.X_OK)), None)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One browser for every HTML test of the run (each test opens its own page); skips without one."""
    binary = chromium_binary()
    if binary is None:
        pytest.skip("no Chromium binary found (looked at $FACTCHECK_CHROMIUM, /usr/bin/chromium, chromium, "
                    "chromium-browser, google-chrome); `apt-get install chromium` or run .ci/run as root")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the playwright package is not installed: pip install -e '.[test]'")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=binary, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


def record_statements(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every statement the DuckDB backend is asked to run from now on, in order (for tests that count
    the queries a run makes)."""
    from factcheck.backends.duckdb import DuckDB
    asked: list[str] = []
    execute = DuckDB.execute

    def recorded(self: DuckDB, sql: str) -> object:
        asked.append(sql)
        return execute(self, sql)

    monkeypatch.setattr(DuckDB, "execute", recorded)
    return asked
