"""The KK member table as OCR leaves it, and the checks that rest on it (no OCR: page texts).

Row numbers lost or misread in the ruled first column, a NIK split by a space or lengthened by a
speck, a name cell that wrapped, the second table's rows numbered in order; a table read in part
makes a missing child an unsure finding; a row's NIK/birth-date disagreement needs the person's
other documents to confirm it; a garbled card NIK is the KK row of the card's holder."""

from __future__ import annotations

import pytest

from pipeline import kk
from pipeline.crosscheck import crosscheck
from pipeline.extract import extract_document
from pipeline.models import Document, FieldValue
from pipeline.persons import member_named
from tests.textpage import page_result

HEADER = [
    "KARTU KELUARGA",
    "No. 3375042807171348",
    "Nama Kepala Keluarga : DWI SUTRISNO",
    "No Nama Lengkap NIK Jenis Kelamin Tempat Lahir Tanggal Lahir Agama",
]
SECOND = "No Status Perkawinan Tanggal Perkawinan Status Hubungan Dalam Keluarga Kewarganegaraan Nama Ayah Nama Ibu"
FOOT = "Dikeluarkan Tanggal : 28-07-2017 KEPALA KELUARGA KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL"
RELATIONS = [
    "1 KAWIN 12-02-1996 KEPALA KELUARGA WNI - - MARDJUKI KASIYEM",
    "2 KAWIN 12-02-1996 ISTRI WNI - - KARTO WAGINAH",
    "3 BELUM KAWIN - ANAK WNI - - DWI SUTRISNO RINI PURWANTI",
]
ROWS = [
    "1 DWI SUTRISNO 3375040511690818 LAKI-LAKI PEKALONGAN 05-11-1969 KRISTEN",
    "2 RINI PURWANTI 3375044604730599 PEREMPUAN PEKALONGAN 06-04-1973 KRISTEN",
    "3 NOVITA SARI 3375045303980855 PEREMPUAN PEKALONGAN 13-03-1998 KRISTEN",
]


def members(rows: list[str], relations: list[str] = RELATIONS) -> list[tuple]:
    doc = Document("d1", "KK", [1])
    fields = extract_document(doc, {1: page_result(1, [*HEADER, *rows, SECOND, *relations, FOOT], "KK")})
    return [(m["no"], m["nama"], m["nik"], m["tanggal_lahir"], m["hubungan"]) for m in fields["anggota"].value]


WANT = [
    (1, "DWI SUTRISNO", "3375040511690818", "1969-11-05", "KEPALA KELUARGA"),
    (2, "RINI PURWANTI", "3375044604730599", "1973-04-06", "ISTRI"),
    (3, "NOVITA SARI", "3375045303980855", "1998-03-13", "ANAK"),
]


@pytest.mark.parametrize(
    "rows, relations",
    [
        pytest.param(ROWS, RELATIONS, id="clean"),
        pytest.param([ROWS[0], ROWS[1], ROWS[2][2:]], RELATIONS, id="row-number-lost"),
        pytest.param(["Lo " + ROWS[0][2:], "Do " + ROWS[1][2:], ROWS[2]], RELATIONS, id="row-number-as-letters"),
        pytest.param(
            [ROWS[0], "2 RINI PURWANTI 3375044604 730599 PEREMPUAN PEKALONGAN 06-04-1973 KRISTEN", ROWS[2]],
            RELATIONS,
            id="nik-split-by-a-space",
        ),
        pytest.param(
            [ROWS[0], "2 RINI PURWANTI 3375044604?730599 PEREMPUAN PEKALONGAN 06-04-1973 KRISTEN", ROWS[2]],
            RELATIONS,
            id="nik-split-by-a-speck",
        ),
        pytest.param(
            [ROWS[0], "2 RINI PURWANTI 337 5044604730599 PEREMPUAN PEKALONGAN 06-04-1973 KRISTEN", ROWS[2]],
            RELATIONS,
            id="nik-split-after-three-digits",
        ),
        pytest.param(
            ["1 DWI SUTRISNO 33750405116690818 LAKI-LAKI PEKALONGAN 05-11-1969 KRISTEN", *ROWS[1:]],
            RELATIONS,
            id="nik-doubled-digit-dropped-by-the-rows-birth-date",
        ),
        pytest.param(
            [ROWS[0], "(2 RINI 3375044604730599 PEKALONGAN | |", "PURWANTI PEREMPUAN 06-04-1973 KRISTEN", ROWS[2]],
            RELATIONS,
            id="name-cell-wrapped",
        ),
        pytest.param(
            ROWS,
            ["KAWIN 12-02-1996 KEPALA KELUARGA WNI", "(2 kawan 12-02-1996 ISTRI WNI", "Ya | BELUM Kawan - IANAK WNI"],
            id="second-table-numbers-lost",
        ),
        pytest.param(
            ROWS,
            ["Perkawinan Keluarga", "(10) (11) (12)", *RELATIONS],
            id="second-header-over-three-rows",
        ),
    ],
)
def test_member_rows(rows, relations):
    assert members(rows, relations) == WANT


