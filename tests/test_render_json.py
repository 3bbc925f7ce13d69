"""The JSON report: complete, stable from run to run, and valid against its published schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import factcheck
from factcheck.report import SCHEMA_VERSION
from factcheck.schema import report_schema, schema_text

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "reports"
STORY_2020 = ROOT / "claims" / "2020.yaml"


def _without_time(text: str) -> dict:
    data = json.loads(text)
    assert data.pop("generated_at")
    return data


def test_same_run_gives_the_same_json_apart_from_the_timestamp() -> None:
    a = factcheck.verify(FIXTURES / "story.yaml").to_json()
    b = factcheck.verify(FIXTURES / "story.yaml").to_json()
    assert _without_time(a) == _without_time(b)
    # and byte for byte once the timestamp line is set aside: key order is stable too
    strip = lambda t: [line for line in t.splitlines() if '"generated_at"' not in line]
    assert strip(a) == strip(b)


def test_json_carries_run_metadata_and_every_piece_of_evidence() -> None:
    data = json.loads(factcheck.verify(FIXTURES / "story.yaml").to_json())
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["tool_version"] == factcheck.__version__
    assert data["claims_file"].endswith("story.yaml") and len(data["claims_sha256"]) == 64
    [table] = data["tables"]
    assert table["name"] == "orders" and len(table["sha256"]) == 64 and table["rows"] == 45
    share = next(r for r in data["results"] if r["id"] == "online-share")
    assert share["verdict"] == "pass" and share["kind"] == "share"
    assert share["numerator"] == 4 and share["denominator"] == 6 and share["rows_kept"] == 6
    assert share["expectation"]["written"] == "two-thirds"
    assert share["expectation"]["low"] is not None and share["expectation"]["high"] is not None
    assert "SELECT" in share["sql"]
    fell = next(r for r in data["results"] if r["id"] == "orders-fell")
    assert (fell["verdict"], fell["reason"]) == ("fail", "out_of_tolerance")
    assert data["summary"] == {"total": 6, "passed": 3, "failed": 2, "unverifiable": 1}


def test_committed_schema_is_the_generated_one() -> None:
    committed = (ROOT / "docs" / "report-schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), (
        "docs/report-schema.json is out of date with factcheck/report.py; regenerate it with\n"
        "    python -m factcheck.schema > docs/report-schema.json")


def test_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(report_schema())


@pytest.mark.parametrize("claims", ["story.yaml", "hostile.yaml"])
def test_output_validates_against_the_schema(claims: str) -> None:
    data = json.loads(factcheck.verify(FIXTURES / claims).to_json())
    jsonschema.Draft202012Validator(report_schema()).validate(data)


def test_the_2020_story_validates_against_the_schema() -> None:
    if not STORY_2020.exists():
        pytest.skip("claims/2020.yaml is not there")
    data = json.loads(factcheck.verify(STORY_2020).to_json())
    jsonschema.Draft202012Validator(report_schema()).validate(data)
    assert data["summary"]["total"] == len(data["results"]) > 0


def test_schema_rejects_what_the_contract_forbids() -> None:
    data = json.loads(factcheck.verify(FIXTURES / "story.yaml").to_json())
    validator = jsonschema.Draft202012Validator(report_schema())
    bad = json.loads(json.dumps(data))
    bad["results"][0]["verdict"] = "maybe"
    assert not validator.is_valid(bad)
    bad = json.loads(json.dumps(data))
    del bad["results"][0]["id"]
    assert not validator.is_valid(bad)
