"""`explain` shows a top_sum's amounts in the value's own form: "top total: $1,368,982.69" beside
"computed $1,368,982.69" (was "top total: 1,368,983", rounded and without its sign)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app

_PAY = [1_000_000.5, 368_982.19, 100_000, 50_000.25]


@pytest.mark.parametrize(("expect", "top", "total"), [
    ("$1,368,982.69", "$1,368,982.69", "$1,518,982.94"),
    ("1,368,982.69", "1,368,982.69", "1,518,982.94"),
    ("about £1.4 million", "£1,368,982.69", "£1,518,982.94"),
])
def test_a_top_sums_amounts_are_shown_as_its_value_is(tmp_path: Path, expect: str, top: str, total: str) -> None:
    (tmp_path / "t.csv").write_text("id,pay\n" + "\n".join(f"{i},{v}" for i, v in enumerate(_PAY)) + "\n",
                                    encoding="utf-8")
    (tmp_path / "c.yaml").write_text(
        "version: 1\ntables:\n  t: {path: t.csv}\nclaims:\n"
        f"  - {{id: top, says: 'The two largest took home {expect}.', measure: {{top_sum: pay, of: t, top_n: 2}},"
        f" expect: '{expect}'}}\n", encoding="utf-8")
    run = CliRunner().invoke(app, ["explain", str(tmp_path / "c.yaml"), "top"])
    assert run.exit_code == 0, run.output
    assert f"computed {top}" in run.output
    assert f"top total: {top}\n" in run.output and f"  total: {total}\n" in run.output, run.output
