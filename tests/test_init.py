"""`factcheck init` + `factcheck suggest` on an article and data no other test has seen (issue 10, item 5).

The fixture tests/fixtures/busdesk/ is constructed (invented numbers about late buses).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from factcheck import load, verify
from factcheck.cli import app

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "busdesk"
runner = CliRunner()


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("busdesk") / "desk"
    shutil.copytree(FIXTURE, folder)
    data = folder / "data"
    result = runner.invoke(app, ["init", str(folder / "story.md"), str(data / "routes.csv"),
                                 str(data / "trips.csv"), str(data / "complaints.csv")])
    assert result.exit_code == 0, result.output
    return folder


def test_init_writes_a_file_that_loads_and_runs(desk: Path) -> None:
    written = desk / "story.claims.yaml"
    loaded = load(written)
    tables = loaded.model.tables
    assert set(tables) == {"routes", "trips", "complaints"}
    assert tables["trips"].path == "data/trips.csv" and tables["trips"].key == "trip_id"
    assert tables["trips"].time == "service_date" and "service_date_year" in tables["trips"].derive
    assert tables["trips"].lookup == {"route": "routes via route_id"}
    assert tables["routes"].columns["mode"].allowed == ["bus", "tram"]
    assert tables["trips"].columns["delay_minutes"].type == "integer"
    says = [c.says for c in loaded.model.claims]
    assert "Late trips rose 44% from 2023." in says
    assert [c.expect for c in loaded.model.claims if c.says == "Late trips rose 44% from 2023."] == ["up 44%"]
    report = verify(written)
    assert {r.reason.value for r in report.results if r.reason} == {"not_encoded"}


def test_init_never_overwrites(desk: Path) -> None:
    before = (desk / "story.claims.yaml").read_text()
    result = runner.invoke(app, ["init", str(desk / "story.md"), str(desk / "data" / "trips.csv")])
    assert result.exit_code == 2
    assert "never overwrites" in result.output and "--output" in result.output
    assert (desk / "story.claims.yaml").read_text() == before


def test_suggestions_pasted_in_make_claims_that_pass(desk: Path) -> None:
    """The editor's loop: init, suggest, paste the first suggestion, run."""
    import json
    written = desk / "story.claims.yaml"
    result = runner.invoke(app, ["suggest", str(written), "--json", "-"])
    assert result.exit_code == 0, result.output
    found = {c["id"]: c for c in json.loads(result.stdout)["claims"]}
    doc = yaml.safe_load(written.read_text())
    pasted = 0
    for claim in doc["claims"]:
        cands = found[claim["id"]]["candidates"]
        if cands:
            claim["measure"] = cands[0]["measure"]
            pasted += 1
    assert pasted >= 6
    checked = desk / "checked.yaml"
    checked.write_text(yaml.safe_dump(doc, sort_keys=False))
    result = runner.invoke(app, ["run", str(checked)])
    assert result.exit_code == 0, result.output
    report = verify(checked)
    assert sum(r.verdict.value == "pass" for r in report.results) == pasted
    by_says = {r.says: r for r in report.results}
    late = doc["claims"][[c["says"] for c in doc["claims"]].index("Late trips rose 44% from 2023.")]
    assert late["measure"]["change"] == {"count": "trips", "where": "status == 'late'"}
    assert by_says["Late trips rose 44% from 2023."].verdict.value == "pass"


def test_init_with_a_missing_data_file_is_a_located_error(tmp_path: Path) -> None:
    shutil.copy(FIXTURE / "story.md", tmp_path / "story.md")
    result = runner.invoke(app, ["init", str(tmp_path / "story.md"), str(tmp_path / "nope.csv")])
    assert result.exit_code == 2
    assert "nope.csv" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "story.claims.yaml").exists()


