"""The ``factcheck`` command: a thin layer over the library.

Each command parses its options, calls the library, picks a renderer and maps
the outcome to an exit status: 0 no claim failed, 1 a claim failed (with
``--strict``, or was unverifiable), 2 the input could not be used.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Literal, Optional

import typer
from rich.console import Console
from rich.text import Text

from . import __version__
from .errors import FactcheckError, UsageError, Problem
from .render.safetext import clean, clean_lines

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Check the numbers in a story against the data behind them.")

EXIT_OK, EXIT_FAILED, EXIT_UNUSABLE = 0, 1, 2

Files = Annotated[list[Path], typer.Argument(help="claims files (YAML)", show_default=False)]
DataRoot = Annotated[Optional[Path], typer.Option("--data-root", help="allow data files under this folder, "
                                                   "outside the claims file's repository")]
Debug = Annotated[bool, typer.Option("--debug", help="show the traceback of an unexpected error")]


def _consoles() -> tuple[Console, Console]:
    """Colour in a terminal; piped output is plain and never wrapped; never markup, any encoding."""
    from .render._console import consoles
    return consoles()


def _fail(exc: FactcheckError, err: Console) -> None:
    from .render.terminal import print_error
    print_error(exc, err)
    raise typer.Exit(EXIT_UNUSABLE)


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so Python's exit flush does not fail on the closed pipe."""
    import os
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _guard(debug: bool, err: Console):  # type: ignore[no-untyped-def]
    """Run a command body: user errors print located messages, bugs say so plainly."""
    class _Guard:
        def __enter__(self) -> None:
            return None

        def __exit__(self, kind, exc, tb) -> Literal[False]:  # type: ignore[no-untyped-def]
            if exc is None or isinstance(exc, (typer.Exit, SystemExit, KeyboardInterrupt)):
                return False
            if isinstance(exc, BrokenPipeError):  # `factcheck … | head`: the reader left; not an error of ours
                _quiet_stdout()
                raise typer.Exit(EXIT_OK)
            if isinstance(exc, FactcheckError):
                _fail(exc, err)
            if debug:
                return False
            from .render.terminal import print_internal_error
            print_internal_error(exc, err)
            raise typer.Exit(EXIT_UNUSABLE)
    return _Guard()


@app.command()
def run(
    files: Files,
    json_path: Annotated[Optional[str], typer.Option("--json", help="write the JSON report to PATH ('-' for stdout)")] = None,
    junit_path: Annotated[Optional[str], typer.Option("--junit", help="write a JUnit XML report to PATH ('-' for stdout)")] = None,
    markdown_path: Annotated[Optional[str], typer.Option("--markdown", help="write a Markdown summary to PATH ('-' for stdout)")] = None,
    html_path: Annotated[Optional[str], typer.Option("--html", help="write the HTML report (the article, marked) to PATH ('-' for stdout)")] = None,
    only: Annotated[Optional[list[str]], typer.Option("--only", help="judge only this claim id (repeatable)")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="count unverifiable claims as failures")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="show the evidence under every claim")] = False,
    baseline: Annotated[Optional[Path], typer.Option("--baseline", help="compare with this earlier JSON report; "
                                                     "exit 1 when a claim that passed no longer does")] = None,
    data_root: DataRoot = None,
    debug: Debug = False,
) -> None:
    """Judge every claim: pass, fail or unverifiable, with the evidence."""
    from .engine import verify
    from .render import write
    from .render.terminal import print_report

    out, err = _consoles()
    targets = {fmt: t for fmt, t in (("json", json_path), ("junit", junit_path), ("markdown", markdown_path),
                                     ("html", html_path)) if t}
    if list(targets.values()).count("-") > 1:
        _fail(UsageError([Problem("only one report can go to stdout ('-')",
                                  hint="give the other reports a file path")]), err)
    if len(files) > 1 and baseline:
        _fail(UsageError([Problem("--baseline takes one claims file at a time",
                                  hint="run factcheck once per claims file, each with its own baseline")]), err)
    if len(files) > 1 and targets:
        _fail(UsageError([Problem("report files (--json …) take one claims file at a time",
                                  hint="run factcheck once per claims file")]), err)
    quiet = "-" in targets.values()  # a report on stdout keeps stdout clean
    code = EXIT_OK
    with _guard(debug, err):
        for file in files:
            old = _load_baseline(baseline, only) if baseline else None  # a bad baseline stops before any work
            report = verify(file, only=only, data_root=data_root)
            if old is not None:
                from .diff import compare
                report = report.model_copy(update={"comparison": compare(old, report, baseline_file=str(baseline))})
            for fmt, target in targets.items():
                write(report, fmt, target)
            print_report(report, err if quiet else out, strict=strict, verbose=verbose)
            code = max(code, report.exit_code(strict))
            if report.comparison is not None:
                from .render.diff import print_comparison
                print_comparison(report.comparison, err if quiet else out)
                code = max(code, report.comparison.exit_code())
    raise typer.Exit(code)


def _load_baseline(path: Path, only: Optional[list[str]]):  # type: ignore[no-untyped-def]
    from .diff import load_baseline
    old = load_baseline(path)
    if only:  # claims left out by --only are not "removed"
        old = old.model_copy(update={"results": [r for r in old.results if r.id in only]})
    return old


