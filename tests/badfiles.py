"""Build the bad-input corpus (and a few small good pages) on the fly, for tests/test_bad_input.py
and tests/test_faults.py. Nothing is committed: every file is made in the test's tmp folder.

Good pages are small on purpose (a few lines of text, 150-200 dpi) so real OCR stays a second or
two a page; text-layer PDFs need no OCR at all.
"""

from __future__ import annotations

import hashlib
import os
import struct
import zlib
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib import pdfencrypt
from reportlab.pdfgen import canvas

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
NIP = "197705152008011002"  # the kind of number that must never reach a log line
NIK = "3316095505770001"

SK_LINES = [
    "KEPUTUSAN BUPATI BLORA",
    "NOMOR 821.2/118/2008",
    "TENTANG PENGANGKATAN CALON PEGAWAI NEGERI SIPIL",
    f"Nama : SITI AMINAH, S.Pd.   NIP : {NIP}",
    "Tempat/Tanggal Lahir : Blora, 15 Mei 1977",
    "Terhitung mulai tanggal 01-01-2008",
]


def text_pdf(path: Path, pages: list[list[str]], sizes: list[tuple[float, float]] | None = None, **kw) -> Path:
    """A born-digital PDF: each page's lines in its text layer (no OCR needed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    c = canvas.Canvas(str(path), **kw)
    for i, lines in enumerate(pages):
        w, h = sizes[i] if sizes else (595.0, 842.0)
        c.setPageSize((w, h))
        c.setFont("Helvetica", 11 if w > 200 else 2)
        for n, line in enumerate(lines):
            c.drawString(min(60, w * 0.1), h - min(80, h * 0.1) - n * (18 if w > 200 else 2), line)
        c.showPage()
    c.save()
    return path


def text_image(path: Path, lines: list[str], size: tuple[int, int] = (1240, 1754), dpi: int = 150) -> Path:
    """A scanned-looking page: black text on white, saved with its resolution (OCR needed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    im = Image.new("L", size, 255)
    draw = ImageDraw.Draw(im)
    font = ImageFont.truetype(FONT, max(12, dpi // 6))
    for n, line in enumerate(lines):
        draw.text((size[0] // 12, size[1] // 12 + n * dpi // 3), line, fill=0, font=font)
    im.save(path, dpi=(dpi, dpi))
    return path


def blank_png(path: Path, size: tuple[int, int]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(np.full(size[::-1], 255, np.uint8)).save(path)
    return path


def build_pdf(objects: list[bytes]) -> bytes:
    """A PDF from raw object bodies (object 1 is the catalog), with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _page_objects(text: bytes) -> list[bytes]:
    content = b"BT /F1 14 Tf 60 760 Td (" + text + b") Tj ET"
    return [
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]


def javascript_pdf(path: Path) -> Path:
    """One text page, plus an OpenAction and a named JavaScript action and an embedded .exe."""
    text = b"SURAT PERNYATAAN TIDAK PERNAH DIJATUHI HUKUMAN DISIPLIN TINGKAT SEDANG ATAU BERAT"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /OpenAction 6 0 R /Names << /JavaScript 7 0 R /EmbeddedFiles 9 0 R >> >>",
        *_page_objects(text),
        b"<< /S /JavaScript /JS (app.alert\\('berkas'\\);) >>",
        b"<< /Names [(a) 8 0 R] >>",
        b"<< /S /JavaScript /JS (this.print\\(\\);) >>",
        b"<< /Names [(x.exe) 10 0 R] >>",
        b"<< /Type /Filespec /F (x.exe) /EF << /F 11 0 R >> >>",
        b"<< /Type /EmbeddedFile /Length 5 >>\nstream\nMZxyz\nendstream",
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(build_pdf(objects))
    return path


def big_image_pdf(path: Path, side: int) -> Path:
    """An A4 page showing one side x side 1-bit image (a bomb inside a PDF when side is large)."""
    comp = zlib.compressobj(9)
    rows = b"\x00" * ((side + 7) // 8) * 100
    raw = b"".join(comp.compress(rows) for _ in range(side // 100)) + comp.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /XObject << /Im1 5 0 R >> >> >>",
        b"<< /Length 33 >>\nstream\nq 500 0 0 700 40 70 cm /Im1 Do Q\nendstream",
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray"
        b" /BitsPerComponent 1 /Filter /FlateDecode /Length %d >>\nstream\n"
        % (side, side, len(raw))
        + raw
        + b"\nendstream",
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(build_pdf(objects))
    return path


def encrypted_pdf(path: Path, user_password: str = "rahasia") -> Path:
    """Encrypted with a user password (cannot be opened) or, with "", an owner password only."""
    enc = pdfencrypt.StandardEncryption(user_password, "pemilik", canPrint=0)
    return text_pdf(path, [SK_LINES], encrypt=enc)


def zero_page_pdf(path: Path) -> Path:
    doc = pdfium.PdfDocument.new()
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    doc.close()
    return path


def many_page_pdf(path: Path, pages: int) -> Path:
    """A PDF of ``pages`` empty A4 pages: 2,000 pages take 0.1 s and 250 kB."""
    doc = pdfium.PdfDocument.new()
    for _ in range(pages):
        doc.new_page(595, 842)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    doc.close()
    return path


def truncated_pdf(path: Path) -> Path:
    whole = text_pdf(path.with_name(".whole-" + path.name), [SK_LINES, SK_LINES])
    data = whole.read_bytes()
    whole.unlink()
    path.write_bytes(data[: len(data) // 2])
    return path


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bomb_png(path: Path, side: int = 60000) -> Path:
    """A valid 1-bit PNG of side x side white pixels: 2 MB on disk, 3.6 billion pixels decoded."""
    row = b"\x00" + b"\xff" * ((side + 7) // 8)
    comp = zlib.compressobj(1)
    block = row * 1000
    data = b"".join(comp.compress(block) for _ in range(side // 1000)) + comp.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", data) + _chunk(b"IEND", b""))
    return path


def tiff_with_big_second_frame(path: Path, big: tuple[int, int]) -> Path:
    """Page 1 small, page 2 over the pixel limit: Pillow checks only the first frame on open."""
    frames = [Image.new("1", (200, 280), 1), Image.new("1", big, 1)]
    path.parent.mkdir(parents=True, exist_ok=True)
    frames[0].save(path, save_all=True, append_images=frames[1:], compression="group4")
    return path


EPS = b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\nnewpath 0 0 moveto 10 10 lineto stroke\nshowpage\n"


def file_hashes(folder: Path) -> dict[str, str]:
    """sha256 of every regular file under folder (links followed, pipes skipped: reading blocks)."""
    out = {}
    for dirpath, _dirs, files in os.walk(folder, followlinks=False):
        for name in files:
            p = Path(dirpath) / name
            if p.is_file():
                out[str(p.relative_to(folder))] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def all_names(folder: Path) -> set[str]:
    """Every entry under folder, files, links and pipes alike (to see that nothing was added)."""
    return {str(Path(d, n).relative_to(folder)) for d, dirs, files in os.walk(folder) for n in dirs + files}
