"""Work done on another thread while DuckDB keeps the main one waiting.

DuckDB releases the GIL while it reads and queries, so Python work that a run needs anyway
(the data files' SHA-256, the article's figures) can go on meanwhile, started on a thread first
and collected when it is needed. Not for free: DuckDB's Python client takes the GIL back
between a query's tasks, and waits for it while such a thread runs Python (up to the switch
interval each time), so pure-Python work beside DuckDB slows its queries by about as much as
it overlaps them (``benchmarks/gil_beside_duckdb.py``); hashing holds the GIL only between the
megabytes it reads and digests, both done without it. A plain thread, not ``concurrent.futures``: that package and the ``logging`` it imports
cost start-up time every run would pay.

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
from typing import Any, Callable, Generic, TypeVar

T = TypeVar("T")


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
