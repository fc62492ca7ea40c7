"""The batch page and a report, opened in real headless Chromium from ``file://`` as a verifier would.

String tests cannot tell whether the filter script runs, whether the preview image resolves from
the report's folder, or whether the page throws. Chromium's command line can: ``--dump-dom``
prints the DOM after scripts ran (``--virtual-time-budget`` lets loads and timers finish first),
``--screenshot`` saves what a person would see, and ``--enable-logging=stderr`` prints every
console message and uncaught exception. No DevTools protocol client needed.

Screenshots land in ``tmp_path`` and are copied to /tmp/berkas-screens/ for a human to look at.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw, ImageFont

from pipeline.report import summarise
from pipeline.report_html import render_report_html
from pipeline.report_index import render_index_html
from tests.test_report_html import BBOX, H, W, make_report

CHROMIUM = Path("/usr/bin/chromium")
SCREENS = Path("/tmp/berkas-screens")
RUNS = itertools.count()
FLAGS = [
    "--headless",
    "--no-sandbox",  # tests may run as root in a container
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-logging=stderr",
    "--v=0",
    "--virtual-time-budget=3000",
]
CONSOLE = re.compile(r"^.*(?::CONSOLE|Uncaught).*$", re.M)  # any console output or uncaught exception
# This probe is injected only into a copy of report.html next to the original (so relative paths
# resolve the same): report.html carries no script of its own, by design.
PROBE = """<script>
window.addEventListener("load", function () {
  document.querySelectorAll("img").forEach(function (img) {
    img.setAttribute("data-natural-width", String(img.naturalWidth));
  });
});
</script>"""


@pytest.fixture(scope="module", autouse=True)
def chromium() -> None:
    """Skip where no browser is installed, but never in CI, where a missing browser is a broken setup."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} missing in CI: run.sh must install the Debian package chromium")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")


def run(tmp_path: Path, url: str, *extra: str) -> tuple[str, str]:
    """One Chromium run with a fresh profile; returns (stdout, stderr) and fails on a console message."""
    profile = tmp_path / f"profile-{next(RUNS)}"  # a fresh profile: no state leaks between runs
    proc = subprocess.run(
        [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", *extra, url],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout, proc.stderr


def console_errors(stderr: str) -> list[str]:
    return CONSOLE.findall(stderr)


def screenshot(tmp_path: Path, url: str, name: str, *extra: str) -> Path:
    png = tmp_path / name
    _, err = run(tmp_path, url, f"--screenshot={png}", "--window-size=1280,1600", *extra)
    assert console_errors(err) == []
    assert png.exists() and png.stat().st_size > 10_000, "blank or missing screenshot"
    SCREENS.mkdir(exist_ok=True)
    shutil.copy(png, SCREENS / name)
    return png


def rows(dom: str) -> list[tuple[str, bool]]:
    """(status, hidden) of each dossier row, in the order the DOM has them."""
    return [
        (m.group(1), "hidden" in m.group(0)) for m in re.finditer(r'<tr class="st-\w+" data-status="(\w+)"[^>]*>', dom)
    ]


def preview(path: Path) -> None:
    """A half-scale page preview, as the pipeline writes it, with the NIP printed inside BBOX."""
    scale = 0.5
    img = Image.new("L", (int(W * scale), int(H * scale)), 250)
    draw = ImageDraw.Draw(img)
    font = ImageFont.load_default(size=22)
    draw.text((int(W * scale / 2) - 260, 120), "KEPUTUSAN BUPATI BLORA", fill=20, font=font)
    for y in range(340, int(H * scale) - 200, 36):  # body text lines
        draw.line((120, y, int(W * scale) - 120, y), fill=170, width=6)
    x0, y0 = BBOX[0] * scale, BBOX[1] * scale
    draw.rectangle((x0 - 150, y0 - 4, x0 + 300, y0 + 34), fill=250)
    draw.text((x0 - 140, y0 + 2), "NIP", fill=20, font=font)
    box_w = (BBOX[2] - BBOX[0]) * scale
    size = next(s for s in range(26, 8, -1) if ImageFont.load_default(size=s).getlength("197705152008011002") <= box_w)
    draw.text((x0, y0 + 2), "197705152008011002", fill=0, font=ImageFont.load_default(size=size))
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, "JPEG", quality=80)


@pytest.fixture(scope="module")
def outdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """OUTDIR as the pipeline leaves it: two bundles, each report.html with its previews, and index.html."""
    out = tmp_path_factory.mktemp("out")
    reports: list[dict[str, Any]] = [
        make_report(bundle_id="berkas-A", status="LENGKAP", findings=[], rejected=[], case_type="BUP"),
        make_report(bundle_id="berkas-B", case_type="JANDA_DUDA"),  # PERLU_VERIFIKASI, finding with a bbox
    ]
    for r in reports:
        folder = out / r["bundle_id"]
        for p in r["pages"]:
            preview(folder / p["preview"])
        html = render_report_html(r)
        (folder / "report.html").write_text(html, encoding="utf-8")
        (folder / "report.probe.html").write_text(html.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    summary = summarise(reports, [], 12.0)
    (out / "index.html").write_text(render_index_html(summary, reports), encoding="utf-8")
    return out


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        # default order puts work first: PERLU_VERIFIKASI before LENGKAP
        pytest.param("", [("PERLU_VERIFIKASI", False), ("LENGKAP", False)], id="all"),
        pytest.param("#status=LENGKAP", [("PERLU_VERIFIKASI", True), ("LENGKAP", False)], id="hash-status"),
        pytest.param("?jenis=JANDA_DUDA", [("PERLU_VERIFIKASI", False), ("LENGKAP", True)], id="query-jenis"),
        pytest.param("#status=LENGKAP&jenis=JANDA_DUDA", [("PERLU_VERIFIKASI", True), ("LENGKAP", True)], id="both"),
        pytest.param("#sort=0", [("LENGKAP", False), ("PERLU_VERIFIKASI", False)], id="sort-bundle-asc"),
        pytest.param("#sort=0&dir=desc", [("PERLU_VERIFIKASI", False), ("LENGKAP", False)], id="sort-desc"),
    ],
)
def test_index_filters_and_sorts_from_url(outdir: Path, tmp_path: Path, fragment: str, expected: list) -> None:
    dom, err = run(tmp_path, (outdir / "index.html").as_uri() + fragment, "--dump-dom")
    assert console_errors(err) == []
    assert 'data-ready="1"' in dom, "the script did not finish"
    assert rows(dom) == expected
    shown = sum(not hidden for _, hidden in expected)
    assert f'<b id="shown">{shown}</b>' in dom


