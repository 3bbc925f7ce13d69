"""The JUnit report: valid XML, one testcase per claim, failures and skips carrying the numbers."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import factcheck
from factcheck.render import junit

FIXTURES = Path(__file__).parent / "fixtures" / "reports"


def _parse(name: str) -> tuple[ET.Element, factcheck.Report]:
    report = factcheck.verify(FIXTURES / name)
    return ET.fromstring(junit.render(report).encode("utf-8")), report


def test_one_testcase_per_claim_with_counts_that_add_up() -> None:
    root, report = _parse("story.yaml")
    assert root.tag == "testsuites"
    [suite] = root.findall("testsuite")
    everything = suite.findall("testcase")
    cases = [c for c in everything if not c.get("classname", "").endswith(".article")]
    assert [c.get("name") for c in cases] == [r.id for r in report.results]
    # and the article's own case: north-majority's sentence is not in the story, a failure of its own
    assert [c.get("name") for c in everything[len(cases):]] == ["stale: north-majority"]
    assert suite.get("tests") == root.get("tests") == "7"
    assert suite.get("failures") == "3" and suite.get("skipped") == "1" and suite.get("errors") == "0"
    assert len([c for c in cases if c.find("failure") is not None]) == 2
    assert len([c for c in cases if c.find("skipped") is not None]) == 1
    assert all(c.get("classname", "").endswith("reports.story") for c in cases)


def test_failure_message_carries_the_numbers_and_the_reason() -> None:
    root, _ = _parse("story.yaml")
    fell = root.find(".//testcase[@name='orders-fell']/failure")
    assert fell is not None
    msg = fell.get("message", "")
    assert "40%" in msg and "33.3%" in msg and "out_of_tolerance" in msg
    assert fell.get("type") == "out_of_tolerance"
    assert "SELECT" in (fell.text or "") and "says: Orders fell 40% from 2019." in (fell.text or "")
    skipped = root.find(".//testcase[@name='loyal-customers']/skipped")
    assert skipped is not None and "marked_unverifiable" in skipped.get("message", "")
    passed = root.find(".//testcase[@name='orders-2020']")
    assert passed is not None and passed.find("failure") is None and passed.find("skipped") is None


def test_run_metadata_in_properties() -> None:
    root, report = _parse("story.yaml")
    props = {p.get("name"): p.get("value") for p in root.iter("property")}
    assert props["claims_sha256"] == report.claims_sha256
    assert report.tables[0].sha256 in props["table:orders"]


def test_hostile_text_is_escaped_and_parses_back_verbatim() -> None:
    root, report = _parse("hostile.yaml")
    [suite] = root.findall("testsuite")
    assert suite.get("name") == report.title  # round-trips exactly: escaped, not dropped
    top = root.find(".//testcase[@name='script-top']/failure")
    assert top is not None and "<script>alert(1)</script>" in top.get("message", "")
    text = junit.render(report)
    assert "<script>" not in text and "<b>" not in text


def test_characters_xml_cannot_carry_are_replaced() -> None:
    assert junit.clean("a\x00b\x1bc\ud800d") == "a\ufffdb\ufffdc\ufffdd"
    assert junit.clean("tab\tnew\nline") == "tab\tnew\nline"
