"""The CI recipes in examples/ work: their commands, run as GitHub and pre-commit would run them.

Not GitHub itself: the workflow's `run:` steps that call factcheck are taken
from the YAML and executed with bash the way Actions does (`bash -eo pipefail`),
with the variables Actions provides (RUNNER_TEMP, GITHUB_STEP_SUMMARY) pointing
into tmp_path, in a newsroom repository made from the gate fixture. The git
worktree step is played by copying the repository as it was before the change.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from factcheck.report import Report

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "gate"
WORKFLOW = ROOT / "examples" / "github-actions.yml"
PRECOMMIT = ROOT / "examples" / "pre-commit-config.yaml"
CALLS_FACTCHECK = re.compile(r"^\s*factcheck\s", re.M)


def newsroom(root: Path) -> Path:
    """A repository laid out as the recipes expect: claims/2020.yaml, data/, .git."""
    shutil.copytree(FIXTURE, root)
    (root / "claims" / "story.yaml").rename(root / "claims" / "2020.yaml")
    (root / ".git").mkdir()
    return root


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """The environment of a job: factcheck on PATH (this checkout's), the runner's folders."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "factcheck"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m factcheck "$@"\n')
    shim.chmod(0o755)
    (tmp_path / "runner").mkdir()
    summary = tmp_path / "summary.md"
    summary.write_text("")
    return {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
            "PYTHONPATH": str(ROOT) + (os.pathsep + os.environ["PYTHONPATH"] if os.environ.get("PYTHONPATH") else ""),
            "RUNNER_TEMP": str(tmp_path / "runner"), "GITHUB_STEP_SUMMARY": str(summary), "NO_COLOR": "1"}


# --------------------------------------------------------------------------- GitHub Actions

def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text())


def factcheck_steps() -> list[dict]:
    steps = workflow()["jobs"]["gate"]["steps"]
    return [s for s in steps if CALLS_FACTCHECK.search(s.get("run", ""))]


def play(repo: Path, env: dict[str, str]) -> list[subprocess.CompletedProcess[str]]:
    """Run the workflow's factcheck steps in order, as Actions would; stop at the first failing one."""
    job_env = {**env, **{k: str(v) for k, v in workflow()["env"].items()}}
    done = []
    for step in factcheck_steps():
        proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                              cwd=repo, env=job_env, capture_output=True, text=True, timeout=120)
        done.append(proc)
        if proc.returncode:
            break
    return done


def before_the_change(repo: Path, env: dict[str, str]) -> None:
    """The `git worktree add "$RUNNER_TEMP/base" "$BASE_SHA"` step: the repository before the change."""
    shutil.copytree(repo, Path(env["RUNNER_TEMP"]) / "base")


def test_workflow_triggers_on_data_and_claims() -> None:
    triggers = workflow()[True]  # YAML 1.1 reads the key `on` as true
    for event in ("pull_request", "push"):
        assert set(triggers[event]["paths"]) == {"data/**", "claims/**"}


def test_workflow_steps_are_plain_shell() -> None:
    steps = factcheck_steps()
    assert [s["name"] for s in steps] == ["Baseline: judge the claims against the data before the change",
                                          "Gate: re-check every claim against the new data"]
    for step in steps:
        assert "${{" not in step["run"]          # nothing GitHub must substitute: what we test is what runs
    assert "--step-summary" in steps[-1]["run"] and "--markdown" in steps[-1]["run"]
    assert "$GITHUB_STEP_SUMMARY" not in steps[-1]["run"]  # factcheck appends it, no shell to get wrong


def test_workflow_green_when_the_refresh_keeps_every_figure(tmp_path: Path, env: dict[str, str]) -> None:
    repo = newsroom(tmp_path / "repo")
    before_the_change(repo, env)
    with open(repo / "data" / "cases.csv", "a") as fh:
        fh.write("C025,2021-02-01,sex_trafficking,TX\n")
    baseline, gate = play(repo, env)
    assert baseline.returncode == 0, baseline.stderr
    assert gate.returncode == 0, gate.stdout + gate.stderr
    assert "MOVED        most-cases-sex-trafficking" in gate.stdout
    report = Report.model_validate_json((Path(env["RUNNER_TEMP"]) / "factcheck.json").read_text())
    assert report.comparison is not None and report.comparison.exit_code() == 0
    summary = Path(env["GITHUB_STEP_SUMMARY"]).read_text()
    assert "most-cases-sex-trafficking" in summary and "❌" not in summary   # no failed claim, no regression


