"""Nightly reprocessing: re-run archived dossiers so reports follow changed rules and profiles.

Scheduled by the ``nightly-reprocess`` deployment in prefect.yaml. It re-runs the intake flow
over the archive folder into the report folder; each report records the pipeline, Tesseract,
profile and rule versions it was made with.
"""

from __future__ import annotations

from typing import Any

from prefect import flow

from flows.intake import process_batch


@flow(name="berkas-nightly-reprocess")
def reprocess(archive: str, out: str) -> dict[str, Any]:
    return process_batch(inputs=[archive], out=out)
