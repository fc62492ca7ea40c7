"""Extraction from page texts (no OCR): labelled rows, KK table, akta sentence, nikah sections."""

from __future__ import annotations

import pytest

from pipeline.extract import extract_document
from pipeline.models import Document
from tests.textpage import page_result


def extract(doc_type: str, lines: list[str]) -> dict:
    doc = Document("d1", doc_type, [1])
    fields = extract_document(doc, {1: page_result(1, lines, doc_type)})
    return {k: v.value for k, v in fields.items()}


SK_CPNS = [
    "KEPUTUSAN BUPATI BLORA",
    "NOMOR : 813.3/123/2008",
    "TENTANG",
    "PENGANGKATAN CALON PEGAWAI NEGERI SIPIL",
    "KESATU : Mengangkat sebagai Calon Pegawai Negeri Sipil :",
    "Nama : Drs. AGUS MUFID, M.Si.",
    "NIP : 19770515 200801 1 002",
    "Tempat/Tanggal Lahir : Blora, 15 Mei 1977",
    "Pangkat/Gol. Ruang : Penata Muda (III/a)",
    "Jabatan : Guru Pertama",
    "terhitung mulai tanggal 01 Januari 2008",
    "Ditetapkan di : Blora",
    "BUPATI BLORA",
    "NIP. 19650101 199003 1 005",
]


@pytest.mark.parametrize(
    "doc_type, lines, expected",
    [
        pytest.param(
            "SK_CPNS",
            SK_CPNS,
            {
                "nama": "Drs. AGUS MUFID, M.Si.",
                "nip": "197705152008011002",
                "tanggal_lahir": "1977-05-15",
                "tempat_lahir": "Blora",
                "golongan": "III/a",
                "tmt": "2008-01-01",
                "nomor_dokumen": "813.3/123/2008",
            },
            id="sk-cpns-employee-not-signer",
        ),
        pytest.param(
            "DPCP",
            [
                "DATA PERORANGAN CALON PENERIMA PENSIUN",
                "1. Nama : SRI WAHYUNI, S.Pd.",
                "2. NIP : 198002212005012003",
                "3. Tempat/Tgl. Lahir : Cepu, 21 Pebruari 1980",
                "4. Jenis Kelamin : Perempuan",
            ],
            {
                "nama": "SRI WAHYUNI, S.Pd.",
                "nip": "198002212005012003",
                "tanggal_lahir": "1980-02-21",
                "jenis_kelamin": "P",
            },
            id="dpcp-numbered-rows-old-month-spelling",
        ),
        pytest.param(
            "KTP",
            [
                "PROVINSI JAWA TENGAH",
                "KABUPATEN BLORA",
                "NIK : 3316051505770001",
                "Nama : AGUS MUFID",
                "Tempat/Tgl Lahir : BLORA, 15-05-1977",
                "Jenis kelamin : LAKI-LAKI Gol. Darah : O",
            ],
            {
                "nik": "3316051505770001",
                "nama": "AGUS MUFID",
                "tanggal_lahir": "1977-05-15",
                "jenis_kelamin": "L",
            },
            id="ktp-two-fields-on-a-row",
        ),
        pytest.param(
            "SKP",
            [
                "SASARAN KINERJA PEGAWAI",
                "PEGAWAI YANG DINILAI",
                "Nama : AGUS MUFID",
                "NIP 19770515 200801 1 002",
                "PEJABAT PENILAI",
                "Nama : BUDI SANTOSO",
                "NIP : 196801011990031004",
            ],
            {"nama": "AGUS MUFID", "nip": "197705152008011002"},
            id="skp-first-person-is-the-employee",
        ),
        pytest.param(
            "SK_PANGKAT",
            [
                "KEPUTUSAN BUPATI PEMALANG",
                "Nama : SRI KUSRINI, S.P.",
                "a. Pangkat baru : Penata Tk. I",
                "b. Golongan ruang : Nud",
            ],
            {"pangkat": "Penata Tk. I", "golongan": "III/d"},
            id="golongan-from-rank-when-unreadable",
        ),
        pytest.param(
            "SK_PANGKAT",
            ["Nama : SRI KUSRINI", "Pangkat/Gol. Ruang : Penata, III/c"],
            {"golongan": "III/c"},
            id="printed-golongan-wins",
        ),
        pytest.param(
            "SK_CPNS",
            ["Nama : SRI KUSRINI", "Masa Kerja Golongan : 3 Tahun 2 Bulan"],
            {"masa_kerja_golongan": "03-02"},
            id="masa-kerja-at-appointment",
        ),
        pytest.param(
            # a 0 read as O (seed 12653: the APS eligibility check had no masa kerja to start from)
            "SK_CPNS",
            ["Nama : SRI KUSRINI", "Masa Kerja Golongan : O Tahun 4 Bulan"],
            {"masa_kerja_golongan": "00-04"},
            id="masa-kerja-zero-read-as-o",
        ),
        pytest.param(
            "SURAT_NIKAH",
            ["KUTIPAN AKTA NIKAH", "Pada hari Kamis tanggal 10 Februari 1994 telah dilangsungkan akad nikah antara:"],
            {"tanggal_nikah": "1994-02-10"},
            id="nikah-date-in-the-sentence",
        ),
        pytest.param(
            "SURAT_KEMATIAN",
            ["SURAT KETERANGAN KEMATIAN", "telah meninggal dunia pada :", "Hari : Senin", "Tanggal : 23-06-2025"],
            {"tanggal_meninggal": "2025-06-23"},
            id="death-date-rows-after-the-phrase",
        ),
        pytest.param(
            "SURAT_JANDA_DUDA",
            ["adalah isteri sah dari TEGUH PRASETYO yang telah meninggal dunia pada tanggal 23 Juni 2025."],
            {"tanggal_meninggal": "2025-06-23"},
            id="death-date-in-janda-letter",
        ),
        pytest.param(
            "SURAT_KEMATIAN",
            ["telah meninggal dunia di RSUD Nomor 12, dirawat sejak 01-06-2025"],
            {"tanggal_meninggal": None},
            id="no-death-date-across-another-number",
        ),
    ],
)
def test_labelled_fields(doc_type, lines, expected):
    got = extract(doc_type, lines)
    for key, value in expected.items():
        assert got.get(key) == value, (key, got)


