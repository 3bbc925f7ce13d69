"""The ``factcheck`` command: a thin layer over the library.

Each command parses its options, calls the library, picks a renderer and maps
the outcome to an exit status: 0 no claim failed, 1 a claim failed (with
``--strict``, or was unverifiable), 2 the input could not be used.
"""

from __future__ import annotations

import functools
import inspect
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Annotated, Any, Literal, NoReturn, Optional

import typer
from typer.core import TyperArgument, TyperCommand

from . import __version__
from .errors import FactcheckError, Problem, UsageError
from .interrupts import EXIT_INTERRUPTED, ctrl_c_raises, is_interrupt, received
from .render import Document

if TYPE_CHECKING:  # rich is imported only when something is printed through it
    from rich.console import Console
    from rich.text import Text

    from .render.annotations import Annotator
    from .report import Report
from .render.safetext import clean, clean_lines


class _PlainArgument(TyperArgument):
    """An argument shown by its metavar alone: ``FILE...``, never ``<list[Path]>`` or ``{FILE}``."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None

    def _usage_display_name(self) -> str:
        name = self.display_name_raw
        if self.nargs != 1 and not name.endswith("..."):
            name += "..."
        return name if self.required else f"[{name}]"


class _PlainCommand(TyperCommand):
    """A command whose help names its arguments plainly (see ``_PlainArgument``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if type(param) is TyperArgument:
                param.__class__ = _PlainArgument

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """As click parses them; an option that other tools use to pick a report's format or file
        (``--format json``, ``-o report.html``) is told which options this command has instead."""
        try:
            return super().parse_args(ctx, args)
        except Exception as exc:  # click's NoSuchOption: typer's own copy of click, or click itself
            reports = [o for p in self.params for o in getattr(p, "opts", ()) if o in _REPORT_OPTIONS]
            name = getattr(exc, "option_name", None)
            if type(exc).__name__ != "NoSuchOption" or name not in _FORMAT_WORDS or not reports:
                raise
            unknown: Any = type(exc)
            raise unknown(name, ctx=ctx, message=(
                f"No such option: {name}. Each report has its own option, followed by the "
                f"file to write ('-' for stdout): {', '.join(f'{o} PATH' for o in reports)}")) from None


_REPORT_OPTIONS = ("--json", "--junit", "--markdown", "--html")
_FORMAT_WORDS = ("--format", "-f", "--output", "-o", "--out", "--report", "--to")


_SETTINGS: dict[str, Any] = dict(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                                 help="Check the numbers in a story against the data behind them.")
app = typer.Typer(**_SETTINGS)

EXIT_OK, EXIT_FAILED, EXIT_UNUSABLE = 0, 1, 2

Files = Annotated[list[Path], typer.Argument(metavar="FILE...", help="claims files (YAML)", show_default=False)]
DataRoot = Annotated[Optional[Path], typer.Option("--data-root", metavar="DIR", help="allow data files under this folder, "
                                                   "outside the claims file's repository")]
Debug = Annotated[bool, typer.Option("--debug", help="show the traceback of an unexpected error")]
Engine = Annotated[str, typer.Option("--engine", metavar="NAME", help="the engine that reads the data and "
                                     "computes the figures: duckdb (one machine) or spark (docs/engines.md)")]
SparkMaster = Annotated[Optional[str], typer.Option("--spark-master", metavar="URL", help="with --engine spark: "
                                                    "the cluster (spark://host:7077 …); else $SPARK_MASTER, "
                                                    "else local mode on this machine")]


class AnnotationMode(str, Enum):
    auto = "auto"
    github = "github"
    none = "none"


Annotations = Annotated[AnnotationMode, typer.Option(
    "--annotations", metavar="MODE", case_sensitive=False,
    help="print GitHub Actions annotations on the claims' lines: github, none, or auto (github when "
         "GITHUB_ACTIONS=true); to stderr when a report goes to stdout")]


def _text(text: str) -> Text:
    """A line for a console, never read as markup."""
    from rich.text import Text
    return Text(text)


def _consoles() -> tuple[Console, Console]:
    """Colour in a terminal; piped output is plain and never wrapped; never markup, any encoding."""
    from .render._console import consoles
    return consoles()


def _fail(exc: FactcheckError, err: Console) -> NoReturn:
    from .render.terminal import print_error
    print_error(exc, err)
    raise typer.Exit(EXIT_UNUSABLE)


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so Python's exit flush does not fail on the closed pipe."""
    import os
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _annotator(mode: AnnotationMode, files: list[Path], on_stderr: bool = False) -> Annotator | None:
    """GitHub annotations (factcheck.render.annotations), or None when they are off."""
    from .render.annotations import Annotator, enabled
    return Annotator(files[0], on_stderr) if files and enabled(mode.value) else None


class _Guard:
    """Run a command body: user errors print located messages, bugs say so plainly."""

    def __init__(self, debug: bool, err: Console, annotate: Annotator | None = None) -> None:
        self.debug, self.err, self.annotate = debug, err, annotate

    def __enter__(self) -> None:
        ctrl_c_raises()  # the command's start-up ended the process at once on Ctrl-C; from here it is said here
        return None

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> Literal[False]:
        if exc is None or isinstance(exc, (typer.Exit, SystemExit)):
            return False
        if is_interrupt(exc) or received():  # Ctrl-C, also as DuckDB's failed query or a library's error: no report
            self.err.print(_text("interrupted"))
            raise typer.Exit(EXIT_INTERRUPTED)
        if isinstance(exc, BrokenPipeError):  # `factcheck … | head`: the reader left; not an error of ours
            _quiet_stdout()
            raise typer.Exit(EXIT_OK)
        if isinstance(exc, FactcheckError):
            if self.annotate is not None:
                self.annotate.problems(exc)
            _fail(exc, self.err)
        if self.debug:
            return False
        from .render.terminal import print_internal_error
        print_internal_error(exc, self.err)
        raise typer.Exit(EXIT_UNUSABLE)


_guard = _Guard


def _report_options(document: Document) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Give a command one ``--FORMAT PATH`` option per writer in the registry (factcheck.render.WRITERS).

    The command receives them together as ``reports``: {format: target}, for the formats asked for.
    """
    from .render import writers

    def decorate(body: Callable[..., None]) -> Callable[..., None]:
        signature = inspect.signature(body, eval_str=True)
        options = [inspect.Parameter(
            f"{w.name}_path", inspect.Parameter.KEYWORD_ONLY, default=None,
            annotation=Annotated[Optional[str], typer.Option(f"--{w.name}", metavar="PATH", help=w.help(document))])
            for w in writers(document)]
        params = [p for p in signature.parameters.values() if p.name != "reports"]
        at = next((i for i, p in enumerate(params) if p.kind == p.KEYWORD_ONLY), len(params))
        params = params[:at] + options + params[at:]

        @functools.wraps(body)
        def command(**kwargs: Any) -> None:
            reports = {w.name: kwargs.pop(f"{w.name}_path") for w in writers(document)}
            body(reports={fmt: target for fmt, target in reports.items() if target}, **kwargs)

        command.__signature__ = signature.replace(parameters=params)  # type: ignore[attr-defined]
        command.__annotations__ = {p.name: p.annotation for p in params} | {"return": None}
        return command
    return decorate


def _one_on_stdout(reports: dict[str, str], err: Console) -> None:
    if list(reports.values()).count("-") > 1:
        _fail(UsageError([Problem("only one report can go to stdout ('-')",
                                  hint="give the other reports a file path")]), err)


@app.command(cls=_PlainCommand)
@_report_options("report")
def run(
    files: Files,
    *,
    reports: dict[str, str],
    only: Annotated[Optional[list[str]], typer.Option("--only", metavar="ID", help="judge only this claim id (repeatable)")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="count unverifiable claims, and claims whose "
                                         "'says' is no longer in the article, as failures")] = False,
    require_coverage: Annotated[bool, typer.Option("--require-coverage", help="fail when a figure of the "
                                                   "article is checked by no claim and not ignored")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="show the evidence under every claim")] = False,
    baseline: Annotated[Optional[Path], typer.Option("--baseline", metavar="OLD.json", help="compare with this earlier JSON report; "
                                                     "exit 1 when a claim that passed no longer does")] = None,
    annotations: Annotations = AnnotationMode.auto,
    step_summary: Annotated[bool, typer.Option("--step-summary", help="append the Markdown report to "
                                               "$GITHUB_STEP_SUMMARY (the GitHub Actions job summary)")] = False,
    data_root: DataRoot = None,
    engine: Engine = "duckdb",
    spark_master: SparkMaster = None,
    debug: Debug = False,
) -> None:
    """Judge every claim: pass, fail or unverifiable, with the evidence.

    \b
    Examples:
      factcheck run claims/2020.yaml
      factcheck run claims/2020.yaml --html report.html --baseline last.json
      factcheck run claims/2020.yaml --annotations github --step-summary
      factcheck run claims/2020.yaml --engine spark
    """
    from . import verify
    from .backends import one_session
    from .outputs import Outputs
    from .render import render, write_stdout
    from .render.terminal import print_report
    from .stepsummary import StepSummary

    out, err = _consoles()
    _one_on_stdout(reports, err)
    if len(files) > 1 and baseline:
        _fail(UsageError([Problem("--baseline takes one claims file at a time",
                                  hint="run factcheck once per claims file, each with its own baseline")]), err)
    if len(files) > 1 and reports:
        _fail(UsageError([Problem("report files (--json …) take one claims file at a time",
                                  hint="run factcheck once per claims file")]), err)
    shown = err if "-" in reports.values() else out  # a report on stdout keeps stdout clean
    annotate = _annotator(annotations, files, on_stderr="-" in reports.values())
    code = EXIT_OK
    with _guard(debug, err, annotate), one_session(engine), \
            Outputs([(f"--{fmt}", t) for fmt, t in reports.items()]) as outputs:  # one Spark session for every file
        summary = StepSummary() if step_summary else None  # $GITHUB_STEP_SUMMARY is checked before any work
        # Outputs(…) has refused report paths that cannot be written; inputs are refused as they become known
        refuse = outputs.refuse_inputs if summary is None else summary.guarding(outputs.refuse_inputs)
        refuse([("the claims file", f) for f in files] + [("the baseline", baseline)])
        for file in files:
            try:
                report = verify(file, only=only, data_root=data_root, baseline=baseline, before_reading=refuse,
                                engine=engine, spark_master=spark_master)
            except FactcheckError as exc:
                code = max(code, _one_of_several(exc, file, files, err, annotate))
                continue
            if require_coverage and report.coverage is not None:  # the reports say uncovered figures fail
                report = report.model_copy(update={"coverage": report.coverage.model_copy(update={"required": True})})
            for fmt, target in reports.items():  # every report is rendered before any is put in place
                if target == "-":
                    write_stdout(render(report, fmt), fmt)
                else:
                    outputs.write(f"--{fmt}", render(report, fmt))
            outputs.commit()
            if summary is not None:
                summary.append(render(report, "markdown"))
            print_report(report, shown, strict=strict, verbose=verbose, require_coverage=require_coverage)
            if annotate is not None:
                annotate.report(report, strict=strict, require_coverage=require_coverage)
            code = max(code, report.exit_code(strict, require_coverage))
            if report.comparison is not None:
                from .render.diff import print_comparison
                print_comparison(report.comparison, shown, run_failed=_why_failed(report, strict))
                code = max(code, report.comparison.exit_code())
    raise typer.Exit(code)


def _one_of_several(exc: FactcheckError, file: Path, files: list[Path], err: Console,
                    annotate: Annotator | None) -> int:
    """One claims file of several that cannot be used: its problems are said, naming it, and the
    command goes on with the others (a CI gate over claims/*.yaml sees every file's verdicts), to
    exit 2 at the end. A command given one file stops as before (the guard says it)."""
    if len(files) == 1 or is_interrupt(exc) or received():
        raise exc
    if annotate is not None:
        annotate.problems(exc)
    from .render.terminal import print_error
    print_error(exc, err, of=str(file))
    return EXIT_UNUSABLE


def _why_failed(report: Report, strict: bool) -> str | None:
    """"2 claims fail" (with --strict: "… or are unverifiable") when the run exits 1; else None."""
    if not report.exit_code(strict):
        return None
    s = report.summary
    bad = s.failed + (s.unverifiable if strict else 0)
    verb = "fails" if bad == 1 else "fail"
    return f"{bad} claim{'s' if bad != 1 else ''} {verb}" + (" or are unverifiable (--strict)" if strict and s.unverifiable else "")


@app.command(cls=_PlainCommand)
@_report_options("comparison")
def diff(
    old: Annotated[Path, typer.Argument(metavar="OLD.json", help="the baseline JSON report")],
    new: Annotated[Path, typer.Argument(metavar="NEW.json", help="the newer JSON report")],
    *,
    reports: dict[str, str],
    annotations: Annotations = AnnotationMode.auto,
    debug: Debug = False,
) -> None:
    """Compare two JSON reports: verdicts and values before and after; exit 1 on a regression.

    \b
    Examples:
      factcheck diff before.json after.json
      factcheck diff before.json after.json --markdown changes.md
      factcheck diff before.json after.json --annotations github
    """
    from . import compare
    from .outputs import Outputs
    from .render import render, write_stdout
    from .render.diff import print_comparison

    out, err = _consoles()
    _one_on_stdout(reports, err)
    # paths in the annotations are relative to the workspace (or the repository the newer report sits in)
    annotate = _annotator(annotations, [new], on_stderr="-" in reports.values())
    with _guard(debug, err, annotate), Outputs([(f"--{fmt}", t) for fmt, t in reports.items()]) as outputs:
        outputs.refuse_inputs([("OLD.json", old), ("NEW.json", new)])
        comparison = compare(old, new)
        for fmt, target in reports.items():
            if target == "-":
                write_stdout(render(comparison, fmt), fmt)
            else:
                outputs.write(f"--{fmt}", render(comparison, fmt))
        outputs.commit()
        print_comparison(comparison, err if "-" in reports.values() else out)
        if annotate is not None:
            annotate.comparison(comparison)
    raise typer.Exit(comparison.exit_code())


@app.command(cls=_PlainCommand)
def check(files: Files, data_root: DataRoot = None, annotations: Annotations = AnnotationMode.auto,
          engine: Engine = "duckdb", spark_master: SparkMaster = None,
          debug: Debug = False) -> None:
    """Validate claims files and their data without judging any claim; list the claims found;
    exit 1 when a claim's 'says' is gone from the article.

    \b
    Examples:
      factcheck check claims/2020.yaml
      factcheck check claims/*.yaml --data-root ../shared-data
    """
    from . import check as check_file
    from .backends import one_session
    from .render.terminal import print_checked

    out, err = _consoles()
    code = EXIT_OK
    annotate = _annotator(annotations, files)
    with _guard(debug, err, annotate), one_session(engine):  # one Spark session for every file
        for file in files:
            try:
                checked = check_file(file, data_root=data_root, engine=engine, spark_master=spark_master)
            except FactcheckError as exc:
                code = max(code, _one_of_several(exc, file, files, err, annotate))
                continue
            print_checked(checked, out)
            if annotate is not None:
                annotate.checked(checked)
            code = max(code, checked.exit_code())
    raise typer.Exit(code)


@app.command(cls=_PlainCommand)
def explain(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="the claims file")],
    claim_id: Annotated[str, typer.Argument(metavar="ID", help="the claim's id")],
    rows: Annotated[Optional[str], typer.Option("--rows", metavar="PATH", help="write the rows behind the figure, every column, as CSV to PATH ('-' for stdout)")] = None,
    data_root: DataRoot = None,
    engine: Engine = "duckdb",
    spark_master: SparkMaster = None,
    debug: Debug = False,
) -> None:
    """Show how one figure was computed, step by step, with sample rows.

    \b
    Examples:
      factcheck explain claims/2020.yaml new-cases-2020
      factcheck explain claims/2020.yaml new-cases-2020 --rows rows.csv
      factcheck explain claims/2020.yaml new-cases-2020 --engine spark
    """
    from . import explain as explain_claim
    from .outputs import Outputs
    from .render.explain import print_explanation

    out, err = _consoles()
    with _guard(debug, err), Outputs([("--rows", rows)]) as outputs:
        outputs.refuse_inputs([("the claims file", file)])
        result = explain_claim(file, claim_id, data_root=data_root, engine=engine, spark_master=spark_master)
        if rows == "-":
            frame = result.rows()
            frame.to_csv(sys.stdout, index=False)
            if frame.empty:  # stdout holds the CSV: the reason goes beside it
                err.print(_text(f"no rows: {result.no_rows_because()}"))
        else:
            print_explanation(result, out)
            if rows:
                outputs.refuse_inputs(result.session.input_files())
                frame = result.rows()
                outputs.write("--rows", frame.to_csv(index=False))
                outputs.commit()
                out.print(_text(_wrote_rows(len(frame), rows, result.no_rows_because() if frame.empty else "")))
    raise typer.Exit(EXIT_OK)


def _wrote_rows(n: int, path: str, why_none: str) -> str:
    """What ``explain --rows PATH`` says it wrote: how many rows, and why when none."""
    if n == 0:
        return f"wrote no rows to {clean(path)}: {why_none}"
    return f"wrote the {n:,} row{'s' if n != 1 else ''} behind the figure to {clean(path)}"


@app.command(cls=_PlainCommand)
def suggest(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="the claims file")],
    ids: Annotated[Optional[list[str]], typer.Argument(metavar="ID", help="only these claims",
                                                       show_default=False)] = None,
    all_claims: Annotated[bool, typer.Option("--all", help="suggest for every claim, not only those without a measure")] = False,
    every_reading: Annotated[bool, typer.Option("--every-reading", help="list the candidates that read a sentence "
                                                "otherwise even when one reads it as written")] = False,
    json_path: Annotated[Optional[str], typer.Option("--json", metavar="PATH",
                                                     help="write the suggestions as JSON to PATH ('-' for stdout)")] = None,
    top: Annotated[int, typer.Option("--top", metavar="N", min=1, max=20, help="candidates per claim")] = 5,
    not_checked: Annotated[bool, typer.Option("--not-checked", help="draft a claim for each figure of the article "
                                              "that no claim checks, with suggestions, as YAML to paste")] = False,
    data_root: DataRoot = None,
    debug: Debug = False,
) -> None:
    """Propose measures for claims without one, each with its value and the verdict it would get.

    \b
    Examples:
      factcheck suggest claims/2020.yaml
      factcheck suggest claims/2020.yaml new-cases-2020 --json -
      factcheck suggest claims/2020.yaml --not-checked
    """
    import json

    from .outputs import Outputs
    from .render._console import write_stdout
    from .suggest import suggest as run_suggest
    from .suggest.text import render

    out, err = _consoles()
    with _guard(debug, err), Outputs([("--json", json_path)]) as outputs:  # refused before any work if unwritable
        outputs.refuse_inputs([("the claims file", file)])
        drafted = None
        if not_checked:
            from .suggest.unchecked import draft_not_checked
            if ids or all_claims:
                raise UsageError([Problem("--not-checked drafts claims of its own: it takes no claim ids and no --all",
                                          hint=f"factcheck suggest {file} --not-checked; or, for claims the file "
                                               "has, leave --not-checked out")])
            drafted = draft_not_checked(file, top=top, data_root=data_root, every_reading=every_reading,
                                        before_reading=outputs.refuse_inputs)
            found = drafted.suggestions
        else:
            found = run_suggest(file, ids or None, everything=all_claims, top=top, data_root=data_root,
                                every_reading=every_reading,
                                before_reading=outputs.refuse_inputs)  # never over a data file or the article
        if json_path:
            text = json.dumps(found.to_json(), indent=2, ensure_ascii=False) + "\n"
            if json_path == "-":
                write_stdout(text, "json")
            else:
                outputs.write("--json", text)
                outputs.commit()
        if json_path != "-" and drafted is not None:  # YAML to paste: a long line is never broken in two
            for line in clean_lines(drafted.text().rstrip("\n")):
                out.print(_text(line), soft_wrap=True)
        elif json_path != "-":
            shown = render(found).rstrip("\n")
            for line in clean_lines(shown or _nothing_to_suggest(all_claims, ids)):
                out.print(_text(line))
    raise typer.Exit(EXIT_OK)


def _nothing_to_suggest(all_claims: bool, ids: list[str] | None) -> str:
    """What `suggest` says when it has nothing to say (it printed nothing at all)."""
    if ids or all_claims:
        return "no suggestions: none of the claims asked for has a figure a measure could be proposed for"
    return "no suggestions: every claim already has a measure (--all suggests for those too)"


@app.command(cls=_PlainCommand)
def init(
    article: Annotated[Path, typer.Argument(metavar="ARTICLE.md", help="the draft article (Markdown)")],
    data: Annotated[list[Path], typer.Argument(metavar="DATA", help="the data files (CSV or Parquet)")],
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="PATH", help="the claims file to write "
                                                   "(default: beside the article, ARTICLE.claims.yaml)")] = None,
    debug: Debug = False,
) -> None:
    """Write a starter claims file for an article and its data: tables, contracts, one claim per figure.

    \b
    Examples:
      factcheck init drafts/buses.md data/delays.csv data/routes.csv
      factcheck init drafts/buses.md data/*.csv --output claims/buses.yaml
    """
    from .starter import init as run_init

    out, err = _consoles()
    with _guard(debug, err):
        written = run_init(article, data, output)
        out.print(_text(f"wrote {clean(str(written.path))}: {written.tables} tables, {written.claims} claims "
                       f"({written.suggested} with suggestions)"))
        out.print(_text(f"next: edit it, then run: factcheck run {clean(str(written.path))}"))
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
    """Check the numbers in a story against the data behind them.

    \b
    Examples:
      factcheck run claims/2020.yaml
      factcheck explain claims/2020.yaml new-cases-2020
    """


def main() -> None:
    """The command line, in process; usage errors exit 2 (click's own convention agrees)."""
    _app_for(sys.argv[1:])()


def _app_for(args: list[str]) -> typer.Typer:
    """The app, holding only the command that ``args`` name when they begin with one.

    Typer builds every command's options from its signature on each start; a run needs only
    its own. Anything else (no command, ``--help``, ``--version``, a misspelt command) gets the
    whole app, so the list of commands and the did-you-mean are as always; one command's help,
    usage and errors are the same either way (tested)."""
    named = [c for c in app.registered_commands
             if args and (c.name or getattr(c.callback, "__name__", "").replace("_", "-")) == args[0]]
    if not named:
        return app
    lean = typer.Typer(**_SETTINGS)
    lean.registered_callback = app.registered_callback
    lean.registered_commands = named
    return lean


def console() -> NoReturn:
    """The console script and ``python -m factcheck``: :func:`main`, then the process ends at once.

    Once the last line is written and flushed, tearing the interpreter down (every module,
    DuckDB's database, the garbage of a run) takes about a tenth of a second of a one-second
    run and changes nothing anyone sees: every file the run writes is closed before ``main``
    returns. So the process leaves with ``os._exit``, as soon as its output is flushed. A
    tracer, profiler or coverage measurement in the process (``sys.gettrace()``,
    ``sys.getprofile()``, ``COVERAGE_PROCESS_START``) gets the ordinary exit, so it can write what it
    measured, and so do an exit status that is not a number and a flush that fails
    (a closed pipe: Python's own exit reports it).
    """
    import os

    from . import warmup
    warmup.start(sys.argv[1:])  # DuckDB connects on a thread meanwhile; pydantic looks for no plugins
    try:
        main()
        code: object = 0
    except SystemExit as exc:
        code = 0 if exc.code is None else exc.code
    except BaseException:
        warmup.finish()  # an interpreter shutting down under DuckDB's start-up aborts
        raise
    measured = sys.gettrace() is not None or sys.getprofile() is not None
    if not isinstance(code, int) or measured or os.environ.get("COVERAGE_PROCESS_START"):
        warmup.finish()
        raise SystemExit(code)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        warmup.finish()
        raise SystemExit(code) from None
    os._exit(code)  # ends every thread at once, a connection still opening too


if __name__ == "__main__":
    console()
