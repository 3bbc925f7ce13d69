"""``factcheck run a.yaml b.yaml`` (a CI gate over ``claims/*.yaml``): a claims file that cannot be
used is said, naming it, and the others are still judged; the command exits 2. Before, the first
unusable file stopped the command: the files after it were never run, and when files before it had
been judged and printed, its message still said "nothing was judged". Constructed data."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app

GOOD = "tables:\n  t: {path: t.csv}\nclaims:\n  - {id: rows, says: Three rows., measure: {count: t}, expect: 3}\n"
BROKEN = GOOD.replace("count: t}", "count: tt}")


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "t.csv").write_text("x\n1\n2\n3\n", encoding="utf-8")
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "also.yaml").write_text(GOOD.replace("rows", "all-rows"), encoding="utf-8")
    (tmp_path / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, " ".join(result.output.split())


@pytest.mark.parametrize("order", [("broken.yaml", "good.yaml", "also.yaml"), ("good.yaml", "broken.yaml", "also.yaml"),
                                   ("good.yaml", "also.yaml", "broken.yaml")])
def test_an_unusable_file_is_said_and_the_others_are_judged(folder: Path, order: tuple[str, ...]) -> None:
    code, out = _run("run", *order)
    assert code == 2, out
    assert "1 claim: 1 passed, 0 failed, 0 unverifiable — good.yaml" in out, out
    assert "1 claim: 1 passed, 0 failed, 0 unverifiable — also.yaml" in out, out
    assert "error: 1 problem stops broken.yaml; none of its claims was judged." in out, out
    assert "broken.yaml:4: claim 'rows': unknown table 'tt'" in out, out
    assert "nothing was judged" not in out, out


def test_a_missing_file_among_several_is_said_and_the_others_are_judged(folder: Path) -> None:
    code, out = _run("run", "nowhere.yaml", "good.yaml")
    assert code == 2, out
    assert "error: 1 problem stops nowhere.yaml" in out and "no such claims file" in out, out
    assert "— good.yaml" in out, out


def test_one_unusable_file_alone_is_said_as_before(folder: Path) -> None:
    code, out = _run("run", "broken.yaml")
    assert code == 2, out
    assert "error: 1 problem stops this run; nothing was judged." in out, out


def test_every_file_is_still_checked(folder: Path) -> None:
    code, out = _run("check", "broken.yaml", "good.yaml")
    assert code == 2, out
    assert "error: 1 problem stops broken.yaml" in out and "ok: good.yaml: 1 claim" in out, out


def test_failing_claims_and_an_unusable_file_exit_2(folder: Path) -> None:
    (folder / "good.yaml").write_text(GOOD.replace("expect: 3", "expect: 4"), encoding="utf-8")
    code, out = _run("run", "good.yaml", "broken.yaml")
    assert code == 2, out
    assert "0 passed, 1 failed" in out, out
