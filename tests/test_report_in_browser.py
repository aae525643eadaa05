"""The HTML report in a real headless Chromium: it loads, the charts render, no console errors.

Runs when ``/usr/bin/chromium`` is there (Debian's package; ``.ci/run`` installs it). Skipped
on a workstation without it, but never in CI: with ``CI`` set, a missing browser fails.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from wulian_core import policies, synth
from wulian_core.html_report import render
from wulian_core.simulation import simulate_quarter

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--enable-logging=stderr",
    "--v=0",
)
# Chromium logs what a page writes to the console as `...:CONSOLE:<line>] "message", source: ...`.
CONSOLE = re.compile(r":CONSOLE[:(]")


def _browser() -> Path:
    if CHROMIUM.exists():
        return CHROMIUM
    if os.environ.get("CI"):
        pytest.fail(
            "CI is set but /usr/bin/chromium is missing: .ci/run installs Debian's chromium"
        )
    pytest.skip("no /usr/bin/chromium here (apt-get install chromium); CI runs this test")


def _run(page: Path, tmp_path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    return subprocess.run(
        [str(_browser()), *FLAGS, f"--user-data-dir={profile}", *extra, page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


def _console(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if CONSOLE.search(line)]


@pytest.fixture(scope="module")
def report_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    quarter = simulate_quarter(
        synth.kangbashi(seed=0), targets=policies.load("shaanxi-2022"), seed=0
    )
    page = tmp_path_factory.mktemp("report") / "wulian-report.html"
    page.write_text(render(quarter), encoding="utf-8")
    return page


def test_the_report_loads_in_chromium_with_its_charts_and_no_console_errors(
    report_page: Path, tmp_path: Path
) -> None:
    result = _run(report_page, tmp_path, "--dump-dom")
    dom = result.stdout
    assert dom.count("<svg") == 3
    assert 'class="chart funnel"' in dom and 'class="chart weekly"' in dom
    assert "逐级上报漏斗" in dom and "Escalation funnel" in dom
    assert "康巴什区" in dom and "模拟数据" in dom
    assert _console(result.stderr) == []


def _png_size(shot: Path) -> tuple[int, int]:
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


@pytest.mark.parametrize(("width", "name"), [(1400, "desktop"), (390, "phone")])
def test_a_screenshot_of_the_report_is_taken_at_desktop_and_phone_width(
    report_page: Path, tmp_path: Path, width: int, name: str
) -> None:
    shot = tmp_path / f"report-{name}.png"
    result = _run(report_page, tmp_path, f"--screenshot={shot}", f"--window-size={width},2400")
    assert _png_size(shot) == (width, 2400)
    assert shot.stat().st_size > 10_000
    assert _console(result.stderr) == []
    keep = os.environ.get("WULIAN_SCREENSHOT_DIR")
    if keep:  # CI may keep the pictures as artifacts
        shutil.copy(shot, Path(keep) / f"wulian-report-{name}.png")


def _widths_in_a_frame(page: Path, tmp_path: Path, width: int) -> tuple[int, int]:
    """The page's scroll width and client width, loaded in a frame ``width`` pixels wide.

    Headless Chromium will not make its window narrower than 500 px, so the phone's
    390 px is an iframe's width; the outer page reads the inner one's widths.
    """
    frame = tmp_path / f"frame-{width}.html"
    frame.write_text(
        '<!DOCTYPE html><html><body style="margin:0">'
        f'<iframe id="f" src="{page.as_uri()}" style="width:{width}px;height:800px;border:0">'
        "</iframe><script>document.getElementById('f').addEventListener('load', () => {"
        "const d = document.getElementById('f').contentDocument.documentElement;"
        "document.body.setAttribute('data-widths', d.scrollWidth + ' ' + d.clientWidth);"
        "});</script></body></html>",
        encoding="utf-8",
    )
    dom = _run(frame, tmp_path, "--allow-file-access-from-files", "--dump-dom").stdout
    found = re.search(r'data-widths="(\d+) (\d+)"', dom)
    assert found is not None, "the frame did not load"
    return int(found[1]), int(found[2])


@pytest.mark.parametrize("width", [1400, 390])
def test_the_report_never_scrolls_sideways(report_page: Path, tmp_path: Path, width: int) -> None:
    scroll, client = _widths_in_a_frame(report_page, tmp_path, width)

    assert scroll <= client


def test_the_sideways_check_sees_a_page_wider_than_the_phone(tmp_path: Path) -> None:
    page = tmp_path / "wide.html"
    page.write_text('<!DOCTYPE html><html><body><div style="width:900px">x</div></body></html>')

    scroll, client = _widths_in_a_frame(page, tmp_path, 390)

    assert scroll > client


def test_the_console_check_sees_a_page_that_logs_an_error(tmp_path: Path) -> None:
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html><html><body><script>console.error("boom")</script></body></html>',
        encoding="utf-8",
    )
    result = _run(page, tmp_path, "--dump-dom")
    assert any('"boom"' in line for line in _console(result.stderr))
