"""Text from a claims file or the data, made safe to write to a terminal or a CI log.

A data value is only ever *shown*, never obeyed. :func:`clean` turns any value
into one line of text that a terminal or a log reader cannot act on:

* control characters (C0, DEL, C1) are shown escaped: ``\\x1b``, ``\\x07``,
  ``\\x9b``; a newline, carriage return or tab as ``\\n``, ``\\r``, ``\\t``, so a
  value can neither clear the screen, set the window title, nor start a line of
  its own;
* Unicode line and paragraph separators, bidirectional overrides, embeddings and
  isolates (which reorder what is shown), lone surrogates (which no encoder can
  write) and the noncharacters (U+FFFE, U+FFFF of every plane, U+FDD0-U+FDEF,
  which stand for nothing) are shown as ``\\u2028``-style escapes. The
  right-to-left and left-to-right marks (U+200F, U+200E, U+061C) are not: an
  Arabic or Hebrew draft uses them as punctuation, and they reorder no run of text;
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

:func:`escape_hidden` is the one escape of those characters: the terminal's
:func:`clean`, the Markdown report's ``visible`` and the HTML report's ``shown``
all call it, each keeping only the line breaks its format shows itself, so a
character hidden in one report is shown the same way in the others.
"""

from __future__ import annotations

import re

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

# Everything a terminal or a log might act on, that reorders the text around it, that stands for
# nothing or that cannot be written at all: C0 and C1 controls, line and paragraph separators,
# bidirectional embeddings, overrides and isolates, lone surrogates, the noncharacters.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufdd0-\ufdef"
                     + "".join(f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0, 0x110000, 0x10000))
                     + "]")
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
    text = escape_hidden(value if isinstance(value, str) else str(value))
    if "::" in text or "##" in text:
        text = _WORKFLOW.sub(_defuse, text)
    return text


def escape_hidden(text: str, *, keep: str = "") -> str:
    """The control characters, separators, bidi embeddings, overrides and isolates, lone surrogates
    and noncharacters of ``text`` as visible escapes, except those in ``keep`` (a format that shows
    line breaks or tabs itself keeps them: ``"\r\n"``); workflow commands are left for the caller
    to defuse or encode."""
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(lambda m: m.group() if m.group() in keep else as_escape(m), text)


def clean_lines(text: str) -> list[str]:
    """Multi-line text of our own making (SQL, a caret diagram), each line cleaned."""
    return [clean(line) for line in text.split("\n")]
