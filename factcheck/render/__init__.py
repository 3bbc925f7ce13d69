"""Writers that turn a :class:`~factcheck.report.Report` into something to read.

``write(report, fmt, target)`` writes one format to a path, or to stdout for ``-``.
Each format lives in its own module and is imported only when asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..report import Report


def _json(report: Report) -> str:
    return report.to_json()


def _load(module: str) -> Callable[[Report], str]:
    from importlib import import_module
    return import_module(f"{__name__}.{module}").render  # type: ignore[no-any-return]


FORMATS: dict[str, Callable[[], Callable[[Report], str]]] = {
    "json": lambda: _json,
    "junit": lambda: _load("junit"),
    "markdown": lambda: _load("markdown"),
    "html": lambda: _load("html"),
}


def write(report: Report, fmt: str, target: str) -> None:
    """Render ``report`` as ``fmt`` into ``target`` (a path, or ``-`` for stdout)."""
    text = FORMATS[fmt]()(report)
    if target == "-":
        from ._console import write_stdout
        write_stdout(text, fmt)  # any stdout encoding; files below are always UTF-8
        return
    path = Path(target)
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