def test_misread_row_number_follows_the_row_above():
    rows = [ROWS[0], ROWS[1], "(“8 |" + ROWS[2][1:]]
    assert [m[0] for m in members(rows)] == [1, 2, 3]


def test_relations_not_shifted_when_the_second_table_lost_a_row():
    """Three members, two relation rows without numbers: which row is lost is unknown, so none is
    joined by order (a wife must not become a child)."""
    got = members(ROWS, ["KAWIN 12-02-1996 KEPALA KELUARGA WNI", "BELUM KAWIN - ANAK WNI"])
    assert [m[4] for m in got] == [None, None, None]


def test_no_kk_and_header_are_not_members():
    got = members(ROWS)
    assert [m[1] for m in got] == ["DWI SUTRISNO", "RINI PURWANTI", "NOVITA SARI"]


@pytest.mark.parametrize(
    "explicit, want",
    [
        ([1, 2, 3], [1, 2, 3]),
        ([None, 2, None], [1, 2, 3]),
        ([1, 3, 4], [1, 3, 4]),  # a row lost between 1 and 3
        ([1, 1, 3], [1, 2, 3]),  # "1" read for 2
        ([1, 2, 3, 8, 15], [1, 2, 3, 4, 5]),  # "(“8" and "15" misread
        ([None, None], [1, 2]),
    ],
)
def test_sequence(explicit, want):
    assert [n for n, _ in kk.sequence(explicit, 3)] == want


def test_rows_shown_but_unread_are_counted():
    doc = Document("d1", "KK", [1])
    lines = [*HEADER, ROWS[0], "2 ~~~ ~~~ ~~ ~~", ROWS[2], SECOND, *RELATIONS, FOOT]
    fields = extract_document(doc, {1: page_result(1, lines, "KK")})
    assert len(fields["anggota"].value) == 2
    assert fields["jumlah_anggota"].value == 3


NIP = "197705152008011002"


def fv(value, conf: float = 0.95) -> FieldValue:
    return FieldValue(value, 1, conf, (10, 10, 50, 20))


def doc(i: int, doc_type: str, conf: float = 0.95, **fields) -> Document:
    return Document(f"d{i}", doc_type, [i], {k: FieldValue(v, i, conf, (10, 10, 50, 20)) for k, v in fields.items()})


def kk_doc(i: int, rows: list[tuple], shown: int | None = None) -> Document:
    anggota = [
        {"nama": n, "nik": k, "tanggal_lahir": b, "jenis_kelamin": g, "hubungan": h, "page": i}
        for n, k, b, g, h in rows
    ]
    fields = {"anggota": FieldValue(anggota, i, 0.9)}
    if shown is not None:
        fields["jumlah_anggota"] = FieldValue(shown, i, 0.9)
    return Document(f"d{i}", "KK", [i], fields)


HEAD = ("AGUS MUFID", "3316051505770001", "1977-05-15", "L", "KEPALA KELUARGA")
WIFE = ("SRI WAHYUNI", "3316056102800002", "1980-02-21", "P", "ISTRI")
BASE = [
    doc(1, "SK_CPNS", nama="AGUS MUFID", nip=NIP, tanggal_lahir="1977-05-15", tmt="2008-01-01"),
    doc(2, "SK_PNS", nama="AGUS MUFID", nip=NIP),
]


def findings(documents: list[Document]) -> list:
    return crosscheck(documents, [], "BUP", None)[1]


