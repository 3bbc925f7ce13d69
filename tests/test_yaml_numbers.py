"""YAML 1.1 number forms PyYAML's safe loader still reads: `2:42` in base 60 (162) and `010` in base
8 (8). A figure written so in a claims file was silently another figure; `2:42` is now text (and an
expectation that cannot be read says so), `010` is ten."""

from __future__ import annotations

from pathlib import Path

from conftest import one_table

from factcheck.claims.yamlsource import load_yaml
from factcheck.outcome import Verdict


def test_base_60_and_base_8_are_not_read(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("a: 2:42\nb: 010\nc: -007\nd: 0x10\ne: 1:30.5\nf: 0\ng: 10\n")
    value, _ = load_yaml(path)
    assert value == {"a": "2:42", "b": 10, "c": -7, "d": 16, "e": "1:30.5", "f": 0, "g": 10}


def test_a_figure_written_with_a_leading_zero_is_itself(tmp_path: Path) -> None:
    r = one_table(tmp_path, ["id,n", "1,4", "2,6"], "{sum: n, of: t}", "010")
    assert r.verdict == Verdict.PASS, r.message  # read as 8 before, it failed
