"""Classifier: page texts as real documents word them -> document type (no OCR)."""

from __future__ import annotations

import pytest

from classifiers.classifier import UNKNOWN, classify_text
from classifiers.profiles import load_profiles
from tests.textpage import page_text

CONTRACT_TYPES = {
    "SURAT_PENGANTAR",
    "SURAT_PERMOHONAN",
    "DPCP",
    "SK_CPNS",
    "SK_PNS",
    "SK_PANGKAT",
    "SK_JABATAN",
    "SK_KGB",
    "SK_PMK",
    "KARPEG",
    "KARIS_KARSU",
    "SURAT_NIKAH",
    "AKTA_KELAHIRAN",
    "KK",
    "KTP",
    "NPWP",
    "BUKU_TABUNGAN",
    "PAS_FOTO",
    "SKP",
    "SK_HUKDIS",
    "SURAT_PERNYATAAN_PIDANA",
    "DAFTAR_KELUARGA",
    "SURAT_KEMATIAN",
    "SURAT_JANDA_DUDA",
    "SURAT_KET_SEKOLAH",
    "SURAT_KET_BEKERJA",
    "SURAT_KESEHATAN",
    "SK_TEWAS",
    "RIWAYAT_PEKERJAAN",
    "SURAT_ALAMAT",
    "SURAT_CERAI",
}


def test_every_contract_type_has_a_profile():
    assert {p.doc_type for p in load_profiles()} == CONTRACT_TYPES


SK_HEAD = ["PEMERINTAH KABUPATEN GROBOGAN", "KEPUTUSAN BUPATI GROBOGAN", "NOMOR : 821.12/045/2009", "TENTANG"]

