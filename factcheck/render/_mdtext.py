"""Text from a claims file, the data or a baseline made inert for GitHub-flavoured Markdown.

Markdown reports land in pull-request comments and ``$GITHUB_STEP_SUMMARY``, where
GitHub renders them. Whatever the text holds, it must show as the same text: never
HTML, a link, an image, emphasis, a heading, a table cell of its own or an extra line.

* :func:`visible` shows control characters, bidi overrides and noncharacters as escapes
  (``\\x1b``, ``\\u202e``, ``\\ufffe``), as the terminal and HTML reports do (one escape,
  :func:`~factcheck.render.safetext.escape_hidden`), and turns line breaks into spaces:
  nothing reaches a reader's screen or a CI log that moves the cursor, reorders text or
  starts a line.
* :func:`escape` is for running text and table cells: HTML's three specials become
  entities, Markdown punctuation is backslash-escaped, and the places where GitHub
  turns plain text into links (``https://``, ``www.``, ``name@host`` and
  ``@mentions``) are broken: ``:`` before ``//`` and ``.`` after ``www`` are escaped,
  and an invisible word joiner follows each ``@``.
* :func:`code` is for names and paths shown as inline code: a fence longer than any
  run of backticks inside, pipes escaped for tables.

``tests/test_markdown_escaping.py`` renders both through GitHub's own Markdown
library (cmark-gfm) for arbitrary text and checks that the reader sees the text
itself and nothing else.
"""

from __future__ import annotations

import re

from .safetext import escape_hidden

_LINE_BREAKS = re.compile(r"[ \t]*[\r\n]+[ \t]*")

# CommonMark lets any ASCII punctuation be backslash-escaped; these are the ones
# that can start markup: emphasis, code, links, images, tables, strike-through,
# headings, math.
_BACKSLASH = re.compile(r"([\\`*_\[\]|~#!{}$])")
# GitHub's autolinks: a scheme's "://" and "www." (any case).
_AUTOLINK = re.compile(r"(?i)(:(?=//)|www\.)")
WORD_JOINER = "\u2060"


def visible(text: object) -> str:
    """One line of text with every control character shown as an escape.

    >>> visible("a\\x1b[2J\\r\\n  b\\u202e")
    'a\\\\x1b[2J b\\\\u202e'
    """
    return escape_hidden(_LINE_BREAKS.sub(" ", str(text)), keep="\t")


def escape(text: object) -> str:
    """Text made inert for a Markdown line or table cell: one line, no markup, no HTML, no links.

    >>> escape("<b>[Click](https://x.example)</b> | @team")
    '&lt;b&gt;\\\\[Click\\\\](https\\\\://x.example)&lt;/b&gt; \\\\| @\\u2060team'
    """
    s = visible(text)
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = _BACKSLASH.sub(r"\\\1", s)
    s = _AUTOLINK.sub(lambda m: "\\:" if m.group() == ":" else m.group()[:3] + "\\.", s)
    s = s.replace("@", "@" + WORD_JOINER)
    return s.strip()


def code(text: object, *, table: bool = True) -> str:
    """Inline code that survives any backticks inside: a fence longer than any run in it.

    In a table cell (``table``) a pipe is escaped; GitHub removes that backslash.

    >>> code("a`b|c")
    '``a`b\\\\|c``'
    """
    s = visible(text)
    if table:
        s = s.replace("|", "\\|")
    if not s:
        s = " "  # empty code would be two literal backticks
    longest = max((len(m) for m in re.findall(r"`+", s)), default=0)
    fence = "`" * (longest + 1)
    # CommonMark strips one space from each end when both are there: pad so the text keeps its own
    edge = s[0] in "` " or s[-1] in "` "
    pad = " " if edge and s.strip(" ") else ""
    return f"{fence}{pad}{s}{pad}{fence}"
