"""The project site in a real browser: Chromium, headless, offline, through Playwright.

Each site is built once per module and served from 127.0.0.1; one browser serves
every test, each test opens its own context. Without Debian's chromium at
/usr/bin/chromium the module is skipped (.ci/run installs it).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    ViewportSize,
    expect,
    sync_playwright,
)

from browser_kit import build, contrast, heading, load_yaml, serve, visit, watch
from conftest import AS_OF, EXAMPLE
from helpers import edit

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",  # containers give /dev/shm 64 MB; Chromium crashes on less
]
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
PHONE: ViewportSize = {"width": 390, "height": 844}
SLUGS = [
    "index", "charter", "scope", "stakeholders", "raci", "risks", "schedule", "budget",
    "changes", "uat", "training", "lessons", "gate-check",
]  # fmt: skip
PAGES = ["governance/" if s == "index" else f"governance/{s}/" for s in SLUGS]
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
LINK = "[x](javascript:alert(1))"

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason=f"no browser: {CHROMIUM} is missing (.ci/run installs Debian's chromium)",
)


# Fixtures: environment, sites, server, browser ---------------------------------------------


@pytest.fixture(scope="module")
def module_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """What tests/conftest.py's autouse fixture gives each test, for the module's fixtures."""
    home = tmp_path_factory.mktemp("browser-home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOME", str(home))
        patch.setenv("PMGOV_CACHE_DIR", str(home / "cache"))
        patch.setenv("PMGOV_AS_OF", AS_OF)
        yield


@pytest.fixture(scope="module")
def site(module_env: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The example's site, served: the base URL."""
    folder = tmp_path_factory.mktemp("site")
    project = folder / "crm"
    shutil.copytree(EXAMPLE, project)
    with serve(build(project, folder / "out")) as base:
        yield base


