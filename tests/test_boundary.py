"""Outside a git repository the current directory is the boundary for data and articles."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import factcheck
from factcheck.errors import DataError
from factcheck.sources import describe_root, repository_root

CLAIMS = ("version: 1\ntables: {t: {path: ../data/t.csv}}\nclaims:\n"
          "  - {id: a, says: s, measure: {count: t}, expect: 2}\n")


@pytest.fixture
def plain(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The README's layout, claims/ beside data/, in a folder that is no git repository."""
    folder = tmp_path / "story"
    (folder / "claims").mkdir(parents=True)
    (folder / "data").mkdir()
    (folder / "data" / "t.csv").write_text("a\n1\n2\n")
    (folder / "claims" / "c.yaml").write_text(CLAIMS)
    assert not any((p / ".git").exists() for p in (folder, *folder.parents))
    monkeypatch.chdir(folder)
    return folder


def test_the_readme_layout_works_in_a_plain_folder(plain: Path) -> None:
    assert repository_root(plain / "claims") == plain.resolve()
    assert factcheck.verify(Path("claims/c.yaml")).results[0].verdict == "pass"


def test_the_cli_accepts_the_layout_in_a_plain_folder(plain: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    proc = subprocess.run([sys.executable, "-m", "factcheck", "run", "claims/c.yaml"], cwd=plain,
                          capture_output=True, text=True, timeout=120, env=env)
    assert proc.returncode == 0, proc.stderr


def test_run_from_the_claims_folder_names_the_root_it_used(plain: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(plain / "claims")
    with pytest.raises(DataError) as info:
        factcheck.verify(Path("c.yaml"))
    hint = info.value.problems[0].hint or ""
    assert "the current directory" in hint and str((plain / "claims").resolve()) in hint
    assert "no git repository" in hint


def test_a_claims_file_outside_the_current_directory_keeps_its_own_folder(
        plain: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert repository_root(plain / "claims") == (plain / "claims").resolve()
    with pytest.raises(DataError) as info:
        factcheck.verify(plain / "claims" / "c.yaml")
    assert "the claims file's folder" in (info.value.problems[0].hint or "")


def test_home_and_the_filesystem_root_are_never_the_boundary(plain: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(plain))
    assert repository_root(plain / "claims") == (plain / "claims").resolve()
    monkeypatch.chdir("/")
    assert repository_root(plain / "claims") == (plain / "claims").resolve()
    assert "claims file's folder" in describe_root((plain / "claims").resolve())


def test_a_git_repository_still_wins(plain: Path) -> None:
    (plain / "claims" / ".git").mkdir()
    assert repository_root(plain / "claims") == (plain / "claims").resolve()
    assert describe_root((plain / "claims").resolve()).startswith("the git repository")
