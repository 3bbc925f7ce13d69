"""What the ``factcheck`` command does first, so that a run starts sooner.

Only the command (:mod:`factcheck.command`, then :func:`factcheck.cli.console`) calls :func:`start`: a program that
imports factcheck as a library keeps its process as it was.

- **DuckDB's connection, made on a thread.** Opening a DuckDB database registers its whole
  catalogue of functions: 35-50 ms on this project's machine, spent in DuckDB's own code with
  Python's lock released. Started on a thread before the command line is parsed, it is done
  while the main thread imports the claims models and typer; the first :class:`DuckDB` backend
  of the process takes it (:func:`take_connection`), any later one connects as before.
- **No pydantic plugins.** pydantic looks for plugins (packages that watch every validation,
  declared by entry points) the first time it builds a validator, and for that imports
  ``importlib.metadata``, which imports the ``email`` package: 25-45 ms, about a twentieth
  of the story's run, to find none. The command has no use for them, so the finder is
  replaced, for this process only, by one that finds none. Where pydantic keeps its finder
  elsewhere (another version), nothing is replaced and nothing else changes.
- **Dataclass methods made when first called** (:func:`methods_when_called`). Python 3.11 and
  3.12 compile each method a dataclass gets (``__repr__``, ``__eq__``, ``__hash__``, a frozen
  class's ``__setattr__`` and ``__delattr__``) separately, as the class is made: ~60 µs each, 516
  of them for the ~110 dataclasses the command line's modules (factcheck's, pydantic's, typer's)
  make, ~30 ms of every run, for methods a run mostly never calls. While the command imports
  them, each method but ``__init__`` is compiled the first time it is called instead: the same
  code, so the same behaviour, ~20 ms sooner. Python 3.13 compiles a class's methods at once and
  has no such step: there, and wherever ``dataclasses`` is not as expected, nothing changes.
"""

from __future__ import annotations

import sys
import threading
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

_warming: threading.Thread | None = None  # the thread opening the connection, until it is taken
_connection: list[Any] = []  # the warm connection, until a backend takes it
_LOADER = "pydantic.plugin._loader"


def start(args: list[str]) -> None:
    """Begin the warm-up for a command line (``args`` without the program name)."""
    global _warming
    if _uses_duckdb(args) and _warming is None:
        _warming = threading.Thread(target=_connect, name="factcheck-duckdb-connect", daemon=True)
        _warming.start()
    _no_pydantic_plugins()


WAIT = 10.0
"""Seconds to wait for the warm-up's thread (it takes 35-50 ms). It can hang: Ctrl-C landing in an
import on the main thread can leave Python's import lock held, and the thread's ``import _duckdb``
then waits for ever. After this long the thread is left behind: the backend connects itself."""


def take_connection() -> Any | None:
    """The connection :func:`start` opened, once (``None`` when there is none, or it did not come
    within :data:`WAIT` seconds)."""
    global _warming
    if _warming is None:
        return None
    _warming.join(WAIT)
    _warming = None
    return _connection.pop() if _connection else None


def finish() -> None:
    """Wait for the connection :func:`start` is opening, if any (at most :data:`WAIT` seconds).
    Before Python's ordinary exit: a process that shuts the interpreter down while DuckDB's module
    is still starting on the thread aborts instead of exiting (its C++ start-up throws)."""
    if _warming is not None:
        _warming.join(WAIT)


_ON_DUCKDB = ("run", "check", "explain", "suggest", "init")  # `diff` reads two JSON reports


def _uses_duckdb(args: list[str]) -> bool:
    """A command that will connect to DuckDB: not ``diff``, the help, the version, or Spark."""
    if not args or args[0] not in _ON_DUCKDB or "--help" in args or "-h" in args:
        return False
    return not any(a == "--engine=spark" or (a == "spark" and i and args[i - 1] == "--engine")
                   for i, a in enumerate(args))


def _connect() -> None:
    try:
        from .backends.duckdb_core import warm
        _connection.append(warm())
    except Exception:  # noqa: BLE001 - the backend connects again and reports what is wrong
        pass


def _no_pydantic_plugins() -> None:
    """Put a plugin finder that finds none where pydantic imports its own from, unless pydantic
    has loaded its own already or keeps it under another name."""
    if _LOADER in sys.modules:
        return
    try:
        import pydantic.plugin
    except ImportError:
        return
    from importlib.util import find_spec
    if find_spec(_LOADER) is None:
        return
    finder = types.ModuleType(_LOADER, "pydantic's plugin finder, replaced by factcheck's command: no plugins")
    finder.get_plugins = lambda: ()  # type: ignore[attr-defined]
    sys.modules[_LOADER] = finder
    pydantic.plugin._loader = finder  # type: ignore[attr-defined]


@contextmanager
def methods_when_called() -> Iterator[None]:
    """Within the block, each dataclass method but ``__init__`` is compiled when first called (see
    the module's notes). Only the command uses it, around its imports; classes made after the
    block, or by a program importing factcheck as a library, are made as Python makes them."""
    import dataclasses
    create: Callable[..., Any] | None = getattr(dataclasses, "_create_fn", None)
    if create is None or not (3, 11) <= sys.version_info[:2] <= (3, 12):
        yield
        return
    made: Callable[..., Callable[..., Any]] = create

    def when_called(name: str, args: Any, body: Any, **kw: Any) -> Callable[..., Any]:
        if name == "__init__":  # every class is made: compiling it later would only add a call
            return made(name, args, body, **kw)
        method: Callable[..., Any] | None = None

        def first_call(*a: Any, **k: Any) -> Any:
            nonlocal method
            if method is None:
                method = made(name, args, body, **kw)
            return method(*a, **k)
        first_call.__name__ = name
        return first_call

    dataclasses._create_fn = when_called  # type: ignore[attr-defined]
    try:
        yield
    finally:
        dataclasses._create_fn = create  # type: ignore[attr-defined]
