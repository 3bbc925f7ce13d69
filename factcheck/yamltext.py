"""YAML that factcheck writes for a person to keep or paste: ``init``'s claims file, ``suggest``'s measures.

PyYAML writes U+2028, U+2029 and U+0085 raw inside plain and single-quoted scalars, and its
reader takes them as line breaks: a column named ``\\u2028sep`` read back as `` sep``, the
claims file ``init`` wrote then named a column the data does not have. The writers also
indent the dump line by line (``str.splitlines()``, which breaks at those characters and
at a few controls), so a scalar that spans lines would lose its place. Here every string
holding any line break is written double-quoted, where the emitter escapes each one
(``"\\Lsep"``, ``"a\\nb"``): what is written reads back as it was, on one line.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .pyyaml import load

if TYPE_CHECKING:
    import yaml
else:
    yaml = load()

# every character str.splitlines() breaks at; YAML 1.1 reads \n, \r, U+0085, U+2028 and U+2029 as breaks
_BREAK = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


class _Dumper(yaml.SafeDumper):  # type: ignore[misc]  # PyYAML ships no types here
    """The safe dumper, writing any string with a line break double-quoted, on one line."""

    def analyze_scalar(self, scalar: str) -> Any:
        analysis = super().analyze_scalar(scalar)
        if _BREAK.search(scalar):  # only the double-quoted style escapes every break: one line, a key as any other
            analysis.multiline = False
            analysis.allow_flow_plain = analysis.allow_block_plain = False
            analysis.allow_single_quoted = analysis.allow_block = False
        return analysis


def dump(data: Any, **options: Any) -> str:
    """``yaml.safe_dump(data, **options)``, with strings holding line breaks double-quoted and escaped."""
    return str(yaml.dump(data, Dumper=_Dumper, **options))
