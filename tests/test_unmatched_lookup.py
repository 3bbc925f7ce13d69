"""A lookup that finds no row for some keys: through it their values are unknown, so a filter on
it leaves those rows out. A claim that reads through it carries the warning ``unmatched_lookup``
naming the keys. Constructed data: population by state, a states table that spells one state
another way, and crashes with one state written with a trailing space."""

from __future__ import annotations

import textwrap
from pathlib import Path

from conftest import verify_one

import factcheck
from factcheck.outcome import NoteCode, Verdict


def _run(folder: Path, measure: str, expect: str, states: str = "Mississippi") -> factcheck.ClaimResult:
    (folder / "people.csv").write_text("state,population\nAlabama,5000\nMississippi,2900\nOhio,11800\nTexas,30000\n")
    (folder / "crashes.csv").write_text("id,state\n1,Alabama\n2,Texas\n3,Texas \n4,Ohio\n5,Mississippi\n")
    (folder / "states.csv").write_text(f"state,region\nAlabama,South\n{states},South\nOhio,Midwest\nTexas,South\n")
    return verify_one(folder, """\
        people: {path: people.csv, lookup: {st: states via state}}
        crashes: {path: crashes.csv, key: id, lookup: {st: states via state}}
        states: {path: states.csv, key: state}
        """, measure, expect)


def _warning(r: factcheck.ClaimResult) -> str:
    found = [n for n in r.notes if n.code == NoteCode.UNMATCHED_LOOKUP]
    assert len(found) == 1 and found[0].warning, r.notes
    return found[0].message


def test_a_key_spelled_another_way_is_a_warning(tmp_path: Path) -> None:
    r = _run(tmp_path, "{sum: population, of: people, where: \"st.region == 'South'\"}", "35000", states="Mississipi")
    assert r.verdict == Verdict.PASS  # Alabama and Texas: the figure the data gives, with the warning beside it
    message = _warning(r)
    assert "lookup 'st' finds no row of table 'states' for 1 row of 'people': state 'Mississippi' (1 row)" in message
    assert "spelled another way" in message


def test_a_trailing_space_is_shown(tmp_path: Path) -> None:
    r = _run(tmp_path, "{count: crashes, where: \"st.region == 'South'\"}", "3")
    assert "state 'Texas ' (1 row; 'states' has 'Texas')" in _warning(r)


def test_no_warning_when_every_key_is_found_or_the_lookup_is_not_read(tmp_path: Path) -> None:
    r = _run(tmp_path, "{sum: population, of: people, where: \"st.region == 'South'\"}", "37900")
    assert r.verdict == Verdict.PASS and not r.notes, r.notes
    r = _run(tmp_path, "{count: crashes}", "5")  # the crashes' lookup has an unmatched key, but is not read
    assert r.verdict == Verdict.PASS and not [n for n in r.notes if n.code == NoteCode.UNMATCHED_LOOKUP]


def test_the_other_tables_spelling_is_named(tmp_path: Path) -> None:
    r = _run(tmp_path, "{sum: population, of: people, where: \"st.region == 'South'\"}", "35000",
             states="MISSISSIPPI")
    assert "state 'Mississippi' (1 row; 'states' has 'MISSISSIPPI')" in _warning(r)


