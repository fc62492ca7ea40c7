"""Grouping pages into documents: continuation pages of a multi-page decree take its type (no OCR)."""

from __future__ import annotations

import pytest

from pipeline.group import group_pages
from tests.textpage import page_result

SK_TEWAS_P1 = ["KEPUTUSAN BUPATI JEPARA", "TENTANG", "PENETAPAN TEWAS PEGAWAI NEGERI SIPIL"]
SK_JABATAN_P1 = ["KEPUTUSAN BUPATI BLORA", "TENTANG", "PENGANGKATAN PEGAWAI NEGERI SIPIL DALAM JABATAN PELAKSANA"]


@pytest.mark.parametrize(
    "first, second_lines, second_type, joins",
    [
        pytest.param(
            (SK_TEWAS_P1, "SK_TEWAS"),
            ["KEDUA : Kepada ahli waris yang sah diberikan pensiun janda", "Ditetapkan di Jepara"],
            "UNKNOWN",
            True,
            id="tewas-diktum-kedua-page",
        ),
        pytest.param(
            (SK_TEWAS_P1, "SK_TEWAS"),
            ["Ditetapkan di : Jepara", "BUPATI JEPARA,", "Tembusan Keputusan ini disampaikan kepada Yth.:"],
            "SURAT_PENGANTAR",
            True,
            id="tewas-signature-page-read-as-letter",
        ),
        pytest.param(
            # the tembusan read badly ("Salinan ... disampaikan" garbled): its last item still tells
            (["KEPUTUSAN BUPATI JEPARA", "PENGANGKATAN CALON PEGAWAI NEGERI SIPIL MENJADI"], "SK_PNS"),
            ["BN Kerutiean ini dicamnafkan kepada Yth.:", "Kala PT TASPEN Kantor Cabang Jepara,", "Pertinggal."],
            "UNKNOWN",
            True,
            id="garbled-tembusan-ending-pertinggal",
        ),
        pytest.param(
            (["KEPUTUSAN BUPATI KENDAL", "PENGANGKATAN CALON PEGAWAI NEGERI SIPIL MENJADI"], "SK_PNS"),
            [
                'Te——— Ke--— Ini "han 55 Yth:',
                "Kenala K antre Regional | Radan Keys os NEGARA dl Tony amasin",
                "Kepala PT TASPEN (5 av) Kantor Cahana Kondak",
                "Perringgal",
            ],
            "UNKNOWN",
            True,
            id="tembusan-addressees-read-through-noise",
        ),
        pytest.param(
            (["KEPUTUSAN BUPATI KARANGANYAR", "PENGANGKATAN CALON PEGAWAI NEGERI SIPIL MENJADI"], "SK_PNS"),
            [
                "—E— Ke — fp #—-—an LL Yth:",
                "Kepala Kantrr Reginnal | Badan K— -—.— Negara di Yogyakarta:",
                "Kanala PT TASPEN (re1sw) Kantor Cahana Karanganyar,",
                "Pertinesal.",
            ],
            "UNKNOWN",
            True,
            id="tembusan-two-letters-misread-in-fifteen",
        ),
        pytest.param(
            (SK_JABATAN_P1, "SK_JABATAN"),
            [
                "LAMPIRAN KEPUTUSAN BUPATI BLORA",
                "NOMOR : 821.2/123/2019",
                "DAFTAR PEGAWAI NEGERI SIPIL YANG DIANGKAT DALAM JABATAN PELAKSANA",
                "NO NAMA / NIP PANGKAT / GOL. RUANG JABATAN UNIT KERJA",
            ],
            "UNKNOWN",
            True,
            id="jabatan-pelaksana-lampiran-without-page-number",
        ),
        pytest.param(
            # the lampiran's list heading reads as an SK_JABATAN title of its own: still one decree
            (SK_JABATAN_P1, "SK_JABATAN"),
            ["LAMPIRAN KEPUTUSAN BUPATI BLORA", "DAFTAR PEGAWAI NEGERI SIPIL YANG DIANGKAT DALAM JABATAN PELAKSANA"],
            ("SK_JABATAN", True),
            True,
            id="titled-lampiran-stays-with-its-decree",
        ),
        pytest.param(
            (["KEPUTUSAN KEPALA BADAN KEPEGAWAIAN NEGARA", "PENINJAUAN MASA KERJA"], "SK_PMK"),
            ["KEDUA : Keputusan ini mulai berlaku pada tanggal ditetapkan", "Ditetapkan di Jakarta"],
            "UNKNOWN",
            True,
            id="pmk-decree-second-page",
        ),
        pytest.param(
            (["KEPUTUSAN BUPATI KUDUS", "KENAIKAN GAJI BERKALA"], "SK_KGB"),
            ["Tembusan :", "1. Kepala Kantor Pelayanan Perbendaharaan Negara di Kudus", "2. Pertinggal"],
            "SURAT_PENGANTAR",
            True,
            id="kgb-decree-tembusan-page",
        ),
        pytest.param(
            (["PEMERINTAH KABUPATEN KUDUS", "Hal : Usul Pensiun"], "SURAT_PENGANTAR"),
            ["Kepala Dinas Kesehatan", "dr. SRI WAHYUNI, M.Kes", "Tembusan :", "1. Yang bersangkutan"],
            "UNKNOWN",
            True,
            id="pengantar-signature-page",
        ),
        pytest.param(
            # a faint signature-only last page: two rows read, too few letters to classify
            (["PETIKAN KEPUTUSAN KEPALA BKPSDM", "KENAIKAN PANGKAT PEGAWAI NEGERI SIPIL"], "SK_PANGKAT"),
            ["——Pamhina Utama Muda", "NIP 19680907 199212 1 010"],
            "UNKNOWN",
            True,
            id="signature-only-page",
        ),
        pytest.param(
            (SK_JABATAN_P1, "SK_JABATAN"),
            ["NIP 19680907 199212 1 010"] + ["Nama lengkap anggota keluarga yang ditanggung sesuai daftar"] * 4,
            "UNKNOWN",
            False,
            id="page-with-a-nip-and-much-text-stays-apart",
        ),
        pytest.param(
            (SK_JABATAN_P1, "SK_JABATAN"),
            ["Nomor : 474/12/2020", "Nama : SRI WAHYUNI", "Dengan ini menerangkan"],
            "UNKNOWN",
            False,
            id="unmarked-page-stays-apart",
        ),
        pytest.param(
            # the next decree, its title damaged, read by keywords: its own header opens it, although
            # its diktum markers (KEDUA, Ditetapkan di) would make it the SK CPNS's next page
            (["KEPUTUSAN BUPATI REMBANG", "TENTANG", "PENGANGKATAN CALON PEGAWAI NEGERI SIPIL"], "SK_CPNS"),
            [
                "KEPUTUSAN BUPATI REMBANG",
                "NOMOR : 821.13/776/2009",
                "TENTANC",
                "PENGANGKATAN MENJADI PEGAWAI NEGERI Siri. DI",
                "KEDUA : Keputusan ini mulai berlaku",
                "Ditetapkan di : Rembang",
            ],
            "SK_PNS",
            False,
            id="next-decree-opens-with-its-header",
        ),
        pytest.param(
            # a continuation page citing a law "tentang ..." in a sentence is no header
            (["KEPUTUSAN BUPATI REMBANG", "TENTANG", "PENGANGKATAN CALON PEGAWAI NEGERI SIPIL"], "SK_CPNS"),
            ["3. Peraturan Pemerintah Nomor 9 Tahun 2003 tentang Wewenang", "KEDUA : Keputusan ini mulai berlaku"],
            "SK_PNS",
            True,
            id="law-cited-tentang-is-no-header",
        ),
    ],
)
def test_continuation_page_joins_its_decree(first, second_lines, second_type, joins):
    first_lines, first_type = first
    second_type, second_titled = second_type if isinstance(second_type, tuple) else (second_type, False)
    pages = [
        page_result(1, first_lines, first_type, True),
        page_result(2, second_lines, second_type, second_titled, 0.3),
    ]
    documents, out = group_pages(pages)
    if joins:
        assert [(d.doc_type, d.pages) for d in documents] == [(first_type, [1, 2])]
        assert out[1].classification.doc_type == first_type
    else:
        assert len(documents) == 2 and out[1].classification.doc_type == second_type