def test_workflow_annotates_the_regressed_claim_on_its_line_and_not_the_baseline(tmp_path: Path,
                                                                                  env: dict[str, str]) -> None:
    repo = newsroom(tmp_path / "repo")
    before_the_change(repo, env)
    cases = repo / "data" / "cases.csv"
    cases.write_text(cases.read_text().replace("C015,2020-01-04", "C015,2019-12-30"))
    baseline, gate = play(repo, {**env, "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(repo)})
    assert "::" not in baseline.stdout + baseline.stderr  # --annotations none in the baseline step
    line = next(i for i, text in enumerate((repo / "claims" / "2020.yaml").read_text().splitlines(), 1)
                if "id: cases-filed-rise" in text)
    commands = [text for text in gate.stdout.splitlines() if text.startswith("::")]
    assert (f"::error file=claims/2020.yaml,line={line},title=factcheck%3A claim 'cases-filed-rise' fails "
            "(regressed since the baseline)::") in "\n".join(commands)
    assert all(c.startswith(("::error ", "::warning ", "::notice ")) for c in commands)


def test_workflow_fails_when_a_published_figure_breaks(tmp_path: Path, env: dict[str, str]) -> None:
    repo = newsroom(tmp_path / "repo")
    before_the_change(repo, env)
    cases = repo / "data" / "cases.csv"
    cases.write_text(cases.read_text().replace("C015,2020-01-04", "C015,2019-12-30"))
    baseline, gate = play(repo, env)
    assert baseline.returncode == 0
    assert gate.returncode == 1
    assert "REGRESSED    cases-filed-rise: pass → fail; stated up 25%, was +25%, now 0%" in gate.stdout
    assert "data changed: cases (../data/cases.csv)" in gate.stdout
    report = Report.model_validate_json((Path(env["RUNNER_TEMP"]) / "factcheck.json").read_text())
    assert [c.id for c in report.comparison.regressions] == ["cases-filed-rise"]
    summary = Path(env["GITHUB_STEP_SUMMARY"]).read_text()
    assert "`cases-filed-rise`" in summary                # the Markdown report went to the job summary


def test_workflow_errors_when_a_contract_breaks(tmp_path: Path, env: dict[str, str]) -> None:
    repo = newsroom(tmp_path / "repo")
    before_the_change(repo, env)
    victims = repo / "data" / "victims.csv"
    victims.write_text(victims.read_text().replace(",Facebook\n", ",facebook\n"))
    baseline, gate = play(repo, env)
    assert gate.returncode == 2
    assert "only in capitals" in gate.stderr + gate.stdout


def test_workflow_baseline_that_already_failed_is_still_a_baseline(tmp_path: Path, env: dict[str, str]) -> None:
    repo = newsroom(tmp_path / "repo")
    cases = repo / "data" / "cases.csv"
    cases.write_text(cases.read_text().replace("C015,2020-01-04", "C015,2019-12-30"))
    before_the_change(repo, env)                      # the figure was already wrong before this change
    baseline, gate = play(repo, env)
    assert baseline.returncode == 0 and gate.returncode == 1
    report = Report.model_validate_json((Path(env["RUNNER_TEMP"]) / "factcheck.json").read_text())
    assert report.comparison.regressions == []        # no regression; the job fails because a claim fails


def test_workflow_new_claims_file_runs_without_a_baseline(tmp_path: Path, env: dict[str, str]) -> None:
    repo = newsroom(tmp_path / "repo")                # no "before": the claims file is new in this change
    baseline, gate = play(repo, env)
    assert baseline.returncode == 0 and "nothing to compare with" in baseline.stdout
    assert gate.returncode == 0, gate.stderr
    report = Report.model_validate_json((Path(env["RUNNER_TEMP"]) / "factcheck.json").read_text())
    assert report.comparison is None


# --------------------------------------------------------------------------- pre-commit

def hooks() -> list[dict]:
    config = yaml.safe_load(PRECOMMIT.read_text())
    return [h for repo in config["repos"] for h in repo["hooks"]]


def test_precommit_hooks_run_on_data_and_claims_only() -> None:
    for hook in hooks():
        files = re.compile(hook["files"])
        assert files.search("data/cases.csv") and files.search("claims/2020.yaml")
        assert not files.search("README.md") and not files.search("src/data/x.py")
        assert hook["pass_filenames"] is False and hook["language"] == "system"


def precommit(repo: Path, env: dict[str, str]) -> dict[str, subprocess.CompletedProcess[str]]:
    return {h["id"]: subprocess.run(shlex.split(h["entry"]), cwd=repo, env=env, capture_output=True, text=True,
                                    timeout=120) for h in hooks()}


def test_precommit_hooks(tmp_path: Path, env: dict[str, str]) -> None:
    repo = newsroom(tmp_path / "repo")
    publish = "factcheck run claims/2020.yaml --json reports/2020.json"
    assert publish in PRECOMMIT.read_text()           # the documented way to make the baseline
    subprocess.run(shlex.split(publish), cwd=repo, env=env, check=True, capture_output=True)
    assert {k: p.returncode for k, p in precommit(repo, env).items()} == {"factcheck-contracts": 0,
                                                                          "factcheck-gate": 0}
    cases = repo / "data" / "cases.csv"
    cases.write_text(cases.read_text().replace("C015,2020-01-04", "C015,2019-12-30"))
    ran = precommit(repo, env)
    assert ran["factcheck-contracts"].returncode == 0 and ran["factcheck-gate"].returncode == 1
    assert "REGRESSED    cases-filed-rise" in ran["factcheck-gate"].stdout
    cases.write_text(cases.read_text().replace("2020-10-04", "10/04/2020"))
    ran = precommit(repo, env)
    assert ran["factcheck-contracts"].returncode == 2 and "the date format changed" in ran["factcheck-contracts"].stderr
