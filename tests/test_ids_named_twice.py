"""A claim that ranks or counts the values of an id column (``top_share: amount, by: vendor_id``)
takes two ids for two vendors, though the lookup that names them gives them one name: in
tests/fixtures/procurement, Harbor Paving Co. is V0001 and, with a trailing space, V0160. By id the
top five took 64.8% of the money ("nearly two-thirds" passes); with Harbor's two ids as one they
took 69.6%. Grouping by the name already carried ``spelling_variants``; grouping by the id carried
nothing. Now it carries the warning, naming the name and its ids, when the lookup's table has a
column named as a label (``name``, ``title``, ``label``, ``…_name``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import factcheck
from factcheck import NoteCode, Verdict

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "procurement"

HARBOR = "'Harbor Paving Co.' (V0001) and 'Harbor Paving Co. ' (V0160)"


def _run(tmp_path: Path, claims: str, vendors: str | None = None) -> dict[str, factcheck.ClaimResult]:
    for name in ("contracts.parquet", "vendors.csv", "agencies.csv"):
        shutil.copy(FIXTURE / name, tmp_path / name)
    if vendors is not None:
        (tmp_path / "vendors.csv").write_text(vendors, encoding="utf-8")
    (tmp_path / ".git").mkdir(exist_ok=True)
    (tmp_path / "c.yaml").write_text(f"""\
version: 1
tables:
  contracts:
    path: contracts.parquet
    key: contract_id
    lookup: {{agency: agencies via agency_id, vendor: vendors via vendor_id}}
  vendors: {{path: vendors.csv, key: vendor_id}}
  agencies: {{path: agencies.csv, key: agency_id}}
claims:
{claims}""", encoding="utf-8")
    return {r.id: r for r in factcheck.verify(tmp_path / "c.yaml").results}


CLAIMS = """\
  - {id: top-five, says: x, measure: {top_share: amount, of: contracts, by: vendor_id, top_n: 5},
     expect: nearly two-thirds}
  - {id: vendors, says: x, measure: {count_distinct: vendor_id, of: contracts}, expect: 160}
  - {id: agencies, says: x, measure: {top_share: amount, of: contracts, by: agency_id, top_n: 2}, expect: 40%}
  - {id: total, says: x, measure: {sum: amount, of: contracts}, expect: $1.17 billion}
"""


def _warned(r: factcheck.ClaimResult) -> list[str]:
    return [n.message for n in r.notes if n.code == NoteCode.SPELLING_VARIANTS and n.warning]


def test_ids_a_lookup_names_alike_are_warned_of(tmp_path: Path) -> None:
    got = _run(tmp_path, CLAIMS)
    for claim in ("top-five", "vendors"):
        said = _warned(got[claim])
        assert said == [
            "the claim ranks or counts the values of column 'vendor_id' of table 'contracts' as different, but "
            "lookup 'vendor' gives some of them one name (but for case or spacing) in column 'name' of table "
            f"'vendors': {HARBOR}. If they are one vendor, the claim splits its rows between its ids: give them "
            "one id in the data"], (claim, said)
    assert got["top-five"].verdict == Verdict.PASS  # the figure by id stands; the warning says what it hangs on
    assert _warned(got["agencies"]) == []  # every agency's name is its own
    assert _warned(got["total"]) == []     # no id ranked


def test_the_walked_story_s_headline_is_warned_of_too() -> None:
    results = {r.id: r for r in factcheck.verify(FIXTURE / "claims.yaml").results}
    assert any(HARBOR in m for m in _warned(results["headline-two-thirds"]))


@pytest.mark.parametrize("header", ["vendor_id,firm,minority_owned,city", "vendor_id,name,minority_owned,city"])
def test_no_label_or_no_twin_says_nothing(tmp_path: Path, header: str) -> None:
    """A lookup table with no column named as a label is not guessed at; a label whose names are all
    different says nothing."""
    rows = (FIXTURE / "vendors.csv").read_text(encoding="utf-8").splitlines()[1:]
    rows = [r.replace("Harbor Paving Co. ,", "Harbour Paving Company,") for r in rows]
    got = _run(tmp_path, CLAIMS, "\n".join([header, *rows]) + "\n")
    assert _warned(got["top-five"]) == [] and _warned(got["vendors"]) == []


def test_exactly_the_same_name_twice_and_the_names_read_only_for_it(tmp_path: Path) -> None:
    """Two ids with one name written identically are warned of too; a run with no id ranked does not
    read the lookup's table for it."""
    text = (FIXTURE / "vendors.csv").read_text(encoding="utf-8").replace("Harbor Paving Co. ,", "Harbor Paving Co.,")
    got = _run(tmp_path, CLAIMS, text)
    assert "'Harbor Paving Co.' (V0001, V0160)" in _warned(got["top-five"])[0]
    (tmp_path / "c2.yaml").write_text((tmp_path / "c.yaml").read_text(encoding="utf-8").split("claims:")[0]
                                      + "claims:\n  - {id: total, says: x, measure: {sum: amount, of: contracts}, "
                                        "expect: $1.17 billion}\n", encoding="utf-8")
    report = factcheck.verify(tmp_path / "c2.yaml")
    assert [t.name for t in report.tables] == ["contracts"]
