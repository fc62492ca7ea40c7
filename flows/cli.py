"""The ``berkas`` command line.

``berkas process INPUT... --out OUTDIR [--jenis CASE]`` runs the intake flow on a local,
embedded Prefect (ephemeral API, SQLite under the project's folder): no server to start and no
Prefect Cloud. Exit status 0 when every bundle got a report, non-zero only when the run failed.
``berkas watch`` keeps taking bundles from a drop folder, ``berkas nightly`` reports again the
archived dossiers whose reports are stale. ``--dask-address tcp://HOST:PORT`` (or
BERKAS_DASK_ADDRESS) runs the page tasks on a Dask cluster. On a terminal the console shows one
progress line instead of Prefect's per-page log (``--verbose`` for the log).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from pipeline.ingest import CASE_TYPES
from pipeline.privacy import mask

PROJECT_DIR = Path(__file__).resolve().parents[1]
DASK_ENV = "BERKAS_DASK_ADDRESS"  # flows/scaleout.py reads it; not imported here: it imports Prefect


def prefect_environment() -> None:
    """Embedded Prefect defaults; anything the user set explicitly wins."""
    home = PROJECT_DIR / ".prefect"
    if not os.access(PROJECT_DIR, os.W_OK):
        home = Path.home() / ".berkas" / "prefect"
    os.environ.setdefault("PREFECT_HOME", str(home))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")  # nor the client's telemetry (and its notice on a terminal)
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO")
    os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_UI_ENABLED", "false")
    # The embedded server starts in ~10 s on an idle 2-core machine; under load (CI, a busy
    # scanner station) Prefect's 20 s default was seen to expire.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")


def embedded_prefect() -> Callable[[], None]:
    """The Prefect environment, and the embedded API started at once (flows/local_api.py): it
    comes up on the other core while this process imports the flows. Returns the wait for it."""
    prefect_environment()
    from flows.local_api import start_embedded_api

    return start_embedded_api()


def positive_int(text: str) -> int:
    """argparse type for --workers: a clear error for 0, negatives and words, not a traceback."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"harus bilangan bulat >= 1, bukan {text!r}")
    return value


def out_inside_input(out: Path, inputs: list[str]) -> str | None:
    """The input folder that OUTDIR is, or lies inside, if any: reports must never be written
    among the scanner's files (they would be taken for bundles, or change a bundle folder)."""
    target = out.resolve()
    for raw in inputs:
        folder = Path(raw).resolve()
        if folder.is_dir() and (target == folder or folder in target.parents):
            return raw
    return None


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
    p.add_argument("--workers", type=positive_int, help="halaman yang diproses paralel (bawaan: jumlah core)")
    p.add_argument(
        "--force",
        action="store_true",
        help="proses ulang juga bundel yang laporannya untuk isi yang sama sudah ada di OUTDIR",
    )
    add_run_options(p)
    n = sub.add_parser("nightly", help="proses ulang berkas arsip yang laporannya dibuat dengan versi lama")
    n.add_argument("--archive", required=True, metavar="DIR", help="folder arsip (DROP-arsip)")
    n.add_argument("--out", required=True, metavar="OUTDIR", help="folder laporan")
    n.add_argument("--force", action="store_true", help="proses ulang semua berkas, juga yang sudah mutakhir")
    n.add_argument("--workers", type=positive_int, help="halaman yang diproses paralel (bawaan: jumlah core)")
    add_run_options(n)
    w = sub.add_parser("watch", help="pantau folder drop: proses bundel yang sudah lengkap, lalu arsipkan")
    w.add_argument("drop", metavar="DROP")
    w.add_argument("--out", required=True, metavar="OUTDIR")
    w.add_argument("--archive", metavar="DIR", help="folder arsip (bawaan: DROP-arsip di sebelah DROP)")
    w.add_argument("--settle", type=float, default=10.0, help="detik tanpa perubahan sebelum bundel diambil")
    w.add_argument("--interval", type=float, default=15.0, help="detik antar pemeriksaan")
    w.add_argument("--once", action="store_true", help="satu putaran saja")
    w.add_argument("--workers", type=positive_int, help="halaman yang diproses paralel (bawaan: jumlah core)")
    add_run_options(w)
    e = sub.add_parser("eval", help="proses korpus berlabel dan ukur akurasi terhadap ground truth")
    e.add_argument("--corpus", required=True, metavar="DIR", help="korpus: DIR/samples (bundel) dan DIR/truth (JSON)")
    e.add_argument("--out", metavar="OUTDIR", help="folder laporan dan eval.json (bawaan: out/eval-<nama korpus>)")
    e.add_argument("--workers", type=positive_int, help="halaman yang diproses paralel (bawaan: jumlah core)")
    e.add_argument("--generate", type=int, metavar="SEED", help="buat dulu korpus baru dengan seed ini ke DIR")
    e.add_argument("--count", type=int, default=30, help="jumlah berkas yang dibuat dengan --generate (bawaan 30)")
    return parser


