"""Text from a claims file or the data, made safe to write to a terminal or a CI log.

A data value is only ever *shown*, never obeyed. :func:`clean` turns any value
into one line of text that a terminal or a log reader cannot act on:

* control characters (C0, DEL, C1) are shown escaped: ``\\x1b``, ``\\x07``,
  ``\\x9b``; a newline, carriage return or tab as ``\\n``, ``\\r``, ``\\t``, so a
  value can neither clear the screen, set the window title, nor start a line of
  its own;
* Unicode line and paragraph separators, bidirectional overrides (which reorder
  what is shown) and lone surrogates (which no encoder can write) are shown as
  ``\\u2028``-style escapes;
* CI workflow commands are defused. GitHub Actions obeys ``::error …`` or
  ``::add-mask::…`` at the start of a log line (after blanks), and a wrapped or
  folded line can start anywhere, so no ``::`` is left at all: in a run of
  colons all but the last are shown as ``\\x3a`` (``std::vector`` reads
  ``std\\x3a:vector``). ``##[`` and ``##vso[`` (older GitHub and Azure
  Pipelines commands) become ``#\\x23[``.

Writers that keep lines of their own (an expression with a caret under it,
the SQL) use :func:`clean_lines`, which cleans each line and keeps the breaks.
The terminal views, the error messages and the baseline comparison in the
terminal use these; any writer for a log or terminal can.
"""

from __future__ import annotations

import re

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

# Everything a terminal or a log might act on or that cannot be written at all.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# every colon followed by another (`::command`); `##[command]` and `##vso[command]`.
_WORKFLOW = re.compile(r":(?=:)|##(?=\[|vso\[)")


def as_escape(match: re.Match[str]) -> str:
    """The matched character as its escape: ``\\n``, ``\\x1b``, ``\\u202e``, ``\\U0010ffff`` (for a
    pattern's ``sub``; the HTML report shows hidden characters the same way)."""
    ch = match.group()
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _defuse(match: re.Match[str]) -> str:
    return "\\x3a" if match.group() == ":" else "#\\x23"


def clean(value: object) -> str:
    """``value`` as one line that shows every character and obeys none."""
    text = value if isinstance(value, str) else str(value)
    if _UNSAFE.search(text):
        text = _UNSAFE.sub(as_escape, text)
    if "::" in text or "##" in text:
        text = _WORKFLOW.sub(_defuse, text)
    return text


def escape_controls(text: str, *, keep: str = "") -> str:
    """The control characters, separators, bidi overrides and lone surrogates of ``text`` as
    visible escapes, except those in ``keep`` (a format that encodes line breaks itself keeps
    ``"\r\n"`` for that); workflow commands are left for the caller to defuse or encode."""
    return _UNSAFE.sub(lambda m: m.group() if m.group() in keep else as_escape(m), text)


def clean_lines(text: str) -> list[str]:
    """Multi-line text of our own making (SQL, a caret diagram), each line cleaned."""
    return [clean(line) for line in text.split("\n")]
