"""report.html: renders any report, never lets report text become markup, places crops right.

The report's strings come from OCR of someone else's scans, so the escaping tests feed the classic
payloads through every place report text is shown.
"""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest
from markupsafe import escape

from pipeline.report_html import crop_geometry, render_report_html, safe_preview

SCRIPT = "<script>alert(1)</script>"
ATTR_BREAK = '"><img src=x onerror=alert(1)>'
W, H = 2480, 3508  # A4 at 300 dpi
BBOX = [1000, 500, 1400, 560]


def make_report(**top: Any) -> dict[str, Any]:
    """A small but complete report: one SK CPNS page with a NIP box, one KTP page, one finding."""
    report: dict[str, Any] = {
        "schema_version": "1",
        "bundle_id": "berkas-0042",
        "source": ["berkas-0042.pdf"],
        "sha256": "ab" * 32,
        "case_type": "BUP",
        "case_type_source": "manifest",
        "status": "PERLU_VERIFIKASI",
        "employee": {"nama": "SUMARNI", "nip": "197705152008011002"},
        "pages": [
            {
                "index": 1,
                "source": "berkas-0042.pdf",
                "source_page": 1,
                "doc_type": "SK_CPNS",
                "confidence": 0.94,
                "document": "d1",
                "rotation": 0,
                "ocr_confidence": 88.5,
                "preview": "pages/p001.jpg",
                "preview_scale": 0.5,
                "width": W,
                "height": H,
            },
            {
                "index": 2,
                "source": "berkas-0042.pdf",
                "source_page": 2,
                "doc_type": "KTP",
                "confidence": 0.7,
                "document": "d2",
                "rotation": 90,
                "ocr_confidence": 70.0,
                "preview": "pages/p002.jpg",
                "preview_scale": 0.5,
                "width": W,
                "height": H,
            },
        ],
        "documents": [
            {
                "id": "d1",
                "doc_type": "SK_CPNS",
                "pages": [1],
                "fields": {"nip": {"value": "197705152008011002", "page": 1, "confidence": 0.97, "bbox": BBOX}},
            },
            {
                "id": "d2",
                "doc_type": "KTP",
                "pages": [2],
                "fields": {"tanggal_lahir": {"value": "1977-05-16", "page": 2, "confidence": 0.6}},
            },
        ],
        "checklist": [
            {
                "item": "SK_CPNS",
                "label": "SK CPNS (foto copy sah)",
                "required": True,
                "status": "present",
                "documents": ["d1"],
                "source": "seed 001",
            },
            {"item": "SURAT_NIKAH", "label": "Akta nikah", "required": True, "status": "missing", "documents": []},
            {"item": "SURAT_KEMATIAN", "required": False, "status": "not_applicable", "documents": []},
        ],
        "findings": [
            {
                "code": "NIP_BIRTHDATE_MISMATCH",
                "severity": "error",
                "message": "Tanggal lahir pada NIP berbeda dengan KTP.",
                "evidence": [
                    {"document": "d1", "page": 1, "field": "nip", "value": "197705152008011002"},
                    {"document": "d2", "page": 2, "field": "tanggal_lahir", "value": "1977-05-16"},
                ],
            },
        ],
        "rejected": [{"source": "berkas-0042/scan7.pdf", "reason": "encrypted PDF"}],
    }
    report.update(top)
    return report


def box_style(html: str) -> str:
    m = re.search(r'class="box" style="([^"]*)"', html)
    assert m, "no highlighted crop rendered"
    return m.group(1)


@pytest.mark.parametrize(
    "report",
    [
        pytest.param({}, id="empty-dict"),
        pytest.param(
            {
                "bundle_id": "b1",
                "status": "LENGKAP",
                "pages": [],
                "documents": [],
                "checklist": [],
                "findings": [],
                "rejected": [],
            },
            id="contract-minimal",
        ),
        pytest.param(make_report(), id="full"),
        pytest.param(
            {
                "bundle_id": 7,
                "pages": "x",
                "documents": [None, 3],
                "findings": [{"severity": []}],
                "checklist": [{"status": {}, "documents": 5}],
                "employee": ["x"],
            },
            id="malformed",
        ),
    ],
)
def test_any_report_renders_a_page(report: dict[str, Any]) -> None:
    html = render_report_html(report)
    assert html.startswith("<!DOCTYPE html>")
    assert "</html>" in html