@pytest.mark.parametrize("sentence, figure, expected", [
    ("Girls made up 27.5% of the victims.", "27.5%", "27.5%"),
    ("Online cases make up 12% of the total.", "12%", "12%"),
    ("Fares took up 30% of the budget.", "30%", "30%"),
    ("A year of rent eats up 52% of the median income.", "52%", "52%"),
    ("Interest ate up 9% of revenue.", "9%", "9%"),
    ("Overtime used up 4% of the budget.", "4%", "4%"),
    ("Cases were up 11% on the year.", "11%", "up 11%"),
    ("Delays went up 4 points.", "4 points", "up 4 points"),
    ("Convictions were down 51% from 2019.", "51%", "down 51%"),
    # the verbs reporters use for a rise or a fall ("slipped 3%" was written 3%, a share)
    ("Enrollment slipped 3% from 2023.", "3%", "down 3%"),
    ("Suspensions dipped 4 points.", "4 points", "down 4 points"),
    ("Rents jumped 12% in a year.", "12%", "up 12%"),
    ("Absences ticked up 2 points.", "2 points", "up 2 points"),
    ("Crime edged down 1%.", "1%", "down 1%"),
    # a change named by a noun ("a drop of 6 points" was written 6 points, then refused for no direction)
    ("Coverage fell to 89%, a drop of 6 points.", "6 points", "down 6 points"),
    ("That is a rise of 11% on the year.", "11%", "up 11%"),
    ("The fall of 2020 saw 12% more cases than 2019.", "12%", "12% more"),
    ("That was a 12% jump in injuries.", "12%", "up 12%"),
    ("Injuries fell by 4 in 2023.", "4", "down 4"),            # a number's change needs its "by" or "of"
    ("That is a decline of 4 from 2022.", "4", "down 4"),
    ("Injuries fell to 4 in 2023.", "4", "4"),                  # a level
])
def test_init_reads_made_up_as_a_share_not_a_rise(sentence: str, figure: str, expected: str) -> None:
    """'made up 27.5%' is a part of a whole; only 'up'/'down' or a verb of a rise or a fall used as a
    direction makes a change."""
    from factcheck.starter import _expect
    start = sentence.index(figure)
    kind = "points" if figure.endswith("points") else "percent"
    assert _expect(sentence, start, figure, kind) == expected


@pytest.mark.parametrize("sentence, figure, expected", [
    ("Three-bedroom units averaged $3,520, about $770 more.", "about $770", "about $770 more"),
    ("Queens filed 392 more.", "392", "392 more"),
    ("Rents were $120 lower; studios, $80 higher.", "$80", "$80 higher"),
    ("Two or more officers were involved.", "Two", "2"),
    ("It happened 12 or more times.", "12", "12"),
])
def test_a_difference_said_at_the_end_of_its_clause(sentence: str, figure: str, expected: str) -> None:
    """"about $770 more." is a difference, as "$770 more than …" is; before, the "more" was dropped.
    Not "or more", a threshold."""
    from factcheck.starter import _expect
    assert _expect(sentence, sentence.index(figure), figure, "number") == expected


