"""A data update, end to end, through the CI gate.

The story (tests/fixtures/gate) is published: its report is kept as the
baseline. Then the data is refreshed the ways real refreshes go — rows added
for a new year, a correction that flips a published figure, a category renamed
by the export — and the gate is run with --baseline each time. The data files
are private copies in tmp_path; factcheck itself never writes them.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.report import Report

FIXTURE = Path(__file__).parent / "fixtures" / "gate"
NEW_YEAR = "C025,2021-02-01,sex_trafficking,TX\nC026,2021-03-01,sex_trafficking,FL\nC027,2021-04-01,labor_trafficking,CA\n"


class Newsroom:
    """A repository with the story, its data and a place for reports."""

    def __init__(self, root: Path) -> None:
        shutil.copytree(FIXTURE, root)
        (root / ".git").mkdir()
        self.root = root
        self.claims = root / "claims" / "story.yaml"
        self.data = root / "data"

    def run(self, *args: str) -> tuple[int, str]:
        result = CliRunner().invoke(app, ["run", str(self.claims), *args])
        return result.exit_code, result.output

    def append(self, name: str, rows: str) -> None:
        with open(self.data / name, "a") as fh:
            fh.write(rows)

    def replace(self, name: str, old: str, new: str) -> None:
        path = self.data / name
        assert old in path.read_text()
        path.write_text(path.read_text().replace(old, new))

    def hashes(self) -> dict[str, str]:
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(self.data.iterdir())}


@pytest.fixture
def newsroom(tmp_path: Path) -> Newsroom:
    return Newsroom(tmp_path / "repo")


@pytest.fixture
def published(newsroom: Newsroom, tmp_path: Path) -> Path:
    """Publication day: every figure holds, and the JSON report is kept."""
    baseline = tmp_path / "published.json"
    code, output = newsroom.run("--json", str(baseline))
    assert code == 0, output
    report = Report.model_validate_json(baseline.read_text())
    assert report.summary.failed == 0 and report.comparison is None
    return baseline


def test_a_refresh_that_keeps_every_figure_is_green(newsroom: Newsroom, published: Path, tmp_path: Path) -> None:
    newsroom.append("cases.csv", NEW_YEAR)                      # 2021 arrives
    before = newsroom.hashes()
    code, output = newsroom.run("--baseline", str(published), "--json", str(tmp_path / "new.json"))
    assert code == 0, output
    assert "MOVED        most-cases-sex-trafficking: still pass; stated a majority, was 70.8%, now 70.4%" in output
    assert "DATA         cases (../data/cases.csv): 24 → 27 rows" in output
    assert "REGRESSED" not in output
    assert output.splitlines()[-1].endswith("1 data file changed — no regression")
    comparison = Report.model_validate_json((tmp_path / "new.json").read_text()).comparison
    assert comparison is not None and comparison.exit_code() == 0
    assert {c.id: c.status for c in comparison.claims} == {
        "cases-filed-rise": "unchanged", "labor-cases-2020": "unchanged", "facebook-online-recruitment": "unchanged",
        "most-cases-sex-trafficking": "value_changed", "traffickers-act-alone": "unchanged"}
    assert [(t.name, t.status) for t in comparison.tables] == [("cases", "changed"), ("victims", "unchanged")]
    assert newsroom.hashes() == before                           # read, never written


def test_a_correction_that_flips_a_figure_fails_the_gate(newsroom: Newsroom, published: Path, tmp_path: Path) -> None:
    newsroom.append("cases.csv", NEW_YEAR)
    newsroom.replace("cases.csv", "C015,2020-01-04", "C015,2019-12-30")   # filed in 2019 after all
    before = newsroom.hashes()
    new, md = tmp_path / "new.json", tmp_path / "new.md"
    code, output = newsroom.run("--baseline", str(published), "--json", str(new), "--markdown", str(md))
    assert code == 1, output
    # the message names the claim, the old and new values, and the changed file
    assert "REGRESSED    cases-filed-rise: pass → fail; stated up 25%, was +25%, now 0% [wrong_direction]" in output
    assert "             data changed: cases (../data/cases.csv)" in output
    assert "since the baseline: 1 regression, 1 moved but still hold, 3 unchanged; 1 data file changed — the gate fails" \
        in output
    report = Report.model_validate_json(new.read_text())
    assert report.result("cases-filed-rise").verdict == "fail"
    [regression] = report.comparison.regressions
    assert (regression.id, regression.value_before, regression.value_after) == ("cases-filed-rise", 0.25, 0.0)
    assert regression.tables_changed == ["cases"]
    cases = report.comparison.tables[0]
    assert cases.sha256_before != cases.sha256_after and cases.sha256_after == before["cases.csv"]
    summary = md.read_text()
    assert "cases-filed-rise" in summary
    assert "#### Changes since the baseline" in summary  # the Markdown report carries the comparison
    assert newsroom.hashes() == before


def test_a_renamed_category_is_stopped_by_the_contract(newsroom: Newsroom, published: Path, tmp_path: Path) -> None:
    newsroom.append("cases.csv", NEW_YEAR)
    newsroom.replace("victims.csv", ",Facebook\n", ",facebook\n")    # the export lower-cased the platforms
    new = tmp_path / "new.json"
    code, output = newsroom.run("--baseline", str(published), "--json", str(new))
    assert code == 2, output
    assert "nothing was judged" in output
    assert "victims.csv:2" in output and "column 'recruitment_platform'" in output
    assert "'facebook' differs from the allowed 'Facebook' only in capitals" in output
    assert not new.exists()


def test_without_the_contract_the_renamed_category_would_silently_flip_the_figure(
        newsroom: Newsroom, published: Path) -> None:
    text = newsroom.claims.read_text()
    newsroom.claims.write_text(text.replace(
        "      recruitment_platform: {allowed: [Facebook, Instagram, Snapchat, Other]}\n", ""))
    newsroom.replace("victims.csv", ",Facebook\n", ",facebook\n")
    code, output = newsroom.run("--baseline", str(published))
    assert code == 1
    assert "REGRESSED    facebook-online-recruitment: pass → fail; stated 60%, was 60%, now 0%" in output
    assert "data changed: victims (../data/victims.csv)" in output


def test_the_diff_command_agrees(newsroom: Newsroom, published: Path, tmp_path: Path) -> None:
    newsroom.replace("cases.csv", "C015,2020-01-04", "C015,2019-12-30")
    newsroom.run("--json", str(tmp_path / "new.json"))
    result = CliRunner().invoke(app, ["diff", str(published), str(tmp_path / "new.json")])
    assert result.exit_code == 1
    assert "REGRESSED    cases-filed-rise: pass → fail" in result.output


def test_only_compares_the_selected_claims(newsroom: Newsroom, published: Path) -> None:
    newsroom.replace("cases.csv", "C015,2020-01-04", "C015,2019-12-30")
    code, output = newsroom.run("--baseline", str(published), "--only", "labor-cases-2020")
    assert code == 0 and "REMOVED" not in output
    code, output = newsroom.run("--baseline", str(published), "--only", "cases-filed-rise")
    assert code == 1 and "REGRESSED    cases-filed-rise" in output


def test_a_baseline_from_another_story_exits_2(newsroom: Newsroom, published: Path, tmp_path: Path) -> None:
    other = json.loads(published.read_text())
    other["claims_file"] = "claims/2019.yaml"
    (tmp_path / "other.json").write_text(json.dumps(other))
    code, output = newsroom.run("--baseline", str(tmp_path / "other.json"))
    assert code == 2 and "the baseline is a report on another claims file" in output


@pytest.mark.parametrize("content, message", [
    ("<testsuites/>", "is not a factcheck report: it is not JSON"),
    ('{"schema_version": "3.0", "results": []}', "has schema_version 3.0"),
])
def test_an_unusable_baseline_exits_2_before_judging(newsroom: Newsroom, tmp_path: Path, content: str,
                                                     message: str) -> None:
    (tmp_path / "bad.json").write_text(content)
    code, output = newsroom.run("--baseline", str(tmp_path / "bad.json"), "--json", str(tmp_path / "new.json"))
    assert code == 2 and message in output
    assert not (tmp_path / "new.json").exists()


def test_baseline_takes_one_claims_file(newsroom: Newsroom, published: Path) -> None:
    result = CliRunner().invoke(app, ["run", str(newsroom.claims), str(newsroom.claims), "--baseline", str(published)])
    assert result.exit_code == 2 and "--baseline takes one claims file at a time" in result.output
