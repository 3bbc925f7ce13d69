"""Work done on another thread, or in a child process, while DuckDB keeps the main one waiting.

DuckDB releases the GIL while it reads and queries, so Python work that a run needs anyway
(the data files' SHA-256, the article's figures) can go on meanwhile, started on a thread first
and collected when it is needed. Not for free: DuckDB's Python client takes the GIL back
between a query's tasks, and waits for it while such a thread runs Python (up to the switch
interval each time), so pure-Python work beside DuckDB slows its queries by about as much as
it overlaps them (``benchmarks/gil_beside_duckdb.py``); hashing holds the GIL only between the
megabytes it reads and digests, both done without it. A plain thread, not ``concurrent.futures``: that package and the ``logging`` it imports
cost start-up time every run would pay.

The ``factcheck`` command goes one better for pure-Python work (the article's figures): it forks
(:class:`Forked`, chosen by :func:`meanwhile`), so a child process works it out on the second core,
with a lock of its own, and sends the value back through a pipe. Only where it is safe and pays:
on Linux, in the command's own process (never under a library's caller), with no other Python
thread running. Whatever goes wrong in the child, the parent does the work itself, so the value
or the error is always the one it would have got alone.

Work that is only needed at the very end can also give way (``idle=True``): its thread asks the
operating system for the lowest priority, so it runs on a core DuckDB leaves idle (a query
that keeps one thread busy, the Python between queries) rather than taking one from DuckDB's
threads. Where the system cannot lower one thread's priority (only Linux can: its niceness
is per thread), the thread runs as an ordinary one. Only for work that holds the GIL briefly
(hashing): a thread of low priority that holds it while the system runs others would keep the
main thread waiting.
"""

from __future__ import annotations

import os
import sys
import threading
from contextlib import suppress
from typing import Any, Callable, Generic, NoReturn, Protocol, TypeVar

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


class Pending(Protocol[T_co]):
    """Work started earlier: :meth:`result` waits for its value (or raises its error);
    :meth:`cancel` says the value will not be asked for."""

    def result(self) -> T_co: ...

    def cancel(self) -> None: ...


class Ready(Generic[T]):
    """A value there was no work to start for."""

    def __init__(self, value: T) -> None:
        self._value = value

    def result(self) -> T:
        return self._value

    def cancel(self) -> None:
        pass


class Background(Generic[T]):
    """``fn(*args)`` started on a daemon thread; :meth:`result` waits for it and re-raises its error.
    ``idle``: the thread runs at the lowest priority the system gives one thread (see above)."""

    def __init__(self, fn: Callable[..., T], *args: Any, idle: bool = False) -> None:
        self._value: T | None = None
        self._error: BaseException | None = None
        self._idle = idle
        self._thread = threading.Thread(target=self._run, args=(fn, args), daemon=True)
        self._thread.start()

    def _run(self, fn: Callable[..., T], args: tuple[Any, ...]) -> None:
        if self._idle:
            give_way()
        try:
            self._value = fn(*args)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller of result()
            self._error = exc

    def result(self) -> T:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]

    def cancel(self) -> None:
        """Nothing to stop: the thread ends with its work, or with the process (it is a daemon)."""


IDLE_NICENESS = 19
"""The lowest priority of a thread on Linux (an ordinary one has 0)."""


def give_way() -> bool:
    """Lower the calling thread's priority to :data:`IDLE_NICENESS`, on Linux (where niceness is
    a thread's own, so the rest of the process keeps its priority). Anything that stops it (another
    system, a container that forbids it) leaves the thread as it was. Whether it was lowered."""
    if not sys.platform.startswith("linux"):
        return False
    with suppress(OSError, AttributeError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), IDLE_NICENESS)
        return True
    return False


# ----------------------------------------------------------------------------- a child process

_exit = os._exit  # the child leaves through this, taken now: nothing patched later can keep it alive
_fork_allowed = False


def allow_fork() -> None:
    """Let :func:`meanwhile` fork this process. Only the ``factcheck`` command calls it
    (:func:`factcheck.command.main`): a program that imports factcheck as a library keeps its
    process to itself, and its threads (a notebook's, a server's) are never forked under it."""
    global _fork_allowed
    _fork_allowed = True


