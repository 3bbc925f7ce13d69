"""Property: whatever a claims file says, a run ends in a Report or a located FactcheckError.

Claims are assembled at random from valid and invalid pieces (tables, columns, filters,
measure kinds, expectations) over the mini data, with data files and claims files named with
spaces, non-ASCII, rich markup and control characters. A crash of any other kind is a bug.
The command line gets the same treatment, and more, in ``test_fuzz_cli.py``.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from conftest import MINI, MINI_TABLES
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import factcheck
from factcheck import FactcheckError
from factcheck.measures import KINDS as REGISTRY

TABLES = ["cases", "victims", "gdp", "nope"]
COLUMNS = ["case_id", "age", "platform", "growth", "filed_year", "quarter", "minor", "region", "zzz"]
FILTERS = ["", "filed_year == 2020", "age > 16", "platform == 'Facebook'", "case.active_2020", "minor",
           "quarter == '2020Q2'", "growth < previous", "filed_year == 2031", "age between 10 and 20",
           "platform in ['Facebook', 'Kik']", "platform is null", "age / 0 > 1", "nope == 1", "age ==",
           "'a' + 1 > 0", "year(filed_date) == 2020", "month_name(filed_date) == 'May'"]
EXPECTS = ["10", "59%", "up 11%", "down 8%", "over one-third", "a majority", "nearly half", "about 60%",
           "true", "false", "[Facebook]", "{value: 0.5, within: 0.1}", "{between: [1, 5]}", "doubled",
           "up 5 points", "lots", "2.5", "one in five", "[]", "-3%"]


def measure(template: str, table: str, column: str, where: str, other: str) -> str:
    """A measure from one of its kind's registered spellings (see MeasureKind.examples)."""
    w = f", where: \"{where}\"" if where else ""
    return template.format(table=table, column=column, w=w, other=other,
                           where_or_minor=where or "minor", where_or_growth=where or "growth < 0")


# mostly a column and a filter that fit the table, so that most runs reach the data
FITS = {"cases": (["filed_year", "region", "case_id"], ["", "filed_year == 2020", "active_2020", "filed_year == 2031",
                                                       "year(filed_date) == 2020", "region in ['north', 'x']"]),
        "victims": (["age", "platform", "case_id", "minor"], ["", "age > 16", "platform == 'Facebook'", "minor",
                                                            "case.active_2020", "platform is null", "age / 0 > 1"]),
        "gdp": (["growth", "quarter", "previous"], ["", "quarter == '2020Q2'", "growth < previous", "growth < 0"])}
# every registered measure kind, in each of its spellings: a new kind is covered without editing this file
TEMPLATES = [template for kind in REGISTRY.values() for template in kind.examples]


@st.composite
def a_measure(draw: st.DrawFn) -> str:
    table = draw(st.sampled_from(TABLES))
    columns, filters = FITS.get(table, (COLUMNS, FILTERS))
    column = draw(st.sampled_from(columns) | st.sampled_from(COLUMNS)) if draw(st.booleans()) else \
        draw(st.sampled_from(columns))
    where = draw(st.sampled_from(filters) | st.sampled_from(FILTERS)) if draw(st.booleans()) else \
        draw(st.sampled_from(filters))
    return measure(draw(st.sampled_from(TEMPLATES)), table, column, where, draw(st.sampled_from(TABLES)))


claims = st.lists(a_measure(), min_size=1, max_size=4)

# Names for the data files and the claims file, and text for `says`: spaces, non-ASCII, rich
# markup, control characters and newlines. The library renders nothing, so none may matter.
FILE_NAMES = ["{}.csv", "{} data.csv", "{}-ünï.csv", "[/]{}.csv", "[link=https://evil.example]{}.csv",
              "{}\x1b[2J.csv", "{}\nx.csv", "{}\t.csv", "'{}'.csv", "{}.csv.csv"]
# Glob characters in a path (issue 8, item 1): each beside a decoy file the pattern would match,
# which must never be read.
FILE_NAMES += ["{}*.csv", "{}?.csv", "[{}].csv", "{}[ab].csv"]
DECOYS = {"{}*.csv": "{}1.csv", "{}?.csv": "{}1.csv", "[{}].csv": "c.csv", "{}[ab].csv": "{}a.csv"}
CLAIMS_NAMES = ["claims.yaml", "claims [/].yaml", "clä ims.yaml", "c\x07laims.yaml", "[link=x]c.yaml"]
SAYS = ["s", "[/]", "[link=https://evil.example]click[/link]", "\x1b]0;pwned\x07", "line\n::error ::forged",
        "<script>alert(1)</script>", "ünïcode “quoted”"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(measures=claims, expects=st.lists(st.sampled_from(EXPECTS), min_size=4, max_size=4),
       file_names=st.fixed_dictionaries({t: st.sampled_from(FILE_NAMES) for t in ("cases", "victims", "gdp")}),
       claims_name=st.sampled_from(CLAIMS_NAMES), says=st.lists(st.sampled_from(SAYS), min_size=4, max_size=4))
def test_any_claims_file_ends_in_a_report_or_a_located_error(measures: list[str], expects: list[str],
                                                              file_names: dict[str, str], claims_name: str,
                                                              says: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / ".git").mkdir()
        tables = MINI_TABLES
        up = "../" * claims_name.count("/")  # data paths are relative to the claims file's folder
        for table, pattern in file_names.items():
            name = pattern.format(table)
            (folder / name).parent.mkdir(parents=True, exist_ok=True)  # "[/]x.csv" is x.csv in a folder "["
            shutil.copy(MINI / f"{table}.csv", folder / name)
            tables = tables.replace(f"path: {table}.csv", f"path: {json.dumps(up + name)}")
            if pattern in DECOYS:  # a file the pattern would match as a glob: it must never be read
                shutil.copy(MINI / f"{table}.csv", folder / DECOYS[pattern].format(table))
        body = "".join(f"  - id: c{i}\n    says: {json.dumps(s)}\n    measure: {m}\n    expect: {e}\n"
                       for i, (m, e, s) in enumerate(zip(measures, expects, says, strict=False)))
        path = folder / claims_name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(tables + "claims:\n" + body)
        try:
            report = factcheck.verify(path)
        except FactcheckError as exc:
            event("a located error" + (" about a data file" if "data file" in str(exc) else ""))
            assert exc.problems and all(p.message for p in exc.problems)
            assert all(p.file for p in exc.problems), [p.describe() for p in exc.problems]
        else:
            event("a report")
            assert len(report.results) == len(measures)
            for use in report.tables:  # the file named was read, and only it (a glob would read the decoy too)
                assert use.rows == len((MINI / f"{use.name}.csv").read_text().splitlines()) - 1, use
            for r in report.results:
                assert r.verdict != "fail" or r.reason is not None