@pytest.mark.parametrize(
    "status, banner, css",
    [
        pytest.param("LENGKAP", "LENGKAP", "ok", id="lengkap"),
        pytest.param("TIDAK_LENGKAP", "TIDAK LENGKAP", "bad", id="tidak-lengkap"),
        pytest.param("PERLU_VERIFIKASI", "PERLU VERIFIKASI", "warn", id="perlu-verifikasi"),
        pytest.param("SOMETHING_NEW", "SOMETHING_NEW", "unknown", id="unknown-status"),
    ],
)
def test_status_banner(status: str, banner: str, css: str) -> None:
    html = render_report_html(make_report(status=status))
    assert re.search(rf'<div class="banner {css}" role="status">\s*<strong>{banner}</strong>', html)


def _put_everywhere(report: dict[str, Any], text: str) -> None:
    """The payload in every kind of report text the page shows."""
    report["bundle_id"] = text
    report["source"] = [text]
    report["employee"]["nama"] = text
    report["findings"][0]["message"] = text
    report["findings"][0]["code"] = text
    report["findings"][0]["evidence"][0]["value"] = text
    report["findings"][0]["evidence"][1]["field"] = text
    report["documents"][0]["fields"]["nip"]["value"] = text
    report["documents"][1]["fields"][text] = {"value": text, "page": 2, "confidence": 0.9}
    report["documents"][1]["id"] = text
    report["pages"][1]["error"] = text
    report["pages"][1]["source"] = text
    report["checklist"][0]["label"] = text
    report["checklist"][0]["source"] = text
    report["rejected"][0] = {"source": text, "reason": text}
    report["notes"] = [{"source": text, "note": text}]
    report["pipeline"] = {text: text}


@pytest.mark.parametrize("payload", [pytest.param(SCRIPT, id="script"), pytest.param(ATTR_BREAK, id="attr")])
def test_report_text_is_escaped(payload: str) -> None:
    report = make_report()
    _put_everywhere(report, payload)
    html = render_report_html(report)
    assert "<script" not in html
    assert "<img src=x" not in html
    assert str(escape(payload)) in html
    # The NIP crop is still there: its geometry comes from numbers, not from the poisoned text.
    assert 'class="box"' in html
    for style in re.findall(r'style="([^"]*)"', html):
        assert re.fullmatch(r"([a-z-]+:-?[0-9.]+(px|%|/[0-9]+)?;?)+", style), style


@pytest.mark.parametrize(
    "bbox, scale, expected_img, expected_box",
    [
        # f = min(480/1000, 170/240, 0.6, 2.5*0.5) = 0.48 CSS px per page px: the width decides.
        pytest.param(
            BBOX,
            0.5,
            "left:-70.000%;top:-99.647%;width:248.000%;height:990.494%",
            "left:30.000%;top:41.529%;width:40.000%;height:16.941%",
            id="width-bound",
        ),
        # A coarse preview (0.1) may be blown up only 2.5x: f = 0.25.
        pytest.param(
            BBOX,
            0.1,
            "left:-12.500%;top:-27.941%;width:129.167%;height:515.882%",
            "left:39.583%;top:45.588%;width:20.833%;height:8.824%",
            id="preview-zoom-bound",
        ),
        # A box at the top-left corner: the page edge stays at the viewport edge.
        pytest.param(
            [0, 0, 200, 50],
            0.5,
            "left:0.000%;top:0.000%;width:310.000%;height:1238.118%",
            "left:0.000%;top:0.000%;width:25.000%;height:17.647%",
            id="clamped-corner",
        ),
    ],
)
def test_crop_geometry(bbox: list[int], scale: float, expected_img: str, expected_box: str) -> None:
    crop = crop_geometry(bbox, scale, W, H)
    assert crop is not None
    assert crop["img"] == expected_img
    assert crop["box"] == expected_box


@pytest.mark.parametrize(
    "bbox, scale, width, height",
    [
        pytest.param(["1000", 500, 1400, 560], 0.5, W, H, id="string-coordinate"),
        pytest.param(["0;background:url(javascript:x)", 0, 1, 1], 0.5, W, H, id="css-injection"),
        pytest.param([True, 500, 1400, 560], 0.5, W, H, id="bool"),
        pytest.param([float("nan"), 500, 1400, 560], 0.5, W, H, id="nan"),
        pytest.param([1400, 500, 1000, 560], 0.5, W, H, id="inverted"),
        pytest.param([1000, 500, 1400], 0.5, W, H, id="three-numbers"),
        pytest.param(BBOX, "0.5", W, H, id="string-scale"),
        pytest.param(BBOX, 0, W, H, id="zero-scale"),
        pytest.param(BBOX, 0.5, None, H, id="no-width"),
        pytest.param([3000, 500, 3100, 560], 0.5, W, H, id="off-page"),
    ],
)
def test_crop_geometry_refuses_bad_numbers(bbox: list[Any], scale: Any, width: Any, height: Any) -> None:
    assert crop_geometry(bbox, scale, width, height) is None


