"""Work done on another thread while DuckDB keeps the main one waiting.

DuckDB releases the GIL while it reads and queries, so Python work that a run needs anyway
(the data files' SHA-256, the article's figures) can go on meanwhile, started on a thread first
and collected when it is needed. Not for free: DuckDB's Python client takes the GIL back
between a query's tasks, and waits for it while such a thread runs Python (up to the switch
interval each time), so pure-Python work beside DuckDB slows its queries by about as much as
it overlaps them (``benchmarks/gil_beside_duckdb.py``); hashing holds the GIL only between the
megabytes it reads and digests, both done without it. A plain thread, not ``concurrent.futures``: that package and the ``logging`` it imports
cost start-up time every run would pay.
"""

from __future__ import annotations

import threading
from typing import Any, Callable, Generic, TypeVar

T = TypeVar("T")


class Background(Generic[T]):
    """``fn(*args)`` started on a daemon thread; :meth:`result` waits for it and re-raises its error."""

    def __init__(self, fn: Callable[..., T], *args: Any) -> None:
        self._value: T | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(fn, args), daemon=True)
        self._thread.start()

    def _run(self, fn: Callable[..., T], args: tuple[Any, ...]) -> None:
        try:
            self._value = fn(*args)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller of result()
            self._error = exc

    def result(self) -> T:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]