CASES = [
    pytest.param(
        [
            *SK_HEAD,
            "PENGANGKATAN CALON PEGAWAI NEGERI SIPIL",
            "DAERAH KABUPATEN GROBOGAN",
            "Menimbang : a. bahwa berdasarkan hasil seleksi",
            "MEMUTUSKAN",
            "Menetapkan :",
            "KESATU : Mengangkat sebagai Calon Pegawai Negeri Sipil",
            "dengan gaji pokok 80% dari gaji pokok",
        ],
        "SK_CPNS",
        id="sk-cpns",
    ),
    pytest.param(
        [
            *SK_HEAD,
            "PENGANGKATAN CALON PEGAWAI NEGERI SIPIL MENJADI",
            "PEGAWAI NEGERI SIPIL",
            "Menimbang : bahwa Calon Pegawai Negeri Sipil yang namanya tersebut telah memenuhi syarat",
            "untuk diangkat menjadi Pegawai Negeri Sipil",
            "MEMUTUSKAN",
        ],
        "SK_PNS",
        id="sk-pns-cpns-menjadi-pns",
    ),
    pytest.param(
        [
            *SK_HEAD,
            "KENAIKAN PANGKAT PEGAWAI NEGERI SIPIL",
            "Pangkat lama : Penata (III/c)",
            "Pangkat baru : Penata Tingkat I (III/d)",
            "terhitung mulai tanggal 01 April 2019",
        ],
        "SK_PANGKAT",
        id="sk-pangkat",
    ),
    pytest.param(
        [
            "KEMENTERIAN AGAMA REPUBLIK INDONESIA",
            "KUTIPAN AKTA NIKAH",
            "Nomor : 245/18/VIII/1995",
            "Pegawai Pencatat Nikah Kantor Urusan Agama Kecamatan Cepu",
            "SUAMI",
            "Nama : AGUS MUFID",
            "ISTERI",
            "Nama : SRI WAHYUNI",
            "Mas kawin : seperangkat alat sholat",
        ],
        "SURAT_NIKAH",
        id="buku-nikah",
    ),
    pytest.param(
        [
            "PENCATATAN SIPIL",
            "WARGA NEGARA INDONESIA",
            "KUTIPAN AKTA KELAHIRAN",
            "Nomor 3316-LT-12052011-0042",
            "Berdasarkan Akta Kelahiran Nomor tersebut di atas bahwa di BLORA",
            "pada tanggal lima belas Mei dua ribu sebelas telah lahir DEWI LESTARI",
            "anak ke satu perempuan dari ayah AGUS MUFID dan ibu SRI WAHYUNI",
        ],
        "AKTA_KELAHIRAN",
        id="akta-kelahiran",
    ),
    pytest.param(
        [
            "KARTU KELUARGA",
            "No. 3316051203080004",
            "Nama Kepala Keluarga : AGUS MUFID",
            "Alamat : JL. PEMUDA NO 12",
            "No Nama Lengkap NIK Jenis Kelamin Tempat Lahir Tanggal Lahir Agama",
            "1 AGUS MUFID 3316051505770001 LAKI-LAKI BLORA 15-05-1977 ISLAM",
            "No Status Perkawinan Status Hubungan Dalam Keluarga Kewarganegaraan",
        ],
        "KK",
        id="kk",
    ),
    pytest.param(
        [
            "PROVINSI JAWA TENGAH",
            "KABUPATEN BLORA",
            "NIK : 3316051505770001",
            "Nama : AGUS MUFID",
            "Tempat/Tgl Lahir : BLORA, 15-05-1977",
            "Jenis kelamin : LAKI-LAKI Gol. Darah : O",
            "Alamat : JL PEMUDA 12",
            "RT/RW : 002/003",
            "Kel/Desa : KAUMAN",
            "Status Perkawinan : KAWIN",
            "Pekerjaan : PEGAWAI NEGERI SIPIL",
            "Kewarganegaraan : WNI",
            "Berlaku Hingga : SEUMUR HIDUP",
        ],
        "KTP",
        id="e-ktp-without-title",
    ),
    pytest.param(
        [
            *SK_HEAD,
            "PENETAPAN NOMENKLATUR JABATAN PELAKSANA BAGI PEGAWAI NEGERI SIPIL",
            "DI LINGKUNGAN PEMERINTAH KABUPATEN GROBOGAN",
            "MEMUTUSKAN:",
            "KESATU : Menetapkan Pegawai Negeri Sipil dalam jabatan pelaksana",
        ],
        "SK_JABATAN",
        id="sk-jabatan-nomenklatur-pelaksana",
    ),
    pytest.param(
        [
            *SK_HEAD,
            "PEMINDAHAN DAN PENGANGKATAN PEGAWAI",
            "DALAM JABATAN PELAKSANA",
            "MEMUTUSKAN:",
        ],
        "SK_JABATAN",
        id="sk-jabatan-pelaksana-title-split",
    ),
    pytest.param(
        [
            "PEMERINTAH KABUPATEN KUDUS",
            "Nomor : 800/123/2025",
            "Hal : Usul Pemberhentian dengan Hormat dengan Hak Pensiun",
            "Kepada Yth. Bupati Kudus",
            "Bersama ini kami usulkan pemberhentian dengan hormat",
        ],
        "SURAT_PENGANTAR",
        id="pengantar-usul-pemberhentian-dengan-hormat",
    ),
    pytest.param(
        [
            "DATA PERORANGAN CALON PENERIMA PENSIUN (DPCP)",
            "PEGAWAI NEGERI SIPIL YANG MENCAPAI BATAS USIA PENSIUN",
            "I. KETERANGAN PERORANGAN",
            "1. Nama : AGUS MUFID",
            "2. NIP : 19770515 200801 1 002",
            "II. KETERANGAN KELUARGA",
        ],
        "DPCP",
        id="dpcp",
    ),
    pytest.param(
        [
            "Perihal : Permohonan Pensiun",
            "Kepada Yth. Bupati Blora",
            "Yang bertanda tangan di bawah ini :",
            "Nama : AGUS MUFID",
            "dengan ini mengajukan permohonan berhenti dengan hak pensiun",
            "karena telah mencapai batas usia pensiun",
            "Hormat saya",
        ],
        "SURAT_PERMOHONAN",
        id="permohonan-as-letter",
    ),
    pytest.param(
        [
            "PEMERINTAH KABUPATEN BLORA",
            "DINAS PENDIDIKAN",
            "Nomor : 882/115/2025",
            "Lampiran : 1 (satu) berkas",
            "Perihal : Usul Pensiun",
            "Kepada Yth. Bupati Blora cq. Kepala Badan Kepegawaian Daerah",
            "Dengan hormat, bersama ini kami sampaikan usul pensiun Pegawai Negeri Sipil",
        ],
        "SURAT_PENGANTAR",
        id="pengantar",
    ),
    pytest.param(
        [
            "SURAT KETERANGAN",
            "TIDAK PERNAH DIJATUHI HUKUMAN DISIPLIN TINGKAT SEDANG ATAU BERAT",
            "Yang bertanda tangan di bawah ini",
            "menerangkan bahwa selama satu tahun terakhir",
        ],
        "SK_HUKDIS",
        id="hukdis",
    ),
    pytest.param(
        [
            "SURAT PERNYATAAN",
            "TIDAK SEDANG MENJALANI PROSES PIDANA ATAU PERNAH DIPIDANA PENJARA",
            "berdasarkan putusan pengadilan yang telah berkekuatan hukum tetap",
        ],
        "SURAT_PERNYATAAN_PIDANA",
        id="pidana",
    ),
    pytest.param(
        [
            "SASARAN KINERJA PEGAWAI",
            "PEJABAT PENILAI",
            "PEGAWAI YANG DINILAI",
            "Periode Penilaian : 1 Januari",
            "Rencana Hasil Kerja Indikator Kinerja",
        ],
        "SKP",
        id="skp",
    ),
    pytest.param(
        [
            "PEMERINTAH DESA KAUMAN",
            "SURAT KETERANGAN KEMATIAN",
            "Nomor : 474.3/12/2025",
            "menerangkan bahwa telah meninggal dunia pada",
        ],
        "SURAT_KEMATIAN",
        id="kematian",
    ),
    pytest.param(
        [
            "SURAT KETERANGAN JANDA/DUDA",
            "menerangkan bahwa yang bersangkutan adalah janda dari almarhum",
            "dan sampai saat ini belum menikah lagi",
        ],
        "SURAT_JANDA_DUDA",
        id="janda-duda",
    ),
    pytest.param(
        [
            "KEPUTUSAN BUPATI JEPARA",
            "NOMOR 882/12/2020",
            "TENTANG",
            "PENETAPAN TEWAS DAN PEMBERIAN KENAIKAN PANGKAT ANUMERTA",
            "ATAS NAMA SUPRIYADI",
            "Menimbang : bahwa Pegawai Negeri Sipil tersebut telah meninggal dunia dalam dan karena",
            "menjalankan tugas kewajibannya;",
            "MEMUTUSKAN:",
            "Pangkat lama : Penata (III/c) terhitung mulai tanggal 1 Maret 2020",
        ],
        "SK_TEWAS",
        id="sk-tewas-with-kenaikan-pangkat-anumerta",
    ),
    pytest.param(
        [
            "BADAN KEPEGAWAIAN NEGARA",
            "Nomor : PT-2/KR.I/2020",
            "Hal : Pertimbangan Teknis Penetapan Tewas",
            "Kepada Yth. Bupati Jepara",
            "bahwa Pegawai Negeri Sipil atas nama SUPRIYADI meninggal dunia dalam dan karena menjalankan",
            "tugas kewajibannya, sehingga dapat ditetapkan tewas",
        ],
        "SK_TEWAS",
        id="bkn-pertimbangan-teknis-tewas",
    ),
    pytest.param(
        [
            "Nama : SUPRIYADI",
            "NIP : 19700101 199503 1 002",
            "Pangkat/Gol. Ruang : Penata / III/c",
            "sebagai Pegawai Negeri Sipil yang TEWAS terhitung tanggal 3 Maret 2020, dan kepadanya",
            "diberikan kenaikan pangkat anumerta setingkat lebih tinggi.",
            "KEDUA : Kepada ahli waris yang sah diberikan pensiun janda",
        ],
        "SK_TEWAS",
        id="sk-tewas-second-page",
    ),
    pytest.param(
        [
            "LAMPIRAN KEPUTUSAN BUPATI BLORA",
            "NOMOR : 821.2/123/2019",
            "TANGGAL : 12 MARET 2019",
            "DAFTAR PEGAWAI NEGERI SIPIL YANG DIANGKAT DALAM JABATAN PELAKSANA",
            "NO NAMA / NIP PANGKAT / GOL. RUANG JABATAN UNIT KERJA",
            "1 SUMARNO, S.E. Penata Muda / III/a Pengadministrasi Umum",
            "NIP. 19650412 198903 1 005",
        ],
        # "DAFTAR PEGAWAI NEGERI SIPIL" is not "KARTU PEGAWAI NEGERI SIPIL" (88 by partial_ratio);
        # "... DALAM JABATAN PELAKSANA" is, and grouping keeps the lampiran with its decree
        "SK_JABATAN",
        id="lampiran-daftar-pegawai-is-not-karpeg",
    ),
    pytest.param(
        [
            # a faint pemberitahuan KGB: the title and most labels lost, the form's sentences kept
            "PEMERINTAH KABUPATEN BREBES",
            "Bisves, 09 Maret 2022",
            "Dengan Inf Siertahukan bahwa berhubung dangan telah diaruhinya maZs kerja dan 8yar-: 2,at",
            "Nama : MOH. RIYADI",
            "Omg 2-— surat keruaiaan terakhir menuang gajipang kat yang ans—nkan:",
            "1 Tanggal mulai berlakunya gaj) :-:-—-2 : O1 April 2020",
            "Kenaikan gal erkala berikutnya : 01 April 2024",
        ],
        "SK_KGB",
        id="kgb-pemberitahuan-faint",
    ),
    pytest.param(
        [
            "KEPUTUSAN KEPALA BKD KABUPATEN BREBES",
            "NOMOR : 823.4/132/2009",
            "TENTANG",
            "PENINJAUAN MASA KERJA DAN PENYESUAIAN GAJI POKOK",
            "Menimbang : bahwa Pegawai Negeri Sipil tersebut mempunyai pengalaman kerja yang dapat",
            "diperhitungkan sebagai masa kerja golongan;",
            "a. Masa kerja golongan lama : 0 Tahun 0 Bulan",
            "b. Gaji pokok lama : Rp 1.427.100,-",
            "d. Gaji pokok baru : Rp 1.512.700,-",
            "terhitung mulai tanggal 01 Maret 2009.",
        ],
        "SK_PMK",
        id="pmk-with-penyesuaian-gaji-pokok",
    ),
    pytest.param(
        [
            # an OPD's usul letter headed like the employee's own request
            "PEMERINTAH KABUPATEN KUDUS",
            "DINAS PENDIDIKAN",
            "Nomor : 800/123/2025",
            "Lampiran : 1 (satu) berkas",
            "Perihal : Permohonan Pensiun",
            "Kepada Yth. Bupati Kudus cq. Kepala BKPSDM",
            "Dengan hormat,",
            "Bersama ini kami sampaikan berkas permohonan pensiun Pegawai Negeri Sipil atas nama SUMARNO",
            "KEPALA DINAS PENDIDIKAN",
        ],
        "SURAT_PENGANTAR",
        id="pengantar-with-permohonan-subject",
    ),
    pytest.param(
        [
            "Perihal : Permohonan Pensiun",
            "Kepada Yth. Bupati Kudus",
            "Yang bertanda tangan di bawah ini :",
            "Nama : SUMARNO",
            "dengan ini mengajukan permohonan berhenti dengan hak pensiun",
            "Bersama ini saya lampirkan persyaratan",
            "Hormat saya,",
        ],
        "SURAT_PERMOHONAN",
        id="permohonan-in-the-singular-stays",
    ),
    pytest.param(
        ["Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor"],
        UNKNOWN,
        id="foreign-text-unknown",
    ),
    pytest.param(
        # the card's NPWP line read through its logo ("NPWP Belasan": no title line), the date label worn
        [
            "NPWP Belasan",
            "08.501.393.6-512.000",
            "DYAH LESTARI",
            "NIK : 3312015511670247",
            "KPP PRATAMA WONOGIRI Tanggal Terumuw 26/10/2014",
        ],
        "NPWP",
        id="npwp-card-title-in-logo-noise",
    ),
    pytest.param(
        # a passbook's transaction page: no "Buku Tabungan" title, the mutasi column heads
        [
            "BANK NEGARA INDONESIA",
            "TAPLUS PEGAWAI",
            ": DYAH LESTARI",
            "1 4501800556",
            "KC WONOGIRI",
            "TANGGAL MUTASI DesET MUTASI KREDIT SALDO",
            "16-01-2010 3.350.000",
        ],
        "BUKU_TABUNGAN",
        id="passbook-mutasi-page",
    ),
    pytest.param(
        # an SK jabatan fungsional names its "angka kredit": not a passbook
        [*SK_HEAD, "PENGANGKATAN DALAM JABATAN FUNGSIONAL", "Angka Kredit : 150", "Kredit kumulatif"],
        "SK_JABATAN",
        id="angka-kredit-is-no-mutasi",
    ),
    pytest.param(
        # a pengantar for a widow's pension recites the death; it submits, a surat kematian never does
        [
            "PEMERINTAH KABUPATEN KEBUMEN",
            "DINAS LINGKUNGAN HIDUP",
            "Kebumen. 02 Juni 2024",
            ": 882/828/2024 Kepada",
            ": 1 (satu) berkas cg. Kepala BKPSDM",
            ": Usul Pensiun Janda/Duda (Tewas) a.n. Kabupaten Kebumen",
            "NO NAMA/NIP GOL. RUANG JABATAN PENSIUN",
            "Bersama ini kami sampaikan usul pemberian pensiun janda/duda tewas bagi ahli",
            "Almarhum KUSNO HARYANTO, A.Md. telah meninggal dunia pada tanggal 10",
            "Februari 2024 dan meninggalkan seorang ianda atas nama Fndang Rahayu",
            "Sebagai bahan pertimbangan, bersama ini kami lampirkan berkas persyaratan usul",
        ],
        "SURAT_PENGANTAR",
        id="pengantar-janda-is-no-surat-kematian",
    ),
    pytest.param(
        # its subject line with the "Hal" label lost to the two-column letter head, or behind a speck
        [
            "PEMERINTAH KABUPATEN PEMALANG",
            "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL",
            "Nomor : 882/293/2025 Kenada",
            ": Usul Pensiun Batas Usia Pensiun Kabupaten Pamalans",
            "Bersama ini kami sgamnaikan usul pemberhentian dansan hormat",
        ],
        "SURAT_PENGANTAR",
        id="pengantar-subject-label-lost",
    ),
    pytest.param(
        [
            "PEMERINTAH KABUPATEN KLATEN",
            ". Hal : Usul Pensiun Janda/Duda a.n. Eko Kabupaten Klaten",
            "Dengan hormat,",
        ],
        "SURAT_PENGANTAR",
        id="pengantar-subject-behind-a-speck",
    ),
    pytest.param(
        # the subject's label lost and its colon read as 1; the letter recites the death
        [
            "PEMERINTAH KABUPATEN BANYUMAS",
            "DINAS LINGKUNGAN HIDUP",
            "1 882/496/2023 Kepada",
            "1 Usul Pensiun Janda/Duda a.n. Wiwik Kabupaten Banyumas",
            "Bersama ini kami sampaikan usul pemberian pensiun janda/duda bagi",
            "Almarhum ROCHMAT WIBOWO, S.P. telah meninggal dunia pada",
            "tanggal 18 Juni 2023 dan meninggalkan seorang janda",
        ],
        "SURAT_PENGANTAR",
        id="pengantar-subject-colon-read-as-1",
    ),
    pytest.param(
        # a numbered row is no subject line
        [
            "SURAT KETERANGAN KEMATIAN",
            "1 Nama Lengkap : SLAMET RIYADI",
            "telah meninggal dunia pada hari Senin",
        ],
        "SURAT_KEMATIAN",
        id="kematian-numbered-row-no-subject",
    ),
    pytest.param(
        # the subject's colon read as 1
        [
            "PEMERINTAH KABUPATEN WONOSOBO",
            "Nomor 1 822,3/874/2025",
            "Hal 1 Kenaikan Gaji Berkala",
            "Dengan ini diberitahukan bahwa berhubung dengan telah dipenuhinya masa kerja",
        ],
        "SK_KGB",
        id="kgb-subject-colon-read-as-1",
    ),
    pytest.param(
        # the KP-4's title over two rows, its last word split ("KFI LIARGA")
        [
            "SURAT KETERANGAN",
            "UNTUK MENDAPATKAN PEMBAYARAN TUNJANGAN KFI LIARGA",
            "Saya yang beri ua tangan di —— ng",
            "1. Nama lengkap DWI SUYANTO, S.P.",
            "2. NIP 196701121097011068 .",
        ],
        "DAFTAR_KELUARGA",
        id="kp4-title-over-two-rows",
    ),
    pytest.param(
        # an e-KTP photocopy whose labels OCR lost: the card's head (province, kabupaten, NIK) decides
        [
            "PROVINSI JAWA TENGAH",
            "KABUPATEN KEBUMEN",
            "NIK 1 3385049706699521",
            "Nama ! ROCHMAT PURNOMO, S.H.",
            "Tempas gi Lahir 1 KEBUMEN, 07-06-1969",
            "Jenis Kain TLAKI-LAKI Gol. Daran : -",
            "1 KATHOLIK",
            "1 SEUMUR HIDUP",
        ],
        "KTP",
        id="ektp-by-its-head-rows",
    ),
    pytest.param(
        # a letterhead names the province too, but the page does not start with it
        [
            "PEMERINTAH PROVINSI JAWA TENGAH",
            "KABUPATEN KEBUMEN",
            "NIK 3305040706690521",
            "Nama : ROCHMAT PURNOMO",
        ],
        UNKNOWN,
        id="letterhead-is-no-ektp-head",
    ),
    pytest.param(
        # a university's keterangan aktif kuliah, its title's "AKTIF" damaged: its wording decides
        [
            "UNIVERSITAS TIDAR",
            "SURAT KETERANGAN AK 1ir KULIAH",
            "Nama : DEWI RAHMAWATI",
            "Program Studi : S1 Ilmu Komunikasi",
            "Tahun Akademik : 2025/2026",
            "adalah benar mahasiswa aktif Universitas Tidar pada tahun akademik 2025/2026.",
        ],
        "SURAT_KET_SEKOLAH",
        id="aktif-kuliah-by-its-wording",
    ),
    pytest.param(
        # a widower's address letter whose title OCR lost and whose two-column body interleaved
        [
            "Yang bertanda tangan di bawah",
            "Nama ini:",
            ": YUDI SUTRISNO",
            "Duda dari : 3303030511650301",
            "dengan ini menunjuk alamat",
            "keputusan pensiun dan Sesudah pensiun, untuk pengiriman",
            "Surat-surat lain, sebagai berikut: surat",
            "Alamat",
            ": Dk. Sawahan",
        ],
        "SURAT_ALAMAT",
        id="alamat-letter-by-its-wording",
    ),
    pytest.param(
        # a blurred NPWP card (corpus seed 67339): its big "NPWP" was read, the small ministry
        # header beside it on the same row was junk, and nothing else was legible
        ["NPWP Kenenyananyan-", "—.—.— . ..", "Ha ba", "LK LG", "tab ko aa", "KL KL KL...", "ai", "mn!"],
        "NPWP",
        id="card-title-ahead-of-junk-on-its-row",
    ),
    pytest.param(
        # an SK PNS whose two-row title OCR read out of order (seed 77471): its "CALON PEGAWAI
        # NEGERI SIPIL MENJADI" is no CPNS decree's title
        [
            "KEPUTUSAN BUPATI PURWOREJO",
            "NOMOR : 821.13/240/2012",
            "TENTANG",
            "PEGAWAI",
            "PENGANGKATAN CALON PEGAWAI NEGERI SIPIL MENJADI",
            "NEGERI SIPIL DI LINGKUNGAN PEMERINTAH KABUPATEN PURWOREJO",
            "Menimbang bahwa Calon Pegawai Negeri Sipil yang namanya tersebut dalam",
            "Keputusan ini telah memenuhi syarat untuk diangkat menjadi Pegawai Negeri Sipil",
            "Mengingat Undang-Undang Nomor 8 Tahun 1974 gaji pokok terhitung mulai tanggal",
        ],
        "SK_PNS",
        id="sk-pns-title-rows-out-of-order",
    ),
    pytest.param(
        # a peninjauan masa kerja decree whose PENINJAUAN was misread and set after the rest
        [
            "KEPUTUSAN KEPALA BKD KABUPATEN PEKALONGAN",
            "NOMOR : 823.4/637/2010",
            "TENTANG",
            "MASA KERJA DAN PENYESUAIAN GAJI POKOK PEGAWAI",
            "FENINJADAN",
            ". NEGERI SIPIL",
            "Menimbang : bahwa Pegawai Negeri Sipil yang namanya tersebut dalam Keputusan ini",
            "mempunyai pengalaman kerja sebelum diangkat yang dapat diperhitungkan",
            "Mengingat : Peraturan Pemerintah tentang Pengangkatan Tenaga Honorer Menjadi Calon Pegawai",
            "Negeri Sipil MEMUTUSKAN gaji pokok terhitung mulai tanggal masa percobaan",
        ],
        "SK_PMK",
        id="sk-pmk-title-word-misread",
    ),
    pytest.param(
        # a labelled row in capitals is no title: its capital lead ("NIK") names no document
        ["NIK : 3314136311730599 jalan sudirman no 25 rt 3 rw 5", "sumberejo gemolong sragen kabupaten"],
        UNKNOWN,
        id="capital-label-is-no-title",
    ),
]


