"""Help that reads: plain metavars, examples, a version, every command in the README."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck import __version__
from factcheck.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = [c.name or c.callback.__name__ for c in app.registered_commands]  # type: ignore[union-attr]
PYTHON_TYPE = re.compile(r"<(list|str|path|int|bool|dict|optional)[^>]*>|\{[a-z_]+\}|list\[|Optional\[", re.I)


def help_text(*args: str) -> str:
    result = CliRunner().invoke(app, [*args, "--help"], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    return result.output


def test_the_cli_has_the_commands_we_document() -> None:
    assert set(COMMANDS) == {"run", "diff", "check", "explain", "suggest", "init"}


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_no_help_text_shows_a_python_type(command: str) -> None:
    text = help_text(*([command] if command else []))
    assert not PYTHON_TYPE.search(text), PYTHON_TYPE.search(text)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_examples_and_plain_metavars(command: str) -> None:
    text = help_text(command)
    examples = text.split("Examples:", 1)[1].splitlines()
    assert sum(line.strip().startswith(f"factcheck {command} ") for line in examples) >= 1, text
    options = text.split("Options:", 1)[1]
    metavars = re.findall(r"^\s+(?:-\w, )?--[a-z-]+ ([^\s]+)", options, re.M)
    assert metavars
    for metavar in metavars:
        assert metavar in ("FILE", "PATH", "ID", "DIR", "OLD.json", "N", "MODE", "NAME", "URL"), (command, metavar)
    arguments = text.split("Arguments:", 1)[1].split("Options:", 1)[0]
    for name in re.findall(r"^  (\S+)", arguments, re.M):
        assert name in ("FILE", "FILE...", "ID", "[ID...]", "OLD.json", "NEW.json", "ARTICLE.md", "DATA", "DATA..."), (command, name)


def test_run_help_names_files_and_paths() -> None:
    text = help_text("run")
    assert "FILE..." in text
    assert "--json PATH" in text and "--only ID" in text and "--data-root DIR" in text


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme_command_table(command: str) -> None:
    table = README.split("## Commands", 1)[1].split("\n\n", 2)[1]
    assert f"| `factcheck {command} " in table, command


@pytest.mark.parametrize("command", COMMANDS)
def test_every_option_is_in_the_readme(command: str) -> None:
    for option in set(re.findall(r"(?<![\w-])(--[a-z][a-z-]+)", help_text(command))) - {"--help"}:
        assert f"`{option}" in README or f"{option} " in README, (command, option)


def test_version() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"factcheck {__version__}"