@pytest.fixture(scope="module")
def xss_site(module_env: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The example with script payloads in plain and Markdown fields, served."""
    folder = tmp_path_factory.mktemp("xss-site")
    project = folder / "crm"
    shutil.copytree(EXAMPLE, project)
    edit(project, "governance/risks.yaml", set_={"/risks/0/title": SCRIPT, "/risks/0/cause": IMG})
    edit(project, "governance/stakeholders.yaml", set_={"/stakeholders/0/name": IMG})
    edit(project, "governance/charter.yaml", set_={"/purpose": f"Our purpose: {LINK}"})
    edit(project, "governance/changes.yaml", set_={"/changes/0/description": f"See {LINK}"})
    with serve(build(project, folder / "out")) as base:
        yield base


@pytest.fixture(scope="module")
def browser(module_env: None) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@contextlib.contextmanager
def new_context(
    browser: Browser, viewport: ViewportSize = DESKTOP, dark: bool = False
) -> Iterator[BrowserContext]:
    """A fresh context; a step that cannot happen fails in 10 s, not Playwright's 30 s."""
    ctx = browser.new_context(viewport=viewport, color_scheme="dark" if dark else "light")
    ctx.set_default_timeout(10_000)
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    with new_context(browser) as ctx:
        yield ctx


# Loading, navigation and search ------------------------------------------------------------


# The page's h1 (without the permalink) and where its "next" link leads.
HEAD_AND_NEXT = """() => {
    const h1 = document.querySelector('article h1');
    const next = document.querySelector('link[rel=next]');
    const text = h1 ? [...h1.childNodes].filter(n => !(n.classList && n.classList.contains(
        'headerlink'))).map(n => n.textContent).join('').trim() : '';
    return [text, next ? next.href : null];
}"""


def test_every_page_loads_offline_without_errors(context: BrowserContext, site: str) -> None:
    """All pages answer, run no failing script, fetch nothing from the web, link in order."""
    page = context.new_page()
    seen = watch(page)
    paths = ["", *PAGES]
    for path, following in zip(paths, [*paths[1:], None], strict=True):
        visit(page, site + path, search_ready=True)
        title, next_link = page.evaluate(HEAD_AND_NEXT)
        assert title, path
        assert next_link == (site + following if following is not None else None), path
    assert seen.page_errors == []
    assert seen.console_errors == []
    assert seen.foreign() == []
    assert site + "governance/pmgov.css" in seen.requests


def test_the_side_nav_leads_to_the_risk_register(context: BrowserContext, site: str) -> None:
    page = context.new_page()
    visit(page, site + "governance/")
    assert heading(page) == "Dashboard"
    page.locator("nav.md-nav--primary a.md-nav__link", has_text="Risk register").click()
    page.wait_for_url(site + "governance/risks/")
    assert heading(page) == "Risk register"
    expect(page.locator("nav.md-nav--primary a.md-nav__link--active").last).to_have_text(
        re.compile(r"^\s*Risk register\s*$")
    )
    expect(page.locator(".pmgov-heatmap")).to_be_visible()
    # Material shows previous/next links in the footer only with `navigation.footer`
    following = page.locator("a.md-footer__link--next")
    if following.count():
        following.click()
        page.wait_for_url(site + "governance/schedule/")
        assert heading(page) == "Schedule"


def _search(page: Page, word: str) -> list[str]:
    """Type `word` into Material's search; the links of the results."""
    box = page.locator("input.md-search__input")
    if not box.is_visible():  # on narrow screens the box opens from the header's label
        page.locator('label[for="__search"]').first.click()
    box.click()
    box.press_sequentially(word)
    items = page.locator(".md-search-result__item")
    expect(items.first).to_be_visible()
    links: list[str] = items.locator("a.md-search-result__link").evaluate_all(
        "links => links.map(a => a.href)"
    )
    return links


def test_search_finds_words_from_the_artifacts(context: BrowserContext, site: str) -> None:
    page = context.new_page()
    seen = watch(page)
    visit(page, site + "governance/", search_ready=True)
    assert _search(page, "migration")
    expect(page.locator(".md-search-result__item mark").first).to_have_text(
        re.compile("migration", re.IGNORECASE)
    )
    visit(page, site + "governance/", search_ready=True)
    # "checksum" is only in risks.yaml, inside a risk's collapsed details
    assert any("/governance/risks/" in link for link in _search(page, "checksum"))
    assert seen.foreign() == []


# Charts and the register filter -------------------------------------------------------------


def test_heat_map_counts_match_the_risk_log(context: BrowserContext, site: str) -> None:
    expected: dict[tuple[int, int], int] = {}
    for risk in load_yaml("governance/risks.yaml")["risks"]:
        if risk["status"] != "closed":
            key = (risk["probability"], risk["impact"])
            expected[key] = expected.get(key, 0) + 1
    page = context.new_page()
    visit(page, site + "governance/risks/")
    cells = page.locator(".pmgov-heat-cell").evaluate_all(
        """cells => cells.map(c => [+c.dataset.probability, +c.dataset.impact, +c.dataset.count,
            (c.parentElement.querySelector('text') || {textContent: ''}).textContent.trim()])"""
    )
    assert len(cells) == 25
    for p, i, count, shown in cells:
        assert count == expected.get((p, i), 0), (p, i)
        assert shown == (str(count) if count else ""), (p, i)
    p, i = max(expected, key=lambda cell: (expected[cell], cell))
    page.locator(f'.pmgov-heat-cell[data-probability="{p}"][data-impact="{i}"]').click()
    page.wait_for_url(re.compile(rf"#cell-p{p}-i{i}$"))
    expect(page.locator(f"#cell-p{p}-i{i}")).to_be_in_viewport()


def test_gantt_has_a_bar_per_task_a_critical_path_and_today(
    context: BrowserContext, site: str
) -> None:
    tasks = load_yaml("governance/schedule.yaml")["tasks"]
    starts, finishes = [str(t["start"]) for t in tasks], [str(t["finish"]) for t in tasks]
    assert min(starts) <= AS_OF <= max(finishes)  # the example is mid-plan on its as-of date
    page = context.new_page()
    visit(page, site + "governance/schedule/")
    bars = page.locator(".pmgov-bar")
    ids: list[str] = bars.evaluate_all("bars => bars.map(b => b.dataset.task)")
    assert len(ids) == len(tasks)
    assert sorted(ids) == sorted({str(t["id"]) for t in tasks})
    assert page.locator(".pmgov-critical").count() >= 1
    today = page.locator("line.pmgov-today")
    expect(today).to_have_count(1)
    assert (today.bounding_box() or {"height": 0})["height"] > 100  # drawn down the chart
    # the line crosses the bars of the tasks under way on the as-of date, and follows
    # the bars of the tasks finished before it
    line = float(today.get_attribute("x1") or "nan")
    for task in tasks:
        bar = page.locator(f'.pmgov-bar[data-task="{task["id"]}"]')
        left = float(bar.get_attribute("x") or "nan")
        right = left + float(bar.get_attribute("width") or "nan")
        if str(task["start"]) <= AS_OF <= str(task["finish"]):
            assert left <= line <= right, task["id"]
        elif str(task["finish"]) < AS_OF:
            assert right <= line, task["id"]
        else:
            assert line <= left, task["id"]


def _row_visibility(page: Page) -> list[tuple[str, bool]]:
    rows: list[list[Any]] = page.locator("tr[data-status]").evaluate_all(
        "rows => rows.map(r => [r.dataset.status, r.checkVisibility()])"
    )
    return [(str(status), bool(shown)) for status, shown in rows]


def test_register_filter_shows_only_closed_risks(context: BrowserContext, site: str) -> None:
    page = context.new_page()
    visit(page, site + "governance/risks/")
    before = _row_visibility(page)
    assert all(shown for _, shown in before)
    statuses = {status for status, _ in before}
    assert "closed" in statuses and len(statuses) > 1
    page.locator(".pmgov-filter label[for='pmgov-show-closed']").click()
    assert [(s, s == "closed") for s, _ in before] == _row_visibility(page)
    page.locator(".pmgov-filter label[for='pmgov-show-all']").click()
    assert _row_visibility(page) == before


# Hostile input ------------------------------------------------------------------------------


# What would have run: images with src=x, inline scripts calling alert, javascript: links.
LIVE = """() => [
    document.querySelectorAll('img[src="x"]').length,
    [...document.scripts].filter(s => !s.src && s.textContent.includes('alert(1)')).length,
    [...document.querySelectorAll('a[href]')]
        .filter(a => /^\\s*javascript:/i.test(a.getAttribute('href'))).length,
]"""


def _poke(page: Page, path: str) -> None:
    """Click, open and search where the payloads are."""
    if path == "governance/":
        assert _search(page, "alert")  # the search index holds the payloads as text too
        assert page.evaluate(LIVE) == [0, 0, 0]
    elif path == "governance/charter/":
        links = page.locator("article a").filter(has_text=re.compile(r"^x$"))
        assert links.count() >= 1  # the purpose's [x](javascript:...) link, defused
        for link in links.all():
            link.click()
    elif path == "governance/changes/":
        page.locator("details.pmgov-change > summary").first.click()
        link = (
            page.locator("details.pmgov-change")
            .first.locator("a")
            .filter(has_text=re.compile(r"^x$"))
        )
        expect(link).to_have_count(1)
        link.click()
    elif path == "governance/risks/":
        expect(page.get_by_text(SCRIPT, exact=True).first).to_be_visible()
    elif path == "governance/stakeholders/":
        expect(page.get_by_text(IMG, exact=True).first).to_be_visible()


def test_payloads_in_artifacts_never_run(context: BrowserContext, xss_site: str) -> None:
    page = context.new_page()
    seen = watch(page)
    for path in ["", *PAGES]:
        visit(page, xss_site + path, search_ready=path == "governance/")
        assert page.evaluate(LIVE) == [0, 0, 0], path
        _poke(page, path)
    assert seen.dialogs == []
    assert seen.page_errors == []


# Palettes, screenshots, phones --------------------------------------------------------------


COLOURS = """els => els.filter(e => e.textContent.trim()).map(e => {
    let node = e, bg = null;
    while (node && !bg) {
        const b = getComputedStyle(node).backgroundColor;
        if (!/^rgba\\(.*,\\s*0\\)$/.test(b) && b !== 'transparent') bg = b;
        node = node.parentElement;
    }
    return [e.textContent.trim(), getComputedStyle(e).color, bg || 'rgb(255, 255, 255)'];
})"""


def test_key_figures_stay_readable_in_the_dark_palette(browser: Browser, site: str) -> None:
    with new_context(browser, dark=True) as ctx:
        page = ctx.new_page()
        visit(page, site + "governance/")
        assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
        texts = page.locator(
            ".pmgov-figure-value, .pmgov-figure-label, .pmgov-figure-detail, .pmgov-figure a"
        ).evaluate_all(COLOURS)
        assert len(texts) >= 3
        poor = [(t, fg, bg) for t, fg, bg in texts if contrast(fg, bg) < 4.5]
        assert poor == []


def _shoot(page: Page, selector: str | None, target: Path) -> None:
    if selector is not None:  # the chart near the top, below Material's fixed header
        page.locator(selector).first.evaluate(
            "el => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 120)"
        )
    page.screenshot(path=str(target), full_page=False, animations="disabled")


def test_screenshots_of_the_dashboard_and_charts(
    context: BrowserContext, site: str, tmp_path: Path
) -> None:
    folder = Path(os.environ.get("PMGOV_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page = context.new_page()
    shots = {
        "dashboard": ("governance/", None),
        "risks": ("governance/risks/", ".pmgov-heatmap"),
        "schedule": ("governance/schedule/", ".pmgov-gantt"),
    }
    for name, (path, selector) in shots.items():
        visit(page, site + path)
        assert page.viewport_size == DESKTOP
        _shoot(page, selector, folder / f"{name}.png")
    for name in shots:
        image = folder / f"{name}.png"
        assert image.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
        assert image.stat().st_size > 10_000, image


def test_phone_width_never_scrolls_the_page_sideways(browser: Browser, site: str) -> None:
    with new_context(browser, PHONE) as ctx:
        page = ctx.new_page()
        wide = {}
        for path in PAGES:
            visit(page, site + path)
            width = page.evaluate("() => document.documentElement.scrollWidth")
            if width > PHONE["width"] + 1:
                wide[path] = width
        assert wide == {}