@pytest.mark.parametrize(
    "image_type, lines, joins",
    [
        pytest.param("BLANK", ["2. Arsip."], True, id="tembusan-spill-over-read-as-blank"),
        pytest.param(
            "PAS_FOTO",
            ["Ditetapkan di Boyolali", "pada tanggal 04 Novemher 2023", "BUPATI BOYOLALI,"],
            True,
            id="signature-stamp-read-as-photo",
        ),
        pytest.param("BLANK", [], False, id="empty-page-stays-blank"),
        pytest.param("PAS_FOTO", ["AGUS MUFID"], False, id="photo-sheet-stays"),
    ],
)
def test_image_decided_page_with_markers_continues(image_type, lines, joins):
    pages = [
        page_result(1, ["KEPUTUSAN BUPATI BOYOLALI", "PENETAPAN TEWAS"], "SK_TEWAS", True),
        page_result(2, lines, image_type, image_type == "PAS_FOTO", 0.8),
    ]
    documents, out = group_pages(pages)
    assert (out[1].classification.doc_type == "SK_TEWAS") == joins
    assert len(documents) == (1 if joins else 2)


@pytest.mark.parametrize(
    "prev_type, joins",
    [("SK_JABATAN", True), ("SK_PANGKAT", True), ("SURAT_PENGANTAR", False), ("KTP", False)],
)
def test_lampiran_joins_only_a_decree(prev_type, joins):
    pages = [
        page_result(1, ["HEAD"], prev_type, True),
        page_result(2, ["- 2 -", "LAMPIRAN KEPUTUSAN BUPATI BLORA", "NOMOR : 821.2/1/2019"], "KARPEG", True),
    ]
    documents, _ = group_pages(pages)
    assert (len(documents) == 1) == joins


