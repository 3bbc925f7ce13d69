"""A candidate that passes only by adding what the sentence does not say (a filter, a year, a
count it never names) is marked as such, in every view, whether or not the sentence's own reading
was found. Before, it was marked only beside a failing reading, and a chance pass ("Some 41% of
students … scored proficient" as the share of enrollment in schools with more than 50 suspensions
in one district) was listed as plainly as a right one. On three stories new to `suggest`, a first
candidate that departs was right 5 times in 16, one that does not 45 times in 57."""

from __future__ import annotations

import json
from pathlib import Path

from drafts import csv_text, init_and_suggest
from typer.testing import CliRunner

from factcheck.cli import app

runner = CliRunner()
ROWS = [f"S{i:02d},{'Westfield' if i % 2 else 'Eastgate'},{'charter' if i % 5 < 2 else 'district'},{100 + 7 * i}"
        for i in range(30)]  # 40% charter schools


def test_a_candidate_that_departs_is_marked_in_json_text_and_the_starter(tmp_path: Path) -> None:
    story = "Some 40% of schools scored well."
    claims = init_and_suggest(tmp_path, story, {"schools.csv": csv_text("school_id,district,type,enrollment", ROWS)})
    shown = [s for c in claims for s in c["candidates"]]
    assert shown and all(s["departs"] for s in shown)  # nothing the sentence names makes 41%
    text = runner.invoke(app, ["suggest", str(tmp_path / "story.claims.yaml")])
    assert "reads the sentence otherwise: it adds" in text.output
    starter = (tmp_path / "story.claims.yaml").read_text(encoding="utf-8")
    assert "- reads the sentence otherwise: check it" in starter


def test_a_candidate_the_sentence_names_is_not(tmp_path: Path) -> None:
    story = "Two in five schools were charter schools."
    claims = init_and_suggest(tmp_path, story, {"schools.csv": csv_text("school_id,district,type,enrollment", ROWS)})
    first = claims[0]["candidates"][0]
    assert first["measure"] == {"share": "type == 'charter'", "of": "schools"}
    assert first["departs"] is False
    data = runner.invoke(app, ["suggest", str(tmp_path / "story.claims.yaml"), "--json", "-"])
    import jsonschema
    jsonschema.validate(json.loads(data.stdout), json.loads((Path(__file__).parent.parent / "docs" /
                                                             "suggest-schema.json").read_text(encoding="utf-8")))