def test_tables_keyed_by_the_same_generic_name_are_not_linked_by_it(tmp_path: Path) -> None:
    """Two tables keyed `id` (each its own rows' number): a car's `id` is no dealer's. Before, each
    table got a lookup to the other "via id"."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "cars.csv").write_text("id,dealer,price\n1,a,100\n2,b,200\n3,a,300\n")
    (data / "dealers.csv").write_text("id,name\n1,Ann\n2,Bo\n")
    (data / "sales.csv").write_text("sale_id,id,units\n10,1,5\n11,2,6\n")  # no key of its own named id
    (tmp_path / "story.md").write_text("Dealers sold 11 cars.\n")
    result = runner.invoke(app, ["init", str(tmp_path / "story.md"), str(data / "cars.csv"),
                                 str(data / "dealers.csv"), str(data / "sales.csv")])
    assert result.exit_code == 0, result.output
    tables = load(tmp_path / "story.claims.yaml").model.tables
    assert tables["cars"].key == "id" and tables["dealers"].key == "id" and tables["sales"].key == "sale_id"
    assert not tables["cars"].lookup and not tables["dealers"].lookup
    assert not tables["sales"].lookup  # `id` is the key of two tables: which one it means is unknown


def _two_tables(tmp_path: Path, trips: str, stations: str) -> dict[str, object]:
    data = tmp_path / "data"
    data.mkdir()
    (data / "trips.csv").write_text(trips)
    (data / "stations.csv").write_text(stations)
    (tmp_path / "story.md").write_text("Stations on the waterfront had 80% of trips.\n")
    result = runner.invoke(app, ["init", str(tmp_path / "story.md"), str(data / "trips.csv"), str(data / "stations.csv")])
    assert result.exit_code == 0, result.output
    return load(tmp_path / "story.claims.yaml").model.tables  # type: ignore[return-value]


TRIPS = "trip_id,start_station\n" + "".join(f"T{i},{s}\n" for i, s in enumerate("A A A B C A B C A B".split()))
STATIONS = "station,area,docks\nA,waterfront,10\nB,waterfront,12\nC,uptown,8\n"


def test_a_column_named_after_another_tables_unique_column_and_holding_its_values_links_to_it(tmp_path: Path) -> None:
    """trips' `start_station` holds only `station`s of the stations table: a lookup (and `station`
    is the stations' key). Before, the two tables were not linked, and "Stations on the waterfront
    had 80% of trips" was offered the share of stations on the waterfront (2 of 3) as its failing
    reading."""
    tables = _two_tables(tmp_path, TRIPS, STATIONS)
    assert tables["trips"].lookup == {"station": "stations via start_station = station"}  # type: ignore[attr-defined]
    assert tables["stations"].key == "station"  # type: ignore[attr-defined]
    got = runner.invoke(app, ["suggest", str(tmp_path / "story.claims.yaml"), "--json", "-"])
    import json
    (claim,) = json.loads(got.stdout)["claims"]
    first = claim["candidates"][0]
    assert first["measure"] == {"share": "station.area == 'waterfront'", "of": "trips"} and first["verdict"] == "pass"


@pytest.mark.parametrize(("trips", "why"), [
    (TRIPS + "T10,D\n", "a value the stations do not have"),
    (TRIPS.replace("start_station", "home_city"), "a name that says nothing of stations")])
def test_no_lookup_for_a_column_that_is_not_the_other_tables(tmp_path: Path, trips: str, why: str) -> None:
    tables = _two_tables(tmp_path, trips, STATIONS)
    assert not tables["trips"].lookup, why  # type: ignore[attr-defined]
    assert tables["stations"].key is None  # type: ignore[attr-defined]


def test_two_columns_naming_one_table_get_a_lookup_each(tmp_path: Path) -> None:
    trips = "trip_id,start_station,end_station\n" + "".join(
        f"T{i},{a},{b}\n" for i, (a, b) in enumerate(zip("A A B C".split(), "B C A A".split(), strict=True)))
    tables = _two_tables(tmp_path, trips, STATIONS)
    assert tables["trips"].lookup == {"station": "stations via start_station = station",  # type: ignore[attr-defined]
                                      "end_station_row": "stations via end_station = station"}


def test_a_column_of_years_is_a_time_column(tmp_path: Path) -> None:
    """A whole-number column named as a year (`fiscal_year`, `year`) is declared `time:`, so a year
    after the data is not covered. Before, "No money went to Police in FY2025" passed as a count of
    zero (found walking a story of a city's budget)."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "budget.csv").write_text("line_id,fiscal_year,department,amount\n"
                                     + "".join(f"L{i},{2022 + i % 3},{'Police' if i % 2 else 'Parks'},{100 + i}\n"
                                               for i in range(12)))
    (data / "payments.csv").write_text("pay_id,paid_on,fy,amount\nP1,2023-08-01,2024,10\nP2,2024-01-05,2024,20\n"
                                       "P3,2022-09-09,2023,30\n")
    (data / "ranks.csv").write_text("rank_id,year_rank,score\nR1,1,10\nR2,2,20\n")  # ranks, not years
    (tmp_path / "story.md").write_text("No money went to Police in FY2025.\n")
    result = runner.invoke(app, ["init", str(tmp_path / "story.md"), *(str(p) for p in sorted(data.iterdir()))])
    assert result.exit_code == 0, result.output
    tables = load(tmp_path / "story.claims.yaml").model.tables
    assert tables["budget"].time == "fiscal_year"
    assert tables["payments"].time == ["paid_on", "fy"]
    assert tables["ranks"].time is None
    claims = tmp_path / "c.yaml"
    claims.write_text((tmp_path / "story.claims.yaml").read_text().split("claims:")[0] + """claims:
  - id: fy2025
    says: No money went to Police in FY2025.
    measure: {count: budget, where: "department == 'Police' and fiscal_year == 2025"}
    expect: 0
""")
    r = verify(claims).results[0]
    assert (r.verdict.value, r.reason.value if r.reason else None) == ("unverifiable", "period_not_covered"), r.message


