"""The dashboard as a person uses it: served by `arrears dashboard`, driven in headless Chromium.

`make test` installs Debian's Chromium (as root, when missing) and Playwright's Python package
(dev extras); the browser test is skipped, with the reason, only where neither is available.
"""

import importlib
import inspect
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from arrears.cli import main
from arrears.dashboard.figures import DASHBOARD_PLOTS
from arrears.dashboard.session import MarketSession

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_START_S = 180
"""Bound on the server's start, including a first compile of the numba kernels."""
UI_TIMEOUT_MS = 60_000
"""Bound on every wait for the page (a market rebuild or step answers in well under a second)."""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_serving(url, server, log):
    """Poll the page until it answers 200, the server dies, or the start bound passes."""
    deadline = time.monotonic() + SERVER_START_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"dashboard server exited with {server.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    pytest.fail(f"dashboard did not answer within {SERVER_START_S} s:\n{log.read_text()}")


@pytest.fixture
def dashboard_url(tmp_path):
    """`arrears dashboard` on a free loopback port, stopped after the test."""
    port = free_port()
    log = tmp_path / "server.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "arrears.cli", "dashboard", "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        url = f"http://127.0.0.1:{port}/"
        wait_until_serving(url, server, log)
        yield url
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=20)


@pytest.fixture
def browser_page():
    """A page in headless Debian Chromium, driven by Playwright."""
    if not CHROMIUM.exists():
        pytest.skip(f"no browser: {CHROMIUM} is missing (`make test` installs it as root)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    with tempfile.TemporaryDirectory() as profile, sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=str(CHROMIUM),
            args=CHROMIUM_FLAGS,
            headless=True,
            viewport={"width": 1400, "height": 1000},
        )
        try:
            page = context.new_page()
            page.set_default_timeout(UI_TIMEOUT_MS)
            yield page
        finally:
            context.close()


def set_slider(page, label, fraction):
    """Click a slider's track at a fraction of its width, as a person would; return the value."""
    slider = page.get_by_role("slider", name=label)
    track = slider.locator("xpath=ancestor::div[contains(@class, 'v-slider')][1]")
    box = track.bounding_box()
    page.mouse.click(box["x"] + fraction * box["width"], box["y"] + box["height"] / 2)
    return slider.get_attribute("aria-valuenow")


PLOT_DIGESTS_JS = """async () => {
    const digests = [];
    for (const img of document.querySelectorAll(".vue-grid-item img")) {
        const bytes = await (await fetch(img.src)).arrayBuffer();
        const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
        digests.push(Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join(""));
    }
    return digests;
}"""
"""SHA-256 of each plot image's bytes, in page order (the images are blob URLs)."""


def wait_for_plots(page, differ_from=None):
    """Wait until every plot is drawn and, if given, differs from earlier digests."""
    deadline = time.monotonic() + UI_TIMEOUT_MS / 1000
    while time.monotonic() < deadline:
        digests = page.evaluate(PLOT_DIGESTS_JS)
        if len(digests) == len(DASHBOARD_PLOTS) and (
            differ_from is None or all(a != b for a, b in zip(digests, differ_from, strict=True))
        ):
            return digests
        time.sleep(0.25)
    pytest.fail(f"plots did not update within {UI_TIMEOUT_MS} ms: {digests} vs {differ_from}")


def step(page, days):
    """Press Step a number of times (one day each at the default render interval)."""
    for _ in range(days):
        page.get_by_role("button", name="Step").click()


def test_dashboard_runs_the_market_and_reports_bad_settings(dashboard_url, browser_page, tmp_path):
    """Load, reject an impossible window with the scenario's message, rebuild, step, re-plot."""
    page = browser_page
    page.goto(dashboard_url)
    market = page.locator(".v-card", has_text="Market").first
    page.get_by_text("Day 720: 0 days shown").wait_for()
    wait_for_plots(page)

    page.locator("label", has_text="Set the contact hours by hand").click()
    assert set_slider(page, "Weekday calls until (h)", 0.1) == "2"
    page.get_by_role("button", name="Reset").click()
    page.get_by_text("These settings make no valid scenario").wait_for()
    assert "regime.weekday_end_hour must be >= regime.weekday_start_hour (8), got 2" in (
        market.inner_text()
    )
    page.screenshot(path=tmp_path / "invalid-settings.png", full_page=True)

    page.locator("label", has_text="Set the contact hours by hand").click()
    staff = set_slider(page, "Staff per 10k accounts", 0.5)
    page.get_by_role("button", name="Reset").click()
    page.get_by_text(f"{float(staff):g} collectors per 10,000 accounts").wait_for()
    assert "no valid scenario" not in market.inner_text()
    before_text = market.inner_text()
    empty_plots = wait_for_plots(page)

    step(page, 3)
    page.get_by_text("Day 723: 3 days shown").wait_for()
    three_days = wait_for_plots(page, differ_from=empty_plots)
    assert market.inner_text() != before_text
    step(page, 3)
    page.get_by_text("Day 726: 6 days shown").wait_for()
    wait_for_plots(page, differ_from=three_days)
    shot = tmp_path / "dashboard.png"
    page.screenshot(path=shot, full_page=True)
    assert shot.stat().st_size > 50_000


def test_page_imports_without_warnings_and_its_inputs_are_the_model_arguments():
    """The page module imports under warnings-as-errors; each input is a MarketSession keyword."""
    app = importlib.import_module("arrears.dashboard.app")
    assert set(app.model_params()) == set(inspect.signature(MarketSession).parameters)
    assert app.status_lines(app.MarketSession(n_accounts=1000, warmup_days=0).market, 0)[0] == (
        "Day 0: 0 days shown after a 0-day warm-up"
    )


@pytest.mark.parametrize("port", ["0", "70000", "http"])
def test_dashboard_port_must_be_a_tcp_port(port, capsys):
    """A bad --port is refused before anything starts, naming the allowed range."""
    with pytest.raises(SystemExit) as exit_:
        main(["dashboard", "--port", port])
    assert exit_.value.code == 2
    assert f"must be an integer in [1, 65535], got '{port}'" in capsys.readouterr().err
