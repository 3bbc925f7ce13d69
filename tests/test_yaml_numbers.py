"""YAML 1.1 number forms PyYAML's safe loader still reads: `2:42` in base 60 (162), `010` in base
8 (8), `0x22` in base 16 (34). A figure written so in a claims file was silently another figure;
`2:42` and `0x22` are now text (and an expectation that cannot be read says so), `010` is ten."""

from __future__ import annotations

from pathlib import Path

from conftest import one_table

from factcheck.claims.yamlsource import load_yaml
from factcheck.outcome import Verdict


def test_base_60_and_base_8_are_not_read(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("a: 2:42\nb: 010\nc: -007\nd: 0x10\ne: 1:30.5\nf: 0\ng: 10\nh: 0b11\ni: -0o17\nj: 0.5\n")
    value, _ = load_yaml(path)
    assert value == {"a": "2:42", "b": 10, "c": -7, "d": "0x10", "e": "1:30.5", "f": 0, "g": 10, "h": "0b11",
                     "i": "-0o17", "j": 0.5}


def test_a_figure_in_base_16_is_refused(tmp_path: Path) -> None:
    """`expect: 0x22` passed a count of 34."""
    import pytest

    from factcheck.errors import ClaimsFileError
    with pytest.raises(ClaimsFileError) as err:
        one_table(tmp_path, ["id,n"] + [f"{i},1" for i in range(34)], "{count: t}", "0x22")
    assert "0x22" in str(err.value)


def test_a_figure_written_with_a_leading_zero_is_itself(tmp_path: Path) -> None:
    r = one_table(tmp_path, ["id,n", "1,4", "2,6"], "{sum: n, of: t}", "010")
    assert r.verdict == Verdict.PASS, r.message  # read as 8 before, it failed


def test_an_unreadable_expectation_says_expect_once(tmp_path: Path) -> None:
    import pytest

    from factcheck.errors import ClaimsFileError
    with pytest.raises(ClaimsFileError) as err:
        one_table(tmp_path, ["id,n", "1,2"], "{count: t}", "0x22")
    assert "claim 'c': cannot read expect: '0x22'" in str(err.value), str(err.value)
