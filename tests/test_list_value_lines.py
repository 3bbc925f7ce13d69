"""A value of a list in a table's declaration that the data contradicts is pointed at on its own
line: ``closed:`` written as a block list (or a flow list over several lines) named the line of
``closed:``, where the reporter then looked for the misspelt group among all of them; so did an
``allowed:`` value that differs only in case from the one the data holds.
"""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from factcheck.cli import app

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _run(tmp_path: Path, table: str) -> tuple[int, str]:
    for name in ("population.csv", "residents.csv"):
        (tmp_path / name).write_bytes((FIXTURES / "prisons" / name).read_bytes())
    (tmp_path / ".git").mkdir(exist_ok=True)
    (tmp_path / "c.yaml").write_text(f"""\
version: 1
tables:
  population:
    path: population.csv
    time: year
{table}claims:
  - {{id: c, says: x, measure: {{sum: inmates, of: population, where: year == 2024}}, expect: '4,099'}}
""", encoding="utf-8")
    result = CliRunner().invoke(app, ["run", str(tmp_path / "c.yaml")])
    return result.exit_code, " ".join(result.output.split())


def test_a_misspelt_closed_group_in_a_block_list_is_pointed_at_on_its_line(tmp_path: Path) -> None:
    code, output = _run(tmp_path, "    reported_by: facility\n    closed:\n      - Riverbend\n      - Westfeld\n")
    assert code == 2, output
    assert "c.yaml:9: table 'population' declares closed: Westfeld, but its reported_by column" in output, output
    assert "hint: did you mean 'Westfield'?" in output and "Traceback" not in output


def test_each_misspelt_group_of_a_flow_list_over_lines_on_its_own(tmp_path: Path) -> None:
    code, output = _run(tmp_path, "    reported_by: facility\n    closed: [Westfeld,\n             Riverbend,\n"
                                  "             Pine Vally]\n")
    assert code == 2, output
    assert "c.yaml:7: table 'population' declares closed: Westfeld," in output, output  # on the line of closed:
    assert "c.yaml:9: table 'population' declares closed: Pine Vally," in output, output


def test_a_closed_group_written_twice_is_said_once_at_its_first(tmp_path: Path) -> None:
    code, output = _run(tmp_path, "    reported_by: facility\n    closed:\n      - Westfeld\n      - Westfeld\n")
    assert code == 2, output
    assert output.count("declares closed: Westfeld") == 1 and "c.yaml:8: " in output, output


def test_an_allowed_value_spelt_otherwise_is_pointed_at_on_its_line(tmp_path: Path) -> None:
    listed = ["Cedar Hill", "Northgate", "Pine Valley", "Riverbend", "Westfield", "westfield"]
    code, output = _run(tmp_path, "    columns:\n      facility:\n        allowed:\n"
                        + "".join(f"          - {v}\n" for v in listed))
    assert code == 2, output
    assert "c.yaml:14: column 'facility' of table 'population': the allowed value 'westfield' never occurs, " \
           "but 'Westfield' does" in output, output
