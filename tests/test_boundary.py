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


# --------------------------------------------------------------------------- the .git folder

SECRET = "https://alice:ghp_SECRETTOKEN123@github.com/acme/news.git"


@pytest.fixture
def repo_with_token(tmp_path: Path) -> Path:
    """A repository whose git config holds a remote URL with its token, as a CI checkout's does."""
    folder = tmp_path / "news"
    (folder / "claims").mkdir(parents=True)
    (folder / ".git").mkdir()
    (folder / ".git" / "config").write_text(f'[remote "origin"]\n\turl = {SECRET}\n')
    (folder / "data").mkdir()
    (folder / "data" / "t.csv").write_text("a\n1\n2\n")
    return folder


def _run_cli(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    return subprocess.run([sys.executable, "-m", "factcheck", *args], cwd=folder, capture_output=True, text=True,
                          timeout=120, env=env)


@pytest.mark.parametrize("path", ["../.git/config", "../data/../.git/config", "link/config", "../.Git/config"])
def test_a_table_in_the_git_folder_is_refused_and_nothing_of_it_is_shown(repo_with_token: Path, path: str) -> None:
    """An attack read .git/config as a table of lines and put the token in the terminal, the Markdown and
    the HTML reports (and, through a filter's typo hint, in the CI log)."""
    if path.startswith("link"):
        (repo_with_token / "claims" / "link").symlink_to(repo_with_token / ".git")
    if ".Git" in path:  # a folder of that name (as on a filesystem that ignores case)
        (repo_with_token / ".Git").mkdir()
        (repo_with_token / ".Git" / "config").write_text(f"url = {SECRET}\n")
    (repo_with_token / "claims" / "x.yaml").write_text(
        "tables:\n  cfg:\n    path: " + path + "\n    csv: {delimiter: '|', header: false, names: [line]}\n"
        "claims:\n  - id: c1\n    says: The top lines are a and b.\n"
        "    measure: {top: line, of: cfg, n: 10, where: \"line == 'x'\"}\n    expect: [a, b]\n")
    proc = _run_cli(repo_with_token, "run", "claims/x.yaml", "--markdown", "r.md", "--html", "r.html")
    said = " ".join((proc.stdout + proc.stderr).split())
    assert proc.returncode == 2, said
    assert "ghp_SECRET" not in said
    assert "claims/x.yaml:3" in said and "points into the repository's" in said and "folder" in said
    assert not (repo_with_token / "r.md").exists() and not (repo_with_token / "r.html").exists()


def test_the_git_folder_is_refused_with_an_explicit_data_root_too(repo_with_token: Path) -> None:
    (repo_with_token / "claims" / "x.yaml").write_text(
        "tables:\n  cfg: {path: ../.git/config, csv: {header: false, names: [line]}}\n"
        "claims:\n  - {id: c1, says: s, measure: {count: cfg}, expect: 2}\n")
    with pytest.raises(DataError) as info:
        factcheck.verify(repo_with_token / "claims" / "x.yaml", data_root=repo_with_token.parent)
    assert "points into the repository's .git folder" in info.value.problems[0].message


def test_an_article_in_the_git_folder_is_refused(repo_with_token: Path) -> None:
    (repo_with_token / "claims" / "y.yaml").write_text(
        "article: ../.git/config\ntables: {t: {path: ../data/t.csv}}\n"
        "claims:\n  - {id: a, says: There are 2 rows., measure: {count: t}, expect: 2}\n")
    proc = _run_cli(repo_with_token, "run", "claims/y.yaml", "--html", "r.html")
    said = " ".join((proc.stdout + proc.stderr).split())
    assert proc.returncode == 2, said
    assert "ghp_SECRET" not in said
    assert "the article ../.git/config points into the repository's .git folder" in said
    assert not (repo_with_token / "r.html").exists()


def test_a_folder_whose_name_only_begins_with_git_is_data(repo_with_token: Path) -> None:
    """Only the version-control folder itself: `.github/` and `git-data/` are the repository's."""
    for folder in (".github", "git-data", ".gitdata"):
        (repo_with_token / folder).mkdir()
        (repo_with_token / folder / "t.csv").write_text("a\n1\n2\n")
        (repo_with_token / "claims" / "z.yaml").write_text(
            f"tables: {{t: {{path: ../{folder}/t.csv}}}}\n"
            "claims:\n  - {id: a, says: s, measure: {count: t}, expect: 2}\n")
        assert factcheck.verify(repo_with_token / "claims" / "z.yaml").results[0].verdict == "pass"


def test_a_git_repository_at_the_home_folder_is_no_boundary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Dotfiles kept in git at ~ made the whole home folder the boundary: a claims file unpacked into
    ~/Downloads read ~/.aws/credentials (an attack)."""
    home = tmp_path / "home"
    (home / ".git").mkdir(parents=True)
    (home / ".aws").mkdir()
    (home / ".aws" / "credentials").write_text("[default]\naws_secret_access_key = SECRETKEY123\n")
    story = home / "Downloads" / "story"
    (story / "claims").mkdir(parents=True)
    (story / "claims" / "x.yaml").write_text(
        "tables:\n  creds: {path: ../../../.aws/credentials, csv: {delimiter: '|', header: false, names: [line]}}\n"
        "claims:\n  - {id: c1, says: s, measure: {top: line, of: creds, n: 5}, expect: [a, b]}\n")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(story)
    assert repository_root(story / "claims") == story.resolve()  # the current folder, as with no repository
    with pytest.raises(DataError) as info:
        factcheck.verify(Path("claims/x.yaml"))
    assert "points outside the repository" in info.value.problems[0].message
    assert "SECRETKEY" not in str(info.value.problems)


def test_duckdb_spills_into_a_private_temporary_folder_not_the_current_one() -> None:
    """DuckDB's default is .tmp in the current folder: data expanding past the memory limit (a small
    .gz of millions of rows) made it write there."""
    import tempfile

    from factcheck.backends.duckdb import DuckDB
    backend = DuckDB()
    try:
        folder = Path(backend.con.execute("SELECT current_setting('temp_directory')").fetchall()[0][0])
    finally:
        backend.close()
    assert folder.is_absolute() and folder.parent == Path(tempfile.gettempdir())
    assert folder.name.startswith("factcheck-duckdb-") and len(folder.name) > 40
    assert not folder.exists()  # made only when DuckDB spills


@pytest.mark.parametrize("bare", ["mirror.git", "mirror"])
def test_a_bare_clone_inside_the_repository_is_refused_too(repo_with_token: Path, bare: str) -> None:
    """An attack read data/mirror.git/config, a bare clone's, whose remote URL held the token: a git
    folder is known by what it holds (HEAD, config, objects/), whatever its name."""
    folder = repo_with_token / "data" / bare
    (folder / "objects").mkdir(parents=True)
    (folder / "HEAD").write_text("ref: refs/heads/main\n")
    (folder / "config").write_text(f'[remote "origin"]\n\turl = {SECRET}\n')
    (repo_with_token / "claims" / "x.yaml").write_text(
        f"tables:\n  cfg: {{path: ../data/{bare}/config, csv: {{delimiter: '|', header: false, names: [line]}}}}\n"
        "claims:\n  - {id: c1, says: s, measure: {top: line, of: cfg, n: 5}, expect: [a]}\n")
    with pytest.raises(DataError) as info:
        factcheck.verify(repo_with_token / "claims" / "x.yaml")
    assert f"points into the repository's {bare} folder" in info.value.problems[0].message
    assert "ghp_SECRET" not in str(info.value.problems)


def test_a_folder_with_a_file_named_head_is_still_data(repo_with_token: Path) -> None:
    """Only all three make a git folder: a data folder with a HEAD file and a config is read."""
    folder = repo_with_token / "data" / "survey"
    folder.mkdir()
    (folder / "HEAD").write_text("x\n")
    (folder / "config").write_text("x\n")
    (folder / "t.csv").write_text("a\n1\n2\n")
    (repo_with_token / "claims" / "z.yaml").write_text(
        "tables: {t: {path: ../data/survey/t.csv}}\nclaims:\n  - {id: a, says: s, measure: {count: t}, expect: 2}\n")
    assert factcheck.verify(repo_with_token / "claims" / "z.yaml").results[0].verdict == "pass"