def test_index_links_resolve(outdir: Path) -> None:
    html = (outdir / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+)">berkas-[AB]</a>', html)
    assert links == ["berkas-B/report.html", "berkas-A/report.html"]
    assert all((outdir / link).is_file() for link in links)


def test_report_evidence_image_loads(outdir: Path, tmp_path: Path) -> None:
    dom, err = run(tmp_path, (outdir / "berkas-B" / "report.probe.html").as_uri(), "--dump-dom")
    assert console_errors(err) == []
    widths = re.findall(r'<img src="pages/p00\d\.jpg" alt="([^"]+)"[^>]*data-natural-width="(\d+)"', dom)
    assert ("potongan halaman 1", str(W // 2)) in widths, "the evidence crop's preview did not load"
    assert widths and all(int(w) > 0 for _, w in widths), widths


def test_console_errors_are_detected(tmp_path: Path) -> None:
    """The check above is only worth something if a throwing page fails it."""
    page = tmp_path / "bad.html"
    page.write_text("<!DOCTYPE html><title>x</title><script>null.x;</script>", encoding="utf-8")
    _, err = run(tmp_path, page.as_uri(), "--dump-dom")
    assert any("Uncaught" in line for line in console_errors(err))


def test_screenshots(outdir: Path, tmp_path: Path) -> None:
    """Pictures for a person to judge; here only that they render without errors and are not blank."""
    shots = [
        screenshot(tmp_path, (outdir / "index.html").as_uri(), "index.png"),
        screenshot(tmp_path, (outdir / "index.html").as_uri() + "#status=LENGKAP", "index-lengkap.png"),
        screenshot(tmp_path, (outdir / "berkas-B" / "report.html").as_uri(), "report-berkas-B.png"),
    ]
    for png in shots:
        with Image.open(png) as img:
            assert img.size == (1280, 1600)
            lo, hi = img.convert("L").getextrema()
            assert hi - lo > 100, f"{png.name} is flat"
