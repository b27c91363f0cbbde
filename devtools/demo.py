"""``make demo``: the main job end to end, on local stand-ins, with nothing faked.

Starts Google's Firestore emulator (delivering write events itself through the dev relay),
fake-gcs-server and functions-framework serving ``main.py``, all on free loopback ports;
uploads a deterministic candle file; writes a ``flow_runs`` document whose OHLCV step has
SUCCEEDED and then moves its CHART_EXPORT step (all five built-in templates) to READY, as the
orchestrator would; waits for SUCCEEDED; downloads the PNGs and the manifest into
``./demo-output/``; prints a timeline from the function's own logs. Everything it started is
stopped on success, failure or Ctrl-C; the servers' logs are removed after a success and kept
(their folder printed) after anything else.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from devtools.emulators import ManagedServer, start_fake_gcs, start_firestore, start_function  # noqa: E402
from devtools.relay import Relay, register_trigger  # noqa: E402
from devtools.sample_data import candle_file, flow_run  # noqa: E402

PROJECT = "demo-chart-export"
CHARTS_BUCKET = "demo-charts"
CANDLES_BUCKET = "demo-artifacts"
TIMEFRAME = "4h"


def _say(text: str) -> None:
    print(text, flush=True)


def _describe(e: dict) -> str:
    event = e.get("event", "?")
    if event == "event_ignored":
        return f"event {str(e.get('eventId'))[:8]}: no-op ({e.get('reason')})"
    if event == "step_claimed":
        return f"claimed {e.get('stepId')} (attempt {e.get('attempt')}, claim {e.get('claimMs')} ms)"
    if event == "chart_written":
        return (f"  chart {e.get('chartTemplateId')}: {e.get('bytes', 0):,} bytes, render {e.get('renderMs')} ms, "
                f"render+upload {e.get('durationMs')} ms")
    if event == "chart_failed":
        return f"  chart {e.get('chartTemplateId')} FAILED: {e.get('message')}"
    if event == "manifest_written":
        return f"manifest written ({e.get('bytes')} bytes, {e.get('durationMs')} ms)"
    if event == "step_finalized":
        return f"finalized {e.get('status')}; durations ms {e.get('durationsMs')}"
    if event == "event_done":
        return f"event {str(e.get('eventId'))[:8]} done in {e.get('durationMs')} ms"
    return f"{event}: {e.get('message')}"


def _timeline(log_path: Path, run_id: str, t0: datetime) -> list[str]:
    lines = []
    for raw in log_path.read_text(errors="replace").splitlines():
        try:
            entry = json.loads(raw)
        except ValueError:
            continue
        if entry.get("runId") != run_id or "time" not in entry:
            continue
        at = (datetime.fromisoformat(entry["time"]) - t0).total_seconds() * 1000
        what = _describe(entry)
        lines.append(f"  +{at:8.1f} ms  {what}")
    return lines


def run_demo(out_dir: Path, candles: int, timeout: float) -> int:
    from google.auth.credentials import AnonymousCredentials
    from google.cloud import firestore, storage

    work = Path(tempfile.mkdtemp(prefix="chart-export-demo-"))  # the servers' logs
    started: list[ManagedServer] = []
    relay: Relay | None = None
    succeeded = False
    try:
        _say("== starting local stand-ins (loopback, free ports)")
        relay = Relay(asynchronous=True, max_attempts=6, backoff_s=1.0).start()
        firestore_server = start_firestore(work, functions_emulator=relay.host_port)
        started.append(firestore_server)
        gcs_server = start_fake_gcs(work)
        started.append(gcs_server)
        env = {
            "CHARTS_BUCKET": CHARTS_BUCKET, "GOOGLE_CLOUD_PROJECT": PROJECT, "LOG_LEVEL": "INFO",
            "FIRESTORE_EMULATOR_HOST": firestore_server.host_port, "STORAGE_EMULATOR_HOST": gcs_server.url,
        }
        function = start_function(work, env=env)
        started.append(function)
        relay.target_url = function.url
        register_trigger(firestore_server.host_port, PROJECT, "worker-chart-export")
        _say(f"   Firestore emulator  {firestore_server.host_port}  (pid {firestore_server.pid}, events -> relay)")
        _say(f"   fake-gcs-server     {gcs_server.url}  (pid {gcs_server.pid})")
        _say(f"   dev relay           {relay.host_port}  -> {function.url}")
        _say(f"   functions-framework {function.url}  main.worker_chart_export (pid {function.pid})")

        os.environ.update({k: v for k, v in env.items() if k.endswith("_HOST")})
        db = firestore.Client(project=PROJECT)
        gcs = storage.Client(project=PROJECT, credentials=AnonymousCredentials())
        for bucket in (CHARTS_BUCKET, CANDLES_BUCKET):
            gcs.create_bucket(bucket)

        run_id = datetime.now().strftime("%Y%m%d-%H%M%S") + "_BTCUSDT_demo1"
        candle_name = f"runs/{run_id}/ohlcv/{TIMEFRAME}.json"
        gcs.bucket(CANDLES_BUCKET).blob(candle_name).upload_from_string(
            candle_file(candles, timeframe=TIMEFRAME), content_type="application/json")
        candle_uri = f"gs://{CANDLES_BUCKET}/{candle_name}"
        _say(f"== run {run_id}: {candles} {TIMEFRAME} candles at {candle_uri}")

        step_id = f"charts:{TIMEFRAME}:all_builtins_v1"
        doc = flow_run(run_id, candle_uri=candle_uri, timeframe=TIMEFRAME, chart_status="PENDING",
                       chart_step_ids=(step_id,))
        ref = db.collection("flow_runs").document(run_id)
        ref.set(doc)
        t0 = datetime.now().astimezone()
        ref.update({f"steps.`{step_id}`.status": "READY"})  # the orchestrator's move
        _say(f"== {step_id} is READY (five templates); waiting for the function ...")

        deadline = time.monotonic() + timeout
        step: dict = {}
        while time.monotonic() < deadline:
            step = ref.get().to_dict()["steps"][step_id]
            if step["status"] in ("SUCCEEDED", "FAILED"):
                break
            time.sleep(0.1)
        elapsed = (datetime.now().astimezone() - t0).total_seconds()
        time.sleep(0.5)  # let the no-op events of our own writes land in the log
        _say("== timeline (from the function's JSON logs)")
        for line in _timeline(function.log_path, run_id, t0):
            _say(line)
        if step.get("status") != "SUCCEEDED":
            _say(f"!! step ended {step.get('status')!r}: {json.dumps(step.get('error'), indent=1)[:2000]}")
            _say(f"   function log: {function.log_path}")
            return 1

        manifest_uri = step["outputs"]["gcs_uri"]
        target = out_dir / run_id
        if out_dir.exists():
            shutil.rmtree(out_dir)
        target.mkdir(parents=True)
        bucket = gcs.bucket(CHARTS_BUCKET)
        prefix = f"charts/{run_id}/{step_id}/"
        for blob in gcs.list_blobs(CHARTS_BUCKET, prefix=prefix):
            local = target / blob.name.removeprefix(prefix)  # PNGs sit in their claim's folder
            local.parent.mkdir(parents=True, exist_ok=True)
            bucket.blob(blob.name).download_to_filename(str(local))
        _say(f"== SUCCEEDED in {elapsed:.2f} s; outputs.gcs_uri = {manifest_uri}")
        for path in sorted(p for p in target.rglob("*") if p.is_file()):
            _say(f"   {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}"
                 f"  ({path.stat().st_size:,} bytes)")
        _say(f"   relay: {relay.stats()}")
        succeeded = True
        return 0
    finally:
        for server in reversed(started):
            server.stop()
        if relay is not None:
            relay.stop()
        if succeeded:
            shutil.rmtree(work, ignore_errors=True)
        else:  # the logs are how a failed run is understood: keep them
            _say(f"   logs kept in {work} (function, Firestore emulator, fake-gcs-server); remove it when done")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("demo-output"))
    parser.add_argument("--candles", type=int, default=1500)
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args()

    def on_term(signum, frame):  # turn SIGTERM into the same clean shutdown as Ctrl-C
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)
    try:
        return run_demo(args.out, args.candles, args.timeout)
    except KeyboardInterrupt:
        _say("interrupted; everything started was stopped")
        return 130


if __name__ == "__main__":
    sys.exit(main())
