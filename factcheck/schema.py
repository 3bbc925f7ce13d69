"""The JSON Schema of the JSON report, generated from the pydantic models.

The committed copy lives in ``docs/report-schema.json``; a test checks that it
equals what this module generates, so the published schema never drifts from
the code. Regenerate it after changing :mod:`factcheck.report`::

    python -m factcheck.schema > docs/report-schema.json
"""

from __future__ import annotations

import json
import sys
from typing import Any

from .report import SCHEMA_VERSION, Report


def report_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that every ``--json`` report validates against."""
    schema = Report.model_json_schema(mode="serialization")
    out: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "factcheck report",
        "description": (f"The JSON report of `factcheck run --json`, schema_version {SCHEMA_VERSION}. "
                        "Generated from factcheck.report by factcheck.schema; do not edit by hand."),
    }
    out.update({k: v for k, v in schema.items() if k not in ("title", "description")})
    return out


def schema_text() -> str:
    """The schema as committed: sorted keys, two-space indent, trailing newline."""
    return json.dumps(report_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main() -> None:
    sys.stdout.write(schema_text())


if __name__ == "__main__":
    main()
