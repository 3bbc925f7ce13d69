"""The command's warm-up (factcheck/warmup.py, factcheck/command.py): DuckDB connects on a thread
while the command line loads, pydantic looks for no plugins, and ``import factcheck`` alone
loads nothing heavy. Each is checked in a fresh interpreter, where the state it changes starts
clean."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import MINI

import factcheck
from factcheck import warmup


def python(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300)


def test_import_factcheck_alone_loads_none_of_the_heavy_modules() -> None:
    proc = python("import sys, factcheck; print(sorted({m.split('.')[0] for m in sys.modules} & "
                  "{'pydantic', 'typer', 'yaml', 'duckdb', '_duckdb', 'rich', 'pandas'}))")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_every_exported_name_is_there_when_used() -> None:
    for name in factcheck.__all__:
        assert getattr(factcheck, name) is not None
    assert factcheck.verify is factcheck.api.verify
    assert sorted(dir(factcheck)) == sorted(factcheck.__all__)
    with pytest.raises(AttributeError, match="no attribute 'verfy'"):
        factcheck.verfy  # noqa: B018


FIRST_BACKEND = """
import sys
from factcheck import warmup
warmup.start(sys.argv[1:])
thread = warmup._warming
thread.join()
warm = warmup._connection[0]
from factcheck.backends.duckdb import DuckDB
first, second = DuckDB(), DuckDB()
print(thread.name, first.con is warm, second.con is not warm, warmup.take_connection() is None,
      first.con.execute("SELECT 41 + 1").fetchall()[0][0])
"""


def test_the_first_backend_takes_the_connection_opened_meanwhile_and_later_ones_connect() -> None:
    proc = python(FIRST_BACKEND, "run", "claims.yaml")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["factcheck-duckdb-connect", "True", "True", "True", "42"]


@pytest.mark.parametrize(("args", "connects"), [
    (["run", "claims.yaml"], True),
    (["check", "claims.yaml"], True),
    (["run", "claims.yaml", "--engine", "duckdb"], True),
    (["run", "claims.yaml", "--engine", "spark"], False),
    (["run", "claims.yaml", "--engine=spark"], False),
    (["explain", "claims.yaml", "some-claim"], True),
    (["suggest", "claims.yaml"], True),
    (["init", "draft.md", "data.csv"], True),
    (["diff", "old.json", "new.json"], False),
    (["rn", "claims.yaml"], False),
    (["run", "--help"], False),
    (["--version"], False),
    ([], False),
])
def test_which_command_lines_connect_early(args: list[str], connects: bool) -> None:
    assert warmup._uses_duckdb(args) is connects


NO_PLUGINS = """
import sys
from factcheck import warmup
if sys.argv[1] == "warm":
    warmup.start(["--version"])
import pydantic
pydantic.TypeAdapter(int).validate_python("3")
print("importlib.metadata" in sys.modules)
"""


def test_pydantic_is_not_sent_looking_for_plugins() -> None:
    """pydantic's plugin finder imports importlib.metadata (and email): 25-45 ms of every run."""
    warm, cold = python(NO_PLUGINS, "warm"), python(NO_PLUGINS, "cold")
    assert warm.returncode == cold.returncode == 0, warm.stderr + cold.stderr
    assert (warm.stdout.strip(), cold.stdout.strip()) == ("False", "True")


FINISH = """
import sys
from factcheck import warmup
warmup.start(["run", "claims.yaml"])
thread = warmup._warming
warmup.finish()
print(thread.is_alive(), warmup.take_connection() is not None)
"""


def test_finish_waits_for_the_connection_being_opened() -> None:
    """The command calls finish() before an ordinary exit (under a profiler, say): an interpreter
    shutting down while DuckDB's module is still starting on the thread aborts with a C++
    ``terminate`` instead of exiting (seen when a process ended ~30 ms after the start)."""
    proc = python(FINISH)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["False", "True"]


def test_the_command_judges_the_same_with_the_warm_connection() -> None:
    proc = subprocess.run([sys.executable, "-m", "factcheck", "run", str(MINI / "claims.yaml")],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "8 claims: 7 passed, 0 failed, 1 unverifiable" in proc.stdout


def test_a_library_process_gets_no_warm_connection() -> None:
    proc = python("from factcheck import warmup; print(warmup.take_connection())")
    assert proc.stdout.strip() == "None"


COLLECTOR = """
import gc, sys, types
cli = types.ModuleType("factcheck.cli")  # the command's start-up without the command line itself
cli.console = lambda: print(gc.isenabled(), gc.get_freeze_count() > 10_000,
                            gc.get_stats()[0]["collections"] - before)
sys.modules["factcheck.cli"] = cli
from factcheck.command import main
before = gc.get_stats()[0]["collections"]
main()
"""


def test_the_command_freezes_what_start_up_loaded_and_collects_the_rest() -> None:
    """No collection runs while the command loads its modules (pydantic's alone creates
    thousands of objects); they are moved out of the collector's sight before the run starts, and
    the collector is on again for the run's own garbage (factcheck/command.py)."""
    proc = python(COLLECTOR)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["True", "True", "0"]


def test_the_collector_is_on_again_when_start_up_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    import factcheck.warmup
    from factcheck import command

    def broken(args: list[str]) -> None:
        raise RuntimeError("start-up failed")

    monkeypatch.setattr(factcheck.warmup, "start", broken)
    gc.enable()
    with pytest.raises(RuntimeError, match="start-up failed"):
        command.main()
    assert gc.isenabled()


def test_a_warm_up_that_never_ends_is_left_behind(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C landing in an import can leave Python's import lock held, and the warm-up's
    ``import _duckdb`` then waits for ever: the run must not wait with it."""
    import threading
    import time

    stuck = threading.Event()
    thread = threading.Thread(target=stuck.wait, daemon=True)
    thread.start()
    monkeypatch.setattr(warmup, "_warming", thread)
    monkeypatch.setattr(warmup, "WAIT", 0.2)
    start = time.monotonic()
    warmup.finish()
    assert warmup.take_connection() is None
    assert time.monotonic() - start < 5
    assert warmup._warming is None and thread.is_alive()
    stuck.set()