def test_a_large_tables_lookup_is_counted_in_the_shared_scan(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Past ASKED_UP_TO rows the unmatched rows are counted inside the claims' shared scan, and asked
    for only when there are some: the same warning, without a query of its own when all match."""
    import factcheck.planning.lookups as lookups
    monkeypatch.setattr(lookups, "ASKED_UP_TO", 1)
    asked: list[str] = []
    real = lookups.unmatched_sql
    monkeypatch.setattr(lookups, "unmatched_sql", lambda link: asked.append(link.name) or real(link))
    two = "{sum: population, of: people, where: \"st.region == 'South'\"}"  # two claims on people: one shared scan
    (tmp_path / "people.csv").write_text("state,population\nAlabama,5000\nMississippi,2900\nOhio,11800\nTexas,30000\n")
    (tmp_path / "states.csv").write_text("state,region\nAlabama,South\nMississipi,South\nOhio,Midwest\nTexas,South\n")
    (tmp_path / "c.yaml").write_text(textwrap.dedent(f"""\
        tables:
          people: {{path: people.csv, lookup: {{st: states via state}}}}
          states: {{path: states.csv, key: state}}
        claims:
          - {{id: a, says: s, measure: {two}, expect: '35,000'}}
          - {{id: b, says: s, measure: {{count: people, where: "st.region == 'Midwest'"}}, expect: 1}}
        """))
    results = factcheck.verify(tmp_path / "c.yaml").results
    assert all("state 'Mississippi' (1 row" in _warning(r) for r in results)
    assert asked == ["st"]
    (tmp_path / "states.csv").write_text("state,region\nAlabama,South\nMississippi,South\nOhio,Midwest\nTexas,South\n")
    asked.clear()
    results = factcheck.verify(tmp_path / "c.yaml").results
    assert not any(n.code == NoteCode.UNMATCHED_LOOKUP for r in results for n in r.notes) and asked == []


def _crashes(folder: Path, measure: str, expect: str, crashes: str) -> factcheck.ClaimResult:
    (folder / "crashes.csv").write_text(crashes)
    (folder / "states.csv").write_text("state,region\nAlabama,South\nOhio,Midwest\nTexas,South\n")
    return verify_one(folder, """\
        crashes: {path: crashes.csv, key: id, lookup: {st: states via state}}
        states: {path: states.csv, key: state}
        """, measure, expect)


def test_a_blank_key_is_a_warning(tmp_path: Path) -> None:
    """A row with no state is linked to no row: a filter on the lookup leaves it out, as it leaves out
    a key spelled another way. It was left out without a word."""
    r = _crashes(tmp_path, "{count: crashes, where: \"st.region == 'South'\"}", "2",
                 "id,year,state\n1,2021,Alabama\n2,2021,Texas\n3,2021,\n4,2021,\n5,2021,Ohio\n")
    assert r.verdict == Verdict.PASS
    message = _warning(r)
    assert "for 2 rows of 'crashes': state blank (2 rows)" in message
    assert "a row with a blank state is linked to no row" in message
    assert "spelled another way" not in message


def test_a_filter_that_leaves_out_every_unmatched_row_has_no_warning(tmp_path: Path) -> None:
    """The unmatched rows are all of 2019: a claim on 2021 counts none of them, whatever their region."""
    crashes = "id,year,state\n1,2021,Alabama\n2,2021,Texas\n3,2019,Texsa\n4,2019,\n5,2021,Ohio\n"
    r = _crashes(tmp_path, "{count: crashes, where: \"year == 2021 and st.region == 'South'\"}", "2", crashes)
    assert r.verdict == Verdict.PASS and not r.notes, r.notes
    r = _crashes(tmp_path, "{count: crashes, where: \"year == 2019 or st.region == 'South'\"}", "4", crashes)
    assert "'Texsa' (1 row)" in _warning(r) and "blank (1 row)" in _warning(r)
    r = _crashes(tmp_path, "{count: crashes, where: \"year == 2019 and st.region == 'South'\"}", "0", crashes)
    assert "'Texsa' (1 row)" in _warning(r)


def test_a_large_tables_blank_keys_are_counted_in_the_shared_scan(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import factcheck.planning.lookups as lookups
    monkeypatch.setattr(lookups, "ASKED_UP_TO", 1)
    r = _crashes(tmp_path, "{count: crashes, where: \"st.region == 'South'\"}", "2",
                 "id,year,state\n1,2021,Alabama\n2,2021,Texas\n3,2021,\n5,2021,Ohio\n")
    assert "state blank (1 row)" in _warning(r)


def test_two_lookups_warnings_carry_one_label(tmp_path: Path) -> None:
    """Two lookups that each find nothing for a key: two warnings, said in full under the claim, and
    one label beside its verdict (it read "WARNING unmatched_lookup, unmatched_lookup")."""
    from typer.testing import CliRunner

    from factcheck.cli import app
    (tmp_path / "crashes.csv").write_text("id,state,road\n1,Alabama,I-10\n2,Texsa,I-10\n3,Alabama,US-1\n")
    (tmp_path / "states.csv").write_text("state,region\nAlabama,South\nOhio,Midwest\nTexas,South\n")
    (tmp_path / "roads.csv").write_text("road,kind\nI-10,interstate\n")
    (tmp_path / "c.yaml").write_text(textwrap.dedent("""\
        tables:
          crashes: {path: crashes.csv, key: id, lookup: {st: states via state, rd: roads via road}}
          states: {path: states.csv, key: state}
          roads: {path: roads.csv, key: road}
        claims:
          - {id: c, says: s, measure: {count: crashes, where: "st.region == 'South' and rd.kind == 'interstate'"}, expect: 1}
        """))
    out = CliRunner().invoke(app, ["run", str(tmp_path / "c.yaml"), "--markdown", "-"]).stdout
    assert out.count("lookup 'st' finds no row") == 1 and out.count("lookup 'rd' finds no row") == 1, out
    assert "**WARNING unmatched\\_lookup**" in out, out  # Markdown escapes the underscore
    assert "`roads.csv`, 1 row, sha256" in out, out  # it said "1 rows"
