"""Coverage in the reports: the article's figures no claim checks, stale `says`, `ignore:` entries,
claims without a measure, and the --require-coverage gate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import factcheck
from factcheck.cli import app
from factcheck.report import FigureStatus

ROOT = Path(__file__).resolve().parents[1]
CLAIMS = ROOT / "claims" / "2020.yaml"
ARTICLE = (ROOT / "claims" / "2020-article.md").read_text(encoding="utf-8")
ADDED = ("Courts convicted 163 trafficking defendants in 2020.",
         "Courts convicted 163 trafficking defendants in 2020. Another 27 were acquitted.")


def story_copy(tmp_path: Path, article: str = ARTICLE, claims_edit: tuple[str, str] | None = None) -> Path:
    """The 2020 story in a temporary folder: its data read where it is, through --data-root."""
    text = CLAIMS.read_text(encoding="utf-8").replace("path: ../data/", f"path: {ROOT / 'data'}/")
    if claims_edit is not None:
        assert claims_edit[0] in text
        text = text.replace(*claims_edit)
    (tmp_path / "2020-article.md").write_text(article, encoding="utf-8")
    path = tmp_path / "2020.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def report() -> factcheck.Report:
    return factcheck.verify(CLAIMS)


def test_every_figure_of_the_2020_story_is_checked_or_ignored_with_a_reason(report: factcheck.Report) -> None:
    cov = report.coverage
    assert cov is not None and cov.article == "2020-article.md"
    assert cov.not_checked == [] and cov.stale == [] and cov.unused_ignores == []
    ignored = [f for f in cov.figures if f.status == FigureStatus.IGNORED]
    assert [(f.text, f.line) for f in ignored] == [("Two decades", 70)]
    assert ignored[0].reason and ignored[0].claims == []
    by = {(f.line, f.text): f for f in cov.figures}
    assert by[52, "12"].claims == ["online-adults-wechat-12"] and by[52, "12"].status == FigureStatus.CHECKED
    assert by[1, "an eight-year low"].claims == ["headline-eight-year-low"]
    assert report.result("online-adults-wechat-12").verdict == "pass"
    assert report.result("headline-eight-year-low").verdict == "pass"
    assert report.result("online-children-the-bulk").verdict == "pass"
    assert report.result("most-cases-multi-agency").verdict == "pass"
    assert report.exit_code(require_coverage=True) == 1        # the story's two failing claims, not coverage
    assert report.exit_code() == report.exit_code(require_coverage=True)


def test_the_2020_story_passes_require_coverage_on_coverage() -> None:
    code, out = run("run", str(CLAIMS), "--require-coverage")
    assert code == 1                                  # two claims fail on their data (pinned elsewhere)
    assert "not checked" not in out and "2 failed" in out


def test_a_figure_added_to_the_draft_is_not_checked_in_json_and_terminal(tmp_path: Path) -> None:
    path = story_copy(tmp_path, ARTICLE.replace(*ADDED))
    out_json = tmp_path / "r.json"
    code, out = run("run", str(path), "--data-root", str(ROOT / "data"), "--json", str(out_json))
    assert code == 1
    assert "1 figure in the article is not checked" in out
    assert 'not checked: 27 (line 22) in "Another 27 were acquitted."' in out
    data = json.loads(out_json.read_text(encoding="utf-8"))
    missing = [f for f in data["coverage"]["figures"] if f["status"] == "not_checked"]
    assert missing == [{"text": "27", "sentence": "Another 27 were acquitted.", "line": 22, "column": 61,
                        "end_line": 22, "end_column": 63, "start": 8, "end": 10, "claims": [], "status": "not_checked",
                        "reason": None}]
    assert missing[0]["sentence"][8:10] == "27"             # start and end: the figure's span in its sentence
    code, out = run("run", str(path), "--data-root", str(ROOT / "data"), "--require-coverage")
    assert code == 1 and "(a failure under --require-coverage)" in out


def test_require_coverage_alone_decides_the_exit_status(tmp_path: Path) -> None:
    # only the passing claims, so that coverage is the one thing that can fail the run
    path = story_copy(tmp_path, ARTICLE.replace(*ADDED))
    only = ["--only", "new-cases-2020", "--data-root", str(ROOT / "data")]
    assert run("run", str(path), *only)[0] == 0
    assert run("run", str(path), *only, "--require-coverage")[0] == 1
    assert run("run", str(story_copy(tmp_path)), *only, "--require-coverage")[0] == 0


def test_an_edited_sentence_makes_its_claim_stale_on_every_run_and_fails_check_and_strict(tmp_path: Path) -> None:
    edited = ARTICLE.replace("Prosecutors filed 165 new criminal", "Prosecutors filed 166 new criminal")
    path = story_copy(tmp_path, edited)
    root = ["--data-root", str(ROOT / "data")]
    code, out = run("run", str(path), *root, "--only", "new-cases-2020")
    assert code == 0
    assert "stale: claim new-cases-2020 says" in out and "closest now (line 9)" in out
    assert "Prosecutors filed 166 new" in out and "1 claim no longer in the article" in out
    code, out = run("run", str(path), *root, "--only", "new-cases-2020", "--strict")
    assert code == 1 and "(a failure under --strict)" in out
    code, out = run("check", str(path), *root)
    assert code == 1 and "stale: claim new-cases-2020" in out and "no longer in the article" in out
    assert run("check", str(story_copy(tmp_path)), *root)[0] == 0


def test_an_ignore_entry_that_matches_nothing_is_reported(tmp_path: Path) -> None:
    path = story_copy(tmp_path, claims_edit=("figure: Two decades", "figure: Three decades"))
    report = factcheck.verify(path, data_root=ROOT / "data", only=["new-cases-2020"])
    assert report.coverage is not None
    assert [(e.sentence, e.figure) for e in report.coverage.unused_ignores] == [
        ("Two decades of cases", "Three decades")]
    assert [f.text for f in report.coverage.not_checked] == ["Two decades"]
    code, out = run("run", str(path), "--data-root", str(ROOT / "data"), "--only", "new-cases-2020")
    assert 'unused ignore: figure "Three decades" in "Two decades of cases" matches nothing' in out


def test_a_claim_without_a_measure_is_not_encoded_and_fails_strict(tmp_path: Path) -> None:
    noted = ("  - id: online-adults-wechat-12\n", "  - id: wechat-noted\n    says: Only 28 adult victims were "
             "recruited online, and WeChat was the platform most often used to reach them, with 12 victims.\n"
             "    expect: 12\n\n  - id: online-adults-wechat-12\n")
    path = story_copy(tmp_path, claims_edit=noted)
    report = factcheck.verify(path, data_root=ROOT / "data", only=["wechat-noted"])
    result = report.result("wechat-noted")
    assert (result.verdict, result.reason) == ("unverifiable", "not_encoded")
    # its best suggestion, found by `factcheck suggest` and run for real, is in the message
    assert "best suggestion: measure: {count: victims, where:" in result.message
    assert "recruitment_platform == 'WeChat'" in result.message and "(computes 12, pass)" in result.message
    assert report.exit_code() == 0 and report.exit_code(strict=True) == 1
    assert report.coverage is not None
    assert [f.claims for f in report.coverage.figures if f.line == 52 and f.text == "12"] == [
        ["wechat-noted", "online-adults-wechat-12"]]


def test_a_figure_only_a_noted_claim_states_is_not_encoded(tmp_path: Path) -> None:
    path = story_copy(tmp_path, ARTICLE.replace(*ADDED), claims_edit=(
        "  - id: pandemic-caused-the-fall\n",
        "  - id: acquitted\n    says: Another 27 were acquitted.\n    expect: 27\n\n  - id: pandemic-caused-the-fall\n"))
    report = factcheck.verify(path, data_root=ROOT / "data", only=["acquitted"])
    assert report.coverage is not None
    [fig] = [f for f in report.coverage.figures if f.text == "27"]
    assert (fig.status, fig.claims) == (FigureStatus.NOT_ENCODED, ["acquitted"])
    assert report.coverage.not_checked == []


def test_a_missing_article_is_an_error_naming_the_claims_file_line(tmp_path: Path) -> None:
    path = story_copy(tmp_path)
    (tmp_path / "2020-article.md").unlink()
    code, out = run("run", str(path), "--data-root", str(ROOT / "data"), "--only", "new-cases-2020")
    assert code == 2
    assert "2020-article.md" in out and "2020.yaml:28" in out and "Traceback" not in out


def test_a_claims_file_without_an_article_has_no_coverage(tmp_path: Path) -> None:
    path = story_copy(tmp_path, claims_edit=("article: 2020-article.md\n", ""))
    report = factcheck.verify(path, data_root=ROOT / "data", only=["new-cases-2020"])
    assert report.coverage is None and report.exit_code(strict=True, require_coverage=True) == 0


def test_figures_and_sentences_are_written_as_the_article_has_them_and_escaped_in_the_terminal(
        tmp_path: Path) -> None:
    path = story_copy(tmp_path, ARTICLE.replace(*(ADDED[0], ADDED[0] + " Another 27 \x1b[31mwere\x1b[0m acquitted.")))
    code, out = run("run", str(path), "--data-root", str(ROOT / "data"), "--only", "new-cases-2020")
    assert "\x1b[31m" not in out and "not checked: 27" in out


def test_a_figure_added_to_the_draft_is_not_checked_in_markdown_and_junit(tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    path = story_copy(tmp_path, ARTICLE.replace(*ADDED))
    md, xml = tmp_path / "r.md", tmp_path / "r.xml"
    root = ["--data-root", str(ROOT / "data")]
    run("run", str(path), *root, "--markdown", str(md), "--junit", str(xml))
    text = md.read_text(encoding="utf-8")
    assert "#### Coverage of the article" in text
    assert "1 figure of 47 in `2020-article.md` is not checked" in text
    assert "| 27 | 22 | Another 27 were acquitted. | not checked |  |" in text
    assert "| Two decades | 70 | Two decades of cases | ignored | a section heading;" in text
    suite = ET.parse(xml).getroot().find("testsuite")
    assert suite is not None
    [case] = [c for c in suite.iter("testcase") if c.get("classname", "").endswith(".article")]
    assert case.get("name") == "line 22: 27" and case.find("skipped") is not None
    assert suite.get("tests") == "47" and suite.get("skipped") == "3"     # 46 claims + the figure
    run("run", str(path), *root, "--require-coverage", "--markdown", str(md), "--junit", str(xml))
    assert "(**fails** under --require-coverage)" in md.read_text(encoding="utf-8")
    suite = ET.parse(xml).getroot().find("testsuite")
    assert suite is not None
    [case] = [c for c in suite.iter("testcase") if c.get("classname", "").endswith(".article")]
    failure = case.find("failure")
    assert failure is not None and failure.get("type") == "not_checked"
    assert suite.get("failures") == "3"      # the story's two failing claims and the figure


def test_a_figure_added_to_the_draft_is_not_checked_in_html(tmp_path: Path) -> None:
    path = story_copy(tmp_path, ARTICLE.replace(*ADDED).replace("Two decades of cases", "Two <b>decades</b> of cases"))
    page = tmp_path / "r.html"
    run("run", str(path), "--data-root", str(ROOT / "data"), "--require-coverage", "--html", str(page))
    html = page.read_text(encoding="utf-8")
    section = html[html.index('<section class="unplaced coverage" id="coverage">'):]
    section = section[:section.index("</section>")]
    assert "1 figure of 47 in <code>2020-article.md</code> is not checked (a failure under" in section
    assert ('<tr class="fig-not_checked"><td><strong>27</strong></td><td>22</td>'
            "<td>Another 27 were acquitted.</td><td>not checked</td>") in section
    assert "<b>" not in section                              # the article's markup is never copied in raw


def test_stale_claims_fail_and_unused_ignores_are_skipped_with_their_hint_in_junit(tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    edited = ARTICLE.replace("Prosecutors filed 165 new criminal", "Prosecutors filed 166 new criminal")
    path = story_copy(tmp_path, edited, claims_edit=("figure: Two decades", "figure: Three decades"))
    xml = tmp_path / "r.xml"
    code, _ = run("run", str(path), "--data-root", str(ROOT / "data"), "--only", "new-cases-2020",
                  "--junit", str(xml))
    assert code == 0                                     # stale fails only `check` and --strict ...
    suite = ET.parse(xml).getroot().find("testsuite")
    assert suite is not None
    cases = {c.get("name"): c for c in suite.iter("testcase") if c.get("classname", "").endswith(".article")}
    failure = cases["stale: new-cases-2020"].find("failure")  # ... but CI shows it: the check no longer holds
    assert failure is not None and failure.get("type") == "stale_says"
    assert "no longer in the article" in failure.get("message", "")
    assert "closest now (line 9): " in (failure.text or "") and "Prosecutors filed 166 new" in (failure.text or "")
    skipped = cases["unused ignore: Three decades"].find("skipped")
    assert skipped is not None and "matches nothing in the article" in skipped.get("message", "")
    assert "hint: write the sentence" in (skipped.text or "") and "reason: a section heading" in (skipped.text or "")
    # the counts include them: 1 claim, the stale claim, the unused entry, the figure it left unchecked and
    # "166", which the stale claim no longer states
    assert sorted(cases) == ["line 70: Two decades", "line 9: 166", "stale: new-cases-2020",
                             "unused ignore: Three decades"]
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped")) == ("5", "1", "3")


@pytest.mark.parametrize(("story", "claims"), [("er", 14), ("evictions", 15), ("overdoses", 9), ("stops", 13)])
def test_the_constructed_stories_pass_with_every_figure_checked_or_ignored(story: str, claims: int) -> None:
    """tests/fixtures/er: its `expect: A quarter` once covered no figure. tests/fixtures/evictions:
    its `more than twice`, and its rate's base ("per 1,000"), once stayed "not checked"; "Queens
    overtook Brooklyn" is a figure (checked by `overtook`) since it is one of the draft's."""
    result = CliRunner().invoke(app, ["run", str(Path(__file__).parent / "fixtures" / story / "claims.yaml"),
                                      "--require-coverage"])
    assert result.exit_code == 0, result.output
    assert f"{claims} claims: {claims} passed, 0 failed, 0 unverifiable" in result.output
