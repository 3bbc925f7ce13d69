"""Where terminal output goes: rich consoles that never parse user text, on any encoding.

The consoles made here have markup, emoji codes and highlighting switched off,
so a value such as ``[link=…]`` or ``:smile:`` is printed as it is written, and
styles come only from :class:`rich.text.Text` objects built by factcheck.

On a stream whose encoding cannot write factcheck's signs (``✓ ✗ — → ≤ …``;
a Windows console, ``PYTHONIOENCODING=cp1252`` or ``ascii``), output falls back
to ASCII signs (``+ x - -> <= ...``) and any other character the stream cannot
hold is shown as a ``\\u…`` escape: output never crashes on an encoding.
Files are always written UTF-8 and are not concerned.
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
from typing import IO, TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from rich.console import Console

# Signs factcheck itself writes, and their ASCII stand-ins.
ASCII_SIGNS = {
    "✓": "+", "✗": "x", "—": "-", "–": "-", "…": "...", "→": "->", "←": "<-", "≤": "<=", "≥": ">=",
    "≠": "!=", "∞": "inf", "−": "-", "±": "+/-", "×": "x", "·": ".", "⏎": "\\n", "↕": "~",
    "✅": "+", "❌": "x", "⚠": "!", "➕": "+", "➖": "-", "\ufe0f": "", "\u00a0": " ",
    "‘": "'", "’": "'", "“": '"', "”": '"',
}
_SIGNS = "✓✗—…→≤∞"


def can_encode(text: str, encoding: str | None) -> bool:
    try:
        text.encode(encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def fit(text: str, encoding: str | None) -> str:
    """``text`` as ``encoding`` can hold it: ASCII signs, then ``\\u…`` for the rest."""
    enc = encoding or "utf-8"
    if can_encode(text, enc):
        return text
    out = []
    for ch in text:
        if can_encode(ch, enc):
            out.append(ch)
        elif ch in ASCII_SIGNS and can_encode(ASCII_SIGNS[ch], enc):
            out.append(ASCII_SIGNS[ch])
        else:
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
    return "".join(out)


class FittedStream(io.TextIOBase):
    """A text stream that writes through :func:`fit` to another one (which keeps its own encoding)."""

    def __init__(self, raw: IO[str]) -> None:
        self._raw = raw

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self._raw, "encoding", None) or "utf-8"

    def write(self, s: str) -> int:
        self._raw.write(fit(s, self.encoding))
        return len(s)

    def flush(self) -> None:
        self._raw.flush()

    def isatty(self) -> bool:
        return self._raw.isatty()

    def fileno(self) -> int:
        return self._raw.fileno()


def _forgiving(stream: Any) -> Any:
    """Make ``stream`` escape what it cannot encode instead of raising (a last resort)."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None and getattr(stream, "errors", "strict") == "strict":
        try:
            reconfigure(errors="backslashreplace")
        except (ValueError, OSError):  # a closed or detached stream: nothing will be written to it
            pass
    return stream


def text_stream(stderr: bool = False) -> IO[str]:
    """stdout (or stderr) as output may use it: fitted when its encoding lacks factcheck's signs."""
    stream = _forgiving(sys.stderr if stderr else sys.stdout)
    if can_encode(_SIGNS, getattr(stream, "encoding", None)):
        return stream  # type: ignore[no-any-return]
    return cast(IO[str], FittedStream(stream))  # a TextIOBase: what rich needs of a file


# what makes rich treat a stream that is not a terminal as one
_TERMINAL_ENVIRONMENT = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "JUPYTER_COLUMNS")


class PipedConsole:
    """The console of a stream that is no terminal: rich is imported only when something is
    printed through it. A piped ``factcheck run`` writes its plain report to ``file`` and never
    imports rich (its import is a good part of start-up)."""

    is_terminal = False

    def __init__(self, **options: Any) -> None:
        self.file: IO[str] = options["file"]
        self._options = options
        self._console: Console | None = None

    def __getattr__(self, name: str) -> Any:
        if self._console is None:
            from rich.console import Console
            self._console = Console(**self._options)
        return getattr(self._console, name)


def _surely_piped(file: IO[str]) -> bool:
    """Is ``file`` no terminal, with nothing in the environment that would make rich treat it as one?"""
    isatty = getattr(file, "isatty", None)
    try:
        return (isatty is None or not isatty()) and not any(os.environ.get(v) for v in _TERMINAL_ENVIRONMENT)
    except (ValueError, OSError):  # a closed stream
        return False


def console(stderr: bool = False) -> Console:
    """Colour and width-aware wrapping in a terminal; piped output is plain and never wrapped."""
    file = text_stream(stderr)
    common: dict[str, Any] = {"file": file, "highlight": False, "markup": False, "emoji": False}
    piped = {**common, "soft_wrap": True, "width": 200, "no_color": True}
    if _surely_piped(file):
        return cast("Console", PipedConsole(**piped))
    from rich.console import Console
    if Console(**common).is_terminal:
        return Console(**common)
    return Console(**piped)


def consoles() -> tuple[Console, Console]:
    """The consoles for stdout and stderr."""
    return console(False), console(True)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _json_escape(match: re.Match[str]) -> str:
    return json.dumps(match.group())[1:-1]  # \uXXXX, a surrogate pair beyond the BMP


def write_stdout(text: str, fmt: str) -> None:
    """A report sent to stdout ('-'), written so that any stdout encoding can take it.

    JSON keeps every value exact (``\\u`` escapes, which JSON reads back); XML and
    HTML use character references; Markdown and CSV, read by people, get ASCII
    signs and ``\\u…`` for the rest.
    """
    stream = _forgiving(sys.stdout)
    encoding = getattr(stream, "encoding", None)
    if not can_encode(text, encoding):
        if fmt == "json":
            text = _NON_ASCII.sub(_json_escape, text)
        elif fmt in ("junit", "html", "xml"):
            text = text.encode("ascii", "xmlcharrefreplace").decode("ascii")
        else:
            text = fit(text, encoding)
    stream.write(text)
    stream.flush()
