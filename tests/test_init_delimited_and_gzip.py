"""`factcheck init` reads the files `factcheck run` reads, the way it reads them.

A ``;``-delimited CSV one of whose values held a comma (``"Smith, J.";12,5``) stopped init with
"line 2 has 2 fields, the header has 1": the file was read with commas before its header was
looked at, though `run` names the ``;`` from the header. A ``.csv.gz`` that `run` reads was
refused outright ("not a CSV or Parquet file"). Numbers written with a decimal comma (``12,5``)
are read as text; init now says so in a note and gives the column no list of its "values".
"""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from factcheck import verify
from factcheck.cli import app

runner = CliRunner()
STORY = "# Payments\n\nThe city made 3 payments.\n"


def _init(folder: Path, *data: str, story: str = STORY) -> tuple[int, str]:
    (folder / ".git").mkdir(exist_ok=True)  # the files are inside a repository, as a newsroom's are
    (folder / "story.md").write_text(story, encoding="utf-8")
    (folder / "story.claims.yaml").unlink(missing_ok=True)
    result = runner.invoke(app, ["init", str(folder / "story.md"), *(str(folder / d) for d in data)])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def _starter(folder: Path) -> dict[str, Any]:
    return yaml.safe_load((folder / "story.claims.yaml").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _judge(folder: Path, claims: list[dict[str, Any]]) -> dict[str, tuple[str, Any]]:
    """The starter file with these claims in place of its own, judged: each claim's verdict and value."""
    doc = _starter(folder)
    doc["claims"] = claims
    (folder / "checked.yaml").write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return {r.id: (r.verdict.value, r.value) for r in verify(folder / "checked.yaml").results}


SEMICOLONS = 'name;amount;visits\n"Smith, J.";12,5;3\n"Doe, A.";7,25;4\n"Roe, B.";3;5\n'


def test_a_semicolon_file_with_a_comma_in_a_value_gets_its_delimiter_and_runs(tmp_path: Path) -> None:
    (tmp_path / "payments.csv").write_text(SEMICOLONS, encoding="utf-8")
    code, output = _init(tmp_path, "payments.csv")
    assert code == 0, output
    table = _starter(tmp_path)["tables"]["payments"]
    assert table["csv"] == {"delimiter": ";"}
    assert list(table["columns"]) == ["name", "amount", "visits"]
    assert table["columns"]["visits"] == {"type": "integer"}
    got = _judge(tmp_path, [
        {"id": "smith", "says": "Smith, J. made 3 visits.", "measure": {"sum": "visits", "of": "payments",
                                                                        "where": "name == 'Smith, J.'"}, "expect": 3},
        {"id": "all", "says": "There were 12 visits.", "measure": {"sum": "visits", "of": "payments"}, "expect": 12}])
    assert got == {"smith": ("pass", 3), "all": ("pass", 12)}
    ran = runner.invoke(app, ["run", str(tmp_path / "story.claims.yaml")])
    assert ran.exit_code == 0, ran.output  # the starter file itself runs


def test_numbers_with_a_decimal_comma_are_said_to_be_text(tmp_path: Path) -> None:
    """They are text to factcheck: a note says so, with the fix, and no `allowed:` list of three
    amounts makes them look like categories. A sum of them stops the run with a located message."""
    (tmp_path / "payments.csv").write_text(SEMICOLONS, encoding="utf-8")
    assert _init(tmp_path, "payments.csv")[0] == 0
    text = (tmp_path / "story.claims.yaml").read_text(encoding="utf-8")
    assert ("# note: amount holds numbers written with a comma (2 of its values, such as '12,5'), and factcheck "
            "reads a number's decimals after a point only: amount is read as text") in text
    assert "write the file's numbers with a point (12,5 as 12.5)" in text
    assert _starter(tmp_path)["tables"]["payments"]["columns"]["amount"] == {"type": "text"}
    doc = _starter(tmp_path)
    doc["claims"] = [{"id": "sum", "says": "They paid 22.75.", "measure": {"sum": "amount", "of": "payments"},
                      "expect": 22.75}]
    (tmp_path / "checked.yaml").write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    ran = runner.invoke(app, ["run", str(tmp_path / "checked.yaml")])
    assert ran.exit_code == 2
    assert "column 'amount' holds text where the claim needs numbers: line 2 holds '12,5'" in ran.output


@pytest.mark.parametrize("values", [["12,5", "3", "1.234,5"], ["-0,5", "+2"], ["12,500", "3"]])
def test_a_column_of_comma_numbers_gets_a_note(tmp_path: Path, values: list[str]) -> None:
    rows = "".join(f"{chr(65 + i)};{v}\n" for i, v in enumerate(values))
    (tmp_path / "t.csv").write_text("name;amount\n" + rows, encoding="utf-8")
    assert _init(tmp_path, "t.csv")[0] == 0
    assert "# note: amount holds numbers written with a comma" in (tmp_path / "story.claims.yaml").read_text()


@pytest.mark.parametrize("values", [["12,5", "n/a"], ["a,b", "c"], ["3", "4"]])
def test_text_that_is_not_all_numbers_gets_no_such_note(tmp_path: Path, values: list[str]) -> None:
    """'n/a' among them, words with commas, or whole numbers (read as numbers): no note."""
    rows = "".join(f"{chr(65 + i)};{v}\n" for i, v in enumerate(values))
    (tmp_path / "t.csv").write_text("name;amount\n" + rows, encoding="utf-8")
    assert _init(tmp_path, "t.csv")[0] == 0
    assert "written with a comma" not in (tmp_path / "story.claims.yaml").read_text()


NAMES = st.text(alphabet=st.sampled_from("abcXYZ ,.'-"), min_size=1, max_size=12).filter(lambda s: s.strip() == s
                                                                                          and s.strip(",.'-"))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.lists(NAMES, min_size=2, max_size=5, unique=True),
       delimiter=st.sampled_from([";", "|", "\t"]))
