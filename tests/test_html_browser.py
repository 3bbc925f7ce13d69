"""The HTML report in a real headless browser (Chromium from the system packages, via Playwright).

Opens the report of the 2020 story (and of the small fixture story), checks it
renders without console errors or network requests, that every claim's sentence
is marked on the page, that selecting one by click or keyboard reveals its
evidence, and that print shows every piece of evidence. Screenshots go to
``test-artifacts/``. Skipped, saying why, only when no Chromium binary or no
Playwright package can be found; ``.ci/run`` installs both.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import factcheck
from factcheck.render.html import normalize, render

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
STORY_2020 = ROOT / "claims" / "2020.yaml"
FIXTURE = Path(__file__).parent / "fixtures" / "reports" / "story.yaml"
class Opened:
    def __init__(self, page: Any, report: factcheck.Report) -> None:
        self.page, self.report = page, report
        self.errors: list[str] = []
        self.requests: list[str] = []


def _open(browser: Any, claims: Path, tmp_path: Path, name: str) -> Opened:
    report = factcheck.verify(claims)
    path = tmp_path / f"{name}.html"
    path.write_text(render(report), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 860})
    opened = Opened(page, report)
    page.on("console", lambda m: opened.errors.append(f"console {m.type}: {m.text}")
            if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda exc: opened.errors.append(f"page error: {exc}"))
    page.on("request", lambda req: opened.requests.append(req.url))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return opened


@pytest.fixture(scope="module")
def story(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Opened]:
    claims = STORY_2020 if STORY_2020.exists() else FIXTURE
    opened = _open(browser, claims, tmp_path_factory.mktemp("html"), "story")
    yield opened
    opened.page.close()


def _fold(text: str) -> str:
    return normalize(text)[0].strip()


def test_renders_without_console_errors_or_network(story: Opened) -> None:
    assert story.page.title().startswith("factcheck: ")
    assert story.errors == []
    assert all(url.startswith("file://") for url in story.requests), story.requests
    assert story.page.evaluate("document.body.classList.contains('js')")  # the script ran


def test_each_claims_sentence_is_marked_on_the_page(story: Opened) -> None:
    marks = story.page.eval_on_selector_all(
        "mark.fc", "ms => ms.map(m => ({g: m.dataset.group, t: m.childNodes[0] ? m.innerText : ''}))")
    by_group: dict[str, str] = {}
    for m in marks:
        by_group[m["g"]] = by_group.get(m["g"], "") + " " + m["t"]
    shown = [_fold(t) for t in by_group.values()]
    unplaced = story.page.eval_on_selector_all(
        "#unplaced article.claim", "cs => cs.map(c => c.dataset.claimId)")
    assert shown
    for r in story.report.results:
        if r.id in unplaced:
            continue
        needle = _fold(r.says).rstrip(".")
        assert any(needle in s for s in shown), f"{r.id}: {r.says!r} is not marked"
        assert story.page.locator(f'section.group article.claim[data-claim-id="{r.id}"]').count() == 1
    if STORY_2020.exists():
        assert unplaced == [], "every claim of the 2020 story comes from its article"
    for m in story.page.locator("mark.fc").all()[:3]:
        assert m.is_visible()


def test_clicking_a_sentence_reveals_its_evidence(story: Opened) -> None:
    page = story.page
    failed = next(r for r in story.report.results if r.verdict == "fail") if story.report.summary.failed else \
        story.report.results[0]
    card = page.locator(f'section.group article.claim[data-claim-id="{failed.id}"]')
    group = card.locator("xpath=ancestor::section[contains(@class,'group')]")
    n = group.get_attribute("data-group")
    assert not card.is_visible()  # evidence stays out of the way until asked for
    page.locator(f'mark.fc[data-group="{n}"]').first.click()
    assert card.is_visible()
    text = card.inner_text()
    assert failed.id in text and (failed.expectation is None or failed.expectation.written in text)
    if failed.value_text:
        assert failed.value_text in text
    if failed.reason:
        assert failed.reason.value in text
    assert page.locator("section.group.active").count() == 1
    assert page.locator(f'mark.fc[data-group="{n}"]').first.get_attribute("aria-pressed") == "true"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-selected.png"))
    assert (ARTIFACTS / "report-selected.png").stat().st_size > 10_000
    assert story.errors == []


def test_keyboard_selects_a_sentence(story: Opened) -> None:
    page = story.page
    page.keyboard.press("Escape")
    assert page.locator("section.group.active").count() == 0
    last = page.locator("mark.fc[id]").last
    n = last.get_attribute("data-group")
    last.focus()
    page.keyboard.press("Enter")
    assert page.locator(f"#ev-{n}").is_visible()
    page.keyboard.press("Escape")
    assert not page.locator(f"#ev-{n}").is_visible()


def test_a_sentence_to_look_at_jumps_to_it(story: Opened) -> None:
    page = story.page
    jumps = page.locator("a.jump")
    if jumps.count() == 0:
        pytest.skip("no failed or unverifiable sentence in this story")
    n = jumps.first.get_attribute("data-group")
    jumps.first.click()
    assert page.locator(f"#ev-{n}").is_visible()
    assert page.evaluate("document.activeElement.id") == f"m-{n}"


def test_print_shows_every_piece_of_evidence(story: Opened) -> None:
    page = story.page
    page.emulate_media(media="print")
    try:
        groups = page.locator("section.group")
        assert groups.count() > 0
        assert all(groups.nth(i).is_visible() for i in range(groups.count()))
        assert page.pdf(format="A4")[:4] == b"%PDF"
    finally:
        page.emulate_media(media="screen")


def test_screenshot_saved(story: Opened) -> None:
    page = story.page
    page.keyboard.press("Escape")
    # show a chart if the story has one: "the fewest since 2012" is seen faster than read
    charted = next((r for r in story.report.results if r.kind == "extreme"), None)
    if charted is not None:
        card = page.locator(f'section.group article.claim[data-claim-id="{charted.id}"]')
        n = card.locator("xpath=ancestor::section[contains(@class,'group')]").get_attribute("data-group")
        mark = page.locator(f"#m-{n}")
        mark.click()
        mark.evaluate("m => m.scrollIntoView({block: 'center'})")
        assert card.locator("svg.chart").is_visible()
    else:
        page.evaluate("window.scrollTo(0, 0)")
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "report.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    assert story.errors == []


def test_fixture_story_in_the_browser(browser: Any, tmp_path: Path) -> None:
    opened = _open(browser, FIXTURE, tmp_path, "fixture")
    page = opened.page
    groups = page.eval_on_selector_all("mark.fc", "ms => [...new Set(ms.map(m => m.dataset.group))]")
    assert groups == ["1", "2", "3", "4", "5"]
    assert page.locator("mark.fc[id]").count() == 5  # emphasis splits one mark in three pieces
    assert page.locator("#unplaced article.claim").count() == 1
    page.locator("mark.fc.v-fail").first.click()
    card = page.locator('article.claim[data-claim-id="orders-fell"]')
    assert card.is_visible() and "out_of_tolerance" in card.inner_text()
    assert card.locator("svg.chart").is_visible()
    assert opened.errors == []
    page.close()


# --------------------------------------------------------------------------- figures marked in the text (issue 10)

FIGURES = Path(__file__).parent / "fixtures" / "reports" / "figures.yaml"


@pytest.fixture(scope="module")
def figures(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Opened]:
    opened = _open(browser, FIGURES, tmp_path_factory.mktemp("figures"), "figures")
    yield opened
    opened.page.close()


def _after(page: Any, selector: str) -> str:
    """The text CSS shows after an element (its sign or label): what a reader sees, not in the DOM."""
    return str(page.eval_on_selector(selector, "m => getComputedStyle(m, '::after').content"))


def test_a_sentence_with_a_passed_and_a_failed_figure_shows_both_marks(figures: Opened) -> None:
    page = figures.page
    six, forty = page.locator('mark.fig[data-fig="0"]'), page.locator('mark.fig[data-fig="1"]')
    assert six.inner_text() == "6" and forty.inner_text() == "40%"
    assert six.is_visible() and forty.is_visible()
    assert "v-pass" in (six.get_attribute("class") or "") and "v-fail" in (forty.get_attribute("class") or "")
    # both inside the one sentence mark, in colours of their own, each with its sign
    assert page.locator('mark.fc[data-group="1"] mark.fig').count() == 2
    background = "m => getComputedStyle(m).backgroundColor"
    assert six.evaluate(background) != forty.evaluate(background)
    assert _after(page, "#f-0") == '"\u2713"' and _after(page, "#f-1") == '"\u2717"'
    assert figures.errors == []


def test_a_figure_nothing_checks_is_visibly_not_checked_and_an_ignored_one_says_why(figures: Opened) -> None:
    page = figures.page
    three = page.locator("mark.fig.fig-not_checked")
    assert three.count() == 1 and three.inner_text() == "3" and three.is_visible()
    assert _after(page, "mark.fig.fig-not_checked") == '"not checked"'
    twelve = page.locator("mark.fig.fig-ignored")
    assert twelve.inner_text() == "12" and _after(page, "mark.fig.fig-ignored") == '"ignored"'
    assert twelve.get_attribute("title") == "ignored: <b>the rival's own count</b>, not in our data"
    twelve.click()
    note = page.locator("section.figure-note.active")
    assert note.count() == 1 and "the rival's own count" in note.inner_text() and page.locator("b").count() == 0


def test_clicking_a_figure_opens_its_claims_evidence(figures: Opened) -> None:
    page = figures.page
    page.keyboard.press("Escape")
    page.locator("#f-1").click()
    card = page.locator('article.claim[data-claim-id="orders-fell"]')
    assert card.is_visible() and "out_of_tolerance" in card.inner_text()
    assert "picked" in (card.get_attribute("class") or "")      # its own claim, among the sentence's
    assert "picked" not in (page.locator('article.claim[data-claim-id="orders-2020"]').get_attribute("class") or "")
    assert page.locator("#f-1").get_attribute("aria-pressed") == "true"
    assert page.locator("section.group.active").count() == 1
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-figures.png"))
    page.keyboard.press("Escape")
    assert page.locator("#f-1").get_attribute("aria-pressed") == "false" and not card.is_visible()


def test_figures_are_reached_and_opened_by_keyboard(figures: Opened) -> None:
    page = figures.page
    page.keyboard.press("Escape")
    page.locator("#m-1").focus()
    reached = []
    for _ in range(12):  # Tab walks the sentence and the figures in reading order
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.id || document.activeElement.className"))
        if page.evaluate("document.activeElement.classList.contains('fig-not_checked')"):
            break
    assert reached[0] == "f-0" and "f-1" in reached and reached[-1] == "f-2", reached
    page.keyboard.press("Enter")
    note = page.locator("#fg-not-checked")
    assert note.is_visible() and note.locator(".fig-text").inner_text() == "\u201c3\u201d"
    assert "line 3" in note.inner_text() and "Not checked" in note.inner_text()
    page.keyboard.press("Escape")
    assert not note.is_visible()
    page.locator("#f-0").focus()
    page.keyboard.press(" ")
    assert page.locator('article.claim[data-claim-id="orders-2020"]').is_visible()
    assert figures.errors == []
