"""Docs that cannot drift: every field, measure kind and command is documented."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from factcheck import claims as cm
from factcheck.cli import app
from factcheck.report import NoteCode, Reason

ROOT = Path(__file__).resolve().parents[1]
FORMAT = (ROOT / "docs" / "claims-format.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


def fields(model: type) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


@pytest.mark.parametrize("model", [cm.ClaimsFile, cm.Table, cm.Claim, cm.CsvOptions, cm.ColumnSpec])
def test_every_field_of_the_format_is_documented(model: type) -> None:
    for name in fields(model):
        assert f"`{name}`" in FORMAT, f"{model.__name__}.{name} is not in docs/claims-format.md"


@pytest.mark.parametrize("kind", list(cm.KINDS))
def test_every_measure_kind_is_documented_with_its_fields(kind: str) -> None:
    row = next((l for l in FORMAT.splitlines() if l.startswith(f"| `{kind}` |")), None)
    assert row, f"measure kind {kind} has no row in docs/claims-format.md"
    for name in fields(cm.KINDS[kind]):
        if name not in ("unit", "where") and name != kind:
            assert f"`{name}" in row, f"{kind}.{name} missing from its row"


def test_every_reason_and_note_code_is_in_the_readme() -> None:
    for code in [*Reason, *NoteCode]:
        assert f"`{code.value}`" in README, code


def test_every_command_is_in_the_readme() -> None:
    for command in app.registered_commands:
        name = command.name or command.callback.__name__
        assert f"factcheck {name}" in README, name


def test_the_readme_quickstart_is_two_commands() -> None:
    block = README.split("## Quickstart", 1)[1].split("```", 2)[1]
    commands = [l for l in block.splitlines()[1:] if l.strip() and not l.startswith("#")]
    assert len(commands) == 2
    assert commands[0].endswith("factcheck run claims/2020.yaml")
    assert "pytest" in commands[1]
    ci = (ROOT / ".ci" / "run").read_text()
    assert commands[1].strip() in ci


def test_the_readme_shows_the_real_output_of_the_story() -> None:
    """The worked example is the real output: regenerate it if the data or wording changed."""
    proc = subprocess.run([sys.executable, "-m", "factcheck", "run", "claims/2020.yaml"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    lines = proc.stdout.splitlines()
    shown = [l for l in README.split("<!-- run-output -->", 2)[1].splitlines() if l and not l.startswith("```")]
    assert shown
    for line in shown:
        if line.strip() == "…":
            continue
        assert line in lines, f"README shows a line the run does not print: {line!r}"
