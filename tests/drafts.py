"""A draft and its data written into a folder, then `factcheck init` and `factcheck suggest` on them:
the editor's first steps, for the tests of what `suggest` proposes for a kind of sentence."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from factcheck.cli import app

runner = CliRunner()


def init_and_suggest(folder: Path, story: str, tables: dict[str, str], title: str = "Story") -> list[dict[str, Any]]:
    """Write ``tables`` (file name -> CSV text) and a draft of ``story`` under the heading ``title``
    into ``folder`` (made a repository, so the files are inside one), run `factcheck init` on them
    (a file it wrote before is replaced), then `factcheck suggest --json`: the claims as JSON."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ".git").mkdir(exist_ok=True)
    for name, text in tables.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "story.md").write_text(f"# {title}\n\n{story}\n", encoding="utf-8")
    (folder / "story.claims.yaml").unlink(missing_ok=True)
    made = runner.invoke(app, ["init", str(folder / "story.md"), *(str(folder / name) for name in tables)])
    assert made.exit_code == 0, made.output
    got = runner.invoke(app, ["suggest", str(folder / "story.claims.yaml"), "--json", "-"])
    assert got.exit_code == 0, got.output
    return json.loads(got.stdout)["claims"]  # type: ignore[no-any-return]


def csv_text(header: str, rows: list[str]) -> str:
    """A CSV file's text: its header line, then the rows."""
    return header + "\n" + "\n".join(rows) + "\n"


def first_pass(claims: list[dict[str, Any]], says: str, expect: Any, nth: int = 0) -> dict[str, Any]:
    """The measure of the first candidate of the ``nth`` claim (from 0) whose sentence starts with
    ``says`` and whose ``expect`` is ``expect``, asserting that there is one and that it passes."""
    claim = [c for c in claims if c["says"].startswith(says) and c["expect"] == expect][nth]
    assert claim["candidates"], claim
    first: dict[str, Any] = claim["candidates"][0]
    assert first["verdict"] == "pass", first
    return first["measure"]  # type: ignore[no-any-return]
