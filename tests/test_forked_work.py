"""Work done in a child process (factcheck/background.py: Forked, meanwhile, can_fork).

The ``factcheck`` command finds the article's figures in a forked child, so that the pure-Python
work runs on another core instead of sharing Python's lock with DuckDB's queries. These tests
check that the value always comes back, or is worked out by the parent, whatever the child does;
that no child outlives the run; and that a library's process is never forked. Each fork happens
in a fresh interpreter (a subprocess), never in the test process itself.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import MINI

from factcheck import background
from factcheck.background import Background, Forked, Ready

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the command forks on Linux only")


def python(code: str, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300,
                          cwd=cwd or REPO)


FORK = """
import os, sys, time
from factcheck import background
background.allow_fork()
parent = os.getpid()
"""


def test_the_value_is_worked_out_in_another_process_and_comes_back() -> None:
    proc = python(FORK + """
pending = background.meanwhile(lambda n: (os.getpid(), [n] * 3, {"a": 1.5}), 7)
pid, items, extra = pending.result()
print(type(pending).__name__, pid != parent, items, extra, pending.result()[1])
""")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().split(maxsplit=2) == ["Forked", "True", "[7, 7, 7] {'a': 1.5} [7, 7, 7]"]


def test_an_error_in_the_child_is_the_parents_own_error() -> None:
    """The child gives no answer; the parent does the work itself and raises what it raises."""
    proc = python(FORK + """
def work():
    raise ValueError(f"no figures (pid {'child' if os.getpid() != parent else 'parent'})")
pending = background.meanwhile(work)
try:
    pending.result()
except ValueError as exc:
    print(exc)
""")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "no figures (pid parent)"


@pytest.mark.parametrize("how", ["os._exit(3)", "os.kill(os.getpid(), 9)", "raise KeyboardInterrupt",
                                 "raise SystemExit(0)"])
def test_a_child_that_dies_leaves_the_work_to_the_parent(how: str) -> None:
    proc = python(FORK + f"""
def work():
    if os.getpid() != parent:
        {how}
    return "worked out by the parent"
print(background.meanwhile(work).result())
""")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "worked out by the parent"
    assert "Traceback" not in proc.stderr


def test_an_answer_that_cannot_be_read_is_worked_out_again() -> None:
    """A value pickle cannot send (a lambda) makes the child fail; the parent computes it."""
    proc = python(FORK + """
value = background.meanwhile(lambda: (lambda: "made by " + ("child" if os.getpid() != parent else "parent"))).result()
print(value())
""")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "made by parent"


def test_a_child_that_does_not_answer_in_time_is_stopped_and_the_parent_works() -> None:
    proc = python(FORK + """
from factcheck.background import Forked
def work():
    if os.getpid() != parent:
        time.sleep(120)
    return "parent"
start = time.monotonic()
pending = Forked(work, deadline=0.5)
child = pending._pid
print(pending.result(), time.monotonic() - start < 30)
try:
    os.kill(child, 0)
    print("child still there")
except ProcessLookupError:
    print("child gone")
""")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["parent", "True", "child", "gone"]


def test_cancel_stops_and_reaps_the_child_and_a_later_result_is_worked_out_here() -> None:
    proc = python(FORK + """
def work():
    if os.getpid() != parent:
        time.sleep(120)
    return "here"
pending = background.meanwhile(work)
child = pending._pid
pending.cancel()
pending.cancel()  # twice is harmless
try:
    os.waitpid(child, os.WNOHANG)
    print("not reaped")
except ChildProcessError:
    print("reaped")
print(pending.result())
""")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["reaped", "here"]


def test_a_large_value_comes_through_the_pipe_whole() -> None:
    """More than a pipe's buffer (64 KiB): the child writes while the parent reads."""
    proc = python(FORK + """
value = background.meanwhile(lambda: "x" * 3_000_000 + str(os.getpid() != parent)).result()
print(len(value), value[-4:])
""")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["3000004", "True"]