@app.command()
def diff(
    old: Annotated[Path, typer.Argument(metavar="OLD.json", help="the baseline JSON report")],
    new: Annotated[Path, typer.Argument(metavar="NEW.json", help="the newer JSON report")],
    json_path: Annotated[Optional[str], typer.Option("--json", help="write the comparison as JSON to PATH ('-' for stdout)")] = None,
    markdown_path: Annotated[Optional[str], typer.Option("--markdown", help="write the comparison as Markdown to PATH ('-' for stdout)")] = None,
    debug: Debug = False,
) -> None:
    """Compare two JSON reports: verdicts and values before and after; exit 1 on a regression."""
    from .diff import diff_files
    from .render._console import write_stdout
    from .render.diff import print_comparison, render_comparison_markdown

    out, err = _consoles()
    if json_path == "-" and markdown_path == "-":
        _fail(UsageError([Problem("only one report can go to stdout ('-')",
                                  hint="give the other a file path")]), err)
    with _guard(debug, err):
        comparison = diff_files(old, new)
        for fmt, target, text in (("json", json_path, lambda: comparison.model_dump_json(indent=2) + "\n"),
                                  ("markdown", markdown_path, lambda: render_comparison_markdown(comparison))):
            if target == "-":
                write_stdout(text(), fmt)
            elif target:
                Path(target).parent.mkdir(parents=True, exist_ok=True)
                Path(target).write_text(text(), encoding="utf-8")
        print_comparison(comparison, err if "-" in (json_path, markdown_path) else out)
    raise typer.Exit(comparison.exit_code())


@app.command()
def check(files: Files, data_root: DataRoot = None, debug: Debug = False) -> None:
    """Validate claims files and their data without judging any claim."""
    from .engine import prepare

    out, err = _consoles()
    with _guard(debug, err):
        for file in files:
            session = prepare(file, data_root=data_root, everything=True)
            uses = session.materialize()
            n = len(session.plans)
            out.print(Text(f"ok: {clean(file)}: {n} claim{'s' if n != 1 else ''}, "
                           + ", ".join(f"{clean(u.name)} ({u.rows:,} rows)" for u in uses)))
    raise typer.Exit(EXIT_OK)


@app.command()
def explain(
    file: Annotated[Path, typer.Argument(help="the claims file")],
    claim_id: Annotated[str, typer.Argument(metavar="ID", help="the claim's id")],
    rows: Annotated[Optional[str], typer.Option("--rows", help="write the rows behind the figure as CSV to PATH ('-' for stdout)")] = None,
    data_root: DataRoot = None,
    debug: Debug = False,
) -> None:
    """Show how one figure was computed, step by step, with sample rows."""
    from .explain import explain as run_explain
    from .render.explain import print_explanation

    out, err = _consoles()
    with _guard(debug, err):
        result = run_explain(file, claim_id, data_root=data_root)
        if rows == "-":
            result.rows().to_csv(sys.stdout, index=False)
        else:
            print_explanation(result, out)
            if rows:
                result.rows().to_csv(rows, index=False)
                out.print(Text(f"wrote the rows behind the figure to {clean(rows)}"))
    raise typer.Exit(EXIT_OK)


@app.command()
def suggest(
    file: Annotated[Path, typer.Argument(help="the claims file")],
    ids: Annotated[Optional[list[str]], typer.Argument(metavar="[ID]...", help="only these claims",
                                                       show_default=False)] = None,
    all_claims: Annotated[bool, typer.Option("--all", help="suggest for every claim, not only those without a measure")] = False,
    json_path: Annotated[Optional[str], typer.Option("--json", help="write the suggestions as JSON to PATH ('-' for stdout)")] = None,
    top: Annotated[int, typer.Option("--top", min=1, max=20, help="candidates per claim")] = 5,
    data_root: DataRoot = None,
    debug: Debug = False,
) -> None:
    """Propose measures for claims without one, each with its value and the verdict it would get."""
    import json

    from .render._console import write_stdout
    from .suggest import suggest as run_suggest
    from .suggest.text import render

    out, err = _consoles()
    with _guard(debug, err):
        found = run_suggest(file, ids or None, everything=all_claims, top=top, data_root=data_root)
        if json_path:
            text = json.dumps(found.to_json(), indent=2, ensure_ascii=False) + "\n"
            if json_path == "-":
                write_stdout(text, "json")
            else:
                Path(json_path).write_text(text, encoding="utf-8")
        if json_path != "-":
            for line in clean_lines(render(found).rstrip("\n")):
                out.print(Text(line))
    raise typer.Exit(EXIT_OK)


@app.command()
def init(
    article: Annotated[Path, typer.Argument(metavar="ARTICLE.md", help="the draft article (Markdown)")],
    data: Annotated[list[Path], typer.Argument(metavar="DATA...", help="the data files (CSV or Parquet)")],
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="the claims file to write "
                                                   "(default: beside the article, ARTICLE.claims.yaml)")] = None,
    debug: Debug = False,
) -> None:
    """Write a starter claims file for an article and its data: tables, contracts, one claim per figure."""
    from .starter import init as run_init

    out, err = _consoles()
    with _guard(debug, err):
        written = run_init(article, data, output)
        out.print(Text(f"wrote {clean(str(written.path))}: {written.tables} tables, {written.claims} claims "
                       f"({written.suggested} with suggestions)"))
        out.print(Text(f"next: edit it, then run: factcheck run {clean(str(written.path))}"))
    raise typer.Exit(EXIT_OK)


def _version(value: bool) -> None:
    if value:
        print(f"factcheck {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="print the version and exit")] = False,
) -> None:
    """Check the numbers in a story against the data behind them."""


def main() -> None:
    """Console-script entry point; usage errors exit 2 (click's own convention agrees)."""
    app()


if __name__ == "__main__":
    main()
