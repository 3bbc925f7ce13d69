"""The HTML report on a phone (420 px) and a desktop (1400 px), measured in headless Chromium.

On a narrow screen the evidence of a tapped sentence must open right under it (not
a screen-length away in the panel below the article), and nothing may make the page
wider than the screen: wide tables scroll inside their own box. Each card speaks
plainly first; its interval, exact fraction and checksums wait in a closed fold.
Screenshots of both widths are saved under pytest's tmp dir, not in the tree.
Skipped, saying why, only when no Chromium binary or no Playwright package is found.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import factcheck
from factcheck.render.html import render
from factcheck.report import SeriesPoint

ROOT = Path(__file__).resolve().parents[1]
STORY_2020 = ROOT / "claims" / "2020.yaml"
FIXTURES = Path(__file__).parent / "fixtures" / "reports"
PHONE, DESKTOP = 420, 1400
# the evidence box starts at most this far below the bottom of the tapped mark: the rest of
# the sentence's last line and the box's margin, never a screen away
NEAR = 48


@pytest.fixture(scope="module")
def story_2020() -> factcheck.Report:
    if not STORY_2020.exists():
        pytest.skip("claims/2020.yaml is not in this checkout")
    return factcheck.verify(STORY_2020)


@pytest.fixture(scope="module")
def page_file(story_2020: factcheck.Report, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("phone") / "story.html"
    path.write_text(render(story_2020), encoding="utf-8")
    return path


class Opened:
    def __init__(self, page: Any) -> None:
        self.page = page
        self.errors: list[str] = []
        self.requests: list[str] = []


def _open(browser: Any, path: Path, width: int) -> Opened:
    page = browser.new_page(viewport={"width": width, "height": 860})
    opened = Opened(page)
    page.on("console", lambda m: opened.errors.append(f"console {m.type}: {m.text}")
            if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda exc: opened.errors.append(f"page error: {exc}"))
    page.on("request", lambda req: opened.requests.append(req.url))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return opened


@pytest.fixture()
def phone(browser: Any, page_file: Path) -> Iterator[Opened]:
    opened = _open(browser, page_file, PHONE)
    yield opened
    assert opened.errors == []
    assert all(u.startswith("file://") for u in opened.requests), opened.requests
    opened.page.close()


@pytest.fixture()
def desktop(browser: Any, page_file: Path) -> Iterator[Opened]:
    opened = _open(browser, page_file, DESKTOP)
    yield opened
    assert opened.errors == []
    opened.page.close()


def _group_of(page: Any, claim_id: str) -> str:
    card = page.locator(f'section.group article.claim[data-claim-id="{claim_id}"]')
    return str(card.locator("xpath=ancestor::section[contains(@class,'group')]").get_attribute("data-group"))


def _tap(page: Any, n: str) -> tuple[dict[str, float], dict[str, float]]:
    """Tap the mark of group ``n``; the bounding boxes (page coordinates) of its last piece and of its evidence."""
    pieces = page.locator(f'mark.fc[data-group="{n}"]')
    pieces.first.scroll_into_view_if_needed()
    pieces.first.click()
    box = page.evaluate(f"""() => {{
        const r = e => {{ const b = e.getBoundingClientRect();
                          return {{top: b.top + scrollY, bottom: b.bottom + scrollY, left: b.left, right: b.right}}; }};
        const ps = document.querySelectorAll('mark.fc[data-group="{n}"]');
        return [r(ps[ps.length - 1]), r(document.getElementById('ev-{n}'))];
    }}""")
    return box[0], box[1]


def _scroll_width(page: Any) -> int:
    return int(page.evaluate("Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"))


def test_at_420px_the_evidence_opens_under_the_tapped_sentence(phone: Opened, story_2020: factcheck.Report,
                                                                 tmp_path: Path) -> None:
    page = phone.page
    ids = [r.id for r in story_2020.results]
    failed = [r.id for r in story_2020.results if r.verdict == "fail"]
    for claim in [ids[0], *failed, ids[len(ids) // 2], ids[-1]]:
        n = _group_of(page, claim)
        mark, box = _tap(page, n)
        assert page.locator(f"#ev-{n}").is_visible()
        assert 0 <= box["top"] - mark["bottom"] <= NEAR, (claim, mark, box)
        assert page.evaluate(f"!!document.getElementById('ev-{n}').closest('article.story')")
        assert box["right"] <= PHONE and box["left"] >= 0
        assert _scroll_width(page) <= PHONE, claim
    n = _group_of(page, failed[0])
    _tap(page, n)
    page.locator(f"#m-{n}").evaluate("m => m.scrollIntoView({block: 'start'})")
    page.evaluate("window.scrollBy(0, -40)")
    shot = tmp_path / "phone-420-selected.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000


def test_at_420px_closing_puts_the_evidence_back_in_the_panel(phone: Opened, story_2020: factcheck.Report) -> None:
    page = phone.page
    n = _group_of(page, story_2020.results[0].id)
    _tap(page, n)
    page.locator(f"#ev-{n} button.close").click()
    assert not page.locator(f"#ev-{n}").is_visible()
    assert page.evaluate(f"!!document.getElementById('ev-{n}').closest('aside.panel')")
    assert page.evaluate("document.activeElement.id") == f"m-{n}"
    _tap(page, n)
    assert page.locator(f"#ev-{n}").is_visible()
    page.locator(f"#m-{n}").click()  # tapping the sentence again closes it too
    assert not page.locator(f"#ev-{n}").is_visible()
    assert page.locator("section.group.active").count() == 0


def test_at_420px_nothing_is_wider_than_the_screen(phone: Opened, tmp_path: Path) -> None:
    page = phone.page
    assert _scroll_width(page) <= PHONE
    # every card shown at once, every fold open: still nothing wider than the screen
    page.evaluate("""() => {
        document.querySelectorAll('section.group').forEach(s => s.classList.add('active'));
        document.querySelectorAll('details').forEach(d => d.open = true);
    }""")
    assert _scroll_width(page) <= PHONE
    too_wide = page.evaluate(f"""() => [...document.querySelectorAll('table, pre, svg, figure, code')]
        .filter(e => e.getBoundingClientRect().right > {PHONE} + 0.5)
        .map(e => e.tagName)""")
    assert too_wide == []
    # a wide table scrolls inside its own box
    files = page.locator("section.data table.files")
    assert files.evaluate("t => getComputedStyle(t).overflowX") == "auto"
    assert files.evaluate("t => t.scrollWidth > t.clientWidth")  # the SHA-256 column is wider than a phone
    page.locator("section.data").scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "phone-420-data.png"))


def test_the_card_speaks_plainly_and_folds_the_exact_figures(phone: Opened, story_2020: factcheck.Report) -> None:
    page = phone.page
    r = story_2020.result("victims-large-majority-women")
    n = _group_of(page, r.id)
    _tap(page, n)
    card = page.locator(f'article.claim[data-claim-id="{r.id}"]')
    plain = card.locator("p.plain")
    assert plain.is_visible()
    assert "must be more than two thirds" in plain.inner_text()
    assert "computed 44.0% (529 of 1,202)" in plain.inner_text()
    fold = card.locator("details.exact")
    assert fold.get_attribute("open") is None  # closed by default
    assert not fold.locator("table.evidence").is_visible()
    held = fold.text_content() or ""
    assert "(0.666667, +∞)" in held and "on the measure's scale" in held
    assert "529/1202" in held
    for t in r.tables:
        sha = next(u.sha256 for u in story_2020.tables if u.name == t)
        assert sha in held
        assert sha not in card.inner_text()  # the full checksum is not in the words shown first
    fold.locator("summary").click()
    assert fold.locator("table.evidence").is_visible()
    assert _scroll_width(page) <= PHONE
    share = story_2020.result("online-facebook-share")
    n = _group_of(page, share.id)
    _tap(page, n)
    words = page.locator(f'article.claim[data-claim-id="{share.id}"] p.plain').inner_text()
    assert words.startswith("Must round to 59%") and "computed 59.1% (78 of 132)" in words


def test_at_1400px_the_evidence_stays_in_the_panel_beside_the_text(desktop: Opened, story_2020: factcheck.Report,
                                                                     tmp_path: Path) -> None:
    page = desktop.page
    r = next(r for r in story_2020.results if r.kind == "extreme")
    n = _group_of(page, r.id)
    mark, _ = _tap(page, n)
    section = page.locator(f"#ev-{n}")
    assert section.is_visible()
    assert page.evaluate(f"!!document.getElementById('ev-{n}').closest('aside.panel')")
    box = section.bounding_box()  # in the viewport: the panel sticks beside the text
    assert box is not None and 0 <= box["y"] < 860 and box["x"] > page.locator("#m-" + n).bounding_box()["x"]
    assert section.locator("svg.chart").is_visible()
    assert _scroll_width(page) <= DESKTOP
    shot = tmp_path / "desktop-1400-selected.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000


def test_resizing_moves_open_evidence_between_text_and_panel(desktop: Opened, story_2020: factcheck.Report) -> None:
    page = desktop.page
    n = _group_of(page, story_2020.results[1].id)
    _tap(page, n)
    page.set_viewport_size({"width": PHONE, "height": 860})
    page.wait_for_function(f"() => !!document.getElementById('ev-{n}').closest('article.story')")
    page.set_viewport_size({"width": DESKTOP, "height": 860})
    page.wait_for_function(f"() => !!document.getElementById('ev-{n}').closest('aside.panel')")
    assert page.locator(f"#ev-{n}").is_visible()


def test_a_sentence_that_goes_on_gets_its_evidence_after_its_full_stop(browser: Any, tmp_path: Path) -> None:
    # "Customers stayed loyal, the owner says." is marked up to the comma; *online* splits another mark in three
    report = factcheck.verify(FIXTURES / "story.yaml")
    path = tmp_path / "fixture.html"
    path.write_text(render(report), encoding="utf-8")
    opened = _open(browser, path, PHONE)
    page = opened.page
    for claim, before in (("loyal-customers", "the owner says."), ("online-share", "placed online.")):
        n = _group_of(page, claim)
        mark, box = _tap(page, n)
        assert 0 <= box["top"] - mark["bottom"] <= NEAR
        text_before = page.evaluate(f"""() => {{
            const s = document.getElementById('ev-{n}'), p = s.parentNode, r = document.createRange();
            r.setStart(p, 0); r.setEndBefore(s); return r.toString(); }}""")
        words = " ".join(re.sub(r"[✓✗?]\d+", "", text_before).split())  # without the marks' numbers
        assert words.endswith(before), text_before
    assert opened.errors == []
    page.close()


def test_a_chart_with_a_missing_year_shows_a_labelled_gap(browser: Any, tmp_path: Path) -> None:
    report = factcheck.verify(FIXTURES / "story.yaml")
    worst = report.result("worst-year")
    assert worst.series is not None
    holed = [p if p.key != "2018" else SeriesPoint(key="2018", value=None) for p in worst.series]
    results = [r.model_copy(update={"series": holed}) if r.id == worst.id else r for r in report.results]
    path = tmp_path / "gap.html"
    path.write_text(render(report.model_copy(update={"results": results})), encoding="utf-8")
    opened = _open(browser, path, PHONE)
    page = opened.page
    n = _group_of(page, worst.id)
    _tap(page, n)
    svg = page.locator(f'article.claim[data-claim-id="{worst.id}"] svg.chart')
    label = svg.locator("text.gap-label")
    assert label.is_visible() and label.text_content() == "no data 2018"
    gap, chart = svg.locator("rect.gap").bounding_box(), svg.bounding_box()
    assert gap is not None and chart is not None and chart["x"] + chart["width"] <= PHONE
    # no point is drawn inside the gap
    for c in svg.locator("circle").all():
        b = c.bounding_box()
        assert b is not None and not gap["x"] < b["x"] + b["width"] / 2 < gap["x"] + gap["width"]
    page.screenshot(path=str(tmp_path / "phone-420-gap.png"))
    assert opened.errors == []
    page.close()


def test_long_unbroken_values_do_not_widen_the_page(browser: Any, tmp_path: Path) -> None:
    # an id, a message, a value, a title, a URL, a table and a code block 150 characters without a break
    report = factcheck.verify(FIXTURES / "story.yaml")
    long = "x" * 150
    results = [r.model_copy(update={"id": r.id + long, "message": f"{r.message} {long}",
                                    "value_text": (r.value_text or "") + long}) for r in report.results]
    article = ((FIXTURES / "story.md").read_text(encoding="utf-8") + f"\n\nhttps://example.com/{long}\n\n"
               f"| a | b | c |\n|---|---|---|\n| {long} | {long} | 1 |\n\n    code {long}\n")
    path = tmp_path / "long.html"
    path.write_text(render(report.model_copy(update={"results": results, "title": "T" + long}), article),
                    encoding="utf-8")
    opened = _open(browser, path, PHONE)
    page = opened.page
    assert _scroll_width(page) <= PHONE
    page.locator("mark.fc").first.click()
    assert _scroll_width(page) <= PHONE
    page.evaluate("""() => {
        document.querySelectorAll('section.group').forEach(s => s.classList.add('active'));
        document.querySelectorAll('details').forEach(d => d.open = true);
    }""")
    assert _scroll_width(page) <= PHONE
    assert opened.errors == []
    page.close()


def test_evidence_of_a_figure_inside_a_sentence_comes_after_the_whole_sentence(browser: Any, tmp_path: Path) -> None:
    # marks on figures, not sentences (two in one sentence): the box waits for the full stop
    report = factcheck.verify(FIXTURES / "story.yaml")
    says = {"orders-2020": "6 orders", "online-share": "two-thirds of them"}
    results = [r.model_copy(update={"says": says.get(r.id, r.says)}) for r in report.results]
    article = ("# Shop\n\nThe shop took 6 orders and two-thirds of them were online in 2020. "
               "It was a quiet year.\n")
    path = tmp_path / "figures.html"
    path.write_text(render(report.model_copy(update={"results": results}), article), encoding="utf-8")
    opened = _open(browser, path, PHONE)
    page = opened.page
    for claim in says:
        n = _group_of(page, claim)
        mark, box = _tap(page, n)
        text_before = page.evaluate(f"""() => {{
            const s = document.getElementById('ev-{n}'), r = document.createRange();
            r.setStart(s.parentNode, 0); r.setEndBefore(s); return r.toString(); }}""")
        words = " ".join(re.sub(r"[✓✗?]\d+", "", text_before).split())
        assert words == "The shop took 6 orders and two-thirds of them were online in 2020.", words
        assert box["top"] >= mark["bottom"]
    page.locator("button.close:visible").click()
    assert page.locator("article.story p").first.evaluate("p => p.textContent").count("It was a quiet year.") == 1
    assert opened.errors == []
    page.close()


def test_at_420px_the_sentences_to_look_at_come_first_and_open_in_place(phone: Opened) -> None:
    page = phone.page
    jumps = page.locator("a.jump")
    if jumps.count() == 0:
        pytest.skip("no failed or unverifiable sentence in this story")
    first = jumps.first.bounding_box()
    story = page.locator("article.story").bounding_box()
    assert first is not None and story is not None and first["y"] < story["y"] < 860  # above the article
    n = str(jumps.first.get_attribute("data-group"))
    jumps.first.click()
    assert page.locator(f"#ev-{n}").is_visible()
    assert page.evaluate(f"!!document.getElementById('ev-{n}').closest('article.story')")
    assert page.evaluate("document.activeElement.id") == f"m-{n}"
    assert jumps.first.is_visible()  # the list stays: nothing above the sentence moves


def test_printed_from_a_phone_wide_tables_are_whole_not_scroll_boxes(phone: Opened) -> None:
    page = phone.page
    page.emulate_media(media="print")
    try:
        files = page.locator("section.data table.files")
        assert files.evaluate("t => getComputedStyle(t).display") == "table"
        assert files.evaluate("t => getComputedStyle(t).overflowX") == "visible"
        assert page.locator("section.overview").is_hidden()
    finally:
        page.emulate_media(media="screen")


def _below(page: Any, section: str, mark: str) -> float:
    return float(page.evaluate(f"""() => document.getElementById('{section}').getBoundingClientRect().top
        - document.getElementById('{mark}').getBoundingClientRect().bottom"""))


def _text_before(page: Any, section: str) -> str:
    text = page.evaluate(f"""() => {{ const s = document.getElementById('{section}'), r = document.createRange();
        r.setStart(s.closest('article.story'), 0); r.setEndBefore(s); return r.toString(); }}""")
    return " ".join(re.sub(r"[✓✗?]\d+", "", str(text)).split())


def test_at_420px_a_tapped_figure_opens_its_evidence_or_note_under_its_sentence(browser: Any,
                                                                                 tmp_path: Path) -> None:
    report = factcheck.verify(FIXTURES / "figures.yaml")
    path = tmp_path / "figures.html"
    path.write_text(render(report), encoding="utf-8")
    opened = _open(browser, path, PHONE)
    page = opened.page
    # a checked figure opens its sentence's evidence, in place; another figure of it keeps it open
    page.locator("#f-0").click()
    assert page.locator("#ev-1").is_visible() and 0 <= _below(page, "ev-1", "f-0") <= NEAR * 2
    assert _text_before(page, "ev-1").endswith("down 40% from 2019.")
    page.locator("#f-1").click()
    assert page.locator("#ev-1").is_visible()
    assert page.locator('article.claim.picked[data-claim-id="orders-fell"]').is_visible()
    # a figure nothing checks: its note, under the rest of its sentence
    page.locator("#f-2").click()
    page.wait_for_function("() => !!document.getElementById('fg-not-checked').closest('article.story')")
    assert page.locator("#fg-not-checked").is_visible() and not page.locator("#ev-1").is_visible()
    assert _text_before(page, "fg-not-checked").endswith("Another 3 orders were returned.")
    assert 0 <= _below(page, "fg-not-checked", "f-2") <= NEAR
    # an ignored one: its reason, escaped, under its sentence; the note before goes back to the panel
    page.locator("#f-3").click()
    page.wait_for_function("() => !!document.getElementById('fg-3').closest('article.story')")
    assert page.evaluate("!!document.getElementById('fg-not-checked').closest('aside.panel')")
    assert _text_before(page, "fg-3").endswith("its owner says.")
    assert "<b>the rival's own count</b>" in page.locator("#fg-3").inner_text()
    page.keyboard.press("Escape")
    assert page.evaluate("!!document.getElementById('fg-3').closest('aside.panel')")
    # a note closes by its own × too, like a claim's evidence: back to the panel, focus on the figure
    page.locator("#f-2").click()
    page.wait_for_function("() => !!document.getElementById('fg-not-checked').closest('article.story')")
    page.locator("#fg-not-checked button.close").click()
    assert page.evaluate("!!document.getElementById('fg-not-checked').closest('aside.panel')")
    assert not page.locator("#fg-not-checked").is_visible()
    assert page.evaluate("document.activeElement.id") == "f-2"
    assert page.locator("mark.fig.active").count() == 0
    page.locator("#f-3").click()
    page.wait_for_function("() => !!document.getElementById('fg-3').closest('article.story')")
    page.locator("#fg-3 button.close").click()
    assert not page.locator("#fg-3").is_visible() and page.evaluate("document.activeElement.id") == "f-3"
    assert _scroll_width(page) <= PHONE
    page.screenshot(path=str(tmp_path / "phone-420-figures.png"))
    assert opened.errors == []
    page.close()
