"""The page in a real browser: a marketer asks, sees steps and charts, downloads a persona
and checks a file before loading it.

Runs headless Chromium against the app launched on a private copy of the indexed demo.
Screenshots of every step go to `$SEGMENT_ARTEFACTS` (default `test-artefacts/browser/`).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from tools.workspace import Workspace

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is missing")
expect = sync_api.expect

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run",
                  "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]
IDLE = "() => document.querySelectorAll('.generating, .pending').length === 0"
"""True when no event of the page is running (Gradio marks busy outputs with these)."""
TURN_MS = 60_000
LOAD_MS = 30_000


@pytest.fixture(scope="module")
def artefacts() -> Path:
    folder = Path(os.environ.get("SEGMENT_ARTEFACTS") or ROOT / "test-artefacts" / "browser")
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\nbrowser screenshots: {folder}")
    return folder


@pytest.fixture(scope="module")
def demo_copy(demo_knowledge_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return Path(shutil.copytree(demo_knowledge_root,
                                tmp_path_factory.mktemp("browser-demo") / "demo"))


@pytest.fixture(scope="module")
def app_url(demo_copy: Path, tmp_path_factory: pytest.TempPathFactory,
            serve_app) -> Iterator[str]:
    with serve_app(tmp_path_factory.mktemp("browser-workspaces"), demo_copy) as (url, _page):
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                              args=CHROMIUM_FLAGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser, app_url: str) -> Iterator[object]:  # type: ignore[no-untyped-def]
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280,
                                                                    "height": 1000})
    opened = context.new_page()
    opened.goto(app_url)
    expect(opened.locator("#ask-box textarea")).to_be_visible(timeout=LOAD_MS)
    opened.wait_for_function(IDLE, timeout=LOAD_MS)
    try:
        yield opened
    finally:
        context.close()


def ask(page, question: str, press_enter: bool = False) -> None:  # type: ignore[no-untyped-def]
    """Type a question and send it, then wait until the page has finished the turn."""
    box = page.locator("#ask-box textarea")
    box.fill(question)
    if press_enter:
        box.press("Enter")
    else:
        page.locator("#send").click()
    expect(page.locator("#chat .message.user").filter(has_text=question)).to_be_visible(
        timeout=TURN_MS)
    page.wait_for_function(IDLE, timeout=TURN_MS)


def shot(page, path: Path) -> None:  # type: ignore[no-untyped-def]
    """The whole page (chart and files sit below the fold), the chat at its last message."""
    last = page.locator("#chat .message-row").last
    if last.count():
        last.scroll_into_view_if_needed()
    page.screenshot(path=str(path), full_page=True)


def customer_count(workspace_root: Path) -> int:
    """Distinct customers read straight from the Parquet file (not through the app)."""
    entry = Workspace(workspace_root).manifest["datasets"]["customers"]
    return int(pd.read_parquet(workspace_root / entry["file"])["customer_id"].nunique())


def test_a_marketer_asks_sees_the_steps_and_a_chart_and_downloads_a_persona(
        page, demo_copy: Path, artefacts: Path) -> None:  # type: ignore[no-untyped-def]
    chat = page.locator("#chat")
    expect(page.locator("#workspace-line")).to_contain_text(
        "Answering on: Demo: Lumen & Co. — customers", timeout=LOAD_MS)
    shot(page, artefacts / "01-page-loaded.png")

    ask(page, "How many customers do we have?", press_enter=True)
    expect(chat).to_contain_text(f"{customer_count(demo_copy):,} customers")
    shot(page, artefacts / "02-customer-count.png")

    step = chat.locator(".thought-group").first
    expect(step).to_contain_text("✓")
    expect(step).not_to_contain_text("Settings:")  # folded until the marketer opens it
    step.locator(".title").click()
    expect(step).to_contain_text("Settings:")
    shot(page, artefacts / "03-tool-step-open.png")

    charts_before = chat.locator(".js-plotly-plot").count()
    ask(page, "Break down revenue by region")
    expect(chat.locator(".js-plotly-plot")).to_have_count(charts_before + 1)
    expect(page.locator("#answer-chart .js-plotly-plot")).to_be_visible()
    expect(page.locator("#answer-chart")).to_contain_text("region")
    shot(page, artefacts / "04-region-chart.png")

    ask(page, "Write a persona for our Champions")
    link = page.locator('#answer-files a[download$=".md"]')
    expect(link).to_be_visible()
    shot(page, artefacts / "05-persona-files.png")
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    saved = artefacts / download.suggested_filename
    download.save_as(saved)
    assert saved.suffix == ".md"
    assert "Champions" in saved.read_text(encoding="utf-8")


def test_an_uploaded_file_is_checked_before_it_is_loaded(
        page, tmp_path: Path, artefacts: Path) -> None:  # type: ignore[no-untyped-def]
    rows = 7
    upload = tmp_path / "newsletter signups.csv"
    lines = ["customer_id,city,signup_date"]
    lines += [f"N{i},Oslo,2024-01-{i + 1:02d}" for i in range(rows)]
    upload.write_text("\n".join(lines) + "\n", encoding="utf-8")

    page.get_by_role("tab", name="Data").click()
    page.locator("#upload-file input[type=file]").set_input_files(str(upload))
    expect(page.locator("#upload-file")).to_contain_text("newsletter signups")
    page.locator("#preview").click()
    report = page.locator("#quality-report")
    expect(report).to_contain_text(f"{rows} rows read", timeout=TURN_MS)
    page.locator("#load-options").get_by_text("Load options").click()
    expect(page.locator("#opt-header")).to_contain_text("no (name columns column_1")
    shot(page, artefacts / "06-quality-report.png")
    # the chat now says it is on the marketer's data, which waits for confirmation
    page.get_by_role("tab", name="Chat").click()
    line = page.locator("#workspace-line")
    expect(line).to_contain_text("Answering on: My data — no tables yet", timeout=TURN_MS)
    expect(line).to_contain_text("“newsletter signups.csv” is checked but not loaded yet")
    shot(page, artefacts / "07-workspace-line.png")


def test_the_understood_settings_can_be_changed_and_run_again(
        page, demo_copy: Path, artefacts: Path) -> None:  # type: ignore[no-untyped-def]
    chat = page.locator("#chat")
    ask(page, "customers by region")
    editor = page.locator("#understood-editor")
    expect(editor).to_be_visible()
    editor.get_by_text("Understood as: change and run again").click()
    page.locator("#understood-rule textarea").fill('gender = "Female" and age > 50')
    shot(page, artefacts / "07-understood-editor.png")
    page.locator("#understood-rerun").click()
    expect(chat.locator(".message.user").filter(
        has_text="Run again with changed settings")).to_be_visible(timeout=TURN_MS)
    page.wait_for_function(IDLE, timeout=TURN_MS)
    customers = pd.read_parquet(demo_copy / Workspace(demo_copy).manifest["datasets"][
        "customers"]["file"])
    chosen = int(((customers["gender"] == "Female") & (customers["age"] > 50)).sum())
    shot(page, artefacts / "08-understood-rerun.png")
    expect(chat).to_contain_text(f"{chosen:,} customers")