def test_a_column_of_school_years_is_a_time_column_not_categories(tmp_path: Path) -> None:
    """Before, init declared `school_year: {type: text, allowed: [2017-18, …]}`: the years were then
    categories, and "enrollment has risen every year since 2018-19" stopped ("holds categories");
    a school year after the data was a typo. Neighbours: a column of codes and one of labels written
    two ways keep their text contract."""
    rows = ["school_year,grp,code,mixed,n"] + [
        f"{y}-{(y + 1) % 100:02d},{g},C{y % 3},{m},{n}"
        for (y, g, n), m in zip([(2017, "a", 5), (2018, "a", 4), (2019, "a", 6), (2020, "a", 7), (2021, "a", 8),
                                 (2017, "b", 1), (2018, "b", 2), (2019, "b", 3), (2020, "b", 4), (2021, "b", 5)],
                                ["FY2019", "FY 2020"] * 5, strict=True)]
    (tmp_path / "t.csv").write_text("\n".join(rows) + "\n")
    (tmp_path / "story.md").write_text("Enrollment in group a has risen every year since 2018-19.\n")
    result = runner.invoke(app, ["init", str(tmp_path / "story.md"), str(tmp_path / "t.csv")])
    assert result.exit_code == 0, result.output
    written = (tmp_path / "story.claims.yaml").read_text()
    table = yaml.safe_load(written)["tables"]["t"]
    assert table["time"] == "school_year"
    assert "school_year" not in table["columns"]
    assert table["columns"]["code"]["type"] == "text" and table["columns"]["mixed"]["type"] == "text"
    claims = tmp_path / "c.yaml"
    claims.write_text(written.split("claims:")[0] + """claims:
  - id: rose
    says: Enrollment in group a has risen every year since 2018-19.
    measure: {rising: {sum: n, of: t, where: "grp == 'a'"}, over: school_year, since: 2018-19}
    expect: true
  - id: after
    says: None enrolled in 2022-23.
    measure: {sum: n, of: t, where: "school_year == '2022-23'"}
    expect: 0
""")
    rose, after = verify(claims).results
    assert rose.verdict.value == "pass", rose.message
    assert (after.verdict.value, after.reason.value if after.reason else None) == (
        "unverifiable", "period_not_covered"), after.message


def test_a_reading_with_no_value_says_why_not_none(tmp_path: Path) -> None:
    """"read as written: None (unverifiable): is the figure wrong?" for a year the data does not reach
    (a walk of a police story): it has no value, and the figure may be right."""
    (tmp_path / "incidents.csv").write_text("incident_id,occurred_on,precinct\n1,2022-01-05,North\n"
                                            "2,2022-03-01,South\n3,2023-06-01,North\n")
    (tmp_path / "story.md").write_text("Officers used force 3 times in 2024.\n")
    result = runner.invoke(app, ["init", str(tmp_path / "story.md"), str(tmp_path / "incidents.csv")])
    assert result.exit_code == 0, result.output
    written = (tmp_path / "story.claims.yaml").read_text()
    assert "read as written: no value (unverifiable, period_not_covered): the data cannot settle it" in written
    assert "None" not in written


