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


SETTINGS = """
import os, sys
os.environ["TZ"] = "Asia/Tokyo"
from factcheck import warmup
warmup.start(sys.argv[1:])
warmup._warming.join()
from factcheck.backends.duckdb import DuckDB
first, second = DuckDB(), DuckDB()
ask = "SELECT current_setting('TimeZone'), current_setting('threads')"
print(first.one_thread, *first.con.execute(ask).fetchone(), second.one_thread, *second.con.execute(ask).fetchone())
first._threads(False)  # a larger file: its threads back
print(first.one_thread, first.con.execute(ask).fetchone()[1] == second.con.execute(ask).fetchone()[1])
"""


def test_the_warm_connection_comes_in_utc_and_on_one_thread() -> None:
    """The warm-up sets what a run over small files sets first (UTC, one thread) on its own thread:
    stopping DuckDB's worker took the main thread 1-10 ms. The backend knows, and gives a larger
    file its threads back; a backend connecting itself is in UTC with DuckDB's threads."""
    proc = python(SETTINGS, "run", "claims.yaml")
    assert proc.returncode == 0, proc.stderr
    both, after = proc.stdout.splitlines()
    assert both.split()[:3] == ["True", "UTC", "1"]
    assert both.split()[3:5] == ["False", "UTC"]
    assert after == "False True"


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


LAZY_METHODS = """
import dataclasses, sys
from factcheck import warmup
made = []
create = dataclasses._create_fn
def counting(name, *a, **k):
    made.append(name)
    return create(name, *a, **k)
dataclasses._create_fn = counting
with warmup.methods_when_called():
    @dataclasses.dataclass(frozen=True, order=True)
    class Point:
        x: int
        y: int = 0
    @dataclasses.dataclass
    class Box:
        items: list
restored = dataclasses._create_fn is counting
at_once = sorted(made)
p, q = Point(1, 2), Point(1, 2)
try:
    p.x = 5
    frozen = "no"
except dataclasses.FrozenInstanceError:
    frozen = "yes"
print(at_once, repr(p), p == q, p != Point(2), hash(p) == hash(q), p < Point(2), frozen,
      Box([1]) == Box([1]), repr(Box([p])), Point.__eq__.__name__, restored)
print(sorted(set(made) - set(at_once)))
"""


def test_dataclass_methods_are_compiled_when_first_called_and_behave_the_same() -> None:
    """``warmup.methods_when_called``: within it a dataclass gets its ``__init__`` at once and
    every other method when it is first called; each then behaves as Python's own (equality,
    order, hash, repr, a frozen class refusing a write). After the block, classes are made as
    Python makes them."""
    proc = python(LAZY_METHODS)
    assert proc.returncode == 0, proc.stderr
    if sys.version_info[:2] > (3, 12):
        pytest.skip("Python 3.13 compiles a dataclass's methods at once: nothing is deferred")
    first, later = proc.stdout.splitlines()
    at_once, rest = first.split("] ", 1)
    assert at_once == "['__init__', '__init__'"
    assert rest == "Point(x=1, y=2) True True True True yes True Box(items=[Point(x=1, y=2)]) __eq__ True"
    assert later == "['__eq__', '__hash__', '__lt__', '__repr__', '__setattr__']"


@pytest.mark.parametrize("version", [(3, 10, 0), (3, 13, 0)])
def test_on_another_python_nothing_is_deferred(monkeypatch: pytest.MonkeyPatch, version: tuple[int, ...]) -> None:
    """Only Python 3.11 and 3.12 compile each method on its own (3.13 compiles a class's methods at
    once, by other means): on any other version the block leaves ``dataclasses`` as it is."""
    import dataclasses
    create = getattr(dataclasses, "_create_fn", None)
    monkeypatch.setattr(sys, "version_info", version)
    with warmup.methods_when_called():
        assert getattr(dataclasses, "_create_fn", None) is create
    assert getattr(dataclasses, "_create_fn", None) is create


COMMAND_CLASSES = """
import sys
import factcheck.background
def look():
    from factcheck.errors import Problem
    print(Problem.__eq__.__code__.co_name, Problem("a") == Problem("a"), Problem.__init__.__code__.co_name)
    raise SystemExit(0)
factcheck.background.allow_fork = look
sys.argv = ["factcheck", "--version"]
from factcheck.command import main
main()
"""


def test_the_command_makes_its_modules_dataclasses_with_methods_compiled_when_called() -> None:
    """The command's start-up (``factcheck.command.main``) imports the command line within the
    block: a dataclass of factcheck's gets its ``__eq__`` on first call, its ``__init__`` at once."""
    proc = python(COMMAND_CLASSES)
    assert proc.returncode == 0, proc.stderr
    deferred = "first_call" if sys.version_info[:2] <= (3, 12) else "__eq__"
    assert proc.stdout.split() == [deferred, "True", "__init__"]
