"""rasd serve's page in a real browser: Playwright for Python driving Debian's chromium (/usr/bin/chromium,
or RASD_CHROMIUM).  Skipped, with the reason, where either is missing.  Screenshots go to a temporary folder
(RASD_SCREENSHOTS names another)."""

from __future__ import annotations

import csv
import json
import os
import shutil
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("RASD_CHROMIUM", "/usr/bin/chromium")
playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright (pip) is not installed")
if not Path(CHROMIUM).exists():
    pytest.skip(f"no chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)

import uvicorn  # noqa: E402

from rasd.serve import create_app  # noqa: E402
from tests.test_serve_api import build_store  # noqa: E402

WAIT_MS = 15_000


class Server:
    """The app on a free port of 127.0.0.1, in a thread."""

    def __init__(self, db: Path) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.server = uvicorn.Server(uvicorn.Config(create_app(db, token=""), log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.sock.close()

    def get(self, path: str) -> bytes:
        with urllib.request.urlopen(self.url + path, timeout=30) as r:  # noqa: S310 - our own loopback server
            return r.read()

    def events(self, query: str) -> list[str]:
        return [e["event_id"] for e in json.loads(self.get("/api/events?" + query))["events"]]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    db = build_store(tmp_path_factory.mktemp("browser") / "rasd.db")
    with Server(db) as srv:
        yield srv


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = Path(os.environ.get("RASD_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1400, "height": 850}, accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    elsewhere: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("request", lambda r: None if r.url.startswith((server.url, "data:", "blob:")) else elsewhere.append(r.url))
    page.goto(server.url + "/")
    page.wait_for_selector("body[data-loaded]", timeout=WAIT_MS)
    yield page
    context.close()
    assert errors == []  # no script error on the page
    assert elsewhere == []  # offline: nothing is asked of another host (no CDN, no tiles)


def reloaded(page, change) -> None:
    """Do ``change`` and wait until the page has loaded the events of the new filter."""
    before = page.evaluate("document.body.dataset.loaded")
    change()
    page.wait_for_function(f"document.body.dataset.loaded !== '{before}'", timeout=WAIT_MS)


MARKERS_ON_SCREEN = """() => {
  const clustered = [...document.querySelectorAll('.marker-cluster span')].reduce((n, s) => n + Number(s.textContent), 0);
  return clustered + document.querySelectorAll('.rasd-marker span[data-id]').length;
}"""


def listed(page) -> list[str]:
    return page.eval_on_selector_all("#list li[data-id]", "items => items.map(li => li.dataset.id)")


def test_the_map_shows_as_many_markers_as_the_api_returns(page, server, shots):
    located = server.events("fields=map&located=true&limit=10000")
    assert len(located) >= 5
    page.wait_for_function(f"({MARKERS_ON_SCREEN})() === {len(located)}", timeout=WAIT_MS)
    assert page.evaluate("window.rasd.cluster.getLayers().length") == len(located)
    assert listed(page) == located  # the list too, newest first
    page.screenshot(path=str(shots / "map.png"))
    reloaded(page, lambda: page.get_by_label("Protests").uncheck())
    kept = [t for t in page.eval_on_selector_all("input[name=type]:checked", "xs => xs.map(x => x.value)")]
    query = "&".join(f"type={urllib.request.quote(t)}" for t in kept)
    expected = server.events(f"fields=map&located=true&limit=10000&{query}")
    assert 0 < len(expected) < len(located)
    page.wait_for_function(f"({MARKERS_ON_SCREEN})() === {len(expected)}", timeout=WAIT_MS)
    assert listed(page) == expected


def test_a_marker_opens_the_arabic_evidence_right_to_left_with_its_trigger(page, server, shots):
    located = server.events("fields=map&located=true&limit=10000")
    # click only once the map has drawn every marker (a marker clicked while the map still moves can miss)
    page.wait_for_function(f"({MARKERS_ON_SCREEN})() === {len(located)}", timeout=WAIT_MS)
    marker = page.locator(".rasd-marker span[data-id]").first
    event_id = marker.get_attribute("data-id")
    for attempt in range(3):  # under load a click can land while the map still pans: click again, never forever
        marker.click()
        try:
            page.wait_for_selector("#evidence .report", timeout=WAIT_MS // 3)
            break
        except playwright_api.TimeoutError:
            if attempt == 2:
                raise
    pane = page.locator("#evidence")
    assert pane.get_attribute("dir") == "rtl" and pane.get_attribute("lang") == "ar"
    detail = json.loads(server.get(f"/api/events/{event_id}"))
    first = detail["reports"][0]["evidence"]
    trigger = next(m["text"] for m in first["highlights"] if m["role"] == "trigger")
    sentence = page.locator("#evidence .report").first.locator(".sentence")
    assert sentence.get_attribute("dir") == "rtl"
    assert sentence.locator("mark.trigger").first.text_content() == trigger
    assert sentence.text_content() == first["text"]  # the whole sentence, marks and all
    assert page.evaluate("window.rasd.current") == detail["event"]["event_id"]
    page.screenshot(path=str(shots / "evidence.png"))


def test_a_merged_event_lists_every_report_and_links_to_each_article(page, server, shots):
    merged = next(e for e in json.loads(server.get("/api/events?limit=1000"))["events"] if e["aliases"])
    page.locator(f"#list li[data-id='{merged['event_id']}']").click()
    page.wait_for_selector("#evidence .report", timeout=WAIT_MS)
    assert page.locator("#evidence .report").count() == len(merged["reports"])
    quoted = page.locator("#evidence .attribution mark.sources")
    assert quoted.count() >= 1 and "«" in quoted.first.text_content()
    page.locator("#evidence .report a[href^='#article=']").nth(1).click()
    page.wait_for_selector("#evidence .article-text", timeout=WAIT_MS)
    text = page.locator("#evidence .article-text")
    assert text.get_attribute("dir") == "rtl" and text.locator("mark.trigger").count() >= 1
    assert page.locator(f"#evidence a[href='#event={merged['event_id']}']").count() >= 1
    page.screenshot(path=str(shots / "article.png"))


def test_brushing_the_timeline_filters_the_dates_and_the_list(page, server):
    everything = listed(page)
    box = page.locator("#timeline svg").bounding_box()
    y = box["y"] + box["height"] / 2
    reloaded(page, lambda: (page.mouse.move(box["x"] + 0.02 * box["width"], y), page.mouse.down(),
                            page.mouse.move(box["x"] + 0.3 * box["width"], y, steps=5),
                            page.mouse.move(box["x"] + 0.6 * box["width"], y, steps=5), page.mouse.up()))
    start, end = page.input_value("input[name=start]"), page.input_value("input[name=end]")
    assert start and end and start <= end
    expected = server.events(f"fields=map&located=true&limit=10000&start={start}&end={end}")
    assert 0 < len(expected) < len(everything)
    assert listed(page) == expected
    assert page.locator("#timeline .brush").count() == 1
    reloaded(page, lambda: page.mouse.click(box["x"] + 0.9 * box["width"], y))  # a click clears the brush
    assert page.input_value("input[name=start]") == "" and listed(page) == everything


def test_the_api_docs_render_offline(browser, server):
    page = browser.new_page()
    elsewhere: list[str] = []
    page.on("request", lambda r: None if r.url.startswith((server.url, "data:")) else elsewhere.append(r.url))
    page.goto(server.url + "/docs")
    page.wait_for_selector(".opblock-summary-path[data-path='/api/events']", timeout=WAIT_MS)
    page.close()
    assert elsewhere == []


def test_the_export_link_downloads_the_filtered_csv(page, server, tmp_path):
    reloaded(page, lambda: page.select_option("select[name=country]", "Yemen"))
    with page.expect_download(timeout=WAIT_MS) as info:
        page.click("#export-csv")
    saved = tmp_path / "export.csv"
    shutil.copy(info.value.path(), saved)
    with open(saved, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    expected = server.events("country=Yemen&limit=1000")
    assert [r["event_id"] for r in rows] == expected and len(expected) < len(server.events("limit=1000"))
    assert {r["country"] for r in rows} == {"Yemen"}
