"""The reading stages on real pixels: Tesseract through its API, skew, orientation, PDF text layers.

Pages are drawn here with a real font (fonts-dejavu, installed by run.sh), so each test knows
what the page says and how it was turned, and checks what the pipeline reads back.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from classifiers.photo import is_photo_sheet, photo_regions
from pipeline import page as page_module
from pipeline import pdf, preprocess, tesseract
from pipeline.models import PageRef, PageText
from pipeline.page import process_page, read_upright, reading_score
from pipeline.settings import load_settings

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
SAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "samples"
LINES = [
    "KEPUTUSAN BUPATI KEBUMEN",
    "NOMOR 821.2/123/2019",
    "TENTANG PEMBERHENTIAN DENGAN HORMAT",
    "Nama : SITI AMINAH, S.Pd.",
    "Tempat/Tgl. Lahir : Kebumen, 15 Mei 1965",
    "Pangkat/Golongan : Pembina, IV/a",
    "Unit Kerja : Dinas Pendidikan dan Kebudayaan",
    "Demikian keputusan ini dibuat untuk dipergunakan",
]


def text_page(lines: list[str] = LINES, size: int = 34) -> np.ndarray:
    """An A4 page at 200 dpi with the lines printed on it, grey uint8."""
    img = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, size)
    for i, line in enumerate(lines):
        draw.text((150, 200 + i * 70), line, font=font, fill=0)
    return np.asarray(img).copy()


def test_api_reads_words_with_boxes_and_confidence():
    page = text_page()
    text = tesseract.recognise(page, "ind", 3, 1, 60)
    assert "KEPUTUSAN" in text.text and "AMINAH," in text.text
    assert text.ocr_confidence and text.ocr_confidence > 80
    word = next(w for w in text.words if w.text == "KEPUTUSAN")
    x0, y0, x1, y1 = word.bbox
    assert 140 <= x0 < 170 and 190 <= y0 < 215 and x1 > x0 + 150 and y1 < 250
    assert len({w.line for w in text.words}) == len(LINES)


def test_api_refuses_a_colour_image_clearly():
    with pytest.raises(tesseract.OcrError, match="8-bit grey"):
        tesseract.recognise(np.zeros((10, 10, 3), np.uint8), "ind", 3, 1, 10)


def test_unknown_language_is_an_ocr_error():
    with pytest.raises(tesseract.OcrError, match="language"):
        tesseract.recognise(text_page(), "xx_not_a_language", 3, 1, 10)


@pytest.mark.parametrize(
    ("tsv", "texts", "lines"),
    [
        ("", [], 0),
        ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n", [], 0),
        ("5\t1\t1\t1\t1\t1\t10\t20\t30\t40\t91.5\tNIP\n5\t1\t1\t1\t1\t2\t50\t20\t30\t40\t88\t:\n", ["NIP", ":"], 1),
        ("5\t1\t1\t1\t1\t1\t10\t20\t30\t40\t-1\t \n5\t1\t1\t1\t2\t1\t10\t80\t30\t40\t90\tNama\n", ["Nama"], 1),
        ("5\t1\t1\t1\t1\t1\t10\t20\t30\t40\t90\tA\n5\t1\t2\t1\t1\t1\t10\t80\t30\t40\t90\tB\n", ["A", "B"], 2),
    ],
)
def test_tsv_rows_become_words_on_lines(tsv, texts, lines):
    text = tesseract.words_from_data(tesseract.parse_tsv(tsv), width=100, height=100)
    assert [w.text for w in text.words] == texts
    assert len({w.line for w in text.words}) == lines


@pytest.mark.parametrize("angle", [-2.6, -1.0, 0.0, 0.8, 2.4])
def test_skew_is_found_within_a_fine_step(angle):
    page = text_page()
    h, w = page.shape
    tilted = cv2.warpAffine(page, cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0), (w, h), borderValue=255)
    assert preprocess.estimate_skew(tilted) == pytest.approx(-angle, abs=0.25)


def test_ink_band_is_the_quarter_with_the_text():
    page = np.full((2000, 1000), 255, np.uint8)
    page[1500:1560, 100:900] = 0
    band = preprocess.ink_band(page)
    assert band.shape == (500, 1000)
    assert (band < 128).sum() == 60 * 800
    small = np.full((200, 100), 255, np.uint8)
    assert preprocess.ink_band(small) is small


@pytest.mark.parametrize("turned", [0, 90, 180, 270])
def test_page_is_read_upright_whichever_way_it_was_scanned(turned):
    """The page as the scanner saw it: turned clockwise by ``turned``; the preprocessing guess for
    sideways text is taken as it comes, and the reading must end upright."""
    settings = load_settings()
    page = preprocess.rotate_clockwise(text_page(), turned)
    guess = 90 if preprocess.text_is_sideways(page) else 0
    text, turn = read_upright(preprocess.rotate_clockwise(page, guess), settings, (270,) if guess == 90 else ())
    assert (turned + guess + turn) % 360 == 0
    assert "PEMBERHENTIAN" in text.text


def test_sparse_page_guessed_sideways_is_read_back_in_full():
    """A page holding only a signature block, guessed sideways, its inkiest quarter a stamp with no
    word in it (seed 55117 berkas-0015 page 9): the band reads nothing either way, so the turn
    back to the page as scanned is read in full, not skipped."""
    img = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 34)
    for i, line in enumerate(["Pembina Utama Muda", "NIP. 19700316 199604 2 008"]):
        draw.text((900, 1500 + i * 60), line, font=font, fill=0)
    for k in range(0, 300, 6):  # the stamp: rings of ink, no letters
        draw.ellipse((250 + k // 3, 150 + k // 3, 750 - k // 3, 650 - k // 3), outline=40, width=3)
    page = np.asarray(img).copy()
    text, turn = read_upright(preprocess.rotate_clockwise(page, 90), load_settings(), (270,))
    assert turn == 270 and "Pembina" in text.text


def test_page_whose_layout_finds_no_block_is_read_as_one():
    """A tembusan block of a generated SK (seed 63211 berkas-0038 page 13, cleaned, paper greys set
    white) in which Tesseract's page layout (psm 3) finds no text block at all; read as one block it
    reads, and upright, where the turn upside down had read junk at 21 against nothing."""
    image = cv2.imread(str(Path(__file__).parent / "data" / "no-layout-block.png"), cv2.IMREAD_GRAYSCALE)
    settings = load_settings()
    assert not page_module.ocr(image, settings).words  # the layout finds nothing
    text, turn = read_upright(image, settings)
    assert turn == 0 and "Tembusan Keputusan" in text.text


def test_good_reading_is_not_read_again(monkeypatch):
    calls = []
    real = tesseract.recognise

    def counting(image, *args):
        calls.append(image.shape)
        return real(image, *args)

    monkeypatch.setattr(tesseract, "recognise", counting)
    read_upright(text_page(), load_settings())
    assert len(calls) == 1
    calls.clear()
    read_upright(preprocess.rotate_clockwise(text_page(), 180), replace(load_settings(), flip_below=65))
    # the page, then a band of it turned and as it is, then the page turned: the turn reads well, so no more
    assert len(calls) == 4 and calls[0] == calls[3] == (2339, 1654)
    assert all(shape[0] < 2339 for shape in calls[1:3]), "turns compared on a band"


def test_sideways_reading_scores_low_even_when_tesseract_is_confident():
    """Tesseract reads a page lying on its side as vertical text, often at high confidence."""
    page = text_page()
    upright = tesseract.recognise(page, "ind", 3, 1, 60)
    sideways = tesseract.recognise(preprocess.rotate_clockwise(page, 90), "ind", 3, 1, 60)
    assert reading_score(upright) > 80
    assert reading_score(sideways) < 0.5 * (sideways.ocr_confidence or 0.0) or reading_score(sideways) < 40


def test_text_layer_words_and_boxes_from_pdfium():
    path = SAMPLES / "berkas-0004.pdf"
    info = pdf.page_info(path, 1)
    assert info.text_chars > 500 and info.image_dpi is None
    dpi = 120.0
    text = pdf.text_layer(path, 1, dpi)
    assert text.method == "text_layer"
    assert (text.width, text.height) == (round(info.width_pt * dpi / 72), round(info.height_pt * dpi / 72))
    words = [w.text for w in text.words]
    assert words[:3] == ["PEMERINTAH", "KABUPATEN", "KEBUMEN"]
    for w in text.words:
        x0, y0, x1, y1 = w.bbox
        assert 0 <= x0 < x1 <= text.width and 0 <= y0 < y1 <= text.height
    assert text.words[0].line == 0 and text.words[3].line == 1


def test_scanned_pdf_page_info_gives_the_scan_resolution():
    info = pdf.page_info(SAMPLES / "berkas-0001.pdf", 1)
    assert info.text_chars == 0
    assert info.image_dpi == pytest.approx(200, abs=1)
    assert info.image_pixels > 3_000_000


@pytest.mark.parametrize(
    ("chars", "words"),
    [
        ([("A", 0, 0, 5, 10), ("B", 5, 0, 10, 10)], ["AB"]),
        ([("A", 0, 0, 5, 10), (" ", 5, 0, 8, 10), ("B", 8, 0, 13, 10)], ["A", "B"]),
        ([("A", 0, 0, 5, 10), ("B", 30, 0, 35, 10)], ["A", "B"]),  # a cell gap, no space drawn
        ([("A", 0, 20, 5, 30), ("\r", 5, 20, 5, 20), ("\n", 5, 20, 5, 20), ("B", 0, 0, 5, 10)], ["A", "B"]),
        ([("\x02", 0, 0, 0, 0), ("A", 0, 0, 5, 10)], ["A"]),
    ],
)
def test_pdfium_characters_become_words(chars, words):
    assert [w for w, _, _ in pdf._words(chars, page_height=100.0)] == words


def _sheet(sizes: list[tuple[int, int]], paper: int = 240, photo: int = 60) -> np.ndarray:
    page = np.full((2339, 1654), paper, np.uint8)
    for i, (w, h) in enumerate(sizes):
        x, y = 150 + (i % 3) * 450, 200 + (i // 3) * 600
        page[y : y + h, x : x + w] = photo
    return page


def _shaded(page: np.ndarray, low: int = 185, high: int = 205) -> np.ndarray:
    """``page`` with its paper (240) shading from ``low`` on the left to ``high`` on the right."""
    ramp = np.linspace(low, high, page.shape[1]).astype(np.uint8)
    return np.where(page == 240, ramp[None, :], page).astype(np.uint8)


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (_sheet([(315, 472)] * 6), True),  # six 4x6 prints at 200 dpi
        (_sheet([(236, 315)] * 4), True),  # four 3x4 prints
        # a dark copy: the paper itself grey (199, seed 59107), the prints a mid grey
        (_sheet([(236, 315)] * 6, paper=199, photo=118), True),
        (np.full((2339, 1654), 190, np.uint8), False),  # a dark copy of a blank page
        # paper shading from 185 to 205 across the sheet (seed 71413 berkas-0001 page 16): most of
        # it darker than the fixed grey, though its 90th percentile is lighter
        (_shaded(_sheet([(236, 315)] * 6, photo=120)), True),
        (_sheet([(315, 472), (236, 315), (315, 472), (236, 315)]), False),  # two of each: read it instead
        (_sheet([(315, 472)]), False),  # a KTP photo
        (text_page(), False),
    ],
)
def test_photo_sheet_is_told_without_ocr(page, expected):
    assert is_photo_sheet(page, 200.0) is expected


def test_kk_with_a_shaded_header_on_grey_paper_is_no_photo_sheet():
    """A KK copied at paper grey 217 (seed 65213 berkas-0026 page 14, stored at the 50 dpi the test
    works at): a grey taken under its paper split the shaded header row into four cells of one size."""
    page = cv2.imread(str(Path(__file__).parent / "data" / "kk-shaded-header-50dpi.png"), cv2.IMREAD_GRAYSCALE)
    assert not is_photo_sheet(page, 50.0)


def _small_print_table() -> np.ndarray:
    """A KK's member rows at 150 dpi: rules every 15 pixels with a row of small print between them,
    four cells dense enough at 50 dpi to pass for photos of one size, while most of each is paper."""
    rng = np.random.default_rng(1)
    page = np.full((1240, 1754), 232, np.uint8)
    for x in (126, 417, 1161, 1371):
        cell = page[303:456, x : x + 180]
        for y in range(0, 153, 15):
            cell[y : y + 3, :] = 80
            cell[y + 5 : y + 10, rng.random(180) < 0.4] = 110
    return page


def _blank_with_edge_shadow() -> np.ndarray:
    """A blank page turned by deskewing: a dark wedge of fill along its lower left edge."""
    page = np.full((2339, 1654), 235, np.uint8)
    page[1520:, :668] = 40
    return page


@pytest.mark.parametrize(
    ("page", "dpi", "photos"),
    [
        (_sheet([(315, 472)] * 6), 200.0, 6),
        (_small_print_table(), 150.0, 0),  # inked over less than half of each box: no photo
        (_blank_with_edge_shadow(), 200.0, 0),  # touches the page's edge: a shadow, no photo
    ],
)
def test_photo_regions_are_inside_the_page_and_inked(page, dpi, photos):
    assert len(photo_regions(page, dpi)) == photos
    assert not is_photo_sheet(page, dpi) or photos >= 4


FORM = [
    ("Yang bertanda tangan di bawah ini:", ""),
    ("Nama", "ENY PURWANTI"),
    ("Tempat/Tgl. Lahir", "Kemusu, 6 Juni 1971"),
    ("Alamat", "Jalan Nusantara No. 35, Desa Kamolan"),
    ("adalah janda dari Almarhum:", ""),
    ("Nama", "WAHYU SUYANTO, S.T."),
    ("Pangkat/Gol. Ruang", "Penata Tingkat I / III/d"),
    ("Jabatan terakhir", "Analis Kepegawaian Ahli Muda"),
    ("Meninggal dunia", "Jumat, 22-03-2024"),
]


def test_page_whose_sideways_guess_ocr_overturned_is_levelled_again(tmp_path, monkeypatch):
    """The sideways guess fails on some pages; OCR then puts them upright, but their skew was
    measured lying the wrong way: cleaned again as OCR found them, label and value stay on one row."""
    img = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 34)
    for i, (label, value) in enumerate(FORM):
        draw.text((150, 400 + i * 70), label, font=font, fill=0)
        draw.text((650, 400 + i * 70), f": {value}" if value else "", font=font, fill=0)
    path = tmp_path / "surat.png"
    img.rotate(3, fillcolor=255, resample=Image.BICUBIC).save(path, dpi=(200, 200))
    monkeypatch.setattr(preprocess, "text_is_sideways", lambda flat: True)  # the guess fails
    result = process_page(PageRef("b", 1, path, "surat.png", 1, "image"), load_settings())
    assert result.error is None and result.text.rotation == 0
    rows = result.text.line_texts()
    assert "Nama : WAHYU SUYANTO, S.T." in rows
    assert any(row.startswith("Meninggal dunia : Jumat, 22-03-2024") for row in rows)


def test_page_blank_by_its_ink_still_gives_its_one_line(tmp_path):
    """A letter's tembusan spilling onto a page of its own ("2. Arsip.") has too little ink for a
    page of text: it stays BLANK, but its words are read, so the grouping can join it to its letter."""
    img = Image.new("L", (2480, 3508), 255)
    ImageDraw.Draw(img).text((300, 250), "2. Arsip.", font=ImageFont.truetype(FONT, 44), fill=0)
    path = tmp_path / "arsip.png"
    img.save(path, dpi=(300, 300))
    settings = load_settings()
    assert preprocess.ink_fraction(np.asarray(img)) < settings.blank_max_ink_fraction
    result = process_page(PageRef("b", 2, path, "arsip.png", 1, "image"), settings)
    assert result.classification.doc_type == "BLANK"
    assert "Arsip." in result.text.text


TEMBUSAN = [
    "Tembusan Keputusan ini disampaikan kepada Yth.:",
    "1. Kepala Badan Kepegawaian Negara di Jakarta;",
    "2. Kepala Kantor Regional I Badan Kepegawaian Negara di Yogyakarta;",
    "3. Kepala PT TASPEN (Persero) Kantor Cabang Magelang;",
    "4. Pertinggal.",
]


def _light_copy(lines: list[str], ink: int, paper: int = 226) -> np.ndarray:
    """A 150-dpi copy of a closing page printed light: grey ``ink`` on grey paper."""
    img = Image.new("L", (1240, 1754), paper)
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(lines):
        draw.text((150, 150 + i * 32), line, font=ImageFont.truetype(FONT, 20), fill=ink)
    rng = np.random.default_rng(7)
    return np.clip(np.asarray(img).astype(np.int16) + rng.integers(-3, 4, (1754, 1240)), 0, 255).astype(np.uint8)


@pytest.mark.parametrize(
    ("page", "blank"),
    [
        # seed 57193 berkas-0039 page 7: an SK's tembusan page at grey 145-196 on paper at 226
        pytest.param(_light_copy(TEMBUSAN, 170), False, id="light-copy-of-a-page-of-text"),
        pytest.param(_light_copy(TEMBUSAN[-1:], 170), True, id="one-light-line-stays-blank"),
        pytest.param(_light_copy([], 0), True, id="grey-paper-with-its-grain"),
        pytest.param(np.full((1754, 1240), 255, np.uint8), True, id="white"),
    ],
)
def test_light_copy_is_no_blank_sheet(page: np.ndarray, blank: bool) -> None:
    settings = load_settings()
    assert preprocess.ink_fraction(page) < settings.blank_max_ink_fraction  # too little ink by contrast alone
    assert preprocess.prepare(page, 150, settings).blank is blank


def test_dark_speckled_copy_is_read():
    """A copy so dark that its paper is at grey 50 and its text at 25, speckled with toner at the
    text's grey (the passbook page of seed 63211 berkas-0016): flattening alone multiplies the
    speckle with the text, and Tesseract ran past 60 s on it; taken out first, the page reads."""
    rng = np.random.default_rng(3)
    dark = 50 - (255 - text_page().astype(np.float32)) * (25 / 255) + rng.normal(0, 4, (2339, 1654))
    speck = rng.random(dark.shape) < 0.08
    dark[speck] = rng.uniform(20, 35, int(speck.sum()))
    dark = np.clip(dark, 0, 255).astype(np.uint8)
    assert preprocess.is_dark(dark)
    prepared = preprocess.prepare(dark, 200, load_settings())
    text = tesseract.recognise(prepared.ocr, "ind", 3, 1, 30)
    assert "PEMBERHENTIAN" in text.text and "AMINAH" in text.text


def test_light_copy_is_read(tmp_path):
    path = tmp_path / "tembusan.png"
    Image.fromarray(_light_copy(TEMBUSAN, 170)).save(path, dpi=(150, 150))
    result = process_page(PageRef("b", 7, path, "tembusan.png", 1, "image"), load_settings())
    assert result.classification.doc_type != "BLANK" and "Kepegawaian" in result.text.text


def test_page_read_almost_empty_is_read_again_enlarged_and_as_scanned():
    """A speckled 200-dpi copy holding a short tembusan block read no letter at its size (seeds
    17683, 21433); enlarged it reads. Where the cleaning guessed the page sideways, the enlarged
    page is also read as scanned."""
    settings = load_settings()
    prepared = preprocess.prepare(text_page(), 200, settings, 90)  # the guess: sideways (wrongly)
    empty = PageText([], prepared.ocr.shape[1], prepared.ocr.shape[0], "ocr")
    text, turn, image = page_module._read_enlarged(prepared, empty, 0, prepared.ocr, settings)
    assert turn == 270 and "PEMBERHENTIAN" in text.text
    assert image.shape == (round(prepared.ocr.shape[1] * 1.5), round(prepared.ocr.shape[0] * 1.5))
    assert text.width == image.shape[1]  # boxes in the enlarged image's pixels
    # a first reading with more letters than any enlarged one is kept
    upright = preprocess.prepare(text_page(), 200, settings, 0)
    first = tesseract.recognise(upright.ocr, "ind", 3, 1, 60)
    assert page_module._read_enlarged(upright, first, 0, upright.ocr, settings)[0] is first
