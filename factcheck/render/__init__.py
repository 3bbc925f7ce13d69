"""Writers that turn a :class:`~factcheck.report.Report` (or a
:class:`~factcheck.report.Comparison`) into something to read.

:data:`WRITERS` is the one list of report formats: the command line offers one option per
writer (``--json PATH`` …), and ``factcheck diff`` offers those that can also write a
comparison. ``write(document, fmt, target)`` writes one format to a path, or to stdout
for ``-``. Each format lives in its own module and is imported only when asked for.

To add a format: write a module with ``render(report) -> str`` and add a :class:`Writer` here.

>>> [w.name for w in WRITERS]
['json', 'junit', 'markdown', 'html']
>>> [w.name for w in WRITERS if w.comparison]
['json', 'markdown']
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Literal

from ..report import Comparison, Report

Document = Literal["report", "comparison"]


@dataclass(frozen=True)
class Writer:
    """One report format: its option name, what it writes, and where its renderers are.

    ``report`` and ``comparison`` name a function as ``module:function`` (imported when the
    format is asked for); ``comparison`` is None for a format that writes reports only.
    """

    name: str
    report: str
    report_help: str
    comparison: str | None = None
    comparison_help: str = ""

    def help(self, document: Document) -> str:
        """The option's help text, e.g. "write the JSON report to PATH ('-' for stdout)"."""
        text = self.report_help if document == "report" else self.comparison_help
        return f"{text} to PATH ('-' for stdout)"

    def renderer(self, document: Document) -> Callable[[Report | Comparison], str]:
        spec = self.report if document == "report" else self.comparison
        if spec is None:
            raise ValueError(f"the {self.name} format cannot write a {document}")
        module, _, function = spec.partition(":")
        found: Callable[[Report | Comparison], str] = getattr(import_module(module), function)
        return found


def report_json(report: Report) -> str:
    """The JSON report, exactly as ``factcheck.verify(…).to_json()`` gives it."""
    return report.to_json()


def comparison_json(comparison: Comparison) -> str:
    """A comparison of two runs as JSON."""
    return comparison.model_dump_json(indent=2) + "\n"


WRITERS: tuple[Writer, ...] = (
    Writer("json", f"{__name__}:report_json", "write the JSON report",
           f"{__name__}:comparison_json", "write the comparison as JSON"),
    Writer("junit", f"{__name__}.junit:render", "write a JUnit XML report"),
    Writer("markdown", f"{__name__}.markdown:render", "write a Markdown summary",
           f"{__name__}.diff:render_comparison_markdown", "write the comparison as Markdown"),
    Writer("html", f"{__name__}.html:render", "write the HTML report (the article, marked)"),
)
FORMATS: dict[str, Writer] = {w.name: w for w in WRITERS}


def writers(document: Document) -> list[Writer]:
    """The writers that can write ``document``, in the order of :data:`WRITERS`."""
    return [w for w in WRITERS if document == "report" or w.comparison is not None]


def render(document: Report | Comparison, fmt: str) -> str:
    """``document`` as text in the format ``fmt`` (a name in :data:`FORMATS`)."""
    kind: Document = "comparison" if isinstance(document, Comparison) else "report"
    return FORMATS[fmt].renderer(kind)(document)


def write(document: Report | Comparison, fmt: str, target: str) -> None:
    """Render ``document`` as ``fmt`` into ``target`` (a path, or ``-`` for stdout).

    The file is replaced whole (see :mod:`factcheck.outputs`); a path that cannot take a
    report, or that is the report's own claims file, raises :class:`~factcheck.errors.UsageError`.
    The command line checks its report paths with :class:`~factcheck.outputs.Outputs` itself,
    before any data is read, and calls :func:`write_stdout` for ``-``.
    """
    text = render(document, fmt)
    if target == "-":
        write_stdout(text, fmt)
        return
    from ..outputs import Outputs
    with Outputs([(f"--{fmt}", target)]) as outputs:
        if isinstance(document, Report):
            outputs.refuse_inputs([("the claims file", document.claims_file)])
        outputs.write(f"--{fmt}", text)
        outputs.commit()


def write_stdout(text: str, fmt: str) -> None:
    """A rendered document on standard output, in any stdout encoding (files are always UTF-8)."""
    from ._console import write_stdout as write_out
    write_out(text, fmt)
