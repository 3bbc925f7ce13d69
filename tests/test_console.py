"""The console script (``factcheck`` and ``python -m factcheck``): the same exit statuses and
output as the command run in process, and a process that ends as soon as its output is out."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINI

from factcheck import cli

STORY = Path(__file__).resolve().parents[1] / "claims" / "2020.yaml"


def console(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "factcheck", *args], capture_output=True, text=True,
                          timeout=300, cwd=cwd)


def test_every_line_and_file_is_out_before_the_process_ends(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    proc = console("run", str(STORY), "--json", str(report), "--markdown", str(tmp_path / "r.md"))
    assert proc.returncode == 1, proc.stderr  # the story has two claims that fail
    assert proc.stdout.rstrip().endswith("46 claims: 42 passed, 2 failed, 2 unverifiable — " + str(STORY))
    assert len(json.loads(report.read_text())["results"]) == 46
    assert "46 claims: 42 passed, 2 failed, 2 unverifiable" in (tmp_path / "r.md").read_text()


@pytest.mark.parametrize(("args", "code"), [
    (("run", str(MINI / "claims.yaml")), 0),
    (("run", str(MINI / "claims.yaml"), "--strict"), 1),
    (("run", "no-such-file.yaml"), 2),
    (("run",), 2),
    (("--version",), 0),
])
def test_the_exit_status_is_the_commands(args: tuple[str, ...], code: int, tmp_path: Path) -> None:
    proc = console(*args, cwd=tmp_path if "no-such-file.yaml" in args else None)
    assert proc.returncode == code, proc.stderr
    assert "Traceback" not in proc.stderr
    if code == 2:
        assert proc.stderr.strip()


def test_console_flushes_then_leaves_without_tearing_the_interpreter_down(monkeypatch: pytest.MonkeyPatch,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    left: list[int] = []

    class Left(Exception):
        pass

    def leave(code: int) -> None:
        left.append(code)
        raise Left

    monkeypatch.setattr("os._exit", leave)
    monkeypatch.setattr(sys, "gettrace", lambda: None)  # as in a plain process, even under a coverage tracer
    monkeypatch.delenv("COVERAGE_PROCESS_START", raising=False)
    monkeypatch.setattr(sys, "argv", ["factcheck", "run", str(MINI / "claims.yaml"), "--strict"])
    with pytest.raises(Left):
        cli.console()
    assert left == [1]
    assert "8 claims: 7 passed, 0 failed, 1 unverifiable" in capsys.readouterr().out


def test_under_a_coverage_measurement_the_exit_is_the_ordinary_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("os._exit", lambda code: pytest.fail("os._exit under coverage"))
    monkeypatch.setenv("COVERAGE_PROCESS_START", "setup.cfg")
    monkeypatch.setattr(sys, "argv", ["factcheck", "run", str(MINI / "claims.yaml")])
    with pytest.raises(SystemExit) as exc:
        cli.console()
    assert exc.value.code == 0


def test_under_a_profiler_the_exit_is_the_ordinary_one_so_it_can_write_its_profile(tmp_path: Path) -> None:
    """cProfile, pyinstrument and the like hook ``sys.setprofile`` and write what they measured as
    the process ends: ``os._exit`` would leave them with nothing (an empty profile)."""
    out = tmp_path / "run.prof"
    proc = subprocess.run([sys.executable, "-m", "cProfile", "-o", str(out), "-m", "factcheck", "run",
                           str(MINI / "claims.yaml")], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    import pstats
    assert any("verify" in name for _, _, name in pstats.Stats(str(out)).stats)  # type: ignore[attr-defined]


FULL_APP = "import sys; sys.argv[0] = 'factcheck'; from factcheck.cli import app; app()"
LEAN_APP = "import sys; sys.argv[0] = 'factcheck'; from factcheck.cli import main; main()"


@pytest.mark.parametrize("args", [
    ["run", "--help"], ["explain", "--help"], ["check", "--help"], ["suggest", "--help"], ["init", "--help"],
    ["diff", "--help"], ["--help"], [], ["rnu", "x.yaml"], ["run"], ["run", "--nope", "x.yaml"],
    ["run", "x.yaml", "--engine"], ["explain", "only-a-file.yaml"], ["--version"],
])
def test_a_command_alone_says_what_the_whole_app_says(args: list[str], tmp_path: Path) -> None:
    """The app built with only the command named (a quicker start) has the same help, usage,
    errors and exit status as the app with every command."""
    env = {**__import__("os").environ, "COLUMNS": "100", "TERM": "dumb"}
    got = [subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=tmp_path,
                          env=env, timeout=120) for code in (LEAN_APP, FULL_APP)]
    assert (got[0].returncode, got[0].stdout, got[0].stderr) == (got[1].returncode, got[1].stdout, got[1].stderr)
