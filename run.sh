#!/usr/bin/env bash
# One entry point that sets a fresh machine up, then runs what you ask for.
#   ./run.sh demo   - install, then process the bundled sample dossiers (fixtures/samples -> out/)
#   ./run.sh test   - install, then run the whole test suite (what .ci/run calls)
#   ./run.sh setup  - install only
# Installs (idempotent): Tesseract 5 with the Indonesian language data, poppler-utils and fonts
# from Debian's packages (needs root or sudo), and a Python venv in .venv with the project.
set -euo pipefail
cd "$(dirname "$0")"

need_apt=()
command -v tesseract >/dev/null 2>&1 || need_apt+=(tesseract-ocr)
{ command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx ind; } || need_apt+=(tesseract-ocr-ind)
command -v pdftoppm >/dev/null 2>&1 || need_apt+=(poppler-utils)
[ -d /usr/share/fonts/truetype/dejavu ] || need_apt+=(fonts-dejavu)
[ -d /usr/share/fonts/truetype/liberation ] || need_apt+=(fonts-liberation)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)   # the report pages are tested in a real browser
if [ ${#need_apt[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "==> apt-get install ${need_apt[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

PY="${PYTHON:-python3.11}"
command -v "$PY" >/dev/null 2>&1 || PY=python3
if [ ! -x .venv/bin/python ]; then
  echo "==> creating .venv with $PY"
  "$PY" -m venv .venv
fi
stamp=.venv/.berkas-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "==> pip install -e .[dev]"
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -e ".[dev]"
  touch "$stamp"
fi

export PREFECT_HOME="${PREFECT_HOME:-$PWD/.prefect}"
export PREFECT_SERVER_ANALYTICS_ENABLED=false

case "${1:-demo}" in
  setup) ;;
  demo)
    shift || true
    .venv/bin/berkas process fixtures/samples --out "${1:-out}"
    ;;
  test)
    shift || true
    .venv/bin/python -m pytest "$@"
    ;;
  *) echo "usage: $0 [demo [OUTDIR] | test [pytest args] | setup]" >&2; exit 2 ;;
esac