@pytest.mark.parametrize(
    "shown, severity, says",
    [
        pytest.param(None, "error", "", id="table-read-whole"),
        pytest.param(2, "error", "", id="as-many-rows-as-read"),
        pytest.param(3, "warning", "Tabel KK memuat 3 baris, hanya 2 yang terbaca.", id="a-row-unread"),
    ],
)
def test_child_missing_from_a_table_read_in_part(shown, severity, says):
    docs = [
        *BASE,
        kk_doc(9, [HEAD, WIFE], shown),
        doc(10, "AKTA_KELAHIRAN", nama="NAUFAL PRATAMA", tanggal_lahir="2011-06-20"),
    ]
    [f] = [f for f in findings(docs) if f.code == "CHILD_NOT_IN_KK"]
    assert f.severity == severity
    assert says in f.message


@pytest.mark.parametrize(
    "other, flagged",
    [
        pytest.param([], False, id="unconfirmed-table-reading"),
        pytest.param(
            [doc(15, "AKTA_KELAHIRAN", nama="SRI WAHYUNI", tanggal_lahir="1980-03-21")], True, id="row-date-confirmed"
        ),
        pytest.param(
            [doc(15, "AKTA_KELAHIRAN", nama="SRI WAHYUNI", tanggal_lahir="1980-02-21")],
            False,
            id="another-document-prints-the-niks-date",
        ),
    ],
)
def test_kk_row_nik_birthdate_needs_confirmation(other, flagged):
    row = ("SRI WAHYUNI", "3316056102800002", "1980-03-21", "P", "ISTRI")
    got = [f.code for f in findings([*BASE, kk_doc(9, [HEAD, row]), *other])]
    assert ("NIK_BIRTHDATE_MISMATCH" in got) is flagged


def test_same_name_rows_told_apart_by_birth_date():
    first = ("NOVITA PERMATASARI", "3371034801950849", "1995-01-08", "P", "ANAK")
    second = ("NOVITA PERMATASARI", "3371035311990499", "1999-11-13", "P", "ANAK")
    rows = [(kk_doc(9, []), dict(zip(("nama", "nik", "tanggal_lahir"), r[:3], strict=False))) for r in (first, second)]
    assert member_named(rows, "NOVITA PERMATASARI", "1999-11-13")[1]["nik"] == "3371035311990499"
    assert member_named(rows, "NOVITA PERMATASARI", None)[1]["nik"] == "3371034801950849"


@pytest.mark.parametrize(
    "read, conf, want",
    [
        pytest.param("33160651505977001", 0.2, "3316051505770001", id="garbled-unsure-card-nik"),
        pytest.param("33160651505977001", 0.9, "33160651505977001", id="sure-reading-kept"),
        pytest.param("3316065150597700133", 0.2, "3316065150597700133", id="too-far-from-the-row"),
    ],
)
def test_garbled_card_nik_from_the_holders_kk_row(read, conf, want):
    card = doc(3, "KTP", conf, nama="AGUS MUFID", nik=read, tanggal_lahir="1977-05-15", jenis_kelamin="L")
    card.fields["nama"] = fv("AGUS MUFID")
    card.fields["tanggal_lahir"] = fv("1977-05-15")
    docs = [*BASE, card, kk_doc(9, [HEAD, WIFE])]
    findings(docs)
    assert card.fields["nik"].value == want


@pytest.mark.parametrize(
    "card_conf, nik_conf, want",
    [
        # the KK table's digits read surer than the card's (its own NIK word, not the row's mean)
        pytest.param(0.82, 0.93, "3316051505770001", id="card-read-less-surely"),
        pytest.param(0.82, 0.85, "3316051505770091", id="not-surer-by-the-margin"),
        pytest.param(0.95, 0.99, "3316051505770091", id="card-read-surely"),
    ],
)
def test_card_nik_corroborated_by_the_kk_rows_nik(card_conf, nik_conf, want):
    from pipeline.persons import repair_niks_from_kk

    card = doc(3, "KTP", card_conf, nama="AGUS MUFID", nik="3316051505770091", tanggal_lahir="1977-05-15")
    table = kk_doc(9, [HEAD])
    table.fields["anggota"].value[0].update(confidence=0.7, nik_confidence=nik_conf)
    repair_niks_from_kk([card, table])
    assert card.fields["nik"].value == want


@pytest.mark.parametrize(
    "card_name, want",
    [
        pytest.param(None, "3316051505770001", id="card-name-unread"),
        pytest.param("AGUS MUFLD, S.E.", "3316051505770001", id="card-name-misread"),
        pytest.param("BAMBANG HERU", "33160651505977001", id="another-person-born-that-day"),
    ],
)
def test_garbled_card_nik_holder_by_birth_date_and_name(card_name, want):
    card = doc(3, "KTP", 0.2, nik="33160651505977001", tanggal_lahir="1977-05-15")
    if card_name:
        card.fields["nama"] = fv(card_name)
    findings([*BASE, card, kk_doc(9, [HEAD, WIFE])])
    assert card.fields["nik"].value == want


