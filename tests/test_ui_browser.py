"""The web UI in a real browser: Playwright driving Debian's Chromium (/usr/bin/chromium,
installed by .ci/setup-ui; never a browser Playwright downloads) against the real server
on 127.0.0.1.

A newcomer's path: run a catalogue query in YASGUI and see its results; open a report; click
a highlighted figure and see its panel; see the finding in the margin; filter the audit
dashboard. Screenshots go to tests/artifacts/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from conftest import Server
from test_ui import UI_REPORT_FILE, report_id_of, ui_test_server

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).parent / "artifacts"
VIEWPORT = {"width": 1400, "height": 900}
TIMEOUT_MS = 20_000


@pytest.fixture(scope="module")
def ui_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with ui_test_server(tmp_path_factory) as running:
        yield running


@pytest.fixture(scope="module")
def ui_report_id(ui_server: Server) -> str:
    return report_id_of(ui_server, UI_REPORT_FILE)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"Debian's Chromium is not at {CHROMIUM}: bash .ci/setup-ui installs it")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


class Visit:
    """A fresh browser context (no stored state) recording every request and page error."""

    def __init__(self, browser: Any, **options: Any) -> None:
        self.context = browser.new_context(viewport=VIEWPORT, **options)
        self.context.set_default_timeout(TIMEOUT_MS)
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def shot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / name
        self.page.screenshot(path=str(path))
        return path


@pytest.fixture
def visit(browser: Any) -> Iterator[Visit]:
    opened = Visit(browser)
    try:
        yield opened
        assert opened.errors == [], opened.errors
    finally:
        opened.context.close()


def test_run_a_catalogue_query_and_see_results(visit: Visit, ui_server: Server) -> None:
    page = visit.page
    page.goto(ui_server.url + "/")
    page.locator(".CodeMirror").first.wait_for()
    # First visit: the editor opens on the catalogue's first question.
    first = page.locator("button.question").first.get_attribute("data-name")
    assert page.locator(".tabPanel.active, .tab.active").first.is_visible()
    assert first in page.locator("#yasgui [role=tab], #yasgui .tab").first.inner_text()

    page.locator('button.question[data-name="findings"]').click()
    assert (
        page.locator('button.question[data-name="findings"]')
        .get_attribute("class")
        .endswith("open")
    )
    page.locator(".yasqe_queryButton >> visible=true").click()
    chip = page.locator(".yasr_response_chip >> visible=true")
    chip.wait_for()
    assert re.match(r"\d+ results? in", chip.inner_text())
    cell = page.locator(".yasr table >> visible=true").get_by_text("rate-mismatch").first
    cell.wait_for()
    assert (
        page.locator(".yasr table >> visible=true")
        .get_by_text("The completion rate is given as 90%", exact=False)
        .first.is_visible()
    )
    visit.shot("ui-query-findings.png")


def test_open_a_report_click_a_figure_and_see_the_finding(
    visit: Visit, ui_server: Server, ui_report_id: str
) -> None:
    page = visit.page
    page.goto(ui_server.url + "/ui/reports")
    page.locator(f'a[href="/ui/reports/{ui_report_id}"]').click()
    page.wait_for_url(f"**/ui/reports/{ui_report_id}")

    # The finding sits in the margin beside the sentence it is about.
    note = page.locator(".margin .note.sev-violation")
    assert note.count() == 1 and note.is_visible()
    assert "The completion rate is given as 90%" in note.inner_text()
    row_text = page.locator(".row", has=note).locator(".para").inner_text()
    assert "a completion rate of 90%" in row_text

    figure = page.locator(".text .k-figure", has_text="90%")
    figure.click()
    panel = page.locator("#panel")
    panel.locator(".panel-resource").wait_for()
    assert panel.is_visible()
    assert "ducha:ReportedFigure" in panel.locator(".types").inner_text()
    assert "rate-mismatch" in panel.locator(".note").inner_text()
    assert panel.locator("blockquote mark").inner_text() == "90%"
    link = panel.locator("a.ld").get_attribute("href")
    assert link == f"/id/report/{ui_report_id}/figure/4"
    assert "selected" in (figure.get_attribute("class") or "")
    visit.shot("ui-report-figure-panel.png")

    page.keyboard.press("Escape")
    assert not panel.is_visible()

    # A mention opens the entity it names.
    page.locator(".text .k-water", has_text="Huai River").click()
    panel.locator(".panel-resource h2", has_text="Huai River").wait_for()
    assert "ducha:River" in panel.locator(".types").first.inner_text()
    visit.shot("ui-report-mention-panel.png")


def test_script_in_a_report_shows_as_text_and_never_runs(
    visit: Visit, ui_server: Server, ui_report_id: str
) -> None:
    page = visit.page
    page.goto(f"{ui_server.url}/ui/reports/{ui_report_id}")
    page.locator(".text").wait_for()
    assert '<script>alert("ducha")</script> & <b>bold</b>' in page.locator(".text").inner_text()
    assert page.locator(".text .para b, .text .para script").count() == 0
    assert visit.dialogs == []


def test_audit_dashboard_filters_and_leads_to_the_sentence(
    visit: Visit, ui_server: Server, ui_report_id: str
) -> None:
    page = visit.page
    page.goto(ui_server.url + "/ui/audit")
    assert page.locator("svg.rates-chart").is_visible()
    page.select_option('select[name="check"]', "rate-mismatch")
    page.locator(".filters button[type=submit]").click()
    page.wait_for_url(re.compile(r".*check=rate-mismatch.*"))
    checks = page.locator("table.findings tbody tr td:nth-child(2)").all_inner_texts()
    assert checks and set(checks) == {"rate-mismatch"}
    point = page.locator(f'svg.rates-chart g[data-iri$="{ui_report_id}/figure/4"]')
    assert "90% → 75" in (point.locator("text.label").text_content() or "")
    visit.shot("ui-audit.png")

    page.locator(f'table.findings a[href^="/ui/reports/{ui_report_id}#finding-"]').click()
    page.wait_for_url(f"**/ui/reports/{ui_report_id}#finding-*")
    anchor = urlsplit(page.url).fragment
    assert "flash" in (page.locator(f"#{anchor}").get_attribute("class") or "")


def _leaves_the_machine(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "chrome-error"):
        return False
    return parts.hostname not in ("127.0.0.1", "localhost", "::1")


def test_no_request_from_the_pages_leaves_the_machine(
    browser: Any, ui_server: Server, ui_report_id: str
) -> None:
    # The Content-Security-Policy would block a stray request; bypass it so this test sees
    # what the pages themselves ask for.
    visit = Visit(browser, bypass_csp=True)
    page = visit.page
    try:
        page.goto(ui_server.url + "/")
        page.locator(".CodeMirror").first.wait_for()
        page.locator('button.question[data-name="findings"]').click()
        page.locator(".yasqe_queryButton >> visible=true").click()
        page.locator(".yasr table >> visible=true").get_by_text("rate-mismatch").first.wait_for()
        # A result IRI outside this server (sh:Violation) opens here, through /resource.
        with visit.context.expect_page() as popup:
            page.locator(".yasr table >> visible=true").locator(
                'a[href="http://www.w3.org/ns/shacl#Violation"]'
            ).first.click()
        opened = popup.value
        opened.wait_for_load_state()
        assert opened.url.startswith(ui_server.url + "/resource?iri=http")
        opened.close()
        # Autocompletion of classes and properties would ask a vocabulary service.
        page.locator(".CodeMirror >> visible=true").click()
        page.keyboard.press("Control+End")
        page.keyboard.type("\n# ?s rdfs:")
        page.keyboard.type("\nSELECT * WHERE { ?s a owl:Cla")
        page.keyboard.press("Control+Space")
        page.wait_for_timeout(1000)

        page.goto(f"{ui_server.url}/ui/reports/{ui_report_id}")
        page.locator(".text .k-figure", has_text="90%").click()
        page.locator("#panel .panel-resource").wait_for()
        page.goto(ui_server.url + "/ui/audit")
        page.goto(ui_server.url + "/ui/reports")

        assert visit.requests, "the browser made no request at all"
        assert [u for u in visit.requests if _leaves_the_machine(u)] == []
        assert any("/sparql" in u for u in visit.requests)
        assert visit.errors == []
    finally:
        visit.context.close()
