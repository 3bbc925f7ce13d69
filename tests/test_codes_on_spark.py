"""Codes with leading zeros read as numbers, on ``--engine spark``: refused as on DuckDB, and once
declared text, judged to the same figures (Spark reads a column in the type DuckDB found, or was
declared, so the two engines see the same codes)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import factcheck

WEST = 24_997


def _setup(root: Path) -> None:
    (root / ".git").mkdir(parents=True)
    rows = [f"C{i},{90000 + i % 97}" for i in range(WEST)] + [f"C{WEST},02134", f"C{WEST + 1},2134",
                                                              f"C{WEST + 2},02134"]
    (root / "calls.csv").write_text("call_id,zip\n" + "\n".join(rows) + "\n")
    (root / "zips.csv").write_text("zip,town\n2134,Allston\n" + "".join(f"{90000 + i},West{i}\n" for i in range(97)))
    (root / "small.csv").write_text("id,zip\nA,2134\nB,90001\n")
    (root / "texts.csv").write_text("zip,town\n02134,Allston\n2134,Typo\n90001,West\n")


def _claims(root: Path, tables: str, measure: str, expect: str) -> Path:
    path = root / "claims.yaml"
    path.write_text(f"version: 1\ntables:\n{tables}claims:\n  - id: a\n    says: a sentence\n"
                    f"    measure: {measure}\n    expect: {expect}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("tables, measure, expected", [
    ("  small: {path: small.csv, lookup: {z: texts via zip}}\n  texts: {path: texts.csv, key: zip}\n",
     "{count: small, where: \"z.town is not null\"}", ["lookup 'z'", "(read as numbers)", "(read as text)"]),
    ("  calls: {path: calls.csv, lookup: {z: zips via zip}}\n  zips: {path: zips.csv, key: zip}\n",
     "{count: calls, where: \"z.town == 'Allston'\"}", [f"line {WEST + 2} holds '02134'", "lookup 'z'"]),
    ("  calls: {path: calls.csv}\n", "{top: zip, of: calls}",
     [f"line {WEST + 2} holds '02134'", "groups or counts its values"]),
])
def test_codes_merged_as_numbers_are_refused_on_spark_as_on_duckdb(spark: Any, tmp_path: Path, tables: str,
                                                                   measure: str, expected: list[str]) -> None:
    root = tmp_path / "repo"
    _setup(root)
    path = _claims(root, tables, measure, "1")
    said = []
    for engine in ("duckdb", "spark"):
        with pytest.raises((factcheck.ClaimsFileError, factcheck.DataError)) as info:
            factcheck.verify(path, engine=engine)
        said.append(str(info.value))
        for text in expected:
            assert text in str(info.value), (engine, str(info.value))
    assert said[0] == said[1]


def test_codes_declared_text_give_the_same_figures_on_spark(spark: Any, tmp_path: Path) -> None:
    root = tmp_path / "repo"
    _setup(root)
    tables = ("  calls: {path: calls.csv, columns: {zip: text}, lookup: {z: zips via zip}}\n"
              "  zips: {path: zips.csv, key: zip, columns: {zip: text}}\n")
    path = _claims(root, tables, "{count: calls, where: \"z.town == 'Allston'\"}", "1")
    duck, on_spark = factcheck.verify(path), factcheck.verify(path, engine="spark")
    assert [(r.verdict, r.value) for r in duck.results] == [(r.verdict, r.value) for r in on_spark.results]
    assert duck.results[0].verdict == "pass"
