"""The registry of measure kinds: every kind is whole, and the shared tests cover each one.

A kind registered in factcheck.measures is covered by the never-crashes property test
(through its examples), the docs test (its row in docs/claims-format.md, see test_docs)
and the JSON schema (its details) without any of them naming it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import test_never_crashes
import yaml

from factcheck import claims as cm
from factcheck.measures import KINDS, Details, MeasureKind, kind_of, register
from factcheck.schema import report_schema

ROOT = Path(__file__).resolve().parent.parent
FORMAT = (ROOT / "docs" / "claims-format.md").read_text(encoding="utf-8")
FILL = dict(table="cases", column="filed_year", w="", other="victims", where_or_minor="minor",
            where_or_growth="growth < 0")


@pytest.mark.parametrize("name", list(KINDS))
def test_every_kind_is_whole(name: str) -> None:
    kind = KINDS[name]
    assert kind.name == name and isinstance(kind, MeasureKind)
    for method in ("compile", "evaluate", "shape"):
        assert getattr(type(kind), method) is not getattr(MeasureKind, method), f"{name} has no {method}"
    if kind.groupable:
        for method in ("grouped", "absent"):
            assert getattr(type(kind), method) is not getattr(MeasureKind, method), f"{name} has no {method}"
    assert kind.details is None or issubclass(kind.details, Details)


@pytest.mark.parametrize("name", list(KINDS))
def test_every_kind_has_examples_that_read_as_that_kind(name: str) -> None:
    kind = KINDS[name]
    assert kind.examples, f"{name} has no examples: the property tests would not cover it"
    first = yaml.safe_load(kind.examples[0].format(**FILL))
    claim = cm.Claim.model_validate({"id": "x", "says": "s", "measure": first, "expect": "1"})
    assert claim.measure is not None and kind_of(claim.measure) == name


def test_the_property_test_draws_every_kind() -> None:
    drawn = {yaml.safe_load(t.format(**FILL)).__iter__().__next__() for t in test_never_crashes.TEMPLATES}
    assert drawn == set(KINDS)


@pytest.mark.parametrize("name", list(KINDS))
def test_every_kind_has_a_row_in_the_docs(name: str) -> None:
    assert f"| `{name}` |" in FORMAT


def test_the_schema_describes_every_kinds_details() -> None:
    schema = json.loads(json.dumps(report_schema()))
    defs = schema["$defs"]
    for kind in KINDS.values():
        if kind.details is None:
            continue
        d = defs[kind.details.__name__]
        assert d["properties"]["kind"]["const"] == kind.name
        assert all(p.get("description") or "$ref" in p or "anyOf" in p or p.get("type") for p in d["properties"].values())
    details = schema["$defs"]["ClaimResult"]["properties"]["details"]
    mapped = json.dumps(details)
    assert all(k.details.__name__ in mapped for k in KINDS.values() if k.details is not None)


def test_a_kind_is_registered_once() -> None:
    with pytest.raises(ValueError, match="registered twice"):
        @register
        class Again(MeasureKind):
            name = "count"
