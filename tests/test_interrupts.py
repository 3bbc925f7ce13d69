"""Ctrl-C ends a command with status 130 and 'interrupted', never as a claims-file error, and writes no report."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import MINI
from typer.testing import CliRunner

from factcheck import engine
from factcheck.backends.duckdb import DuckDB
from factcheck.cli import app
from factcheck.interrupts import is_interrupt
from factcheck.planning.execute import Executor

CLAIMS = MINI / "claims.yaml"


def _no_reports(folder: Path) -> None:
    assert sorted(p.name for p in folder.iterdir()) == [], "a report or a temporary file was left"


@pytest.mark.parametrize("raised", [KeyboardInterrupt(), RuntimeError("Query interrupted")],
                         ids=["python", "duckdb"])
@pytest.mark.parametrize("where", [(Executor, "evaluate"), (Executor, "covered"), (DuckDB, "read_table")],
                         ids=["evaluate", "periods", "read"])
def test_an_interrupt_while_judging_or_reading_exits_130(tmp_path: Path, monkeypatch, raised: BaseException,
                                                         where: tuple[type, str]) -> None:
    def interrupted(self, *args):  # type: ignore[no-untyped-def]
        raise raised
    monkeypatch.setattr(*where, interrupted)
    out = tmp_path / "out"
    out.mkdir()
    result = CliRunner().invoke(app, ["run", str(CLAIMS), "--json", str(out / "r.json"), "--html",
                                      str(out / "r.html")])
    assert result.exit_code == 130, result.output
    assert result.output.strip() == "interrupted"
    _no_reports(out)


def test_an_interrupt_in_explain_and_check_exits_130(tmp_path: Path, monkeypatch) -> None:
    def interrupted(self, *args):  # type: ignore[no-untyped-def]
        raise RuntimeError("Query interrupted")
    monkeypatch.setattr(engine.Session, "materialize", interrupted)
    for args in (["explain", str(CLAIMS), "cases-2020", "--rows", str(tmp_path / "rows.csv")],
                 ["check", str(CLAIMS)]):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 130 and result.output.strip() == "interrupted", result.output
    _no_reports(tmp_path)


def test_what_counts_as_an_interrupt() -> None:
    assert is_interrupt(KeyboardInterrupt()) and is_interrupt(RuntimeError("Query interrupted"))
    assert not is_interrupt(RuntimeError("Binder Error: Query interrupted nothing"))
    assert not is_interrupt(ValueError("Query interrupted"))


# A real Ctrl-C, delivered while DuckDB runs a long query inside the claims' judging.
SLOW_RUN = textwrap.dedent("""
    import signal, sys
    signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a terminal, whatever the parent ignores
    from factcheck.planning.execute import Executor

    def slow(self, node):
        # one thread: DuckDB then looks for a signal between every two pieces of work (with several,
        # when it looks depends on the query and the machine's load)
        self.backend.execute("SET threads = 1")
        print("judging", file=sys.stderr, flush=True)
        self.backend.execute("SELECT count(DISTINCT x % 1000003) FROM range(100000000000) t(x)")
        raise SystemExit("the query was not interrupted")

    Executor.evaluate = slow
    from factcheck.cli import main
    sys.argv = ["factcheck", "run", *sys.argv[1:]]
    main()
""")


def test_ctrl_c_during_a_duckdb_query_exits_130_with_no_report(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    proc = subprocess.Popen([sys.executable, "-c", SLOW_RUN, str(CLAIMS), "--json", str(out / "r.json"),
                             "--markdown", str(out / "r.md")], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    try:
        assert proc.stderr is not None
        assert proc.stderr.readline().strip() == "judging"
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode == 130, stderr
    assert stderr.strip() == "interrupted" and "Traceback" not in stderr
    _no_reports(out)


INTERRUPTED_WHILE_LOADING = """
import os, signal, sys
signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a terminal, whatever the parent ignores

class CtrlC:
    def find_spec(self, name, path=None, target=None):
        if name == "factcheck.cli":
            {how}
        return None

