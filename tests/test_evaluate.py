"""The scorer must be right before any accuracy figure means anything."""

from __future__ import annotations

import copy

from pipeline.eval_output import confusion_svg, format_table
from pipeline.evaluate import score

TRUTH = {
    "bundle_id": "b1",
    "case_type": "BUP",
    "status": "PERLU_VERIFIKASI",
    "pages": [
        {"index": 1, "doc_type": "SK_CPNS", "rotation": 0},
        {"index": 2, "doc_type": "SK_CPNS", "rotation": 0},
        {"index": 3, "doc_type": "KTP", "rotation": 180},
    ],
    "documents": [
        {
            "doc_type": "SK_CPNS",
            "pages": [1, 2],
            "fields": {
                "nip": "197705152008011002",
                "nama": "Drs. AGUS MUFID, M.Si.",
                "tanggal_lahir": "1977-05-16",
            },
        },
        {"doc_type": "KTP", "pages": [3], "fields": {"nik": "3316051505770001", "nama": "AGUS MUFID"}},
    ],
    "missing": ["SURAT_NIKAH"],
    "findings": [{"code": "NIP_BIRTHDATE_MISMATCH"}, {"code": "MISSING_DOCUMENT"}],
    "rejected": [{"source": "b1/page9.jpg"}],
}


def perfect_report() -> dict:
    fv = lambda v: {"value": v, "page": 1, "confidence": 0.9}  # noqa: E731
    return {
        "bundle_id": "b1",
        "case_type": "BUP",
        "status": "PERLU_VERIFIKASI",
        "pages": [{"index": p["index"], "doc_type": p["doc_type"], "rotation": p["rotation"]} for p in TRUTH["pages"]],
        "documents": [
            {
                "id": "d1",
                "doc_type": "SK_CPNS",
                "pages": [1, 2],
                "fields": {
                    "nip": fv("197705152008011002"),
                    "nama": fv("AGUS MUFID"),
                    "tanggal_lahir": fv("1977-05-16"),
                },
            },
            {
                "id": "d2",
                "doc_type": "KTP",
                "pages": [3],
                "fields": {"nik": fv("3316051505770001"), "nama": fv("AGUS MUFID")},
            },
        ],
        "checklist": [
            {"item": "SURAT_NIKAH", "required": True, "status": "missing", "documents": []},
            {"item": "SK_CPNS", "required": True, "status": "present", "documents": ["d1"]},
        ],
        "findings": [{"code": "MISSING_DOCUMENT"}, {"code": "NIP_BIRTHDATE_MISMATCH"}],
        "rejected": [{"source": "b1/page9.jpg", "reason": "damaged image"}],
    }


def test_perfect_report_scores_one():
    s = score([(perfect_report(), TRUTH)])
    assert s["page_accuracy"] == 1.0 and s["rotation_accuracy"] == 1.0
    assert s["case_type_accuracy"] == 1.0 and s["status_accuracy"] == 1.0
    assert all(v["exact"] == 1.0 for v in s["fields"].values())  # names compared without gelar
    assert s["missing_documents"]["f1"] == 1.0
    assert all(v["f1"] == 1.0 for v in s["findings"].values())
    assert s["rejected"]["recall"] == 1.0


def test_corrupted_report_scores_less():
    r = perfect_report()
    r["pages"][2]["doc_type"] = "KK"
    r["pages"][2]["rotation"] = 0
    r["documents"][0]["fields"]["nip"]["value"] = "197705152008011003"
    r["documents"][0]["fields"]["nama"]["value"] = "AGUS MUFlD"
    del r["documents"][1]
    r["findings"] = [{"code": "NAME_MISMATCH"}]
    r["checklist"][0]["status"] = "present"
    r["case_type"] = "APS"
    r["rejected"] = []
    s = score([(r, TRUTH)])
    assert s["page_accuracy"] == round(2 / 3, 4)
    assert s["rotation_accuracy"] == round(2 / 3, 4)
    assert s["top_confusions"] == [{"truth": "KTP", "predicted": "KK", "n": 1}]
    assert s["fields"]["nip"]["exact"] == 0.0
    assert s["fields"]["nama"]["exact"] == 0.0 and s["fields"]["nama"]["within_tolerance"] == 0.5
    assert s["fields"]["nik"]["missing"] == 1
    assert s["missing_documents"]["recall"] == 0.0
    assert s["findings"]["NIP_BIRTHDATE_MISMATCH"]["recall"] == 0.0
    assert s["findings"]["NAME_MISMATCH"]["precision"] == 0.0
    assert s["case_type_accuracy"] == 0.0 and s["rejected"]["recall"] == 0.0


def test_scores_add_up_over_bundles():
    bad = copy.deepcopy(perfect_report())
    bad["pages"][0]["doc_type"] = "SK_PNS"
    s = score([(perfect_report(), TRUTH), (bad, TRUTH)])
    assert s["bundles"] == 2 and s["pages"] == 6 and s["page_accuracy"] == round(5 / 6, 4)


def test_outputs_render():
    s = score([(perfect_report(), TRUTH)])
    assert "klasifikasi halaman" in format_table(s)
    svg = confusion_svg(s)
    assert svg.startswith("<svg") and "SK_CPNS" in svg
