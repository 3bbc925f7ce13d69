"""A claim that passes with a warning is no plain green tick in the HTML report: the counts say how
many carry one, the overview lists its sentence among those to look at, and its mark says so.
Before, the warning showed only inside the claim's evidence. Constructed data."""

from __future__ import annotations

import textwrap
from pathlib import Path

import factcheck
from factcheck.render.html import render


def _page(folder: Path) -> str:
    (folder / "people.csv").write_text("state,population\nAlabama,5000\nMississipi,2900\nTexas,30000\n")
    (folder / "states.csv").write_text("state,region\nAlabama,South\nMississippi,South\nTexas,South\n")
    (folder / "story.md").write_text("The South had 35,000 residents. Texas had 30,000 of them.\n")
    (folder / "c.yaml").write_text(textwrap.dedent("""\
        article: story.md
        tables:
          people: {path: people.csv, lookup: {st: states via state}}
          states: {path: states.csv, key: state}
        claims:
          - id: south
            says: The South had 35,000 residents.
            measure: {sum: population, of: people, where: "st.region == 'South'"}
            expect: 35,000
          - id: texas
            says: Texas had 30,000 of them.
            measure: {sum: population, of: people, where: "state == 'Texas'"}
            expect: 30,000
        """))
    report = factcheck.verify(folder / "c.yaml")
    assert [r.verdict for r in report.results] == ["pass", "pass"]
    return render(report)


def test_a_warned_pass_is_counted_listed_and_marked(tmp_path: Path) -> None:
    page = _page(tmp_path)
    assert '<span class="chip warned">\u26a0 1 with a warning</span>' in page
    overview = page[page.index('id="overview"'):page.index("</section>", page.index('id="overview"'))]
    assert "Sentences to look at" in overview and "south (warning)" in overview and "texas" not in overview
    assert 'class="fc v-pass withfigs warned"' in page and "\u27131\u26a0</sup>" in page  # the sentence: ✓1⚠
    assert 'class="fig v-pass warned fig-end"' in page and 'aria-label="35,000: pass, with a warning"' in page
    assert page.count("withfigs warned") == 1 and page.count("v-pass warned") == 1 and "\u27132</sup>" in page
