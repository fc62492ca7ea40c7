"""The ``berkas`` command line.

``berkas process INPUT... --out OUTDIR [--jenis CASE]`` runs the intake flow on a local,
embedded Prefect (ephemeral API, SQLite under the project's folder): no server to start and no
Prefect Cloud. Exit status 0 when every bundle got a report, non-zero only when the run failed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from pipeline.ingest import CASE_TYPES
from pipeline.privacy import mask

PROJECT_DIR = Path(__file__).resolve().parents[1]


def prefect_environment() -> None:
    """Embedded Prefect defaults; anything the user set explicitly wins."""
    home = PROJECT_DIR / ".prefect"
    if not os.access(PROJECT_DIR, os.W_OK):
        home = Path.home() / ".berkas" / "prefect"
    os.environ.setdefault("PREFECT_HOME", str(home))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO")
    os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_UI_ENABLED", "false")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="berkas", description="Berkas usul pensiun: OCR, cek silang, laporan kelengkapan."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("process", help="proses bundel / folder drop dan tulis laporan kelengkapan")
    p.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="bundel (PDF/TIFF/JPEG/PNG atau folder halaman) atau folder drop",
    )
    p.add_argument("--out", required=True, metavar="OUTDIR", help="folder laporan")
    p.add_argument(
        "--jenis",
        choices=[c for c in CASE_TYPES if c != "UNKNOWN"],
        help="jenis pensiun untuk bundel tanpa manifest 'jenis'",
    )
    p.add_argument("--workers", type=int, help="halaman yang diproses paralel (bawaan: jumlah core)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    missing = [p for p in args.inputs if not Path(p).exists()]
    if missing:
        print(f"berkas: input tidak ada: {', '.join(missing)}", file=sys.stderr)
        return 2
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        print(f"berkas: --out {out} bukan folder", file=sys.stderr)
        return 2
    if args.workers:
        os.environ["BERKAS_WORKERS"] = str(args.workers)
    prefect_environment()
    from flows.intake import process_batch  # after the environment: Prefect reads it on import

    summary = process_batch(inputs=[str(p) for p in args.inputs], out=str(out), jenis=args.jenis)
    print(json.dumps(summary["status_counts"], ensure_ascii=False))
    rate = summary["pages_per_minute"]
    print(f"{len(summary['bundles'])} bundel, {summary['pages']} halaman, {rate} halaman/menit")
    for b in summary["bundles"]:
        print(f"  {b['status']:<16} {mask(str(out / b['html']))}")
    print(f"Laporan: {out.resolve()} (ringkasan: {out.resolve() / 'summary.json'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
