"""Put a run on the local stand-ins, as the workflow would, and wait for its chart steps.

    python -m devtools.put_run --flow-run examples/run.json --candles examples/candles.json \\
        --charts-bucket demo-charts --project demo-chart-export

Against the emulators only (``FIRESTORE_EMULATOR_HOST`` and ``STORAGE_EMULATOR_HOST`` must
be set; it refuses to run without them): creates the charts bucket and the bucket the run's
OHLCV step points at, uploads ``--candles`` to that ``outputs.gcs_uri``, writes
``flow_runs/<runId>`` with the chart steps ``PENDING`` and then moves them to ``READY`` (the
orchestrator's move, whose write event triggers the function), and waits until every chart
step is final. Prints each step's status and manifest URI; exit 0 when all SUCCEEDED.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path


def _bucket_and_name(uri: str) -> tuple[str, str]:
    scheme, _, rest = uri.partition("://")
    bucket, _, name = rest.partition("/")
    if scheme not in ("gs", "gcs") or not bucket or not name:
        raise SystemExit(f"error: the OHLCV step's outputs.gcs_uri is not gs://bucket/name: {uri!r}")
    return bucket, name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devtools.put_run", description=__doc__.splitlines()[0])
    parser.add_argument("--flow-run", required=True, type=Path, help="run document (JSON), e.g. examples/run.json")
    parser.add_argument("--candles", required=True, type=Path, help="candle file for the run's OHLCV step")
    parser.add_argument("--charts-bucket", required=True, help="the function's CHARTS_BUCKET")
    parser.add_argument("--project", required=True, help="the project id the function uses")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for the chart steps")
    args = parser.parse_args(argv)
    missing = [v for v in ("FIRESTORE_EMULATOR_HOST", "STORAGE_EMULATOR_HOST") if not os.environ.get(v)]
    if missing:
        print(f"error: {' and '.join(missing)} not set: this only writes to the local emulators", file=sys.stderr)
        return 2

    from google.auth.credentials import AnonymousCredentials
    from google.cloud import firestore, storage
    from google.cloud.firestore_v1.field_path import FieldPath

    doc = json.loads(args.flow_run.read_text("utf-8"))
    run_id, steps = doc["runId"], doc["steps"]
    charts = sorted(sid for sid, s in steps.items() if s.get("stepType") == "CHART_EXPORT")
    candle_uris = {s["outputs"]["gcs_uri"] for s in steps.values()
                   if s.get("stepType") == "OHLCV_EXPORT" and s.get("outputs", {}).get("gcs_uri")}

    gcs = storage.Client(project=args.project, credentials=AnonymousCredentials())
    for bucket in {args.charts_bucket, *(_bucket_and_name(u)[0] for u in candle_uris)}:
        if gcs.lookup_bucket(bucket) is None:
            gcs.create_bucket(bucket)
    for uri in candle_uris:
        bucket, name = _bucket_and_name(uri)
        gcs.bucket(bucket).blob(name).upload_from_filename(str(args.candles), content_type="application/json")
        print(f"uploaded {args.candles} to {uri}")

    ref = firestore.Client(project=args.project).collection("flow_runs").document(run_id)
    ready = {FieldPath("steps", sid, "status").to_api_repr(): "READY" for sid in charts if steps[sid]["status"] == "READY"}
    for sid in charts:
        if steps[sid]["status"] == "READY":
            steps[sid]["status"] = "PENDING"
    ref.set(doc)
    ref.update(ready)
    print(f"wrote flow_runs/{run_id}; {', '.join(charts)} READY; waiting ...", flush=True)

    deadline = time.monotonic() + args.timeout
    while True:
        current = ref.get().to_dict()["steps"]
        final = {sid: current[sid] for sid in charts if current[sid]["status"] in ("SUCCEEDED", "FAILED")}
        if len(final) == len(charts) or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    for sid in charts:
        step = current[sid]
        detail = step.get("outputs", {}).get("gcs_uri") or json.dumps(step.get("error"))
        print(f"{sid}: {step['status']} {detail or ''}".rstrip())
    return 0 if all(current[sid]["status"] == "SUCCEEDED" for sid in charts) else 1


if __name__ == "__main__":
    raise SystemExit(main())
