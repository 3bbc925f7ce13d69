"""benchmarks/run.py measures like against like: on CSV and on Parquet, factcheck, the
hand-written DuckDB script and the floor read the same files, and the two compute the same
figures (issue 13, item 3)."""

from __future__ import annotations

import importlib.util
import inspect
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

import factcheck
from factcheck.render import report_json

ROOT = Path(__file__).resolve().parent.parent


def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "benchmarks" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_factcheck_and_the_hand_written_script_agree_on_the_same_files(tmp_path: Path, fmt: str) -> None:
    run = bench()
    run.generate(tmp_path, 3000, fmt)
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{t}.{fmt}" for t in ("cases", "defendants", "victims")]
    (tmp_path / "bench.yaml").write_text(run.claims_yaml(fmt))
    report = factcheck.verify(tmp_path / "bench.yaml")
    assert len(report.results) == 26 and {t.path for t in report.tables} == {
        f"{t}.{fmt}" for t in ("cases", "defendants", "victims")}
    (tmp_path / "report.json").write_text(report_json(report))
    for name, script in (("handwritten.py", run.HANDWRITTEN), ("floor.py", run.FLOOR)):
        (tmp_path / name).write_text(run.with_setting(script, "FORMAT", fmt))
    hand = subprocess.run([sys.executable, "handwritten.py"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=300, check=True)
    assert run.check_same_figures(json.loads(report_json(report)), json.loads(hand.stdout)) == []
    floor = subprocess.run([sys.executable, "floor.py"], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert floor.returncode == 0, floor.stderr


def test_an_engine_verify_does_not_know_is_refused_before_any_work() -> None:
    run = bench()
    assert run.engine_refusal(None) is None and run.engine_refusal("duckdb") is None
    if "engine" in inspect.signature(factcheck.verify).parameters:  # the Spark engine has landed
        assert run.engine_refusal("spark") is None
    else:
        assert "no engine= parameter" in run.engine_refusal("spark")
        proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--engine", "spark"],
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 1 and "--engine spark" in proc.stderr and "generated" not in proc.stdout


def test_the_gil_script_times_each_case_in_a_process_of_its_own() -> None:
    """benchmarks/gil_beside_duckdb.py runs: one line per case, each with two timings (what they
    show is measured, not asserted: see benchmarks/README.md)."""
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "gil_beside_duckdb.py"), "--rounds", "1",
                           "--switch", "0.005", "0.0002"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert "3 CSV reads" in lines[0] and "20 queries" in lines[0]
    cases = [line.split("  ")[0] for line in lines[1:]]
    assert cases == ["alone", "busy thread, switch 5 ms", "busy thread, switch 0.2 ms"]
    for line in lines[1:]:
        times = [float(word) for word in line.split() if word.replace(".", "", 1).isdigit()]
        assert len(times) >= 2 and all(t > 0 for t in times[-2:]), line


def test_where_time_goes_replays_the_runs_statements_alone() -> None:
    """``--alone N`` replays every statement the run sent, in order, on fresh connections: DuckDB's
    own time for the claims file, the floor no change to factcheck's Python can go under."""
    import re
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "where_time_goes.py"),
                           str(ROOT / "claims" / "2020.yaml"), "--alone", "2", "--top", "1"],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    ran = re.search(r"DuckDB statements: (\d+), (\d+) ms wall", proc.stdout)
    replayed = re.search(r"DuckDB alone \(the (\d+) statements replayed by themselves, 2x, medians\): ([\d.]+) ms",
                         proc.stdout)
    assert ran and replayed, proc.stdout
    assert replayed[1] == ran[1] and float(replayed[2]) > 0
    alone = dict(re.findall(r"^  (read tables \(CREATE\)|claims) +(\d+) stmts +[\d.]+ ms$", proc.stdout, re.M))
    assert alone["read tables (CREATE)"] == "3" and int(alone["claims"]) > 10  # the story's three tables, its queries


def test_the_package_compiled_is_the_one_the_commands_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """run.py byte-compiles factcheck before timing it, since an uncompiled package is compiled again
    at every start (PYTHONDONTWRITEBYTECODE). It compiled this checkout's folder even when the
    commands imported another one (an editable install made from another checkout): the story then
    measured 0.40 s instead of 0.28 s. It now compiles the package the commands import, and says so
    when that is not this checkout's."""
    run = bench()
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    assert run.imported_package().resolve() == (ROOT / "factcheck").resolve()
    assert capsys.readouterr().err == ""

    other = tmp_path / "other"
    (other / "factcheck").mkdir(parents=True)
    (other / "factcheck" / "__init__.py").write_text("")
    monkeypatch.setenv("PYTHONPATH", str(other))
    assert run.imported_package().resolve() == (other / "factcheck").resolve()
    assert f"PYTHONPATH={ROOT}" in capsys.readouterr().err