def add_run_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--dask-address",
        metavar="tcp://HOST:PORT",
        help=f"jalankan halaman di klaster Dask ini (bawaan: ${DASK_ENV}, atau thread di mesin ini)",
    )
    p.add_argument(
        "--verbose", "-v", action="store_true", help="tampilkan log Prefect lengkap di terminal, bukan baris kemajuan"
    )


def console_setup(args: argparse.Namespace) -> None:
    """The progress line on stderr; on a terminal it replaces Prefect's per-page INFO lines there
    (they still reach the Prefect API), unless --verbose. Pipes and log files keep the full log."""
    from flows import progress

    if args.dask_address:
        os.environ[DASK_ENV] = args.dask_address  # read when flows.intake is imported
    interactive = sys.stderr.isatty()
    if interactive and not args.verbose:
        os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "WARNING")
    progress.enable(sys.stderr, live=interactive and not args.verbose)


def run_nightly(args: argparse.Namespace) -> int:
    if not Path(args.archive).is_dir():
        print(f"berkas: folder arsip {args.archive} tidak ada", file=sys.stderr)
        return 2
    api_ready = embedded_prefect()
    from flows.nightly import reprocess
    from flows.scaleout import api_for_workers, dask_address

    api_ready()
    with api_for_workers() if dask_address() else contextlib.nullcontext():
        summary = reprocess(archive=args.archive, out=args.out, force=args.force)
    print(
        f"{summary['checked']} berkas di arsip, {summary['up_to_date']} sudah mutakhir, "
        f"{summary['reprocessed']} diproses ulang, {len(summary['dossiers'])} berubah"
    )
    print(f"Ringkasan: {summary['files']['text']} ({summary['files']['json']})")
    return 0


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
    api_ready = embedded_prefect()
    from flows.intake import process_batch

    api_ready()
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
    console_setup(args)
    if args.command == "nightly":
        return run_nightly(args)
    if args.command == "watch":
        if not Path(args.drop).is_dir():
            print(f"berkas: folder drop {args.drop} tidak ada", file=sys.stderr)
            return 2
        if out_inside_input(Path(args.out), [args.drop]):
            print(
                f"berkas: --out {args.out} ada di dalam folder drop; pilih folder laporan di luarnya", file=sys.stderr
            )
            return 2
        api_ready = embedded_prefect()
        from flows.scaleout import api_for_workers, dask_address
        from flows.watch import watch_drop

        api_ready()
        with api_for_workers() if dask_address() else contextlib.nullcontext():
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
    inside = out_inside_input(out, args.inputs)
    if inside:
        print(
            f"berkas: --out {out} sama dengan atau ada di dalam folder input {inside}; "
            "laporan tidak boleh ditulis di antara berkas scanner, pilih folder di luarnya",
            file=sys.stderr,
        )
        return 2
    api_ready = embedded_prefect()
    from flows.intake import process_batch  # after the environment: Prefect reads it on import
    from flows.scaleout import api_for_workers, dask_address, task_runner

    api_ready()
    run = process_batch
    if dask_address():
        run = process_batch.with_options(task_runner=task_runner(dask_address()))
    with api_for_workers() if dask_address() else contextlib.nullcontext():
        summary = run(
            inputs=[str(p) for p in args.inputs],
            out=str(out),
            jenis=args.jenis,
            folder_is_bundle=args.bundle,
            force=args.force,
        )
    print(json.dumps(summary["status_counts"], ensure_ascii=False))
    rate = summary["pages_per_minute"]
    reused = len(summary.get("reused", []))
    again = f" ({reused} bundel dari laporan sebelumnya, tidak diproses ulang)" if reused else ""
    print(f"{len(summary['bundles'])} bundel, {summary['pages']} halaman, {rate} halaman/menit{again}")
    for b in summary["bundles"]:
        print(f"  {b['status']:<16} {mask(str(out / b['html']))}")
    where = out.resolve()
    print(
        mask(
            f"Laporan: {where} (halaman batch: {where / 'index.html'}, "
            f"ringkasan: {where / 'summary.json'}, temuan: {where / 'findings.csv'})"
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
