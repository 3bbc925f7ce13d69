"""Reading data that is hostile, mislabelled or broken (issue 8).

Each case builds a small repository in tmp_path (a ``.git`` folder marks its root), runs
the real CLI in-process, and checks the exit status and that the message names the file,
the line or row, the column or claim, and gives a hint. Nothing outside the repository is
ever read, and the reported SHA-256 is that of the file actually read.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app

runner = CliRunner()


def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    return root


def claims(root: Path, table: str, measure: str, expect: str, *, extra_tables: str = "",
           name: str = "claims.yaml") -> Path:
    """A claims file with one table ``t`` (its YAML flow mapping given) and one claim ``a``."""
    path = root / name
    path.write_text(f"version: 1\ntables:\n  t: {table}\n{extra_tables}claims:\n"
                    f"  - id: a\n    says: a sentence\n    measure: {measure}\n    expect: {expect}\n",
                    encoding="utf-8")
    return path


def run(path: Path, *args: str, command: str = "run"):
    result = runner.invoke(app, [command, str(path), *args])
    assert "Traceback" not in result.output
    assert "internal error" not in result.output, result.output
    return result


def refused(path: Path, *expected: str, command: str = "run") -> str:
    """Exit 2 with every expected text in the message (and a hint)."""
    result = run(path, command=command)
    assert result.exit_code == 2, result.output
    for text in expected:
        assert text in result.output, f"{text!r} not in:\n{result.output}"
    assert "hint:" in result.output, result.output
    return result.output


# --------------------------------------------------------------------------- optional tables

def test_an_optional_table_reached_through_a_lookup_makes_the_claim_table_missing(tmp_path) -> None:
    root = repo(tmp_path)
    (root / "victims.csv").write_text("victim_id,case_id\nV1,C1\nV2,C2\n")
    path = root / "claims.yaml"
    path.write_text("version: 1\ntables:\n"
                    "  cases: {path: cases.csv, key: case_id, optional: true}\n"
                    "  victims: {path: victims.csv, lookup: {case: cases via case_id}}\n"
                    "claims:\n"
                    "  - {id: west, says: s, measure: {count: victims, where: \"case.region == 'west'\"}, expect: 1}\n"
                    "  - {id: all, says: s, measure: {count: victims}, expect: 2}\n")
    assert run(path, command="check").exit_code == 0
    result = run(path, "--json", "-")
    assert result.exit_code == 0, result.output
    verdicts = {r["id"]: (r["verdict"], r["reason"]) for r in json.loads(result.stdout)["results"]}
    assert verdicts == {"west": ("unverifiable", "table_missing"), "all": ("pass", None)}