def test_kk_members_and_relations():
    got = extract(
        "KK",
        [
            "KARTU KELUARGA",
            "No. 3316051203080004",
            "Nama Kepala Keluarga : AGUS MUFID",
            "No Nama Lengkap NIK Jenis Kelamin Tempat Lahir Tanggal Lahir",
            "1 AGUS MUFID 3316051505770001 LAKI-LAKI BLORA 15-05-1977 ISLAM",
            "2 SRI WAHYUNI 3316056102800002 PEREMPUAN CEPU 21-02-1980 ISLAM",
            "3 DEWI LESTARI 3316055505110003 PEREMPUAN BLORA 15-05-2011 ISLAM",
            "No Status Perkawinan Status Hubungan Dalam Keluarga Kewarganegaraan",
            "1 KAWIN KEPALA KELUARGA WNI",
            "2 KAWIN ISTRI WNI",
            "3 BELUM KAWIN ANAK WNI",
        ],
    )
    assert got["no_kk"] == "3316051203080004"
    members = got["anggota"]
    assert [(m["nama"], m["hubungan"], m["jenis_kelamin"], m["tanggal_lahir"]) for m in members] == [
        ("AGUS MUFID", "KEPALA KELUARGA", "L", "1977-05-15"),
        ("SRI WAHYUNI", "ISTRI", "P", "1980-02-21"),
        ("DEWI LESTARI", "ANAK", "P", "2011-05-15"),
    ]


def test_akta_sentence():
    got = extract(
        "AKTA_KELAHIRAN",
        [
            "KUTIPAN AKTA KELAHIRAN",
            "Nomor 3316-LT-12052011-0042",
            "Berdasarkan Akta Kelahiran Nomor tersebut di atas bahwa di BLORA",
            "pada tanggal lima belas Mei dua ribu sebelas telah lahir DEWI LESTARI,",
            "anak ke satu, perempuan, dari ayah AGUS MUFID dan ibu SRI WAHYUNI.",
        ],
    )
    assert got["nama"] == "DEWI LESTARI"
    assert got["tanggal_lahir"] == "2011-05-15"
    assert got["nama_ayah"] == "AGUS MUFID"
    assert got["nama_ibu"] == "SRI WAHYUNI"
    assert got["jenis_kelamin"] == "P"


def test_nikah_sections():
    got = extract(
        "SURAT_NIKAH",
        [
            "KUTIPAN AKTA NIKAH",
            "Nomor : 245/18/VIII/2003",
            "Tanggal Pernikahan : 10 Agustus 2003",
            "SUAMI",
            "Nama : AGUS MUFID",
            "Tempat dan tanggal lahir : Blora, 15 Mei 1977",
            "ISTERI",
            "Nama : SRI WAHYUNI",
            "Tempat dan tanggal lahir : Cepu, 21 Februari 1980",
        ],
    )
    assert got["nama_suami"] == "AGUS MUFID"
    assert got["nama_isteri"] == "SRI WAHYUNI"
    assert got["tanggal_nikah"] == "2003-08-10"


def test_values_keep_page_and_box():
    doc = Document("d1", "SK_CPNS", [1])
    fields = extract_document(doc, {1: page_result(1, SK_CPNS, "SK_CPNS")})
    nip = fields["nip"]
    assert nip.page == 1 and nip.bbox is not None and 0 < nip.confidence <= 1