@pytest.mark.parametrize(
    "card_nik, row_nik, want",
    [
        # the card's year digits misread (68 as 63): the KK row encodes the card's printed birth date
        pytest.param("3328131703630953", "3328131703680953", "3328131703680953", id="card-date-digits-misread"),
        # a NIK that really disagrees with the card's date is printed so on the KK too: kept, reported
        pytest.param("3328132203680953", "3328132203680953", "3328132203680953", id="real-defect-kept"),
        # a row encoding another date than the card prints is another person
        pytest.param("3328131703630953", "3328131803630953", "3328131703630953", id="row-encodes-another-date"),
    ],
)
def test_card_nik_whose_date_digits_were_misread(card_nik, row_nik, want):
    from pipeline.persons import repair_niks_from_kk

    card = doc(3, "KTP", 0.65, nama="ROCHMAT SUYANTO", nik=card_nik, tanggal_lahir="1968-03-17", jenis_kelamin="L")
    table = kk_doc(9, [("ROCHMAT SUYANTO", row_nik, "1968-03-17", "L", "KEPALA KELUARGA")])
    table.fields["anggota"].value[0].update(confidence=0.73, nik_confidence=0.9)
    repair_niks_from_kk([card, table])
    assert card.fields["nik"].value == want


@pytest.mark.parametrize(
    "row_nik, want",
    [
        # the KK row misread the region (06 for 05), the card its serial: the card's glyphs allow
        # the reading one digit from the row's
        pytest.param("3325066207670408", "3325056207670408", id="row-misread-elsewhere"),
        # the row reads the NIK as the card does: the card's reading stands
        pytest.param("3325056207678483", "3325056207678483", id="row-reads-alike"),
    ],
)
def test_card_nik_doubt_settled_by_the_kk_row(row_nik, want):
    from pipeline.persons import repair_niks_from_kk

    card = doc(3, "KTP", 0.5, nama="WIWIK LESTARI", nik="3325056207678483", tanggal_lahir="1967-07-22")
    card.fields["nik"].choices = ("3325056207670401", "3325056207670408", "3325056207678489")
    table = kk_doc(9, [("WIWIK LESTARI", row_nik, "1967-07-22", "P", "ISTRI")])
    table.fields["anggota"].value[0].update(confidence=0.73, nik_confidence=0.14)
    repair_niks_from_kk([card, table])
    assert card.fields["nik"].value == want


# digits by glyph shape: "3312240800690463" (four same zeros), "3316051505771234" (two)
SHAPES_00 = ((0, 1, 15), (2,), (3, 4), (5, 13), (6, 8, 9, 12), (7,), (10, 14), (11,))
SHAPES_ZEROS = ((0, 1, 14), (2, 6, 12), (3,), (4, 8), (5, 7, 9), (10, 11), (13,), (15,))


@pytest.mark.parametrize(
    "read, row_nik, groups, want",
    [
        # the card prints its month 00: the KK's valid NIK would give one of its four same zeros a
        # 4, which its shapes refuse
        pytest.param("3312240800690463", "3312240804690463", SHAPES_00, "3312240800690463", id="kk-splits-a-shape"),
        pytest.param("3312240800690463", "3312240804690463", (), "3312240804690463", id="shapes-unknown"),
        # a shape read 9 throughout (a dotted zero) made 0 throughout: a misreading put right
        pytest.param("3316951595771234", "3316051505771234", SHAPES_ZEROS, "3316051505771234", id="kk-remaps-a-shape"),
    ],
)
def test_invalid_card_nik_kept_where_its_shapes_say_so(read, row_nik, groups, want):
    from pipeline.persons import repair_niks_from_kk

    card = doc(3, "KTP", 0.8, nama="YUDI SANTOSO", nik=read, tanggal_lahir="1969-04-08")
    card.fields["nik"].glyph_groups = groups
    table = kk_doc(9, [("YUDI SANTOSO", row_nik, "1969-04-08", "L", "KEPALA KELUARGA")])
    repair_niks_from_kk([card, table])
    assert card.fields["nik"].value == want
