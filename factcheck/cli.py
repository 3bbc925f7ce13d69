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

from . import __version__
from .errors import FactcheckError, UsageError, Problem

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Check the numbers in a story against the data behind them.")

EXIT_OK, EXIT_FAILED, EXIT_UNUSABLE = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C

Files = Annotated[list[Path], typer.Argument(help="claims files (YAML)", show_default=False)]
DataRoot = Annotated[Optional[Path], typer.Option("--data-root", help="allow data files under this folder, "
                                                   "outside the claims file's repository")]
Debug = Annotated[bool, typer.Option("--debug", help="show the traceback of an unexpected error")]


def _consoles() -> tuple[Console, Console]:
    """Colour in a terminal; piped output is plain and never wrapped, so it stays stable."""
    def console(stderr: bool) -> Console:
        probe = Console(stderr=stderr)
        if probe.is_terminal:
            return Console(stderr=stderr, highlight=False)
        return Console(stderr=stderr, highlight=False, soft_wrap=True, width=200, no_color=True)
    return console(False), console(True)


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
            if exc is None or isinstance(exc, (typer.Exit, SystemExit)):
                return False
            from .interrupts import is_interrupt
            if is_interrupt(exc):  # Ctrl-C, also when DuckDB reports it as a failed query
                err.print("interrupted", markup=False, highlight=False)
                raise typer.Exit(EXIT_INTERRUPTED)
            if isinstance(exc, BrokenPipeError):  # `factcheck … | head`: the reader left; not an error of ours
                _quiet_stdout()
                raise typer.Exit(EXIT_OK)
            if isinstance(exc, FactcheckError):
                _fail(exc, err)
            if debug:
                return False
            err.print(f"[bold red]internal error:[/] {type(exc).__name__}: {exc}\n"
                      "This is a bug in factcheck; run again with --debug for the traceback and report it.")
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
    baseline: Annotated[Optional[Path], typer.Option("--baseline", help="compare with this earlier JSON report; "
                                                     "exit 1 when a claim that passed no longer does")] = None,
    data_root: DataRoot = None,
    debug: Debug = False,
) -> None:
    """Judge every claim: pass, fail or unverifiable, with the evidence."""
    from .engine import prepare
    from .outputs import Outputs
    from .render import FORMATS
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
    with _guard(debug, err), Outputs([(f"--{fmt}", t) for fmt, t in targets.items()]) as outputs:
        # Outputs(…) has refused report paths that cannot be written; inputs are refused as they become known
        outputs.refuse_inputs([("the claims file", f) for f in files] + [("the baseline", baseline)])
        for file in files:
            old = _load_baseline(baseline, only) if baseline else None  # a bad baseline stops before any work
            session = prepare(file, only=only, data_root=data_root)
            outputs.refuse_inputs(session.input_files())
            session.materialize()
            report = session.run()
            if old is not None:
                from .diff import compare
                report = report.model_copy(update={"comparison": compare(old, report, baseline_file=str(baseline))})
            for fmt, target in targets.items():  # every report is rendered before any is put in place
                text = FORMATS[fmt]()(report)
                if target == "-":
                    sys.stdout.write(text)
                    sys.stdout.flush()
                else:
                    outputs.write(f"--{fmt}", text)
            outputs.commit()
            print_report(report, err if quiet else out)
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
    from .outputs import Outputs
    from .render.diff import print_comparison, render_comparison_markdown

    out, err = _consoles()
    if json_path == "-" and markdown_path == "-":
        _fail(UsageError([Problem("only one report can go to stdout ('-')",
                                  hint="give the other a file path")]), err)
    with _guard(debug, err), Outputs([("--json", json_path), ("--markdown", markdown_path)]) as outputs:
        outputs.refuse_inputs([("OLD.json", old), ("NEW.json", new)])
        comparison = diff_files(old, new)
        for option, target, text in (("--json", json_path, lambda: comparison.model_dump_json(indent=2) + "\n"),
                                     ("--markdown", markdown_path, lambda: render_comparison_markdown(comparison))):
            if target == "-":
                sys.stdout.write(text())
            elif target:
                outputs.write(option, text())
        outputs.commit()
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
            out.print(f"ok: {file}: {n} claim{'s' if n != 1 else ''}, "
                      + ", ".join(f"{u.name} ({u.rows:,} rows)" for u in uses))
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
    from .outputs import Outputs
    from .render.explain import print_explanation

    out, err = _consoles()
    with _guard(debug, err), Outputs([("--rows", rows)]) as outputs:
        outputs.refuse_inputs([("the claims file", file)])
        result = run_explain(file, claim_id, data_root=data_root)
        if rows == "-":
            result.rows().to_csv(sys.stdout, index=False)
        else:
            print_explanation(result, out)
            if rows:
                outputs.refuse_inputs(result.session.input_files())
                outputs.write("--rows", result.rows().to_csv(index=False))
                outputs.commit()
                out.print(f"wrote the rows behind the figure to {rows}", markup=False)
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