@pytest.mark.parametrize("lines, expected", CASES)
def test_classify(lines, expected):
    result = classify_text(page_text(lines))
    assert result.doc_type == expected, (result.reasons, result.candidates)
    if expected != UNKNOWN:
        assert result.confidence >= 0.6


def test_ocr_noise_in_title_still_matches():
    lines = [
        *SK_HEAD,
        "PENGANGKATAM CALON PEGAWAl NEGERl SlPIL",
        "MEMUTUSKAN",
        "sebagai Calon Pegawai Negeri Sipil",
    ]
    assert classify_text(page_text(lines)).doc_type == "SK_CPNS"


@pytest.mark.parametrize(
    "title, expected",
    [
        ("KARTU PEGAWAI NEGERI SIPIL", "KARPEG"),
        ("KARTO PEGAWAl NEGERl SIPIL", "KARPEG"),  # misread letters
        ("DAFTAR PEGAWAI NEGERI SIPIL", None),  # one word differs: not a karpeg title
        ("PENGANG KATAN CALON PEGAWAI NEGERI SIPIL", "SK_CPNS"),  # a split word
        ("KUTIPAN AKTA KFI AHIRAN", "AKTA_KELAHIRAN"),  # a long word split and misread
        ("SURAT KETERANGAN MASIH KULIAH", "SURAT_KET_SEKOLAH"),  # not "SURAT KETERANGAN CERAI"
    ],
)
def test_title_words_must_be_in_the_matched_stretch(title, expected):
    result = classify_text(page_text([title, "Nomor : 123", "Nama : SUMARNO"]))
    assert (result.doc_type if result.title_hit else None) == expected, result.reasons


def test_saturated_tie_goes_to_the_profile_the_page_covers_more():
    """A peninjauan masa kerja decree with its title unread reads four SK_KGB keywords too (gaji pokok
    lama/baru, masa kerja golongan, terhitung mulai tanggal); it stays SK_PMK, with a confidence low
    enough to be looked at."""
    lines = [
        "Menimbang : bahwa Pegawai Negeri Sipil tersebut mempunyai pengalaman kerja yang dapat",
        "diperhitungkan sebagai masa kerja golongan;",
        "KESATU : Memperhitungkan masa kerja sebelum diangkat sebagai pegawai",
        "a. Masa kerja golongan lama : 0 Tahun 0 Bulan",
        "b. Gaji pokok lama : Rp 1.427.100,-",
        "d. Gaji pokok baru : Rp 1.512.700,-",
        "terhitung mulai tanggal 01 Maret 2009.",
    ]
    result = classify_text(page_text(lines))
    assert result.doc_type == "SK_PMK" and result.candidates[1][0] == "SK_KGB", result.candidates


def test_unknown_keeps_its_best_guesses():
    result = classify_text(page_text(["Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod"]))
    assert result.doc_type == UNKNOWN and len(result.candidates) == 3