def test_a_library_process_is_never_forked() -> None:
    """Without the command's allow_fork (a notebook, a server, a test) the work goes to a thread."""
    proc = python("""
from factcheck import background
print(type(background.meanwhile(lambda: 1)).__name__, background.can_fork())
""")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["Background", "False"]


def test_no_fork_while_another_python_thread_runs() -> None:
    proc = python(FORK + """
import threading
stop = threading.Event()
other = threading.Thread(target=stop.wait)
other.start()
print(type(background.meanwhile(lambda: 1)).__name__)
stop.set(); other.join()
print(type(background.meanwhile(lambda: 1)).__name__)
""")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["Background", "Forked"]


def test_can_fork_only_on_linux_and_not_under_a_tracer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(background, "_fork_allowed", True)
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.setattr(sys, "gettrace", lambda: None)
    monkeypatch.setattr(sys, "getprofile", lambda: None)
    assert background.can_fork()
    monkeypatch.setattr(sys, "platform", "darwin")
    assert not background.can_fork()
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(sys, "gettrace", lambda: (lambda *a: None))
    assert not background.can_fork()


def test_the_test_process_itself_is_not_allowed_to_fork() -> None:
    """In-process runs (typer's test runner, the library) keep the thread."""
    assert not background.can_fork()
    assert isinstance(background.meanwhile(lambda: 1), Background)


def test_ready_and_background_have_the_same_face_as_forked() -> None:
    ready, thread = Ready(5), Background(lambda: 6)
    ready.cancel()
    thread.cancel()
    assert (ready.result(), thread.result()) == (5, 6)
    assert {"result", "cancel"} <= set(dir(Forked))


SPY = """
import os, sys
print("command", os.getpid(), file=sys.stderr, flush=True)
import factcheck.draft.review as review
found = review.article_coverage
def spy(loaded):
    print("figures", os.getpid(), file=sys.stderr, flush=True)
    return found(loaded)
review.article_coverage = spy
sys.argv = ["factcheck", *sys.argv[1:]]
from factcheck.command import main
main()
"""


def _pids(stderr: str) -> dict[str, str]:
    return dict(line.split()[:2] for line in stderr.splitlines() if line.startswith(("command ", "figures ")))


def test_the_command_finds_the_articles_figures_in_a_child_and_reports_the_same(tmp_path: Path) -> None:
    forked = python(SPY, "run", "claims/2020.yaml", "--json", str(tmp_path / "forked.json"))
    assert forked.returncode == 1, forked.stderr  # the story has two failing claims, on purpose
    pids = _pids(forked.stderr)
    assert pids["figures"] != pids["command"]
    from factcheck import verify
    alone = json.loads(verify(REPO / "claims" / "2020.yaml").model_dump_json())
    child = json.loads((tmp_path / "forked.json").read_text())
    assert child["coverage"] == alone["coverage"] and len(child["coverage"]["figures"]) > 40
    assert child["results"] == json.loads(json.dumps(alone["results"]))


def test_a_claims_file_without_an_article_forks_nothing() -> None:
    proc = python(SPY, "run", str(MINI / "claims.yaml"))
    assert proc.returncode == 0, proc.stderr
    assert "figures" not in _pids(proc.stderr)


def test_an_unreadable_article_is_the_same_located_error_from_the_command(tmp_path: Path) -> None:
    """The child fails reading it; the parent reads it again and reports it: exit 2, no traceback."""
    shutil.copytree(REPO / "data", tmp_path / "data")
    shutil.copytree(REPO / "claims", tmp_path / "claims")
    (tmp_path / ".git").mkdir()
    (tmp_path / "claims" / "2020-article.md").write_bytes(b"\xff\xfe not utf-8 \x80")
    proc = python(SPY, "run", "claims/2020.yaml", cwd=tmp_path)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "the article '2020-article.md' cannot be read: it is not UTF-8 text" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""
