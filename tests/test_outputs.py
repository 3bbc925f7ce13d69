"""Report paths: never an input, never half written, refused before any work when unwritable.

Every output option (run's --json/--junit/--markdown/--html, explain --rows, suggest --json, diff's
--json/--markdown) goes through factcheck.outputs; these run the real CLI in-process.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from conftest import one_claim
from typer.testing import CliRunner

from factcheck import engine
from factcheck.cli import app
from factcheck.errors import UsageError

runner = CliRunner()

CLAIMS = one_claim("{count: cases, where: filed_year == 2020}", "5", "cases-2020")


def invoke(*args: str | Path):
    result = runner.invoke(app, [str(a) for a in args])
    assert "Traceback" not in result.output and "internal error" not in result.output, result.output
    return result


@pytest.fixture
def story(mini, tmp_path: Path) -> Path:
    """The mini claims file with an article, a baseline report of it, and a snapshot of every file."""
    (tmp_path / "article.md").write_text("Prosecutors filed 5 cases in 2020.\n", encoding="utf-8")
    path = mini(CLAIMS.replace("says: a sentence", "says: Prosecutors filed 5 cases in 2020."),
                tables="version: 1\narticle: article.md\n" + _tables())
    assert invoke("run", path, "--json", tmp_path / "base.json").exit_code == 0
    return path


def _tables() -> str:
    from conftest import MINI_TABLES
    return MINI_TABLES.replace("version: 1\n", "")


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


# --------------------------------------------------------------------------- inputs are never overwritten

@pytest.mark.parametrize("args, victim, what", [
    (["--json", "victims.csv"], "victims.csv", "the data file of table 'victims'"),
    (["--junit", "cases.csv"], "cases.csv", "the data file of table 'cases'"),
    (["--html", "claims.yaml"], "claims.yaml", "the claims file"),
    (["--markdown", "article.md"], "article.md", "the article"),
    (["--baseline", "base.json", "--json", "base.json"], "base.json", "the baseline"),
    (["--json", "r.json", "--html", "./victims.csv"], "victims.csv", "the data file of table 'victims'"),
])
def test_run_refuses_a_report_over_an_input(story: Path, monkeypatch, args: list[str], victim: str,
                                            what: str) -> None:
    monkeypatch.chdir(story.parent)
    before = _snapshot(story.parent)
    result = invoke("run", "claims.yaml", *args)
    assert result.exit_code == 2
    assert "cannot write the" in result.output and what in result.output and victim in result.output
    assert "hint:" in result.output
    assert _snapshot(story.parent) == before  # no report, no temporary file, the input intact


def test_explain_rows_refuses_the_data_file(story: Path, monkeypatch) -> None:
    monkeypatch.chdir(story.parent)
    before = _snapshot(story.parent)
    result = invoke("explain", "claims.yaml", "cases-2020", "--rows", "victims.csv")
    assert result.exit_code == 2 and "--rows" in result.output and "the data file of table 'victims'" in result.output
    result = invoke("explain", "claims.yaml", "cases-2020", "--rows", "claims.yaml")
    assert result.exit_code == 2 and "the claims file" in result.output
    assert _snapshot(story.parent) == before


@pytest.mark.parametrize("victim, what", [("victims.csv", "the data file of table 'victims'"),
                                          ("claims.yaml", "the claims file"), ("article.md", "the article")])
def test_suggest_json_refuses_an_input(story: Path, monkeypatch, victim: str, what: str) -> None:
    """`suggest --json victims.csv` wrote its JSON over the data file (and over the claims file or
    the article): suggest wrote its report itself, outside factcheck.outputs."""
    monkeypatch.chdir(story.parent)
    before = _snapshot(story.parent)
    result = invoke("suggest", "claims.yaml", "--all", "--json", victim)
    assert result.exit_code == 2, result.output
    assert "cannot write the --json report here" in result.output and what in result.output
    assert _snapshot(story.parent) == before
    result = invoke("suggest", "claims.yaml", "--all", "--json", "s.json")
    assert result.exit_code == 0 and (story.parent / "s.json").read_text().startswith("{")


def test_suggest_with_nothing_to_suggest_says_so(story: Path, monkeypatch) -> None:
    monkeypatch.chdir(story.parent)
    result = invoke("suggest", "claims.yaml")
    assert result.exit_code == 0
    assert result.output.strip() == "no suggestions: every claim already has a measure (--all suggests for those too)"


@pytest.mark.parametrize("option", ["--markdown", "--json"])
@pytest.mark.parametrize("victim", ["base.json", "new.json"])
def test_diff_refuses_a_report_over_either_input(story: Path, monkeypatch, option: str, victim: str) -> None:
    monkeypatch.chdir(story.parent)
    (story.parent / "new.json").write_bytes((story.parent / "base.json").read_bytes())
    before = _snapshot(story.parent)
    result = invoke("diff", "base.json", "new.json", option, victim)
    assert result.exit_code == 2 and victim in result.output
    assert _snapshot(story.parent) == before


def test_a_link_to_an_input_is_refused_and_nothing_written_through(story: Path, monkeypatch) -> None:
    monkeypatch.chdir(story.parent)
    os.symlink("victims.csv", "report.json")
    os.link("cases.csv", "hard.xml")
    os.mkdir("out")
    os.symlink("..", "out/up")
    before = _snapshot(story.parent)
    for args in (["--json", "report.json"], ["--junit", "hard.xml"], ["--markdown", "out/up/claims.yaml"]):
        result = invoke("run", "claims.yaml", *args)
        assert result.exit_code == 2 and "which the report would destroy" in result.output, args
    assert _snapshot(story.parent) == before
    assert os.readlink("report.json") == "victims.csv"


def test_two_reports_on_one_file_are_refused(story: Path, monkeypatch) -> None:
    monkeypatch.chdir(story.parent)
    os.symlink("r.md", "link.md")
    before = _snapshot(story.parent)
    for other in ("r.md", "./r.md", "link.md"):
        result = invoke("run", "claims.yaml", "--markdown", "r.md", "--html", other)
        assert result.exit_code == 2 and "--markdown writes to the same file" in result.output, other
    result = invoke("diff", "base.json", "base.json", "--json", "d.txt", "--markdown", "d.txt")
    assert result.exit_code == 2 and "same file" in result.output
    assert _snapshot(story.parent) == before


def test_a_link_at_the_report_path_is_replaced_not_written_through(story: Path, monkeypatch) -> None:
    monkeypatch.chdir(story.parent)
    (story.parent / "elsewhere.json").write_text("keep me", encoding="utf-8")
    os.symlink("elsewhere.json", "r.json")
    assert invoke("run", "claims.yaml", "--json", "r.json").exit_code == 0
    assert not os.path.islink("r.json") and '"schema_version"' in Path("r.json").read_text(encoding="utf-8")
    assert Path("elsewhere.json").read_text(encoding="utf-8") == "keep me"


def test_the_library_writer_refuses_the_claims_file(story: Path) -> None:
    import factcheck
    from factcheck.render import write
    report = factcheck.verify(story)
    text = story.read_bytes()
    with pytest.raises(UsageError, match="the claims file"):
        write(report, "markdown", str(story))
    assert story.read_bytes() == text


# --------------------------------------------------------------------------- unwritable paths, before any work

@pytest.fixture
def never_judge(monkeypatch) -> None:
    """Reading the data would mean the run went on: the path must be refused before."""
    def fail(self):  # type: ignore[no-untyped-def]
        raise AssertionError("the data was read before the report path was checked")
    monkeypatch.setattr(engine.Session, "materialize", fail)


def _unwritable(tmp_path: Path) -> list[tuple[str, str]]:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    locked = tmp_path / "locked.json"
    locked.write_text("{}", encoding="utf-8")
    locked.chmod(0o444)
    cases = [(str(folder), "it is a folder, not a file"),
             (str(tmp_path / "cases.csv" / "r.json"), "Not a directory"),
             (str(locked), "the file is read-only"),
             ("/dev/full", "it is a device, not a file")]
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    cases.append((str(fifo), "it is a named pipe (FIFO), not a file"))
    if os.path.isdir("/sys"):  # sysfs refuses new files even to root
        cases.append(("/sys/factcheck-report.json", "Permission denied"))
    return cases


def test_unwritable_report_paths_stop_run_before_judging(story: Path, tmp_path: Path, never_judge) -> None:
    for path, reason in _unwritable(tmp_path):
        for option in ("--json", "--junit", "--markdown", "--html"):
            result = invoke("run", story, option, path)
            assert result.exit_code == 2, (option, path, result.output)
            assert path in result.output and reason in result.output and "hint:" in result.output, result.output
            assert f"cannot write the {option} report here" in result.output


def test_unwritable_paths_stop_explain_and_diff(story: Path, tmp_path: Path, never_judge) -> None:
    base = tmp_path / "base.json"
    for path, reason in _unwritable(tmp_path):
        result = invoke("explain", story, "cases-2020", "--rows", path)
        assert result.exit_code == 2 and path in result.output and reason in result.output, result.output
        for option in ("--json", "--markdown"):
            result = invoke("diff", base, base, option, path)
            assert result.exit_code == 2 and path in result.output and reason in result.output, result.output


def test_a_read_only_folder_is_refused(story: Path, tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders; /sys covers root in the test above")
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    result = invoke("run", story, "--json", folder / "r.json")
    assert result.exit_code == 2 and "Permission denied" in result.output


def test_dev_null_takes_a_report_and_dash_is_stdout(story: Path) -> None:
    result = invoke("run", story, "--html", "/dev/null", "--json", "-")
    assert result.exit_code == 0 and result.stdout.lstrip().startswith("{")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)  # still the device


# --------------------------------------------------------------------------- whole reports only

def test_reports_are_put_in_place_whole_with_ordinary_permissions(story: Path, tmp_path: Path) -> None:
    old_umask = os.umask(0o022)
    try:
        kept = tmp_path / "kept.md"
        kept.write_text("old", encoding="utf-8")
        kept.chmod(0o640)
        inode = kept.stat().st_ino
        result = invoke("run", story, "--json", tmp_path / "new" / "deep" / "r.json", "--markdown", kept)
    finally:
        os.umask(old_umask)
    assert result.exit_code == 0
    made = tmp_path / "new" / "deep" / "r.json"
    assert stat.S_IMODE(made.stat().st_mode) == 0o644  # not the 0600 of a temporary file
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640 and kept.stat().st_ino != inode  # replaced, mode kept
    assert kept.read_text(encoding="utf-8").startswith("### factcheck:")
    assert not [p for p in tmp_path.rglob("*.tmp")]


def test_a_failure_after_judging_leaves_the_old_report_and_no_trace(story: Path, tmp_path: Path,
                                                                    monkeypatch) -> None:
    """A report that fails to render or to reach the disk writes nothing: the old files stay whole."""
    old_json, old_md = tmp_path / "r.json", tmp_path / "r.md"
    old_json.write_text("old json", encoding="utf-8")
    old_md.write_text("old md", encoding="utf-8")

    def no_space(fd: int) -> None:
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "fsync", no_space)
    result = invoke("run", story, "--json", old_json, "--markdown", old_md)
    assert result.exit_code == 2
    assert str(old_json) in result.output and "No space left on device" in result.output
    assert old_json.read_text(encoding="utf-8") == "old json" and old_md.read_text(encoding="utf-8") == "old md"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_folders_made_for_a_report_go_again_when_the_run_stops(mini, tmp_path: Path) -> None:
    bad = mini(one_claim("{count: casse}", "5"))
    result = invoke("run", bad, "--json", tmp_path / "reports" / "2020" / "r.json")
    assert result.exit_code == 2 and "unknown table" in result.output
    assert not (tmp_path / "reports").exists()