def can_fork() -> bool:
    """Whether :func:`meanwhile` forks here: the command allowed it, on Linux, with no other
    thread of Python's in the process and no tracer or profiler watching it."""
    return (_fork_allowed and sys.platform.startswith("linux") and hasattr(os, "fork")
            and threading.active_count() == 1 and sys.gettrace() is None and sys.getprofile() is None)


CHILD_DEADLINE = 60.0
"""Seconds :meth:`Forked.result` waits for the child's answer before doing the work itself."""


class Forked(Generic[T]):
    """``fn(*args)`` worked out in a child process, a copy of this one (``os.fork``), which sends
    the value back pickled through a pipe. :meth:`result` reads it; if the child fails in any way
    (an error, a signal, an answer that cannot be read, no answer within ``deadline`` seconds),
    ``fn(*args)`` is called again here, so the value, or the error, is always the one this
    process would have got by itself."""

    def __init__(self, fn: Callable[..., T], *args: Any, deadline: float = CHILD_DEADLINE) -> None:
        import warnings
        self._fn, self._args, self._deadline = fn, args, deadline
        self._done = False
        self._value: T | None = None
        read, write = os.pipe()
        with warnings.catch_warnings():  # 3.12+: DuckDB's own threads make the process multi-threaded
            warnings.simplefilter("ignore", DeprecationWarning)
            pid = os.fork()
        if pid == 0:
            os.close(read)
            _child(write, fn, args)
        os.close(write)
        self._pid: int | None = pid
        self._read = read

    def result(self) -> T:
        if not self._done:
            answer = self._answer()
            self._value = answer[0] if answer is not None else self._fn(*self._args)
            self._done = True
        return self._value  # type: ignore[return-value]

    def cancel(self) -> None:
        """Stop the child if it still runs: the caller is not going to ask for the value."""
        self._stop(kill=True)

    def _answer(self) -> tuple[T] | None:
        """The child's value (in a 1-tuple), or None when it gave none."""
        if self._pid is None:
            return None
        data = None
        try:
            data = self._read_all()
        except OSError:
            pass
        finally:  # a child that answered has closed the pipe by leaving: it is only waited for
            status = self._stop(kill=data is None)
        if data is None or status != 0:
            return None
        import pickle
        try:
            return (pickle.loads(data),)
        except Exception:  # noqa: BLE001 - a torn answer: the work is done here instead
            return None

    def _read_all(self) -> bytes | None:
        """Everything the child writes, up to its end of the pipe closing; None after the deadline."""
        import select
        import time
        chunks: list[bytes] = []
        end = time.monotonic() + self._deadline
        while True:
            ready, _, _ = select.select([self._read], [], [], max(0.0, end - time.monotonic()))
            if not ready:
                return None
            chunk = os.read(self._read, 1 << 16)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)

    def _stop(self, *, kill: bool) -> int | None:
        """Reap the child (killed first if ``kill``) and close the pipe; its exit status."""
        pid, self._pid = self._pid, None
        if pid is None:
            return None
        os.close(self._read)
        if kill:
            import signal
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        try:
            return os.waitpid(pid, 0)[1]
        except ChildProcessError:
            return None


def _child(write: int, fn: Callable[..., Any], args: tuple[Any, ...]) -> NoReturn:
    """In the child: work, send the value pickled, and leave at once (no cleanup, no flush: the
    parent's open files, buffers and DuckDB's database are the parent's)."""
    code = 1
    try:
        import gc
        import pickle
        gc.disable()  # collecting here could finalise the parent's objects (DuckDB's among them)
        data = pickle.dumps(fn(*args), protocol=pickle.HIGHEST_PROTOCOL)
        view = memoryview(data)
        while view:
            view = view[os.write(write, view):]
        code = 0
    except BaseException:  # noqa: BLE001, S110 - Ctrl-C, an error: the parent does the work itself
        pass
    finally:
        _exit(code)


def meanwhile(fn: Callable[..., T], *args: Any) -> Background[T] | Forked[T]:
    """Pure-Python work a run needs later, started now: in a child process where
    :func:`can_fork`, so that it runs on another core beside this process's Python (a thread
    would share Python's lock with it, and slow DuckDB's queries by as much as it overlaps
    them); on a thread otherwise."""
    return Forked(fn, *args) if can_fork() else Background(fn, *args)