def test_init_says_why_it_declares_no_key_and_no_time_column(tmp_path: Path) -> None:
    """An id that repeats got no `key:` and a column of dates with one 'unknown' was typed text, each
    without a word; and the id column got an `allowed:` list that breaks on the next new incident
    (a walk of a police story)."""
    rows = ["incident_id,occurred_at,precinct"] + [f"U{i},2022-{1 + i % 12:02d}-05 10:00:00,{'North' if i % 2 else 'South'}"
                                                  for i in range(12)]
    rows[4] = "U2,unknown,North"  # U2 twice (U3 is gone), and one date that is none
    (tmp_path / "incidents.csv").write_text("\n".join(rows) + "\n")
    (tmp_path / "story.md").write_text("Officers used force 12 times.\n")
    result = runner.invoke(app, ["init", str(tmp_path / "story.md"), str(tmp_path / "incidents.csv")])
    assert result.exit_code == 0, result.output
    written = (tmp_path / "story.claims.yaml").read_text()
    assert "# note: incident_id looks like a key, but 'U2' (2 rows) repeats: no key is declared" in written
    assert "# note: occurred_at holds dates but for 1 value ('unknown'), so it is read as text" in written
    assert "\n    key:" not in written.split("claims:")[0]
    assert "incident_id: {type: text}" in written  # no allowed: list of ids
    load(tmp_path / "story.claims.yaml")  # still a claims file


def test_init_declares_an_id_and_its_year_the_key_of_one_row_per_school_per_year(tmp_path: Path) -> None:
    """A school appears once a school year: `init` declared no key, and its note advised `key:
    school_id`, which the data refutes (a walk of a vaccination story)."""
    rows = ["school_id,school_year,enrolled"] + [f"S{i},{y},{10 + i}" for i in range(4) for y in ("2022-23", "2023-24")]
    (tmp_path / "schools.csv").write_text("\n".join(rows) + "\n")
    (tmp_path / "story.md").write_text("There were 4 schools.\n")
    result = runner.invoke(app, ["init", str(tmp_path / "story.md"), str(tmp_path / "schools.csv")])
    assert result.exit_code == 0, result.output
    assert "key: [school_id, school_year]" in (tmp_path / "story.claims.yaml").read_text()
    (tmp_path / "schools.csv").write_text("\n".join(rows + ["S1,2023-24,11"]) + "\n")  # one exported twice
    (tmp_path / "story.claims.yaml").unlink()
    result = runner.invoke(app, ["init", str(tmp_path / "story.md"), str(tmp_path / "schools.csv")])
    written = (tmp_path / "story.claims.yaml").read_text()
    assert ("# note: school_id and school_year look like a key together, but (S1, 2023-24) (2 rows) repeats: no "
            "key is declared") in written and "declare key: [school_id, school_year]" in written


BREAKING = {"\u2028sep": ["a\u2029b0", "a\u2029b1"], "next\x85line": ["p\x85q", "p\x85r"]}


def _breaking_desk(tmp_path: Path) -> Path:
    """A story and a table whose header and values hold U+2028, U+2029 and U+0085: YAML line breaks."""
    (tmp_path / "data").mkdir()
    sep, nel = BREAKING.values()
    rows = "".join(f"{i},{2019 + i % 2},{sep[i % 2]},{nel[i % 2]},{i}\n" for i in range(1, 41))
    (tmp_path / "data" / "e.csv").write_text("id,year,\u2028sep,next\x85line,amount\n" + rows, encoding="utf-8")
    (tmp_path / "story.md").write_text("# S\n\nIn 2020, 20 posts were made.\n", encoding="utf-8")
    return tmp_path


