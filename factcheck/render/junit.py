"""The JUnit XML report: one testcase per claim, for CI systems.

A failed claim is a ``<failure>`` whose message carries the numbers (stated,
computed, by how much); an unverifiable claim is ``<skipped>`` with its reason. A figure
of the article that no claim checks is a ``<skipped>`` testcase of its own (a
``<failure>`` under ``--require-coverage``); a claim whose ``says`` is no longer in the
article is a ``<failure>`` naming the closest sentence, and an ``ignore:`` entry that
matches no figure is ``<skipped>`` with a hint.
The body of each element holds the full evidence: what the article says, the
expectation as understood, the figures, notes and the SQL. Built with
ElementTree, so every attribute and text is escaped; characters XML 1.0 cannot
carry at all (most control characters) are replaced.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import PurePath

from ..report import ClaimResult, Report, Verdict
from ._common import numbers, reason_text, summary_text, warning_text

# Characters outside XML 1.0's Char production: no escaping can carry them.
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text: object) -> str:
    return _NOT_XML.sub("\ufffd", str(text))


def render(report: Report) -> str:
    suite_name = report.title or report.claims_file
    classname = _classname(report.claims_file)
    s = report.summary
    figures = _figure_cases(report, classname)
    failed = s.failed + sum(1 for c in figures if c.find("failure") is not None)
    skipped = s.unverifiable + sum(1 for c in figures if c.find("skipped") is not None)
    total = s.total + len(figures)
    suites = ET.Element("testsuites", name="factcheck", tests=str(total), failures=str(failed),
                        errors="0", skipped=str(skipped), time="0")
    suite = ET.SubElement(suites, "testsuite", name=clean(suite_name), tests=str(total),
                          failures=str(failed), errors="0", skipped=str(skipped), time="0",
                          timestamp=clean(report.generated_at))
    props = ET.SubElement(suite, "properties")
    for name, value in [("claims_file", report.claims_file), ("claims_sha256", report.claims_sha256),
                        ("tool_version", report.tool_version), ("schema_version", report.schema_version),
                        ("engine", report.engine)]:
        ET.SubElement(props, "property", name=name, value=clean(value))
    for t in report.tables:
        ET.SubElement(props, "property", name=clean(f"table:{t.name}"),
                      value=clean(f"{t.path} sha256={t.sha256} rows={t.rows}"))
    for r in report.results:
        suite.append(_case(r, classname))
    for case in figures:
        suite.append(case)
    ET.SubElement(suite, "system-out").text = clean(summary_text(report))
    ET.indent(suites, space="  ")
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


def _classname(claims_file: str) -> str:
    """'claims/2020.yaml' → 'claims.2020': CI viewers group test cases by dotted class name."""
    p = PurePath(claims_file)
    parts = [x for x in p.with_suffix("").parts if x not in ("/", "..", ".")]
    return clean(".".join(parts) or "claims")


def _figure_cases(report: Report, classname: str) -> list[ET.Element]:
    """The article's own testcases: a figure no claim checks (skipped, or a failure under
    --require-coverage), a stale claim (a failure), an unused ignore: entry (skipped)."""
    cov = report.coverage
    if cov is None:
        return []
    cases = []
    for f in cov.not_checked:
        case = ET.Element("testcase", {"classname": f"{classname}.article", "name": clean(f"line {f.line}: {f.text}"),
                                       "time": "0", "line": str(f.line)})
        message = clean(f"not checked: no claim states '{f.text}'")
        if cov.required:
            el = ET.SubElement(case, "failure", message=message, type="not_checked")
        else:
            el = ET.SubElement(case, "skipped", message=message)
        el.text = clean(f"sentence: {f.sentence}\narticle: {cov.article}, line {f.line}"
                        + (f"\nwhy: {f.reason}" if f.reason else ""))
        cases.append(case)
    for st in cov.stale:  # the draft was edited: the claim checks a sentence readers no longer see
        case = ET.Element("testcase", {"classname": f"{classname}.article", "name": clean(f"stale: {st.id}"),
                                       "time": "0"})
        el = ET.SubElement(case, "failure", type="stale_says",
                           message=clean(f"claim {st.id} says '{st.says}', no longer in the article"))
        hint = (f"closest now (line {st.closest_line}): {st.closest}" if st.closest
                else "no sentence of the article is close")
        el.text = clean(f"says: {st.says}\narticle: {cov.article}\nhint: {hint}; copy the sentence as the "
                        "article now has it into the claim's says, or remove the claim")
        cases.append(case)
    for u in cov.unused_ignores:
        case = ET.Element("testcase", {"classname": f"{classname}.article",
                                       "name": clean(f"unused ignore: {u.figure}"), "time": "0"})
        el = ET.SubElement(case, "skipped", message=clean(
            f"unused ignore: figure '{u.figure}' in '{u.sentence}' matches nothing in the article"))
        el.text = clean(f"sentence: {u.sentence}\nfigure: {u.figure}\nreason: {u.reason}\narticle: {cov.article}"
                        "\nhint: write the sentence (or a part of it) and the figure as the article has them, "
                        "or remove the entry")
        cases.append(case)
    return cases


def _case(r: ClaimResult, classname: str) -> ET.Element:
    attrs = {"classname": classname, "name": clean(r.id), "time": "0"}
    if r.line is not None:
        attrs["line"] = str(r.line)
    case = ET.Element("testcase", attrs)
    if r.verdict == Verdict.FAIL:
        why = f" [{r.reason.value}]" if r.reason else ""
        el = ET.SubElement(case, "failure", message=clean(f"{r.message}{why}"),
                           type=clean(r.reason.value if r.reason else "fail"))
        el.text = clean(_evidence(r))
    elif r.verdict == Verdict.UNVERIFIABLE:
        msg = r.message or reason_text(r)
        why = f" [{r.reason.value}]" if r.reason else ""
        el = ET.SubElement(case, "skipped", message=clean(f"unverifiable: {msg}{why}"))
        el.text = clean(_evidence(r))
    else:
        ET.SubElement(case, "system-out").text = clean(_evidence(r))
    if warning_text(r):  # CI viewers show system-err beside the result: a warning is not buried in the evidence
        ET.SubElement(case, "system-err").text = clean(warning_text(r))
    return case


def _evidence(r: ClaimResult) -> str:
    lines = [f"says: {r.says}", f"verdict: {r.verdict.value}" + (f"  {warning_text(r)}" if warning_text(r) else "")]
    if r.reason:
        lines.append(f"reason: {reason_text(r)}")
    if r.message:
        lines.append(f"message: {r.message}")
    if r.expectation is not None or r.value is not None:
        lines.append(f"figures: {numbers(r)}")
    if r.value_exact:
        lines.append(f"exact: {r.value_exact}")
    lines += [f"note {n.code.value}: {n.message}" for n in r.notes]
    if r.tables:
        lines.append(f"tables: {', '.join(r.tables)}")
    if r.sql:
        lines += ["sql:", r.sql]
    return "\n".join(lines)