def test_finding_with_bbox_renders_highlighted_crop() -> None:
    html = render_report_html(make_report())
    assert box_style(html) == "left:30.000%;top:41.529%;width:40.000%;height:16.941%"
    assert 'style="max-width:480px;aspect-ratio:480/170"' in html
    assert '<img src="pages/p001.jpg" alt="potongan halaman 1" style="left:-70.000%' in html


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda r: r["pages"][0].update(preview=None), id="preview-null"),
        pytest.param(lambda r: r["pages"][0].pop("preview"), id="preview-absent"),
        pytest.param(lambda r: r["pages"][0].update(preview="javascript:alert(1)"), id="javascript"),
        pytest.param(lambda r: r["pages"][0].update(preview="JaVaScRiPt:alert(1)"), id="javascript-case"),
        pytest.param(lambda r: r["pages"][0].update(preview="data:text/html,x"), id="data-url"),
    ],
)
def test_page_without_usable_preview_still_renders(change: Any) -> None:
    report = make_report()
    change(report)
    html = render_report_html(report)
    assert "pages/p001.jpg" not in html and "javascript" not in html.lower() and "data:" not in html
    assert 'class="box"' not in html  # no crop without an image to crop
    assert "pratinjau halaman 1 tidak tersedia" in html  # the evidence card says so
    assert "197705152008011002" in html  # and still shows the value as text


def test_evidence_on_another_page_than_the_box_gets_thumbnail() -> None:
    report = make_report()
    report["findings"][0]["evidence"][0]["page"] = 2
    html = render_report_html(report)
    assert 'class="box"' not in html
    assert '<a class="small" href="pages/p002.jpg">buka halaman penuh</a>' in html


@pytest.mark.parametrize(
    "path, expected",
    [
        pytest.param("pages/p001.jpg", "pages/p001.jpg", id="plain"),
        pytest.param("pages/p 1#?.jpg", "pages/p%201%23%3F.jpg", id="quoted"),
        pytest.param("javascript:alert(1)", None, id="javascript"),
        pytest.param(" javascript:alert(1)", None, id="javascript-space"),
        pytest.param("java\tscript:alert(1)", None, id="javascript-tab"),
        pytest.param("data:image/png;base64,AAAA", None, id="data"),
        pytest.param("http://evil.example/x.jpg", None, id="http"),
        pytest.param("//evil.example/x.jpg", None, id="protocol-relative"),
        pytest.param("/etc/passwd", None, id="absolute"),
        pytest.param("../other/p001.jpg", None, id="parent"),
        pytest.param("C:\\scan\\p001.jpg", None, id="windows"),
        pytest.param("", None, id="empty"),
        pytest.param(42, None, id="not-a-string"),
    ],
)
def test_safe_preview(path: Any, expected: str | None) -> None:
    assert safe_preview(path) == expected


@pytest.mark.parametrize(
    "needle",
    [
        pytest.param('<td class="st st-present">ada</td>', id="present"),
        pytest.param('<td class="st st-missing">tidak ada</td>', id="missing"),
        pytest.param('<td class="st st-not_applicable">tidak berlaku</td>', id="not-applicable"),
        pytest.param('<tr class="missing-required">', id="missing-required-row"),
        pytest.param('60% <span class="check">perlu dicek</span>', id="low-field-confidence"),
        pytest.param("(dari manifest)", id="case-type-source"),
        pytest.param("encrypted PDF", id="rejected-reason"),
        pytest.param('id="hal-2"', id="page-anchor"),
        pytest.param("rotasi 90°", id="rotation"),
    ],
)
def test_page_shows(needle: str) -> None:
    assert needle in render_report_html(make_report())


def test_notes_on_files_read_with_a_caveat_are_shown() -> None:
    report = make_report()
    report["notes"] = [{"source": "b.pdf", "note": "PDF holds JavaScript (1): never run or extracted"}]
    html = render_report_html(report)
    assert "Catatan berkas (1)" in html and "PDF holds JavaScript (1)" in html
    assert "Catatan berkas" not in render_report_html(make_report())


def test_errors_are_listed_before_warnings() -> None:
    report = make_report()
    first = copy.deepcopy(report["findings"][0])
    report["findings"] = [dict(first, code="W_CODE", severity="warning"), dict(first, code="E_CODE")]
    html = render_report_html(report)
    assert html.index("E_CODE") < html.index("W_CODE")