def test_init_writes_names_and_values_holding_yaml_line_breaks_so_that_they_read_back(tmp_path: Path) -> None:
    """PyYAML wrote U+2028 raw and read it back as a line break: the claims file init wrote named a
    column ' sep' that the data does not have, and init failed on its own file."""
    desk = _breaking_desk(tmp_path)
    result = runner.invoke(app, ["init", str(desk / "story.md"), str(desk / "data" / "e.csv")])
    assert result.exit_code == 0, result.output
    written = desk / "story.claims.yaml"
    columns = load(written).model.tables["e"].columns
    assert list(columns) == ["id", "year", "\u2028sep", "next\x85line", "amount"]
    assert {name: columns[name].allowed for name in BREAKING} == BREAKING
    assert runner.invoke(app, ["check", str(written)]).exit_code == 0


def test_init_keeps_a_value_with_a_yaml_line_break_inside_its_comment(tmp_path: Path) -> None:
    """A suggestion's value ('next: a<U+2029>b0') ended its comment line: the rest was read as
    YAML and the claims file init wrote did not load. It is shown escaped, as the terminal shows it."""
    (tmp_path / "data").mkdir()
    kinds = ["a\u2029b0", "a\u2029b1", "a\u2029b1"]
    (tmp_path / "data" / "e.csv").write_text("id,year,kind,amount\n" + "".join(
        f"{i},2020,{kinds[i % 3]},{i}\n" for i in range(1, 31)), encoding="utf-8")
    (tmp_path / "story.md").write_text("# S\n\nThe most common kind in 2020 was a\u2029b1, with 20 posts.\n",
                                       encoding="utf-8")
    result = runner.invoke(app, ["init", str(tmp_path / "story.md"), str(tmp_path / "data" / "e.csv")])
    assert result.exit_code == 0, result.output
    written = tmp_path / "story.claims.yaml"
    assert "next: a\\u2029b0 (10)" in written.read_text(encoding="utf-8")
    assert runner.invoke(app, ["check", str(written)]).exit_code == 0


def _printed_measures(text: str) -> list[object]:
    """Each ``measure:`` block of suggest's terminal view (the lines indented under it), read as YAML."""
    blocks: list[list[str]] = []
    depth = 0
    for line in text.split("\n"):  # the view's own lines; a raw U+2028 in a value stays inside its line
        if line.strip() == "measure:":
            blocks.append([])
            depth = len(line) - len(line.lstrip())
        elif blocks and line[:depth + 1].isspace() and line.strip():
            blocks[-1].append(line[depth:])
        else:
            depth = 10**6  # the block ended
    return [yaml.safe_load("measure:\n" + "\n".join(b))["measure"] for b in blocks]


def test_suggest_prints_measures_that_read_back_as_the_measures_it_computed(tmp_path: Path) -> None:
    """suggest printed `where: '`<U+2028>sep` == ...'`, which reads back as the column ' sep'."""
    import json
    desk = _breaking_desk(tmp_path)
    (desk / "c.yaml").write_text("article: story.md\ntables:\n  e: {path: data/e.csv, key: id}\nclaims:\n"
                                 "  - id: c1\n    says: \"In 2020, 20 posts were made.\"\n    expect: 20\n")
    shown = runner.invoke(app, ["suggest", str(desk / "c.yaml"), "--top", "8"])
    assert shown.exit_code == 0, shown.output
    found = runner.invoke(app, ["suggest", str(desk / "c.yaml"), "--top", "8", "--json", "-"])
    computed = [s["measure"] for c in json.loads(found.stdout)["claims"] for s in c["candidates"] + c["misses"]]
    assert any("\u2028sep" in json.dumps(m, ensure_ascii=False) for m in computed)
    assert _printed_measures(shown.stdout) == computed
