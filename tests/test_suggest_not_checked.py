"""`factcheck suggest FILE --not-checked`: claims drafted for the figures of the article no claim checks.

The editor's loop after `init`: the draft grows a paragraph, `run` lists its figures as not checked,
`suggest --not-checked` drafts a claim for each with the measures that meet it, the editor pastes
them under `claims:`, and `run` checks them. Walked here on the constructed bus-delay desk
(tests/fixtures/busdesk): in 2024 its data holds 22 complaints about driver conduct and 807 bus trips.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.suggest.unchecked import draft_not_checked

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "busdesk"
runner = CliRunner()
ADDED = "\nRiders filed 22 complaints about driver conduct in 2024. Buses ran 807 of the year's trips.\n"


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The desk after `init`, with every claim it drafted given a measure or ignored, then a new paragraph."""
    folder = tmp_path_factory.mktemp("desk") / "desk"
    shutil.copytree(FIXTURE, folder)
    data = folder / "data"
    result = runner.invoke(app, ["init", str(folder / "story.md"), str(data / "routes.csv"),
                                 str(data / "trips.csv"), str(data / "complaints.csv")])
    assert result.exit_code == 0, result.output
    claims = folder / "story.claims.yaml"
    text = claims.read_text(encoding="utf-8")
    # the first draft is settled: its claims are marked as read, so only the new paragraph is unchecked
    text = re.sub(r"^(    expect: .*)$", r"\1\n    unverifiable: settled before this test", text, flags=re.M)
    text = text.replace("    expect:", "    # expect:")
    claims.write_text(text, encoding="utf-8")
    with open(folder / "story.md", "a", encoding="utf-8") as fh:
        fh.write(ADDED)
    return folder


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.output


def test_run_lists_the_new_figures_as_not_checked(desk: Path) -> None:
    code, out = _run("run", str(desk / "story.claims.yaml"))
    unchecked = re.findall(r"^not checked: (.+?) \(line", out, flags=re.M)
    assert unchecked == ["22", "807"], out
    assert f"  hint: factcheck suggest {desk / 'story.claims.yaml'} --not-checked drafts a claim for each" in out, out


def test_check_lists_them_and_still_passes(desk: Path) -> None:
    """check validates without judging: the figures not checked are said, with the way on, not failed."""
    code, out = _run("check", str(desk / "story.claims.yaml"))
    assert code == 0, out
    assert re.findall(r"^not checked: (.+?) \(line", out, flags=re.M) == ["22", "807"], out
    assert "--not-checked drafts a claim for each" in out and "\nok: " in out, out


def test_init_run_again_points_to_not_checked(desk: Path) -> None:
    """An editor's first thought for a grown draft is init again, which never overwrites the file."""
    data = desk / "data"
    code, out = _run("init", str(desk / "story.md"), str(data / "routes.csv"), str(data / "trips.csv"))
    assert code == 2, out
    assert f"run: factcheck suggest {desk / 'story.claims.yaml'} --not-checked" in out, out


def test_markdown_and_html_reports_name_the_command(desk: Path, tmp_path: Path) -> None:
    """The Markdown report is what a CI job's summary shows; the HTML page is the editor's."""
    md, page = tmp_path / "r.md", tmp_path / "r.html"
    _run("run", str(desk / "story.claims.yaml"), "--markdown", str(md), "--html", str(page))
    command = f"factcheck suggest {desk / 'story.claims.yaml'} --not-checked"
    assert f"To draft a claim for each, with the measures that meet its figure: `{command}`" in md.read_text("utf-8")
    assert f"<code>{command}</code>" in page.read_text("utf-8")


def test_drafts_a_claim_per_unchecked_figure_with_the_measure_that_meets_it(desk: Path) -> None:
    claims = desk / "story.claims.yaml"
    before = claims.read_bytes()
    code, out = _run("suggest", str(claims), "--not-checked")
    assert code == 0, out
    assert claims.read_bytes() == before  # the claims file is only read
    assert out.startswith("# 2 figures of story.md are checked by no claim of "), out
    drafted = yaml.safe_load("claims:\n" + out)["claims"]  # paste-ready: the whole output is YAML
    assert [(c["says"], c["expect"]) for c in drafted] == [
        ("Riders filed 22 complaints about driver conduct in 2024.", "22"),
        ("Buses ran 807 of the year's trips.", "807")]
    ids = [c["id"] for c in drafted]
    existing = {c["id"] for c in yaml.safe_load(before)["claims"]}
    assert len(set(ids)) == 2 and not set(ids) & existing, ids
    first = out.split("  - id: ")[1]
    assert "# suggestion 1: 22 (pass)" in first, first
    assert "#     count: complaints" in first and "category == 'driver_conduct'" in first, first