def test_any_names_in_a_file_of_another_delimiter_are_read_as_written(tmp_path: Path, names: list[str],
                                                                      delimiter: str) -> None:
    """Names holding commas, points and quotes, in a file whose delimiter the header alone gives."""
    lines = ["name" + delimiter + "visits"]
    lines += ['"' + n.replace('"', '""') + '"' + delimiter + str(i + 1) for i, n in enumerate(names)]
    (tmp_path / "v.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, output = _init(tmp_path, "v.csv")
    assert code == 0, output
    assert _starter(tmp_path)["tables"]["v"]["csv"]["delimiter"] == delimiter
    literal = names[-1].replace("'", "''")
    got = _judge(tmp_path, [{"id": "last", "says": "x", "expect": len(names),
                             "measure": {"sum": "visits", "of": "v", "where": f"name == '{literal}'"}}])
    assert got == {"last": ("pass", len(names))}


# --------------------------------------------------------------------------- gzip


PAYMENTS = "pay_id,paid,borough,amount\nP1,2022-01-05,Queens,10\nP2,2022-02-05,Bronx,20\nP3,2022-03-05,Queens,30\n"


def _gz(folder: Path, name: str, text: str) -> None:
    with gzip.open(folder / name, "wt", encoding="utf-8", newline="") as fh:
        fh.write(text)


def test_a_gzip_csv_is_declared_as_its_plain_twin(tmp_path: Path) -> None:
    plain, packed = tmp_path / "plain", tmp_path / "packed"
    plain.mkdir()
    packed.mkdir()
    (plain / "payments.csv").write_text(PAYMENTS, encoding="utf-8")
    _gz(packed, "payments.csv.gz", PAYMENTS)
    assert _init(plain, "payments.csv")[0] == 0
    code, output = _init(packed, "payments.csv.gz")
    assert code == 0, output
    was, got = _starter(plain), _starter(packed)
    assert got["tables"]["payments"].pop("path") == "payments.csv.gz"  # the table is named payments, not payments_csv
    was["tables"]["payments"].pop("path")
    assert got == was
    assert _judge(packed, [{"id": "n", "says": "x", "measure": {"sum": "amount", "of": "payments",
                                                                "where": "paid_year == 2022"}, "expect": 60}]) \
        == {"n": ("pass", 60)}


@pytest.mark.parametrize("name, text, declared", [
    ("visits.csv.gz", 'id;day;name;amount\n1;01/13/2022;"Smith, J.";1,5\n2;02/20/2022;Doe;2\n',
     {"delimiter": ";", "date_format": "%m/%d/%Y"}),
    ("visits.tsv.gz", "id\tday\tname\n1\t2022-01-13\tSmith, J.\n2\t2022-02-20\tDoe\n", None),
    ("visits.TXT.GZ", "id|day|name\n1|2022-01-13|Smith, J.\n2|2022-02-20|Doe\n", {"delimiter": "|"}),
])
def test_a_gzip_file_gets_the_reading_options_run_needs(tmp_path: Path, name: str, text: str,
                                                        declared: dict[str, str] | None) -> None:
    _gz(tmp_path, name, text)
    code, output = _init(tmp_path, name)
    assert code == 0, output
    table = _starter(tmp_path)["tables"]["visits"]
    assert table.get("csv") == declared and table["time"] == "day" and table["key"] == "id"
    assert _judge(tmp_path, [{"id": "n", "says": "x", "measure": {"count": "visits", "where": "day_year == 2022"},
                              "expect": 2}]) == {"n": ("pass", 2)}


@pytest.mark.parametrize("name, content, said", [
    ("payments.csv", gzip.compress(PAYMENTS.encode()),
     "the file is gzip-compressed, though its name does not end in .gz"),
    ("payments.csv.gz", PAYMENTS.encode(), "Not a gzipped file"),
    ("payments.csv.bz2", b"BZh91AY&SY", "not a CSV or Parquet file"),
])
def test_a_file_run_would_refuse_is_refused_with_its_name(tmp_path: Path, name: str, content: bytes,
                                                          said: str) -> None:
    (tmp_path / name).write_bytes(content)
    code, output = _init(tmp_path, name)
    assert code == 2 and said in output and name in output, output
    assert not (tmp_path / "story.claims.yaml").exists()