@pytest.mark.parametrize(
    "second_type, joins",
    [
        pytest.param("KARPEG", True, id="konversi-nip-page-after-the-karpeg-card"),
        pytest.param("KARIS_KARSU", False, id="karis-after-karpeg-is-its-own-document"),
    ],
)
def test_karpeg_and_its_konversi_page_are_one_document(second_type, joins):
    """Seed 002 lists "karpeg dan Konversi NIP baru" as one item; both pages carry a title."""
    pages = [
        page_result(1, ["KARTU PEGAWAI NEGERI SIPIL", "NIP : 050123456"], "KARPEG"),
        page_result(2, ["KONVERSI NIP", "NOMOR INDUK PEGAWAI BARU", "NIP : 19681024 199001 1 279"], second_type),
    ]
    documents, _ = group_pages(pages)
    expected = [("KARPEG", [1, 2])] if joins else [("KARPEG", [1]), (second_type, [2])]
    assert [(d.doc_type, d.pages) for d in documents] == expected


SK_CPNS_P1 = [
    "KEPUTUSAN BUPATI REMBANG",
    "TENTANG",
    "PENGANGKATAN CALON PEGAWAI NEGERI SIPIL",
    "MEMUTUSKAN :",
    "KESATU : Mengangkat sebagai Calon Pegawai Negeri Sipil",
]
NOISE = ["et 0 dika in —", "oo. mm MA Tua —— —.", "Ha ia mM ,", "ak dm —— — rr"]


@pytest.mark.parametrize(
    ("first_lines", "second_conf", "joins"),
    [
        # an SK CPNS's second page blurred past reading (seed 71413 berkas-0002): the decree's first
        # page ends mid-diktum, so the noise after it is its next page
        pytest.param(SK_CPNS_P1, 25.0, True, id="unreadable-after-open-decree"),
        # the decree already closed on its first page: an unreadable page after it is another's
        pytest.param([*SK_CPNS_P1, "Ditetapkan di : Rembang", "pada tanggal 1 Maret 2009"], 25.0, False, id="closed"),
        # a page read well enough that its words would have told: not joined for its being unknown
        pytest.param(SK_CPNS_P1, 70.0, False, id="readable-unknown"),
    ],
)
def test_unreadable_page_continues_an_open_decree(first_lines, second_conf, joins):
    noise = page_result(2, NOISE, "UNKNOWN", False, 0.0)
    noise.text.ocr_confidence = second_conf
    documents, out = group_pages([page_result(1, first_lines, "SK_CPNS", True), noise])
    assert [d.pages for d in documents] == ([[1, 2]] if joins else [[1], [2]])
    assert out[1].classification.doc_type == ("SK_CPNS" if joins else "UNKNOWN")