def test_pasted_claims_check_the_figures(desk: Path, tmp_path: Path) -> None:
    """Each drafted claim with its first suggestion uncommented, pasted under claims: — the figures are checked."""
    code, out = _run("suggest", str(desk / "story.claims.yaml"), "--not-checked", "--top", "1")
    assert code == 0, out
    pasted = []
    for line in out.splitlines():
        if line.startswith("    # suggestion") or not line.strip() or line.startswith("#") or line.startswith("  #"):
            continue
        pasted.append(line.replace("    #   ", "    ", 1) if line.startswith("    #   ") else line)
    claims = desk / "story.claims.yaml"
    work = claims.with_name("pasted.claims.yaml")
    work.write_text(claims.read_text(encoding="utf-8").rstrip("\n") + "\n" + "\n".join(pasted) + "\n", encoding="utf-8")
    code, report = _run("run", str(work), "--require-coverage")
    assert "not checked:" not in report, report
    assert re.search(r"PASS +riders-filed-22-complaints-about-driver", report), report
    assert code == 0, report


def test_library_api_names_what_it_drafted(desk: Path) -> None:
    drafted = draft_not_checked(desk / "story.claims.yaml", top=1)
    assert drafted.not_checked == 2 and drafted.article == "story.md"
    assert [c.expect for c in drafted.suggestions.claims] == ["22", "807"]
    assert drafted.suggestions.claims[0].candidates[0].verdict == "pass"


def test_json_holds_the_drafted_claims(desk: Path) -> None:
    code, out = _run("suggest", str(desk / "story.claims.yaml"), "--not-checked", "--json", "-")
    assert code == 0, out
    claims = json.loads(out)["claims"]
    assert [c["says"] for c in claims] == ["Riders filed 22 complaints about driver conduct in 2024.",
                                           "Buses ran 807 of the year's trips."]


def test_nothing_to_draft_when_every_figure_is_checked(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parent.parent
    code, out = _run("suggest", str(root / "claims" / "2020.yaml"), "--not-checked")
    assert code == 0, out
    assert out.strip() == ("# every figure of 2020-article.md is checked, noted or ignored by "
                           f"{root / 'claims' / '2020.yaml'}: nothing to draft"), out


def test_a_claims_file_without_an_article_is_told_what_to_add(tmp_path: Path) -> None:
    shutil.copy(FIXTURE / "data" / "routes.csv", tmp_path / "routes.csv")
    claims = tmp_path / "c.yaml"
    claims.write_text("version: 1\ntables:\n  routes: {path: routes.csv}\nclaims:\n"
                      "  - {id: a, says: Ten routes., measure: {count: routes}, expect: 10}\n", encoding="utf-8")
    code, out = _run("suggest", str(claims), "--not-checked")
    assert code == 2, out
    assert "names no article" in out and "article: story.md" in out, out


def test_ids_or_all_with_not_checked_are_refused(desk: Path) -> None:
    for extra in (["some-id"], ["--all"]):
        code, out = _run("suggest", str(desk / "story.claims.yaml"), *extra, "--not-checked")
        assert code == 2, out
        assert "--not-checked drafts claims of its own" in out, out


def test_an_article_outside_the_repository_is_never_read(tmp_path: Path) -> None:
    """The boundary holds before a byte of the article is read: it is quoted in what is printed."""
    inside = tmp_path / "repo"
    (inside / ".git").mkdir(parents=True)
    shutil.copy(FIXTURE / "data" / "routes.csv", inside / "routes.csv")
    (tmp_path / "secret.md").write_text("The password is 12345.\n", encoding="utf-8")
    claims = inside / "c.yaml"
    claims.write_text("version: 1\narticle: ../secret.md\ntables:\n  routes: {path: routes.csv}\nclaims:\n"
                      "  - {id: a, says: Ten routes., measure: {count: routes}, expect: 10}\n", encoding="utf-8")
    code, out = _run("suggest", str(claims), "--not-checked")
    assert code == 2, out
    assert "outside the repository" in out and "12345" not in out, out


def test_an_edited_sentence_points_to_its_stale_claim(tmp_path: Path) -> None:
    """An editor changes "165 new criminal cases" to "166": the claim that stated 165 is stale, and the
    166 is not checked. Drafting a second claim for the sentence would leave the stale one behind: the
    draft says which claim the sentence was."""
    root = Path(__file__).resolve().parent.parent
    shutil.copytree(root / "claims", tmp_path / "claims")
    shutil.copytree(root / "data", tmp_path / "data")
    (tmp_path / ".git").mkdir()
    article = tmp_path / "claims" / "2020-article.md"
    text = article.read_text(encoding="utf-8")
    assert "Prosecutors filed 165 new criminal" in text
    article.write_text(text.replace("Prosecutors filed 165 new criminal", "Prosecutors filed 166 new criminal"),
                       encoding="utf-8")
    code, out = _run("suggest", str(tmp_path / "claims" / "2020.yaml"), "--not-checked", "--top", "1")
    assert code == 0, out
    block = out[out.index("  - id: "):]
    assert "Prosecutors filed 166 new criminal" in block, out
    assert "# the sentence of claim 'new-cases-2020' as edited" in block, out