sys.meta_path.insert(0, CtrlC())
sys.argv = ["factcheck", "run", "claims.yaml"]
from factcheck.command import main
main()
"""


@pytest.mark.parametrize("how", ["os.kill(os.getpid(), signal.SIGINT)", "raise KeyboardInterrupt"])
def test_ctrl_c_while_the_command_line_loads_exits_130_without_a_traceback(how: str) -> None:
    """Loading typer, pydantic and the claims models is half of a short run. Ctrl-C landing in an
    import there came out as a traceback, a pydantic_core PanicException or "a bug in factcheck",
    or left the import lock held and the warm-up waiting for ever: now the process says
    ``interrupted`` and ends at once (a real SIGINT through the start-up's handler; a
    KeyboardInterrupt raised some other way through the command's own catch)."""
    proc = subprocess.run([sys.executable, "-c", INTERRUPTED_WHILE_LOADING.format(how=how)], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 130, proc.stderr
    assert proc.stderr == "interrupted\n"
    assert proc.stdout == ""


def test_the_command_body_gets_ctrl_c_as_an_exception_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """From the guard on, outputs are open: Ctrl-C must raise, so that they are removed (not end the
    process with their temporary files left behind)."""
    import factcheck.interrupts as interrupts
    from factcheck.cli import _Guard

    monkeypatch.setattr(sys, "gettrace", lambda: None)
    monkeypatch.setattr(sys, "getprofile", lambda: None)
    monkeypatch.delenv("COVERAGE_PROCESS_START", raising=False)
    before = signal.getsignal(signal.SIGINT)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        interrupts.leave_at_once_on_ctrl_c()
        assert signal.getsignal(signal.SIGINT) is interrupts._leave
        with _Guard(False, None):  # type: ignore[arg-type]
            assert signal.getsignal(signal.SIGINT) is interrupts._remember
    finally:
        signal.signal(signal.SIGINT, before)


@pytest.mark.parametrize("case", ["ignored", "traced", "coverage"])
def test_the_start_up_handler_is_not_put_where_it_does_not_belong(monkeypatch: pytest.MonkeyPatch,
                                                                 case: str) -> None:
    import factcheck.interrupts as interrupts

    before = signal.getsignal(signal.SIGINT)
    monkeypatch.setattr(sys, "gettrace", (lambda: (lambda *a: None)) if case == "traced" else (lambda: None))
    monkeypatch.setattr(sys, "getprofile", lambda: None)
    if case == "coverage":
        monkeypatch.setenv("COVERAGE_PROCESS_START", "setup.cfg")
    else:
        monkeypatch.delenv("COVERAGE_PROCESS_START", raising=False)
    expected = signal.SIG_IGN if case == "ignored" else signal.default_int_handler
    signal.signal(signal.SIGINT, expected)
    try:
        interrupts.leave_at_once_on_ctrl_c()
        assert signal.getsignal(signal.SIGINT) is expected
    finally:
        signal.signal(signal.SIGINT, before)


SWALLOWED = """
import os, signal, sys
signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a terminal, whatever the parent ignores
import factcheck.engine as engine
from factcheck.errors import ClaimsFileError, Problem
load = engine.load

def load_interrupted(path):
    try:
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C while the claims file is validated
        return load(path)
    except KeyboardInterrupt:  # what pydantic-core does with it: another error
        raise ClaimsFileError([Problem("a claim id may hold letters, digits", file=str(path))]) from None

engine.load = load_interrupted
sys.argv = ["factcheck", "run", *sys.argv[1:]]
from factcheck.command import main
main()
"""


def test_ctrl_c_that_a_library_turns_into_another_error_is_still_an_interrupt(tmp_path: Path) -> None:
    """pydantic-core validating the claims file turns a KeyboardInterrupt into a validation error:
    the command must say ``interrupted`` (130), not report a claims file error that is not there."""
    out = tmp_path / "out"
    out.mkdir()
    proc = subprocess.run([sys.executable, "-c", SWALLOWED, str(CLAIMS), "--json", str(out / "r.json")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 130, proc.stderr
    assert proc.stderr.strip() == "interrupted" and "claim id" not in proc.stderr
    _no_reports(out)
