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
    # The embedded server starts in ~10 s on an idle 2-core machine; under load (CI, a busy
    # scanner station) Prefect's 20 s default was seen to expire.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")


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
    p.add_argument(
        "--bundle",
        action="store_true",
        help="setiap folder INPUT adalah satu bundel (untuk folder halaman berupa PDF/TIFF)",
    )
    p.add_argument("--workers", type=int, help="halaman yang diproses paralel (bawaan: jumlah core)")
    w = sub.add_parser("watch", help="pantau folder drop: proses bundel yang sudah lengkap, lalu arsipkan")
    w.add_argument("drop", metavar="DROP")
    w.add_argument("--out", required=True, metavar="OUTDIR")
    w.add_argument("--archive", metavar="DIR", help="folder arsip (bawaan: DROP-arsip di sebelah DROP)")
    w.add_argument("--settle", type=float, default=10.0, help="detik tanpa perubahan sebelum bundel diambil")
    w.add_argument("--interval", type=float, default=15.0, help="detik antar pemeriksaan")
    w.add_argument("--once", action="store_true", help="satu putaran saja")
    w.add_argument("--workers", type=int, help="halaman yang diproses paralel (bawaan: jumlah core)")
    e = sub.add_parser("eval", help="proses korpus berlabel dan ukur akurasi terhadap ground truth")
    e.add_argument("--corpus", required=True, metavar="DIR", help="korpus: DIR/samples (bundel) dan DIR/truth (JSON)")
    e.add_argument("--out", metavar="OUTDIR", help="folder laporan dan eval.json (bawaan: out/eval-<nama korpus>)")
    e.add_argument("--workers", type=int, help="halaman yang diproses paralel (bawaan: jumlah core)")
    e.add_argument("--generate", type=int, metavar="SEED", help="buat dulu korpus baru dengan seed ini ke DIR")
    e.add_argument("--count", type=int, default=30, help="jumlah berkas yang dibuat dengan --generate (bawaan 30)")
    return parser


def run_eval(args: argparse.Namespace) -> int:
    from pipeline.eval_output import confusion_svg, format_table
    from pipeline.evaluate import score
    from pipeline.report import safe_dirname, write_atomic

    corpus = Path(args.corpus)
    if args.generate is not None:
        from fixtures.corpus import generate_corpus

        generate_corpus(corpus, seed=args.generate, count=args.count, jobs=min(2, os.cpu_count() or 1))
    samples, truth_dir = corpus / "samples", corpus / "truth"
    if not samples.is_dir() or not truth_dir.is_dir():
        print(f"berkas: korpus {corpus} harus berisi samples/ dan truth/", file=sys.stderr)
        return 2
    out = Path(args.out) if args.out else Path("out") / f"eval-{corpus.resolve().name}"
    prefect_environment()
    from flows.intake import process_batch

    process_batch(inputs=[str(samples)], out=str(out / "reports"))
    pairs = []
    for truth_path in sorted(truth_dir.glob("*.json")):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        report_path = out / "reports" / safe_dirname(truth["bundle_id"]) / "report.json"
        report = json.loads(report_path.read_text(encoding="utf-8")) if report_path.is_file() else {}
        pairs.append((report, truth))
    summary = score(pairs)
    write_atomic(out / "eval.json", json.dumps(summary, ensure_ascii=False, indent=2))
    write_atomic(out / "confusion.svg", confusion_svg(summary))
    print(format_table(summary))
    print(f"eval.json dan confusion.svg di {out.resolve()}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.workers:
        os.environ["BERKAS_WORKERS"] = str(args.workers)
    if args.command == "eval":
        return run_eval(args)
    if args.command == "watch":
        if not Path(args.drop).is_dir():
            print(f"berkas: folder drop {args.drop} tidak ada", file=sys.stderr)
            return 2
        prefect_environment()
        from flows.watch import watch_drop

        result = watch_drop(
            drop=args.drop,
            out=args.out,
            archive_dir=args.archive,
            settle_seconds=args.settle,
            interval=args.interval,
            once=args.once,
        )
        print(f"diproses: {len(result['processed'])}, sudah pernah: {len(result['repeats'])}")
        return 0
    missing = [p for p in args.inputs if not Path(p).exists()]
    if missing:
        print(f"berkas: input tidak ada: {', '.join(missing)}", file=sys.stderr)
        return 2
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        print(f"berkas: --out {out} bukan folder", file=sys.stderr)
        return 2
    prefect_environment()
    from flows.intake import process_batch  # after the environment: Prefect reads it on import

    summary = process_batch(
        inputs=[str(p) for p in args.inputs], out=str(out), jenis=args.jenis, folder_is_bundle=args.bundle
    )
    print(json.dumps(summary["status_counts"], ensure_ascii=False))
    rate = summary["pages_per_minute"]
    print(f"{len(summary['bundles'])} bundel, {summary['pages']} halaman, {rate} halaman/menit")
    for b in summary["bundles"]:
        print(f"  {b['status']:<16} {mask(str(out / b['html']))}")
    print(
        f"Laporan: {out.resolve()} (halaman batch: {out.resolve() / 'index.html'}, "
        f"ringkasan: {out.resolve() / 'summary.json'}, temuan: {out.resolve() / 'findings.csv'})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
