"""Hostile or broken claims files end in a located message, never a traceback or a hang
(issue 8, item 13): YAML nested hundreds deep, YAML tags, numbers of thousands of digits,
`.nan` and `.inf` as periods, and a FIFO, a directory or a device given as the claims file.
Each is exit status 2 with the file, the line and the claim where there is one, and a hint.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest
from conftest import MINI_TABLES, one_claim
from typer.testing import CliRunner

from factcheck.cli import app

runner = CliRunner()


def located(result, *expected: str) -> str:
    out = result.output
    assert result.exit_code == 2, out
    assert "Traceback" not in out and "internal error" not in out, out
    for text in expected:
        assert text in out, out
    assert "hint:" in out, out
    return out


@pytest.mark.parametrize("shape", ["[", "{a: ", "block"])
@pytest.mark.parametrize("depth", [70, 600, 990])
def test_yaml_nested_hundreds_deep(mini, shape: str, depth: int) -> None:
    if shape == "block":
        value = "\n" + "".join("    " + "  " * i + "a:\n" for i in range(depth)) + "    " + "  " * depth + "1"
    else:
        value = shape * depth + ("1" if shape == "{a: " else "") + ("]" if shape == "[" else "}") * depth
    path = mini(f"- id: deep\n  says: {value}\n  measure: {{count: cases}}\n  expect: 10\n")
    out = located(runner.invoke(app, ["check", str(path)]), "claims.yaml:")
    assert "nests more than 64 levels" in out or "maximum nesting depth" in out  # ours, or libyaml's past 1000
    if depth < 990:
        assert "claim 'deep'" in out


@pytest.mark.parametrize("tagged, shown", [
    ("says: !foo bar", "'!foo'"),
    ("says: !!python/name:os.system x", "'!!python/name:os.system'"),
    ("says: !!python/object/apply:os.system [echo hi]", "'!!python/object/apply:os.system'"),
    ("expect: !!int abc", "'!!int'"),
    ("expect: !!float abc", "'!!float'"),
    ("expect: !!bool maybe", "'!!bool'"),
    ("says: !!binary aGVsbG8=", "'!!binary'"),
    ("says: !!set {a, b}", "'!!set'"),
    ("expect: !!str 12", "'!!str'"),
    ("measure: !foo {count: cases}", "'!foo'"),
])
def test_yaml_tags_are_refused_with_their_line_and_claim(mini, tagged: str, shown: str) -> None:
    key = tagged.split(":")[0]
    fields = {"says": "says: s", "measure": "measure: {count: cases}", "expect": "expect: 10"}
    fields[key] = tagged
    path = mini("- id: tagged\n" + "".join(f"  {v}\n" for v in fields.values()))
    line = 23 + list(fields).index(key)  # MINI_TABLES is 20 lines, then claims:, - id: and says:
    out = located(runner.invoke(app, ["run", str(path)]), f"claims.yaml:{line}: claim 'tagged': YAML tags are not allowed",
                  shown, "hint: remove the tag")
    assert "echo hi" not in out.replace("[echo hi]", "")


def test_a_tag_on_a_table_or_a_key_is_refused_too(mini) -> None:
    out = located(runner.invoke(app, ["check", str(mini(one_claim("{count: cases}", "10"),
                                                         MINI_TABLES.replace("path: gdp.csv", "path: !x gdp.csv")))]),
                  "YAML tags are not allowed", "'!x'")
    assert "claims.yaml:17: YAML tags" in out  # not inside a claim: no claim named
    located(runner.invoke(app, ["check", str(mini("- !k id: c\n  says: s\n  measure: {count: cases}\n  expect: 1\n"))]),
            "YAML tags are not allowed", "'!k'")


@pytest.mark.parametrize("written", ["9" * 5000, "9" * 101, "0x" + "f" * 4000, "1." + "5" * 5000])
def test_numbers_of_thousands_of_digits(mini, written: str) -> None:
    path = mini(one_claim("{count: cases}", written, cid="long"))
    located(runner.invoke(app, ["run", str(path)]), "claims.yaml:25: claim 'long': a number written with",
            "(at most 100)", "hint: no figure")


@pytest.mark.parametrize("expect", ['"' + "9" * 5000 + '"', '"about ' + "1" * 300 + '"', '"1e99999999"',
                                   "{value: '" + "9" * 400 + "', within: 1}"])
def test_written_figures_of_thousands_of_digits(mini, expect: str) -> None:
    path = mini(one_claim("{count: cases}", expect, cid="long"))
    located(runner.invoke(app, ["run", str(path)]), "claims.yaml:25: claim 'long': cannot read expect")


@pytest.mark.parametrize("field", ["from", "to", "at", "since"])
@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", ".NaN", "1.0e+400"])
def test_nan_and_inf_as_periods(mini, field: str, value: str) -> None:
    if field in ("from", "to"):
        periods = {"from": 2019, "to": 2020, field: value}
        measure = f"{{change: {{count: cases}}, over: filed_year, from: {periods['from']}, to: {periods['to']}}}"
        expect = "up 5%"
    else:
        periods = {"at": 2020, "since": 2018, field: value}
        measure = (f"{{extreme: {{count: cases}}, over: filed_year, at: {periods['at']}, since: {periods['since']}, "
                   "is: lowest}")
        expect = "true"
    path = mini(one_claim(measure, expect, cid="period"))
    located(runner.invoke(app, ["run", str(path)]), "claims.yaml:24: claim 'period':", "is not a finite number",
            "hint: write a number")


def test_a_claims_file_that_is_a_fifo_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "claims.yaml"
    os.mkfifo(fifo)
    start = time.monotonic()
    out = located(runner.invoke(app, ["run", str(fifo)]), "claims.yaml: the claims file is a named pipe (FIFO), not a file")
    assert time.monotonic() - start < 10 and "hint: give the path of the claims file" in out
    located(runner.invoke(app, ["check", str(fifo)]), "is a named pipe (FIFO)")
    located(runner.invoke(app, ["explain", str(fifo), "x"]), "is a named pipe (FIFO)")


@pytest.mark.parametrize("target, kind", [(".", "a folder"), ("/dev/zero", "a device"), ("/dev/null", "a device")])
def test_a_claims_file_that_is_a_directory_or_a_device(tmp_path: Path, target: str, kind: str) -> None:
    path = str(tmp_path) if target == "." else target
    if not os.path.exists(path):
        pytest.skip(f"{path} does not exist here")
    located(runner.invoke(app, ["run", path]), f"the claims file is {kind}, not a file")


def test_a_claims_file_that_is_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "claims.yaml"
    path.write_bytes(b"version: 1\ntables: {}\nclaims:\n  - id: caf\xe9\n")
    located(runner.invoke(app, ["check", str(path)]), "claims.yaml:4: the claims file is not UTF-8 text: byte 0xe9",
            "hint: save it as UTF-8")


def test_a_huge_claims_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "claims.yaml"
    with open(path, "wb") as fh:
        fh.truncate(17 * 1024 * 1024)  # sparse: nothing written to disk
    located(runner.invoke(app, ["check", str(path)]), "bytes; at most 16,777,216 are read")


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs are POSIX")
def test_a_fifo_claims_file_through_a_real_process(tmp_path: Path) -> None:
    import subprocess
    fifo = tmp_path / "claims.yaml"
    os.mkfifo(fifo)
    proc = subprocess.run([sys.executable, "-m", "factcheck", "run", str(fifo)], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 2 and "FIFO" in proc.stdout + proc.stderr


# --------------------------------------------------------------------------- found by an attack, 2026-12-04

def test_a_number_of_thousands_of_digits_in_a_filter(mini) -> None:
    """An internal error before (Python's int() refuses past 4,300 digits)."""
    path = mini(one_claim("{count: cases, where: 'filed_year > " + "9" * 5000 + "'}", "10", cid="long"))
    located(runner.invoke(app, ["run", str(path)]), "claim 'long'", "a number written with 5,000 characters")


def test_an_in_list_of_thousands_of_values_is_refused_at_once(mini) -> None:
    """20,000 years took 48 s to compile and 100,000 text values ran for minutes; past 1,000 values
    a list is refused, and the values under it are checked in linear time."""
    years = ", ".join(str(y) for y in range(20_000))
    path = mini(one_claim("{count: cases, where: 'filed_year in [" + years + "]'}", "10", cid="many"))
    start = time.process_time()
    located(runner.invoke(app, ["run", str(path)]), "claim 'many'", "a list of more than 1,000 values", "lookup:")
    assert time.process_time() - start < 10


def test_each_gap_check_of_an_in_list_holds_its_own_period() -> None:
    """Each gap check held every value of the list, so telling them apart cost the list's length
    each: quadratic in the list (30 s for 100,000 values)."""
    from factcheck.planning.compiler import _coverage
    gaps = [c for c in _coverage("year in …", 'FROM "t"', '"t"."year"', "in", [2019, 2020, 2021]) if c.gap]
    assert [(c.gap, c.lits) for c in gaps] == [("2019", ("2019",)), ("2020", ("2020",)), ("2021", ("2021",))]


@pytest.mark.parametrize("field", ["table", "article"])
@pytest.mark.parametrize("written, why", [
    ("loop1.csv", "it is a loop of symbolic links"),
    ('"x\\0.csv"', "it holds a NUL character"),
    ("x" * 300 + ".csv", "it is longer than the system allows"),
])
def test_a_path_that_cannot_be_followed_is_located(mini, tmp_path: Path, field: str, written: str, why: str) -> None:
    """A loop of links, a NUL or a name past 255 bytes was an internal error (from Path.resolve)."""
    (tmp_path / "loop1.csv").symlink_to(tmp_path / "loop2.csv")
    (tmp_path / "loop2.csv").symlink_to(tmp_path / "loop1.csv")
    tables = MINI_TABLES
    if field == "table":
        tables = tables.replace("path: victims.csv", f"path: {written}")
    else:
        tables = tables.replace("title: Mini story\n", f"title: Mini story\narticle: {written}\n")
    path = mini(one_claim("{count: cases}", "10"), tables=tables)
    out = located(runner.invoke(app, ["run", str(path)]), "cannot be followed: " + why)
    assert ("table 'victims'" if field == "table" else "the article") in out
    assert ("claims.yaml:12:" if field == "table" else "claims.yaml:3:") in out
