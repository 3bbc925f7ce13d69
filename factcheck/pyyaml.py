"""PyYAML, imported for factcheck without the one step of its import that a run never needs.

``import yaml`` compiles, as its pure-Python reader's class is made, the pattern that reader checks
text with (every character YAML may hold, astral ones included): ~7 ms on this project's machine,
more than the rest of PyYAML's import, in every run, although factcheck reads YAML with libyaml's
parser (``CSafeLoader``), which checks text in C and never uses the pattern. So while factcheck
imports PyYAML, that one pattern is compiled when first used instead: the pure-Python reader
(where libyaml is missing, or ``yaml.safe_load``) compiles it then, and matches as it always did.
Any other pattern, another version of PyYAML that writes it otherwise, and an import of PyYAML
that came first (a program that imported it itself) are left as they are.
"""

from __future__ import annotations

import re
import sys
import threading
from types import ModuleType
from typing import Any

NON_PRINTABLE = "[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010ffff]"
"""PyYAML's ``Reader.NON_PRINTABLE`` pattern, as ``yaml/reader.py`` writes it."""


class PatternWhenUsed:
    """A compiled pattern, compiled the first time any of its attributes is asked for."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._pattern, self._flags = pattern, flags
        self._compiled: re.Pattern[str] | None = None
        self._lock = threading.Lock()

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            with self._lock:
                if self._compiled is None:
                    self._compiled = re.compile(self._pattern, self._flags)
        return getattr(self._compiled, name)


def load() -> ModuleType:
    """The ``yaml`` module, imported (once) with :data:`NON_PRINTABLE` compiled when first used."""
    if "yaml" in sys.modules:
        return sys.modules["yaml"]
    compile_ = re.compile

    def compile_when_used(pattern: Any, flags: Any = 0) -> Any:
        if pattern == NON_PRINTABLE and flags == 0:
            return PatternWhenUsed(pattern)
        return compile_(pattern, flags)

    re.compile = compile_when_used
    try:
        import yaml  # noqa: F401 - imported for sys.modules, with the pattern compiled when used
    finally:
        re.compile = compile_
    return sys.modules["yaml"]
